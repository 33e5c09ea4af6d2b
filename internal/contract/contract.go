// Package contract follows an award to its end: the contract registered from
// the award (签约登记) and confirmed by the counterparty, amendments (变更) and
// termination, milestones (履约节点) and payments, deliverables submitted per
// milestone and accepted or returned, final acceptance (验收, 履约结束) with its
// certificate, the two sides' ratings of each other, and the agencies'
// credit scores (信用分).
//
// The package owns the tables of migrations/20261201200000_contract. Stored
// documents are internal/files' records; the award is procurement's.
package contract

import (
	"time"

	"github.com/uptrace/bun"
)

// Contract states (DESIGN.md's lifecycle).
const (
	StatusAwaitingRegistration = "awaiting_registration" // awarded; neither party has registered it yet
	StatusPendingConfirmation  = "pending_confirmation"  // registered by one party; the other confirms
	StatusActive               = "active"                // 签约登记: in force
	StatusCompleted            = "completed"             // 履约结束: finally accepted
	StatusTerminated           = "terminated"            // ended early, with a reason
)

// Amendment kinds and states.
const (
	AmendPrice  = "price"
	AmendPeriod = "period"
	AmendScope  = "scope"

	AmendmentPending   = "pending"
	AmendmentConfirmed = "confirmed"
	AmendmentRejected  = "rejected"
	AmendmentWithdrawn = "withdrawn"
)

// Submission states.
const (
	SubmissionUploading = "uploading"
	SubmissionSubmitted = "submitted"
	SubmissionAccepted  = "accepted"
	SubmissionReturned  = "returned"
)

// Rules are the fulfilment rules the platform administrator keeps.
type Rules struct {
	bun.BaseModel `bun:"table:contract_rules"`

	ID                       bool      `bun:"id,pk" json:"-"`
	PriceIncreaseFlagPercent int       `bun:"price_increase_flag_percent,notnull" json:"priceIncreaseFlagPercent" doc:"An amendment raising the price by more than this percentage is flagged for regulators"`
	PaymentDays              int       `bun:"payment_days,notnull" json:"paymentDays" doc:"Calendar days after acceptance by which the price is to be paid"`
	RatingDays               int       `bun:"rating_days,notnull" json:"ratingDays" doc:"Calendar days after completion during which both sides may rate"`
	RetentionYears           int       `bun:"retention_years,notnull" json:"retentionYears" doc:"Years submitted deliverables are kept under object-lock retention"`
	UpdatedAt                time.Time `bun:"updated_at,notnull" json:"updatedAt"`
	UpdatedBy                *int64    `bun:"updated_by" json:"-"`
}

// Contract is a contract as stored. What each party, a regulator or the
// public sees is a separate type.
type Contract struct {
	bun.BaseModel `bun:"table:contracts,alias:c"`

	ID                int64      `bun:"id,pk,autoincrement"`
	Code              string     `bun:"code,notnull"`
	AnnouncementID    int64      `bun:"announcement_id,notnull"`
	SelectionID       int64      `bun:"selection_id,notnull"`
	OwnerID           int64      `bun:"owner_id,notnull"`
	AgencyID          int64      `bun:"agency_id,notnull"`
	ItemID            int64      `bun:"item_id,notnull"`
	RegionCode        string     `bun:"region_code,notnull"`
	Title             string     `bun:"title,notnull"`
	CeilingFen        int64      `bun:"ceiling_fen,notnull"`
	PriceFen          *int64     `bun:"price_fen"`
	Scope             string     `bun:"scope,notnull"`
	ServiceWorkdays   int        `bun:"service_workdays,notnull"`
	Status            string     `bun:"status,notnull"`
	RegisterBy        time.Time  `bun:"register_by,notnull"`
	LateWarnedAt      *time.Time `bun:"late_warned_at"`
	DocumentFileID    *int64     `bun:"document_file_id"`
	SignedOn          *time.Time `bun:"signed_on,type:date"`
	StartsOn          *time.Time `bun:"starts_on,type:date"`
	DueOn             *time.Time `bun:"due_on,type:date"`
	RegisteredByOrg   *int64     `bun:"registered_by_org"`
	RegisteredBy      *int64     `bun:"registered_by"`
	RegisteredAt      *time.Time `bun:"registered_at"`
	ConfirmedBy       *int64     `bun:"confirmed_by"`
	ConfirmedAt       *time.Time `bun:"confirmed_at"`
	AcceptedAt        *time.Time `bun:"accepted_at"`
	CompletedAt       *time.Time `bun:"completed_at"`
	TerminatedAt      *time.Time `bun:"terminated_at"`
	TerminatedBy      *int64     `bun:"terminated_by"`
	TerminationReason *string    `bun:"termination_reason"`
	CreatedAt         time.Time  `bun:"created_at,notnull"`
	UpdatedAt         time.Time  `bun:"updated_at,notnull"`
}

// Amendment is a proposed change (变更) of price, period or scope.
type Amendment struct {
	bun.BaseModel `bun:"table:contract_amendments,alias:am"`

	ID                 int64      `bun:"id,pk,autoincrement"`
	ContractID         int64      `bun:"contract_id,notnull"`
	Kind               string     `bun:"kind,notnull"`
	Reason             string     `bun:"reason,notnull"`
	OldPriceFen        *int64     `bun:"old_price_fen"`
	NewPriceFen        *int64     `bun:"new_price_fen"`
	OldServiceWorkdays *int       `bun:"old_service_workdays"`
	NewServiceWorkdays *int       `bun:"new_service_workdays"`
	OldScope           *string    `bun:"old_scope"`
	NewScope           *string    `bun:"new_scope"`
	Status             string     `bun:"status,notnull"`
	Flagged            bool       `bun:"flagged,notnull"`
	ProposedByOrg      int64      `bun:"proposed_by_org,notnull"`
	ProposedBy         int64      `bun:"proposed_by,notnull"`
	DecidedBy          *int64     `bun:"decided_by"`
	DecidedAt          *time.Time `bun:"decided_at"`
	DecisionNote       *string    `bun:"decision_note"`
	CreatedAt          time.Time  `bun:"created_at,notnull"`
}

// Milestone is a due point of the work (履约节点).
type Milestone struct {
	bun.BaseModel `bun:"table:milestones,alias:m"`

	ID         int64      `bun:"id,pk,autoincrement"`
	ContractID int64      `bun:"contract_id,notnull"`
	Seq        int        `bun:"seq,notnull"`
	Name       string     `bun:"name,notnull"`
	Workdays   int        `bun:"workdays,notnull"`
	DueOn      time.Time  `bun:"due_on,type:date,notnull"`
	Final      bool       `bun:"final,notnull"`
	AcceptedAt *time.Time `bun:"accepted_at"`
	CreatedAt  time.Time  `bun:"created_at,notnull"`
}

// Payment is a payment the owner recorded.
type Payment struct {
	bun.BaseModel `bun:"table:contract_payments,alias:pay"`

	ID         int64     `bun:"id,pk,autoincrement"`
	ContractID int64     `bun:"contract_id,notnull"`
	AmountFen  int64     `bun:"amount_fen,notnull"`
	PaidOn     time.Time `bun:"paid_on,type:date,notnull"`
	Note       string    `bun:"note,notnull"`
	RecordedBy int64     `bun:"recorded_by,notnull"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
}

// Submission is one version of a milestone's deliverables.
type Submission struct {
	bun.BaseModel `bun:"table:submissions,alias:sub"`

	ID          int64      `bun:"id,pk,autoincrement"`
	ContractID  int64      `bun:"contract_id,notnull"`
	MilestoneID int64      `bun:"milestone_id,notnull"`
	Version     int        `bun:"version,notnull"`
	Status      string     `bun:"status,notnull"`
	Note        string     `bun:"note,notnull"`
	Comments    *string    `bun:"comments"`
	CreatedBy   int64      `bun:"created_by,notnull"`
	CreatedAt   time.Time  `bun:"created_at,notnull"`
	SubmittedAt *time.Time `bun:"submitted_at"`
	DecidedBy   *int64     `bun:"decided_by"`
	DecidedAt   *time.Time `bun:"decided_at"`
}

// AgencyRating is the owner's rating of the agency for one contract.
type AgencyRating struct {
	bun.BaseModel `bun:"table:agency_ratings,alias:ar"`

	ContractID int64     `bun:"contract_id,pk"`
	AgencyID   int64     `bun:"agency_id,notnull"`
	Quality    int       `bun:"quality,notnull"`
	Timeliness int       `bun:"timeliness,notnull"`
	Attitude   int       `bun:"attitude,notnull"`
	Fees       int       `bun:"fees,notnull"`
	Conduct    int       `bun:"conduct,notnull"`
	Comment    string    `bun:"comment,notnull"`
	RatedBy    int64     `bun:"rated_by,notnull"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
}

// OwnerRating is the agency's rating of the owner for one contract.
type OwnerRating struct {
	bun.BaseModel `bun:"table:owner_ratings,alias:owr"`

	ContractID  int64     `bun:"contract_id,pk"`
	OwnerID     int64     `bun:"owner_id,notnull"`
	Clarity     int       `bun:"clarity,notnull"`
	Cooperation int       `bun:"cooperation,notnull"`
	Payment     int       `bun:"payment,notnull"`
	Comment     string    `bun:"comment,notnull"`
	RatedBy     int64     `bun:"rated_by,notnull"`
	CreatedAt   time.Time `bun:"created_at,notnull"`
}

// CreditScore is an agency's credit score in hundredths of a point, with its
// breakdown.
type CreditScore struct {
	bun.BaseModel `bun:"table:credit_scores,alias:cs"`

	AgencyID   int64          `bun:"agency_id,pk"`
	Score      int            `bun:"score,notnull"`
	Breakdown  map[string]any `bun:"breakdown,type:jsonb,notnull"`
	ComputedAt time.Time      `bun:"computed_at,notnull"`
}
