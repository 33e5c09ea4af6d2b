// Package jobs runs background work on River, whose queue lives in the same
// PostgreSQL: with any number of servers running, each job runs once.
//
// River talks to PostgreSQL through database/sql (riverdatabasesql), the
// same connections bun uses, so a service schedules a job inside the bun
// transaction of the change that causes it: both commit, or neither does.
// Only LISTEN/NOTIFY, which wakes workers promptly, uses a pgx connection.
package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivertype"
	"github.com/uptrace/bun"

	"intermart/internal/db"
)

// Client is the River client of this process, the one that works jobs.
type Client = river.Client[*sql.Tx]

// Setup is what capabilities contribute: their workers and periodic jobs.
type Setup struct {
	Workers  *river.Workers
	Periodic []*river.PeriodicJob
}

// NewSetup returns an empty setup to add workers to.
func NewSetup() *Setup { return &Setup{Workers: river.NewWorkers()} }

// New builds a client that works the default queue.
func New(d *db.DB, setup *Setup, log *slog.Logger) (*Client, error) {
	c, err := river.NewClient(riverdatabasesql.NewWithPgxListener(d.SQL, d.Pool), &river.Config{
		Queues:       map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}},
		Workers:      setup.Workers,
		PeriodicJobs: setup.Periodic,
		Logger:       log.With("component", "river"),
	})
	if err != nil {
		return nil, fmt.Errorf("river client: %w", err)
	}
	return c, nil
}

// Stop lets running jobs finish, within ctx.
func Stop(ctx context.Context, c *Client) error { return c.Stop(ctx) }

// Inserter schedules a job inside the caller's bun transaction. Capabilities
// depend on this interface, not on River's client.
type Inserter interface {
	InsertTx(ctx context.Context, tx bun.Tx, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
}

// Queue inserts jobs; it works none. It exists before the capabilities are
// built (they receive it), while the working client is built after them
// (from the workers they register).
type Queue struct {
	client *river.Client[*sql.Tx]
}

var _ Inserter = (*Queue)(nil)

// NewQueue returns an insert-only River client on d's database/sql pool.
func NewQueue(d *db.DB) (*Queue, error) {
	c, err := river.NewClient(riverdatabasesql.New(d.SQL), &river.Config{})
	if err != nil {
		return nil, fmt.Errorf("river insert client: %w", err)
	}
	return &Queue{client: c}, nil
}

// InsertTx schedules args in tx: the job exists only if tx commits, and no
// worker sees it before then.
func (q *Queue) InsertTx(ctx context.Context, tx bun.Tx, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error) {
	res, err := q.client.InsertTx(ctx, tx.Tx, args, opts)
	if err != nil {
		return nil, fmt.Errorf("schedule job %s: %w", args.Kind(), err)
	}
	return res, nil
}
