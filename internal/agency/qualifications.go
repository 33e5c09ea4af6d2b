package agency

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/clock"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/files"
)

// QualificationInput describes a certificate and its scan.
type QualificationInput struct {
	TypeID        int64  `json:"typeId"`
	LevelCode     string `json:"levelCode" maxLength:"20"`
	CertificateNo string `json:"certificateNo" maxLength:"60"`
	Issuer        string `json:"issuer" maxLength:"100"`
	ValidFrom     string `json:"validFrom" format:"date" doc:"YYYY-MM-DD"`
	ValidTo       string `json:"validTo" format:"date" doc:"YYYY-MM-DD, valid through this day"`
	Scope         string `json:"scope" maxLength:"500"`
	FileID        int64  `json:"fileId" doc:"The uploaded scan (files.upload with purpose qualification_scan)"`
}

// qualifications lists an agency's qualifications; public callers see
// approved ones only.
func (s *Service) qualifications(ctx context.Context, orgID int64, today time.Time, approvedOnly bool) ([]Qualification, error) {
	var quals []Qualification
	q := s.db.NewSelect().Model(&quals).ColumnExpr("q.*").
		ColumnExpr("t.name_zh AS type_name_zh, t.name_en AS type_name_en").
		ColumnExpr("lv.name_zh AS level_name_zh, lv.name_en AS level_name_en").
		ColumnExpr("f.filename AS file_name, f.content_type AS file_type").
		Join("JOIN qualification_types t ON t.id = q.type_id").
		Join("JOIN qualification_levels lv ON lv.type_id = q.type_id AND lv.code = q.level_code").
		Join("JOIN files f ON f.id = q.file_id").
		Where("q.organisation_id = ?", orgID).OrderExpr("t.code, q.valid_to DESC")
	if approvedOnly {
		q = q.Where("q.status = ?", StatusApproved)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("list qualifications: %w", err)
	}
	for i := range quals {
		quals[i].fill(today)
	}
	return quals, nil
}

// validateQualification checks the input and returns the parsed dates.
func (s *Service) validateQualification(ctx context.Context, idb bun.IDB, orgID int64, in QualificationInput) (from, to time.Time, err error) {
	var f errs.Fields
	if _, lerr := s.catalog.Level(ctx, in.TypeID, in.LevelCode); lerr != nil {
		if !errs.Is(lerr, errs.NotFound) && !errs.Is(lerr, errs.Invalid) {
			return from, to, lerr
		}
		f.Add("body.levelCode", "level_unknown", "choose a qualification type and one of its levels")
	}
	checkText(&f, "body.certificateNo", in.CertificateNo, 1, 60)
	checkText(&f, "body.issuer", in.Issuer, 1, 100)
	from, ferr := time.Parse(dateLayout, in.ValidFrom)
	if ferr != nil {
		f.Add("body.validFrom", "date_format", "a date as YYYY-MM-DD")
	}
	to, terr := time.Parse(dateLayout, in.ValidTo)
	if terr != nil {
		f.Add("body.validTo", "date_format", "a date as YYYY-MM-DD")
	}
	if ferr == nil && terr == nil && to.Before(from) {
		f.Add("body.validTo", "valid_to_before_from", "the certificate cannot expire before it becomes valid")
	}
	file := new(files.File)
	ferr = idb.NewSelect().Model(file).Where("id = ?", in.FileID).Scan(ctx)
	if ferr != nil && !db.IsNoRows(ferr) {
		return from, to, fmt.Errorf("check scan: %w", ferr)
	}
	if ferr != nil || file.OrganisationID != orgID || file.Purpose != files.PurposeQualificationScan {
		f.Add("body.fileId", "file_unknown", "upload the certificate's scan first")
	}
	return from, to, f.Err()
}

// AddQualification records a certificate as a draft of the application.
func (s *Service) AddQualification(ctx context.Context, orgID int64, in QualificationInput) (*Qualification, error) {
	if _, err := s.organisation(ctx, s.db, orgID); err != nil {
		return nil, err
	}
	from, to, err := s.validateQualification(ctx, s.db, orgID, in)
	if err != nil {
		return nil, err
	}
	q := &Qualification{OrganisationID: orgID, TypeID: in.TypeID, LevelCode: in.LevelCode,
		CertificateNo: strings.TrimSpace(in.CertificateNo), Issuer: strings.TrimSpace(in.Issuer),
		ValidFrom: from, ValidTo: to, Scope: strings.TrimSpace(in.Scope), FileID: in.FileID, Status: StatusDraft}
	if _, err := s.db.NewInsert().Model(q).Returning("id, created_at, updated_at").Exec(ctx); err != nil {
		return nil, fmt.Errorf("add qualification: %w", err)
	}
	return s.qualification(ctx, orgID, q.ID)
}

// UpdateQualification corrects a certificate that is not under review. An
// approved one goes back to draft: it must be reviewed again.
func (s *Service) UpdateQualification(ctx context.Context, orgID, id int64, in QualificationInput) (*Qualification, error) {
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		q, err := s.lockQualification(ctx, tx, orgID, id)
		if err != nil {
			return err
		}
		if q.Status == StatusSubmitted {
			return errs.New(errs.Conflict, "under_review", "the qualification is under review and cannot change now")
		}
		from, to, err := s.validateQualification(ctx, tx, orgID, in)
		if err != nil {
			return err
		}
		_, err = tx.NewUpdate().Model((*Qualification)(nil)).
			Set("type_id = ?, level_code = ?, certificate_no = ?, issuer = ?", in.TypeID, in.LevelCode, strings.TrimSpace(in.CertificateNo), strings.TrimSpace(in.Issuer)).
			Set("valid_from = ?, valid_to = ?, scope = ?, file_id = ?", from, to, strings.TrimSpace(in.Scope), in.FileID).
			Set("status = ?, expiry_warned_at = NULL, updated_at = now()", StatusDraft).
			Where("id = ?", id).Exec(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.qualification(ctx, orgID, id)
}

// DeleteQualification removes a certificate that was never approved.
func (s *Service) DeleteQualification(ctx context.Context, orgID, id int64) error {
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		q, err := s.lockQualification(ctx, tx, orgID, id)
		if err != nil {
			return err
		}
		if q.Status == StatusSubmitted || q.Status == StatusApproved {
			return errs.New(errs.Conflict, "not_deletable", "only drafts and rejected qualifications can be removed")
		}
		_, err = tx.NewDelete().Model((*Qualification)(nil)).Where("id = ?", id).Exec(ctx)
		return err
	})
}

func (s *Service) lockQualification(ctx context.Context, tx bun.Tx, orgID, id int64) (*Qualification, error) {
	q := new(Qualification)
	err := tx.NewSelect().Model(q).Where("id = ? AND organisation_id = ?", id, orgID).For("UPDATE").Scan(ctx)
	if db.IsNoRows(err) {
		return nil, errs.New(errs.NotFound, "qualification_not_found", "no such qualification")
	}
	return q, err
}

func (s *Service) qualification(ctx context.Context, orgID, id int64) (*Qualification, error) {
	now, err := s.clock.Now(ctx, s.db)
	if err != nil {
		return nil, err
	}
	quals, err := s.qualifications(ctx, orgID, clock.Today(now), false)
	if err != nil {
		return nil, err
	}
	for i := range quals {
		if quals[i].ID == id {
			return &quals[i], nil
		}
	}
	return nil, errs.New(errs.NotFound, "qualification_not_found", "no such qualification")
}

// QualificationOwner returns the agency a qualification belongs to (0 when
// there is none), for scoping.
func (s *Service) QualificationOwner(ctx context.Context, id int64) (int64, error) {
	var org int64
	err := s.db.NewSelect().Model((*Qualification)(nil)).Column("organisation_id").Where("id = ?", id).Scan(ctx, &org)
	if db.IsNoRows(err) {
		return 0, nil
	}
	return org, err
}
