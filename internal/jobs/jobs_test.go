package jobs_test

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/riverqueue/river"
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

type doneWorker struct {
	river.WorkerDefaults[probeArgs]
	done chan string
}

func (w *doneWorker) Work(_ context.Context, job *river.Job[probeArgs]) error {
	w.done <- job.Args.Note
	return nil
}

// TestWorkCommitted checks that the working client, on the same driver,
// runs a job once the transaction that scheduled it commits.
func TestWorkCommitted(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	q, err := jobs.NewQueue(d)
	if err != nil {
		t.Fatal(err)
	}
	setup := jobs.NewSetup()
	w := &doneWorker{done: make(chan string, 1)}
	river.AddWorker(setup.Workers, w)
	c, err := jobs.New(d, setup, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = jobs.Stop(stopCtx, c)
	})
	err = d.Bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := q.InsertTx(ctx, tx, probeArgs{Note: "worked"}, nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case got := <-w.done:
		if got != "worked" {
			t.Fatalf("worked job %q, want %q", got, "worked")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the committed job was not worked")
	}
}
