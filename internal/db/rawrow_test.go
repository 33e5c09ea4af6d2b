package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"intermart/internal/db"
	"intermart/internal/db/dbtest"
)

// TestRawRow reads integers and times from raw binary values of a real
// PostgreSQL row and compares them with what pgx scans, and checks that a
// NULL, a text value, a value of another type, an infinite time and a row
// sent in text (the simple protocol) are refused rather than misread.
func TestRawRow(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	ctx := context.Background()
	const query = `SELECT 9223372036854775807::int8, '-2147483648'::int4, '-32768'::int2,
		'1999-12-31 23:59:59.999999+00'::timestamptz, '2026-11-30 12:34:56.123456+08'::timestamptz,
		'infinity'::timestamptz, NULL::int8, 'text'::text, 7::int8`
	read := func(mode pgx.QueryExecMode, check func(*db.RawRow)) {
		t.Helper()
		rows, err := d.Pool.Query(ctx, query, mode)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		if !rows.Next() {
			t.Fatal("no row")
		}
		check(&db.RawRow{Fields: rows.FieldDescriptions(), Values: rows.RawValues()})
	}
	var i8, i4, i2 int64
	var before, after time.Time
	if err := d.Pool.QueryRow(ctx, `SELECT 9223372036854775807::int8, '-2147483648'::int4, '-32768'::int2,
		'1999-12-31 23:59:59.999999+00'::timestamptz, '2026-11-30 12:34:56.123456+08'::timestamptz`).
		Scan(&i8, &i4, &i2, &before, &after); err != nil {
		t.Fatal(err)
	}
	read(pgx.QueryExecModeCacheStatement, func(r *db.RawRow) {
		if got := r.Int(0); got != i8 {
			t.Errorf("int8: %d, want %d", got, i8)
		}
		if got := r.Int(1); got != i4 {
			t.Errorf("int4: %d, want %d", got, i4)
		}
		if got := r.Int(2); got != i2 {
			t.Errorf("int2: %d, want %d", got, i2)
		}
		if got := r.Time(3); !got.Equal(before) || got.Location() != time.UTC {
			t.Errorf("timestamptz before 2000: %v, want %v in UTC", got, before)
		}
		if got := r.Time(4); !got.Equal(after) || got.Location() != time.UTC {
			t.Errorf("timestamptz: %v, want %v in UTC", got, after)
		}
		if r.Err != nil {
			t.Fatalf("Err = %v after good columns", r.Err)
		}
		for _, c := range []struct {
			read func() any
			why  string
		}{
			{func() any { return r.Time(5) }, "finite"},
			{func() any { return r.Int(6) }, "NULL"},
			{func() any { return r.Int(7) }, "binary"}, // pgx asks for text in text
			{func() any { return r.Time(0) }, "timestamptz"},
			{func() any { return r.Int(3) }, "integer"},
			{func() any { return r.Int(9) }, "column 9"},
		} {
			r.Err = nil
			c.read()
			if r.Err == nil || !strings.Contains(r.Err.Error(), c.why) {
				t.Errorf("Err = %v, want one saying %q", r.Err, c.why)
			}
			// After an error, reads give zero.
			if got := r.Int(8); got != 0 {
				t.Errorf("Int after an error = %d, want 0", got)
			}
		}
	})
	read(pgx.QueryExecModeSimpleProtocol, func(r *db.RawRow) {
		if r.Int(8); r.Err == nil || !strings.Contains(r.Err.Error(), "binary") {
			t.Errorf("a value in text: Err = %v, want one saying binary", r.Err)
		}
	})
}
