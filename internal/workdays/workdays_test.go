package workdays_test

import (
	"context"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/clock"
	"intermart/internal/db/dbtest"
	"intermart/internal/errs"
	"intermart/internal/workdays"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// at is a moment in Shanghai.
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, clock.Shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

// TestCalendar checks the official 2026 calendar loaded by the migration and
// the arithmetic across holidays, 调休 weekends and the year's end.
func TestCalendar(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := dbtest.New(t)
	// A 2027 holiday across the year end, as the administrator would enter it.
	if _, err := d.Bun.NewRaw(`INSERT INTO workday_exceptions (day, kind, name_zh, name_en)
		VALUES ('2027-01-01', 'holiday', '元旦', 'New Year''s Day')`).Exec(ctx); err != nil {
		t.Fatal(err)
	}

	t.Run("IsWorkday", func(t *testing.T) {
		for _, c := range []struct {
			day  string
			want bool
		}{
			{"2026-02-14", true},  // Saturday, Spring Festival 调休
			{"2026-10-10", true},  // Saturday, National Day 调休
			{"2026-02-16", false}, // Monday in the Spring Festival
			{"2026-10-08", true},  // Thursday after National Day (1–7 October)
			{"2026-09-25", false}, // Friday, Mid-Autumn
			{"2026-09-26", false}, // plain Saturday
			{"2026-09-28", true},  // plain Monday
			{"2027-01-01", false}, // entered 2027 holiday
		} {
			got, err := workdays.IsWorkday(ctx, d.Bun, date(c.day))
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("IsWorkday(%s) = %v, want %v", c.day, got, c.want)
			}
		}
	})

	t.Run("Add", func(t *testing.T) {
		for _, c := range []struct {
			name string
			from time.Time
			n    int
			want string
		}{
			{"OfficialCheck", at("2026-09-24 10:00"), 3, "2026-09-30"},
			{"Zero", at("2026-09-26 10:00"), 0, "2026-09-26"},
			{"StartDayNeverCounts", at("2026-09-28 00:00"), 1, "2026-09-29"},
			{"ShanghaiDateOfMoment", time.Date(2026, 9, 23, 16, 30, 0, 0, time.UTC), 1, "2026-09-28"}, // 00:30 on the 24th in Shanghai
			{"NationalDayAndMakeUpSaturday", at("2026-09-30 09:00"), 1, "2026-10-08"},
			{"MakeUpSaturdayCounted", at("2026-10-08 09:00"), 2, "2026-10-10"},
			{"SpringFestival", at("2026-02-13 09:00"), 2, "2026-02-24"}, // 14th (调休 Saturday), then 24th
			{"YearBoundary", at("2026-12-30 09:00"), 2, "2027-01-04"},   // 31st, (1st holiday, weekend), 4th
			{"AcrossNewYear2026", at("2025-12-31 09:00"), 1, "2026-01-04"},
			{"MaxDays", at("2026-01-01 09:00"), workdays.MaxDays, ""},
		} {
			t.Run(c.name, func(t *testing.T) {
				got, err := workdays.Add(ctx, d.Bun, c.from, c.n)
				if err != nil {
					t.Fatal(err)
				}
				if c.want == "" {
					// MaxDays: counting back gives the same number.
					n, err := workdays.Count(ctx, d.Bun, c.from, workdays.EndOf(got))
					if err != nil {
						t.Fatal(err)
					}
					if n != c.n {
						t.Fatalf("Count(from, Add(from, %d)) = %d", c.n, n)
					}
					return
				}
				if got.Format(time.DateOnly) != c.want {
					t.Fatalf("Add(%s, %d) = %s, want %s", c.from, c.n, got.Format(time.DateOnly), c.want)
				}
				ok, err := workdays.IsWorkday(ctx, d.Bun, got)
				if err != nil {
					t.Fatal(err)
				}
				if c.n > 0 && !ok {
					t.Fatalf("Add landed on %s, not a working day", c.want)
				}
			})
		}
	})

	t.Run("AddRefused", func(t *testing.T) {
		for _, n := range []int{-1, workdays.MaxDays + 1, 1 << 30} {
			if _, err := workdays.Add(ctx, d.Bun, at("2026-09-24 10:00"), n); !errs.Is(err, errs.Invalid) {
				t.Errorf("Add(n=%d) = %v, want invalid", n, err)
			}
		}
		if _, err := workdays.Add(ctx, d.Bun, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), 1); !errs.Is(err, errs.Invalid) {
			t.Errorf("Add in the year 9999 = %v, want invalid", err)
		}
	})

	t.Run("DeadlineAfter", func(t *testing.T) {
		got, err := workdays.DeadlineAfter(ctx, d.Bun, at("2026-09-24 10:00"), 3)
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2026, 9, 30, 16, 0, 0, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
			t.Fatalf("DeadlineAfter = %s, want %s (24:00 on the 30th in Shanghai, in UTC)", got, want)
		}
	})

	t.Run("Count", func(t *testing.T) {
		for _, c := range []struct {
			name     string
			from, to time.Time
			want     int
		}{
			{"DeadlineAtEndOfDayCountsThatDay", at("2026-09-24 10:00"), at("2026-10-01 00:00"), 3},
			{"DeadlineDuringDay", at("2026-09-24 10:00"), at("2026-09-30 17:00"), 3},
			{"DeadlineEarlierDay", at("2026-09-24 10:00"), at("2026-09-29 23:59"), 2},
			{"SameDay", at("2026-09-24 10:00"), at("2026-09-24 18:00"), 0},
			{"Backwards", at("2026-09-24 10:00"), at("2026-09-20 10:00"), 0},
			{"Equal", at("2026-09-24 10:00"), at("2026-09-24 10:00"), 0},
			{"MakeUpSaturday", at("2026-10-09 10:00"), at("2026-10-10 12:00"), 1},
			{"HolidayWeek", at("2026-09-30 10:00"), at("2026-10-07 12:00"), 0},
			{"WholeYear2026", at("2025-12-31 12:00"), at("2026-12-31 12:00"), 261 - 19 + 6},
			{"YearBoundary", at("2026-12-30 09:00"), at("2027-01-04 12:00"), 2},
			// 1000 years of 52 weeks and a day or two: longer than a time.Duration holds.
			{"Millennium", at("3000-01-01 12:00"), at("4000-01-01 12:00"), millenniumWeekdays},
		} {
			t.Run(c.name, func(t *testing.T) {
				got, err := workdays.Count(ctx, d.Bun, c.from, c.to)
				if err != nil {
					t.Fatal(err)
				}
				if got != c.want {
					t.Fatalf("Count(%s, %s) = %d, want %d", c.from, c.to, got, c.want)
				}
			})
		}
	})

	t.Run("InCallersTransaction", func(t *testing.T) {
		err := d.Bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if _, err := tx.NewRaw(`INSERT INTO workday_exceptions (day, kind, name_zh, name_en)
				VALUES ('2026-09-28', 'holiday', '测试', 'Test')`).Exec(ctx); err != nil {
				return err
			}
			got, err := workdays.Add(ctx, tx, at("2026-09-24 10:00"), 3)
			if err != nil {
				return err
			}
			if got.Format(time.DateOnly) != "2026-10-08" {
				t.Errorf("Add in the transaction = %s, want 2026-10-08", got.Format(time.DateOnly))
			}
			return errRollback
		})
		if err != errRollback {
			t.Fatal(err)
		}
	})
}

// millenniumWeekdays is the number of Monday–Friday days after 3000-01-01 up
// to and including 4000-01-01, counted one day at a time.
var millenniumWeekdays = func() int {
	n := 0
	for d := date("3000-01-02"); !d.After(date("4000-01-01")); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n++
		}
	}
	return n
}()

var errRollback = errs.New(errs.Conflict, "rollback", "roll back")
