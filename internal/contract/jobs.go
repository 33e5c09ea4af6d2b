package contract

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"intermart/internal/audit"
	"intermart/internal/clock"
	"intermart/internal/jobs"
)

// SweepInterval is how often every server looks for registrations that
// have become late.
const SweepInterval = time.Minute

// SweepArgs is the periodic job that warns of late registrations.
type SweepArgs struct{}

// Kind names the job in River's table.
func (SweepArgs) Kind() string { return "contract.sweep" }

type sweepWorker struct {
	river.WorkerDefaults[SweepArgs]
	svc *Service
}

func (w *sweepWorker) Work(ctx context.Context, _ *river.Job[SweepArgs]) error {
	return w.svc.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error { return w.svc.SweepTx(ctx, tx) })
}

// RegisterJobs adds the contract sweep, every SweepInterval.
func RegisterJobs(setup *jobs.Setup, svc *Service) {
	river.AddWorker(setup.Workers, &sweepWorker{svc: svc})
	setup.Periodic = append(setup.Periodic, river.NewPeriodicJob(
		river.PeriodicInterval(SweepInterval),
		func() (river.JobArgs, *river.InsertOpts) {
			return SweepArgs{}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: SweepInterval}}
		},
		&river.PeriodicJobOpts{RunOnStart: true},
	))
}

// OnClockAdvance is the training clock's hook: in the move's transaction
// it warns of the registrations the move has made late.
func (s *Service) OnClockAdvance(ctx context.Context, idb bun.IDB, _ time.Time) error {
	return s.SweepTx(ctx, idb)
}

// SweepTx warns both parties, once, of each contract not registered (and
// confirmed) by its register_by.
func (s *Service) SweepTx(ctx context.Context, idb bun.IDB) error {
	now, err := s.Clock.Now(ctx, idb)
	if err != nil {
		return err
	}
	var late []Contract
	err = idb.NewUpdate().Model(&late).ModelTableExpr("contracts AS c").Set("late_warned_at = ?", now).
		Where("c.status IN (?, ?) AND c.register_by <= ? AND c.late_warned_at IS NULL", StatusAwaitingRegistration, StatusPendingConfirmation, now).
		Returning("c.*").Scan(ctx)
	if err != nil {
		return fmt.Errorf("late registrations: %w", err)
	}
	for i := range late {
		c := &late[i]
		if err := s.appendEvent(ctx, idb, audit.Event{Chain: chain(c.ID), At: now, Action: "contract.registration_late",
			After: map[string]any{"registerBy": c.RegisterBy}}); err != nil {
			return err
		}
		if err := s.notifyParties(ctx, idb, c, NoticeRegistrationLate,
			map[string]any{"registerBy": c.RegisterBy.In(clock.Shanghai).Format(time.DateOnly)}, now); err != nil {
			return err
		}
	}
	return nil
}
