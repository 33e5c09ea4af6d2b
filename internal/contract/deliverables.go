package contract

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/errs"
	"intermart/internal/files"
)

// DeliverableFile is a file of a submission.
type DeliverableFile struct {
	ID          int64     `json:"id"`
	Filename    string    `json:"filename"`
	ContentType string    `json:"contentType"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	CreatedAt   time.Time `json:"createdAt"`
}

// SubmissionView is a version of a milestone's deliverables.
type SubmissionView struct {
	ID          int64             `json:"id"`
	Version     int               `json:"version"`
	Status      string            `json:"status" enum:"uploading,submitted,accepted,returned"`
	Note        string            `json:"note"`
	Comments    *string           `json:"comments,omitempty" doc:"The owner's comments on returning or accepting"`
	CreatedAt   time.Time         `json:"createdAt"`
	SubmittedAt *time.Time        `json:"submittedAt,omitempty"`
	DecidedAt   *time.Time        `json:"decidedAt,omitempty"`
	Files       []DeliverableFile `json:"files"`
	Actions     []string          `json:"actions" doc:"What the caller may do: upload, submit, decide"`
}

// MilestoneDeliverables is a milestone with its versions, newest first.
type MilestoneDeliverables struct {
	ID          int64            `json:"id"`
	Seq         int              `json:"seq"`
	Name        string           `json:"name"`
	DueOn       string           `json:"dueOn" format:"date"`
	Final       bool             `json:"final"`
	AcceptedAt  *time.Time       `json:"acceptedAt,omitempty"`
	Submissions []SubmissionView `json:"submissions"`
	Actions     []string         `json:"actions" doc:"What the caller may do: open (a new version)"`
}

// Deliverables is a contract's deliverables as one of its parties or a
// regulator sees them.
type Deliverables struct {
	ContractID  int64                   `json:"contractId"`
	Role        string                  `json:"role" enum:"owner,agency,regulator"`
	Milestones  []MilestoneDeliverables `json:"milestones"`
	Certificate *CertificateRef         `json:"certificate,omitempty" doc:"The acceptance certificate, once finally accepted"`
}

// CertificateRef names a contract's acceptance certificate.
type CertificateRef struct {
	Code   string `json:"code"`
	FileID int64  `json:"fileId"`
}

// Deliverables lists a contract's milestones with their submissions.
func (s *Service) Deliverables(ctx context.Context, p *authz.Principal, contractID int64) (*Deliverables, error) {
	c, role, err := s.Party(ctx, s.DB, p, contractID)
	if err != nil {
		return nil, err
	}
	out := &Deliverables{ContractID: c.ID, Role: role, Milestones: []MilestoneDeliverables{}}
	var ms []Milestone
	if err := s.DB.NewSelect().Model(&ms).Where("contract_id = ?", c.ID).Order("seq").Scan(ctx); err != nil {
		return nil, fmt.Errorf("milestones: %w", err)
	}
	var subs []Submission
	if err := s.DB.NewSelect().Model(&subs).Where("contract_id = ?", c.ID).Order("version DESC").Scan(ctx); err != nil {
		return nil, fmt.Errorf("submissions: %w", err)
	}
	subIDs := make([]int64, len(subs))
	for i, sub := range subs {
		subIDs[i] = sub.ID
	}
	var links []struct {
		SubmissionID int64 `bun:"submission_id"`
		FileID       int64 `bun:"file_id"`
	}
	if len(subIDs) > 0 {
		if err := s.DB.NewRaw("SELECT submission_id, file_id FROM submission_files WHERE submission_id IN (?)", bun.In(subIDs)).Scan(ctx, &links); err != nil {
			return nil, fmt.Errorf("submission files: %w", err)
		}
	}
	fileIDs := make([]int64, len(links))
	for i, l := range links {
		fileIDs[i] = l.FileID
	}
	list, err := files.ByIDs(ctx, s.DB, fileIDs)
	if err != nil {
		return nil, err
	}
	byID := map[int64]DeliverableFile{}
	for _, f := range list {
		byID[f.ID] = DeliverableFile{ID: f.ID, Filename: f.Filename, ContentType: f.ContentType, Size: f.Size, SHA256: f.SHA256, CreatedAt: f.CreatedAt}
	}
	filesOf := map[int64][]DeliverableFile{}
	for _, l := range links {
		filesOf[l.SubmissionID] = append(filesOf[l.SubmissionID], byID[l.FileID])
	}
	active := c.Status == StatusActive
	for _, m := range ms {
		md := MilestoneDeliverables{ID: m.ID, Seq: m.Seq, Name: m.Name, DueOn: m.DueOn.Format(time.DateOnly), Final: m.Final,
			AcceptedAt: m.AcceptedAt, Submissions: []SubmissionView{}, Actions: []string{}}
		open := false
		for _, sub := range subs {
			if sub.MilestoneID != m.ID {
				continue
			}
			v := SubmissionView{ID: sub.ID, Version: sub.Version, Status: sub.Status, Note: sub.Note, Comments: sub.Comments,
				CreatedAt: sub.CreatedAt, SubmittedAt: sub.SubmittedAt, DecidedAt: sub.DecidedAt, Files: filesOf[sub.ID], Actions: []string{}}
			if v.Files == nil {
				v.Files = []DeliverableFile{}
			}
			switch {
			case sub.Status == SubmissionUploading:
				open = true
				if role == RoleAgency && active && authz.May(ctx, "deliverables.upload", 0) {
					v.Actions = append(v.Actions, "upload")
					if len(v.Files) > 0 {
						v.Actions = append(v.Actions, "submit")
					}
				}
			case sub.Status == SubmissionSubmitted:
				open = true
				if role == RoleOwner && active && authz.May(ctx, "deliverables.decide", 0) {
					v.Actions = append(v.Actions, "decide")
				}
			}
			md.Submissions = append(md.Submissions, v)
		}
		if !open && m.AcceptedAt == nil && role == RoleAgency && active && authz.May(ctx, "deliverables.open", 0) {
			md.Actions = append(md.Actions, "open")
		}
		out.Milestones = append(out.Milestones, md)
	}
	var cert []CertificateRef
	if err := s.DB.NewRaw("SELECT code, file_id FROM acceptance_certificates WHERE contract_id = ? AND file_id IS NOT NULL", c.ID).Scan(ctx, &cert); err != nil {
		return nil, fmt.Errorf("certificate: %w", err)
	}
	if len(cert) > 0 {
		out.Certificate = &cert[0]
	}
	return out, nil
}

var errDeliverableNotFound = errs.New(errs.NotFound, "deliverable_not_found", "no such deliverable")

// Link issues a short-lived download link to a deliverable or an acceptance
// certificate, for the contract's parties and regulators only, and records
// it in the contract's audit trail.
func (s *Service) Link(ctx context.Context, p *authz.Principal, fileID int64) (string, time.Time, error) {
	var contractIDs []int64
	err := s.DB.NewRaw(`SELECT sub.contract_id FROM submission_files sf JOIN submissions sub ON sub.id = sf.submission_id WHERE sf.file_id = ?
		UNION SELECT contract_id FROM acceptance_certificates WHERE file_id = ?`, fileID, fileID).Scan(ctx, &contractIDs)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("contract of file %d: %w", fileID, err)
	}
	if len(contractIDs) != 1 {
		return "", time.Time{}, errDeliverableNotFound
	}
	c, _, err := s.Party(ctx, s.DB, p, contractIDs[0])
	if err != nil {
		return "", time.Time{}, errDeliverableNotFound
	}
	now, err := s.Clock.Now(ctx, s.DB)
	if err != nil {
		return "", time.Time{}, err
	}
	if err := s.record(ctx, s.DB, p, c.ID, "file.download", now, map[string]any{"file": fileID}); err != nil {
		return "", time.Time{}, err
	}
	return s.Files.Link(ctx, p, fileID, false)
}
