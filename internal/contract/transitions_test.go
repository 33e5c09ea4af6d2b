package contract_test

import (
	"testing"

	"github.com/uptrace/bun"

	"intermart/internal/contract"
	"intermart/internal/errs"
	"intermart/internal/files"
)

// setState puts contract c into state, as the transitions leave it, with
// no milestones, amendments or payments but for an active contract's
// derived milestone.
func (w *world) setState(c *contract.Contract, state string, doc int64) {
	w.t.Helper()
	for _, q := range []string{"DELETE FROM contract_payments WHERE contract_id = ?", "DELETE FROM contract_amendments WHERE contract_id = ?",
		"DELETE FROM milestones WHERE contract_id = ?"} {
		if _, err := w.db.ExecContext(ctx, q, c.ID); err != nil {
			w.t.Fatal(err)
		}
	}
	_, err := w.db.ExecContext(ctx, `UPDATE contracts SET status = 'awaiting_registration', price_fen = ?, document_file_id = NULL,
		signed_on = NULL, starts_on = NULL, due_on = NULL, registered_by_org = NULL, registered_by = NULL, registered_at = NULL,
		confirmed_by = NULL, confirmed_at = NULL, accepted_at = NULL, completed_at = NULL, terminated_at = NULL, terminated_by = NULL,
		termination_reason = NULL WHERE id = ?`, c.PriceFen, c.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	if state == contract.StatusAwaitingRegistration {
		return
	}
	_, err = w.db.ExecContext(ctx, `UPDATE contracts SET status = ?, price_fen = coalesce(price_fen, ceiling_fen), document_file_id = ?,
		signed_on = '2026-09-23', starts_on = '2026-09-24', due_on = '2026-12-31', registered_by_org = owner_id, registered_at = now(),
		confirmed_at = CASE WHEN ? THEN now() END, accepted_at = CASE WHEN ? THEN now() END, completed_at = CASE WHEN ? THEN now() END,
		terminated_at = CASE WHEN ? THEN now() END, termination_reason = CASE WHEN ? THEN '双方协商一致解除' END WHERE id = ?`,
		state, doc, state != contract.StatusPendingConfirmation, state == contract.StatusCompleted, state == contract.StatusCompleted,
		state == contract.StatusTerminated, state == contract.StatusTerminated, c.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	if state != contract.StatusPendingConfirmation {
		if _, err := w.db.ExecContext(ctx, `INSERT INTO milestones (contract_id, seq, name, workdays, due_on, final)
			VALUES (?, 1, '最终成果', service_workdays_of(?), '2026-12-31', true)`, c.ID, c.ID); err != nil {
			w.t.Fatal(err)
		}
	}
}

// TestLifecycle tries every operation in every state: the allowed
// transitions work, every other is refused with 409 and its reason.
func TestLifecycle(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	c := w.contractOf(false)
	owner, agencyUser := w.userOf(c.OwnerID), w.userOf(c.AgencyID)
	if _, err := w.db.ExecContext(ctx, `CREATE FUNCTION service_workdays_of(bigint) RETURNS int LANGUAGE sql AS
		'SELECT service_workdays FROM contracts WHERE id = $1'`); err != nil {
		t.Fatal(err)
	}
	doc := w.upload(owner, files.PurposeContractDocument, pdf)
	price := *c.PriceFen + *c.PriceFen/50
	ops := []struct {
		name    string
		allowed []string
		reason  string // when refused
		do      func() error
	}{
		{"Register", []string{contract.StatusAwaitingRegistration}, "contract_not_awaiting_registration", func() error {
			_, err := w.svc.Register(ctx, owner, c.ID, contract.ContractRegistration{DocumentFileID: doc, SignedOn: "2026-09-23", StartsOn: "2026-09-24"})
			return err
		}},
		{"Confirm", []string{contract.StatusPendingConfirmation}, "contract_not_pending_confirmation", func() error {
			_, err := w.svc.Confirm(ctx, agencyUser, c.ID)
			return err
		}},
		{"Amend", []string{contract.StatusActive}, "contract_not_active", func() error {
			_, err := w.svc.ProposeAmendment(ctx, agencyUser, c.ID, contract.AmendmentInput{Kind: contract.AmendPrice, Reason: "增加补充调查", NewPriceFen: &price})
			return err
		}},
		{"Milestones", []string{contract.StatusActive}, "contract_not_active", func() error {
			_, err := w.svc.ReplaceMilestones(ctx, owner, c.ID, contract.MilestonePlan{Milestones: []contract.MilestoneInput{
				{Name: "初稿", Workdays: 1}, {Name: "终稿", Workdays: c.ServiceWorkdays}}})
			return err
		}},
		{"Payment", []string{contract.StatusActive, contract.StatusCompleted}, "contract_not_in_force", func() error {
			_, err := w.svc.RecordPayment(ctx, owner, c.ID, contract.PaymentInput{AmountFen: 100, PaidOn: "2026-09-24"})
			return err
		}},
		{"Complete", []string{contract.StatusActive}, "contract_not_active", func() error {
			return w.db.RunInTx(ctx, nil, func(ctx2 ctxT, tx bun.Tx) error {
				got, err := w.svc.Get(ctx2, tx, c.ID)
				if err != nil {
					return err
				}
				return w.svc.Complete(ctx2, tx, got, w.now())
			})
		}},
		{"Terminate", []string{contract.StatusPendingConfirmation, contract.StatusActive}, "", func() error {
			_, err := w.svc.Terminate(ctx, agencyUser, c.ID, contract.ContractTermination{Reason: "业主项目取消"})
			return err
		}},
	}
	states := []string{contract.StatusAwaitingRegistration, contract.StatusPendingConfirmation, contract.StatusActive,
		contract.StatusCompleted, contract.StatusTerminated}
	want := map[string]string{"Register": contract.StatusPendingConfirmation, "Confirm": contract.StatusActive,
		"Complete": contract.StatusCompleted, "Terminate": contract.StatusTerminated}
	for _, state := range states {
		for _, op := range ops {
			t.Run(state+"/"+op.name, func(t *testing.T) {
				w.setState(c, state, doc)
				err := op.do()
				allowed := false
				for _, s := range op.allowed {
					allowed = allowed || s == state
				}
				if !allowed {
					reason := op.reason
					if op.name == "Terminate" {
						reason = map[string]string{contract.StatusAwaitingRegistration: "contract_not_registered"}[state]
						if reason == "" {
							reason = "contract_ended"
						}
					}
					wantReason(t, err, errs.Conflict, reason)
					return
				}
				if err != nil {
					t.Fatalf("got %v, want the transition to work", err)
				}
				got, err := w.svc.Get(ctx, w.db, c.ID)
				if err != nil {
					t.Fatal(err)
				}
				next := state
				if s, ok := want[op.name]; ok {
					next = s
				}
				if got.Status != next {
					t.Fatalf("got status %s, want %s", got.Status, next)
				}
			})
		}
	}
}
