// Package dbtest gives each test its own migrated PostgreSQL database, cloned
// from a template that is built once from the real migrations (the approach
// of pgtestdb), so tests run in parallel against the real server.
//
// INTERMART_TEST_DATABASE_URL names a superuser connection. Without it the
// test is skipped, unless INTERMART_TEST_REQUIRE=1 (as `make test` sets),
// where it fails: CI must never pass by skipping.
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"intermart/internal/db"
	"intermart/migrations"
)

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// AdminURL returns the superuser URL, skipping or failing tb when unset.
func AdminURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv("INTERMART_TEST_DATABASE_URL")
	if u == "" {
		if os.Getenv("INTERMART_TEST_REQUIRE") == "1" {
			tb.Fatal("INTERMART_TEST_DATABASE_URL is not set")
		}
		tb.Skip("INTERMART_TEST_DATABASE_URL not set; run make test")
	}
	return u
}

// URL creates a fresh migrated database for tb and returns its URL. The
// database is dropped when tb ends.
func URL(tb testing.TB) string {
	tb.Helper()
	admin := AdminURL(tb)
	templateOnce.Do(func() { templateName, templateErr = ensureTemplate(admin) })
	if templateErr != nil {
		tb.Fatalf("test database template: %v", templateErr)
	}
	name := "intermart_test_" + randomHex(8)
	ctx := context.Background()
	conn := mustConnect(tb, admin)
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, templateName)); err != nil {
		tb.Fatalf("create test database: %v", err)
	}
	tb.Cleanup(func() {
		conn := mustConnect(tb, admin)
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name)); err != nil {
			tb.Errorf("drop test database: %v", err)
		}
	})
	return withDatabase(admin, name)
}

// New returns an open connection to a fresh migrated database.
func New(tb testing.TB) *db.DB {
	tb.Helper()
	d, err := db.Open(context.Background(), URL(tb), 10*time.Second, slog.New(slog.DiscardHandler))
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	tb.Cleanup(d.Close)
	return d
}

// ensureTemplate builds the template database once per migration set. The
// name carries a hash of the migrations, so a changed migration gets a new
// template and concurrent test binaries agree on the same one.
func ensureTemplate(admin string) (string, error) {
	ctx := context.Background()
	name := "intermart_tpl_" + migrationsHash()[:16]
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	// Serialise template builds across test binaries running in parallel.
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(4242001)"); err != nil {
		return "", err
	}
	defer conn.Exec(ctx, "SELECT pg_advisory_unlock(4242001)") //nolint:errcheck
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	if _, err := conn.Exec(ctx, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name)); err != nil {
		return "", err
	}
	if _, err := conn.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s", name)); err != nil {
		return "", err
	}
	d, err := db.Open(ctx, withDatabase(admin, name), 10*time.Second, slog.New(slog.DiscardHandler))
	if err != nil {
		return "", err
	}
	err = db.Migrate(ctx, d, slog.New(slog.DiscardHandler))
	d.Close()
	if err != nil {
		return "", fmt.Errorf("migrate template: %w", err)
	}
	if _, err := conn.Exec(ctx, fmt.Sprintf("ALTER DATABASE %s WITH is_template true ALLOW_CONNECTIONS false", name)); err != nil {
		return "", err
	}
	return name, nil
}

func migrationsHash() string {
	h := sha256.New()
	_ = fs.WalkDir(migrations.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := migrations.FS.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		io.WriteString(h, path)
		_, err = io.Copy(h, f)
		return err
	})
	return hex.EncodeToString(h.Sum(nil))
}

func mustConnect(tb testing.TB, u string) *pgx.Conn {
	tb.Helper()
	conn, err := pgx.Connect(context.Background(), u)
	if err != nil {
		tb.Fatalf("connect to test server: %v", err)
	}
	return conn
}

func withDatabase(u, name string) string {
	parsed, err := url.Parse(u)
	if err != nil {
		panic(err)
	}
	parsed.Path = "/" + name
	return parsed.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
