package db_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"intermart/internal/db"
	"intermart/internal/db/dbtest"
)

// TestStatementTimeout checks that the option reaches PostgreSQL and that a
// statement it cancels counts as the database being unavailable (503), not
// as a bug (500).
func TestStatementTimeout(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, err := db.Open(ctx, dbtest.URL(t), 10*time.Second, slog.New(slog.DiscardHandler), db.StatementTimeout(150*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	var setting string
	if err := d.Bun.NewRaw("SHOW statement_timeout").Scan(ctx, &setting); err != nil {
		t.Fatal(err)
	}
	if setting != "150ms" {
		t.Fatalf("statement_timeout = %q, want 150ms", setting)
	}
	_, err = d.Bun.ExecContext(ctx, "SELECT pg_sleep(5)")
	if err == nil {
		t.Fatal("a 5 s statement finished under a 150 ms statement_timeout")
	}
	if !db.Unavailable(fmt.Errorf("list things: %w", err)) {
		t.Fatalf("Unavailable(%v) = false, want true", err)
	}
}

// TestUnavailable checks the classification of errors that are not about
// reaching the database.
func TestUnavailable(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	ctx := context.Background()
	var n int
	errNoRows := d.Bun.NewRaw("SELECT 1 WHERE false").Scan(ctx, &n)
	_, errSyntax := d.Bun.ExecContext(ctx, "SELEC 1")
	for name, err := range map[string]error{
		"NoRows":   errNoRows,
		"Syntax":   errSyntax,
		"Plain":    errors.New("something else"),
		"Canceled": context.Canceled,
	} {
		if err == nil {
			t.Fatalf("%s: no error to classify", name)
		}
		if db.Unavailable(err) {
			t.Errorf("Unavailable(%s: %v) = true, want false", name, err)
		}
	}
	if !db.Unavailable(context.DeadlineExceeded) {
		t.Error("Unavailable(context.DeadlineExceeded) = false, want true")
	}
}

// TestOpenRefusesOtherEncodings checks that Open refuses a database whose
// encoding is not UTF8: text read from it might not be valid UTF-8, which
// the JSON answers rely on.
func TestOpenRefusesOtherEncodings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	admin := dbtest.AdminURL(t)
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	name := fmt.Sprintf("intermart_test_ascii_%d", time.Now().UnixNano())
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name+" ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") })
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	d, err := db.Open(ctx, u.String(), 10*time.Second, slog.New(slog.DiscardHandler))
	if err == nil {
		d.Close()
		t.Fatal("Open accepted a SQL_ASCII database")
	}
	if !strings.Contains(err.Error(), "UTF8") {
		t.Fatalf("Open: %v, want an error naming UTF8", err)
	}
	// The marketplace's own databases are UTF8, and open.
	dbtest.New(t)
}
