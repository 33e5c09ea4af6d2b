package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"intermart/internal/agency"
	"intermart/internal/clock"
	"intermart/internal/config"
	"intermart/internal/db"
	"intermart/internal/demo"
	"intermart/internal/identity"
	"intermart/internal/jobs"
	"intermart/internal/objects"
	"intermart/internal/supervision"
	"intermart/internal/workdays"
)

// yearCapabilities builds the capabilities as the server does, with every
// hook between them, but all on the fixed clock clk: a year of the
// marketplace driven through them (the demo's history, the seed's 2016
// table in the tests) happens at the times clk is moved to.
func yearCapabilities(d *db.DB, store *objects.Store, cfg config.Config, log *slog.Logger, clk *clock.Fixed) (capabilities, error) {
	caps := newCapabilities(d, store, cfg, log)
	caps.clock = clk
	caps.identity = identity.NewService(d.Bun).WithClock(clk)
	caps.agency = agency.NewService(d.Bun, caps.catalog, caps.files, clk)
	caps.workdays = workdays.NewService(d.Bun, clk)
	var err error
	if caps.queue, err = jobs.NewQueue(d); err != nil {
		return caps, err
	}
	caps.buildProcurement(d, cfg)
	caps.buildContract(d, cfg)
	caps.buildSupervision(d, cfg)
	return caps, nil
}

// yearServices are the capabilities a year is driven through.
func (c *capabilities) yearServices(d *db.DB, clk *clock.Fixed) demo.YearServices {
	return demo.YearServices{DB: d.Bun, Clock: clk, Identity: c.identity, Catalog: c.catalog,
		Procurement: c.procurement, Contract: c.contract, Agency: c.agency}
}

// loadDemoYear adds the demo's year of history (demo.DemoYear), through
// the capabilities on a clock that walks the past year up to now, once:
// a second seed finds it and leaves it.
func loadDemoYear(ctx context.Context, d *db.DB, store *objects.Store, cfg config.Config, log *slog.Logger, stderr io.Writer) error {
	now, err := clock.Database{}.Now(ctx, d.Bun)
	if err != nil {
		return err
	}
	plan := demo.DemoYear(now)
	done, err := demo.YearLoaded(ctx, d.Bun, plan)
	if err != nil || done {
		return err
	}
	clk := clock.NewFixed(plan.Start)
	caps, err := yearCapabilities(d, store, cfg, log, clk)
	if err != nil {
		return err
	}
	last, err := demo.LastNotification(ctx, d.Bun)
	if err != nil {
		return err
	}
	began := time.Now()
	totals, err := demo.DriveYear(ctx, caps.yearServices(d, clk), plan)
	if err != nil {
		return err
	}
	end, _ := clk.Now(ctx, d.Bun)
	if err := demo.MarkYearRead(ctx, d.Bun, last, end); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "demo year: %d announcements published, %d awarded, %d contracts registered, %d completed, in %s\n",
		totals.Published, totals.Awarded, totals.Registered, totals.Completed, time.Since(began).Round(time.Second))
	return nil
}

// DriveYear drives plan through the capabilities built as the server builds
// them, on a fixed clock, over database d and store; it returns the totals
// the drive counted and the supervision service to read the dashboard from.
// The seed's 2016 table test (package seedyear) calls it: a package of its
// own, so that its minutes do not count against this one's test timeout.
func DriveYear(ctx context.Context, d *db.DB, store *objects.Store, cfg config.Config, plan demo.YearPlan) (*demo.YearTotals, *supervision.Service, error) {
	clk := clock.NewFixed(plan.Start)
	caps, err := yearCapabilities(d, store, cfg, slog.New(slog.DiscardHandler), clk)
	if err != nil {
		return nil, nil, err
	}
	totals, err := demo.DriveYear(ctx, caps.yearServices(d, clk), plan)
	return totals, caps.supervision, err
}
