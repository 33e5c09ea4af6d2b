// Package workdays is the working-day calendar (工作日历) every deadline is
// counted with: Monday to Friday are working days, except the public
// holidays (法定节假日) the calendar lists, and a weekend day the calendar
// lists as a working day (调休) is one too. The platform administrator keeps
// the calendar; the official calendar of 2026 is loaded by its migration.
//
// Days are calendar days in Asia/Shanghai. A function taking a moment uses
// its date in Shanghai; a function returning a day returns it as midnight
// UTC of that date (as clock.Today does), for comparison with SQL date
// columns. Every function takes a bun.IDB so it runs in the caller's
// transaction and sees the calendar as that transaction does.
//
// Deadlines "within n working days" end at the end of the n-th working day:
//
//	deadline, err := workdays.DeadlineAfter(ctx, tx, published, 3)
//
// and a rule "open at least n working days" is
//
//	days, err := workdays.Count(ctx, tx, published, deadline)
//	ok := days >= n
package workdays

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/clock"
	"intermart/internal/errs"
)

// MaxDays is the largest number of working days Add counts: more than a
// year of working days is a mistake, not a deadline.
const MaxDays = 365

// Kinds of an exception.
const (
	Holiday = "holiday" // a weekday that is a rest day
	Workday = "workday" // a weekend day that is a working day (调休)
)

// day is the Shanghai date of t as midnight UTC.
func day(t time.Time) time.Time { return clock.Today(t) }

// checkMoment refuses a moment whose date PostgreSQL and the arithmetic
// below cannot hold.
func checkMoment(field string, t time.Time) error {
	if y := t.In(clock.Shanghai).Year(); y < 1900 || y > 9000 {
		return errs.Field(field, "calendar_date_range", "the date must be between the years 1900 and 9000")
	}
	return nil
}

// Add returns the day n working days after the Shanghai date of from: the
// start day itself never counts, so from Thursday 2026-09-24 three working
// days is Wednesday 2026-09-30 (25–27 September are the Mid-Autumn holiday).
// Add of 0 is from's own date. n must be 0 to MaxDays.
func Add(ctx context.Context, idb bun.IDB, from time.Time, n int) (time.Time, error) {
	if n < 0 || n > MaxDays {
		return time.Time{}, errs.Field("workingDays", "working_days_range",
			fmt.Sprintf("the number of working days must be 0 to %d", MaxDays))
	}
	if err := checkMoment("from", from); err != nil {
		return time.Time{}, err
	}
	start := day(from)
	if n == 0 {
		return start, nil
	}
	// Within 2n+366 days there are n working days unless the calendar
	// lists more than a year of holidays in a row.
	var s string
	err := idb.NewRaw(`SELECT (b.start + i)::text
		FROM (SELECT ?::date AS start) AS b
		CROSS JOIN generate_series(1, ?::int) AS i
		LEFT JOIN workday_exceptions AS e ON e.day = b.start + i
		WHERE coalesce(e.kind = 'workday', extract(isodow FROM b.start + i) < 6)
		ORDER BY i OFFSET ? LIMIT 1`,
		start.Format(time.DateOnly), 2*n+366, n-1).Scan(ctx, &s)
	if err != nil {
		return time.Time{}, fmt.Errorf("add %d working days to %s: %w", n, start.Format(time.DateOnly), err)
	}
	return time.Parse(time.DateOnly, s)
}

// EndOf is the moment the Shanghai date of d ends (24:00, that is 00:00 of
// the next day at +08:00), in UTC: a deadline "within n working days" ends
// there.
func EndOf(d time.Time) time.Time {
	y, m, dd := d.In(clock.Shanghai).Date()
	return time.Date(y, m, dd+1, 0, 0, 0, 0, clock.Shanghai).UTC()
}

// DeadlineAfter is the end of the day n working days after from:
// EndOf(Add(from, n)).
func DeadlineAfter(ctx context.Context, idb bun.IDB, from time.Time, n int) (time.Time, error) {
	d, err := Add(ctx, idb, from, n)
	if err != nil {
		return time.Time{}, err
	}
	return EndOf(d), nil
}

// Count is the number of working days after the Shanghai date of from, up to
// and including the day to falls in; 0 when to is not after from. A moment
// at 24:00 (as EndOf returns) belongs to the day it ends, so
// Count(from, DeadlineAfter(from, n)) is n.
func Count(ctx context.Context, idb bun.IDB, from, to time.Time) (int, error) {
	if !to.After(from) {
		return 0, nil
	}
	if err := checkMoment("from", from); err != nil {
		return 0, err
	}
	if err := checkMoment("to", to); err != nil {
		return 0, err
	}
	first, last := day(from), day(to.Add(-time.Nanosecond))
	if !last.After(first) {
		return 0, nil
	}
	n := weekdays(first, last)
	// Each listed holiday is a weekday and each listed workday a weekend
	// day (the table's check says so), so each moves the count by one.
	var holidays, extra int
	err := idb.NewRaw(`SELECT count(*) FILTER (WHERE kind = 'holiday'), count(*) FILTER (WHERE kind = 'workday')
		FROM workday_exceptions WHERE day > ?::date AND day <= ?::date`,
		first.Format(time.DateOnly), last.Format(time.DateOnly)).Scan(ctx, &holidays, &extra)
	if err != nil {
		return 0, fmt.Errorf("count working days from %s to %s: %w", first.Format(time.DateOnly), last.Format(time.DateOnly), err)
	}
	return n - holidays + extra, nil
}

// weekdays counts Monday to Friday after first up to and including last
// (both midnight UTC of a date).
func weekdays(first, last time.Time) int {
	// Whole days by the Unix clock: a time.Duration holds only 292 years.
	days := int((last.Unix() - first.Unix()) / 86400)
	n := days / 7 * 5
	d := first.AddDate(0, 0, days/7*7)
	for i := 0; i < days%7; i++ {
		d = d.AddDate(0, 0, 1)
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n++
		}
	}
	return n
}

// IsWorkday reports whether the Shanghai date of d is a working day.
func IsWorkday(ctx context.Context, idb bun.IDB, d time.Time) (bool, error) {
	if err := checkMoment("date", d); err != nil {
		return false, err
	}
	date := day(d)
	var kind string
	err := idb.NewRaw(`SELECT coalesce((SELECT kind FROM workday_exceptions WHERE day = ?::date), '')`,
		date.Format(time.DateOnly)).Scan(ctx, &kind)
	if err != nil {
		return false, fmt.Errorf("read the calendar of %s: %w", date.Format(time.DateOnly), err)
	}
	switch kind {
	case Holiday:
		return false, nil
	case Workday:
		return true, nil
	}
	return date.Weekday() != time.Saturday && date.Weekday() != time.Sunday, nil
}
