package supervision

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/errs"
	"intermart/internal/identity"
)

// Breakdowns of the figures (FiguresQuery.By).
const (
	ByRegion = "region"
	ByOwner  = "owner"
	ByAgency = "agency"
	ByItem   = "item"
)

// FiguresQuery asks for the dashboard's figures (统计) of a period, dates
// in Asia/Shanghai, both included; optionally only those of one region,
// owner, agency or service item, and broken down by one of them.
type FiguresQuery struct {
	// From and To are dates, YYYY-MM-DD; empty From is 1 January of To's
	// year, empty To is today (by the marketplace clock).
	From string
	To   string
	// Region, OwnerID, AgencyID and ItemID filter; zero values do not.
	Region   string
	OwnerID  int64
	AgencyID int64
	ItemID   int64
	// By breaks the figures down: "", ByRegion, ByOwner, ByAgency or ByItem.
	By string
}

// Totals are the figures of DESIGN.md's Statistics section over a set of
// facts. Money is integer fen.
type Totals struct {
	Published  int64 `json:"published" doc:"Announcements whose first publication falls in the period (relisted rounds count again)"`
	Selections int64 `json:"selections" doc:"Announcements that reached awarded in the period"`
	Contracts  int64 `json:"contracts" doc:"Contracts that became active in the period"`
	Completed  int64 `json:"completed" doc:"Contracts that became completed in the period"`
	OnTime     int64 `json:"onTime" doc:"Of those completed, how many by their due date"`
	// OnTimeRate is OnTime ÷ Completed in percent with two decimals,
	// rounded half up in integer arithmetic; "" when nothing completed.
	OnTimeRate string `json:"onTimeRate" doc:"On-time completion rate, percent with two decimals; empty when none completed"`
	DealFen    int64  `json:"dealFen" doc:"Sum of the deal prices of the awards in the period, fen"`
	CeilingFen int64  `json:"ceilingFen" doc:"Sum of the ceilings of the same awards, fen"`
	SavingsFen int64  `json:"savingsFen" doc:"Sum of (ceiling − deal price) over the same awards, fen"`
	// SavingsRate is SavingsFen ÷ CeilingFen in percent with two decimals.
	SavingsRate string `json:"savingsRate" doc:"Savings ÷ ceilings, percent with two decimals; empty when no award has a price"`
	// AwaitingPrice counts direct selections awarded in the period whose
	// price is agreed at the contract and not registered yet: they count
	// in Selections but not yet in the money.
	AwaitingPrice int64 `json:"awaitingPrice" doc:"Direct selections awarded in the period whose contract price is not registered yet"`
	Complaints    int64 `json:"complaints" doc:"Complaints filed in the period"`
	Upheld        int64 `json:"upheld" doc:"Of those, how many were upheld"`
}

// MonthFigures are the figures of one calendar month of the period.
type MonthFigures struct {
	Month string `json:"month" doc:"YYYY-MM"`
	Totals
}

// GroupFigures are the figures of one region, owner, agency or item.
type GroupFigures struct {
	// Key is the region code or the organisation or item id; "" for the
	// facts without one (announcements not yet awarded, by agency).
	Key    string `json:"key"`
	Name   string `json:"name"`
	NameEn string `json:"nameEn"`
	Totals
}

// Figures are the dashboard: the totals of the period, its monthly trend
// and, when asked for, the breakdown.
type Figures struct {
	From   string         `json:"from" format:"date"`
	To     string         `json:"to" format:"date"`
	By     string         `json:"by,omitempty"`
	Totals Totals         `json:"totals"`
	Months []MonthFigures `json:"months" nullable:"false"`
	Groups []GroupFigures `json:"groups" nullable:"false"`
}

// period is a checked FiguresQuery: its dates as UTC-midnight dates.
type period struct {
	FiguresQuery
	from, to time.Time
}

var errNotRegulator = errs.New(errs.Forbidden, "regulators_only", "only regulators read the statistics")

// check validates q, filling the default period from now.
func (q FiguresQuery) check(now time.Time) (*period, error) {
	var f errs.Fields
	p := &period{FiguresQuery: q}
	parse := func(field, s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			f.Add(field, "date_format", "must be a date YYYY-MM-DD")
		}
		return d
	}
	if q.To == "" {
		p.to = shanghaiDay(now)
	} else {
		p.to = parse("query.to", q.To)
	}
	if q.From == "" {
		p.from = time.Date(p.to.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	} else {
		p.from = parse("query.from", q.From)
	}
	if len(f) == 0 && p.from.After(p.to) {
		f.Add("query.from", "period_order", "the period must start on or before its end")
	}
	if len(f) == 0 && p.to.Sub(p.from) > 20*366*24*time.Hour {
		f.Add("query.from", "period_too_long", "the period may span at most 20 years")
	}
	switch q.By {
	case "", ByRegion, ByOwner, ByAgency, ByItem:
	default:
		f.Add("query.by", "breakdown", "must be region, owner, agency or item")
	}
	if q.OwnerID < 0 {
		f.Add("query.owner", "id_format", "must be a positive integer")
	}
	if q.AgencyID < 0 {
		f.Add("query.agency", "id_format", "must be a positive integer")
	}
	if q.ItemID < 0 {
		f.Add("query.item", "id_format", "must be a positive integer")
	}
	p.From, p.To = p.from.Format(time.DateOnly), p.to.Format(time.DateOnly)
	return p, f.Err()
}

// facts is the query of the period's facts under the filters.
func (p *period) facts(idb bun.IDB) *bun.SelectQuery {
	return p.filtered(idb.NewSelect().Model((*fact)(nil)).Where("f.day BETWEEN ? AND ?", p.from, p.to))
}

// filtered adds the query's filters to q over a table aliased f that has
// the dimension columns (supervision_facts or supervision_months).
func (p *period) filtered(q *bun.SelectQuery) *bun.SelectQuery {
	if p.Region != "" {
		q = q.Where("f.region_code = ?", p.Region)
	}
	if p.OwnerID > 0 {
		q = q.Where("f.owner_id = ?", p.OwnerID)
	}
	if p.AgencyID > 0 {
		q = q.Where("f.agency_id = ?", p.AgencyID)
	}
	if p.ItemID > 0 {
		q = q.Where("f.item_id = ?", p.ItemID)
	}
	return q
}

// split divides the period into the whole calendar months it covers, read
// from the monthly summary (first and last are those months' first days;
// ok is false when there is none), and the days at its edges outside them,
// read from the facts (at most two ranges, both ends included).
func (p *period) split() (first, last time.Time, ok bool, edges [][2]time.Time) {
	first = time.Date(p.from.Year(), p.from.Month(), 1, 0, 0, 0, 0, time.UTC)
	if !first.Equal(p.from) {
		first = first.AddDate(0, 1, 0)
	}
	after := p.to.AddDate(0, 0, 1)
	end := time.Date(after.Year(), after.Month(), 1, 0, 0, 0, 0, time.UTC) // first day after the whole months
	if !first.Before(end) {
		return time.Time{}, time.Time{}, false, [][2]time.Time{{p.from, p.to}}
	}
	if p.from.Before(first) {
		edges = append(edges, [2]time.Time{p.from, first.AddDate(0, 0, -1)})
	}
	if end.Before(after) {
		edges = append(edges, [2]time.Time{end, p.to})
	}
	return first, end.AddDate(0, -1, 0), true, edges
}

// sums are the aggregate columns of the figures; the rates are computed
// from them in Go.
const sums = `count(*) FILTER (WHERE f.kind = 'published') AS published,
	count(*) FILTER (WHERE f.kind = 'awarded') AS selections,
	count(*) FILTER (WHERE f.kind = 'registered') AS contracts,
	count(*) FILTER (WHERE f.kind = 'completed') AS completed,
	count(*) FILTER (WHERE f.kind = 'completed' AND f.on_time) AS on_time,
	coalesce(sum(f.deal_fen) FILTER (WHERE f.kind = 'awarded'), 0)::bigint AS deal_fen,
	coalesce(sum(f.ceiling_fen) FILTER (WHERE f.kind = 'awarded' AND f.deal_fen IS NOT NULL), 0)::bigint AS ceiling_fen,
	count(*) FILTER (WHERE f.kind = 'awarded' AND f.deal_fen IS NULL) AS awaiting_price,
	count(*) FILTER (WHERE f.kind = 'complaint') AS complaints,
	count(*) FILTER (WHERE f.kind = 'complaint' AND f.upheld) AS upheld`

// totalsRow is one aggregate row, keyed.
type totalsRow struct {
	Key           string `bun:"key"`
	Published     int64  `bun:"published"`
	Selections    int64  `bun:"selections"`
	Contracts     int64  `bun:"contracts"`
	Completed     int64  `bun:"completed"`
	OnTime        int64  `bun:"on_time"`
	DealFen       int64  `bun:"deal_fen"`
	CeilingFen    int64  `bun:"ceiling_fen"`
	AwaitingPrice int64  `bun:"awaiting_price"`
	Complaints    int64  `bun:"complaints"`
	Upheld        int64  `bun:"upheld"`
}

func (r totalsRow) totals() Totals {
	return Totals{Published: r.Published, Selections: r.Selections, Contracts: r.Contracts, Completed: r.Completed,
		OnTime: r.OnTime, OnTimeRate: percent(r.OnTime, r.Completed), DealFen: r.DealFen, CeilingFen: r.CeilingFen,
		SavingsFen: r.CeilingFen - r.DealFen, SavingsRate: percent(r.CeilingFen-r.DealFen, r.CeilingFen),
		AwaitingPrice: r.AwaitingPrice, Complaints: r.Complaints, Upheld: r.Upheld}
}

// percent is n ÷ d in percent with two decimals, rounded half away from
// zero in integer arithmetic; "" when d is 0.
func percent(n, d int64) string {
	if d == 0 {
		return ""
	}
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	bp := (n*20000/d + 1) / 2 // basis points, rounded half up
	return fmt.Sprintf("%s%d.%02d", sign, bp/100, bp%100)
}

// monthSums are the aggregate columns of the figures over the monthly
// summary, named as in sums.
const monthSums = `sum(f.published)::bigint AS published,
	sum(f.selections)::bigint AS selections,
	sum(f.contracts)::bigint AS contracts,
	sum(f.completed)::bigint AS completed,
	sum(f.on_time)::bigint AS on_time,
	sum(f.deal_fen)::bigint AS deal_fen,
	sum(f.ceiling_fen)::bigint AS ceiling_fen,
	sum(f.awaiting_price)::bigint AS awaiting_price,
	sum(f.complaints)::bigint AS complaints,
	sum(f.upheld)::bigint AS upheld`

// groupKey is the SQL of a grouping's key over the facts, over the
// monthly summary, and over the monthly and daily totals per dimension
// (their rows of dim).
type groupKey struct{ facts, months, dim, monthKeys, dayKeys string }

var (
	keyMonth   = groupKey{"to_char(f.day, 'YYYY-MM')", "to_char(f.month, 'YYYY-MM')", "all", "to_char(f.month, 'YYYY-MM')", "to_char(f.day, 'YYYY-MM')"}
	groupKeyOf = map[string]groupKey{
		ByRegion: {"f.region_code", "f.region_code", ByRegion, "f.key", "f.key"},
		ByOwner:  {"f.owner_id::text", "f.owner_id::text", ByOwner, "f.key", "f.key"},
		ByAgency: {"coalesce(f.agency_id::text, '')", "CASE WHEN f.agency_id = 0 THEN '' ELSE f.agency_id::text END", ByAgency, "f.key", "f.key"},
		ByItem:   {"f.item_id::text", "f.item_id::text", ByItem, "f.key", "f.key"},
	}
)

// unfiltered says whether the query has no filter, so whole months can be
// read from the monthly totals per dimension.
func (p *period) unfiltered() bool {
	return p.Region == "" && p.OwnerID == 0 && p.AgencyID == 0 && p.ItemID == 0
}

// keyed aggregates the period's facts grouped by key, in one statement.
// Without filters: the whole months from the monthly totals per dimension,
// the days at the period's edges from the daily ones. With filters: the
// whole months from the monthly summary, the edge days from the facts.
func (p *period) keyed(ctx context.Context, idb bun.IDB, key groupKey) ([]totalsRow, error) {
	first, last, whole, edges := p.split()
	var parts []*bun.SelectQuery
	if whole && p.unfiltered() {
		parts = append(parts, idb.NewSelect().TableExpr("supervision_month_keys AS f").
			ColumnExpr(key.monthKeys+" AS key").ColumnExpr(monthSums).
			Where("f.month BETWEEN ? AND ? AND f.dim = ?", first, last, key.dim).GroupExpr("1"))
	} else if whole {
		parts = append(parts, p.filtered(idb.NewSelect().TableExpr("supervision_months AS f").
			ColumnExpr(key.months+" AS key").ColumnExpr(monthSums).
			Where("f.month BETWEEN ? AND ?", first, last).GroupExpr("1")))
	}
	if len(edges) > 0 && p.unfiltered() {
		parts = append(parts, idb.NewSelect().TableExpr("supervision_day_keys AS f").
			ColumnExpr(key.dayKeys+" AS key").ColumnExpr(monthSums).Where("f.dim = ?", key.dim).
			WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
				for _, e := range edges {
					q = q.WhereOr("f.day BETWEEN ? AND ?", e[0], e[1])
				}
				return q
			}).GroupExpr("1"))
	} else if len(edges) > 0 {
		q := idb.NewSelect().TableExpr("supervision_facts AS f").ColumnExpr(key.facts+" AS key").ColumnExpr(sums).
			WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
				for _, e := range edges {
					q = q.WhereOr("f.day BETWEEN ? AND ?", e[0], e[1])
				}
				return q
			}).GroupExpr("1")
		parts = append(parts, p.filtered(q))
	}
	var rows []totalsRow
	var q *bun.SelectQuery
	if len(parts) == 1 {
		q = parts[0].OrderExpr("1")
	} else {
		q = idb.NewSelect().TableExpr("(? UNION ALL ?) AS f", parts[0], parts[1]).ColumnExpr("f.key").ColumnExpr(monthSums).
			GroupExpr("1").OrderExpr("1")
	}
	err := q.Scan(ctx, &rows)
	return rows, err
}

// add sums r and o.
func (r totalsRow) add(o totalsRow) totalsRow {
	r.Published += o.Published
	r.Selections += o.Selections
	r.Contracts += o.Contracts
	r.Completed += o.Completed
	r.OnTime += o.OnTime
	r.DealFen += o.DealFen
	r.CeilingFen += o.CeilingFen
	r.AwaitingPrice += o.AwaitingPrice
	r.Complaints += o.Complaints
	r.Upheld += o.Upheld
	return r
}

// Figures computes the dashboard for q: regulators only. The year of
// demo data and its test read the figures back through it.
func (s *Service) Figures(ctx context.Context, p *authz.Principal, q FiguresQuery) (*Figures, error) {
	if p == nil || p.OrgKind != identity.KindRegulator {
		return nil, errNotRegulator
	}
	now, err := s.Clock.Now(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	per, err := q.check(now)
	if err != nil {
		return nil, err
	}
	return per.figures(ctx, s.DB)
}

func (per *period) figures(ctx context.Context, idb bun.IDB) (*Figures, error) {
	out := &Figures{From: per.From, To: per.To, By: per.By, Months: []MonthFigures{}, Groups: []GroupFigures{}}
	months, err := per.keyed(ctx, idb, keyMonth)
	if err != nil {
		return nil, fmt.Errorf("dashboard months: %w", err)
	}
	// The totals are the months' sums; every month of the period appears,
	// those without facts as zeros.
	var total totalsRow
	byMonth := map[string]totalsRow{}
	for _, m := range months {
		byMonth[m.Key] = m
		total = total.add(m)
	}
	out.Totals = total.totals()
	for m := time.Date(per.from.Year(), per.from.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(per.to); m = m.AddDate(0, 1, 0) {
		key := m.Format("2006-01")
		out.Months = append(out.Months, MonthFigures{Month: key, Totals: byMonth[key].totals()})
	}
	if per.By == "" {
		return out, nil
	}
	groups, err := per.keyed(ctx, idb, groupKeyOf[per.By])
	if err != nil {
		return nil, fmt.Errorf("dashboard by %s: %w", per.By, err)
	}
	names, err := groupNames(ctx, idb, per.By, groups)
	if err != nil {
		return nil, err
	}
	for _, g := range groups {
		n := names[g.Key]
		out.Groups = append(out.Groups, GroupFigures{Key: g.Key, Name: n[0], NameEn: n[1], Totals: g.totals()})
	}
	return out, nil
}

// groupNames names the groups' keys in Chinese and English.
func groupNames(ctx context.Context, idb bun.IDB, by string, groups []totalsRow) (map[string][2]string, error) {
	out := map[string][2]string{}
	var rows []struct {
		Key    string `bun:"key"`
		NameZh string `bun:"name_zh"`
		NameEn string `bun:"name_en"`
	}
	var q *bun.SelectQuery
	switch by {
	case ByRegion:
		q = idb.NewSelect().TableExpr("(?) AS n", identity.RegionNamesQuery(idb)).ColumnExpr("n.code AS key, n.name_zh, n.name_en")
	case ByOwner, ByAgency:
		q = idb.NewSelect().TableExpr("(?) AS n", identity.OrganisationNamesQuery(idb)).ColumnExpr("n.id::text AS key, n.name AS name_zh, n.name AS name_en")
	case ByItem:
		q = idb.NewSelect().TableExpr("(?) AS n", catalog.ItemNamesQuery(idb)).ColumnExpr("n.id::text AS key, n.name_zh, n.name_en")
	}
	keys := make([]string, 0, len(groups))
	for _, g := range groups {
		keys = append(keys, g.Key)
	}
	out[""] = [2]string{"未选定", "Not yet selected"}
	if len(keys) == 0 {
		return out, nil
	}
	if err := idb.NewSelect().TableExpr("(?) AS k", q).ColumnExpr("k.*").Where("k.key IN (?)", bun.In(keys)).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("names of the %s groups: %w", by, err)
	}
	for _, r := range rows {
		out[r.Key] = [2]string{r.NameZh, r.NameEn}
	}
	return out, nil
}
