package demo_test

import (
	"bytes"
	"context"
	"testing"

	"intermart/internal/agency"
	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/db/dbtest"
	"intermart/internal/demo"
	"intermart/internal/files"
	"intermart/internal/identity"
	"intermart/internal/jobs"
	"intermart/internal/objects/objtest"
	"intermart/internal/procurement"
	"intermart/internal/seal"
)

// TestLoadProcurement loads the demo projects and announcements twice: each
// owner organisation has projects, published announcements are open with
// their codes, drafts wait, and loading again adds nothing.
func TestLoadProcurement(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := dbtest.New(t)
	store := objtest.New(t)
	if err := demo.Load(ctx, d.Bun, store); err != nil {
		t.Fatal(err)
	}
	queue, err := jobs.NewQueue(d)
	if err != nil {
		t.Fatal(err)
	}
	sealer, _ := seal.New(bytes.Repeat([]byte{1}, 32))
	cat := catalog.NewService(d.Bun)
	fs := files.NewService(d.Bun, store, 1<<20)
	svc := procurement.NewService(procurement.Deps{DB: d.Bun, Identity: identity.NewService(d.Bun), Catalog: cat,
		Agency: agency.NewService(d.Bun, cat, fs, clock.Database{}), Files: fs, Clock: clock.Database{}, Queue: queue,
		Sealer: sealer, OCIDPrefix: "ocds-intermart-"})
	for range 2 {
		if err := demo.LoadProcurement(ctx, d.Bun, svc, cat); err != nil {
			t.Fatal(err)
		}
	}
	var got struct {
		Owners   int `bun:"owners"`
		Projects int `bun:"projects"`
		Open     int `bun:"open"`
		Drafts   int `bun:"drafts"`
		Regions  int `bun:"regions"`
	}
	err = d.Bun.NewRaw(`SELECT (SELECT count(DISTINCT owner_id) FROM projects) AS owners, (SELECT count(*) FROM projects) AS projects,
		(SELECT count(*) FROM announcements WHERE status = 'open' AND code LIKE 'DLZJ-%') AS open,
		(SELECT count(*) FROM announcements WHERE status = 'draft') AS drafts,
		(SELECT count(DISTINCT region_code) FROM announcements) AS regions`).Scan(ctx, &got)
	if err != nil {
		t.Fatal(err)
	}
	if got.Owners != 13 || got.Projects != 21 || got.Open < 3 || got.Drafts < 8 || got.Regions != 13 {
		t.Fatalf("demo procurement: %+v", got)
	}
	// The later states are there too, each reached through closing and selection.
	var states []struct {
		Status string `bun:"status"`
		N      int    `bun:"n"`
	}
	if err := d.Bun.NewRaw("SELECT status, count(*) AS n FROM announcements GROUP BY status").Scan(ctx, &states); err != nil {
		t.Fatal(err)
	}
	byStatus := map[string]int{}
	for _, s := range states {
		byStatus[s.Status] = s.N
	}
	for _, want := range []string{"open", "failed", "in_publicity", "awarded"} {
		if byStatus[want] == 0 {
			t.Errorf("no demo announcement is %s: %v", want, byStatus)
		}
	}
	var relisted int
	if err := d.Bun.NewRaw("SELECT count(*) FROM announcements WHERE previous_id IS NOT NULL").Scan(ctx, &relisted); err != nil || relisted == 0 {
		t.Errorf("no failed demo announcement was relisted (%v)", err)
	}
}
