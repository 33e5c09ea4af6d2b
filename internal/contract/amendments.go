package contract

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"intermart/internal/audit"
	"intermart/internal/authz"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/workdays"
)

var errAmendmentNotFound = errs.New(errs.NotFound, "amendment_not_found", "no such amendment")

// AmendmentInput proposes a change (变更) of price, period or scope.
type AmendmentInput struct {
	Kind        string  `json:"kind" enum:"price,period,scope"`
	Reason      string  `json:"reason" minLength:"1" maxLength:"2000"`
	NewPriceFen *int64  `json:"newPriceFen,omitempty" minimum:"1"`
	NewWorkdays *int    `json:"newServiceWorkdays,omitempty" minimum:"1" maximum:"1000"`
	NewScope    *string `json:"newScope,omitempty" maxLength:"5000"`
}

// AmendmentDecision is the counterparty's answer to an amendment.
type AmendmentDecision struct {
	Confirm bool   `json:"confirm" doc:"true confirms the amendment, false rejects it"`
	Note    string `json:"note,omitempty" maxLength:"2000"`
}

// ProposeAmendment proposes a change of active contract id; the
// counterparty confirms or rejects it. A price raised by more than the
// rules' price_increase_flag_percent is flagged for regulators.
func (s *Service) ProposeAmendment(ctx context.Context, p *authz.Principal, id int64, in AmendmentInput) (*Amendment, error) {
	var out *Amendment
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		c, _, now, err := s.actingParty(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if c.Status != StatusActive {
			return conflict("contract_not_active", "only an active contract can be amended")
		}
		rules, err := CurrentRules(ctx, tx)
		if err != nil {
			return err
		}
		a := &Amendment{ContractID: c.ID, Kind: in.Kind, Reason: strings.TrimSpace(in.Reason), Status: AmendmentPending,
			ProposedByOrg: p.OrgID, ProposedBy: p.UserID, CreatedAt: now}
		var f errs.Fields
		if n := len([]rune(a.Reason)); n < 2 {
			f.Add("body.reason", "reason_required", "give the reason in 2 to 2000 characters")
		}
		switch in.Kind {
		case AmendPrice:
			switch {
			case in.NewPriceFen == nil:
				f.Add("body.newPriceFen", "price_required", "give the new price")
			case *in.NewPriceFen == *c.PriceFen:
				f.Add("body.newPriceFen", "amendment_no_change", "the new price is the current one")
			default:
				a.OldPriceFen, a.NewPriceFen = c.PriceFen, in.NewPriceFen
				// increase × 100 > percent × old, in integers.
				a.Flagged = (*in.NewPriceFen-*c.PriceFen)*100 > int64(rules.PriceIncreaseFlagPercent)**c.PriceFen
			}
		case AmendPeriod:
			switch {
			case in.NewWorkdays == nil:
				f.Add("body.newServiceWorkdays", "period_required", "give the new service period")
			case *in.NewWorkdays == c.ServiceWorkdays:
				f.Add("body.newServiceWorkdays", "amendment_no_change", "the new period is the current one")
			default:
				old := c.ServiceWorkdays
				a.OldServiceWorkdays, a.NewServiceWorkdays = &old, in.NewWorkdays
			}
		case AmendScope:
			switch {
			case in.NewScope == nil || strings.TrimSpace(*in.NewScope) == "":
				f.Add("body.newScope", "scope_required", "describe the new scope")
			case strings.TrimSpace(*in.NewScope) == c.Scope:
				f.Add("body.newScope", "amendment_no_change", "the new scope is the current one")
			default:
				old, scope := c.Scope, strings.TrimSpace(*in.NewScope)
				a.OldScope, a.NewScope = &old, &scope
			}
		default:
			f.Add("body.kind", "amendment_kind", "price, period or scope")
		}
		if err := f.Err(); err != nil {
			return err
		}
		_, err = tx.NewInsert().Model(a).Returning("id").Exec(ctx)
		if err := db.Violation(err, "propose amendment", map[string]error{
			"contract_amendments_pending_idx": conflict("amendment_pending", "another amendment awaits the counterparty's decision"),
		}); err != nil {
			return err
		}
		if err := s.appendEvent(ctx, tx, audit.Event{Chain: chain(c.ID), At: now, ActorUser: p.UserID, ActorOrg: p.OrgID,
			Action: "contract.amendment_propose", After: a}); err != nil {
			return err
		}
		extra := map[string]any{"amendmentId": a.ID, "amendmentKind": a.Kind}
		if err := notifyOrg(ctx, tx, c.counterparty(p.OrgID), c, NoticeAmendmentProposed, extra, now); err != nil {
			return err
		}
		if a.Flagged {
			if err := notifyRegulators(ctx, tx, c, NoticeAmendmentProposed, extra, now); err != nil {
				return err
			}
		}
		out = a
		return nil
	})
	return out, err
}

// AmendmentContract returns the contract amendment id belongs to.
func (s *Service) AmendmentContract(ctx context.Context, idb bun.IDB, id int64) (int64, error) {
	return db.Column[int64](ctx, idb, (*Amendment)(nil), "contract_id", id, errAmendmentNotFound)
}

// DecideAmendment is the counterparty's confirmation or rejection of
// pending amendment id; a confirmed amendment changes the contract.
func (s *Service) DecideAmendment(ctx context.Context, p *authz.Principal, id int64, in AmendmentDecision) (*Amendment, error) {
	var out *Amendment
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		cid, err := s.AmendmentContract(ctx, tx, id)
		if err != nil {
			return err
		}
		c, _, now, err := s.actingParty(ctx, tx, p, cid)
		if errs.Is(err, errs.NotFound) {
			return errAmendmentNotFound
		}
		if err != nil {
			return err
		}
		a := new(Amendment)
		if err := tx.NewSelect().Model(a).Where("am.id = ?", id).For("UPDATE").Scan(ctx); err != nil {
			return err
		}
		if a.Status != AmendmentPending {
			return conflict("amendment_not_pending", "the amendment has already been decided")
		}
		if a.ProposedByOrg == p.OrgID {
			return conflict("amendment_own_proposal", "the counterparty decides an amendment, not the party that proposed it")
		}
		if c.Status != StatusActive {
			return conflict("contract_not_active", "only an active contract can be amended")
		}
		status := AmendmentRejected
		if in.Confirm {
			status = AmendmentConfirmed
		}
		note := strings.TrimSpace(in.Note)
		if _, err := tx.NewUpdate().Model((*Amendment)(nil)).Set("status = ?, decided_by = ?, decided_at = ?, decision_note = ?",
			status, p.UserID, now, note).Where("id = ?", a.ID).Exec(ctx); err != nil {
			return err
		}
		if in.Confirm {
			if err := s.applyAmendment(ctx, tx, c, a); err != nil {
				return err
			}
		}
		if err := s.appendEvent(ctx, tx, audit.Event{Chain: chain(c.ID), At: now, ActorUser: p.UserID, ActorOrg: p.OrgID,
			Action: "contract.amendment_decide", Before: map[string]any{"amendmentId": a.ID, "status": a.Status},
			After: map[string]any{"amendmentId": a.ID, "status": status, "note": note}}); err != nil {
			return err
		}
		if err := notifyOrg(ctx, tx, a.ProposedByOrg, c, NoticeAmendmentDecided,
			map[string]any{"amendmentId": a.ID, "amendmentKind": a.Kind, "status": status}, now); err != nil {
			return err
		}
		out = a
		return tx.NewSelect().Model(a).Where("am.id = ?", id).Scan(ctx)
	})
	return out, err
}

// applyAmendment changes contract c as confirmed amendment a says. A new
// period moves the due date and the final milestone with it.
func (s *Service) applyAmendment(ctx context.Context, tx bun.Tx, c *Contract, a *Amendment) error {
	q := tx.NewUpdate().Model((*Contract)(nil)).Where("id = ?", c.ID).Set("updated_at = ?", a.CreatedAt)
	switch a.Kind {
	case AmendPrice:
		q = q.Set("price_fen = ?", *a.NewPriceFen)
	case AmendScope:
		q = q.Set("scope = ?", *a.NewScope)
	case AmendPeriod:
		due, err := workdays.Add(ctx, tx, *c.StartsOn, *a.NewServiceWorkdays)
		if err != nil {
			return err
		}
		q = q.Set("service_workdays = ?, due_on = ?", *a.NewServiceWorkdays, due)
		if _, err := tx.NewUpdate().Model((*Milestone)(nil)).Set("workdays = ?, due_on = ?", *a.NewServiceWorkdays, due).
			Where("contract_id = ? AND final", c.ID).Exec(ctx); err != nil {
			return err
		}
	}
	if _, err := q.Exec(ctx); err != nil {
		return fmt.Errorf("apply amendment %d: %w", a.ID, err)
	}
	return nil
}

// Amendments returns the amendments of contract id, newest first.
func Amendments(ctx context.Context, idb bun.IDB, id int64) ([]Amendment, error) {
	list := []Amendment{}
	if err := idb.NewSelect().Model(&list).Where("am.contract_id = ?", id).Order("am.id DESC").Scan(ctx); err != nil {
		return nil, fmt.Errorf("amendments of contract %d: %w", id, err)
	}
	return list, nil
}
