package clock_test

import (
	"context"
	"testing"
	"time"

	"intermart/internal/clock"
	"intermart/internal/db/dbtest"
)

// TestAdjustable checks that the training clock's stored offset reaches the
// adjustable database clock, in Go (Now) and in SQL (Expr), and never the
// real one, whose SQL stays exactly now().
func TestAdjustable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := dbtest.New(t)
	const offset = 3*24*time.Hour + 2*time.Hour
	if _, err := d.Bun.NewRaw("UPDATE training_clock SET offset_us = ?", offset.Microseconds()).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	tx, err := d.Bun.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	var real time.Time
	if err := tx.NewRaw("SELECT now()").Scan(ctx, &real); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name  string
		clock clock.Database
		want  time.Time
		sql   string
	}{
		{"Adjustable", clock.Database{Adjustable: true}, real.Add(offset), "marketplace_now()"},
		{"Real", clock.Database{}, real, "now()"},
	} {
		t.Run(c.name, func(t *testing.T) {
			now, err := c.clock.Now(ctx, tx)
			if err != nil {
				t.Fatal(err)
			}
			if !now.Equal(c.want) {
				t.Fatalf("Now = %s, want %s", now, c.want)
			}
			expr, err := clock.Expr(ctx, c.clock, tx)
			if err != nil {
				t.Fatal(err)
			}
			if expr.Query != c.sql {
				t.Fatalf("Expr = %q, want %q", expr.Query, c.sql)
			}
			var got time.Time
			var today string
			if err := tx.NewRaw("SELECT ?, ?::text", expr, clock.TodayExpr(expr)).Scan(ctx, &got, &today); err != nil {
				t.Fatal(err)
			}
			if !got.Equal(c.want) {
				t.Fatalf("SQL through Expr = %s, want %s", got, c.want)
			}
			if want := clock.Today(c.want).Format(time.DateOnly); today != want {
				t.Fatalf("TodayExpr = %s, want %s", today, want)
			}
			if !clock.InSQL(c.clock) {
				t.Fatal("the database clock is not read in SQL")
			}
		})
	}
}
