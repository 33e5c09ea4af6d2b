package contract

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/files"
	"intermart/internal/identity"
)

// AcceptedContract is what the public learns of a contract whose
// deliverables were accepted: never the content.
type AcceptedContract struct {
	Code       string    `json:"code"`
	Title      string    `json:"title"`
	Owner      string    `json:"owner" doc:"The owner's name"`
	Agency     string    `json:"agency" doc:"The agency's name"`
	AcceptedAt time.Time `json:"acceptedAt" doc:"When the deliverables were accepted"`
}

// Authenticity answers whether a file with that SHA-256 is an accepted
// deliverable.
type Authenticity struct {
	SHA256    string             `json:"sha256"`
	Accepted  bool               `json:"accepted" doc:"The file is an accepted deliverable"`
	Contracts []AcceptedContract `json:"contracts" doc:"The contracts it was accepted for"`
}

// CertifiedFile is an accepted file as its certificate names it.
type CertifiedFile struct {
	Filename string `json:"filename"`
	SHA256   string `json:"sha256"`
	Size     int64  `json:"size"`
}

// Certificate is an acceptance certificate as the public sees it.
type Certificate struct {
	Code     string           `json:"code"`
	IssuedAt time.Time        `json:"issuedAt"`
	Contract AcceptedContract `json:"contract"`
	Files    []CertifiedFile  `json:"files"`
}

var (
	sha256Hex       = regexp.MustCompile(`^[0-9a-f]{64}$`)
	errCertNotFound = errs.New(errs.NotFound, "certificate_not_found", "no acceptance certificate has this code")
)

// acceptedContract describes contract id for the public.
func acceptedContract(ctx context.Context, idb bun.IDB, id int64, at time.Time) (AcceptedContract, error) {
	c := new(Contract)
	if err := idb.NewSelect().Model(c).Where("c.id = ?", id).Scan(ctx); err != nil {
		return AcceptedContract{}, fmt.Errorf("get contract %d: %w", id, err)
	}
	owner, err := identity.FindOrganisation(ctx, idb, c.OwnerID, false)
	if err != nil {
		return AcceptedContract{}, err
	}
	agency, err := identity.FindOrganisation(ctx, idb, c.AgencyID, false)
	if err != nil {
		return AcceptedContract{}, err
	}
	return AcceptedContract{Code: c.Code, Title: c.Title, Owner: owner.Name, Agency: agency.Name, AcceptedAt: at}, nil
}

// CheckAuthenticity looks a file's SHA-256 up among the accepted
// deliverables (and the certificates themselves).
func (s *Service) CheckAuthenticity(ctx context.Context, sha string) (*Authenticity, error) {
	if !sha256Hex.MatchString(sha) {
		return nil, errs.Field("path.sha256", "sha256_format", "a SHA-256 is 64 lower-case hexadecimal digits")
	}
	out := &Authenticity{SHA256: sha, Contracts: []AcceptedContract{}}
	ids, err := files.BySHA256(ctx, s.DB, files.PurposeDeliverable, sha)
	if err != nil || len(ids) == 0 {
		return out, err
	}
	var rows []struct {
		ContractID int64     `bun:"contract_id"`
		DecidedAt  time.Time `bun:"decided_at"`
	}
	err = s.DB.NewRaw(`SELECT DISTINCT ON (sub.contract_id) sub.contract_id, sub.decided_at FROM submissions sub
		JOIN submission_files sf ON sf.submission_id = sub.id
		WHERE sf.file_id IN (?) AND sub.status = 'accepted' ORDER BY sub.contract_id, sub.decided_at`, bun.In(ids)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("accepted submissions: %w", err)
	}
	for _, r := range rows {
		ac, err := acceptedContract(ctx, s.DB, r.ContractID, r.DecidedAt)
		if err != nil {
			return nil, err
		}
		out.Contracts = append(out.Contracts, ac)
	}
	out.Accepted = len(out.Contracts) > 0
	return out, nil
}

// Certificate returns the acceptance certificate with that code.
func (s *Service) Certificate(ctx context.Context, code string) (*Certificate, error) {
	var row struct {
		ContractID int64     `bun:"contract_id"`
		Code       string    `bun:"code"`
		IssuedAt   time.Time `bun:"issued_at"`
	}
	err := s.DB.NewRaw("SELECT contract_id, code, issued_at FROM acceptance_certificates WHERE code = ?", code).Scan(ctx, &row)
	if err := db.One(err, "get certificate", errCertNotFound); err != nil {
		return nil, err
	}
	ac, err := acceptedContract(ctx, s.DB, row.ContractID, row.IssuedAt)
	if err != nil {
		return nil, err
	}
	list, err := acceptedFiles(ctx, s.DB, row.ContractID)
	if err != nil {
		return nil, err
	}
	out := &Certificate{Code: row.Code, IssuedAt: row.IssuedAt, Contract: ac, Files: make([]CertifiedFile, len(list))}
	for i, f := range list {
		out.Files[i] = CertifiedFile{Filename: f.Filename, SHA256: f.SHA256, Size: f.Size}
	}
	return out, nil
}
