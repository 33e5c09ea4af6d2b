package contract

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/audit"
	"intermart/internal/authz"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/files"
)

var (
	errSubmissionNotFound = errs.New(errs.NotFound, "submission_not_found", "no such submission")
	errMilestoneNotFound  = errs.New(errs.NotFound, "milestone_not_found", "no such milestone")
)

// record appends an event to the contract's audit chain.
func (s *Service) record(ctx context.Context, tx bun.IDB, p *authz.Principal, contractID int64, action string, at time.Time, after any) error {
	e := audit.Event{Chain: audit.Chain("contract", contractID), At: at, Action: action, After: after}
	if p != nil {
		e.ActorUser, e.ActorOrg = p.UserID, p.OrgID
	}
	return s.appendEvent(ctx, tx, e)
}

// OpenSubmission opens the next version of a milestone's deliverables for
// the agency to upload files to: version 1, then a new one after each
// return. One is open at a time.
func (s *Service) OpenSubmission(ctx context.Context, p *authz.Principal, milestoneID int64, note string) (*Submission, error) {
	if len([]rune(note)) > 2000 {
		return nil, errs.Field("body.note", "note_too_long", "the note may have at most 2000 characters")
	}
	sub := &Submission{}
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		m := new(Milestone)
		err := tx.NewSelect().Model(m).Where("m.id = ?", milestoneID).Scan(ctx)
		if err := db.One(err, fmt.Sprintf("get milestone %d", milestoneID), errMilestoneNotFound); err != nil {
			return err
		}
		c, role, err := s.Party(ctx, tx, p, m.ContractID)
		if err != nil {
			return errMilestoneNotFound
		}
		if role != RoleAgency {
			return errs.New(errs.Forbidden, "agency_only", "only the contracted agency submits deliverables")
		}
		// One submission opens at a time per contract.
		if err := tx.NewSelect().Model(c).Where("c.id = ?", c.ID).For("UPDATE").Scan(ctx); err != nil {
			return fmt.Errorf("lock contract %d: %w", c.ID, err)
		}
		if c.Status != StatusActive {
			return errs.New(errs.Conflict, "contract_not_active", "deliverables are submitted while the contract is in force")
		}
		if m.AcceptedAt != nil {
			return errs.New(errs.Conflict, "milestone_accepted", "this milestone's deliverables were already accepted")
		}
		open, err := tx.NewSelect().Model((*Submission)(nil)).Where("milestone_id = ? AND status IN (?)", m.ID,
			bun.In([]string{SubmissionUploading, SubmissionSubmitted})).Exists(ctx)
		if err != nil {
			return fmt.Errorf("open submissions: %w", err)
		}
		if open {
			return errs.New(errs.Conflict, "submission_open", "a version of this milestone is already open or under review")
		}
		now, err := s.Clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		var last int
		if err := tx.NewSelect().Model((*Submission)(nil)).ColumnExpr("coalesce(max(version), 0)").Where("milestone_id = ?", m.ID).Scan(ctx, &last); err != nil {
			return fmt.Errorf("last version: %w", err)
		}
		*sub = Submission{ContractID: c.ID, MilestoneID: m.ID, Version: last + 1, Status: SubmissionUploading,
			Note: strings.TrimSpace(note), CreatedBy: p.UserID, CreatedAt: now}
		if _, err := tx.NewInsert().Model(sub).Returning("*").Exec(ctx); err != nil {
			return fmt.Errorf("insert submission: %w", err)
		}
		return s.record(ctx, tx, p, c.ID, "submission.open", now, map[string]any{"submission": sub.ID, "milestone": m.ID, "version": sub.Version})
	})
	if err != nil {
		return nil, err
	}
	return sub, nil
}

// submissionFor returns a submission with its contract and the caller's
// side; nobody else's submission is found.
func (s *Service) submissionFor(ctx context.Context, idb bun.IDB, p *authz.Principal, id int64, lock bool) (*Submission, *Contract, string, error) {
	sub := new(Submission)
	q := idb.NewSelect().Model(sub).Where("sub.id = ?", id)
	if lock {
		q = q.For("UPDATE")
	}
	if err := db.One(q.Scan(ctx), fmt.Sprintf("get submission %d", id), errSubmissionNotFound); err != nil {
		return nil, nil, "", err
	}
	c, role, err := s.Party(ctx, idb, p, sub.ContractID)
	if err != nil {
		return nil, nil, "", errSubmissionNotFound
	}
	return sub, c, role, nil
}

// Upload streams one file into an open submission. The caller and the
// submission are checked before a byte is stored, and again in the
// transaction that records the file, so a file stored for a submission
// closed meanwhile is taken back.
func (s *Service) Upload(ctx context.Context, p *authz.Principal, submissionID int64, filename string, body io.Reader, size int64) (*DeliverableFile, error) {
	check := func(ctx context.Context, idb bun.IDB, lock bool) error {
		sub, _, role, err := s.submissionFor(ctx, idb, p, submissionID, lock)
		if err != nil {
			return err
		}
		if role != RoleAgency {
			return errs.New(errs.Forbidden, "agency_only", "only the contracted agency submits deliverables")
		}
		if sub.Status != SubmissionUploading {
			return errs.New(errs.Conflict, "submission_closed", "this version was submitted: open a new version to change files")
		}
		return nil
	}
	if err := check(ctx, s.DB, false); err != nil {
		return nil, err
	}
	attach := func(ctx context.Context, tx bun.Tx, f files.Attached) error {
		if err := check(ctx, tx, true); err != nil {
			return err
		}
		if _, err := tx.NewRaw("INSERT INTO submission_files (submission_id, file_id) VALUES (?, ?)", submissionID, f.ID).Exec(ctx); err != nil {
			return fmt.Errorf("attach file: %w", err)
		}
		now, err := s.Clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		sub := new(Submission)
		if err := tx.NewSelect().Model(sub).Where("sub.id = ?", submissionID).Scan(ctx); err != nil {
			return err
		}
		return s.record(ctx, tx, p, sub.ContractID, "submission.upload", now,
			map[string]any{"submission": submissionID, "file": f.ID, "sha256": f.SHA256, "size": f.Size, "filename": f.Filename})
	}
	f, err := s.Files.UploadWith(ctx, p, files.PurposeDeliverable, filename, body, size, attach)
	if err != nil {
		return nil, err
	}
	return &DeliverableFile{ID: f.ID, Filename: f.Filename, ContentType: f.ContentType, Size: f.Size, SHA256: f.SHA256, CreatedAt: f.CreatedAt}, nil
}

// retentionUntil is how long submitted files are kept: the rules'
// retention_years from now.
func (s *Service) retentionUntil(ctx context.Context, tx bun.IDB, now time.Time) (time.Time, error) {
	years := 10
	if err := tx.NewSelect().Model((*Rules)(nil)).Column("retention_years").Limit(1).Scan(ctx, &years); err != nil && !db.IsNoRows(err) {
		return time.Time{}, fmt.Errorf("retention years: %w", err)
	}
	return now.AddDate(years, 0, 0), nil
}

func submissionFileIDs(ctx context.Context, idb bun.IDB, ids ...int64) ([]int64, error) {
	var fileIDs []int64
	if len(ids) == 0 {
		return fileIDs, nil
	}
	err := idb.NewRaw("SELECT file_id FROM submission_files WHERE submission_id IN (?) ORDER BY file_id", bun.In(ids)).Scan(ctx, &fileIDs)
	if err != nil {
		return nil, fmt.Errorf("submission files: %w", err)
	}
	return fileIDs, nil
}

// Submit hands an open version to the owner for review. Its files are put
// under object-lock retention first: from then on MinIO refuses to delete or
// overwrite them for the rules' retention years.
func (s *Service) Submit(ctx context.Context, p *authz.Principal, id int64) (*Submission, error) {
	var sub *Submission
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var c *Contract
		var role string
		var err error
		sub, c, role, err = s.submissionFor(ctx, tx, p, id, true)
		if err != nil {
			return err
		}
		if role != RoleAgency {
			return errs.New(errs.Forbidden, "agency_only", "only the contracted agency submits deliverables")
		}
		if sub.Status != SubmissionUploading {
			return errs.New(errs.Conflict, "submission_closed", "this version was already submitted")
		}
		ids, err := submissionFileIDs(ctx, tx, sub.ID)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			return errs.New(errs.Conflict, "submission_empty", "upload at least one file before submitting")
		}
		now, err := s.Clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		until, err := s.retentionUntil(ctx, tx, now)
		if err != nil {
			return err
		}
		if err := s.Files.Retain(ctx, tx, ids, until); err != nil {
			return err
		}
		sub.Status, sub.SubmittedAt = SubmissionSubmitted, &now
		if _, err := tx.NewUpdate().Model(sub).Column("status", "submitted_at").WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("submit: %w", err)
		}
		if err := s.record(ctx, tx, p, sub.ContractID, "submission.submit", now,
			map[string]any{"submission": sub.ID, "version": sub.Version, "fileIds": ids, "retainUntil": until.UTC().Format(time.DateOnly)}); err != nil {
			return err
		}
		return notifyDeliverable(ctx, tx, c.OwnerID, c, sub, NoticeDeliverableSubmitted, now)
	})
	return sub, err
}

// SubmissionDecision is the owner's answer to a submitted version.
type SubmissionDecision struct {
	Accept   bool   `json:"accept" doc:"true accepts the version; false returns it to the agency"`
	Comments string `json:"comments,omitempty" maxLength:"2000" doc:"Why it is returned (required then), or remarks on acceptance"`
}

// Decide accepts or returns a submitted version. Accepting the final
// milestone's version is final acceptance (验收): the contract is completed
// and the acceptance certificate issued.
func (s *Service) Decide(ctx context.Context, p *authz.Principal, id int64, d SubmissionDecision) (*Submission, error) {
	d.Comments = strings.TrimSpace(d.Comments)
	if !d.Accept && d.Comments == "" {
		return nil, errs.Field("body.comments", "comments_required", "say why the deliverables are returned")
	}
	var sub *Submission
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var c *Contract
		var role string
		var err error
		sub, c, role, err = s.submissionFor(ctx, tx, p, id, true)
		if err != nil {
			return err
		}
		if role != RoleOwner {
			return errs.New(errs.Forbidden, "owner_only", "only the owner accepts or returns deliverables")
		}
		if sub.Status != SubmissionSubmitted {
			return errs.New(errs.Conflict, "submission_not_submitted", "only a submitted version can be accepted or returned")
		}
		now, err := s.Clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		sub.Status, sub.DecidedBy, sub.DecidedAt = SubmissionReturned, &p.UserID, &now
		if d.Accept {
			sub.Status = SubmissionAccepted
		}
		if d.Comments != "" {
			sub.Comments = &d.Comments
		}
		if _, err := tx.NewUpdate().Model(sub).Column("status", "comments", "decided_by", "decided_at").WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("decide: %w", err)
		}
		action := "submission.return"
		if d.Accept {
			action = "submission.accept"
		}
		if err := s.record(ctx, tx, p, c.ID, action, now, map[string]any{"submission": sub.ID, "version": sub.Version, "comments": d.Comments}); err != nil {
			return err
		}
		if !d.Accept {
			return notifyDeliverable(ctx, tx, c.AgencyID, c, sub, NoticeDeliverableReturned, now)
		}
		m := new(Milestone)
		if _, err := tx.NewUpdate().Model(m).Set("accepted_at = ?", now).Where("id = ?", sub.MilestoneID).Returning("*").Exec(ctx); err != nil {
			return fmt.Errorf("accept milestone: %w", err)
		}
		if err := notifyDeliverable(ctx, tx, c.AgencyID, c, sub, NoticeDeliverableAccepted, now); err != nil {
			return err
		}
		if !m.Final {
			return nil
		}
		return s.finalAcceptance(ctx, tx, p, c, now)
	})
	return sub, err
}
