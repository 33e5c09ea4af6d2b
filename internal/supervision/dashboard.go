package supervision

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/errs"
	"intermart/internal/export"
	"intermart/internal/identity"
)

// Figures one can drill down into (FactQuery.Figure): each is the list of
// facts behind one number of the dashboard.
const (
	FigurePublished     = "published"
	FigureSelections    = "selected"
	FigureDeals         = "deals"
	FigureAwaitingPrice = "awaiting_price"
	FigureContracts     = "registered"
	FigureCompleted     = "completed"
	FigureOnTime        = "on_time"
	FigureLate          = "late"
	FigureComplaints    = "complaints"
	FigureUpheld        = "upheld"
)

// figureWhere is the condition of each figure's facts.
var figureWhere = map[string]string{
	FigurePublished:     "f.kind = 'published'",
	FigureSelections:    "f.kind = 'awarded'",
	FigureDeals:         "f.kind = 'awarded' AND f.deal_fen IS NOT NULL",
	FigureAwaitingPrice: "f.kind = 'awarded' AND f.deal_fen IS NULL",
	FigureContracts:     "f.kind = 'registered'",
	FigureCompleted:     "f.kind = 'completed'",
	FigureOnTime:        "f.kind = 'completed' AND f.on_time",
	FigureLate:          "f.kind = 'completed' AND NOT f.on_time",
	FigureComplaints:    "f.kind = 'complaint'",
	FigureUpheld:        "f.kind = 'complaint' AND f.upheld",
}

// FactQuery asks for the list behind one figure of the dashboard.
type FactQuery struct {
	FiguresQuery
	// Figure is one of the Figure… constants; empty is FigurePublished.
	Figure string
	// Page and PageSize page the list; zero PageSize is every row (the
	// exports), up to MaxExportRows.
	Page, PageSize int
}

// MaxExportRows bounds an exported list: a longer one must be narrowed
// (a shorter period, a region…).
const MaxExportRows = 200000

// FactRow is one counted event of a drill-down list.
type FactRow struct {
	Figure         string    `json:"figure" doc:"The kind of fact: published, awarded, registered, completed or complaint"`
	At             time.Time `json:"at"`
	AnnouncementID int64     `json:"announcementId"`
	ContractID     *int64    `json:"contractId,omitempty"`
	Code           string    `json:"code" doc:"The announcement's code, or the contract's"`
	Title          string    `json:"title"`
	RegionCode     string    `json:"regionCode"`
	RegionName     string    `json:"regionName"`
	RegionNameEn   string    `json:"regionNameEn"`
	OwnerID        int64     `json:"ownerId"`
	OwnerName      string    `json:"ownerName"`
	AgencyID       *int64    `json:"agencyId,omitempty"`
	AgencyName     string    `json:"agencyName,omitempty"`
	ItemID         int64     `json:"itemId"`
	ItemName       string    `json:"itemName"`
	ItemNameEn     string    `json:"itemNameEn"`
	Method         string    `json:"method,omitempty"`
	CeilingFen     *int64    `json:"ceilingFen,omitempty"`
	DealFen        *int64    `json:"dealFen,omitempty"`
	SavingsFen     *int64    `json:"savingsFen,omitempty"`
	OnTime         *bool     `json:"onTime,omitempty"`
	Upheld         *bool     `json:"upheld,omitempty"`
}

type factRow struct {
	ID             int64     `bun:"id"`
	Kind           string    `bun:"kind"`
	At             time.Time `bun:"at"`
	AnnouncementID int64     `bun:"announcement_id"`
	ContractID     *int64    `bun:"contract_id"`
	Code           string    `bun:"code"`
	Title          string    `bun:"title"`
	RegionCode     string    `bun:"region_code"`
	RegionName     string    `bun:"region_name"`
	RegionNameEn   string    `bun:"region_name_en"`
	OwnerID        int64     `bun:"owner_id"`
	OwnerName      string    `bun:"owner_name"`
	AgencyID       *int64    `bun:"agency_id"`
	AgencyName     *string   `bun:"agency_name"`
	ItemID         int64     `bun:"item_id"`
	ItemName       string    `bun:"item_name"`
	ItemNameEn     string    `bun:"item_name_en"`
	Method         string    `bun:"method"`
	CeilingFen     *int64    `bun:"ceiling_fen"`
	DealFen        *int64    `bun:"deal_fen"`
	OnTime         *bool     `bun:"on_time"`
	Upheld         *bool     `bun:"upheld"`
}

func (r factRow) row() FactRow {
	out := FactRow{Figure: r.Kind, At: r.At, AnnouncementID: r.AnnouncementID, ContractID: r.ContractID, Code: r.Code,
		Title: r.Title, RegionCode: r.RegionCode, RegionName: r.RegionName, RegionNameEn: r.RegionNameEn, OwnerID: r.OwnerID,
		OwnerName: r.OwnerName, AgencyID: r.AgencyID, ItemID: r.ItemID, ItemName: r.ItemName, ItemNameEn: r.ItemNameEn,
		Method: r.Method, CeilingFen: r.CeilingFen, DealFen: r.DealFen, OnTime: r.OnTime, Upheld: r.Upheld}
	if r.AgencyName != nil {
		out.AgencyName = *r.AgencyName
	}
	if r.Kind == FactAwarded && r.CeilingFen != nil && r.DealFen != nil {
		s := *r.CeilingFen - *r.DealFen
		out.SavingsFen = &s
	}
	return out
}

// checkFacts validates q against the marketplace clock; regulators only.
func (s *Service) checkFacts(ctx context.Context, p *authz.Principal, q FactQuery) (*period, string, error) {
	if p == nil || p.OrgKind != identity.KindRegulator {
		return nil, "", errNotRegulator
	}
	now, err := s.Clock.Now(ctx, s.DB)
	if err != nil {
		return nil, "", err
	}
	per, err := q.FiguresQuery.check(now)
	if err != nil {
		return nil, "", err
	}
	if q.Figure == "" {
		q.Figure = FigurePublished
	}
	where, ok := figureWhere[q.Figure]
	if !ok {
		return nil, "", errs.Field("query.figure", "figure", "not a figure of the dashboard")
	}
	return per, where, nil
}

// factList is the query of the facts of a figure with their names.
func factList(idb bun.IDB, per *period, where string) *bun.SelectQuery {
	return per.facts(idb).Where(where).
		ColumnExpr("f.id, f.kind, f.at, f.announcement_id, f.contract_id, f.code, f.title, f.region_code, f.owner_id, f.agency_id").
		ColumnExpr("f.item_id, f.method, f.ceiling_fen, f.deal_fen, f.on_time, f.upheld").
		ColumnExpr("coalesce(rn.name_zh, f.region_code) AS region_name, coalesce(rn.name_en, f.region_code) AS region_name_en").
		ColumnExpr("coalesce(ow.name, '') AS owner_name, ag.name AS agency_name").
		ColumnExpr("coalesce(it.name_zh, '') AS item_name, coalesce(it.name_en, '') AS item_name_en").
		Join("LEFT JOIN (?) AS rn ON rn.code = f.region_code", identity.RegionNamesQuery(idb)).
		Join("LEFT JOIN (?) AS ow ON ow.id = f.owner_id", identity.OrganisationNamesQuery(idb)).
		Join("LEFT JOIN (?) AS ag ON ag.id = f.agency_id", identity.OrganisationNamesQuery(idb)).
		Join("LEFT JOIN (?) AS it ON it.id = f.item_id", catalog.ItemNamesQuery(idb)).
		OrderExpr("f.at DESC, f.id DESC")
}

// Facts is the list behind one figure of the dashboard, a page of it
// (newest first) and how many there are in all: regulators only.
func (s *Service) Facts(ctx context.Context, p *authz.Principal, q FactQuery) ([]FactRow, int, error) {
	per, where, err := s.checkFacts(ctx, p, q)
	if err != nil {
		return nil, 0, err
	}
	if q.PageSize <= 0 {
		q.PageSize = MaxExportRows
	}
	if q.Page <= 0 {
		q.Page = 1
	}
	var rows []factRow
	n, err := factList(s.DB, per, where).Limit(int64(q.PageSize)).Offset(int64((q.Page-1)*q.PageSize)).ScanAndCount(ctx, &rows)
	if err != nil {
		return nil, 0, fmt.Errorf("dashboard facts: %w", err)
	}
	out := make([]FactRow, len(rows))
	for i, r := range rows {
		out[i] = r.row()
	}
	return out, int(n), nil
}

// english says whether p reads the marketplace in English.
func english(p *authz.Principal) bool { return p != nil && p.Language == "en-US" }

// FactsTable is the list behind one figure as it is exported, every row,
// headed in the caller's language; a list longer than MaxExportRows is
// refused.
func (s *Service) FactsTable(ctx context.Context, p *authz.Principal, q FactQuery) (export.Table, error) {
	q.Page, q.PageSize = 1, MaxExportRows
	rows, n, err := s.Facts(ctx, p, q)
	if err != nil {
		return export.Table{}, err
	}
	if n > MaxExportRows {
		return export.Table{}, errs.Field("query.from", "export_too_large", fmt.Sprintf("the list has %d rows, more than the %d an export holds: narrow it", n, MaxExportRows))
	}
	en := english(p)
	t := export.Table{Sheet: "明细", Columns: []string{"时间", "公告/合同编号", "标题", "地区", "业主", "中介机构", "服务事项",
		"最高限价（元）", "成交价（元）", "节约资金（元）", "按时完成", "投诉成立"}}
	if en {
		t.Sheet, t.Columns = "List", []string{"Time", "Code", "Title", "Region", "Owner", "Agency", "Service item",
			"Ceiling (yuan)", "Deal price (yuan)", "Savings (yuan)", "On time", "Upheld"}
	}
	yesNo := func(b *bool) any {
		switch {
		case b == nil:
			return nil
		case *b && en:
			return "yes"
		case *b:
			return "是"
		case en:
			return "no"
		default:
			return "否"
		}
	}
	money := func(f *int64) any {
		if f == nil {
			return nil
		}
		return export.Fen(*f)
	}
	for _, r := range rows {
		region, item := r.RegionName, r.ItemName
		if en {
			region, item = r.RegionNameEn, r.ItemNameEn
		}
		t.Rows = append(t.Rows, []any{r.At, r.Code, r.Title, region, r.OwnerName, r.AgencyName, item,
			money(r.CeilingFen), money(r.DealFen), money(r.SavingsFen), yesNo(r.OnTime), yesNo(r.Upheld)})
	}
	return t, nil
}

// DashboardTable is the dashboard as it is exported, headed in the
// caller's language: the period's totals, then each month, then each
// group of the breakdown, one row each. Money in yuan, exact to the fen.
func (s *Service) DashboardTable(ctx context.Context, p *authz.Principal, q FiguresQuery) (export.Table, error) {
	f, err := s.Figures(ctx, p, q)
	if err != nil {
		return export.Table{}, err
	}
	en := english(p)
	t := export.Table{Sheet: "统计", Columns: []string{"范围", "发布公告", "完成选取", "登记合同", "履约完成", "按时完成",
		"按时完成率（%）", "成交金额（元）", "最高限价合计（元）", "节约资金（元）", "节约率（%）", "待定价直接选取", "投诉", "投诉成立"}}
	if en {
		t.Sheet, t.Columns = "Dashboard", []string{"Scope", "Published announcements", "Completed selections",
			"Registered contracts", "Completed fulfilments", "Completed on time", "On-time rate (%)", "Deal amount (yuan)",
			"Ceilings (yuan)", "Savings (yuan)", "Savings rate (%)", "Direct selections awaiting a price", "Complaints", "Upheld"}
	}
	add := func(scope string, x Totals) {
		t.Rows = append(t.Rows, []any{scope, x.Published, x.Selections, x.Contracts, x.Completed, x.OnTime, x.OnTimeRate,
			export.Fen(x.DealFen), export.Fen(x.CeilingFen), export.Fen(x.SavingsFen), x.SavingsRate, x.AwaitingPrice, x.Complaints, x.Upheld})
	}
	add(f.From+" – "+f.To, f.Totals)
	for _, m := range f.Months {
		add(m.Month, m.Totals)
	}
	for _, g := range f.Groups {
		name := g.Name
		if en {
			name = g.NameEn
		}
		add(name, g.Totals)
	}
	return t, nil
}
