package agency

import (
	"context"
	"time"

	"intermart/internal/clock"
)

// What the public reads of an agency. These types are built from the
// stored ones and hold only what was approved for publication: a field
// added to a stored model never becomes public by accident.

// AgencyPage is an agency's public page: only what was approved.
type AgencyPage struct {
	ID                  int64                 `json:"id"`
	Name                string                `json:"name"`
	CreditCode          string                `json:"creditCode"`
	RegionCode          string                `json:"regionCode"`
	LegalRepresentative string                `json:"legalRepresentative"`
	Address             string                `json:"address"`
	Introduction        string                `json:"introduction"`
	ContactPhone        string                `json:"contactPhone"`
	Qualifications      []PublicQualification `json:"qualifications"`
	Listings            []PublicListing       `json:"listings"`
	Sanctions           []PublicSanction      `json:"sanctions"`
}

// PublicQualification is an approved certificate as the public sees it:
// without its scan.
type PublicQualification struct {
	ID            int64  `json:"id"`
	TypeID        int64  `json:"typeId"`
	TypeNameZH    string `json:"typeNameZh"`
	TypeNameEN    string `json:"typeNameEn"`
	LevelCode     string `json:"levelCode"`
	LevelNameZH   string `json:"levelNameZh"`
	LevelNameEN   string `json:"levelNameEn"`
	CertificateNo string `json:"certificateNo"`
	Issuer        string `json:"issuer"`
	ValidFrom     string `json:"validFrom" format:"date"`
	ValidTo       string `json:"validTo" format:"date"`
	Scope         string `json:"scope"`
	Expired       bool   `json:"expired" doc:"Past its valid-to date today (Asia/Shanghai): it no longer counts"`
}

func publicQualification(q *Qualification) PublicQualification {
	return PublicQualification{ID: q.ID, TypeID: q.TypeID, TypeNameZH: q.TypeNameZH, TypeNameEN: q.TypeNameEN,
		LevelCode: q.LevelCode, LevelNameZH: q.LevelNameZH, LevelNameEN: q.LevelNameEN, CertificateNo: q.CertificateNo,
		Issuer: q.Issuer, ValidFrom: q.ValidFromDate, ValidTo: q.ValidToDate, Scope: q.Scope, Expired: q.Expired}
}

// PublicListing is an approved listing's approved terms: a change under
// review is not shown.
type PublicListing struct {
	ID           int64     `json:"id"`
	ItemID       int64     `json:"itemId"`
	ItemCode     string    `json:"itemCode"`
	ItemNameZH   string    `json:"itemNameZh"`
	ItemNameEN   string    `json:"itemNameEn"`
	CategoryCode string    `json:"categoryCode"`
	FeeReference string    `json:"feeReference" doc:"How the agency prices the service (收费参考), as approved"`
	Commitment   string    `json:"commitment" doc:"Service commitment (服务承诺), as approved"`
	ApprovedAt   time.Time `json:"approvedAt"`
}

// publicListing returns the public view of l, and false when l was never
// approved.
func publicListing(l *Listing) (PublicListing, bool) {
	if l.ApprovedAt == nil || l.ApprovedFeeReference == nil || l.ApprovedCommitment == nil {
		return PublicListing{}, false
	}
	return PublicListing{ID: l.ID, ItemID: l.ItemID, ItemCode: l.ItemCode, ItemNameZH: l.ItemNameZH, ItemNameEN: l.ItemNameEN,
		CategoryCode: l.CategoryCode, FeeReference: *l.ApprovedFeeReference, Commitment: *l.ApprovedCommitment,
		ApprovedAt: *l.ApprovedAt}, true
}

// PublicSanction is a sanction as the public sees it.
type PublicSanction struct {
	ID         int64      `json:"id"`
	Kind       string     `json:"kind" enum:"suspension,blacklist"`
	Reason     string     `json:"reason"`
	LegalBasis string     `json:"legalBasis"`
	StartsAt   time.Time  `json:"startsAt"`
	EndsAt     *time.Time `json:"endsAt,omitempty"`
	LiftedAt   *time.Time `json:"liftedAt,omitempty"`
	ImposedBy  string     `json:"imposedBy" doc:"The imposing regulator"`
	LiftedBy   *string    `json:"liftedBy,omitempty" doc:"The regulator that lifted it early"`
	InForce    bool       `json:"inForce" doc:"In force now (not lifted, started, not yet ended)"`
}

func publicSanction(s *Sanction) PublicSanction {
	return PublicSanction{ID: s.ID, Kind: s.Kind, Reason: s.Reason, LegalBasis: s.LegalBasis, StartsAt: s.StartsAt,
		EndsAt: s.EndsAt, LiftedAt: s.LiftedAt, ImposedBy: s.ImposedByOrg, LiftedBy: s.LiftedByOrg, InForce: s.InForce}
}

// PublicPage returns an approved agency's public page.
func (s *Service) PublicPage(ctx context.Context, orgID int64) (*AgencyPage, error) {
	org, err := s.organisation(ctx, s.db, orgID)
	if err != nil {
		return nil, err
	}
	if !org.Admitted() {
		return nil, errAgencyNotFound
	}
	now, err := s.clock.Now(ctx, s.db)
	if err != nil {
		return nil, err
	}
	p, err := s.readProfile(ctx, orgID)
	if err != nil {
		return nil, err
	}
	page := &AgencyPage{ID: org.ID, Name: org.Name, CreditCode: org.CreditCode, RegionCode: org.RegionCode,
		LegalRepresentative: p.LegalRepresentative, Address: p.Address, Introduction: p.Introduction, ContactPhone: org.ContactPhone,
		Qualifications: []PublicQualification{}, Listings: []PublicListing{}, Sanctions: []PublicSanction{}}
	quals, err := s.qualifications(ctx, s.db, orgID, clock.Today(now), true)
	if err != nil {
		return nil, err
	}
	for i := range quals {
		page.Qualifications = append(page.Qualifications, publicQualification(&quals[i]))
	}
	listings, err := s.listings(ctx, s.db, orgID)
	if err != nil {
		return nil, err
	}
	for i := range listings {
		if l, ok := publicListing(&listings[i]); ok {
			page.Listings = append(page.Listings, l)
		}
	}
	sanctions, err := s.sanctions(ctx, orgID, now)
	if err != nil {
		return nil, err
	}
	for i := range sanctions {
		page.Sanctions = append(page.Sanctions, publicSanction(&sanctions[i]))
	}
	return page, nil
}
