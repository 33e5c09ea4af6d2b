package procurement

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/audit"
	"intermart/internal/authz"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/workdays"
)

// What supervision's complaints (投诉) need of procurement: the facts of
// the announcement or selection complained about, whether the complainant
// registered for it, and the regulator's suspension of the procedure and
// voiding of a selection. Each function runs in the caller's transaction.

var (
	errSuspended    = errs.New(errs.Conflict, "procedure_suspended", "the procedure is suspended by a regulator while a complaint is reviewed")
	errNotSuspended = errs.New(errs.Conflict, "procedure_not_suspended", "the procedure is not suspended")
	errNotRunning   = errs.New(errs.Conflict, "procedure_not_running", "only an open, closed or publicised announcement can be suspended")
)

// notSuspended keeps the selections of announcements a regulator has not
// suspended (a condition on the alias sel).
const notSuspended = "NOT EXISTS (SELECT 1 FROM announcements sa WHERE sa.id = sel.announcement_id AND sa.suspended_at IS NOT NULL)"

// Subject is an announcement, or one of its selections, as a complaint
// about it sees it.
type Subject struct {
	AnnouncementID int64
	OwnerID        int64
	ItemID         int64
	RegionCode     string
	Code           string
	Title          string
	Status         string
	Suspended      bool
	// The selection, when the subject is one.
	SelectionID     int64
	SelectionStatus string
	WinnerAgencyID  int64
}

// AnnouncementSubject is announcement id as a complaint sees it; a draft
// is not found, as it is for anyone but its owner.
func AnnouncementSubject(ctx context.Context, idb bun.IDB, id int64) (*Subject, error) {
	a := new(Announcement)
	err := idb.NewSelect().Model(a).Where("a.id = ? AND a.status <> ?", id, StatusDraft).Scan(ctx)
	if err := db.One(err, "read announcement", errAnnouncementNotFound); err != nil {
		return nil, err
	}
	return subjectOf(a), nil
}

// SelectionSubject is selection id, with its announcement, as a complaint
// sees it.
func SelectionSubject(ctx context.Context, idb bun.IDB, id int64) (*Subject, error) {
	sel := new(Selection)
	if err := db.One(idb.NewSelect().Model(sel).Where("sel.id = ?", id).Scan(ctx), "read selection", errSelectionNotFound); err != nil {
		return nil, err
	}
	a := new(Announcement)
	if err := idb.NewSelect().Model(a).Where("a.id = ?", sel.AnnouncementID).Scan(ctx); err != nil {
		return nil, fmt.Errorf("read announcement %d: %w", sel.AnnouncementID, err)
	}
	subj := subjectOf(a)
	subj.SelectionID, subj.SelectionStatus = sel.ID, sel.Status
	var winner Registration
	if err := idb.NewSelect().Model(&winner).Where("r.id = ?", sel.WinnerID).Scan(ctx); err != nil {
		return nil, fmt.Errorf("read the winner of selection %d: %w", sel.ID, err)
	}
	subj.WinnerAgencyID = winner.AgencyID
	return subj, nil
}

func subjectOf(a *Announcement) *Subject {
	s := &Subject{AnnouncementID: a.ID, OwnerID: a.OwnerID, ItemID: a.ItemID, RegionCode: a.RegionCode,
		Title: a.Title, Status: a.Status, Suspended: a.SuspendedAt != nil}
	if a.Code != nil {
		s.Code = *a.Code
	}
	return s
}

// Registered reports whether agency registered for announcement id (and
// did not withdraw).
func Registered(ctx context.Context, idb bun.IDB, announcementID, agencyID int64) (bool, error) {
	ok, err := idb.NewSelect().Model((*Registration)(nil)).
		Where("announcement_id = ? AND agency_id = ? AND status = ?", announcementID, agencyID, RegistrationActive).Exists(ctx)
	if err != nil {
		return false, fmt.Errorf("registration of agency %d for announcement %d: %w", agencyID, announcementID, err)
	}
	return ok, nil
}

// lockRunning locks announcement id for a regulator's step on its procedure.
func lockRunning(ctx context.Context, idb bun.IDB, id int64) (*Announcement, error) {
	a := new(Announcement)
	err := idb.NewSelect().Model(a).Where("a.id = ?", id).For("UPDATE").Scan(ctx)
	if err := db.One(err, "lock announcement", errAnnouncementNotFound); err != nil {
		return nil, err
	}
	return a, nil
}

// Suspend suspends the procedure of announcement id on complaint: until
// Resume, it is not closed, chosen, selected or awarded (the deadlines
// that pass meanwhile are done when it resumes). Registration and
// objections go on.
func (s *Service) Suspend(ctx context.Context, idb bun.IDB, id int64, actor *authz.Principal, complaintID int64, now time.Time) error {
	a, err := lockRunning(ctx, idb, id)
	if err != nil {
		return err
	}
	if a.Status != StatusOpen && a.Status != StatusClosed && a.Status != StatusInPublicity {
		return errNotRunning
	}
	if a.SuspendedAt != nil {
		return errSuspended
	}
	if _, err := idb.NewUpdate().Model((*Announcement)(nil)).Set("suspended_at = ?, updated_at = ?", now, now).
		Where("id = ?", id).Exec(ctx); err != nil {
		return fmt.Errorf("suspend announcement %d: %w", id, err)
	}
	return s.appendEvent(ctx, idb, audit.Event{Chain: chain(id), At: now, ActorUser: actor.UserID, ActorOrg: actor.OrgID,
		Action: "announcement.suspend", Before: map[string]any{"suspended": false},
		After: map[string]any{"suspended": true, "complaintId": complaintID}})
}

// Resume lifts the suspension of announcement id. A direct choice whose
// time ran out while suspended gets the rules' working days again; the
// other deadlines that passed are done by the next sweep.
func (s *Service) Resume(ctx context.Context, idb bun.IDB, id int64, actor *authz.Principal, complaintID int64, now time.Time) error {
	a, err := lockRunning(ctx, idb, id)
	if err != nil {
		return err
	}
	if a.SuspendedAt == nil {
		return errNotSuspended
	}
	q := idb.NewUpdate().Model((*Announcement)(nil)).Set("suspended_at = NULL, updated_at = ?", now).Where("id = ?", id)
	after := map[string]any{"suspended": false, "complaintId": complaintID}
	if a.Method == MethodDirect && a.Status == StatusClosed && a.ChooseBy != nil && !now.Before(*a.ChooseBy) {
		rules, err := currentRules(ctx, idb)
		if err != nil {
			return err
		}
		chooseBy, err := workdays.DeadlineAfter(ctx, idb, now, rules.DirectChoiceWorkdays)
		if err != nil {
			return err
		}
		q = q.Set("choose_by = ?", chooseBy)
		after["chooseBy"] = chooseBy
	}
	if _, err := q.Exec(ctx); err != nil {
		return fmt.Errorf("resume announcement %d: %w", id, err)
	}
	return s.appendEvent(ctx, idb, audit.Event{Chain: chain(id), At: now, ActorUser: actor.UserID, ActorOrg: actor.OrgID,
		Action: "announcement.resume", Before: map[string]any{"suspended": true}, After: after})
}

// VoidSelection voids selection id on an upheld complaint, as an upheld
// objection does: the next ranked eligible registrant is selected with a
// fresh publicity, the owner chooses again (direct), or the round fails.
// The selection must still be in publicity and the procedure not
// suspended (resume it first).
func (s *Service) VoidSelection(ctx context.Context, idb bun.IDB, id int64, actor *authz.Principal, now time.Time) error {
	tx, ok := idb.(bun.Tx)
	if !ok {
		return fmt.Errorf("procurement: voiding a selection needs a transaction, got %T", idb)
	}
	sel := new(Selection)
	if err := db.One(tx.NewSelect().Model(sel).Where("sel.id = ?", id).Scan(ctx), "read selection", errSelectionNotFound); err != nil {
		return err
	}
	a, err := lockRunning(ctx, tx, sel.AnnouncementID)
	if err != nil {
		return err
	}
	if a.SuspendedAt != nil {
		return errSuspended
	}
	if err := tx.NewSelect().Model(sel).WherePK().Scan(ctx); err != nil {
		return err
	}
	if sel.Status != SelectionInPublicity {
		return errNotInPublicity
	}
	return s.voidAndReselect(ctx, tx, a, sel, now, actor)
}
