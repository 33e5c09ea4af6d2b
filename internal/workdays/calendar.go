package workdays

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/clock"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/identity"
)

// Exception is one day the calendar lists (节假日 or 调休): a weekday that is
// a holiday, or a weekend day that is a working day.
type Exception struct {
	Date      string    `bun:"date" json:"date" format:"date" doc:"The day, YYYY-MM-DD"`
	Kind      string    `bun:"kind" json:"kind" enum:"holiday,workday" doc:"holiday: a weekday that is a rest day; workday: a weekend day that is a working day (调休)"`
	NameZH    string    `bun:"name_zh" json:"nameZh" doc:"e.g. 春节"`
	NameEN    string    `bun:"name_en" json:"nameEn" doc:"e.g. Spring Festival"`
	UpdatedAt time.Time `bun:"updated_at" json:"updatedAt"`
}

// Names is what an exception says, as recorded in its history.
type Names struct {
	Kind   string `json:"kind" enum:"holiday,workday"`
	NameZH string `json:"nameZh"`
	NameEN string `json:"nameEn"`
}

// ExceptionChange is the platform administrator's entry for a day.
type ExceptionChange struct {
	Kind   string `json:"kind" enum:"holiday,workday"`
	NameZH string `json:"nameZh" maxLength:"40" doc:"The holiday's name in Chinese, e.g. 春节 or 春节调休"`
	NameEN string `json:"nameEn" maxLength:"80" doc:"The holiday's name in English, e.g. Spring Festival"`
}

// NewException adds a day to the calendar.
type NewException struct {
	Date string `json:"date" maxLength:"10" doc:"The day, YYYY-MM-DD"`
	ExceptionChange
}

// Change is one recorded change of the calendar: who, when, the entry before
// and after (absent when the day was added or removed).
type Change struct {
	ID            int64     `bun:"id" json:"id"`
	Date          string    `bun:"date" json:"date" format:"date"`
	Action        string    `bun:"action" json:"action" enum:"add,change,remove"`
	Before        *Names    `bun:"before,type:jsonb" json:"before,omitempty"`
	After         *Names    `bun:"after,type:jsonb" json:"after,omitempty"`
	ChangedBy     int64     `bun:"changed_by" json:"changedBy"`
	ChangedByName string    `bun:"-" json:"changedByName" doc:"Display name of who made the change"`
	ChangedAt     time.Time `bun:"changed_at" json:"changedAt"`
}

// Service keeps the calendar for the platform administrator.
type Service struct {
	db    *bun.DB
	clock clock.Clock
}

// NewService returns the calendar's service.
func NewService(d *bun.DB, c clock.Clock) *Service { return &Service{db: d, clock: c} }

var errNotListed = errs.New(errs.NotFound, "workday_not_found", "the calendar lists no exception on that day")

// parseDay reads a YYYY-MM-DD day of the calendar.
func parseDay(f *errs.Fields, field, s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	switch {
	case err != nil:
		f.Add(field, "date_invalid", "a valid date as YYYY-MM-DD")
	case d.Year() < 1900 || d.Year() > 9000:
		f.Add(field, "calendar_date_range", "the date must be between the years 1900 and 9000")
	}
	return d
}

// check validates an entry for day d: the kind must fit the day and both
// names are required.
func (c *ExceptionChange) check(f *errs.Fields, d time.Time) {
	c.NameZH, c.NameEN = strings.TrimSpace(c.NameZH), strings.TrimSpace(c.NameEN)
	if !d.IsZero() {
		weekend := d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
		switch {
		case c.Kind == Holiday && weekend:
			f.Add("body.kind", "holiday_on_weekend", "a weekend day is a rest day already; only a weekday can be listed as a holiday")
		case c.Kind == Workday && !weekend:
			f.Add("body.kind", "workday_on_weekday", "a weekday is a working day already; only a weekend day can be listed as a working day")
		}
	}
	if c.Kind != Holiday && c.Kind != Workday {
		f.Add("body.kind", "kind_invalid", "holiday or workday")
	}
	if c.NameZH == "" {
		f.Add("body.nameZh", "required", "the Chinese name is required")
	}
	if c.NameEN == "" {
		f.Add("body.nameEn", "required", "the English name is required")
	}
}

// thisYear is year, or when 0 the current year in Shanghai by the
// marketplace clock.
func (s *Service) thisYear(ctx context.Context, year int) (int, error) {
	if year != 0 {
		return year, nil
	}
	now, err := s.clock.Now(ctx, s.db)
	return now.In(clock.Shanghai).Year(), err
}

// Year lists the exceptions of a calendar year by date (this year when 0).
func (s *Service) Year(ctx context.Context, year int) ([]Exception, error) {
	year, err := s.thisYear(ctx, year)
	if err != nil {
		return nil, err
	}
	if year < 1900 || year > 9000 {
		return nil, errs.Field("query.year", "year_out_of_range", "the year must be between 1900 and 9000")
	}
	out := []Exception{}
	err = s.db.NewRaw(`SELECT day::text AS date, kind, name_zh, name_en, updated_at FROM workday_exceptions
		WHERE day >= make_date(?, 1, 1) AND day < make_date(?, 1, 1) ORDER BY day`, year, year+1).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("list the calendar of %d: %w", year, err)
	}
	return out, nil
}

// Add lists a new day in the calendar.
func (s *Service) Add(ctx context.Context, actor *authz.Principal, in NewException) (*Exception, error) {
	var f errs.Fields
	d := parseDay(&f, "body.date", in.Date)
	if len(f) > 0 {
		d = time.Time{}
	}
	in.check(&f, d)
	if err := f.Err(); err != nil {
		return nil, err
	}
	after := Names{Kind: in.Kind, NameZH: in.NameZH, NameEN: in.NameEN}
	return s.write(ctx, actor, d, "add", func(tx bun.Tx, now time.Time) error {
		_, err := tx.NewRaw(`INSERT INTO workday_exceptions (day, kind, name_zh, name_en, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)`, d.Format(time.DateOnly), in.Kind, in.NameZH, in.NameEN, now, now).Exec(ctx)
		return db.Violation(err, "add "+in.Date+" to the calendar", map[string]error{
			"workday_exceptions_pkey": errs.Field("body.date", "date_taken", "the calendar lists this day already; change it instead"),
		})
	}, nil, &after)
}

// Change replaces what the calendar says of a listed day.
func (s *Service) Change(ctx context.Context, actor *authz.Principal, date string, in ExceptionChange) (*Exception, error) {
	var f errs.Fields
	d := parseDay(&f, "path.date", date)
	if err := f.Err(); err != nil {
		return nil, err
	}
	in.check(&f, d)
	if err := f.Err(); err != nil {
		return nil, err
	}
	after := Names{Kind: in.Kind, NameZH: in.NameZH, NameEN: in.NameEN}
	return s.write(ctx, actor, d, "change", func(tx bun.Tx, now time.Time) error {
		_, err := tx.NewRaw(`UPDATE workday_exceptions SET kind = ?, name_zh = ?, name_en = ?, updated_at = ? WHERE day = ?`,
			in.Kind, in.NameZH, in.NameEN, now, d.Format(time.DateOnly)).Exec(ctx)
		return err
	}, errNotListed, &after)
}

// Remove takes a day off the calendar: it becomes an ordinary day again.
func (s *Service) Remove(ctx context.Context, actor *authz.Principal, date string) error {
	var f errs.Fields
	d := parseDay(&f, "path.date", date)
	if err := f.Err(); err != nil {
		return err
	}
	_, err := s.write(ctx, actor, d, "remove", func(tx bun.Tx, _ time.Time) error {
		_, err := tx.NewRaw(`DELETE FROM workday_exceptions WHERE day = ?`, d.Format(time.DateOnly)).Exec(ctx)
		return err
	}, errNotListed, nil)
	return err
}

// write runs one change of day d in a transaction with its record. When
// missing is set the day must be listed (and is locked first); the entry
// before is recorded as it was.
func (s *Service) write(ctx context.Context, actor *authz.Principal, d time.Time, action string,
	change func(bun.Tx, time.Time) error, missing *errs.Error, after *Names) (*Exception, error) {
	day := d.Format(time.DateOnly)
	var out *Exception
	err := s.db.RunInTx(ctx, &sql.TxOptions{}, func(ctx context.Context, tx bun.Tx) error {
		var before *Names
		if missing != nil {
			var b Names
			err := tx.NewRaw(`SELECT kind, name_zh, name_en FROM workday_exceptions WHERE day = ? FOR UPDATE`, day).
				Scan(ctx, &b.Kind, &b.NameZH, &b.NameEN)
			if err := db.One(err, "read "+day+" of the calendar", missing); err != nil {
				return err
			}
			before = &b
		}
		now, err := s.clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		if err := change(tx, now); err != nil {
			return err
		}
		if _, err := tx.NewRaw(`INSERT INTO workday_changes (day, action, before, after, changed_by, changed_at)
			VALUES (?, ?, ?, ?, ?, ?)`, day, action, jsonOrNull(before), jsonOrNull(after), actor.UserID, now).Exec(ctx); err != nil {
			return fmt.Errorf("record the change of %s: %w", day, err)
		}
		if after == nil {
			return nil
		}
		out = &Exception{}
		err = tx.NewRaw(`SELECT day::text AS date, kind, name_zh, name_en, updated_at FROM workday_exceptions WHERE day = ?`, day).Scan(ctx, out)
		return db.One(err, "read "+day+" of the calendar", errNotListed)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func jsonOrNull(n *Names) any {
	if n == nil {
		return nil
	}
	b, _ := json.Marshal(n)
	return string(b)
}

// Changes lists the recorded changes of a year's calendar, newest first
// (this year's when 0).
func (s *Service) Changes(ctx context.Context, year int) ([]Change, error) {
	year, err := s.thisYear(ctx, year)
	if err != nil {
		return nil, err
	}
	if year < 1900 || year > 9000 {
		return nil, errs.Field("query.year", "year_out_of_range", "the year must be between 1900 and 9000")
	}
	out := []Change{}
	err = s.db.NewRaw(`SELECT id, day::text AS date, action, before, after, changed_by, changed_at FROM workday_changes
		WHERE day >= make_date(?, 1, 1) AND day < make_date(?, 1, 1) ORDER BY changed_at DESC, id DESC LIMIT 500`, year, year+1).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("list the changes of the calendar of %d: %w", year, err)
	}
	ids := make([]int64, 0, len(out))
	for _, c := range out {
		ids = append(ids, c.ChangedBy)
	}
	actors, err := identity.Actors(ctx, s.db, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].ChangedByName = actors[out[i].ChangedBy].DisplayName
	}
	return out, nil
}
