// Package agency takes an intermediary agency (中介机构) from sign-up to
// competing: its application (入驻) with profile, qualifications,
// practitioners and service listings; the regulators' reviews, kept as
// history; sanctions; qualification expiry; and the public directory.
package agency

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/errs"
	"intermart/internal/files"
)

// Review states of a profile, qualification or listing change.
const (
	StatusDraft     = "draft"
	StatusSubmitted = "submitted"
	StatusApproved  = "approved"
	StatusRejected  = "rejected"
)

// Sanction kinds.
const (
	Suspension = "suspension" // 暂停: until a date
	Blacklist  = "blacklist"  // 黑名单: until a date or for good
)

var (
	errAgencyNotFound        = errs.New(errs.NotFound, "agency_not_found", "no such agency")
	errQualificationNotFound = errs.New(errs.NotFound, "qualification_not_found", "no such qualification")
	errListingNotFound       = errs.New(errs.NotFound, "listing_not_found", "no such listing")
)

// Service is the agency capability.
type Service struct {
	db      *bun.DB
	catalog *catalog.Service
	files   *files.Service
	clock   clock.Clock
	// sanctionHooks run in the transaction that imposes or lifts a sanction.
	sanctionHooks []func(ctx context.Context, idb bun.IDB, orgID int64, now time.Time) error
}

// NewService returns the agency service.
func NewService(d *bun.DB, cat *catalog.Service, f *files.Service, c clock.Clock) *Service {
	return &Service{db: d, catalog: cat, files: f, clock: c}
}

// Profile is the agency's application: who it is.
type Profile struct {
	bun.BaseModel `bun:"table:agency_profiles"`

	OrganisationID      int64      `bun:"organisation_id,pk" json:"organisationId"`
	LegalRepresentative string     `bun:"legal_representative,type:text,notnull" json:"legalRepresentative"`
	Address             string     `bun:"address,type:text,notnull" json:"address"`
	Introduction        string     `bun:"introduction,type:text,notnull" json:"introduction"`
	Status              string     `bun:"status,type:text,notnull" json:"status" enum:"draft,submitted,approved,rejected"`
	SubmittedAt         *time.Time `bun:"submitted_at,type:timestamptz,nullzero" json:"submittedAt,omitempty"`
	DecidedAt           *time.Time `bun:"decided_at,type:timestamptz,nullzero" json:"decidedAt,omitempty"`
	UpdatedAt           time.Time  `bun:"updated_at,type:timestamptz,notnull,default:current_timestamp" json:"updatedAt"`
}

// Qualification is a certificate the agency holds (资质).
type Qualification struct {
	bun.BaseModel `bun:"table:qualifications,alias:q"`

	ID             int64      `bun:"id,pk,autoincrement" json:"id"`
	OrganisationID int64      `bun:"organisation_id,notnull" json:"organisationId"`
	TypeID         int64      `bun:"type_id,notnull" json:"typeId"`
	LevelCode      string     `bun:"level_code,type:text,notnull" json:"levelCode"`
	CertificateNo  string     `bun:"certificate_no,type:text,notnull" json:"certificateNo"`
	Issuer         string     `bun:"issuer,type:text,notnull" json:"issuer"`
	ValidFrom      time.Time  `bun:"valid_from,type:date,notnull" json:"-"`
	ValidTo        time.Time  `bun:"valid_to,type:date,notnull" json:"-"`
	Scope          string     `bun:"scope,type:text,notnull" json:"scope"`
	FileID         int64      `bun:"file_id,notnull" json:"fileId"`
	Status         string     `bun:"status,type:text,notnull" json:"status" enum:"draft,submitted,approved,rejected"`
	ExpiryWarnedAt *time.Time `bun:"expiry_warned_at,type:timestamptz,nullzero" json:"-"`
	CreatedAt      time.Time  `bun:"created_at,type:timestamptz,notnull,default:current_timestamp" json:"createdAt"`
	UpdatedAt      time.Time  `bun:"updated_at,type:timestamptz,notnull,default:current_timestamp" json:"updatedAt"`

	// Filled for display: names from the catalogue and files, expiry by
	// the rule qualification_expired.
	ValidFromDate string `bun:"-" json:"validFrom" format:"date"`
	ValidToDate   string `bun:"-" json:"validTo" format:"date"`
	TypeNameZH    string `bun:"-" json:"typeNameZh"`
	TypeNameEN    string `bun:"-" json:"typeNameEn"`
	LevelNameZH   string `bun:"-" json:"levelNameZh"`
	LevelNameEN   string `bun:"-" json:"levelNameEn"`
	FileName      string `bun:"-" json:"fileName"`
	FileType      string `bun:"-" json:"fileContentType" doc:"The scan's type as recognised at upload: application/pdf, image/jpeg or image/png"`
	Expired       bool   `bun:"expired,scanonly" json:"expired" doc:"Past its valid-to date today (Asia/Shanghai): it no longer counts"`
	// Actions are those the reader may take (see actions.go).
	Actions []string `bun:"-" json:"actions,omitempty" enum:"approve,reject" doc:"What the reader may decide on it now; absent when nothing"`
}

// Practitioner is a qualified person working for the agency (从业人员).
type Practitioner struct {
	bun.BaseModel `bun:"table:practitioners"`

	ID             int64     `bun:"id,pk,autoincrement" json:"id"`
	OrganisationID int64     `bun:"organisation_id,notnull" json:"organisationId"`
	Name           string    `bun:"name,type:text,notnull" json:"name"`
	CertificateNo  string    `bun:"certificate_no,type:text,notnull" json:"certificateNo"`
	IDNumber       string    `bun:"id_number,type:text,notnull" json:"-"`
	IDNumberMasked string    `bun:"-" json:"idNumberMasked" doc:"Resident ID number with all but the first 3 and last 4 characters hidden"`
	CreatedAt      time.Time `bun:"created_at,type:timestamptz,notnull,default:current_timestamp" json:"createdAt"`
}

// Listing offers one catalogue item (服务事项). Approved terms stay public
// while a change waits for review.
type Listing struct {
	bun.BaseModel `bun:"table:listings,alias:l"`

	ID                   int64      `bun:"id,pk,autoincrement" json:"id"`
	OrganisationID       int64      `bun:"organisation_id,notnull" json:"organisationId"`
	ItemID               int64      `bun:"item_id,notnull" json:"itemId"`
	ApprovedFeeReference *string    `bun:"approved_fee_reference,type:text" json:"approvedFeeReference,omitempty"`
	ApprovedCommitment   *string    `bun:"approved_commitment,type:text" json:"approvedCommitment,omitempty"`
	ApprovedAt           *time.Time `bun:"approved_at,type:timestamptz,nullzero" json:"approvedAt,omitempty"`
	PendingFeeReference  *string    `bun:"pending_fee_reference,type:text" json:"pendingFeeReference,omitempty"`
	PendingCommitment    *string    `bun:"pending_commitment,type:text" json:"pendingCommitment,omitempty"`
	PendingStatus        *string    `bun:"pending_status,type:text" json:"pendingStatus,omitempty" enum:"draft,submitted,rejected"`
	PendingSubmittedAt   *time.Time `bun:"pending_submitted_at,type:timestamptz,nullzero" json:"pendingSubmittedAt,omitempty"`
	CreatedAt            time.Time  `bun:"created_at,type:timestamptz,notnull,default:current_timestamp" json:"createdAt"`
	UpdatedAt            time.Time  `bun:"updated_at,type:timestamptz,notnull,default:current_timestamp" json:"updatedAt"`

	// Filled from the catalogue for display.
	ItemCode     string `bun:"-" json:"itemCode"`
	ItemNameZH   string `bun:"-" json:"itemNameZh"`
	ItemNameEN   string `bun:"-" json:"itemNameEn"`
	RegulatorID  int64  `bun:"-" json:"regulatorId"`
	CategoryCode string `bun:"-" json:"categoryCode"`
	// Actions are those the reader may take (see actions.go).
	Actions []string `bun:"-" json:"actions,omitempty" enum:"approve,reject" doc:"What the reader may decide on it now (the regulator in charge of the item, once the agency is approved); absent when nothing"`
}

// ReviewEvent is one submission or decision, kept for good.
type ReviewEvent struct {
	bun.BaseModel `bun:"table:review_events,alias:e"`

	ID             int64     `bun:"id,pk,autoincrement" json:"id"`
	OrganisationID int64     `bun:"organisation_id,notnull" json:"organisationId"`
	Subject        string    `bun:"subject,type:text,notnull" json:"subject" enum:"profile,qualification,listing"`
	SubjectID      int64     `bun:"subject_id,notnull" json:"subjectId"`
	Action         string    `bun:"action,type:text,notnull" json:"action" enum:"submitted,approved,rejected"`
	Reason         string    `bun:"reason,type:text,notnull" json:"reason"`
	ActorID        int64     `bun:"actor_id,notnull" json:"-"`
	Snapshot       any       `bun:"snapshot,type:jsonb,notnull" json:"-"`
	CreatedAt      time.Time `bun:"created_at,type:timestamptz,notnull,default:current_timestamp" json:"createdAt"`

	// Filled from identity for display.
	ActorName string `bun:"-" json:"actorName"`
	ActorOrg  string `bun:"-" json:"actorOrganisation"`
}

// Sanction is a suspension or blacklisting imposed by a regulator (处罚).
// Who imposed it and who lifted it are recorded as the user and their
// organisation at the time; only that organisation or the government service
// bureau lifts it.
type Sanction struct {
	bun.BaseModel `bun:"table:sanctions,alias:s"`

	ID                      int64      `bun:"id,pk,autoincrement" json:"id"`
	OrganisationID          int64      `bun:"organisation_id,notnull" json:"organisationId"`
	Kind                    string     `bun:"kind,type:text,notnull" json:"kind" enum:"suspension,blacklist"`
	Reason                  string     `bun:"reason,type:text,notnull" json:"reason"`
	LegalBasis              string     `bun:"legal_basis,type:text,notnull" json:"legalBasis"`
	StartsAt                time.Time  `bun:"starts_at,type:timestamptz,notnull" json:"startsAt"`
	EndsAt                  *time.Time `bun:"ends_at,type:timestamptz,nullzero" json:"endsAt,omitempty"`
	ImposedBy               int64      `bun:"imposed_by,notnull" json:"-"`
	ImposedByOrganisationID int64      `bun:"imposed_by_organisation_id,notnull" json:"imposedByOrganisationId" doc:"The regulator that imposed it; it (or the government service bureau) may lift it"`
	CreatedAt               time.Time  `bun:"created_at,type:timestamptz,notnull,default:current_timestamp" json:"createdAt"`
	LiftedAt                *time.Time `bun:"lifted_at,type:timestamptz,nullzero" json:"liftedAt,omitempty"`
	LiftedBy                *int64     `bun:"lifted_by" json:"-"`
	LiftedByOrganisationID  *int64     `bun:"lifted_by_organisation_id" json:"liftedByOrganisationId,omitempty"`
	LiftReason              *string    `bun:"lift_reason,type:text" json:"liftReason,omitempty"`

	ImposedByOrg  string  `bun:"-" json:"imposedBy" doc:"Name of the imposing regulator"`
	ImposedByName string  `bun:"-" json:"imposedByName" doc:"The official who imposed it"`
	LiftedByOrg   *string `bun:"-" json:"liftedBy,omitempty" doc:"Name of the regulator that lifted it"`
	LiftedByName  *string `bun:"-" json:"liftedByName,omitempty" doc:"The official who lifted it"`
	InForce       bool    `bun:"in_force,scanonly" json:"inForce" doc:"In force now (not lifted, started, not yet ended)"`
	// Actions are those the reader may take (see actions.go).
	Actions []string `bun:"-" json:"actions,omitempty" enum:"lift" doc:"lift: the reader may lift it early; absent when nothing"`
}

const dateLayout = "2006-01-02"

// MaskIDNumber hides a resident ID number but its first 3 and last 4 characters.
func MaskIDNumber(id string) string {
	if len(id) < 8 {
		return "****"
	}
	masked := []byte(id)
	for i := 3; i < len(masked)-4; i++ {
		masked[i] = '*'
	}
	return string(masked)
}
