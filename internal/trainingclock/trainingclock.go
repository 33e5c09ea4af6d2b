// Package trainingclock is the training clock (培训时钟): on a training or
// test system (INTERMART_ADJUSTABLE_CLOCK=true) the platform administrator
// moves the marketplace clock forward, so a new user, a trainer or a tester
// walks a procurement through its deadlines on a live system. The offset is
// kept in PostgreSQL (table training_clock, one row), so every server shares
// it, and clock.Database{Adjustable: true} adds it to now() — in Go and, as
// marketplace_now(), in every SQL rule read through clock.Expr. The clock only
// moves forward: moving it back would reopen deadlines already closed.
//
// With the setting off the operations are not registered at all and
// clock.Database applies no offset, whatever the table holds.
//
// # Hooks
//
// Jobs are scheduled by River on the real clock, so a capability whose work
// falls due at a marketplace time registers a hook that runs after every
// move, inside the move's transaction, with the new marketplace time:
//
//	svc.OnAdvance(func(ctx context.Context, tx bun.IDB, now time.Time) error {
//		// e.g. insert, with jobs.Queue.InsertTx, a job closing the
//		// registrations whose deadline is now past
//	})
//
// A hook's error rolls the move back; a hook must not commit or roll back
// the transaction itself. Hooks are registered while the server is built,
// before it serves.
package trainingclock

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/clock"
	"intermart/internal/errs"
	"intermart/internal/workdays"
)

// MaxOffset is how far the clock may be moved ahead of the real time in all.
const MaxOffset = 10 * 365 * 24 * time.Hour

// Hook runs after each move of the clock, in the move's transaction, with
// the new marketplace time.
type Hook func(ctx context.Context, tx bun.IDB, now time.Time) error

// Service reads and moves the training clock.
type Service struct {
	db      *bun.DB
	enabled bool
	hooks   []Hook
}

// NewService returns the training clock's service; enabled is
// INTERMART_ADJUSTABLE_CLOCK.
func NewService(d *bun.DB, enabled bool) *Service { return &Service{db: d, enabled: enabled} }

// Enabled reports whether the clock may be moved on this system.
func (s *Service) Enabled() bool { return s.enabled }

// OnAdvance registers a hook run after every move; see the package comment.
func (s *Service) OnAdvance(h Hook) { s.hooks = append(s.hooks, h) }

// Status is the training clock as the administrator sees it.
type Status struct {
	RealTime        time.Time `json:"realTime" doc:"The real time, by the database"`
	MarketplaceTime time.Time `json:"marketplaceTime" doc:"The time every deadline and rule of the marketplace follows"`
	OffsetSeconds   int64     `json:"offsetSeconds" minimum:"0" doc:"How far the marketplace clock is ahead of the real time"`
}

// Info is what every visitor learns of the training clock, for the banner.
type Info struct {
	Enabled       bool  `json:"enabled" doc:"The training clock is on: the marketplace time may run ahead of the real time"`
	OffsetSeconds int64 `json:"offsetSeconds" minimum:"0" doc:"How far the marketplace clock is ahead of the real time; 0 when off"`
}

// Info tells whether the clock is on and its offset; off, it reads nothing.
func (s *Service) Info(ctx context.Context) (Info, error) {
	if !s.enabled {
		return Info{}, nil
	}
	st, err := status(ctx, s.db, false)
	return Info{Enabled: true, OffsetSeconds: st.OffsetSeconds}, err
}

// Status reads the clock.
func (s *Service) Status(ctx context.Context) (*Status, error) {
	st, err := status(ctx, s.db, false)
	if err != nil {
		return nil, err
	}
	return &st, nil
}

// status reads the real time, the offset and the marketplace time, locking
// the clock when lock is set.
func status(ctx context.Context, idb bun.IDB, lock bool) (Status, error) {
	q := "SELECT now(), offset_us FROM training_clock WHERE id"
	if lock {
		q += " FOR UPDATE"
	}
	var st Status
	var us int64
	if err := idb.NewRaw(q).Scan(ctx, &st.RealTime, &us); err != nil {
		return st, fmt.Errorf("read the training clock: %w", err)
	}
	st.RealTime = st.RealTime.UTC()
	st.MarketplaceTime = st.RealTime.Add(time.Duration(us) * time.Microsecond)
	st.OffsetSeconds = us / 1e6
	return st, nil
}

// Move is how far to move the clock: exactly one of a number of seconds,
// a number of working days (to the same time of day that many working days
// later by the calendar) or a later marketplace time.
type Move struct {
	Seconds     int64      `json:"seconds,omitempty" minimum:"0" doc:"Move forward by this many seconds"`
	WorkingDays int        `json:"workingDays,omitempty" minimum:"0" doc:"Move to the same time of day this many working days later"`
	To          *time.Time `json:"to,omitempty" doc:"Move to this marketplace time, which must be later than the current one"`
}

// Advance moves the clock forward and runs the hooks, in one transaction;
// the move is recorded with who made it.
func (s *Service) Advance(ctx context.Context, actor *authz.Principal, m Move) (*Status, error) {
	given := 0
	for _, set := range []bool{m.Seconds != 0, m.WorkingDays != 0, m.To != nil} {
		if set {
			given++
		}
	}
	if given != 1 {
		return nil, errs.Field("body", "move_one", "give exactly one of seconds, workingDays and to")
	}
	if m.Seconds < 0 || m.Seconds > int64(MaxOffset/time.Second) {
		return nil, errs.Field("body.seconds", "move_range", "a positive number of seconds, at most ten years")
	}
	if m.WorkingDays < 0 || m.WorkingDays > workdays.MaxDays {
		return nil, errs.Field("body.workingDays", "move_range", "a positive number of working days, at most a year's")
	}
	var out Status
	err := s.db.RunInTx(ctx, &sql.TxOptions{}, func(ctx context.Context, tx bun.Tx) error {
		st, err := status(ctx, tx, true)
		if err != nil {
			return err
		}
		var target time.Time
		switch {
		case m.Seconds > 0:
			target = st.MarketplaceTime.Add(time.Duration(m.Seconds) * time.Second)
		case m.WorkingDays > 0:
			d, err := workdays.Add(ctx, tx, st.MarketplaceTime, m.WorkingDays)
			if err != nil {
				return err
			}
			// The same time of day in Shanghai, on that day.
			local := st.MarketplaceTime.In(clock.Shanghai)
			target = time.Date(d.Year(), d.Month(), d.Day(), local.Hour(), local.Minute(), local.Second(), local.Nanosecond(), clock.Shanghai).UTC()
		default:
			target = m.To.UTC()
			if !target.After(st.MarketplaceTime) {
				return errs.Field("body.to", "clock_backwards",
					"the training clock only moves forward: give a time later than the marketplace time "+st.MarketplaceTime.Format(time.RFC3339))
			}
		}
		offset := target.Sub(st.RealTime)
		if offset > MaxOffset || offset < 0 {
			return errs.Field("body", "offset_too_large", "the marketplace clock may run at most ten years ahead of the real time")
		}
		before := st.MarketplaceTime.Sub(st.RealTime)
		if offset <= before {
			return errs.Field("body", "clock_backwards", "the training clock only moves forward")
		}
		if _, err := tx.NewRaw("UPDATE training_clock SET offset_us = ?, updated_at = now() WHERE id", offset.Microseconds()).Exec(ctx); err != nil {
			return fmt.Errorf("move the training clock: %w", err)
		}
		if _, err := tx.NewRaw(`INSERT INTO training_clock_moves (offset_before_us, offset_after_us, marketplace_at, moved_by)
			VALUES (?, ?, ?, ?)`, before.Microseconds(), offset.Microseconds(), target, actor.UserID).Exec(ctx); err != nil {
			return fmt.Errorf("record the move of the training clock: %w", err)
		}
		for _, h := range s.hooks {
			if err := h(ctx, tx, target); err != nil {
				return err
			}
		}
		out = Status{RealTime: st.RealTime, MarketplaceTime: target, OffsetSeconds: offset.Microseconds() / 1e6}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
