// Package db opens the PostgreSQL connection shared by bun, the session store
// and River, and applies the migrations.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// DB bundles the pgx pool (for River) with the database/sql and bun views of
// the same pool, so the whole process uses one set of connections.
type DB struct {
	Pool *pgxpool.Pool
	SQL  *sql.DB
	Bun  *bun.DB

	tracer *queryTracer
}

// Option tunes the connections Open makes.
type Option func(*pgxpool.Config)

// StatementTimeout makes PostgreSQL cancel any statement running longer than
// d (its statement_timeout), so a runaway query cannot hold a connection and
// its locks for ever. Zero leaves the server's setting.
func StatementTimeout(d time.Duration) Option {
	return func(cfg *pgxpool.Config) {
		if d > 0 {
			cfg.ConnConfig.RuntimeParams["statement_timeout"] = strconv.FormatInt(d.Milliseconds(), 10)
		}
	}
}

// MaxConns caps the pool at n connections; 0 keeps the cap of the URL's
// pool_max_conns or pgx's default (the larger of 4 and the number of CPUs).
func MaxConns(n int) Option {
	return func(cfg *pgxpool.Config) {
		if n > 0 {
			cfg.MaxConns = int32(min(n, math.MaxInt32))
		}
	}
}

// Open connects to url, retrying with exponential backoff until timeout so
// the server can start before PostgreSQL has finished starting.
func Open(ctx context.Context, url string, timeout time.Duration, log *slog.Logger, opts ...Option) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse database url: %w", err)
	}
	// Sessions are evaluated in UTC; display conversion happens at the edges.
	cfg.ConnConfig.RuntimeParams["timezone"] = "UTC"
	tracer := &queryTracer{}
	cfg.ConnConfig.Tracer = tracer
	for _, opt := range opts {
		opt(cfg)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("create pool: %w", err)
	}
	err = Retry(ctx, timeout, log, "postgresql", func(ctx context.Context) error { return pool.Ping(ctx) })
	if err != nil {
		pool.Close()
		return nil, err
	}
	if err := checkEncoding(ctx, pool); err != nil {
		pool.Close()
		return nil, err
	}
	sqldb := stdlib.OpenDBFromPool(pool)
	// database/sql keeps only two idle connections unless told otherwise:
	// under load it took a connection from the pool and gave it back on
	// almost every query. It keeps as many as the pool has, less one for
	// River's listener, which holds a connection of the pool itself, and
	// queues its callers beyond them rather than leaving them waiting on the
	// pool; the pool's lifetimes apply to the connections it keeps.
	open := max(1, int(cfg.MaxConns)-1)
	sqldb.SetMaxOpenConns(open)
	sqldb.SetMaxIdleConns(open)
	sqldb.SetConnMaxLifetime(cfg.MaxConnLifetime)
	sqldb.SetConnMaxIdleTime(cfg.MaxConnIdleTime)
	return &DB{Pool: pool, SQL: sqldb, Bun: bun.NewDB(sqldb, pgdialect.New()), tracer: tracer}, nil
}

// checkEncoding refuses a database whose encoding is not UTF8. The
// marketplace keeps Chinese text, and its JSON answers write text read from
// PostgreSQL without checking its UTF-8 again (web.AppendJSONText), which
// only a UTF8 database guarantees.
func checkEncoding(ctx context.Context, pool *pgxpool.Pool) error {
	c, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("check the database's encoding: %w", err)
	}
	defer c.Release()
	if enc := c.Conn().PgConn().ParameterStatus("server_encoding"); enc != "UTF8" {
		return fmt.Errorf("the database's encoding is %q; intermart needs a UTF8 database (CREATE DATABASE … ENCODING 'UTF8')", enc)
	}
	return nil
}

// Close releases every connection.
func (d *DB) Close() {
	_ = d.Bun.Close()
	d.Pool.Close()
}

// Retry calls fn until it succeeds, the context ends or timeout passes,
// doubling the pause between attempts up to two seconds.
func Retry(ctx context.Context, timeout time.Duration, log *slog.Logger, what string, fn func(context.Context) error) error {
	deadline := time.Now().Add(timeout)
	pause := 100 * time.Millisecond
	for attempt := 1; ; attempt++ {
		attemptCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := fn(attemptCtx)
		cancel()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if time.Now().Add(pause).After(deadline) {
			return fmt.Errorf("%s not reachable after %d attempts: %w", what, attempt, err)
		}
		log.Warn("waiting for dependency", "dependency", what, "attempt", attempt, "err", err.Error())
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
		pause = min(pause*2, 2*time.Second)
	}
}

// ErrNoRows re-exports sql.ErrNoRows for stores that translate it.
var ErrNoRows = sql.ErrNoRows

// IsNoRows reports whether err means a query found nothing.
func IsNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
