package contract

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/files"
	"intermart/internal/identity"
)

// finalAcceptance (验收) completes the contract and issues its acceptance
// certificate, in the transaction of the accepting decision.
func (s *Service) finalAcceptance(ctx context.Context, tx bun.Tx, p *authz.Principal, c *Contract, now time.Time) error {
	if err := s.Complete(ctx, tx, c, now); err != nil {
		return err
	}
	accepted, err := acceptedFiles(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	owner, err := identity.FindOrganisation(ctx, tx, c.OwnerID, false)
	if err != nil {
		return err
	}
	agency, err := identity.FindOrganisation(ctx, tx, c.AgencyID, false)
	if err != nil {
		return err
	}
	code := certificateCode()
	data := certificateData{Code: code, ContractCode: c.Code, ContractTitle: c.Title, OwnerName: owner.Name, AgencyName: agency.Name,
		OwnerCredit: owner.CreditCode, AgencyCredit: agency.CreditCode, AcceptedAt: now,
		VerifyURL: s.PublicURL + "/verify/c/" + code, Files: accepted}
	pdf, err := certificatePDF(data)
	if err != nil {
		return err
	}
	f, err := s.Files.Store(ctx, tx, c.OwnerID, p.UserID, files.PurposeAcceptanceCertificate, "acceptance-"+code+".pdf", "application/pdf", pdf)
	if err != nil {
		return err
	}
	until, err := s.retentionUntil(ctx, tx, now)
	if err != nil {
		return err
	}
	if err := s.Files.Retain(ctx, tx, []int64{f.ID}, until); err != nil {
		return err
	}
	if _, err := tx.NewRaw("INSERT INTO acceptance_certificates (contract_id, code, file_id, issued_at) VALUES (?, ?, ?, ?)",
		c.ID, code, f.ID, now).Exec(ctx); err != nil {
		return fmt.Errorf("record certificate: %w", err)
	}
	shas := make([]string, len(accepted))
	for i, a := range accepted {
		shas[i] = a.SHA256
	}
	if err := s.record(ctx, tx, p, c.ID, "contract.certificate", now,
		map[string]any{"certificate": code, "certificateSha256": f.SHA256, "sha256s": shas}); err != nil {
		return err
	}
	return notifyOrg(ctx, tx, c.AgencyID, c, NoticeContractAccepted, map[string]any{"certificate": code}, now)
}

// acceptedFiles are the files of the contract's accepted submissions.
func acceptedFiles(ctx context.Context, idb bun.IDB, contractID int64) ([]DeliverableFile, error) {
	var ids []int64
	err := idb.NewRaw(`SELECT sf.file_id FROM submission_files sf JOIN submissions sub ON sub.id = sf.submission_id
		WHERE sub.contract_id = ? AND sub.status = 'accepted' ORDER BY sf.file_id`, contractID).Scan(ctx, &ids)
	if err != nil {
		return nil, fmt.Errorf("accepted files: %w", err)
	}
	list, err := files.ByIDs(ctx, idb, ids)
	if err != nil {
		return nil, err
	}
	out := make([]DeliverableFile, len(list))
	for i, f := range list {
		out[i] = DeliverableFile{ID: f.ID, Filename: f.Filename, ContentType: f.ContentType, Size: f.Size, SHA256: f.SHA256, CreatedAt: f.CreatedAt}
	}
	return out, nil
}

// certificateCode is a random code, hard to guess:
// the certificate page is public.
func certificateCode() string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 10)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return "AC-" + string(b)
}
