package app

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"intermart/internal/clock"
	"intermart/internal/config"
	"intermart/internal/db/dbtest"
	"intermart/internal/demo"
	"intermart/internal/objects/objtest"
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

// driveYear loads the demo's organisations into a fresh database and
// bucket and drives plan through the capabilities, wired as the server
// wires them, on a fixed clock.
func driveYear(t *testing.T, plan demo.YearPlan) (*demo.YearTotals, capabilities) {
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
	clk := clock.NewFixed(plan.Start)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	caps, err := yearCapabilities(d, store, cfg, log, clk)
	if err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	totals, err := demo.DriveYear(ctx, caps.yearServices(d, clk), plan)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("drove %d announcements, %d contracts registered, %d completed in %s", totals.Published, totals.Registered,
		totals.Completed, time.Since(began).Round(time.Millisecond))
	return totals, caps
}

// TestSeedYear2016 reproduces the seed's 2016 table by driving a year
// through the services with a fixed clock.
func TestSeedYear2016(t *testing.T) {
	t.Parallel()
	totals, _ := driveYear(t, year2016)
	for _, c := range []struct {
		name      string
		got, want int64
	}{
		{"announcements published", int64(totals.Published), 1064},
		{"selections completed", int64(totals.Awarded), 1046},
		{"contracts registered", int64(totals.Registered), 898},
		{"fulfilments completed", int64(totals.Completed), 559},
		{"deal amount (fen)", totals.DealFen, 4_721_710_000},
		{"savings (fen)", totals.SavingsFen, 2_178_450_000},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	if y := totals.First.In(clock.Shanghai).Year(); y != 2016 || totals.Last.In(clock.Shanghai).Year() != 2016 {
		t.Errorf("published from %s to %s, not in 2016", totals.First, totals.Last)
	}
}
