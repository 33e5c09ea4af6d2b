package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"

	"intermart/internal/errs"
)

// This file is the one place where driver errors become domain errors:
// no row → errs.NotFound, a violated constraint → the errs value the store
// names for it. Everything else is wrapped with what was being done, so it
// stays an internal failure with its cause.

// One turns the error of a query for one row into a domain error:
// sql.ErrNoRows becomes notFound (an errs.NotFound value); any other failure
// is wrapped with what; nil stays nil.
func One(err error, what string, notFound *errs.Error) error {
	switch {
	case err == nil:
		return nil
	case IsNoRows(err):
		return notFound
	default:
		return fmt.Errorf("%s: %w", what, err)
	}
}

// Owner returns the organisation_id of the row of model with primary key
// id, for scope resolvers and owner lookups. A missing row is notFound,
// never organisation 0.
func Owner(ctx context.Context, idb bun.IDB, model any, id int64, notFound *errs.Error) (int64, error) {
	return Column[int64](ctx, idb, model, "organisation_id", id, notFound)
}

// Column returns one column of the row of model with primary key id; a
// missing row is notFound.
func Column[T any](ctx context.Context, idb bun.IDB, model any, column string, id int64, notFound *errs.Error) (T, error) {
	var v T
	err := idb.NewSelect().Model(model).Column(column).Where("?TableAlias.id = ?", id).Scan(ctx, &v)
	return v, One(err, fmt.Sprintf("%s of row %d", column, id), notFound)
}

// Violation maps a violated constraint to the domain error a store gives for
// it: by constraint name for unique (23505), foreign-key (23503) and check
// (23514) violations. An unlisted violation or another failure is wrapped
// with what; nil stays nil.
func Violation(err error, what string, byConstraint map[string]error) error {
	if err == nil {
		return nil
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505", "23503", "23514":
			if mapped, ok := byConstraint[pgErr.ConstraintName]; ok {
				return mapped
			}
		}
	}
	return fmt.Errorf("%s: %w", what, err)
}

// UniqueViolation returns the name of the violated unique constraint when err
// is PostgreSQL's 23505, so a store can turn it into a field error.
func UniqueViolation(err error) (constraint string, ok bool) {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return pgErr.ConstraintName, true
	}
	return "", false
}

// ForeignKeyViolation reports whether err is PostgreSQL's 23503: a row is
// still referred to (on delete) or refers to nothing (on insert).
func ForeignKeyViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23503"
}

// Contains returns an ILIKE pattern matching s anywhere, with LIKE's
// wildcards in s taken literally.
func Contains(s string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s) + "%"
}

// Unavailable reports whether err means PostgreSQL could not be reached or
// did not answer in time — stopped, frozen, restarting, out of connections,
// or a statement cancelled by statement_timeout — rather than a mistake in
// the request or the code. Such errors are answered 503 with Retry-After.
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EPIPE) || pgconn.Timeout(err) {
		return true
	}
	var connectErr *pgconn.ConnectError
	if errors.As(err, &connectErr) {
		return true
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case strings.HasPrefix(pgErr.Code, "08"): // connection exception
			return true
		case pgErr.Code == "57014", // query_canceled: statement_timeout
			pgErr.Code == "57P01", pgErr.Code == "57P02", pgErr.Code == "57P03", // shutting down, starting up
			pgErr.Code == "53300": // too_many_connections
			return true
		}
		return false
	}
	// pgx reports a connection that died mid-conversation in words only.
	msg := err.Error()
	return strings.Contains(msg, "conn closed") || strings.Contains(msg, "unexpected EOF") ||
		strings.Contains(msg, "connection reset") || strings.Contains(msg, "broken pipe")
}
