package seedyear

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"

	"intermart/internal/app"
	"intermart/internal/authz"
	"intermart/internal/export"

	"intermart/internal/clock"
	"intermart/internal/config"
	"intermart/internal/db/dbtest"
	"intermart/internal/demo"
	"intermart/internal/identity"
	"intermart/internal/objects/objtest"
	"intermart/internal/supervision"
)

// year2016 is the seed's 2016 table (DESIGN.md): 1,064 announcements
// published — 1,046 first rounds awarded and 18 failed rounds relisted —
// 1,046 selections completed, 898 contracts registered, 559 fulfilments
// completed, 47,217,100 yuan of deals and 21,784,500 yuan saved.
var year2016 = demo.YearPlan{
	Start: time.Date(2016, 1, 4, 8, 0, 0, 0, clock.Shanghai), Weeks: 51, PublishWeeks: 43,
	Awards: 1046, Relisted: 18, Registered: 898, Completed: 559, Terminated: 12, Pending: 30, Returned: 20,
	CeilingFen: 4_721_710_000 + 2_178_450_000, DealFen: 4_721_710_000, ProjectSerial: 100000,
	// One milestone per contract keeps the test quick.
	MaxServiceWorkdays: 9,
}

// testSealKey is any 32-byte key, base64.
const testSealKey = "dGVzdCBzZWFsIGtleSBmb3IgaW50ZXJtYXJ0IHRlc3Q="

// driveYear loads the demo's organisations into a fresh database and
// bucket and drives plan through the capabilities, wired as the server
// wires them, on a fixed clock.
func driveYear(t *testing.T, plan demo.YearPlan) (*demo.YearTotals, *supervision.Service, *bun.DB) {
	t.Helper()
	ctx := context.Background()
	d := dbtest.New(t)
	s3 := objtest.Config(t)
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"INTERMART_DATABASE_URL": "postgres://127.0.0.1/unused", "INTERMART_SEAL_KEY": testSealKey,
			"INTERMART_S3_ENDPOINT": s3.Endpoint, "INTERMART_S3_ACCESS_KEY": s3.AccessKey, "INTERMART_S3_SECRET_KEY": s3.SecretKey,
			"INTERMART_S3_BUCKET": s3.Bucket}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	store := objtest.New(t)
	if err := demo.Load(ctx, d.Bun, store); err != nil {
		t.Fatal(err)
	}
	// MinIO judges object-lock retention by the real time: deliverables
	// submitted in a past year keep the rules' 10 years from then, which
	// may have run out. The platform's rule, raised, reaches beyond today.
	if _, err := d.Bun.NewRaw("UPDATE contract_rules SET retention_years = 30").Exec(ctx); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	totals, sup, err := app.DriveYear(ctx, d, store, cfg, plan)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("drove %d announcements, %d contracts registered, %d completed in %s", totals.Published, totals.Registered,
		totals.Completed, time.Since(began).Round(time.Millisecond))
	return totals, sup, d.Bun
}

// TestSeedYear2016 reproduces the seed's 2016 table by driving a year
// through the services with a fixed clock, and reads the same figures back
// from the regulators' dashboard (supervision.Figures) and from its Excel
// export, each checked against the totals the drive counted itself and
// against the table.
func TestSeedYear2016(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	totals, sup, idb := driveYear(t, year2016)
	want := []struct {
		name   string
		column int // of the dashboard's export
		want   int64
		drove  int64
		money  bool
	}{
		{"announcements published", 1, 1064, int64(totals.Published), false},
		{"selections completed", 2, 1046, int64(totals.Awarded), false},
		{"contracts registered", 3, 898, int64(totals.Registered), false},
		{"fulfilments completed", 4, 559, int64(totals.Completed), false},
		{"deal amount (fen)", 7, 4_721_710_000, totals.DealFen, true},
		{"savings (fen)", 9, 2_178_450_000, totals.SavingsFen, true},
	}
	for _, c := range want {
		if c.drove != c.want {
			t.Errorf("the drive counted %s = %d, want %d", c.name, c.drove, c.want)
		}
	}
	if totals.First.In(clock.Shanghai).Year() != 2016 || totals.Last.In(clock.Shanghai).Year() != 2016 {
		t.Errorf("published from %s to %s, not in 2016", totals.First, totals.Last)
	}

	regulator := principal(t, idb, "reg.zwfw")
	q := supervision.FiguresQuery{From: "2016-01-01", To: "2016-12-31"}
	f, err := sup.Figures(ctx, regulator, q)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{"announcements published": f.Totals.Published, "selections completed": f.Totals.Selections,
		"contracts registered": f.Totals.Contracts, "fulfilments completed": f.Totals.Completed,
		"deal amount (fen)": f.Totals.DealFen, "savings (fen)": f.Totals.SavingsFen}
	for _, c := range want {
		if got[c.name] != c.want {
			t.Errorf("dashboard %s = %d, want %d", c.name, got[c.name], c.want)
		}
	}
	if f.Totals.CeilingFen != year2016.CeilingFen || f.Totals.SavingsRate != "31.57" {
		t.Errorf("dashboard ceilings %d, savings rate %q; want %d, 31.57", f.Totals.CeilingFen, f.Totals.SavingsRate, year2016.CeilingFen)
	}
	if f.Totals.OnTime != int64(totals.OnTimeCompleted) || f.Totals.Complaints != 0 {
		t.Errorf("dashboard on time %d, complaints %d; want %d, 0", f.Totals.OnTime, f.Totals.Complaints, totals.OnTimeCompleted)
	}
	var months supervision.Totals
	for _, m := range f.Months {
		months.Published += m.Published
		months.DealFen += m.DealFen
	}
	if months.Published != 1064 || months.DealFen != 4_721_710_000 {
		t.Errorf("the months add up to %d published, %d fen; want 1064, 4721710000", months.Published, months.DealFen)
	}
	// Nothing of the year falls outside it.
	if after, err := sup.Figures(ctx, regulator, supervision.FiguresQuery{From: "2017-01-01", To: "2017-12-31"}); err != nil {
		t.Fatal(err)
	} else if after.Totals.Published+after.Totals.Selections+after.Totals.Contracts+after.Totals.Completed != 0 {
		t.Errorf("2017 has figures: %+v", after.Totals)
	}

	// The Excel export, read back: its first row is the period's totals.
	table, err := sup.DashboardTable(ctx, regulator, q)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := export.WriteXLSX(&buf, table); err != nil {
		t.Fatal(err)
	}
	book, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, err := book.GetRows(book.GetSheetName(0), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 {
		t.Fatalf("the export has %d rows", len(rows))
	}
	for _, c := range want {
		cell := rows[1][c.column]
		var n int64
		if c.money {
			n, err = yuanToFen(cell)
		} else {
			n, err = strconv.ParseInt(cell, 10, 64)
		}
		if err != nil || n != c.want {
			t.Errorf("export %s (%s) = %q, want %d", c.name, rows[0][c.column], cell, c.want)
		}
	}
}

// yuanToFen reads an exported amount of yuan ("47217100", "4721.7",
// "2178450.00") as integer fen, exactly.
func yuanToFen(s string) (int64, error) {
	whole, frac, _ := strings.Cut(strings.TrimSpace(s), ".")
	if len(frac) > 2 {
		return 0, fmt.Errorf("%q has more than two decimals", s)
	}
	y, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, err
	}
	f, err := strconv.ParseInt((frac + "00")[:2], 10, 64)
	if err != nil {
		return 0, err
	}
	return y*100 + f, nil
}

// principal is the demo user username as the services see it.
func principal(t *testing.T, idb bun.IDB, username string) *authz.Principal {
	t.Helper()
	u, err := identity.FindUserByUsername(context.Background(), idb, username)
	if err != nil {
		t.Fatal(err)
	}
	o, err := identity.FindOrganisation(context.Background(), idb, u.OrganisationID, false)
	if err != nil {
		t.Fatal(err)
	}
	return &authz.Principal{UserID: u.ID, OrgID: u.OrganisationID, Role: u.Role, OrgKind: o.Kind}
}
