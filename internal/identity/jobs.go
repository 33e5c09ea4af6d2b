package identity

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"intermart/internal/jobs"
)

// PurgeArgs asks for expired sessions and old sign-in failures to be deleted.
type PurgeArgs struct{}

// Kind names the job in River's table.
func (PurgeArgs) Kind() string { return "identity.purge" }

type purgeWorker struct {
	river.WorkerDefaults[PurgeArgs]
	svc *Service
}

func (w *purgeWorker) Work(ctx context.Context, _ *river.Job[PurgeArgs]) error {
	if _, err := w.svc.PurgeExpiredSessions(ctx); err != nil {
		return err
	}
	_, err := w.svc.PurgeSignInFailures(ctx)
	return err
}

// RegisterJobs adds the identity workers and their schedule.
func RegisterJobs(setup *jobs.Setup, svc *Service) {
	river.AddWorker(setup.Workers, &purgeWorker{svc: svc})
	setup.Periodic = append(setup.Periodic, river.NewPeriodicJob(
		river.PeriodicInterval(10*time.Minute),
		func() (river.JobArgs, *river.InsertOpts) { return PurgeArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true},
	))
}
