package db

import (
	"encoding/binary"
	"fmt"
	"math"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// RawRow reads integers and times from a row's raw values in the binary
// form pgx receives them in for a prepared statement, without pgx's scan
// plans, which cost about a dozen allocations a query. The busiest read,
// the public notice list, reads its rows this way (docs/benchmarks.md).
// The first column that is NULL, not binary or not of the type asked for
// sets Err; later reads then give zero.
type RawRow struct {
	Fields []pgconn.FieldDescription
	Values [][]byte
	Err    error
}

// Int returns column c, a smallint, integer or bigint.
func (r *RawRow) Int(c int) int64 {
	v, ok := r.binary(c)
	if !ok {
		return 0
	}
	switch oid := r.Fields[c].DataTypeOID; {
	case oid == pgtype.Int8OID && len(v) == 8:
		return int64(binary.BigEndian.Uint64(v))
	case oid == pgtype.Int4OID && len(v) == 4:
		return int64(int32(binary.BigEndian.Uint32(v)))
	case oid == pgtype.Int2OID && len(v) == 2:
		return int64(int16(binary.BigEndian.Uint16(v)))
	}
	r.fail(c, "an integer")
	return 0
}

// postgresEpoch is where PostgreSQL counts its timestamps from, in
// microseconds since the Unix epoch.
const postgresEpoch = 946_684_800_000_000

// Time returns column c, a timestamptz, in UTC.
func (r *RawRow) Time(c int) time.Time {
	v, ok := r.binary(c)
	if !ok {
		return time.Time{}
	}
	if r.Fields[c].DataTypeOID != pgtype.TimestamptzOID || len(v) != 8 {
		r.fail(c, "a timestamptz")
		return time.Time{}
	}
	us := int64(binary.BigEndian.Uint64(v))
	if us == math.MaxInt64 || us == math.MinInt64 {
		r.fail(c, "a finite timestamptz")
		return time.Time{}
	}
	return time.UnixMicro(us + postgresEpoch).UTC()
}

func (r *RawRow) binary(c int) ([]byte, bool) {
	if r.Err != nil {
		return nil, false
	}
	if c >= len(r.Values) || c >= len(r.Fields) {
		r.Err = fmt.Errorf("column %d of a row of %d", c, len(r.Values))
		return nil, false
	}
	if r.Values[c] == nil {
		r.fail(c, "not NULL")
		return nil, false
	}
	if r.Fields[c].Format != pgtype.BinaryFormatCode {
		r.fail(c, "in binary")
		return nil, false
	}
	return r.Values[c], true
}

func (r *RawRow) fail(c int, want string) {
	r.Err = fmt.Errorf("column %s (type %d, %d bytes): want %s", r.Fields[c].Name, r.Fields[c].DataTypeOID, len(r.Values[c]), want)
}
