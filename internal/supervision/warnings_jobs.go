package supervision

import (
	"context"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"intermart/internal/jobs"
)

// WarningSweepInterval is how often the warnings of the whole marketplace
// are evaluated again: time limits fall due with the passing of time, not
// only with changes.
const WarningSweepInterval = time.Minute

// WarningSweepArgs is the periodic job that evaluates every warning.
type WarningSweepArgs struct{}

// Kind names the job in River's table.
func (WarningSweepArgs) Kind() string { return "supervision.warnings" }

type warningSweepWorker struct {
	river.WorkerDefaults[WarningSweepArgs]
	svc *Service
}

func (w *warningSweepWorker) Work(ctx context.Context, _ *river.Job[WarningSweepArgs]) error {
	return w.svc.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error { return w.svc.SweepTx(ctx, tx) })
}

// RegisterJobs adds the warnings sweep, every WarningSweepInterval, and
// once at start.
func RegisterJobs(setup *jobs.Setup, svc *Service) {
	river.AddWorker(setup.Workers, &warningSweepWorker{svc: svc})
	setup.Periodic = append(setup.Periodic, river.NewPeriodicJob(
		river.PeriodicInterval(WarningSweepInterval),
		func() (river.JobArgs, *river.InsertOpts) {
			return WarningSweepArgs{}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: WarningSweepInterval}}
		},
		&river.PeriodicJobOpts{RunOnStart: true},
	))
}

// WatchDeadlines registers the hooks that keep the warnings current as
// things happen: a change of an announcement or a contract re-evaluates its
// time limits in the change's transaction.
func (s *Service) WatchDeadlines() {
	s.Procurement.OnChange(s.OnProcurementChange)
	s.Contract.OnChange(s.OnContractChange)
}
