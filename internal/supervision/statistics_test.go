package supervision_test

import (
	"bytes"
	"context"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"

	"intermart/internal/agency"
	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/contract"
	"intermart/internal/db/dbtest"
	"intermart/internal/demo"
	"intermart/internal/errs"
	"intermart/internal/export"
	"intermart/internal/files"
	"intermart/internal/identity"
	"intermart/internal/jobs"
	"intermart/internal/objects/objtest"
	"intermart/internal/procurement"
	"intermart/internal/seal"
	"intermart/internal/supervision"
	"intermart/internal/workdays"
)

var ctx = context.Background()

// world is the demo marketplace driven through the services, with the
// statistics watching from before the first announcement, on a fixed clock.
// world is the marketplace of the supervision tests: the demo's
// organisations and announcements, every capability on a fixed clock.
type world struct {
	t        *testing.T
	db       *bun.DB
	clock    *clock.Fixed
	files    *files.Service
	ag       *agency.Service
	proc     *procurement.Service
	contract *contract.Service
	svc      *supervision.Service
}

func shanghai(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, clock.Shanghai).UTC()
}

// newWorld is the world with the dashboard's facts recorded from the
// start, and the demo's contracts and ratings.
func newWorld(t *testing.T) *world {
	t.Helper()
	w := newWorldWatching(t, (*supervision.Service).Watch)
	if err := demo.LoadContracts(ctx, w.contract); err != nil {
		t.Fatal(err)
	}
	if err := demo.LoadRatings(ctx, w.contract); err != nil {
		t.Fatal(err)
	}
	return w
}

// newWorldWatching builds the world, lets watch hook supervision onto the
// capabilities below it, then loads the demo's announcements.
func newWorldWatching(t *testing.T, watch func(*supervision.Service)) *world {
	t.Helper()
	d := dbtest.New(t)
	store := objtest.New(t)
	if err := demo.Load(ctx, d.Bun, store); err != nil {
		t.Fatal(err)
	}
	queue, err := jobs.NewQueue(d)
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := seal.New(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	w := &world{t: t, db: d.Bun, clock: clock.NewFixed(shanghai(2026, 9, 24, 10))}
	ids := identity.NewService(d.Bun)
	cat := catalog.NewService(d.Bun)
	w.files = files.NewService(d.Bun, store, 1<<20)
	w.ag = agency.NewService(d.Bun, cat, w.files, w.clock)
	w.proc = procurement.NewService(procurement.Deps{DB: d.Bun, Pool: d.Pool, Identity: ids, Catalog: cat, Agency: w.ag,
		Files: w.files, Clock: w.clock, Queue: queue, Sealer: sealer, OCIDPrefix: "ocds-test-"})
	w.contract = contract.NewService(contract.Deps{DB: d.Bun, Identity: ids, Catalog: cat, Agency: w.ag, Files: w.files,
		Procurement: w.proc, Clock: w.clock, Queue: queue})
	w.proc.OnAwarded(w.contract.FromAward)
	w.svc = supervision.NewService(supervision.Deps{DB: d.Bun, Identity: ids, Catalog: cat, Agency: w.ag, Files: w.files,
		Procurement: w.proc, Contract: w.contract, Workdays: workdays.NewService(d.Bun, w.clock), Clock: w.clock, Queue: queue})
	watch(w.svc)
	if err := demo.LoadProcurement(ctx, d.Bun, w.proc, cat); err != nil {
		t.Fatal(err)
	}
	return w
}

// userOf is a user of organisation org.
func (w *world) userOf(org int64) *authz.Principal {
	w.t.Helper()
	var p struct {
		ID   int64  `bun:"id"`
		Org  int64  `bun:"organisation_id"`
		Role string `bun:"role"`
		Kind string `bun:"kind"`
	}
	err := w.db.NewRaw(`SELECT u.id, u.organisation_id, u.role, o.kind FROM users u JOIN organisations o ON o.id = u.organisation_id
		WHERE u.organisation_id = ? ORDER BY u.id LIMIT 1`, org).Scan(ctx, &p)
	if err != nil {
		w.t.Fatal(err)
	}
	return &authz.Principal{UserID: p.ID, OrgID: p.Org, Role: p.Role, OrgKind: p.Kind}
}

func (w *world) id(query string, args ...any) int64 {
	w.t.Helper()
	var n int64
	if err := w.db.NewRaw(query, args...).Scan(ctx, &n); err != nil {
		w.t.Fatalf("%s: %v", query, err)
	}
	return n
}

func (w *world) regulator() *authz.Principal {
	return w.userOf(w.id("SELECT min(id) FROM organisations WHERE kind = 'regulator'"))
}

func wantReason(t *testing.T, err error, code errs.Code, reason string) {
	t.Helper()
	e, ok := err.(*errs.Error)
	if !ok {
		t.Fatalf("got %v, want an errs.Error %s %s", err, code, reason)
	}
	if e.Code != code {
		t.Fatalf("got code %s (%v), want %s %s", e.Code, err, code, reason)
	}
	if e.Reason == reason {
		return
	}
	for _, f := range e.Fields {
		if f.Reason == reason {
			return
		}
	}
	t.Fatalf("got %v (%+v), want reason %s", err, e.Fields, reason)
}

// expected computes the figures of a period straight from procurement's
// and the contract capability's tables by DESIGN.md's definitions,
// independently of the facts the dashboard keeps. where filters by the
// announcement (alias a) or contract (alias c) columns given.
func (w *world) expected(t *testing.T, from, to string, where string, args ...any) supervision.Totals {
	t.Helper()
	day := func(col string) string {
		return "(" + col + " AT TIME ZONE 'Asia/Shanghai')::date BETWEEN '" + from + "' AND '" + to + "'"
	}
	if where == "" {
		where = "true"
	}
	var got supervision.Totals
	err := w.db.NewRaw(`SELECT
		(SELECT count(*) FROM announcements a WHERE `+day("a.published_at")+` AND `+where+`) AS published,
		(SELECT count(*) FROM announcements a WHERE `+day("a.awarded_at")+` AND `+where+`) AS selections,
		(SELECT count(*) FROM contracts c JOIN announcements a ON a.id = c.announcement_id WHERE `+day("c.confirmed_at")+` AND `+where+`) AS contracts,
		(SELECT count(*) FROM contracts c JOIN announcements a ON a.id = c.announcement_id WHERE `+day("c.completed_at")+` AND `+where+`) AS completed,
		(SELECT count(*) FROM contracts c JOIN announcements a ON a.id = c.announcement_id WHERE `+day("c.completed_at")+` AND `+where+`
			AND (c.completed_at AT TIME ZONE 'Asia/Shanghai')::date <= c.due_on) AS on_time,
		(SELECT coalesce(sum(coalesce(s.deal_price_fen, c.price_fen)), 0) FROM announcements a
			JOIN selections s ON s.announcement_id = a.id AND s.status = 'awarded'
			LEFT JOIN contracts c ON c.selection_id = s.id WHERE `+day("a.awarded_at")+` AND `+where+`) AS deal,
		(SELECT coalesce(sum(a.ceiling_fen) FILTER (WHERE coalesce(s.deal_price_fen, c.price_fen) IS NOT NULL), 0) FROM announcements a
			JOIN selections s ON s.announcement_id = a.id AND s.status = 'awarded'
			LEFT JOIN contracts c ON c.selection_id = s.id WHERE `+day("a.awarded_at")+` AND `+where+`) AS ceiling,
		(SELECT count(*) FROM announcements a
			JOIN selections s ON s.announcement_id = a.id AND s.status = 'awarded'
			LEFT JOIN contracts c ON c.selection_id = s.id WHERE `+day("a.awarded_at")+` AND `+where+`
			AND coalesce(s.deal_price_fen, c.price_fen) IS NULL) AS awaiting`, args...).
		Scan(ctx, &got.Published, &got.Selections, &got.Contracts, &got.Completed, &got.OnTime, &got.DealFen, &got.CeilingFen, &got.AwaitingPrice)
	if err != nil {
		t.Fatal(err)
	}
	got.SavingsFen = got.CeilingFen - got.DealFen
	return got
}

// sameFigures compares the counts and money of got with want to the fen
// (the rates are checked on their own).
func sameFigures(t *testing.T, what string, got, want supervision.Totals) {
	t.Helper()
	got.OnTimeRate, got.SavingsRate, want.OnTimeRate, want.SavingsRate = "", "", "", ""
	got.Complaints, got.Upheld, want.Complaints, want.Upheld = 0, 0, 0, 0
	if got != want {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

// rate is n ÷ d in percent, two decimals, computed with exact rationals.
func rate(n, d int64) string {
	if d == 0 {
		return ""
	}
	return new(big.Rat).SetFrac64(n*100, d).FloatString(2)
}

func TestFiguresEqualTheFacts(t *testing.T) {
	w := newWorld(t)
	reg := w.regulator()
	year := supervision.FiguresQuery{From: "2026-01-01", To: "2026-12-31"}
	figures := func(q supervision.FiguresQuery) *supervision.Figures {
		t.Helper()
		f, err := w.svc.Figures(ctx, reg, q)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	before := figures(year)
	sameFigures(t, "the demo year", before.Totals, w.expected(t, "2026-01-01", "2026-12-31", ""))
	tot := before.Totals
	if tot.Published == 0 || tot.Selections == 0 || tot.Contracts == 0 || tot.Completed == 0 || tot.DealFen == 0 || tot.AwaitingPrice == 0 {
		t.Fatalf("the demo should publish, award, register, complete and leave a direct price open: %+v", tot)
	}
	if tot.OnTimeRate != rate(tot.OnTime, tot.Completed) || tot.SavingsRate != rate(tot.SavingsFen, tot.CeilingFen) {
		t.Errorf("rates %s %s, want %s %s", tot.OnTimeRate, tot.SavingsRate, rate(tot.OnTime, tot.Completed), rate(tot.SavingsFen, tot.CeilingFen))
	}

	t.Run("DirectPriceAtTheContract", func(t *testing.T) {
		id := w.id("SELECT min(id) FROM contracts WHERE status = 'awaiting_registration' AND price_fen IS NULL")
		c, err := w.contract.Get(ctx, w.db, id)
		if err != nil {
			t.Fatal(err)
		}
		owner, agencyUser := w.userOf(c.OwnerID), w.userOf(c.AgencyID)
		doc, err := w.files.Upload(ctx, owner, files.PurposeContractDocument, "contract.pdf", strings.NewReader(pdf), int64(len(pdf)))
		if err != nil {
			t.Fatal(err)
		}
		price := c.CeilingFen - 12345
		w.clock.Set(shanghai(2026, 10, 9, 10))
		if _, err := w.contract.Register(ctx, owner, c.ID, contract.ContractRegistration{PriceFen: &price, DocumentFileID: doc.ID,
			SignedOn: "2026-09-23", StartsOn: "2026-09-24"}); err != nil {
			t.Fatal(err)
		}
		// Confirmed at 01:00 on 10 October in Shanghai, still 9 October in UTC:
		// the period's days are Shanghai's.
		w.clock.Set(shanghai(2026, 10, 10, 1))
		if _, err := w.contract.Confirm(ctx, agencyUser, c.ID); err != nil {
			t.Fatal(err)
		}
		oct10 := figures(supervision.FiguresQuery{From: "2026-10-10", To: "2026-10-10"}).Totals
		if oct10 != (supervision.Totals{Contracts: 1}) {
			t.Errorf("10 October: %+v, want the one contract and no money (the deal counts on the award's day)", oct10)
		}
		after := figures(year).Totals
		if after.DealFen != tot.DealFen+price || after.CeilingFen != tot.CeilingFen+c.CeilingFen ||
			after.SavingsFen != tot.SavingsFen+12345 || after.AwaitingPrice != tot.AwaitingPrice-1 || after.Contracts != tot.Contracts+1 {
			t.Errorf("after registering a direct price of %d fen:\n got %+v\nfrom %+v", price, after, tot)
		}
		sameFigures(t, "after the direct contract", after, w.expected(t, "2026-01-01", "2026-12-31", ""))
		tot = after
	})

	t.Run("ByRegionOwnerAgencyItem", func(t *testing.T) {
		for by, col := range map[string]string{supervision.ByRegion: "a.region_code", supervision.ByOwner: "a.owner_id::text",
			supervision.ByItem: "a.item_id::text"} {
			q := year
			q.By = by
			f := figures(q)
			var sum supervision.Totals
			for _, g := range f.Groups {
				if g.Name == "" {
					t.Errorf("%s %s has no name", by, g.Key)
				}
				sameFigures(t, by+" "+g.Key, g.Totals, w.expected(t, "2026-01-01", "2026-12-31", col+" = ?0", g.Key))
				sum.Published += g.Published
				sum.DealFen += g.DealFen
				sum.Contracts += g.Contracts
			}
			if len(f.Groups) < 2 || sum.Published != tot.Published || sum.DealFen != tot.DealFen || sum.Contracts != tot.Contracts {
				t.Errorf("by %s: %d groups summing to %+v, want the totals %+v", by, len(f.Groups), sum, tot)
			}
		}
		q := year
		q.By = supervision.ByAgency
		f := figures(q)
		var deal int64
		for _, g := range f.Groups {
			deal += g.DealFen
			if g.Key == "" {
				if g.Selections != 0 || g.Published != tot.Published {
					t.Errorf("the group without an agency: %+v", g.Totals)
				}
				continue
			}
			agencyID, _ := strconv.ParseInt(g.Key, 10, 64)
			filtered := figures(supervision.FiguresQuery{From: year.From, To: year.To, AgencyID: agencyID}).Totals
			if filtered != g.Totals {
				t.Errorf("agency %s: filtered %+v, grouped %+v", g.Key, filtered, g.Totals)
			}
			want := w.expected(t, "2026-01-01", "2026-12-31",
				"EXISTS (SELECT 1 FROM selections s2 JOIN registrations r2 ON r2.id = s2.winner_id WHERE s2.announcement_id = a.id AND s2.status = 'awarded' AND r2.agency_id = ?0)", agencyID)
			want.Published = 0 // an agency's figures start at its award
			sameFigures(t, "agency "+g.Key, g.Totals, want)
		}
		if deal != tot.DealFen {
			t.Errorf("agencies' deals sum to %d, want %d", deal, tot.DealFen)
		}
		owner := w.id("SELECT min(owner_id) FROM announcements WHERE awarded_at IS NOT NULL")
		got := figures(supervision.FiguresQuery{From: year.From, To: year.To, OwnerID: owner}).Totals
		sameFigures(t, "one owner", got, w.expected(t, "2026-01-01", "2026-12-31", "a.owner_id = ?0", owner))
	})

	t.Run("MonthsAndPeriods", func(t *testing.T) {
		f := figures(year)
		if len(f.Months) != 12 || f.Months[0].Month != "2026-01" || f.Months[11].Month != "2026-12" {
			t.Fatalf("months: %+v", f.Months)
		}
		var published, deal int64
		for _, m := range f.Months {
			sameFigures(t, m.Month, m.Totals, w.expected(t, m.Month+"-01", lastDay(m.Month), ""))
			published += m.Published
			deal += m.DealFen
		}
		if published != tot.Published || deal != tot.DealFen {
			t.Errorf("months sum to %d published, %d fen; want %d, %d", published, deal, tot.Published, tot.DealFen)
		}
		later := figures(supervision.FiguresQuery{From: "2026-10-11", To: "2026-12-31"})
		sameFigures(t, "after the last change", later.Totals, supervision.Totals{})
		if f.Months[9].Contracts != 1 || f.Months[8].DealFen != tot.DealFen {
			t.Errorf("September %+v, October %+v", f.Months[8].Totals, f.Months[9].Totals)
		}
		// The default period: this year up to today, by the marketplace clock.
		def := figures(supervision.FiguresQuery{})
		if def.From != "2026-01-01" || def.To != "2026-10-10" || def.Totals != f.Totals {
			t.Errorf("default period %s–%s %+v", def.From, def.To, def.Totals)
		}
	})

	t.Run("ExportsAndLists", func(t *testing.T) {
		tab, err := w.svc.DashboardTable(ctx, reg, year)
		if err != nil {
			t.Fatal(err)
		}
		var x bytes.Buffer
		if err := export.WriteXLSX(&x, tab); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&x)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(f.GetSheetName(0), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"2026-01-01 – 2026-12-31", strconv.FormatInt(tot.Published, 10), strconv.FormatInt(tot.Selections, 10),
			strconv.FormatInt(tot.Contracts, 10), strconv.FormatInt(tot.Completed, 10), strconv.FormatInt(tot.OnTime, 10),
			tot.OnTimeRate, cellYuan(tot.DealFen), cellYuan(tot.CeilingFen), cellYuan(tot.SavingsFen), tot.SavingsRate}
		if len(rows) != 14 || strings.Join(rows[1][:len(want)], "|") != strings.Join(want, "|") {
			t.Errorf("the exported period:\n got %q\nwant %q", rows[1], want)
		}
		// The list behind the deal amount adds up to it, to the fen.
		list, n, err := w.svc.Facts(ctx, reg, supervision.FactQuery{FiguresQuery: year, Figure: supervision.FigureDeals})
		if err != nil {
			t.Fatal(err)
		}
		var deal, savings int64
		for _, r := range list {
			deal += *r.DealFen
			savings += *r.SavingsFen
			if r.Title == "" || r.OwnerName == "" || r.AgencyName == "" || r.ItemName == "" || r.RegionName == "" {
				t.Errorf("a row without its names: %+v", r)
			}
		}
		if int64(n) != tot.Selections-tot.AwaitingPrice || len(list) != n || deal != tot.DealFen || savings != tot.SavingsFen {
			t.Errorf("deals list: %d rows (%d) summing to %d, %d saved; want %d rows, %d, %d", len(list), n, deal, savings,
				tot.Selections-tot.AwaitingPrice, tot.DealFen, tot.SavingsFen)
		}
		page, n2, err := w.svc.Facts(ctx, reg, supervision.FactQuery{FiguresQuery: year, Figure: supervision.FigurePublished, Page: 2, PageSize: 2})
		if err != nil {
			t.Fatal(err)
		}
		if int64(n2) != tot.Published || len(page) != 2 {
			t.Errorf("published page 2: %d rows of %d, want 2 of %d", len(page), n2, tot.Published)
		}
		ft, err := w.svc.FactsTable(ctx, reg, supervision.FactQuery{FiguresQuery: year, Figure: supervision.FigureDeals})
		if err != nil {
			t.Fatal(err)
		}
		var c bytes.Buffer
		if err := export.WriteCSV(&c, ft); err != nil {
			t.Fatal(err)
		}
		if lines := strings.Count(c.String(), "\n"); lines != n+1 {
			t.Errorf("deals csv has %d lines, want %d", lines, n+1)
		}
	})

	t.Run("Complaints", func(t *testing.T) {
		ann := w.id("SELECT min(id) FROM announcements WHERE awarded_at IS NOT NULL")
		err := w.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if err := supervision.RecordComplaint(ctx, tx, supervision.Complaint{ID: 1, AnnouncementID: ann, FiledAt: shanghai(2026, 9, 24, 11)}); err != nil {
				return err
			}
			return supervision.RecordComplaint(ctx, tx, supervision.Complaint{ID: 2, AnnouncementID: ann, FiledAt: shanghai(2026, 9, 24, 12)})
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := supervision.RecordComplaintDecision(ctx, w.db, 2, true); err != nil {
			t.Fatal(err)
		}
		got := figures(year).Totals
		if got.Complaints != 2 || got.Upheld != 1 {
			t.Errorf("complaints %d upheld %d, want 2 and 1", got.Complaints, got.Upheld)
		}
	})

	t.Run("Refusals", func(t *testing.T) {
		owner := w.userOf(w.id("SELECT min(owner_id) FROM announcements"))
		_, err := w.svc.Figures(ctx, owner, year)
		wantReason(t, err, errs.Forbidden, "regulators_only")
		for _, c := range []struct {
			q      supervision.FiguresQuery
			reason string
		}{
			{supervision.FiguresQuery{From: "2026-13-01"}, "date_format"},
			{supervision.FiguresQuery{From: "2026-10-01", To: "2026-09-01"}, "period_order"},
			{supervision.FiguresQuery{By: "county"}, "breakdown"},
		} {
			_, err := w.svc.Figures(ctx, reg, c.q)
			wantReason(t, err, errs.Invalid, c.reason)
		}
	})
}

// cellYuan is how a sheet stores an amount of fen: the yuan as the
// shortest decimal, "520000" for 520000.00, "4721.7" for 4721.70.
func cellYuan(fen int64) string {
	y := export.Fen(fen).Yuan()
	return strings.TrimSuffix(strings.TrimRight(y, "0"), ".")
}

// lastDay is the last date of month YYYY-MM.
func lastDay(month string) string {
	m, _ := time.Parse("2006-01", month)
	return m.AddDate(0, 1, -1).Format(time.DateOnly)
}

const pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
