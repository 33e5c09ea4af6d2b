package agency

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"intermart/internal/db"
	"intermart/internal/errs"
)

// PractitionerInput is a person the agency employs.
type PractitionerInput struct {
	Name          string `json:"name" maxLength:"50"`
	CertificateNo string `json:"certificateNo" maxLength:"60" doc:"Practising certificate number, if any"`
	IDNumber      string `json:"idNumber" maxLength:"18" doc:"Resident ID number (18 characters); stored whole, shown masked"`
}

var idNumberPattern = regexp.MustCompile(`^[0-9]{17}[0-9X]$`)

// idNumberWeights are the GB 11643 weights of the first 17 digits.
var idNumberWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// ValidIDNumber checks a resident ID number's form and check character.
func ValidIDNumber(id string) bool {
	if !idNumberPattern.MatchString(id) {
		return false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(id[i]-'0') * idNumberWeights[i]
	}
	return id[17] == "10X98765432"[sum%11]
}

func (s *Service) practitioners(ctx context.Context, orgID int64) ([]Practitioner, error) {
	var list []Practitioner
	if err := s.db.NewSelect().Model(&list).Where("organisation_id = ?", orgID).Order("id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list practitioners: %w", err)
	}
	for i := range list {
		list[i].IDNumberMasked = MaskIDNumber(list[i].IDNumber)
	}
	return list, nil
}

// AddPractitioner records a person of the agency.
func (s *Service) AddPractitioner(ctx context.Context, orgID int64, in PractitionerInput) (*Practitioner, error) {
	if _, err := s.organisation(ctx, s.db, orgID); err != nil {
		return nil, err
	}
	in.IDNumber = strings.ToUpper(strings.TrimSpace(in.IDNumber))
	var f errs.Fields
	checkText(&f, "body.name", in.Name, 1, 50)
	if !ValidIDNumber(in.IDNumber) {
		f.Add("body.idNumber", "id_number_invalid", "an 18-character resident ID number with a matching check character")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	p := &Practitioner{OrganisationID: orgID, Name: strings.TrimSpace(in.Name), CertificateNo: strings.TrimSpace(in.CertificateNo), IDNumber: in.IDNumber}
	if _, err := s.db.NewInsert().Model(p).Returning("id, created_at").Exec(ctx); err != nil {
		return nil, db.Violation(err, "add practitioner", map[string]error{
			"practitioners_organisation_id_id_number_key": errs.Field("body.idNumber", "practitioner_exists", "this person is already listed"),
		})
	}
	p.IDNumberMasked = MaskIDNumber(p.IDNumber)
	return p, nil
}

// RemovePractitioner removes a person who left the agency.
func (s *Service) RemovePractitioner(ctx context.Context, orgID, id int64) error {
	res, err := s.db.NewDelete().Model((*Practitioner)(nil)).Where("id = ? AND organisation_id = ?", id, orgID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("remove practitioner: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.New(errs.NotFound, "practitioner_not_found", "no such practitioner")
	}
	return nil
}
