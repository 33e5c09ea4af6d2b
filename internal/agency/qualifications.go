package agency

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/catalog"
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
func (s *Service) qualifications(ctx context.Context, idb bun.IDB, orgID int64, today time.Time, approvedOnly bool) ([]Qualification, error) {
	var quals []Qualification
	q := idb.NewSelect().Model(&quals).ColumnExpr("q.*").
		ColumnExpr("qualification_expired(q, ?::date) AS expired", today).
		Where("q.organisation_id = ?", orgID).OrderExpr("q.type_id, q.valid_to DESC")
	if approvedOnly {
		q = q.Where("q.status = ?", StatusApproved)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("list qualifications: %w", err)
	}
	if err := describeQualifications(ctx, idb, quals); err != nil {
		return nil, err
	}
	return quals, nil
}

// describeQualifications fills in the names of the types, levels and scans,
// from the catalogue and files, and orders the list by type code.
func describeQualifications(ctx context.Context, idb bun.IDB, quals []Qualification) error {
	typeIDs := make([]int64, len(quals))
	fileIDs := make([]int64, len(quals))
	for i := range quals {
		typeIDs[i], fileIDs[i] = quals[i].TypeID, quals[i].FileID
	}
	types, err := catalog.Types(ctx, idb, typeIDs)
	if err != nil {
		return err
	}
	scans, err := files.Summaries(ctx, idb, fileIDs)
	if err != nil {
		return err
	}
	for i := range quals {
		q := &quals[i]
		q.ValidFromDate = q.ValidFrom.Format(dateLayout)
		q.ValidToDate = q.ValidTo.Format(dateLayout)
		t := types[q.TypeID]
		q.TypeNameZH, q.TypeNameEN = t.NameZH, t.NameEN
		if l, ok := t.Level(q.LevelCode); ok {
			q.LevelNameZH, q.LevelNameEN = l.NameZH, l.NameEN
		}
		scan := scans[q.FileID]
		q.FileName, q.FileType = scan.Filename, scan.ContentType
	}
	sort.SliceStable(quals, func(i, j int) bool { return types[quals[i].TypeID].Code < types[quals[j].TypeID].Code })
	return nil
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
	file, ferr := files.Owned(ctx, idb, orgID, in.FileID)
	if ferr != nil && !errs.Is(ferr, errs.NotFound) {
		return from, to, ferr
	}
	if ferr != nil || file.Purpose != files.PurposeQualificationScan {
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
		if err != nil {
			return fmt.Errorf("update qualification %d: %w", id, err)
		}
		return nil
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
		if _, err := tx.NewDelete().Model((*Qualification)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return fmt.Errorf("delete qualification %d: %w", id, err)
		}
		return nil
	})
}

func (s *Service) lockQualification(ctx context.Context, tx bun.Tx, orgID, id int64) (*Qualification, error) {
	q := new(Qualification)
	err := tx.NewSelect().Model(q).Where("id = ? AND organisation_id = ?", id, orgID).For("UPDATE").Scan(ctx)
	if err := db.One(err, fmt.Sprintf("lock qualification %d", id), errQualificationNotFound); err != nil {
		return nil, err
	}
	return q, nil
}

func (s *Service) qualification(ctx context.Context, orgID, id int64) (*Qualification, error) {
	now, err := s.clock.Now(ctx, s.db)
	if err != nil {
		return nil, err
	}
	var quals []Qualification
	err = s.db.NewSelect().Model(&quals).ColumnExpr("q.*").
		ColumnExpr("qualification_expired(q, ?::date) AS expired", clock.Today(now)).
		Where("q.id = ? AND q.organisation_id = ?", id, orgID).Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("get qualification %d: %w", id, err)
	}
	if len(quals) == 0 {
		return nil, errQualificationNotFound
	}
	if err := describeQualifications(ctx, s.db, quals); err != nil {
		return nil, err
	}
	return &quals[0], nil
}

// QualificationOwner returns the agency a qualification belongs to, for
// scoping; a missing one is errs.NotFound.
func (s *Service) QualificationOwner(ctx context.Context, id int64) (int64, error) {
	return db.Owner(ctx, s.db, (*Qualification)(nil), id, errQualificationNotFound)
}
