// Package procurement is the heart of the marketplace: an owner's investment
// projects and the intermediary services each will need (投资项目库); the
// announcements that procure them, round after round; registration by
// eligible agencies with sealed quotes (报名); closing at the deadline and
// selection by the announced method (直接选取, 随机抽取, 竞价选取, 综合评审);
// publicity (公示) with objections (质疑); and the award.
//
// The package owns the tables of migrations/20261201000000_procurement. It
// asks the catalogue for items and their requirements, and the agency
// package whether an agency is eligible, inside its own transactions.
package procurement

import (
	"time"

	"github.com/uptrace/bun"
)

// Announcement states (DESIGN.md's lifecycle).
const (
	StatusDraft       = "draft"
	StatusOpen        = "open"         // published, registration open until the deadline
	StatusClosed      = "closed"       // registration closed; selection under way
	StatusFailed      = "failed"       // 流标: too few eligible registrants, or no valid selection
	StatusInPublicity = "in_publicity" // 公示: a selection is publicised, objections heard
	StatusAwarded     = "awarded"      // the selection stands
	StatusCancelled   = "cancelled"    // by the owner, with a reason, before the deadline
)

// Selection methods (选取方式).
const (
	MethodDirect        = "direct"        // 直接选取: the owner chooses, with a written reason
	MethodRandom        = "random"        // 随机抽取: a verifiable draw; the stated price is paid
	MethodLowest        = "lowest"        // 竞价选取: the lowest valid sealed quote
	MethodComprehensive = "comprehensive" // 综合评审: the highest weighted score
)

// Project stages.
const (
	StagePlanning     = "planning"
	StageApproval     = "approval"
	StageDesign       = "design"
	StageConstruction = "construction"
	StageCompleted    = "completed"
)

// Registration states.
const (
	RegistrationActive    = "registered"
	RegistrationWithdrawn = "withdrawn"
)

// Selection states.
const (
	SelectionInPublicity = "in_publicity"
	SelectionVoided      = "voided"
	SelectionAwarded     = "awarded"
)

// Objection states.
const (
	ObjectionPending   = "pending"
	ObjectionUpheld    = "upheld"
	ObjectionDismissed = "dismissed"
)

// UsesQuotes reports whether a method asks registrants for a sealed quote.
func UsesQuotes(method string) bool {
	return method == MethodLowest || method == MethodComprehensive
}

// Rules are the marketplace rules the platform administrator keeps
// (DESIGN.md's defaults). Durations are working days; money is fen.
type Rules struct {
	bun.BaseModel `bun:"table:procurement_rules"`

	ID                       bool      `bun:"id,pk" json:"-"`
	DirectLimitFen           int64     `bun:"direct_limit_fen,notnull" json:"directLimitFen" doc:"Direct selection only when the ceiling is below this"`
	MaxCeilingFen            int64     `bun:"max_ceiling_fen,notnull" json:"maxCeilingFen" doc:"The largest ceiling price an announcement may state"`
	MinRegistrants           int       `bun:"min_registrants,notnull" json:"minRegistrants" doc:"Eligible registrants needed by the draw, lowest-price and comprehensive methods"`
	MinRegistrantsDirect     int       `bun:"min_registrants_direct,notnull" json:"minRegistrantsDirect"`
	RegistrationWorkdays     int       `bun:"registration_workdays,notnull" json:"registrationWorkdays" doc:"Registration stays open at least this many working days"`
	DirectChoiceWorkdays     int       `bun:"direct_choice_workdays,notnull" json:"directChoiceWorkdays" doc:"Working days the owner has to choose, after registration closes, in direct selection"`
	PublicityWorkdays        int       `bun:"publicity_workdays,notnull" json:"publicityWorkdays"`
	ObjectionAnswerWorkdays  int       `bun:"objection_answer_workdays,notnull" json:"objectionAnswerWorkdays"`
	ComplaintAnswerWorkdays  int       `bun:"complaint_answer_workdays,notnull" json:"complaintAnswerWorkdays"`
	ContractRegisterWorkdays int       `bun:"contract_register_workdays,notnull" json:"contractRegisterWorkdays"`
	AbnormalLowPercent       int       `bun:"abnormal_low_percent,notnull" json:"abnormalLowPercent" doc:"A quote below this percentage of the ceiling needs a written justification"`
	UpdatedAt                time.Time `bun:"updated_at,notnull" json:"updatedAt"`
	UpdatedBy                *int64    `bun:"updated_by" json:"-"`
}

// Project is an owner's investment project (投资项目).
type Project struct {
	bun.BaseModel `bun:"table:projects,alias:p"`

	ID                 int64     `bun:"id,pk,autoincrement"`
	OwnerID            int64     `bun:"owner_id,notnull"`
	Code               string    `bun:"code,notnull"`
	Name               string    `bun:"name,notnull"`
	RegionCode         string    `bun:"region_code,notnull"`
	TotalInvestmentFen int64     `bun:"total_investment_fen,notnull"`
	Stage              string    `bun:"stage,notnull"`
	CreatedAt          time.Time `bun:"created_at,notnull"`
	UpdatedAt          time.Time `bun:"updated_at,notnull"`
}

// ProjectService is an intermediary service a project will need (预备服务项目).
type ProjectService struct {
	bun.BaseModel `bun:"table:project_services,alias:ps"`

	ID          int64      `bun:"id,pk,autoincrement"`
	ProjectID   int64      `bun:"project_id,notnull"`
	ItemID      int64      `bun:"item_id,notnull"`
	PlannedDate *time.Time `bun:"planned_date,type:date"`
	Note        string     `bun:"note,notnull"`
	CreatedAt   time.Time  `bun:"created_at,notnull"`
}

// Announcement is one round of procurement of a planned service, as stored.
// What is shown (to the public, the owner, an agency) is a separate type.
type Announcement struct {
	bun.BaseModel `bun:"table:announcements,alias:a"`

	ID                       int64      `bun:"id,pk,autoincrement"`
	OwnerID                  int64      `bun:"owner_id,notnull"`
	ProjectID                int64      `bun:"project_id,notnull"`
	ProjectServiceID         int64      `bun:"project_service_id,notnull"`
	ItemID                   int64      `bun:"item_id,notnull"`
	RegionCode               string     `bun:"region_code,notnull"`
	Round                    int        `bun:"round,notnull"`
	PreviousID               *int64     `bun:"previous_id"`
	Code                     *string    `bun:"code"`
	OCID                     *string    `bun:"ocid"`
	Title                    string     `bun:"title,notnull"`
	Description              string     `bun:"description,notnull"`
	PractitionerRequirements string     `bun:"practitioner_requirements,notnull"`
	CeilingFen               int64      `bun:"ceiling_fen,notnull"`
	StatedPriceFen           *int64     `bun:"stated_price_fen"`
	Method                   string     `bun:"method,notnull"`
	WeightPrice              *int       `bun:"weight_price"`
	WeightCredit             *int       `bun:"weight_credit"`
	WeightRating             *int       `bun:"weight_rating"`
	ServiceWorkdays          int        `bun:"service_workdays,notnull"`
	RegistrationDeadline     *time.Time `bun:"registration_deadline"`
	Status                   string     `bun:"status,notnull"`
	DrawCommitment           []byte     `bun:"draw_commitment"`
	DrawSecretSealed         []byte     `bun:"draw_secret_sealed"`
	RegistrantCount          int        `bun:"registrant_count,notnull"`
	PublishedAt              *time.Time `bun:"published_at"`
	ClosedAt                 *time.Time `bun:"closed_at"`
	ChooseBy                 *time.Time `bun:"choose_by"`
	CancelledAt              *time.Time `bun:"cancelled_at"`
	CancelReason             *string    `bun:"cancel_reason"`
	FailedAt                 *time.Time `bun:"failed_at"`
	FailReason               *string    `bun:"fail_reason"`
	AwardedAt                *time.Time `bun:"awarded_at"`
	SuspendedAt              *time.Time `bun:"suspended_at"` // by a regulator, while a complaint is reviewed
	CreatedBy                int64      `bun:"created_by,notnull"`
	CreatedAt                time.Time  `bun:"created_at,notnull"`
	UpdatedAt                time.Time  `bun:"updated_at,notnull"`
}

// Registration is an agency's registration (报名) for an announcement, as
// stored. Before the deadline only the sealed quote exists.
type Registration struct {
	bun.BaseModel `bun:"table:registrations,alias:r"`

	ID                  int64      `bun:"id,pk,autoincrement"`
	AnnouncementID      int64      `bun:"announcement_id,notnull"`
	AgencyID            int64      `bun:"agency_id,notnull"`
	RegisteredBy        int64      `bun:"registered_by,notnull"`
	Status              string     `bun:"status,notnull"`
	QuoteSealed         []byte     `bun:"quote_sealed"`
	JustificationSealed []byte     `bun:"justification_sealed"`
	QuoteFen            *int64     `bun:"quote_fen"`
	Justification       *string    `bun:"justification"`
	Eligible            *bool      `bun:"eligible"`
	IneligibleReason    *string    `bun:"ineligible_reason"`
	Score               *int       `bun:"score"`
	Rank                *int       `bun:"rank"`
	CreatedAt           time.Time  `bun:"created_at,notnull"`
	UpdatedAt           time.Time  `bun:"updated_at,notnull"`
	WithdrawnAt         *time.Time `bun:"withdrawn_at"`
}

// Selection is the choice of a winner, publicised until PublicityEndsAt.
type Selection struct {
	bun.BaseModel `bun:"table:selections,alias:sel"`

	ID              int64      `bun:"id,pk,autoincrement"`
	AnnouncementID  int64      `bun:"announcement_id,notnull"`
	Seq             int        `bun:"seq,notnull"`
	Method          string     `bun:"method,notnull"`
	WinnerID        int64      `bun:"winner_id,notnull"`
	DealPriceFen    *int64     `bun:"deal_price_fen"`
	Reason          *string    `bun:"reason"`
	DrawSecret      []byte     `bun:"draw_secret"`
	DrawCandidates  []string   `bun:"draw_candidates,type:jsonb"`
	DrawOrder       []string   `bun:"draw_order,type:jsonb"`
	Status          string     `bun:"status,notnull"`
	SelectedBy      *int64     `bun:"selected_by"`
	SelectedAt      time.Time  `bun:"selected_at,notnull"`
	PublicityEndsAt time.Time  `bun:"publicity_ends_at,notnull"`
	VoidedAt        *time.Time `bun:"voided_at"`
}

// Objection is a registrant's objection (质疑) to a selection in publicity.
type Objection struct {
	bun.BaseModel `bun:"table:objections,alias:o"`

	ID             int64      `bun:"id,pk,autoincrement"`
	SelectionID    int64      `bun:"selection_id,notnull"`
	RegistrationID int64      `bun:"registration_id,notnull"`
	Grounds        string     `bun:"grounds,notnull"`
	Status         string     `bun:"status,notnull"`
	Answer         *string    `bun:"answer"`
	AnswerBy       time.Time  `bun:"answer_by,notnull"`
	AnsweredAt     *time.Time `bun:"answered_at"`
	AnsweredBy     *int64     `bun:"answered_by"`
	CreatedAt      time.Time  `bun:"created_at,notnull"`
}
