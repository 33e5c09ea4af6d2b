package clock_test

import (
	"context"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/clock"
	"intermart/internal/db/dbtest"
)

// TestExpr checks that the time a query reads through Expr is the clock's:
// the transaction's now() for the database clock, the set time for a fixed
// one, and that TodayExpr takes the date in Shanghai as Today does.
func TestExpr(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := dbtest.New(t)
	read := func(idb bun.IDB, c clock.Clock) (now, today time.Time) {
		t.Helper()
		expr, err := clock.Expr(ctx, c, idb)
		if err != nil {
			t.Fatal(err)
		}
		var day string
		if err := idb.NewRaw("SELECT ?, ?::text", expr, clock.TodayExpr(expr)).Scan(ctx, &now, &day); err != nil {
			t.Fatal(err)
		}
		if today, err = time.Parse(time.DateOnly, day); err != nil {
			t.Fatal(err)
		}
		return now.UTC(), today
	}

	t.Run("Fixed", func(t *testing.T) {
		at := time.Date(2026, 12, 31, 16, 30, 0, 0, time.UTC) // 00:30 on 1 January in Shanghai
		now, today := read(d.Bun, clock.NewFixed(at))
		if !now.Equal(at) {
			t.Fatalf("now = %s, want %s", now, at)
		}
		if want := clock.Today(at); !today.Equal(want) {
			t.Fatalf("today = %s, want %s", today, want)
		}
	})
	t.Run("Database", func(t *testing.T) {
		err := d.Bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			want, err := clock.Database{}.Now(ctx, tx)
			if err != nil {
				return err
			}
			now, today := read(tx, clock.Database{})
			if !now.Equal(want) {
				t.Fatalf("now = %s, want the transaction's %s", now, want)
			}
			if !today.Equal(clock.Today(want)) {
				t.Fatalf("today = %s, want %s", today, clock.Today(want))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
