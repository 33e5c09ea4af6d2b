package agency

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"intermart/internal/clock"
	"intermart/internal/jobs"
)

// ExpiryNotice is how long before its valid-to date an agency is warned
// that a qualification expires.
const ExpiryNotice = 30 * 24 * time.Hour

// Notification is a message to an organisation. The UI words it from kind
// and params in the reader's language.
type Notification struct {
	ID        int64          `bun:"id" json:"id"`
	Kind      string         `bun:"kind" json:"kind" enum:"qualification_expiring"`
	Params    map[string]any `bun:"params,type:jsonb" json:"params"`
	CreatedAt time.Time      `bun:"created_at" json:"createdAt"`
	ReadAt    *time.Time     `bun:"read_at" json:"readAt,omitempty"`
}

// Notifications lists an organisation's latest messages.
func (s *Service) Notifications(ctx context.Context, orgID int64) ([]Notification, error) {
	list := []Notification{}
	err := s.db.NewRaw(`SELECT id, kind, params, created_at, read_at FROM notifications
		WHERE organisation_id = ? ORDER BY created_at DESC, id DESC LIMIT 100`, orgID).Scan(ctx, &list)
	if err != nil {
		return nil, fmt.Errorf("list notifications: %w", err)
	}
	return list, nil
}

// MarkNotificationsRead marks every message of an organisation read.
func (s *Service) MarkNotificationsRead(ctx context.Context, orgID int64) error {
	_, err := s.db.NewRaw("UPDATE notifications SET read_at = now() WHERE organisation_id = ? AND read_at IS NULL", orgID).Exec(ctx)
	return err
}

// WarnExpiring notifies each agency once about every approved qualification
// whose valid-to date is within the notice period, and returns how many
// warnings it wrote. Safe to run on any number of servers at once.
func (s *Service) WarnExpiring(ctx context.Context) (int, error) {
	now, err := s.clock.Now(ctx, s.db)
	if err != nil {
		return 0, err
	}
	today := clock.Today(now)
	var n int
	err = s.db.NewRaw(`WITH due AS (
			UPDATE qualifications q SET expiry_warned_at = ?
			FROM qualification_types t
			WHERE t.id = q.type_id AND q.status = 'approved' AND q.expiry_warned_at IS NULL
			  AND q.valid_to >= ? AND q.valid_to <= ?
			RETURNING q.id, q.organisation_id, q.certificate_no, q.valid_to, t.name_zh, t.name_en),
		sent AS (
			INSERT INTO notifications (organisation_id, kind, params)
			SELECT organisation_id, 'qualification_expiring', jsonb_build_object(
				'qualificationId', id, 'certificateNo', certificate_no, 'validTo', to_char(valid_to, 'YYYY-MM-DD'),
				'typeNameZh', name_zh, 'typeNameEn', name_en)
			FROM due RETURNING 1)
		SELECT count(*) FROM sent`, now, today, today.Add(ExpiryNotice)).Scan(ctx, &n)
	if err != nil {
		return 0, fmt.Errorf("warn expiring qualifications: %w", err)
	}
	return n, nil
}

// ExpiryArgs is the periodic job that warns about expiring qualifications.
type ExpiryArgs struct{}

// Kind names the job in River's table.
func (ExpiryArgs) Kind() string { return "agency.qualification_expiry" }

type expiryWorker struct {
	river.WorkerDefaults[ExpiryArgs]
	svc *Service
}

func (w *expiryWorker) Work(ctx context.Context, _ *river.Job[ExpiryArgs]) error {
	_, err := w.svc.WarnExpiring(ctx)
	return err
}

// RegisterJobs adds the agency workers and their schedule. Expiry itself
// needs no job: a qualification stops counting on its date because every
// check compares valid_to with today.
func RegisterJobs(setup *jobs.Setup, svc *Service) {
	river.AddWorker(setup.Workers, &expiryWorker{svc: svc})
	setup.Periodic = append(setup.Periodic, river.NewPeriodicJob(
		river.PeriodicInterval(time.Hour),
		func() (river.JobArgs, *river.InsertOpts) { return ExpiryArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true},
	))
}
