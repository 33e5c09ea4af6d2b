package agency

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// SeedApplication is an agency's application in the demonstration data,
// in the state it has reached, with what that state implies: its profile
// and the decision on it, qualifications, listings (each approved one
// with the approval on record), practitioners and sanctions.
type SeedApplication struct {
	OrganisationID int64
	AgentID        int64 // the agency's user who submitted it

	LegalRepresentative, Address, Introduction string
	Status                                     string // of the profile
	SubmittedAt                                time.Time
	Decision                                   *SeedDecision // nil while under review

	Qualifications []SeedQualification
	Listings       []SeedListing
	Practitioners  []SeedPractitioner
	Sanctions      []SeedSanction
}

// SeedDecision is a reviewer's decision on the profile.
type SeedDecision struct {
	Action, Reason string // approved or rejected
	ActorID        int64
	At             time.Time
}

// SeedQualification is a certificate the agency holds.
type SeedQualification struct {
	TypeID                   int64
	LevelCode, CertificateNo string
	Issuer, Scope, Status    string
	ValidFrom, ValidTo       time.Time
	FileID                   int64
}

// SeedListing is an item the agency offers: approved terms (ApprovedAt set,
// approved by ApprovedBy) and/or a change waiting (PendingStatus set).
type SeedListing struct {
	ItemID                                       int64
	ApprovedFee, ApprovedCommitment              string
	ApprovedAt                                   *time.Time
	ApprovedBy                                   int64
	PendingFee, PendingCommitment, PendingStatus string
	PendingSubmittedAt                           *time.Time
}

// SeedPractitioner is a person working for the agency.
type SeedPractitioner struct{ Name, CertificateNo, IDNumber string }

// SeedSanction is a suspension or blacklisting, with who imposed it.
type SeedSanction struct {
	Kind, Reason, LegalBasis           string
	StartsAt                           time.Time
	EndsAt                             *time.Time
	ImposedBy, ImposedByOrganisationID int64
}

// SeededProfiles returns the organisations that have an application
// already, so seeding leaves them alone.
func SeededProfiles(ctx context.Context, idb bun.IDB) (map[int64]bool, error) {
	var ids []int64
	if err := idb.NewSelect().Model((*Profile)(nil)).Column("organisation_id").Scan(ctx, &ids); err != nil {
		return nil, fmt.Errorf("demo profiles: %w", err)
	}
	have := make(map[int64]bool, len(ids))
	for _, id := range ids {
		have[id] = true
	}
	return have, nil
}

// SeedApplications stores the applications in the caller's transaction.
func SeedApplications(ctx context.Context, idb bun.IDB, apps []SeedApplication) error {
	for _, a := range apps {
		if err := seedApplication(ctx, idb, a); err != nil {
			return fmt.Errorf("demo application of organisation %d: %w", a.OrganisationID, err)
		}
	}
	return nil
}

func seedApplication(ctx context.Context, idb bun.IDB, a SeedApplication) error {
	var decidedAt *time.Time
	if a.Decision != nil {
		decidedAt = &a.Decision.At
	}
	_, err := idb.NewRaw(`INSERT INTO agency_profiles (organisation_id, legal_representative, address, introduction, status, submitted_at, decided_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, a.OrganisationID, a.LegalRepresentative, a.Address, a.Introduction, a.Status, a.SubmittedAt, decidedAt).Exec(ctx)
	if err != nil {
		return err
	}
	for _, q := range a.Qualifications {
		_, err := idb.NewRaw(`INSERT INTO qualifications (organisation_id, type_id, level_code, certificate_no, issuer, valid_from, valid_to, scope, file_id, status)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.OrganisationID, q.TypeID, q.LevelCode, q.CertificateNo, q.Issuer,
			q.ValidFrom.Format(time.DateOnly), q.ValidTo.Format(time.DateOnly), q.Scope, q.FileID, q.Status).Exec(ctx)
		if err != nil {
			return err
		}
	}
	for _, l := range a.Listings {
		var id int64
		err := idb.NewRaw(`INSERT INTO listings (organisation_id, item_id, approved_fee_reference, approved_commitment, approved_at,
			pending_fee_reference, pending_commitment, pending_status, pending_submitted_at)
			VALUES (?, ?, nullif(?, ''), nullif(?, ''), ?, nullif(?, ''), nullif(?, ''), nullif(?, ''), ?) RETURNING id`,
			a.OrganisationID, l.ItemID, l.ApprovedFee, l.ApprovedCommitment, l.ApprovedAt,
			l.PendingFee, l.PendingCommitment, l.PendingStatus, l.PendingSubmittedAt).Scan(ctx, &id)
		if err != nil {
			return err
		}
		if l.ApprovedAt != nil {
			if err := seedEvent(ctx, idb, a.OrganisationID, "listing", id, "approved", "", l.ApprovedBy, *l.ApprovedAt); err != nil {
				return err
			}
		}
	}
	for _, p := range a.Practitioners {
		_, err := idb.NewRaw(`INSERT INTO practitioners (organisation_id, name, certificate_no, id_number) VALUES (?, ?, ?, ?)`,
			a.OrganisationID, p.Name, p.CertificateNo, p.IDNumber).Exec(ctx)
		if err != nil {
			return err
		}
	}
	if err := seedEvent(ctx, idb, a.OrganisationID, "profile", a.OrganisationID, "submitted", "", a.AgentID, a.SubmittedAt); err != nil {
		return err
	}
	if d := a.Decision; d != nil {
		if err := seedEvent(ctx, idb, a.OrganisationID, "profile", a.OrganisationID, d.Action, d.Reason, d.ActorID, d.At); err != nil {
			return err
		}
	}
	for _, s := range a.Sanctions {
		sn := &Sanction{OrganisationID: a.OrganisationID, Kind: s.Kind, Reason: s.Reason, LegalBasis: s.LegalBasis, EndsAt: s.EndsAt}
		err := idb.NewRaw(`INSERT INTO sanctions (organisation_id, kind, reason, legal_basis, starts_at, ends_at, imposed_by, imposed_by_organisation_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, a.OrganisationID, s.Kind, s.Reason, s.LegalBasis, s.StartsAt, s.EndsAt,
			s.ImposedBy, s.ImposedByOrganisationID).Scan(ctx, &sn.ID)
		if err != nil {
			return err
		}
		// The agency was told when it was sanctioned, as Impose tells it.
		if err := notify(ctx, idb, a.OrganisationID, NoticeSanctionImposed, sanctionParams(sn, ""), s.StartsAt); err != nil {
			return err
		}
	}
	return nil
}

func seedEvent(ctx context.Context, idb bun.IDB, orgID int64, subject string, subjectID int64, action, reason string, actor int64, at time.Time) error {
	_, err := idb.NewRaw(`INSERT INTO review_events (organisation_id, subject, subject_id, action, reason, actor_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, orgID, subject, subjectID, action, reason, actor, at).Exec(ctx)
	return err
}
