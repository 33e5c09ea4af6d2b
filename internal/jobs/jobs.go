// Package jobs runs background work on River, whose queue lives in the same
// PostgreSQL: with any number of servers running, each job runs once.
package jobs

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
)

// Client is the River client of this process.
type Client = river.Client[pgx.Tx]

// Setup is what capabilities contribute: their workers and periodic jobs.
type Setup struct {
	Workers  *river.Workers
	Periodic []*river.PeriodicJob
}

// NewSetup returns an empty setup to add workers to.
func NewSetup() *Setup { return &Setup{Workers: river.NewWorkers()} }

// New builds a client that works the default queue.
func New(pool *pgxpool.Pool, setup *Setup, log *slog.Logger) (*Client, error) {
	c, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
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
