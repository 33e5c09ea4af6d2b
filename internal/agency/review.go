package agency

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/clock"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/identity"
)

// Decision is a reviewer's verdict.
type Decision struct {
	Decision string `json:"decision" enum:"approve,reject"`
	Reason   string `json:"reason" maxLength:"1000" doc:"Required when rejecting: the agency reads it to correct the application"`
}

func (d Decision) validate() error {
	if d.Decision != "approve" && d.Decision != "reject" {
		return errs.Field("body.decision", "decision_unknown", "approve or reject")
	}
	if d.Decision == "reject" && strings.TrimSpace(d.Reason) == "" {
		return errs.Field("body.reason", "reason_required", "say why, so the agency can correct it")
	}
	return nil
}

func (d Decision) action() string {
	if d.Decision == "approve" {
		return StatusApproved
	}
	return StatusRejected
}

// QueueEntry is one thing waiting for the caller's decision.
type QueueEntry struct {
	Subject          string    `json:"subject" enum:"profile,listing"`
	SubjectID        int64     `json:"subjectId"`
	OrganisationID   int64     `json:"organisationId"`
	OrganisationName string    `json:"organisationName"`
	ItemCode         string    `json:"itemCode,omitempty"`
	ItemNameZH       string    `json:"itemNameZh,omitempty"`
	ItemNameEN       string    `json:"itemNameEn,omitempty"`
	SubmittedAt      time.Time `json:"submittedAt"`
}

// Queue lists what p may decide: whole applications for the reviewing
// regulator and the platform admin; listings for the regulator in charge of
// the item (and the platform admin).
func (s *Service) Queue(ctx context.Context, p *authz.Principal) ([]QueueEntry, error) {
	entries := []QueueEntry{}
	if p.Role == authz.PlatformAdmin || p.Reviewer {
		var profiles []QueueEntry
		// An application waits while its profile or any of its
		// qualifications is submitted: an approved agency adding a
		// certificate needs the reviewer too.
		err := s.db.NewRaw(`SELECT 'profile' AS subject, ap.organisation_id AS subject_id, o.id AS organisation_id,
				o.name AS organisation_name,
				coalesce(CASE WHEN ap.status = 'submitted' THEN ap.submitted_at END, q.submitted_at) AS submitted_at
			FROM agency_profiles ap JOIN organisations o ON o.id = ap.organisation_id
			LEFT JOIN LATERAL (SELECT min(updated_at) AS submitted_at FROM qualifications
				WHERE organisation_id = ap.organisation_id AND status = 'submitted') q ON true
			WHERE ap.status = 'submitted' OR q.submitted_at IS NOT NULL
			ORDER BY 5`).Scan(ctx, &profiles)
		if err != nil {
			return nil, fmt.Errorf("profile queue: %w", err)
		}
		entries = append(entries, profiles...)
	}
	var listings []QueueEntry
	q := s.db.NewSelect().TableExpr("listings AS l").
		ColumnExpr("'listing' AS subject, l.id AS subject_id, o.id AS organisation_id, o.name AS organisation_name").
		ColumnExpr("si.code AS item_code, si.name_zh AS item_name_zh, si.name_en AS item_name_en, l.pending_submitted_at AS submitted_at").
		Join("JOIN organisations o ON o.id = l.organisation_id").
		Join("JOIN service_items si ON si.id = l.item_id").
		Where("l.pending_status = 'submitted'").OrderExpr("l.pending_submitted_at")
	if p.Role != authz.PlatformAdmin {
		q = q.Where("si.regulator_id = ?", p.OrgID)
	}
	if err := q.Scan(ctx, &listings); err != nil {
		return nil, fmt.Errorf("listing queue: %w", err)
	}
	return append(entries, listings...), nil
}

// DecideQualification approves or rejects a submitted qualification.
func (s *Service) DecideQualification(ctx context.Context, actor *authz.Principal, id int64, d Decision) error {
	if err := d.validate(); err != nil {
		return err
	}
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		q := new(Qualification)
		err := tx.NewSelect().Model(q).Where("id = ?", id).For("UPDATE").Scan(ctx)
		if db.IsNoRows(err) {
			return errs.New(errs.NotFound, "qualification_not_found", "no such qualification")
		}
		if err != nil {
			return err
		}
		if q.Status != StatusSubmitted {
			return errs.New(errs.Conflict, "not_submitted", "only a submitted qualification can be decided")
		}
		if _, err := tx.NewUpdate().Model(q).Set("status = ?, updated_at = now()", d.action()).WherePK().Exec(ctx); err != nil {
			return err
		}
		return s.record(ctx, tx, q.OrganisationID, "qualification", id, d.action(), strings.TrimSpace(d.Reason), actor.UserID, q)
	})
}

// DecideProfile approves or rejects an agency's submitted application. Its
// qualifications must be decided first. Approval makes the agency active.
func (s *Service) DecideProfile(ctx context.Context, actor *authz.Principal, orgID int64, d Decision) error {
	if err := d.validate(); err != nil {
		return err
	}
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := s.organisation(ctx, tx, orgID); err != nil {
			return err
		}
		p := new(Profile)
		if err := tx.NewSelect().Model(p).Where("organisation_id = ?", orgID).For("UPDATE").Scan(ctx); err != nil {
			if db.IsNoRows(err) {
				return errs.New(errs.Conflict, "not_submitted", "the application has not been submitted")
			}
			return err
		}
		if p.Status != StatusSubmitted {
			return errs.New(errs.Conflict, "not_submitted", "the application has not been submitted")
		}
		pending, err := tx.NewSelect().Model((*Qualification)(nil)).
			Where("organisation_id = ? AND status = ?", orgID, StatusSubmitted).Count(ctx)
		if err != nil {
			return err
		}
		if d.Decision == "approve" && pending > 0 {
			return errs.New(errs.Conflict, "qualifications_pending", "decide on every submitted qualification first")
		}
		if _, err := tx.NewUpdate().Model(p).Set("status = ?, decided_at = now(), updated_at = now()", d.action()).WherePK().Exec(ctx); err != nil {
			return err
		}
		if d.Decision == "approve" {
			if _, err := tx.NewUpdate().Model((*identity.Organisation)(nil)).Set("status = ?", identity.StatusActive).
				Where("id = ?", orgID).Exec(ctx); err != nil {
				return err
			}
		}
		return s.record(ctx, tx, orgID, "profile", orgID, d.action(), strings.TrimSpace(d.Reason), actor.UserID, p)
	})
}

// DecideListing approves or rejects a submitted listing or listing change.
// Approval needs an approved agency holding approved, unexpired
// qualifications for the item.
func (s *Service) DecideListing(ctx context.Context, actor *authz.Principal, id int64, d Decision) error {
	if err := d.validate(); err != nil {
		return err
	}
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		l := new(Listing)
		err := tx.NewSelect().Model(l).Where("id = ?", id).For("UPDATE").Scan(ctx)
		if db.IsNoRows(err) {
			return errs.New(errs.NotFound, "listing_not_found", "no such listing")
		}
		if err != nil {
			return err
		}
		if l.PendingStatus == nil || *l.PendingStatus != StatusSubmitted {
			return errs.New(errs.Conflict, "not_submitted", "only a submitted listing can be decided")
		}
		if d.Decision == "reject" {
			if _, err := tx.NewUpdate().Model(l).Set("pending_status = ?, updated_at = now()", StatusRejected).WherePK().Exec(ctx); err != nil {
				return err
			}
			return s.record(ctx, tx, l.OrganisationID, "listing", id, StatusRejected, strings.TrimSpace(d.Reason), actor.UserID, l)
		}
		var status string
		if err := tx.NewSelect().Model((*Profile)(nil)).Column("status").Where("organisation_id = ?", l.OrganisationID).Scan(ctx, &status); err != nil && !db.IsNoRows(err) {
			return err
		}
		if status != StatusApproved {
			return errs.New(errs.Conflict, "profile_not_approved", "approve the agency's application first")
		}
		now, err := s.clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		missing, err := missingQualifications(ctx, tx, l.OrganisationID, l.ItemID, clock.Today(now), []string{StatusApproved})
		if err != nil {
			return err
		}
		if len(missing) > 0 {
			return errs.New(errs.Conflict, "not_qualified", "the agency holds no approved, valid qualification this item requires")
		}
		_, err = tx.NewUpdate().Model(l).
			Set("approved_fee_reference = pending_fee_reference, approved_commitment = pending_commitment, approved_at = now()").
			Set("pending_fee_reference = NULL, pending_commitment = NULL, pending_status = NULL, pending_submitted_at = NULL").
			Set("updated_at = now()").WherePK().Exec(ctx)
		if err != nil {
			return err
		}
		return s.record(ctx, tx, l.OrganisationID, "listing", id, StatusApproved, strings.TrimSpace(d.Reason), actor.UserID, l)
	})
}
