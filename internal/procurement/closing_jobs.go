package procurement

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"intermart/internal/jobs"
)

// SweepInterval is how often every server looks for deadlines that have
// passed (a missed close job, a publicity that ended, a direct choice not
// made in time).
const SweepInterval = time.Minute

type closeWorker struct {
	river.WorkerDefaults[CloseArgs]
	svc *Service
}

// Work closes the announcement if its deadline has passed by the
// marketplace clock. A training clock moved back, or a job run early, finds
// it not yet due: the job then waits for the sweep.
func (w *closeWorker) Work(ctx context.Context, job *river.Job[CloseArgs]) error {
	_, err := w.svc.Close(ctx, job.Args.AnnouncementID)
	return err
}

// SweepArgs is the periodic job that does what the clock has made due.
type SweepArgs struct{}

// Kind names the job in River's table.
func (SweepArgs) Kind() string { return "procurement.sweep" }

type sweepWorker struct {
	river.WorkerDefaults[SweepArgs]
	svc *Service
}

func (w *sweepWorker) Work(ctx context.Context, _ *river.Job[SweepArgs]) error {
	return w.svc.Sweep(ctx)
}

// RegisterJobs adds the procurement workers: the close job at each
// deadline, and the sweep every SweepInterval.
func RegisterJobs(setup *jobs.Setup, svc *Service) {
	river.AddWorker(setup.Workers, &closeWorker{svc: svc})
	river.AddWorker(setup.Workers, &sweepWorker{svc: svc})
	setup.Periodic = append(setup.Periodic, river.NewPeriodicJob(
		river.PeriodicInterval(SweepInterval),
		func() (river.JobArgs, *river.InsertOpts) {
			return SweepArgs{}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: SweepInterval}}
		},
		&river.PeriodicJobOpts{RunOnStart: true},
	))
}
