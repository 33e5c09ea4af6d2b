package agency

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/identity"
)

var errNotSubmitted = errs.New(errs.Conflict, "not_submitted", "the application has not been submitted")

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
	// Actions are the decisions the reader may make on the subject now
	// (for an application, on it or its qualifications; see actions.go).
	Actions []string `json:"actions" nullable:"false" enum:"approve,reject" doc:"What the reader may decide now; empty while the entry waits"`
	Waiting string   `json:"waiting,omitempty" enum:"agency_approval" doc:"Why nothing can be decided yet: agency_approval, a listing of an agency whose application is not approved"`

	profileStatus string // of a profile entry
	pending       int    // qualifications submitted, of a profile entry
}

// Queue lists what p may decide: whole applications for the reviewing
// regulator and the platform admin; listings for the regulator in charge of
// the item (and the platform admin).
func (s *Service) Queue(ctx context.Context, p *authz.Principal) ([]QueueEntry, error) {
	entries := []QueueEntry{}
	if p.Role == authz.PlatformAdmin || p.Reviewer {
		var profiles []struct {
			QueueEntry
			ProfileStatus string
			Pending       int
		}
		// An application waits while its profile or any of its
		// qualifications is submitted: an approved agency adding a
		// certificate needs the reviewer too.
		err := s.db.NewRaw(`SELECT 'profile' AS subject, ap.organisation_id AS subject_id, ap.organisation_id,
				coalesce(CASE WHEN ap.status = 'submitted' THEN ap.submitted_at END, q.submitted_at) AS submitted_at,
				ap.status AS profile_status, q.pending
			FROM agency_profiles ap
			LEFT JOIN LATERAL (SELECT min(updated_at) AS submitted_at, count(*) AS pending FROM qualifications
				WHERE organisation_id = ap.organisation_id AND status = 'submitted') q ON true
			WHERE ap.status = 'submitted' OR q.submitted_at IS NOT NULL
			ORDER BY 4`).Scan(ctx, &profiles)
		if err != nil {
			return nil, fmt.Errorf("profile queue: %w", err)
		}
		for _, p := range profiles {
			e := p.QueueEntry
			e.profileStatus, e.pending = p.ProfileStatus, p.Pending
			entries = append(entries, e)
		}
	}
	var listings []Listing
	q := s.db.NewSelect().Model(&listings).Where("l.pending_status = 'submitted'").OrderExpr("l.pending_submitted_at, l.id")
	if p.Role != authz.PlatformAdmin {
		items, err := catalog.ItemsOfRegulator(ctx, s.db, p.OrgID)
		if err != nil {
			return nil, err
		}
		if len(items) == 0 {
			return entries, s.describeQueue(ctx, entries, nil)
		}
		q = q.Where("l.item_id IN (?)", bun.In(items))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("listing queue: %w", err)
	}
	itemIDs := make([]int64, len(listings))
	for i := range listings {
		itemIDs[i] = listings[i].ItemID
	}
	items, err := catalog.ItemSummaries(ctx, s.db, itemIDs)
	if err != nil {
		return nil, err
	}
	for i := range listings {
		l := &listings[i]
		it := items[l.ItemID]
		l.RegulatorID = it.RegulatorID
		entries = append(entries, QueueEntry{Subject: "listing", SubjectID: l.ID, OrganisationID: l.OrganisationID,
			ItemCode: it.Code, ItemNameZH: it.NameZH, ItemNameEN: it.NameEN, SubmittedAt: *l.PendingSubmittedAt})
	}
	return entries, s.describeQueue(ctx, entries, listings)
}

// describeQueue fills in the agencies' names from identity and what the
// caller may decide on each entry, by the rules of the decisions (see
// actions.go); listings are the queue's listings, in its order.
func (s *Service) describeQueue(ctx context.Context, entries []QueueEntry, listings []Listing) error {
	ids := make([]int64, len(entries))
	for i := range entries {
		ids[i] = entries[i].OrganisationID
	}
	names, err := identity.OrganisationNames(ctx, s.db, ids)
	if err != nil {
		return err
	}
	now, err := s.clock.Now(ctx, s.db)
	if err != nil {
		return err
	}
	admitted := map[int64]bool{}
	next := 0 // the next of listings
	for i := range entries {
		e := &entries[i]
		e.OrganisationName = names[e.OrganisationID]
		if e.Subject == "profile" {
			profile := &Profile{Status: e.profileStatus}
			if e.Actions, err = decisions(ctx, "agency.decideProfile", e.OrganisationID, func(d string) error {
				return profileDecidable(profile, e.pending, d)
			}); err != nil {
				return err
			}
			if e.pending > 0 && len(e.Actions) < 2 {
				// Its qualifications wait for a decision too.
				if e.Actions, err = decisions(ctx, "agency.decideQualification", e.OrganisationID, func(string) error { return nil }); err != nil {
					return err
				}
			}
		} else {
			l := &listings[next]
			next++
			ok, seen := admitted[l.OrganisationID]
			if !seen {
				if ok, err = approved(ctx, s.db, l.OrganisationID); err != nil {
					return err
				}
				admitted[l.OrganisationID] = ok
			}
			if e.Actions, err = listingActions(ctx, s.db, l, ok, clock.Today(now)); err != nil {
				return err
			}
			if !ok {
				e.Waiting = "agency_approval"
			}
		}
		if e.Actions == nil {
			e.Actions = []string{}
		}
	}
	return nil
}

// DecideQualification approves or rejects a submitted qualification.
func (s *Service) DecideQualification(ctx context.Context, actor *authz.Principal, id int64, d Decision) error {
	if err := d.validate(); err != nil {
		return err
	}
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		q := new(Qualification)
		err := tx.NewSelect().Model(q).Where("id = ?", id).For("UPDATE").Scan(ctx)
		if err := db.One(err, fmt.Sprintf("lock qualification %d", id), errQualificationNotFound); err != nil {
			return err
		}
		if err := qualificationDecidable(q); err != nil {
			return err
		}
		now, err := s.clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.NewUpdate().Model(q).Set("status = ?, updated_at = now()", d.action()).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("decide qualification %d: %w", id, err)
		}
		if err := s.record(ctx, tx, now, q.OrganisationID, "qualification", id, d.action(), strings.TrimSpace(d.Reason), actor.UserID, q); err != nil {
			return err
		}
		types, err := catalog.Types(ctx, tx, []int64{q.TypeID})
		if err != nil {
			return err
		}
		kind := NoticeQualificationApproved
		if d.Decision == "reject" {
			kind = NoticeQualificationRejected
		}
		return notify(ctx, tx, q.OrganisationID, kind, map[string]any{"qualificationId": q.ID, "certificateNo": q.CertificateNo,
			"typeNameZh": types[q.TypeID].NameZH, "typeNameEn": types[q.TypeID].NameEN, "reason": strings.TrimSpace(d.Reason)}, now)
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
		err := tx.NewSelect().Model(p).Where("organisation_id = ?", orgID).For("UPDATE").Scan(ctx)
		if err := db.One(err, fmt.Sprintf("lock profile %d", orgID), errNotSubmitted); err != nil {
			return err
		}
		pending, err := tx.NewSelect().Model((*Qualification)(nil)).
			Where("organisation_id = ? AND status = ?", orgID, StatusSubmitted).Count(ctx)
		if err != nil {
			return err
		}
		if err := profileDecidable(p, int(pending), d.Decision); err != nil {
			return err
		}
		now, err := s.clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.NewUpdate().Model(p).Set("status = ?, decided_at = ?, updated_at = now()", d.action(), now).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("decide profile %d: %w", orgID, err)
		}
		if d.Decision == "approve" {
			// The one record that the agency was approved.
			if err := identity.Activate(ctx, tx, orgID); err != nil {
				return err
			}
		}
		if err := s.record(ctx, tx, now, orgID, "profile", orgID, d.action(), strings.TrimSpace(d.Reason), actor.UserID, p); err != nil {
			return err
		}
		kind := NoticeApplicationApproved
		if d.Decision == "reject" {
			kind = NoticeApplicationRejected
		}
		return notify(ctx, tx, orgID, kind, map[string]any{"reason": strings.TrimSpace(d.Reason)}, now)
	})
}

// DecideListing approves or rejects a submitted listing or listing change.
// Either decision waits until the agency is approved; approval needs
// approved, unexpired qualifications for the item.
func (s *Service) DecideListing(ctx context.Context, actor *authz.Principal, id int64, d Decision) error {
	if err := d.validate(); err != nil {
		return err
	}
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		l := new(Listing)
		err := tx.NewSelect().Model(l).Where("id = ?", id).For("UPDATE").Scan(ctx)
		if err := db.One(err, fmt.Sprintf("lock listing %d", id), errListingNotFound); err != nil {
			return err
		}
		ok, err := approved(ctx, tx, l.OrganisationID)
		if err != nil {
			return err
		}
		if err := listingDecidable(l, ok); err != nil {
			return err
		}
		now, err := s.clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		if d.Decision == "reject" {
			if _, err := tx.NewUpdate().Model(l).Set("pending_status = ?, updated_at = now()", StatusRejected).WherePK().Exec(ctx); err != nil {
				return fmt.Errorf("reject listing %d: %w", id, err)
			}
			if err := s.record(ctx, tx, now, l.OrganisationID, "listing", id, StatusRejected, strings.TrimSpace(d.Reason), actor.UserID, l); err != nil {
				return err
			}
			return notifyListing(ctx, tx, l, NoticeListingRejected, d, now)
		}
		if err := listingQualified(ctx, tx, l, clock.Today(now)); err != nil {
			return err
		}
		_, err = tx.NewUpdate().Model(l).
			Set("approved_fee_reference = pending_fee_reference, approved_commitment = pending_commitment, approved_at = ?", now).
			Set("pending_fee_reference = NULL, pending_commitment = NULL, pending_status = NULL, pending_submitted_at = NULL").
			Set("updated_at = now()").WherePK().Exec(ctx)
		if err != nil {
			return fmt.Errorf("approve listing %d: %w", id, err)
		}
		if err := s.record(ctx, tx, now, l.OrganisationID, "listing", id, StatusApproved, strings.TrimSpace(d.Reason), actor.UserID, l); err != nil {
			return err
		}
		return notifyListing(ctx, tx, l, NoticeListingApproved, d, now)
	})
}

// notifyListing tells the agency the decision on its listing, naming the item.
func notifyListing(ctx context.Context, idb bun.IDB, l *Listing, kind string, d Decision, now time.Time) error {
	items, err := catalog.ItemSummaries(ctx, idb, []int64{l.ItemID})
	if err != nil {
		return err
	}
	it := items[l.ItemID]
	return notify(ctx, idb, l.OrganisationID, kind, map[string]any{"listingId": l.ID, "itemCode": it.Code,
		"itemNameZh": it.NameZH, "itemNameEn": it.NameEN, "reason": strings.TrimSpace(d.Reason)}, now)
}
