// Package clock tells the time by the database, so deadlines and expiries are
// judged by one clock across every server. Tests replace it with a fixed
// clock to move through dates.
package clock

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/uptrace/bun"
)

// Shanghai is the time zone dates are judged in: a qualification valid to
// 2027-05-01 is valid through that day in China.
var Shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		// The zone is fixed at UTC+8 with no daylight saving since 1991.
		return time.FixedZone("Asia/Shanghai", 8*3600)
	}
	return loc
}()

// Clock tells the current time, reading it through db where it needs to
// (inside a transaction, that is the transaction's start).
type Clock interface {
	Now(ctx context.Context, db bun.IDB) (time.Time, error)
}

// Database reads now() from PostgreSQL. When Adjustable (the training clock,
// INTERMART_ADJUSTABLE_CLOCK=true) it reads marketplace_now() instead: now()
// plus the offset the platform administrator moved the clock forward by,
// kept in the database so every server shares it. The zero value is the
// real clock and never applies an offset.
type Database struct {
	Adjustable bool
}

// Now returns the database's now(), plus the training clock's offset when
// the clock is adjustable.
func (c Database) Now(ctx context.Context, db bun.IDB) (time.Time, error) {
	var t time.Time
	if err := db.NewRaw("SELECT ?", c.sqlNow()).Scan(ctx, &t); err != nil {
		return time.Time{}, fmt.Errorf("read database clock: %w", err)
	}
	return t.UTC(), nil
}

// Fixed is a clock for tests that stands still until set.
type Fixed struct {
	mu sync.Mutex
	t  time.Time
}

// NewFixed returns a clock standing at t.
func NewFixed(t time.Time) *Fixed { return &Fixed{t: t} }

// Now returns the set time.
func (f *Fixed) Now(context.Context, bun.IDB) (time.Time, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t, nil
}

// Set moves the clock.
func (f *Fixed) Set(t time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.t = t
}

// Today is the calendar date of t in Shanghai, as midnight UTC of that date,
// for comparison with SQL date columns.
func Today(t time.Time) time.Time {
	y, m, d := t.In(Shanghai).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
