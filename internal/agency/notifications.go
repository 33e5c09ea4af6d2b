package agency

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"intermart/internal/catalog"
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
	Kind      string         `bun:"kind" json:"kind" enum:"qualification_expiring,application_approved,application_rejected,qualification_approved,qualification_rejected,listing_approved,listing_rejected,sanction_imposed,sanction_lifted,announcement_published,announcement_cancelled,registration_closed,announcement_failed,selection_made,selection_voided,objection_filed,objection_answered,announcement_awarded,contract_awaiting_registration,contract_registered,contract_active,contract_registration_late,contract_amendment_proposed,contract_amendment_decided,contract_terminated,contract_milestones_changed,contract_payment_recorded,agency_rated,owner_rated,deliverable_submitted,deliverable_returned,deliverable_accepted,contract_accepted,complaint_filed,complaint_reviewed,complaint_decided"`
	Params    map[string]any `bun:"params,type:jsonb" json:"params"`
	CreatedAt time.Time      `bun:"created_at" json:"createdAt"`
	ReadAt    *time.Time     `bun:"read_at" json:"readAt,omitempty"`
}

// What an agency is told (kinds of Notification besides
// qualification_expiring). Each is written in the transaction of the
// decision it reports, so the agency is told exactly when it happened.
const (
	NoticeApplicationApproved   = "application_approved"
	NoticeApplicationRejected   = "application_rejected" // returned with the reviewer's reason
	NoticeQualificationApproved = "qualification_approved"
	NoticeQualificationRejected = "qualification_rejected"
	NoticeListingApproved       = "listing_approved"
	NoticeListingRejected       = "listing_rejected"
	NoticeSanctionImposed       = "sanction_imposed"
	NoticeSanctionLifted        = "sanction_lifted"
)

// notification is the stored row of a Notification.
type notification struct {
	bun.BaseModel  `bun:"table:notifications"`
	OrganisationID int64          `bun:"organisation_id"`
	Kind           string         `bun:"kind"`
	Params         map[string]any `bun:"params,type:jsonb"`
	CreatedAt      time.Time      `bun:"created_at"`
}

// Notify tells organisation orgID about something another capability did
// (an announcement, a selection …), in the caller's transaction. The kinds
// are listed on Notification; the UI words each one.
func Notify(ctx context.Context, idb bun.IDB, orgID int64, kind string, params map[string]any, now time.Time) error {
	return notify(ctx, idb, orgID, kind, params, now)
}

// notify tells organisation orgID about something that happened at now, in
// the caller's transaction.
func notify(ctx context.Context, idb bun.IDB, orgID int64, kind string, params map[string]any, now time.Time) error {
	if params == nil {
		params = map[string]any{}
	}
	row := &notification{OrganisationID: orgID, Kind: kind, Params: params, CreatedAt: now}
	if _, err := idb.NewInsert().Model(row).Exec(ctx); err != nil {
		return fmt.Errorf("notify organisation %d of %s: %w", orgID, kind, err)
	}
	return nil
}

// UnreadNotifications counts the unread messages among those Notifications
// lists, so a count shown elsewhere equals the unread rows of that list.
func (s *Service) UnreadNotifications(ctx context.Context, orgID int64) (int, error) {
	list, err := s.Notifications(ctx, orgID)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, m := range list {
		if m.ReadAt == nil {
			n++
		}
	}
	return n, nil
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
	now, err := s.clock.Now(ctx, s.db)
	if err != nil {
		return err
	}
	_, err = s.db.NewRaw("UPDATE notifications SET read_at = ? WHERE organisation_id = ? AND read_at IS NULL", now, orgID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("mark notifications of %d read: %w", orgID, err)
	}
	return nil
}

// WarnExpiring notifies each agency once about every approved qualification
// whose valid-to date is within the notice period, and returns how many
// warnings it wrote. Safe to run on any number of servers at once: the
// qualifications are marked warned in the same transaction, and a server
// running at the same time waits for it and then finds them marked.
func (s *Service) WarnExpiring(ctx context.Context) (int, error) {
	var n int
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		now, err := s.clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		today := clock.Today(now)
		var due []struct {
			ID             int64     `bun:"id"`
			OrganisationID int64     `bun:"organisation_id"`
			CertificateNo  string    `bun:"certificate_no"`
			ValidTo        time.Time `bun:"valid_to"`
			TypeID         int64     `bun:"type_id"`
		}
		where, args := expiringWhere(today)
		err = tx.NewRaw(`UPDATE qualifications q SET expiry_warned_at = ?
			WHERE `+where+` AND q.expiry_warned_at IS NULL
			RETURNING q.id, q.organisation_id, q.certificate_no, q.valid_to, q.type_id`,
			append([]any{now}, args...)...).Scan(ctx, &due)
		if err != nil {
			return fmt.Errorf("mark expiring qualifications: %w", err)
		}
		if len(due) == 0 {
			return nil
		}
		typeIDs := make([]int64, len(due))
		for i := range due {
			typeIDs[i] = due[i].TypeID
		}
		types, err := catalog.Types(ctx, tx, typeIDs)
		if err != nil {
			return err
		}
		rows := make([]notification, len(due))
		for i, q := range due {
			t := types[q.TypeID]
			rows[i] = notification{OrganisationID: q.OrganisationID, Kind: "qualification_expiring", CreatedAt: now,
				Params: map[string]any{"qualificationId": q.ID, "certificateNo": q.CertificateNo,
					"validTo": q.ValidTo.Format(dateLayout), "typeNameZh": t.NameZH, "typeNameEn": t.NameEN}}
		}
		if _, err := tx.NewInsert().Model(&rows).Exec(ctx); err != nil {
			return fmt.Errorf("write expiry notifications: %w", err)
		}
		n = len(rows)
		return nil
	})
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

// LastNotificationID is the id of the newest message of any organisation
// (0 when there is none), to mark what follows it.
func LastNotificationID(ctx context.Context, idb bun.IDB) (int64, error) {
	var id int64
	if err := idb.NewRaw("SELECT coalesce(max(id), 0) FROM notifications").Scan(ctx, &id); err != nil {
		return 0, fmt.Errorf("last notification: %w", err)
	}
	return id, nil
}

// MarkNotificationsReadAfter marks read, for every organisation, the
// messages after id afterID written before the moment before, as read at
// that moment: the demo's year of history arrives read, as its users would
// have left it, and the messages written before it stay as they were.
func MarkNotificationsReadAfter(ctx context.Context, idb bun.IDB, afterID int64, before time.Time) error {
	_, err := idb.NewRaw("UPDATE notifications SET read_at = ? WHERE id > ? AND created_at < ? AND read_at IS NULL",
		before, afterID, before).Exec(ctx)
	if err != nil {
		return fmt.Errorf("mark notifications after %d read: %w", afterID, err)
	}
	return nil
}
