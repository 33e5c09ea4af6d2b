package supervision_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/supervision"
)

// summaryDiffers counts the rows of the monthly summary and of the monthly
// and daily totals per dimension that differ from the facts summed afresh, both ways
// (all-zero summary rows count as none).
func summaryDiffers(t *testing.T, db bun.IDB) int {
	t.Helper()
	const dims = ` CROSS JOIN LATERAL (VALUES ('all', ''), ('region', f.region_code), ('owner', f.owner_id::text),
			('agency', coalesce(f.agency_id::text, '')), ('item', f.item_id::text)) AS d (dim, key)`
	return tableDiffers(t, db, "supervision_months", "month, region_code, owner_id, agency_id, item_id",
		"date_trunc('month', f.day)::date, f.region_code, f.owner_id, coalesce(f.agency_id, 0), f.item_id", "", 5) +
		tableDiffers(t, db, "supervision_month_keys", "month, dim, key", "date_trunc('month', f.day)::date, d.dim, d.key", dims, 3) +
		tableDiffers(t, db, "supervision_day_keys", "day, dim, key", "f.day, d.dim, d.key", dims, 3)
}

// summaryFigures are the columns every summary keeps, in order.
const summaryFigures = "published, selections, contracts, completed, on_time, deal_fen, ceiling_fen, awaiting_price, complaints, upheld"

// tableDiffers counts the rows of one summary, keyed by keys, that differ
// from the facts summed afresh (grouped by the first groups expressions of
// freshKeys, over the facts joined with join), both ways; all-zero summary
// rows count as none.
func tableDiffers(t *testing.T, db bun.IDB, table, keys, freshKeys, join string, groups int) int {
	t.Helper()
	groupBy := "1"
	for i := 2; i <= groups; i++ {
		groupBy += fmt.Sprintf(", %d", i)
	}
	var n int
	err := db.NewRaw(`WITH fresh AS (
		SELECT `+freshKeys+`,
			count(*) FILTER (WHERE f.kind = 'published') AS published,
			count(*) FILTER (WHERE f.kind = 'awarded') AS selections,
			count(*) FILTER (WHERE f.kind = 'registered') AS contracts,
			count(*) FILTER (WHERE f.kind = 'completed') AS completed,
			count(*) FILTER (WHERE f.kind = 'completed' AND f.on_time) AS on_time,
			coalesce(sum(f.deal_fen) FILTER (WHERE f.kind = 'awarded'), 0)::bigint AS deal_fen,
			coalesce(sum(f.ceiling_fen) FILTER (WHERE f.kind = 'awarded' AND f.deal_fen IS NOT NULL), 0)::bigint AS ceiling_fen,
			count(*) FILTER (WHERE f.kind = 'awarded' AND f.deal_fen IS NULL) AS awaiting_price,
			count(*) FILTER (WHERE f.kind = 'complaint') AS complaints,
			count(*) FILTER (WHERE f.kind = 'complaint' AND f.upheld) AS upheld
		FROM supervision_facts f`+join+` GROUP BY `+groupBy+`),
	kept AS (
		SELECT `+keys+`, `+summaryFigures+` FROM `+table+`
		WHERE (`+summaryFigures+`) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
	SELECT (SELECT count(*) FROM (SELECT * FROM fresh EXCEPT ALL SELECT * FROM kept) a) +
		(SELECT count(*) FROM (SELECT * FROM kept EXCEPT ALL SELECT * FROM fresh) b)`).Scan(ctx, &n)
	if err != nil {
		t.Fatalf("%s: %v", table, err)
	}
	return n
}

// TestMonthlySummaryEqualsTheFacts: the monthly summary the figures read
// whole months from stays equal to the facts through every kind of change
// (facts added by the hooks, deal prices and complaint decisions updated,
// facts removed), and the figures of any period — whole months from the
// summary, edge days from the facts — equal the facts summed directly.
func TestMonthlySummaryEqualsTheFacts(t *testing.T) {
	w := newWorld(t)
	reg := w.regulator()
	var facts int
	if err := w.db.NewRaw("SELECT count(*) FROM supervision_facts").Scan(ctx, &facts); err != nil {
		t.Fatal(err)
	}
	if facts == 0 {
		t.Fatal("the demo should leave facts")
	}
	if n := summaryDiffers(t, w.db); n != 0 {
		t.Fatalf("after the demo, %d summary rows differ from the facts", n)
	}

	ann := w.id("SELECT min(id) FROM announcements WHERE awarded_at IS NOT NULL")
	err := w.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for i, at := range []time.Time{shanghai(2026, 9, 30, 23), shanghai(2026, 10, 1, 0), shanghai(2026, 10, 1, 1)} {
			if err := supervision.RecordComplaint(ctx, tx, supervision.Complaint{ID: int64(100 + i), AnnouncementID: ann, FiledAt: at}); err != nil {
				return err
			}
		}
		return supervision.RecordComplaintDecision(ctx, tx, 101, true)
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := summaryDiffers(t, w.db); n != 0 {
		t.Fatalf("after complaints, %d summary rows differ from the facts", n)
	}
	for _, step := range []struct {
		what string
		sql  string
	}{
		{"a complaint dismissed after being upheld", "UPDATE supervision_facts SET upheld = false WHERE kind = 'complaint' AND subject_id = 101"},
		{"direct prices agreed", "UPDATE supervision_facts SET deal_fen = ceiling_fen - 1 WHERE kind = 'awarded' AND deal_fen IS NULL"},
		{"a fact moved to another month and owner", "UPDATE supervision_facts SET day = day - 40, owner_id = owner_id + 1 WHERE id = (SELECT min(id) FROM supervision_facts WHERE kind = 'awarded')"},
		{"complaints removed", "DELETE FROM supervision_facts WHERE kind = 'complaint' AND subject_id IN (100, 102)"},
	} {
		// Each change is rolled back after the check, but for the last two.
		tx, err := w.db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, step.sql); err != nil {
			t.Fatal(step.what, err)
		}
		if n := summaryDiffers(t, tx); n != 0 {
			t.Errorf("after %s, %d summary rows differ from the facts", step.what, n)
		}
		if step.what == "a complaint dismissed after being upheld" || step.what == "direct prices agreed" {
			_ = tx.Rollback()
		} else if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}

	// Periods of every shape: inside one month, across month ends, whole
	// months, a year and more, with every breakdown and some filters.
	r := rand.New(rand.NewPCG(10, 2026))
	base := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	periods := [][2]string{{"2026-01-01", "2026-12-31"}, {"2026-10-01", "2026-10-31"}, {"2026-09-30", "2026-10-01"},
		{"2026-02-01", "2026-02-28"}, {"2025-12-31", "2027-01-01"}}
	for range 40 {
		a := base.AddDate(0, 0, r.IntN(450))
		b := a.AddDate(0, 0, r.IntN(120))
		periods = append(periods, [2]string{a.Format(time.DateOnly), b.Format(time.DateOnly)})
	}
	owner := w.id("SELECT min(owner_id) FROM supervision_facts")
	for i, p := range periods {
		by := []string{"", supervision.ByRegion, supervision.ByOwner, supervision.ByAgency, supervision.ByItem}[i%5]
		q := supervision.FiguresQuery{From: p[0], To: p[1], By: by}
		where := ""
		if i%7 == 3 {
			q.OwnerID, where = owner, "f.owner_id = ?2"
		}
		got, err := w.svc.Figures(ctx, reg, q)
		if err != nil {
			t.Fatal(err)
		}
		sameTotals(t, p[0]+"…"+p[1], got.Totals, factsTotals(t, w.db, p[0], p[1], "''", where, owner)[""])
		months := factsTotals(t, w.db, p[0], p[1], "to_char(f.day, 'YYYY-MM')", where, owner)
		for _, m := range got.Months {
			sameTotals(t, p[0]+"…"+p[1]+" month "+m.Month, m.Totals, months[m.Month])
		}
		if by == "" {
			continue
		}
		key := map[string]string{supervision.ByRegion: "f.region_code", supervision.ByOwner: "f.owner_id::text",
			supervision.ByAgency: "coalesce(f.agency_id::text, '')", supervision.ByItem: "f.item_id::text"}[by]
		groups := factsTotals(t, w.db, p[0], p[1], key, where, owner)
		if len(got.Groups) != len(groups) {
			t.Errorf("%s…%s by %s: %d groups, want %d", p[0], p[1], by, len(got.Groups), len(groups))
		}
		for _, g := range got.Groups {
			sameTotals(t, p[0]+"…"+p[1]+" "+by+" "+g.Key, g.Totals, groups[g.Key])
		}
	}
}

// factsTotals sums the facts of the days from…to directly, by key.
func factsTotals(t *testing.T, db bun.IDB, from, to, key, where string, owner int64) map[string]supervision.Totals {
	t.Helper()
	if where == "" {
		where = "true"
	}
	var rows []struct {
		Key                                                    string
		Published, Selections, Contracts, Completed, OnTime    int64
		DealFen, CeilingFen, AwaitingPrice, Complaints, Upheld int64
	}
	err := db.NewRaw(`SELECT `+key+` AS key,
			count(*) FILTER (WHERE f.kind = 'published') AS published,
			count(*) FILTER (WHERE f.kind = 'awarded') AS selections,
			count(*) FILTER (WHERE f.kind = 'registered') AS contracts,
			count(*) FILTER (WHERE f.kind = 'completed') AS completed,
			count(*) FILTER (WHERE f.kind = 'completed' AND f.on_time) AS on_time,
			coalesce(sum(f.deal_fen) FILTER (WHERE f.kind = 'awarded'), 0)::bigint AS deal_fen,
			coalesce(sum(f.ceiling_fen) FILTER (WHERE f.kind = 'awarded' AND f.deal_fen IS NOT NULL), 0)::bigint AS ceiling_fen,
			count(*) FILTER (WHERE f.kind = 'awarded' AND f.deal_fen IS NULL) AS awaiting_price,
			count(*) FILTER (WHERE f.kind = 'complaint') AS complaints,
			count(*) FILTER (WHERE f.kind = 'complaint' AND f.upheld) AS upheld
		FROM supervision_facts f WHERE f.day BETWEEN ?0::date AND ?1::date AND `+where+` GROUP BY 1`, from, to, owner).Scan(ctx, &rows)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]supervision.Totals{}
	for _, r := range rows {
		out[r.Key] = supervision.Totals{Published: r.Published, Selections: r.Selections, Contracts: r.Contracts,
			Completed: r.Completed, OnTime: r.OnTime, DealFen: r.DealFen, CeilingFen: r.CeilingFen,
			SavingsFen: r.CeilingFen - r.DealFen, AwaitingPrice: r.AwaitingPrice, Complaints: r.Complaints, Upheld: r.Upheld}
	}
	return out
}

// sameTotals compares every figure of got with want, complaints included,
// the rates with their exact values.
func sameTotals(t *testing.T, what string, got, want supervision.Totals) {
	t.Helper()
	want.OnTimeRate, want.SavingsRate = rate(want.OnTime, want.Completed), rate(want.SavingsFen, want.CeilingFen)
	if got != want {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}
