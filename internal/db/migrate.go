package db

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/uptrace/bun/migrate"

	"intermart/migrations"
)

// migrationLockKey is the advisory lock that serialises concurrent migrators,
// so several servers starting at once apply each migration exactly once.
const migrationLockKey = 7_210_202_611

// Migrate applies River's schema and then the marketplace's own migrations.
func Migrate(ctx context.Context, d *DB, log *slog.Logger) error {
	conn, err := d.Pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("acquire connection for migration lock: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", migrationLockKey); err != nil {
		return fmt.Errorf("take migration lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLockKey) //nolint:errcheck

	riverMigrator, err := rivermigrate.New(riverdatabasesql.New(d.SQL), nil)
	if err != nil {
		return fmt.Errorf("river migrator: %w", err)
	}
	if _, err := riverMigrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("river migrations: %w", err)
	}

	set := migrate.NewMigrations()
	if err := set.Discover(migrations.FS); err != nil {
		return fmt.Errorf("discover migrations: %w", err)
	}
	m := migrate.NewMigrator(d.Bun, set)
	if err := m.Init(ctx); err != nil {
		return fmt.Errorf("init migrations table: %w", err)
	}
	group, err := m.Migrate(ctx)
	if err != nil {
		return fmt.Errorf("apply migrations: %w", err)
	}
	if !group.IsZero() {
		log.Info("migrations applied", "group", group.ID, "migrations", group.Migrations.String())
	}
	return nil
}
