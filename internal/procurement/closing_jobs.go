package procurement

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

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

// OnClockAdvance is the training clock's hook: in the transaction that moves
// the marketplace clock, it does what the move has made due (closing,
// failing late direct choices, awarding), so every deadline follows the
// clock at once rather than at the next sweep.
func (s *Service) OnClockAdvance(ctx context.Context, idb bun.IDB, _ time.Time) error {
	tx, ok := idb.(bun.Tx)
	if !ok {
		return fmt.Errorf("procurement: the clock hook needs the move's transaction, got %T", idb)
	}
	return s.SweepTx(ctx, tx)
}
