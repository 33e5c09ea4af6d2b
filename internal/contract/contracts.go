package contract

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/agency"
	"intermart/internal/audit"
	"intermart/internal/authz"
	"intermart/internal/clock"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/files"
	"intermart/internal/identity"
	"intermart/internal/procurement"
	"intermart/internal/workdays"
)

// The caller's role on a contract (Party).
const (
	RoleOwner     = "owner"
	RoleAgency    = "agency"
	RoleRegulator = "regulator"
)

// PurposeContractDocument is the files purpose of a signed contract document.
const PurposeContractDocument = files.PurposeContractDocument

var (
	errContractNotFound = errs.New(errs.NotFound, "contract_not_found", "no such contract")
	errNotParty         = errs.New(errs.Forbidden, "contract_not_party", "only the owner or the agency of the contract may do this")
)

// conflict is a transition the contract's state refuses (409).
func conflict(reason, message string) error { return errs.New(errs.Conflict, reason, message) }

// chain is the audit chain of contract id.
func chain(id int64) string { return audit.Chain("contract", id) }

// Notices (agency.Notification kinds) about contracts.
const (
	NoticeAwaitingRegistration = "contract_awaiting_registration"
	NoticeRegistered           = "contract_registered"
	NoticeActive               = "contract_active"
	NoticeRegistrationLate     = "contract_registration_late"
	NoticeAmendmentProposed    = "contract_amendment_proposed"
	NoticeAmendmentDecided     = "contract_amendment_decided"
	NoticeTerminated           = "contract_terminated"
	NoticeMilestonesChanged    = "contract_milestones_changed"
	NoticePaymentRecorded      = "contract_payment_recorded"
)

// FromAward creates the contract of an award, awaiting registration, in the
// award's transaction (procurement.Service.OnAwarded): prefilled with the
// parties, the item, the price (none yet for a direct selection: agreed at
// registration) and the committed service period; due for registration
// contract_register_workdays working days after the award.
func (s *Service) FromAward(ctx context.Context, idb bun.IDB, aw procurement.Award) error {
	registerBy, err := workdays.DeadlineAfter(ctx, idb, aw.AwardedAt, aw.RegisterWorkdays)
	if err != nil {
		return err
	}
	c := &Contract{Code: fmt.Sprintf("HT-%d-%06d", aw.AwardedAt.In(clock.Shanghai).Year(), aw.SelectionID),
		AnnouncementID: aw.AnnouncementID, SelectionID: aw.SelectionID, OwnerID: aw.OwnerID, AgencyID: aw.AgencyID,
		ItemID: aw.ItemID, RegionCode: aw.RegionCode, Title: aw.Title, CeilingFen: aw.CeilingFen, PriceFen: aw.DealPriceFen,
		Scope: truncate(aw.Description, 5000), ServiceWorkdays: aw.ServiceWorkdays, Status: StatusAwaitingRegistration,
		RegisterBy: registerBy, CreatedAt: aw.AwardedAt, UpdatedAt: aw.AwardedAt}
	if _, err := idb.NewInsert().Model(c).Column("code", "announcement_id", "selection_id", "owner_id", "agency_id", "item_id",
		"region_code", "title", "ceiling_fen", "price_fen", "scope", "service_workdays", "status", "register_by",
		"created_at", "updated_at").Returning("id").Exec(ctx); err != nil {
		return fmt.Errorf("contract of selection %d: %w", aw.SelectionID, err)
	}
	if err := s.appendEvent(ctx, idb, audit.Event{Chain: chain(c.ID), At: aw.AwardedAt, Action: "contract.create",
		After: map[string]any{"status": c.Status, "selectionId": c.SelectionID, "priceFen": c.PriceFen, "registerBy": registerBy}}); err != nil {
		return err
	}
	return s.notifyParties(ctx, idb, c, NoticeAwaitingRegistration, map[string]any{"registerBy": registerBy}, aw.AwardedAt)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

// notifyParties tells both parties of contract c.
func (s *Service) notifyParties(ctx context.Context, idb bun.IDB, c *Contract, kind string, extra map[string]any, now time.Time) error {
	for _, org := range []int64{c.OwnerID, c.AgencyID} {
		if err := agency.Notify(ctx, idb, org, kind, params(c, extra), now); err != nil {
			return err
		}
	}
	return nil
}

// notifyOrg tells one organisation about contract c.
func notifyOrg(ctx context.Context, idb bun.IDB, org int64, c *Contract, kind string, extra map[string]any, now time.Time) error {
	return agency.Notify(ctx, idb, org, kind, params(c, extra), now)
}

// notifyRegulators tells every regulator about contract c.
func notifyRegulators(ctx context.Context, idb bun.IDB, c *Contract, kind string, extra map[string]any, now time.Time) error {
	regs, err := identity.Organisations(ctx, idb, identity.OrganisationFilter{Kind: identity.KindRegulator, Status: identity.StatusActive})
	if err != nil {
		return err
	}
	for _, r := range regs {
		if err := agency.Notify(ctx, idb, r.ID, kind, params(c, extra), now); err != nil {
			return err
		}
	}
	return nil
}

func params(c *Contract, extra map[string]any) map[string]any {
	p := map[string]any{"contractId": c.ID, "code": c.Code, "title": c.Title}
	for k, v := range extra {
		p[k] = v
	}
	return p
}

// Get returns contract id as stored.
func (s *Service) Get(ctx context.Context, idb bun.IDB, id int64) (*Contract, error) {
	c := new(Contract)
	err := idb.NewSelect().Model(c).Where("c.id = ?", id).Scan(ctx)
	if err := db.One(err, fmt.Sprintf("get contract %d", id), errContractNotFound); err != nil {
		return nil, err
	}
	return c, nil
}

// lock returns contract id locked for update.
func (s *Service) lock(ctx context.Context, tx bun.Tx, id int64) (*Contract, error) {
	c := new(Contract)
	err := tx.NewSelect().Model(c).Where("c.id = ?", id).For("UPDATE").Scan(ctx)
	if err := db.One(err, fmt.Sprintf("lock contract %d", id), errContractNotFound); err != nil {
		return nil, err
	}
	return c, nil
}

// Party returns contract id with the caller's role on it: "owner" or
// "agency" for the parties' users, "regulator" for regulators (who read
// every contract). Anyone else gets errs.NotFound, as for a missing
// contract.
func (s *Service) Party(ctx context.Context, idb bun.IDB, p *authz.Principal, id int64) (*Contract, string, error) {
	c, err := s.Get(ctx, idb, id)
	if err != nil {
		return nil, "", err
	}
	role := roleOf(p, c)
	if role == "" {
		return nil, "", errContractNotFound
	}
	return c, role, nil
}

func roleOf(p *authz.Principal, c *Contract) string {
	switch {
	case p == nil:
		return ""
	case p.OrgKind == identity.KindRegulator:
		return RoleRegulator
	case p.OrgID == c.OwnerID && p.OrgKind == identity.KindOwner:
		return RoleOwner
	case p.OrgID == c.AgencyID && p.OrgKind == identity.KindAgency:
		return RoleAgency
	}
	return ""
}

// counterparty is the organisation on the other side from org.
func (c *Contract) counterparty(org int64) int64 {
	if org == c.OwnerID {
		return c.AgencyID
	}
	return c.OwnerID
}

// Complete moves the active contract c to completed (履约结束) at now, in
// the caller's transaction: final acceptance calls it.
func (s *Service) Complete(ctx context.Context, tx bun.IDB, c *Contract, now time.Time) error {
	if c.Status != StatusActive {
		return conflict("contract_not_active", "only an active contract can be completed")
	}
	res, err := tx.NewUpdate().Model((*Contract)(nil)).
		Set("status = ?, completed_at = ?, accepted_at = coalesce(accepted_at, ?), updated_at = ?", StatusCompleted, now, now, now).
		Where("id = ? AND status = ?", c.ID, StatusActive).Exec(ctx)
	if err != nil {
		return fmt.Errorf("complete contract %d: %w", c.ID, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return conflict("contract_not_active", "only an active contract can be completed")
	}
	if err := s.appendEvent(ctx, tx, audit.Event{Chain: chain(c.ID), At: now, Action: "contract.complete",
		Before: map[string]any{"status": c.Status}, After: map[string]any{"status": StatusCompleted}}); err != nil {
		return err
	}
	c.Status, c.CompletedAt = StatusCompleted, &now
	if c.AcceptedAt == nil {
		c.AcceptedAt = &now
	}
	// Completion on time or late changes the agency's credit score.
	_, err = RecomputeCredit(ctx, tx, c.AgencyID, now)
	return err
}

// ContractRegistration is what the registering party enters (签约登记).
type ContractRegistration struct {
	PriceFen       *int64 `json:"priceFen,omitempty" minimum:"1" doc:"The agreed price, for a direct selection (at most the ceiling); otherwise the deal price, which may be left out"`
	DocumentFileID int64  `json:"documentFileId" minimum:"1" doc:"The signed contract, a PDF the caller's organisation uploaded with purpose contract_document"`
	SignedOn       string `json:"signedOn" format:"date" doc:"The date the contract was signed"`
	StartsOn       string `json:"startsOn" format:"date" doc:"The first day of the service period; the due date is the committed working days after it"`
}

// parseDate reads a date (Shanghai calendar day) as midnight UTC.
func parseDate(f *errs.Fields, field, s string) time.Time {
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		f.Add(field, "date_invalid", "a date like 2026-10-08")
	}
	return d
}

// Register registers contract id for the caller's party: the price (for
// a direct selection), the signed document, the signing and start dates;
// the counterparty then confirms.
func (s *Service) Register(ctx context.Context, p *authz.Principal, id int64, in ContractRegistration) (*Contract, error) {
	var out *Contract
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		c, role, err := s.partyLocked(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if role == RoleRegulator {
			return errNotParty
		}
		if c.Status != StatusAwaitingRegistration {
			return conflict("contract_not_awaiting_registration", "the contract is not awaiting registration")
		}
		now, err := s.Clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		var f errs.Fields
		price := c.PriceFen
		switch {
		case c.PriceFen == nil && in.PriceFen == nil:
			f.Add("body.priceFen", "price_required", "a direct selection's price is agreed at registration")
		case c.PriceFen == nil && *in.PriceFen > c.CeilingFen:
			f.Add("body.priceFen", "price_over_ceiling", "the price may not exceed the announcement's ceiling")
		case c.PriceFen == nil:
			price = in.PriceFen
		case in.PriceFen != nil && *in.PriceFen != *c.PriceFen:
			f.Add("body.priceFen", "price_fixed", "the deal price was set by the selection; change it by an amendment")
		}
		signed := parseDate(&f, "body.signedOn", in.SignedOn)
		starts := parseDate(&f, "body.startsOn", in.StartsOn)
		today := clock.Today(now)
		if !signed.IsZero() && signed.After(today) {
			f.Add("body.signedOn", "signed_in_future", "the contract cannot be signed after today")
		}
		if !signed.IsZero() && !starts.IsZero() && starts.Before(signed) {
			f.Add("body.startsOn", "start_before_signing", "the service cannot start before the contract is signed")
		}
		if in.DocumentFileID > 0 {
			doc, err := files.Owned(ctx, tx, p.OrgID, in.DocumentFileID)
			switch {
			case errs.Is(err, errs.NotFound):
				f.Add("body.documentFileId", "document_not_found", "no such file of your organisation")
			case err != nil:
				return err
			case doc.Purpose != files.PurposeContractDocument:
				f.Add("body.documentFileId", "document_purpose", "upload the contract with purpose contract_document")
			case doc.ContentType != "application/pdf":
				f.Add("body.documentFileId", "document_not_pdf", "the contract document must be a PDF")
			}
		} else {
			f.Add("body.documentFileId", "document_required", "upload the signed contract")
		}
		if err := f.Err(); err != nil {
			return err
		}
		due, err := workdays.Add(ctx, tx, starts, c.ServiceWorkdays)
		if err != nil {
			return err
		}
		_, err = tx.NewUpdate().Model((*Contract)(nil)).
			Set("status = ?, price_fen = ?, document_file_id = ?, signed_on = ?, starts_on = ?, due_on = ?", StatusPendingConfirmation, price, in.DocumentFileID, signed, starts, due).
			Set("registered_by_org = ?, registered_by = ?, registered_at = ?, updated_at = ?", p.OrgID, p.UserID, now, now).
			Where("id = ?", c.ID).Exec(ctx)
		if err != nil {
			return fmt.Errorf("register contract %d: %w", c.ID, err)
		}
		if err := s.appendEvent(ctx, tx, audit.Event{Chain: chain(c.ID), At: now, ActorUser: p.UserID, ActorOrg: p.OrgID,
			Action: "contract.register", Before: map[string]any{"status": c.Status},
			After: map[string]any{"status": StatusPendingConfirmation, "priceFen": price, "documentFileId": in.DocumentFileID,
				"signedOn": in.SignedOn, "startsOn": in.StartsOn, "dueOn": due.Format(time.DateOnly)}}); err != nil {
			return err
		}
		if err := notifyOrg(ctx, tx, c.counterparty(p.OrgID), c, NoticeRegistered, nil, now); err != nil {
			return err
		}
		out, err = s.Get(ctx, tx, c.ID)
		return err
	})
	return out, err
}

// partyLocked is Party on the locked contract.
func (s *Service) partyLocked(ctx context.Context, tx bun.Tx, p *authz.Principal, id int64) (*Contract, string, error) {
	c, err := s.lock(ctx, tx, id)
	if err != nil {
		return nil, "", err
	}
	role := roleOf(p, c)
	if role == "" {
		return nil, "", errContractNotFound
	}
	return c, role, nil
}

// actingParty is partyLocked for the parties alone: regulators read but
// never act.
func (s *Service) actingParty(ctx context.Context, tx bun.Tx, p *authz.Principal, id int64) (*Contract, string, time.Time, error) {
	c, role, err := s.partyLocked(ctx, tx, p, id)
	if err != nil {
		return nil, "", time.Time{}, err
	}
	if role == RoleRegulator {
		return nil, "", time.Time{}, errNotParty
	}
	now, err := s.Clock.Now(ctx, tx)
	return c, role, now, err
}

// Confirm is the counterparty's confirmation of the registration: the
// contract becomes active (签约登记) and its milestones are derived.
func (s *Service) Confirm(ctx context.Context, p *authz.Principal, id int64) (*Contract, error) {
	var out *Contract
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		c, _, now, err := s.actingParty(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if c.Status != StatusPendingConfirmation {
			return conflict("contract_not_pending_confirmation", "the contract is not awaiting confirmation")
		}
		if c.RegisteredByOrg != nil && *c.RegisteredByOrg == p.OrgID {
			return conflict("contract_confirm_own_registration", "the counterparty confirms the registration, not the party that registered it")
		}
		if _, err := tx.NewUpdate().Model((*Contract)(nil)).Set("status = ?, confirmed_by = ?, confirmed_at = ?, updated_at = ?",
			StatusActive, p.UserID, now, now).Where("id = ?", c.ID).Exec(ctx); err != nil {
			return fmt.Errorf("confirm contract %d: %w", c.ID, err)
		}
		if err := s.appendEvent(ctx, tx, audit.Event{Chain: chain(c.ID), At: now, ActorUser: p.UserID, ActorOrg: p.OrgID,
			Action: "contract.confirm", Before: map[string]any{"status": c.Status}, After: map[string]any{"status": StatusActive}}); err != nil {
			return err
		}
		if err := deriveMilestones(ctx, tx, c, now); err != nil {
			return err
		}
		if err := s.notifyParties(ctx, tx, c, NoticeActive, nil, now); err != nil {
			return err
		}
		out, err = s.Get(ctx, tx, c.ID)
		return err
	})
	return out, err
}

// ContractTermination is a party's ending of the contract, with its reason.
type ContractTermination struct {
	Reason string `json:"reason" minLength:"1" maxLength:"2000" doc:"Why the contract ends early"`
}

// Terminate ends a registered (pending or active) contract early, with a reason; the
// counterparty and the regulators are told.
func (s *Service) Terminate(ctx context.Context, p *authz.Principal, id int64, in ContractTermination) (*Contract, error) {
	var out *Contract
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		c, _, now, err := s.actingParty(ctx, tx, p, id)
		if err != nil {
			return err
		}
		reason := strings.TrimSpace(in.Reason)
		if n := len([]rune(reason)); n < 2 || n > 2000 {
			return errs.Field("body.reason", "reason_required", "give the reason in 2 to 2000 characters")
		}
		if c.Status == StatusCompleted || c.Status == StatusTerminated {
			return conflict("contract_ended", "the contract has already ended")
		}
		if c.Status == StatusAwaitingRegistration {
			return conflict("contract_not_registered", "a contract is terminated once registered; before that, let registration lapse and tell the regulators")
		}
		if _, err := tx.NewUpdate().Model((*Contract)(nil)).Set("status = ?, terminated_at = ?, terminated_by = ?, termination_reason = ?, updated_at = ?",
			StatusTerminated, now, p.UserID, reason, now).Where("id = ?", c.ID).Exec(ctx); err != nil {
			return fmt.Errorf("terminate contract %d: %w", c.ID, err)
		}
		if _, err := tx.NewUpdate().Model((*Amendment)(nil)).Set("status = ?, decided_at = ?", AmendmentWithdrawn, now).
			Where("contract_id = ? AND status = ?", c.ID, AmendmentPending).Exec(ctx); err != nil {
			return err
		}
		if err := s.appendEvent(ctx, tx, audit.Event{Chain: chain(c.ID), At: now, ActorUser: p.UserID, ActorOrg: p.OrgID,
			Action: "contract.terminate", Before: map[string]any{"status": c.Status},
			After: map[string]any{"status": StatusTerminated, "reason": reason}}); err != nil {
			return err
		}
		extra := map[string]any{"reason": reason}
		if err := notifyOrg(ctx, tx, c.counterparty(p.OrgID), c, NoticeTerminated, extra, now); err != nil {
			return err
		}
		if err := notifyRegulators(ctx, tx, c, NoticeTerminated, extra, now); err != nil {
			return err
		}
		out, err = s.Get(ctx, tx, c.ID)
		return err
	})
	return out, err
}

// CurrentRules returns the fulfilment rules in the caller's transaction.
func CurrentRules(ctx context.Context, idb bun.IDB) (*Rules, error) {
	r := new(Rules)
	if err := idb.NewSelect().Model(r).Limit(1).Scan(ctx); err != nil {
		return nil, fmt.Errorf("contract rules: %w", err)
	}
	return r, nil
}
