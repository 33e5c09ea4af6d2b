package jobs_test

import (
	"context"
	"errors"
	"testing"

	"github.com/uptrace/bun"

	"intermart/internal/db/dbtest"
	"intermart/internal/jobs"
)

type probeArgs struct{ Note string }

func (probeArgs) Kind() string { return "jobs_test.probe" }

// TestInsertTx checks that a job scheduled in a bun transaction shares its
// fate: rolled back with it, committed with it.
func TestInsertTx(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	q, err := jobs.NewQueue(d)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	count := func(note string) int {
		t.Helper()
		n, err := d.Bun.NewSelect().Table("river_job").
			Where("kind = ? AND args->>'Note' = ?", probeArgs{}.Kind(), note).Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return int(n)
	}
	errRollback := errors.New("roll back")

	t.Run("RolledBack", func(t *testing.T) {
		err := d.Bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if _, err := tx.ExecContext(ctx, "SELECT 1"); err != nil {
				return err
			}
			if _, err := q.InsertTx(ctx, tx, probeArgs{Note: "rolled back"}, nil); err != nil {
				return err
			}
			return errRollback
		})
		if !errors.Is(err, errRollback) {
			t.Fatalf("RunInTx: %v", err)
		}
		if got := count("rolled back"); got != 0 {
			t.Fatalf("jobs after rollback = %d, want 0", got)
		}
	})
	t.Run("Committed", func(t *testing.T) {
		err := d.Bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			_, err := q.InsertTx(ctx, tx, probeArgs{Note: "committed"}, nil)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := count("committed"); got != 1 {
			t.Fatalf("jobs after commit = %d, want 1", got)
		}
	})
}
