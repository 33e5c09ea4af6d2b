package trainingclock_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/clock"
	"intermart/internal/db/dbtest"
	"intermart/internal/errs"
	"intermart/internal/trainingclock"
)

// admin is a user to record the moves against.
func admin(t *testing.T, idb bun.IDB) *authz.Principal {
	t.Helper()
	var id int64
	err := idb.NewRaw(`WITH o AS (
			INSERT INTO organisations (kind, name, credit_code, region_code, status)
			SELECT 'platform', '平台运营', '11532900MB0000000A', min(code), 'active' FROM regions RETURNING id)
		INSERT INTO users (organisation_id, username, display_name, role, password_hash)
		SELECT id, 'clock.admin', '时钟管理员', 'platform_admin', 'x' FROM o RETURNING id`).Scan(context.Background(), &id)
	if err != nil {
		t.Fatal(err)
	}
	return &authz.Principal{UserID: id, Role: authz.PlatformAdmin}
}

func fieldReason(err error) string {
	var e *errs.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return ""
	}
	return e.Fields[0].Field + " " + e.Fields[0].Reason
}

// TestAdvance moves the clock forward in the three ways, refuses every
// move that is not forward, records each move and runs the hooks in the
// move's transaction.
func TestAdvance(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := dbtest.New(t)
	who := admin(t, d.Bun)
	svc := trainingclock.NewService(d.Bun, true)
	marketplace := clock.Database{Adjustable: true}

	var fail error
	var seen []time.Time
	svc.OnAdvance(func(ctx context.Context, tx bun.IDB, now time.Time) error {
		// The hook sees the new marketplace time through the clock, in
		// SQL, and writes in the move's transaction.
		got, err := marketplace.Now(ctx, tx)
		if err != nil {
			return err
		}
		if !got.Equal(now) {
			t.Errorf("in the hook the marketplace clock says %s, the hook was told %s", got, now)
		}
		seen = append(seen, now)
		if _, err := tx.NewRaw(`INSERT INTO workday_exceptions (day, kind, name_zh, name_en) VALUES ('2030-01-01', 'holiday', '钩子', 'Hook')`).Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.NewRaw(`DELETE FROM workday_exceptions WHERE day = '2030-01-01'`).Exec(ctx); err != nil {
			return err
		}
		return fail
	})
	offset := func() time.Duration {
		t.Helper()
		st, err := svc.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if d := st.MarketplaceTime.Sub(st.RealTime); d/time.Second != time.Duration(st.OffsetSeconds) {
			t.Fatalf("status: marketplace %s − real %s ≠ offset %d s", st.MarketplaceTime, st.RealTime, st.OffsetSeconds)
		}
		return time.Duration(st.OffsetSeconds) * time.Second
	}
	moves := func() int {
		t.Helper()
		n, err := d.Bun.NewSelect().Table("training_clock_moves").Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return int(n)
	}

	if got := offset(); got != 0 {
		t.Fatalf("a new clock is %s ahead", got)
	}
	st, err := svc.Advance(ctx, who, trainingclock.Move{Seconds: 3600})
	if err != nil {
		t.Fatal(err)
	}
	if st.OffsetSeconds != 3600 || offset() != time.Hour {
		t.Fatalf("after +1 h the offset is %d s", st.OffsetSeconds)
	}
	if len(seen) != 1 || !seen[0].Equal(st.MarketplaceTime) {
		t.Fatalf("hook saw %v, the move went to %s", seen, st.MarketplaceTime)
	}

	t.Run("ErrBackwards", func(t *testing.T) {
		past := st.MarketplaceTime.Add(-time.Minute)
		_, err := svc.Advance(ctx, who, trainingclock.Move{To: &past})
		if got := fieldReason(err); got != "body.to clock_backwards" {
			t.Fatalf("moving back: %v (%q)", err, got)
		}
		same := st.MarketplaceTime.Add(-time.Second) // the clock has moved on a little since
		if _, err := svc.Advance(ctx, who, trainingclock.Move{To: &same}); fieldReason(err) != "body.to clock_backwards" {
			t.Fatalf("moving to the current time: %v", err)
		}
	})
	t.Run("ErrNotOneMove", func(t *testing.T) {
		for _, m := range []trainingclock.Move{{}, {Seconds: 60, WorkingDays: 1}, {Seconds: -60}, {Seconds: 11 * 365 * 86400}} {
			if _, err := svc.Advance(ctx, who, m); !errs.Is(err, errs.Invalid) {
				t.Errorf("%+v: %v, want invalid", m, err)
			}
		}
	})
	if n := moves(); n != 1 {
		t.Fatalf("%d moves recorded after refusals, want 1", n)
	}

	t.Run("HookFailureRollsBack", func(t *testing.T) {
		fail = errs.New(errs.Conflict, "hook_failed", "the hook refused")
		defer func() { fail = nil }()
		before := offset()
		if _, err := svc.Advance(ctx, who, trainingclock.Move{Seconds: 86400}); !errs.Is(err, errs.Conflict) {
			t.Fatalf("advance with a failing hook: %v", err)
		}
		if got := offset(); got != before {
			t.Fatalf("the clock moved to %s though the hook failed", got)
		}
		if n := moves(); n != 1 {
			t.Fatalf("%d moves recorded, want 1", n)
		}
	})

	t.Run("To", func(t *testing.T) {
		to := st.MarketplaceTime.Add(48 * time.Hour)
		got, err := svc.Advance(ctx, who, trainingclock.Move{To: &to})
		if err != nil {
			t.Fatal(err)
		}
		if !got.MarketplaceTime.Equal(to.Truncate(time.Microsecond)) {
			t.Fatalf("moved to %s, want %s", got.MarketplaceTime, to)
		}
	})

	t.Run("WorkingDays", func(t *testing.T) {
		now, err := marketplace.Now(ctx, d.Bun)
		if err != nil {
			t.Fatal(err)
		}
		got, err := svc.Advance(ctx, who, trainingclock.Move{WorkingDays: 1})
		if err != nil {
			t.Fatal(err)
		}
		local, was := got.MarketplaceTime.In(clock.Shanghai), now.In(clock.Shanghai)
		if local.Format("15:04") != was.Format("15:04") || !local.After(was.Add(23*time.Hour)) {
			t.Fatalf("+1 working day from %s went to %s", was, local)
		}
		if wd := local.Weekday(); wd == time.Saturday || wd == time.Sunday {
			// Only a listed 调休 Saturday or Sunday may be a working day.
			var n int
			if err := d.Bun.NewRaw("SELECT count(*) FROM workday_exceptions WHERE day = ? AND kind = 'workday'", local.Format(time.DateOnly)).Scan(ctx, &n); err != nil || n != 1 {
				t.Fatalf("+1 working day landed on %s, a rest day", local.Format(time.DateOnly))
			}
		}
	})

	t.Run("Off", func(t *testing.T) {
		off := trainingclock.NewService(d.Bun, false)
		info, err := off.Info(ctx)
		if err != nil || info.Enabled || info.OffsetSeconds != 0 {
			t.Fatalf("info when off = %+v, %v", info, err)
		}
		on, err := svc.Info(ctx)
		if err != nil || !on.Enabled || on.OffsetSeconds < 3*86400 {
			t.Fatalf("info when on = %+v, %v", on, err)
		}
		real, err := clock.Database{}.Now(ctx, d.Bun)
		if err != nil {
			t.Fatal(err)
		}
		adjusted, err := marketplace.Now(ctx, d.Bun)
		if err != nil {
			t.Fatal(err)
		}
		if adjusted.Sub(real) < 3*24*time.Hour {
			t.Fatalf("real %s, adjusted %s: the real clock applies the offset", real, adjusted)
		}
	})
}
