package supervision

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"intermart/internal/agency"
	"intermart/internal/audit"
	"intermart/internal/authz"
	"intermart/internal/contract"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/files"
	"intermart/internal/procurement"
	"intermart/internal/workdays"
)

// Complaint subjects.
const (
	TargetAnnouncement = "announcement"
	TargetSelection    = "selection"
	TargetContract     = "contract"
)

// Complaint states: filed → accepted (受理) | rejected (不予受理);
// accepted → upheld (投诉成立) | dismissed (驳回).
const (
	ComplaintFiled     = "filed"
	ComplaintAccepted  = "accepted"
	ComplaintRejected  = "rejected"
	ComplaintUpheld    = "upheld"
	ComplaintDismissed = "dismissed"
)

// Parties of a complaint, as its messages name them.
const (
	RoleComplainant = "complainant"
	RoleRespondent  = "respondent"
	RoleOwner       = "owner" // the owner of the procedure, when neither complainant nor respondent
	RoleRegulator   = "regulator"
)

// MaxEvidence is how many evidence files a complaint may carry.
const MaxEvidence = 10

var (
	errComplaintNotFound = errs.New(errs.NotFound, "complaint_not_found", "no such complaint")
	errNotAParty         = errs.New(errs.Forbidden, "not_a_party", "only a registrant or the owner of the procedure may complain about it")
	errAlreadyComplained = errs.New(errs.Conflict, "already_complained", "the organisation already has a complaint about this under review")
	errNotFiled          = errs.New(errs.Conflict, "complaint_not_filed", "only a complaint awaiting review can be accepted or rejected")
	errNotAccepted       = errs.New(errs.Conflict, "complaint_not_accepted", "only an accepted complaint can be decided, suspend or resume its procedure")
	errClosedComplaint   = errs.New(errs.Conflict, "complaint_closed", "the complaint has been rejected or decided: its thread is closed")
	errNoProcedure       = errs.New(errs.Conflict, "no_procedure_to_suspend", "only a complaint about an announcement or a selection can suspend its procedure")
	errAlreadySuspended  = errs.New(errs.Conflict, "already_suspended", "the complaint has already suspended its procedure")
	errNotSuspendedHere  = errs.New(errs.Conflict, "not_suspended", "the complaint has not suspended its procedure")
)

// complaintRecord is a complaint (投诉) to the regulators, as stored.
type complaintRecord struct {
	bun.BaseModel `bun:"table:complaints,alias:cp"`

	ID              int64      `bun:"id,pk,autoincrement"`
	TargetKind      string     `bun:"target_kind,notnull"`
	TargetID        int64      `bun:"target_id,notnull"`
	AnnouncementID  int64      `bun:"announcement_id,notnull"`
	ContractID      *int64     `bun:"contract_id"`
	OwnerID         int64      `bun:"owner_id,notnull"`
	AgencyID        *int64     `bun:"agency_id"`
	ItemID          int64      `bun:"item_id,notnull"`
	RegionCode      string     `bun:"region_code,notnull"`
	SubjectCode     string     `bun:"subject_code,notnull"`
	SubjectTitle    string     `bun:"subject_title,notnull"`
	ComplainantOrg  int64      `bun:"complainant_org,notnull"`
	ComplainantUser int64      `bun:"complainant_user,notnull"`
	RespondentOrg   int64      `bun:"respondent_org,notnull"`
	Grounds         string     `bun:"grounds,notnull"`
	Status          string     `bun:"status,notnull"`
	FiledAt         time.Time  `bun:"filed_at,notnull"`
	DecideBy        time.Time  `bun:"decide_by,notnull"`
	ReviewedAt      *time.Time `bun:"reviewed_at"`
	ReviewedBy      *int64     `bun:"reviewed_by"`
	ReviewNote      *string    `bun:"review_note"`
	Suspended       bool       `bun:"suspended,notnull"`
	DecidedAt       *time.Time `bun:"decided_at"`
	DecidedBy       *int64     `bun:"decided_by"`
	Reasoning       *string    `bun:"reasoning"`
	Summary         *string    `bun:"summary"`
	SelectionVoided bool       `bun:"selection_voided,notnull"`
	UpdatedAt       time.Time  `bun:"updated_at,notnull"`
}

// complaintEvidence links a complaint to an evidence file.
type complaintEvidence struct {
	bun.BaseModel `bun:"table:complaint_files"`
	ComplaintID   int64 `bun:"complaint_id,pk"`
	FileID        int64 `bun:"file_id,pk"`
}

// complaintMessage is one message of a complaint's thread.
type complaintMessage struct {
	bun.BaseModel `bun:"table:complaint_messages,alias:cm"`
	ID            int64     `bun:"id,pk,autoincrement"`
	ComplaintID   int64     `bun:"complaint_id,notnull"`
	AuthorUser    int64     `bun:"author_user,notnull"`
	AuthorOrg     int64     `bun:"author_org,notnull"`
	Role          string    `bun:"role,notnull"`
	Body          string    `bun:"body,notnull"`
	CreatedAt     time.Time `bun:"created_at,notnull"`
}

func complaintChain(id int64) string { return audit.Chain("complaint", id) }

// ComplaintInput is a complaint as filed.
type ComplaintInput struct {
	TargetKind  string  `json:"targetKind" enum:"announcement,selection,contract" doc:"What the complaint is about"`
	TargetID    int64   `json:"targetId" minimum:"1"`
	Grounds     string  `json:"grounds" minLength:"10" maxLength:"5000" doc:"The facts, the reasons and what the complainant asks for"`
	EvidenceIDs []int64 `json:"evidenceIds,omitempty" maxItems:"10" doc:"Files uploaded with purpose complaint_evidence"`
}

// subjectOf resolves what a complaint is about, and its parties: the
// respondent for the caller as complainant, or errNotAParty.
func (s *Service) subjectOf(ctx context.Context, tx bun.IDB, actor *authz.Principal, kind string, id int64) (*complaintRecord, error) {
	c := &complaintRecord{TargetKind: kind, TargetID: id, ComplainantOrg: actor.OrgID, ComplainantUser: actor.UserID}
	switch kind {
	case TargetAnnouncement, TargetSelection:
		var subj *procurement.Subject
		var err error
		if kind == TargetAnnouncement {
			subj, err = procurement.AnnouncementSubject(ctx, tx, id)
		} else {
			subj, err = procurement.SelectionSubject(ctx, tx, id)
		}
		if err != nil {
			return nil, errs.Field("body.targetId", "target_not_found", "no such "+kind)
		}
		c.AnnouncementID, c.OwnerID, c.ItemID, c.RegionCode = subj.AnnouncementID, subj.OwnerID, subj.ItemID, subj.RegionCode
		c.SubjectCode, c.SubjectTitle = subj.Code, subj.Title
		registered, err := procurement.Registered(ctx, tx, subj.AnnouncementID, actor.OrgID)
		if err != nil {
			return nil, err
		}
		switch {
		case kind == TargetAnnouncement && registered:
			c.RespondentOrg = subj.OwnerID
			agencyID := actor.OrgID
			c.AgencyID = &agencyID
		case kind == TargetSelection && (registered || actor.OrgID == subj.OwnerID) && actor.OrgID != subj.WinnerAgencyID:
			if subj.SelectionStatus != procurement.SelectionInPublicity && subj.SelectionStatus != procurement.SelectionAwarded {
				return nil, errs.Field("body.targetId", "selection_voided", "the selection has been voided")
			}
			c.RespondentOrg = subj.WinnerAgencyID
			c.AgencyID = &subj.WinnerAgencyID
		default:
			return nil, errNotAParty
		}
	case TargetContract:
		subj, err := contract.ComplaintSubject(ctx, tx, id)
		if err != nil {
			return nil, errs.Field("body.targetId", "target_not_found", "no such contract")
		}
		c.AnnouncementID, c.OwnerID, c.ItemID, c.RegionCode = subj.AnnouncementID, subj.OwnerID, subj.ItemID, subj.RegionCode
		c.SubjectCode, c.SubjectTitle = subj.Code, subj.Title
		c.ContractID, c.AgencyID = &subj.ContractID, &subj.AgencyID
		switch actor.OrgID {
		case subj.OwnerID:
			c.RespondentOrg = subj.AgencyID
		case subj.AgencyID:
			c.RespondentOrg = subj.OwnerID
		default:
			return nil, errNotAParty
		}
	default:
		return nil, errs.Field("body.targetKind", "target_kind", "announcement, selection or contract")
	}
	return c, nil
}

// FileComplaint records the caller's organisation's complaint, with its
// evidence. It is to be decided within the rules' complaint working days
// of filing.
func (s *Service) FileComplaint(ctx context.Context, actor *authz.Principal, in ComplaintInput) (*ComplaintView, error) {
	in.Grounds = strings.TrimSpace(in.Grounds)
	var f errs.Fields
	if n := utf8.RuneCountInString(in.Grounds); n < 10 || n > 5000 {
		f.Add("body.grounds", "grounds_length", "the grounds must be 10 to 5000 characters")
	}
	if len(in.EvidenceIDs) > MaxEvidence {
		f.Add("body.evidenceIds", "too_many_files", "at most 10 evidence files")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	var id int64
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		now, err := s.Clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		c, err := s.subjectOf(ctx, tx, actor, in.TargetKind, in.TargetID)
		if err != nil {
			return err
		}
		seen := map[int64]bool{}
		for _, fid := range in.EvidenceIDs {
			file, err := files.Owned(ctx, tx, actor.OrgID, fid)
			if err != nil || file.Purpose != files.PurposeComplaintEvidence {
				return errs.Field("body.evidenceIds", "evidence_unknown", "evidence must be files the organisation uploaded as complaint evidence")
			}
			seen[fid] = true
		}
		rules, err := procurement.CurrentRules(ctx, tx)
		if err != nil {
			return err
		}
		if c.DecideBy, err = workdays.DeadlineAfter(ctx, tx, now, rules.ComplaintAnswerWorkdays); err != nil {
			return err
		}
		c.Grounds, c.Status, c.FiledAt, c.UpdatedAt = in.Grounds, ComplaintFiled, now, now
		_, err = tx.NewInsert().Model(c).ExcludeColumn("id").Returning("id").Exec(ctx, &c.ID)
		if _, ok := db.UniqueViolation(err); ok {
			return errAlreadyComplained
		}
		if err != nil {
			return fmt.Errorf("store complaint: %w", err)
		}
		id = c.ID
		evidence := make([]int64, 0, len(seen))
		for fid := range seen {
			if _, err := tx.NewInsert().Model(&complaintEvidence{ComplaintID: c.ID, FileID: fid}).Exec(ctx); err != nil {
				return fmt.Errorf("attach evidence: %w", err)
			}
			evidence = append(evidence, fid)
		}
		// The dashboard counts it as filed (facts.go).
		if err := RecordComplaint(ctx, tx, Complaint{ID: c.ID, AnnouncementID: c.AnnouncementID, ContractID: c.ContractID,
			FiledAt: now}); err != nil {
			return err
		}
		told := []int64{c.RespondentOrg}
		if c.OwnerID != c.ComplainantOrg {
			told = append(told, c.OwnerID)
		}
		if err := notifyParties(ctx, tx, c, "complaint_filed", now, told...); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Event{Chain: complaintChain(c.ID), At: now, ActorUser: actor.UserID, ActorOrg: actor.OrgID,
			Action: "complaint.file", After: map[string]any{"status": ComplaintFiled, "targetKind": c.TargetKind, "targetId": c.TargetID,
				"respondentOrg": c.RespondentOrg, "grounds": c.Grounds, "evidenceIds": evidence, "decideBy": c.DecideBy}})
	})
	if err != nil {
		return nil, err
	}
	return s.Complaint(ctx, actor, id)
}

// ReviewInput is the regulator's acceptance (受理) or rejection (不予受理)
// of a complaint for review.
type ReviewInput struct {
	Decision string `json:"decision" enum:"accepted,rejected"`
	Note     string `json:"note,omitempty" maxLength:"2000" doc:"Required when rejecting: why the complaint is not reviewed"`
}

// ReviewComplaint accepts or rejects a complaint awaiting review.
func (s *Service) ReviewComplaint(ctx context.Context, actor *authz.Principal, id int64, in ReviewInput) (*ComplaintView, error) {
	in.Note = strings.TrimSpace(in.Note)
	var f errs.Fields
	if in.Decision != ComplaintAccepted && in.Decision != ComplaintRejected {
		f.Add("body.decision", "decision", "accepted or rejected")
	}
	if n := utf8.RuneCountInString(in.Note); (in.Decision == ComplaintRejected && n < 2) || n > 2000 {
		f.Add("body.note", "note_required", "a rejection needs a written reason of 2 to 2000 characters")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	err := s.step(ctx, actor, id, func(ctx context.Context, tx bun.Tx, c *complaintRecord, now time.Time) error {
		if c.Status != ComplaintFiled {
			return errNotFiled
		}
		var note *string
		if in.Note != "" {
			note = &in.Note
		}
		if _, err := tx.NewUpdate().Model(c).Set("status = ?, reviewed_at = ?, reviewed_by = ?, review_note = ?, updated_at = ?",
			in.Decision, now, actor.UserID, note, now).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("review complaint %d: %w", c.ID, err)
		}
		action := "complaint.accept"
		if in.Decision == ComplaintRejected {
			action = "complaint.reject"
		}
		c.Status = in.Decision
		if err := notifyParties(ctx, tx, c, "complaint_reviewed", now, c.ComplainantOrg, c.RespondentOrg); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Event{Chain: complaintChain(c.ID), At: now, ActorUser: actor.UserID, ActorOrg: actor.OrgID,
			Action: action, Before: map[string]any{"status": ComplaintFiled}, After: map[string]any{"status": in.Decision, "note": in.Note}})
	})
	if err != nil {
		return nil, err
	}
	return s.Complaint(ctx, actor, id)
}

// SuspendProcedure suspends the procedure (the announcement) an accepted
// complaint is about until the complaint is decided or ResumeProcedure.
func (s *Service) SuspendProcedure(ctx context.Context, actor *authz.Principal, id int64) (*ComplaintView, error) {
	err := s.step(ctx, actor, id, func(ctx context.Context, tx bun.Tx, c *complaintRecord, now time.Time) error {
		if c.Status != ComplaintAccepted {
			return errNotAccepted
		}
		if c.TargetKind == TargetContract {
			return errNoProcedure
		}
		if c.Suspended {
			return errAlreadySuspended
		}
		if err := s.Procurement.Suspend(ctx, tx, c.AnnouncementID, actor, c.ID, now); err != nil {
			return err
		}
		return s.setSuspended(ctx, tx, actor, c, true, now)
	})
	if err != nil {
		return nil, err
	}
	return s.Complaint(ctx, actor, id)
}

// ResumeProcedure lifts the suspension the complaint put on its procedure.
func (s *Service) ResumeProcedure(ctx context.Context, actor *authz.Principal, id int64) (*ComplaintView, error) {
	err := s.step(ctx, actor, id, func(ctx context.Context, tx bun.Tx, c *complaintRecord, now time.Time) error {
		if !c.Suspended {
			return errNotSuspendedHere
		}
		return s.resume(ctx, tx, actor, c, now)
	})
	if err != nil {
		return nil, err
	}
	return s.Complaint(ctx, actor, id)
}

// resume lifts c's suspension of its procedure.
func (s *Service) resume(ctx context.Context, tx bun.Tx, actor *authz.Principal, c *complaintRecord, now time.Time) error {
	if err := s.Procurement.Resume(ctx, tx, c.AnnouncementID, actor, c.ID, now); err != nil {
		return err
	}
	return s.setSuspended(ctx, tx, actor, c, false, now)
}

func (s *Service) setSuspended(ctx context.Context, tx bun.Tx, actor *authz.Principal, c *complaintRecord, on bool, now time.Time) error {
	if _, err := tx.NewUpdate().Model(c).Set("suspended = ?, updated_at = ?", on, now).WherePK().Exec(ctx); err != nil {
		return fmt.Errorf("complaint %d suspension: %w", c.ID, err)
	}
	action := "complaint.suspend"
	if !on {
		action = "complaint.resume"
	}
	c.Suspended = on
	return audit.Append(ctx, tx, audit.Event{Chain: complaintChain(c.ID), At: now, ActorUser: actor.UserID, ActorOrg: actor.OrgID,
		Action: action, Before: map[string]any{"suspended": !on}, After: map[string]any{"suspended": on, "announcementId": c.AnnouncementID}})
}

// DecisionInput is the regulator's decision of an accepted complaint.
type DecisionInput struct {
	Decision      string `json:"decision" enum:"upheld,dismissed"`
	Reasoning     string `json:"reasoning" minLength:"1" maxLength:"5000" doc:"The facts found and the reasons, for the parties"`
	Summary       string `json:"summary" minLength:"1" maxLength:"1000" doc:"Published with the decision"`
	VoidSelection bool   `json:"voidSelection,omitempty" doc:"Upheld against a selection in publicity: void it; the next ranked registrant is selected"`
}

// DecideComplaint decides an accepted complaint: upheld or dismissed. The
// suspension of its procedure ends; an upheld complaint may void the
// selection complained about and counts against the respondent agency's
// credit score.
func (s *Service) DecideComplaint(ctx context.Context, actor *authz.Principal, id int64, in DecisionInput) (*ComplaintView, error) {
	in.Reasoning, in.Summary = strings.TrimSpace(in.Reasoning), strings.TrimSpace(in.Summary)
	var f errs.Fields
	if in.Decision != ComplaintUpheld && in.Decision != ComplaintDismissed {
		f.Add("body.decision", "decision", "upheld or dismissed")
	}
	if n := utf8.RuneCountInString(in.Reasoning); n < 2 || n > 5000 {
		f.Add("body.reasoning", "reasoning_required", "the reasons of 2 to 5000 characters are required")
	}
	if n := utf8.RuneCountInString(in.Summary); n < 2 || n > 1000 {
		f.Add("body.summary", "summary_required", "a published summary of 2 to 1000 characters is required")
	}
	if in.VoidSelection && in.Decision != ComplaintUpheld {
		f.Add("body.voidSelection", "void_needs_upheld", "only an upheld complaint voids a selection")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	err := s.step(ctx, actor, id, func(ctx context.Context, tx bun.Tx, c *complaintRecord, now time.Time) error {
		if c.Status != ComplaintAccepted {
			return errNotAccepted
		}
		if in.VoidSelection && c.TargetKind != TargetSelection {
			return errs.Field("body.voidSelection", "not_a_selection", "the complaint is not about a selection")
		}
		if c.Suspended {
			if err := s.resume(ctx, tx, actor, c, now); err != nil {
				return err
			}
		}
		if in.VoidSelection {
			if err := s.Procurement.VoidSelection(ctx, tx, c.TargetID, actor, now); err != nil {
				return err
			}
		}
		if _, err := tx.NewUpdate().Model(c).Set("status = ?, decided_at = ?, decided_by = ?, reasoning = ?, summary = ?, selection_voided = ?, updated_at = ?",
			in.Decision, now, actor.UserID, in.Reasoning, in.Summary, in.VoidSelection, now).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("decide complaint %d: %w", c.ID, err)
		}
		if err := audit.Append(ctx, tx, audit.Event{Chain: complaintChain(c.ID), At: now, ActorUser: actor.UserID, ActorOrg: actor.OrgID,
			Action: "complaint.decide", Before: map[string]any{"status": ComplaintAccepted},
			After: map[string]any{"status": in.Decision, "reasoning": in.Reasoning, "summary": in.Summary, "selectionVoided": in.VoidSelection,
				"late": now.After(c.DecideBy)}}); err != nil {
			return err
		}
		if err := RecordComplaintDecision(ctx, tx, c.ID, in.Decision == ComplaintUpheld); err != nil {
			return err
		}
		c.Status = in.Decision
		if err := notifyParties(ctx, tx, c, "complaint_decided", now, c.ComplainantOrg, c.RespondentOrg, c.OwnerID); err != nil {
			return err
		}
		if in.Decision == ComplaintUpheld && c.AgencyID != nil && *c.AgencyID == c.RespondentOrg {
			return contract.RecordUpheldComplaint(ctx, tx, c.ID, c.RespondentOrg, now)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Complaint(ctx, actor, id)
}

// MessageInput is a message of a complaint's thread.
type MessageInput struct {
	Body string `json:"body" minLength:"1" maxLength:"5000"`
}

// PostMessage adds the caller's message to the thread of a complaint under
// review: the complainant, the respondent, the procedure's owner and the
// regulators write in it.
func (s *Service) PostMessage(ctx context.Context, actor *authz.Principal, id int64, in MessageInput) (*ComplaintView, error) {
	in.Body = strings.TrimSpace(in.Body)
	if n := utf8.RuneCountInString(in.Body); n < 1 || n > 5000 {
		return nil, errs.Field("body.body", "message_length", "a message is 1 to 5000 characters")
	}
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		now, err := s.Clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		c, err := lockComplaint(ctx, tx, id)
		if err != nil {
			return err
		}
		role := roleOf(actor, c)
		if role == "" {
			return errComplaintNotFound
		}
		if c.Status != ComplaintFiled && c.Status != ComplaintAccepted {
			return errClosedComplaint
		}
		m := &complaintMessage{ComplaintID: c.ID, AuthorUser: actor.UserID, AuthorOrg: actor.OrgID, Role: role, Body: in.Body, CreatedAt: now}
		if _, err := tx.NewInsert().Model(m).ExcludeColumn("id").Returning("id").Exec(ctx, &m.ID); err != nil {
			return fmt.Errorf("store message: %w", err)
		}
		return audit.Append(ctx, tx, audit.Event{Chain: complaintChain(c.ID), At: now, ActorUser: actor.UserID, ActorOrg: actor.OrgID,
			Action: "complaint.message", After: map[string]any{"messageId": m.ID, "role": role, "body": m.Body}})
	})
	if err != nil {
		return nil, err
	}
	return s.Complaint(ctx, actor, id)
}

// step runs a regulator's step on complaint id in a transaction, with the
// complaint locked.
func (s *Service) step(ctx context.Context, actor *authz.Principal, id int64,
	fn func(ctx context.Context, tx bun.Tx, c *complaintRecord, now time.Time) error) error {
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		now, err := s.Clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		c, err := lockComplaint(ctx, tx, id)
		if err != nil {
			return err
		}
		return fn(ctx, tx, c, now)
	})
}

func lockComplaint(ctx context.Context, tx bun.IDB, id int64) (*complaintRecord, error) {
	c := new(complaintRecord)
	err := tx.NewSelect().Model(c).Where("cp.id = ?", id).For("UPDATE").Scan(ctx)
	if err := db.One(err, "lock complaint", errComplaintNotFound); err != nil {
		return nil, err
	}
	return c, nil
}

// roleOf is the caller's part in complaint c, "" for none.
func roleOf(actor *authz.Principal, c *complaintRecord) string {
	switch {
	case actor == nil:
		return ""
	case actor.Role == authz.Regulator:
		return RoleRegulator
	case actor.OrgID == c.ComplainantOrg:
		return RoleComplainant
	case actor.OrgID == c.RespondentOrg:
		return RoleRespondent
	case actor.OrgID == c.OwnerID:
		return RoleOwner
	}
	return ""
}

// notifyParties tells each of orgs (once) of a step of complaint c.
func notifyParties(ctx context.Context, tx bun.IDB, c *complaintRecord, kind string, now time.Time, orgs ...int64) error {
	told := map[int64]bool{}
	for _, org := range orgs {
		if told[org] {
			continue
		}
		told[org] = true
		params := map[string]any{"complaintId": c.ID, "title": c.SubjectTitle, "code": c.SubjectCode, "status": c.Status}
		if err := agency.Notify(ctx, tx, org, kind, params, now); err != nil {
			return err
		}
	}
	return nil
}
