package contract

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/files"
	"intermart/internal/identity"
)

// MaxContracts bounds a list of contracts.
const MaxContracts = 500

// ContractView is a contract as its parties and the regulators see it,
// with the caller's role and the actions the caller may take.
type ContractView struct {
	ID                int64      `bun:"id" json:"id"`
	Code              string     `bun:"code" json:"code"`
	AnnouncementID    int64      `bun:"announcement_id" json:"announcementId"`
	SelectionID       int64      `bun:"selection_id" json:"selectionId"`
	RegisteredBy      *int64     `bun:"registered_by" json:"-"`
	ConfirmedBy       *int64     `bun:"confirmed_by" json:"-"`
	TerminatedBy      *int64     `bun:"terminated_by" json:"-"`
	UpdatedAt         time.Time  `bun:"updated_at" json:"updatedAt"`
	OwnerID           int64      `bun:"owner_id" json:"ownerId"`
	OwnerName         string     `bun:"-" json:"ownerName"`
	AgencyID          int64      `bun:"agency_id" json:"agencyId"`
	AgencyName        string     `bun:"-" json:"agencyName"`
	ItemID            int64      `bun:"item_id" json:"itemId"`
	ItemNameZH        string     `bun:"item_name_zh" json:"itemNameZh"`
	ItemNameEN        string     `bun:"item_name_en" json:"itemNameEn"`
	RegionCode        string     `bun:"region_code" json:"regionCode"`
	Title             string     `bun:"title" json:"title"`
	CeilingFen        int64      `bun:"ceiling_fen" json:"ceilingFen"`
	PriceFen          *int64     `bun:"price_fen" json:"priceFen,omitempty" doc:"The deal price; absent before a direct selection's registration"`
	Scope             string     `bun:"scope" json:"scope"`
	ServiceWorkdays   int        `bun:"service_workdays" json:"serviceWorkdays"`
	Status            string     `bun:"status" json:"status" enum:"awaiting_registration,pending_confirmation,active,completed,terminated"`
	RegisterBy        time.Time  `bun:"register_by" json:"registerBy"`
	LateWarnedAt      *time.Time `bun:"late_warned_at" json:"lateWarnedAt,omitempty"`
	DocumentFileID    *int64     `bun:"document_file_id" json:"documentFileId,omitempty"`
	DocumentName      string     `bun:"-" json:"documentName,omitempty"`
	SignedOn          *time.Time `bun:"signed_on" json:"signedOn,omitempty"`
	StartsOn          *time.Time `bun:"starts_on" json:"startsOn,omitempty"`
	DueOn             *time.Time `bun:"due_on" json:"dueOn,omitempty"`
	RegisteredByOrg   *int64     `bun:"registered_by_org" json:"registeredByOrg,omitempty"`
	RegisteredAt      *time.Time `bun:"registered_at" json:"registeredAt,omitempty"`
	ConfirmedAt       *time.Time `bun:"confirmed_at" json:"confirmedAt,omitempty"`
	AcceptedAt        *time.Time `bun:"accepted_at" json:"acceptedAt,omitempty"`
	CompletedAt       *time.Time `bun:"completed_at" json:"completedAt,omitempty"`
	TerminatedAt      *time.Time `bun:"terminated_at" json:"terminatedAt,omitempty"`
	TerminationReason *string    `bun:"termination_reason" json:"terminationReason,omitempty"`
	CreatedAt         time.Time  `bun:"created_at" json:"awardedAt"`
	Flagged           bool       `bun:"flagged" json:"flagged" doc:"An amendment raised the price beyond the rules' percentage"`
	PendingAmendment  bool       `bun:"pending_amendment" json:"pendingAmendment"`
	PaidFen           int64      `bun:"paid_fen" json:"paidFen"`
	OverdueUnpaidFen  int64      `bun:"-" json:"overdueUnpaidFen" doc:"Unpaid payment_days calendar days after acceptance: shown to both sides and flagged for regulators"`
	RegistrationLate  bool       `bun:"-" json:"registrationLate" doc:"Not registered by registerBy"`
	Late              bool       `bun:"-" json:"late" doc:"Past its due date without final acceptance, or accepted after it"`
	Role              string     `bun:"-" json:"role" enum:"owner,agency,regulator"`
	Actions           []string   `bun:"-" json:"actions" doc:"What the caller may do: register, confirm, amend, terminate, editMilestones, recordPayment"`
}

// MilestoneView is a milestone as shown.
type MilestoneView struct {
	ID         int64      `json:"id"`
	Seq        int        `json:"seq"`
	Name       string     `json:"name"`
	Workdays   int        `json:"workdays"`
	DueOn      time.Time  `json:"dueOn"`
	Final      bool       `json:"final"`
	AcceptedAt *time.Time `json:"acceptedAt,omitempty"`
	Late       bool       `json:"late"`
}

// AmendmentView is an amendment as shown.
type AmendmentView struct {
	ID                 int64      `json:"id"`
	Kind               string     `json:"kind" enum:"price,period,scope"`
	Reason             string     `json:"reason"`
	OldPriceFen        *int64     `json:"oldPriceFen,omitempty"`
	NewPriceFen        *int64     `json:"newPriceFen,omitempty"`
	OldServiceWorkdays *int       `json:"oldServiceWorkdays,omitempty"`
	NewServiceWorkdays *int       `json:"newServiceWorkdays,omitempty"`
	OldScope           *string    `json:"oldScope,omitempty"`
	NewScope           *string    `json:"newScope,omitempty"`
	Status             string     `json:"status" enum:"pending,confirmed,rejected,withdrawn"`
	Flagged            bool       `json:"flagged"`
	ProposedByOrg      int64      `json:"proposedByOrg"`
	DecidedAt          *time.Time `json:"decidedAt,omitempty"`
	DecisionNote       *string    `json:"decisionNote,omitempty"`
	CreatedAt          time.Time  `json:"createdAt"`
	MayDecide          bool       `json:"mayDecide" doc:"The caller may confirm or reject it"`
}

// PaymentView is a payment as shown.
type PaymentView struct {
	ID        int64     `json:"id"`
	AmountFen int64     `json:"amountFen"`
	PaidOn    time.Time `json:"paidOn"`
	Note      string    `json:"note"`
	CreatedAt time.Time `json:"createdAt"`
}

// ContractDetail is one contract with its milestones, amendments and
// payments.
type ContractDetail struct {
	ContractView
	Milestones []MilestoneView `json:"milestones"`
	Amendments []AmendmentView `json:"amendments"`
	Payments   []PaymentView   `json:"payments"`
}

// ContractFilter narrows a list of contracts.
type ContractFilter struct {
	Status   string `query:"status" enum:"awaiting_registration,pending_confirmation,active,completed,terminated"`
	Region   string `query:"region" maxLength:"12"`
	OwnerID  int64  `query:"ownerId"`
	AgencyID int64  `query:"agencyId"`
	ItemID   int64  `query:"itemId"`
	Flagged  bool   `query:"flagged" doc:"Only contracts with a flagged amendment"`
	Late     bool   `query:"late" doc:"Only contracts late in registration or fulfilment"`
	Query    string `query:"q" maxLength:"100" doc:"Part of the code or title"`
	Todo     string `query:"todo" enum:"register,confirm,amendment" doc:"Only those waiting for the caller's party: to register, to confirm, an amendment to decide"`
}

// query selects the contracts visible to p, with the figures a view shows.
func (s *Service) query(idb bun.IDB, p *authz.Principal, now time.Time) *bun.SelectQuery {
	q := idb.NewSelect().TableExpr("contracts AS c").ColumnExpr("c.*").
		ColumnExpr("it.name_zh AS item_name_zh, it.name_en AS item_name_en").
		ColumnExpr("EXISTS (SELECT 1 FROM contract_amendments am WHERE am.contract_id = c.id AND am.flagged AND am.status <> 'withdrawn') AS flagged").
		ColumnExpr("EXISTS (SELECT 1 FROM contract_amendments am WHERE am.contract_id = c.id AND am.status = 'pending') AS pending_amendment").
		ColumnExpr("coalesce((SELECT sum(amount_fen) FROM contract_payments pay WHERE pay.contract_id = c.id), 0) AS paid_fen").
		Join("LEFT JOIN (?) AS it ON it.id = c.item_id", catalog.ItemNamesQuery(idb))
	switch {
	case p == nil:
		q = q.Where("false")
	case p.OrgKind == identity.KindRegulator:
	case p.OrgKind == identity.KindOwner:
		q = q.Where("c.owner_id = ?", p.OrgID)
	case p.OrgKind == identity.KindAgency:
		q = q.Where("c.agency_id = ?", p.OrgID)
	default:
		q = q.Where("false")
	}
	return q
}

// lateExpr is true for a contract late by now: not registered by its
// deadline, or past its due date without acceptance, or accepted after it.
const lateExpr = `((c.status IN (?1, ?2) AND c.register_by <= ?0)
	OR (c.status = ?3 AND c.due_on < (?0 AT TIME ZONE 'Asia/Shanghai')::date)
	OR (c.accepted_at IS NOT NULL AND (c.accepted_at AT TIME ZONE 'Asia/Shanghai')::date > c.due_on))`

// List returns the contracts p may see, newest first.
func (s *Service) List(ctx context.Context, p *authz.Principal, f ContractFilter) ([]ContractView, error) {
	return s.list(ctx, p, f, MaxContracts)
}

// list is List with up to limit contracts.
func (s *Service) list(ctx context.Context, p *authz.Principal, f ContractFilter, limit int) ([]ContractView, error) {
	now, err := s.Clock.Now(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	list := []ContractView{}
	q := s.query(s.DB, p, now).OrderExpr("c.id DESC").Limit(int64(limit))
	if f.Status != "" {
		q = q.Where("c.status = ?", f.Status)
	}
	if f.Region != "" {
		q = q.Where("c.region_code = ?", f.Region)
	}
	if f.OwnerID > 0 {
		q = q.Where("c.owner_id = ?", f.OwnerID)
	}
	if f.AgencyID > 0 {
		q = q.Where("c.agency_id = ?", f.AgencyID)
	}
	if f.ItemID > 0 {
		q = q.Where("c.item_id = ?", f.ItemID)
	}
	if f.Flagged {
		q = q.Where("EXISTS (SELECT 1 FROM contract_amendments am WHERE am.contract_id = c.id AND am.flagged AND am.status <> 'withdrawn')")
	}
	if f.Late {
		q = q.Where(lateExpr, now, StatusAwaitingRegistration, StatusPendingConfirmation, StatusActive)
	}
	switch f.Todo {
	case "register":
		q = q.Where("c.status = ?", StatusAwaitingRegistration)
	case "confirm":
		q = q.Where("c.status = ? AND c.registered_by_org <> ?", StatusPendingConfirmation, orgOf(p))
	case "amendment":
		q = q.Where("c.status = ? AND EXISTS (SELECT 1 FROM contract_amendments am WHERE am.contract_id = c.id AND am.status = ? AND am.proposed_by_org <> ?)",
			StatusActive, AmendmentPending, orgOf(p))
	}
	if f.Todo != "" && (p == nil || (p.OrgKind != identity.KindOwner && p.OrgKind != identity.KindAgency)) {
		q = q.Where("false")
	}
	if f.Query != "" {
		like := "%" + f.Query + "%"
		q = q.Where("(c.code ILIKE ? OR c.title ILIKE ?)", like, like)
	}
	if err := q.Scan(ctx, &list); err != nil {
		return nil, fmt.Errorf("list contracts: %w", err)
	}
	return list, s.complete(ctx, s.DB, p, list, now)
}

// complete fills in names, figures and the caller's actions.
func (s *Service) complete(ctx context.Context, idb bun.IDB, p *authz.Principal, list []ContractView, now time.Time) error {
	ids := []int64{}
	var docs []int64
	for _, c := range list {
		ids = append(ids, c.OwnerID, c.AgencyID)
		if c.DocumentFileID != nil {
			docs = append(docs, *c.DocumentFileID)
		}
	}
	names, err := identity.OrganisationNames(ctx, idb, ids)
	if err != nil {
		return err
	}
	sums, err := files.Summaries(ctx, idb, docs)
	if err != nil {
		return err
	}
	rules, err := CurrentRules(ctx, idb)
	if err != nil {
		return err
	}
	today := clock.Today(now)
	for i := range list {
		c := &list[i]
		c.OwnerName, c.AgencyName = names[c.OwnerID], names[c.AgencyID]
		if c.DocumentFileID != nil {
			c.DocumentName = sums[*c.DocumentFileID].Filename
		}
		c.OverdueUnpaidFen = overdueUnpaid(c.PriceFen, c.PaidFen, c.AcceptedAt, rules.PaymentDays, now)
		c.RegistrationLate = (c.Status == StatusAwaitingRegistration || c.Status == StatusPendingConfirmation) && !now.Before(c.RegisterBy)
		c.Late = c.RegistrationLate || (c.Status == StatusActive && c.DueOn != nil && c.DueOn.Before(today)) ||
			(c.AcceptedAt != nil && c.DueOn != nil && clock.Today(*c.AcceptedAt).After(*c.DueOn))
		c.Role = roleOf(p, &Contract{OwnerID: c.OwnerID, AgencyID: c.AgencyID})
		c.Actions = actions(ctx, p, c)
	}
	return nil
}

// actions lists what p may do on c, by the same rules the operations
// enforce (state and party) and the policy (authz.May).
func actions(ctx context.Context, p *authz.Principal, c *ContractView) []string {
	out := []string{}
	if c.Role != RoleOwner && c.Role != RoleAgency {
		return out
	}
	may := func(op string) bool { return authz.May(ctx, op, p.OrgID) }
	switch c.Status {
	case StatusAwaitingRegistration:
		if may("contract.register") {
			out = append(out, "register")
		}
	case StatusPendingConfirmation:
		if c.RegisteredByOrg != nil && *c.RegisteredByOrg != p.OrgID && may("contract.confirm") {
			out = append(out, "confirm")
		}
	case StatusActive:
		if !c.PendingAmendment && may("contract.proposeAmendment") {
			out = append(out, "amend")
		}
		if c.Role == RoleOwner && may("contract.replaceMilestones") {
			out = append(out, "editMilestones")
		}
	}
	if c.Role == RoleOwner && (c.Status == StatusActive || c.Status == StatusCompleted) && c.PaidFen < deref(c.PriceFen) &&
		may("contract.recordPayment") {
		out = append(out, "recordPayment")
	}
	if (c.Status == StatusPendingConfirmation || c.Status == StatusActive) && may("contract.terminate") {
		out = append(out, "terminate")
	}
	return out
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// Detail returns contract id as p sees it, with its milestones,
// amendments and payments; errs.NotFound for anyone but its parties and the
// regulators.
func (s *Service) Detail(ctx context.Context, p *authz.Principal, id int64) (*ContractDetail, error) {
	if _, _, err := s.Party(ctx, s.DB, p, id); err != nil {
		return nil, err
	}
	now, err := s.Clock.Now(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	list := []ContractView{}
	if err := s.query(s.DB, p, now).Where("c.id = ?", id).Scan(ctx, &list); err != nil {
		return nil, fmt.Errorf("contract %d: %w", id, err)
	}
	if len(list) == 0 {
		return nil, errContractNotFound
	}
	if err := s.complete(ctx, s.DB, p, list, now); err != nil {
		return nil, err
	}
	d := &ContractDetail{ContractView: list[0], Milestones: []MilestoneView{}, Amendments: []AmendmentView{}, Payments: []PaymentView{}}
	ms, err := Milestones(ctx, s.DB, id)
	if err != nil {
		return nil, err
	}
	today := clock.Today(now)
	for _, m := range ms {
		late := (m.AcceptedAt == nil && m.DueOn.Before(today)) || (m.AcceptedAt != nil && clock.Today(*m.AcceptedAt).After(m.DueOn))
		d.Milestones = append(d.Milestones, MilestoneView{ID: m.ID, Seq: m.Seq, Name: m.Name, Workdays: m.Workdays, DueOn: m.DueOn,
			Final: m.Final, AcceptedAt: m.AcceptedAt, Late: late && d.Status != StatusTerminated})
	}
	ams, err := Amendments(ctx, s.DB, id)
	if err != nil {
		return nil, err
	}
	for _, a := range ams {
		d.Amendments = append(d.Amendments, AmendmentView{ID: a.ID, Kind: a.Kind, Reason: a.Reason, OldPriceFen: a.OldPriceFen,
			NewPriceFen: a.NewPriceFen, OldServiceWorkdays: a.OldServiceWorkdays, NewServiceWorkdays: a.NewServiceWorkdays,
			OldScope: a.OldScope, NewScope: a.NewScope, Status: a.Status, Flagged: a.Flagged, ProposedByOrg: a.ProposedByOrg,
			DecidedAt: a.DecidedAt, DecisionNote: a.DecisionNote, CreatedAt: a.CreatedAt,
			MayDecide: a.Status == AmendmentPending && d.Status == StatusActive && (d.Role == RoleOwner || d.Role == RoleAgency) &&
				a.ProposedByOrg != p.OrgID && authz.May(ctx, "contract.decideAmendment", p.OrgID)})
	}
	pays, err := Payments(ctx, s.DB, id)
	if err != nil {
		return nil, err
	}
	for _, x := range pays {
		d.Payments = append(d.Payments, PaymentView{ID: x.ID, AmountFen: x.AmountFen, PaidOn: x.PaidOn, Note: x.Note, CreatedAt: x.CreatedAt})
	}
	return d, nil
}

func orgOf(p *authz.Principal) int64 {
	if p == nil {
		return 0
	}
	return p.OrgID
}

// TodoCounts are the contract queues of the caller's to-do board: each
// equals the length of List with Todo set to register, confirm and
// amendment.
func (s *Service) TodoCounts(ctx context.Context, p *authz.Principal) (register, confirm, amendment int, err error) {
	for _, x := range []struct {
		todo string
		n    *int
	}{{"register", &register}, {"confirm", &confirm}, {"amendment", &amendment}} {
		list, err := s.List(ctx, p, ContractFilter{Todo: x.todo})
		if err != nil {
			return 0, 0, 0, err
		}
		*x.n = len(list)
	}
	return register, confirm, amendment, nil
}
