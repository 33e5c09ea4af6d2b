package contract

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/audit"
	"intermart/internal/authz"
	"intermart/internal/clock"
	"intermart/internal/errs"
)

// PaymentInput is a payment the owner records.
type PaymentInput struct {
	AmountFen int64  `json:"amountFen" minimum:"1"`
	PaidOn    string `json:"paidOn" format:"date"`
	Note      string `json:"note,omitempty" maxLength:"500"`
}

// RecordPayment records a payment of active or completed contract id by
// its owner. Payments never exceed the price.
func (s *Service) RecordPayment(ctx context.Context, p *authz.Principal, id int64, in PaymentInput) (*Payment, error) {
	var out *Payment
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		c, role, now, err := s.actingParty(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if role != RoleOwner {
			return errs.New(errs.Forbidden, "payment_owner_only", "the owner records payments")
		}
		if c.Status != StatusActive && c.Status != StatusCompleted {
			return conflict("contract_not_in_force", "payments are recorded against an active or completed contract")
		}
		var f errs.Fields
		paidOn := parseDate(&f, "body.paidOn", in.PaidOn)
		if !paidOn.IsZero() && paidOn.After(clock.Today(now)) {
			f.Add("body.paidOn", "paid_in_future", "a payment cannot be recorded before it is made")
		}
		if !paidOn.IsZero() && c.SignedOn != nil && paidOn.Before(*c.SignedOn) {
			f.Add("body.paidOn", "paid_before_signing", "a payment cannot precede the contract")
		}
		paid, err := paidFen(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if in.AmountFen <= 0 {
			f.Add("body.amountFen", "amount_positive", "the amount must be positive")
		} else if paid+in.AmountFen > *c.PriceFen {
			f.Add("body.amountFen", "payment_over_price", "the payments would exceed the contract price")
		}
		if err := f.Err(); err != nil {
			return err
		}
		pay := &Payment{ContractID: c.ID, AmountFen: in.AmountFen, PaidOn: paidOn, Note: strings.TrimSpace(in.Note),
			RecordedBy: p.UserID, CreatedAt: now}
		if _, err := tx.NewInsert().Model(pay).Returning("id").Exec(ctx); err != nil {
			return fmt.Errorf("record payment: %w", err)
		}
		if err := s.appendEvent(ctx, tx, audit.Event{Chain: chain(c.ID), At: now, ActorUser: p.UserID, ActorOrg: p.OrgID,
			Action: "contract.payment", After: map[string]any{"paymentId": pay.ID, "amountFen": pay.AmountFen, "paidOn": in.PaidOn,
				"paidFen": paid + pay.AmountFen}}); err != nil {
			return err
		}
		if err := notifyOrg(ctx, tx, c.AgencyID, c, NoticePaymentRecorded, map[string]any{"amountFen": pay.AmountFen}, now); err != nil {
			return err
		}
		out = pay
		return nil
	})
	return out, err
}

// paidFen is the sum of the payments of contract id.
func paidFen(ctx context.Context, idb bun.IDB, id int64) (int64, error) {
	var sum int64
	err := idb.NewSelect().Model((*Payment)(nil)).ColumnExpr("coalesce(sum(amount_fen), 0)").Where("contract_id = ?", id).Scan(ctx, &sum)
	return sum, err
}

// Payments returns the payments of contract id, oldest first.
func Payments(ctx context.Context, idb bun.IDB, id int64) ([]Payment, error) {
	list := []Payment{}
	if err := idb.NewSelect().Model(&list).Where("pay.contract_id = ?", id).Order("pay.paid_on", "pay.id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("payments of contract %d: %w", id, err)
	}
	return list, nil
}

// overdueUnpaid is what of price is still unpaid paymentDays calendar
// days after acceptance, at now; 0 when nothing is overdue.
func overdueUnpaid(price *int64, paid int64, acceptedAt *time.Time, paymentDays int, now time.Time) int64 {
	if price == nil || acceptedAt == nil || now.Before(acceptedAt.AddDate(0, 0, paymentDays)) {
		return 0
	}
	return max(*price-paid, 0)
}
