package contract_test

import (
	"testing"
	"time"

	"intermart/internal/authz"
	"intermart/internal/contract"
	"intermart/internal/demo"
	"intermart/internal/errs"
	"intermart/internal/files"
)

func (w *world) regulator() *authz.Principal {
	w.t.Helper()
	return w.userOf(w.id("SELECT organisation_id FROM users WHERE username = 'reg.zwfw'"))
}

func (w *world) otherOwner(c *contract.Contract) *authz.Principal {
	w.t.Helper()
	return w.userOf(w.id("SELECT min(id) FROM organisations WHERE kind = 'owner' AND id <> ?", c.OwnerID))
}

func (w *world) otherAgency(c *contract.Contract) *authz.Principal {
	w.t.Helper()
	return w.userOf(w.id("SELECT min(id) FROM organisations WHERE kind = 'agency' AND status = 'active' AND id <> ?", c.AgencyID))
}

func TestRegistration(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	c := w.contractOf(false)
	owner, agencyUser := w.userOf(c.OwnerID), w.userOf(c.AgencyID)

	t.Run("ErrOtherOwnerNotFound", func(t *testing.T) {
		other := w.otherOwner(c)
		_, err := w.svc.Register(ctx, other, c.ID, w.registration(other))
		wantReason(t, err, errs.NotFound, "contract_not_found")
		if _, err := w.svc.Detail(ctx, other, c.ID); !errs.Is(err, errs.NotFound) {
			t.Fatalf("another owner reads the contract: %v", err)
		}
	})
	t.Run("ErrOtherAgencyNotFound", func(t *testing.T) {
		other := w.otherAgency(c)
		_, err := w.svc.Confirm(ctx, other, c.ID)
		wantReason(t, err, errs.NotFound, "contract_not_found")
	})
	t.Run("ErrRegulatorReadsButCannotAct", func(t *testing.T) {
		reg := w.regulator()
		if _, err := w.svc.Detail(ctx, reg, c.ID); err != nil {
			t.Fatalf("a regulator cannot read the contract: %v", err)
		}
		_, err := w.svc.Register(ctx, reg, c.ID, contract.ContractRegistration{DocumentFileID: 1, SignedOn: "2026-09-23", StartsOn: "2026-09-24"})
		wantReason(t, err, errs.Forbidden, "contract_not_party")
	})
	t.Run("ErrFileOfAnotherOrganisation", func(t *testing.T) {
		in := w.registration(agencyUser) // the agency's file
		_, err := w.svc.Register(ctx, owner, c.ID, in)
		wantReason(t, err, errs.Invalid, "document_not_found")
	})
	t.Run("ErrWrongPurpose", func(t *testing.T) {
		in := w.registration(owner)
		in.DocumentFileID = w.upload(owner, files.PurposeAnnouncementAttachment, pdf)
		_, err := w.svc.Register(ctx, owner, c.ID, in)
		wantReason(t, err, errs.Invalid, "document_purpose")
	})
	t.Run("ErrNotPDF", func(t *testing.T) {
		png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
		_, err := w.files.Upload(ctx, owner, files.PurposeContractDocument, "contract.png", stringsReader(png), int64(len(png)))
		wantReason(t, err, errs.Invalid, "file_type_pdf")
	})
	t.Run("ErrPriceFixed", func(t *testing.T) {
		in := w.registration(owner)
		other := *c.PriceFen - 1
		in.PriceFen = &other
		_, err := w.svc.Register(ctx, owner, c.ID, in)
		wantReason(t, err, errs.Invalid, "price_fixed")
	})
	t.Run("ErrStartBeforeSigning", func(t *testing.T) {
		in := w.registration(owner)
		in.SignedOn, in.StartsOn = "2026-09-23", "2026-09-22"
		_, err := w.svc.Register(ctx, owner, c.ID, in)
		wantReason(t, err, errs.Invalid, "start_before_signing")
	})
	t.Run("ErrSignedInFuture", func(t *testing.T) {
		in := w.registration(owner)
		in.SignedOn, in.StartsOn = "2026-09-25", "2026-09-28"
		_, err := w.svc.Register(ctx, owner, c.ID, in)
		wantReason(t, err, errs.Invalid, "signed_in_future")
	})
	t.Run("OKThenConfirmedByTheCounterparty", func(t *testing.T) {
		got, err := w.svc.Register(ctx, agencyUser, c.ID, w.registration(agencyUser))
		if err != nil {
			t.Fatal(err)
		}
		// 10 working days after Thursday 24 September, across the
		// Mid-Autumn and National Day holidays, is a date in October.
		if got.Status != contract.StatusPendingConfirmation || got.DueOn == nil || !got.DueOn.After(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("got %s due %v", got.Status, got.DueOn)
		}
		if n := w.notices(c.OwnerID, contract.NoticeRegistered); n != 1 {
			t.Fatalf("the owner got %d registration notices, want 1", n)
		}
		_, err = w.svc.Confirm(ctx, agencyUser, c.ID)
		wantReason(t, err, errs.Conflict, "contract_confirm_own_registration")
		got, err = w.svc.Confirm(ctx, owner, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != contract.StatusActive {
			t.Fatalf("got %s, want active", got.Status)
		}
		ms, err := contract.Milestones(ctx, w.db, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || !ms[len(ms)-1].Final || ms[len(ms)-1].Workdays != c.ServiceWorkdays || !ms[len(ms)-1].DueOn.Equal(*got.DueOn) {
			t.Fatalf("got milestones %+v, want the last final at the due date %v", ms, got.DueOn)
		}
		if n := w.id("SELECT count(*) FROM audit_events WHERE chain = ?", "contract:"+itoa(c.ID)); n < 3 {
			t.Fatalf("got %d audit events, want creation, registration and confirmation", n)
		}
	})
}

func TestDirectSelectionPrice(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	var id int64
	if err := w.db.NewRaw("SELECT coalesce(min(id), 0) FROM contracts WHERE price_fen IS NULL").Scan(ctx, &id); err != nil {
		t.Fatal(err)
	}
	if id == 0 {
		t.Skip("the demo awarded no direct selection")
	}
	c := w.contractOf(true)
	owner := w.userOf(c.OwnerID)
	in := w.registration(owner)
	_, err := w.svc.Register(ctx, owner, c.ID, in)
	wantReason(t, err, errs.Invalid, "price_required")
	over := c.CeilingFen + 1
	in.PriceFen = &over
	_, err = w.svc.Register(ctx, owner, c.ID, in)
	wantReason(t, err, errs.Invalid, "price_over_ceiling")
	ok := c.CeilingFen
	in.PriceFen = &ok
	got, err := w.svc.Register(ctx, owner, c.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if got.PriceFen == nil || *got.PriceFen != c.CeilingFen {
		t.Fatalf("got price %v, want the ceiling", got.PriceFen)
	}
}

func TestAmendments(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	c := w.contractOf(false)
	owner, agencyUser := w.active(c)
	price := *c.PriceFen
	ten := price + price/10 // exactly 10 %: not flagged
	more := price + price/10 + 1

	t.Run("ErrNoReason", func(t *testing.T) {
		_, err := w.svc.ProposeAmendment(ctx, agencyUser, c.ID, contract.AmendmentInput{Kind: contract.AmendPrice, Reason: " ", NewPriceFen: &ten})
		wantReason(t, err, errs.Invalid, "reason_required")
	})
	t.Run("ErrNoChange", func(t *testing.T) {
		_, err := w.svc.ProposeAmendment(ctx, agencyUser, c.ID, contract.AmendmentInput{Kind: contract.AmendPrice, Reason: "调整", NewPriceFen: &price})
		wantReason(t, err, errs.Invalid, "amendment_no_change")
	})
	t.Run("ErrRegulator", func(t *testing.T) {
		_, err := w.svc.ProposeAmendment(ctx, w.regulator(), c.ID, contract.AmendmentInput{Kind: contract.AmendPrice, Reason: "调整", NewPriceFen: &ten})
		wantReason(t, err, errs.Forbidden, "contract_not_party")
	})
	t.Run("TenPercentNotFlaggedThenRejected", func(t *testing.T) {
		a, err := w.svc.ProposeAmendment(ctx, agencyUser, c.ID, contract.AmendmentInput{Kind: contract.AmendPrice, Reason: "增加补充调查点位", NewPriceFen: &ten})
		if err != nil {
			t.Fatal(err)
		}
		if a.Flagged {
			t.Fatal("a 10 % increase is flagged")
		}
		_, err = w.svc.ProposeAmendment(ctx, owner, c.ID, contract.AmendmentInput{Kind: contract.AmendScope, Reason: "范围调整", NewScope: ptr("新的范围")})
		wantReason(t, err, errs.Conflict, "amendment_pending")
		_, err = w.svc.DecideAmendment(ctx, agencyUser, a.ID, contract.AmendmentDecision{Confirm: true})
		wantReason(t, err, errs.Conflict, "amendment_own_proposal")
		_, err = w.svc.DecideAmendment(ctx, w.otherOwner(c), a.ID, contract.AmendmentDecision{Confirm: true})
		wantReason(t, err, errs.NotFound, "amendment_not_found")
		if _, err := w.svc.DecideAmendment(ctx, owner, a.ID, contract.AmendmentDecision{Confirm: false, Note: "不同意"}); err != nil {
			t.Fatal(err)
		}
		got, _ := w.svc.Get(ctx, w.db, c.ID)
		if *got.PriceFen != price {
			t.Fatalf("a rejected amendment changed the price to %d", *got.PriceFen)
		}
		_, err = w.svc.DecideAmendment(ctx, owner, a.ID, contract.AmendmentDecision{Confirm: true})
		wantReason(t, err, errs.Conflict, "amendment_not_pending")
	})
	t.Run("OverTenPercentFlaggedThenConfirmed", func(t *testing.T) {
		before := w.notices(w.regulator().OrgID, contract.NoticeAmendmentProposed)
		a, err := w.svc.ProposeAmendment(ctx, agencyUser, c.ID, contract.AmendmentInput{Kind: contract.AmendPrice, Reason: "增加补充调查点位", NewPriceFen: &more})
		if err != nil {
			t.Fatal(err)
		}
		if !a.Flagged {
			t.Fatal("an increase over 10 % is not flagged")
		}
		if got := w.notices(w.regulator().OrgID, contract.NoticeAmendmentProposed); got != before+1 {
			t.Fatalf("the regulator got %d notices, want %d", got, before+1)
		}
		if _, err := w.svc.DecideAmendment(ctx, owner, a.ID, contract.AmendmentDecision{Confirm: true}); err != nil {
			t.Fatal(err)
		}
		got, _ := w.svc.Get(ctx, w.db, c.ID)
		if *got.PriceFen != more {
			t.Fatalf("got price %d, want %d", *got.PriceFen, more)
		}
		list, err := w.svc.List(ctx, w.regulator(), contract.ContractFilter{Flagged: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].ID != c.ID || !list[0].Flagged {
			t.Fatalf("got %d flagged contracts, want this one", len(list))
		}
	})
	t.Run("PeriodMovesTheDueDate", func(t *testing.T) {
		n := c.ServiceWorkdays + 5
		a, err := w.svc.ProposeAmendment(ctx, owner, c.ID, contract.AmendmentInput{Kind: contract.AmendPeriod, Reason: "补充勘察", NewWorkdays: &n})
		if err != nil {
			t.Fatal(err)
		}
		before, _ := w.svc.Get(ctx, w.db, c.ID)
		if _, err := w.svc.DecideAmendment(ctx, agencyUser, a.ID, contract.AmendmentDecision{Confirm: true}); err != nil {
			t.Fatal(err)
		}
		got, _ := w.svc.Get(ctx, w.db, c.ID)
		if got.ServiceWorkdays != n || !got.DueOn.After(*before.DueOn) {
			t.Fatalf("got %d working days due %v, want %d after %v", got.ServiceWorkdays, got.DueOn, n, before.DueOn)
		}
	})
}

func TestTermination(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	c := w.contractOf(false)
	owner, agencyUser := w.active(c)
	_, err := w.svc.Terminate(ctx, owner, c.ID, contract.ContractTermination{Reason: " "})
	wantReason(t, err, errs.Invalid, "reason_required")
	_, err = w.svc.Terminate(ctx, w.regulator(), c.ID, contract.ContractTermination{Reason: "监管要求"})
	wantReason(t, err, errs.Forbidden, "contract_not_party")
	regBefore := w.notices(w.regulator().OrgID, contract.NoticeTerminated)
	got, err := w.svc.Terminate(ctx, owner, c.ID, contract.ContractTermination{Reason: "项目停建，双方协商解除合同"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != contract.StatusTerminated || got.TerminationReason == nil {
		t.Fatalf("got %s", got.Status)
	}
	if w.notices(c.AgencyID, contract.NoticeTerminated) != 1 || w.notices(w.regulator().OrgID, contract.NoticeTerminated) != regBefore+1 {
		t.Fatal("the agency or the regulators were not told")
	}
	_, err = w.svc.Terminate(ctx, agencyUser, c.ID, contract.ContractTermination{Reason: "再次终止"})
	wantReason(t, err, errs.Conflict, "contract_ended")
}

func TestMilestonesAndPayments(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	c := w.contractOf(false)
	owner, agencyUser := w.active(c)
	plan := contract.MilestonePlan{Milestones: []contract.MilestoneInput{{Name: "现场调查", Workdays: 2}, {Name: "报告初稿", Workdays: 3},
		{Name: "最终成果", Workdays: c.ServiceWorkdays}}}

	_, err := w.svc.ReplaceMilestones(ctx, agencyUser, c.ID, plan)
	wantReason(t, err, errs.Forbidden, "milestones_owner_only")
	bad := contract.MilestonePlan{Milestones: []contract.MilestoneInput{{Name: "初稿", Workdays: 3}, {Name: "终稿", Workdays: 2}}}
	_, err = w.svc.ReplaceMilestones(ctx, owner, c.ID, bad)
	wantReason(t, err, errs.Invalid, "milestones_order")
	short := contract.MilestonePlan{Milestones: []contract.MilestoneInput{{Name: "终稿", Workdays: c.ServiceWorkdays - 1}}}
	_, err = w.svc.ReplaceMilestones(ctx, owner, c.ID, short)
	wantReason(t, err, errs.Invalid, "final_at_period")
	ms, err := w.svc.ReplaceMilestones(ctx, owner, c.ID, plan)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 3 || !ms[2].Final || !ms[0].DueOn.Before(ms[1].DueOn) {
		t.Fatalf("got %+v", ms)
	}
	if w.notices(c.AgencyID, contract.NoticeMilestonesChanged) != 1 {
		t.Fatal("the agency was not told of the new milestones")
	}

	_, err = w.svc.RecordPayment(ctx, agencyUser, c.ID, contract.PaymentInput{AmountFen: 100, PaidOn: "2026-09-24"})
	wantReason(t, err, errs.Forbidden, "payment_owner_only")
	_, err = w.svc.RecordPayment(ctx, owner, c.ID, contract.PaymentInput{AmountFen: *c.PriceFen + 1, PaidOn: "2026-09-24"})
	wantReason(t, err, errs.Invalid, "payment_over_price")
	_, err = w.svc.RecordPayment(ctx, owner, c.ID, contract.PaymentInput{AmountFen: 100, PaidOn: "2026-09-25"})
	wantReason(t, err, errs.Invalid, "paid_in_future")
	half := *c.PriceFen / 2
	if _, err := w.svc.RecordPayment(ctx, owner, c.ID, contract.PaymentInput{AmountFen: half, PaidOn: "2026-09-24", Note: "预付款"}); err != nil {
		t.Fatal(err)
	}
	// Accepted now: nothing is overdue until 30 calendar days have passed.
	if err := w.db.RunInTx(ctx, nil, func(ctx ctxT, tx bunTx) error {
		got, err := w.svc.Get(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		return w.svc.Complete(ctx, tx, got, w.now())
	}); err != nil {
		t.Fatal(err)
	}
	d, err := w.svc.Detail(ctx, agencyUser, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.PaidFen != half || d.OverdueUnpaidFen != 0 {
		t.Fatalf("got paid %d overdue %d, want %d and 0", d.PaidFen, d.OverdueUnpaidFen, half)
	}
	w.clock.Set(w.now().AddDate(0, 0, 30))
	d, err = w.svc.Detail(ctx, agencyUser, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.OverdueUnpaidFen != *c.PriceFen-half {
		t.Fatalf("got overdue %d, want %d", d.OverdueUnpaidFen, *c.PriceFen-half)
	}
}

func TestLateRegistrationWarnedOnce(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	c := w.contractOf(false)
	sweep := func() {
		t.Helper()
		if err := w.svc.SweepTx(ctx, w.db); err != nil {
			t.Fatal(err)
		}
	}
	sweep()
	if n := w.notices(c.OwnerID, contract.NoticeRegistrationLate); n != 0 {
		t.Fatalf("warned %d times before the deadline", n)
	}
	w.clock.Set(c.RegisterBy)
	sweep()
	sweep()
	if o, a := w.notices(c.OwnerID, contract.NoticeRegistrationLate), w.notices(c.AgencyID, contract.NoticeRegistrationLate); o < 1 || a < 1 {
		t.Fatalf("owner warned %d, agency %d times, want both", o, a)
	}
	if n := w.id("SELECT count(*) FROM notifications WHERE kind = ? AND (params->>'contractId')::bigint = ?", contract.NoticeRegistrationLate, c.ID); n != 2 {
		t.Fatalf("got %d warnings of contract %d, want 2 (one to each side, once)", n, c.ID)
	}
	list, err := w.svc.Performance(ctx, w.regulator(), contract.ContractFilter{Late: true})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range list {
		found = found || p.ID == c.ID
		if !p.Late {
			t.Errorf("contract %d in the late list is not late", p.ID)
		}
	}
	if !found {
		t.Fatal("the late contract is not in the regulator's late list")
	}
	if _, err := w.svc.Performance(ctx, w.userOf(c.OwnerID), contract.ContractFilter{}); !errs.Is(err, errs.Forbidden) {
		t.Fatalf("an owner read the performance view: %v", err)
	}
}

func TestDemoContractsAndTodo(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	if err := demo.LoadContracts(ctx, w.svc); err != nil {
		t.Fatal(err)
	}
	for status, want := range map[string]int64{contract.StatusAwaitingRegistration: 2, contract.StatusPendingConfirmation: 1, contract.StatusActive: 1} {
		if got := w.id("SELECT count(*) FROM contracts WHERE status = ?", status); got != want {
			t.Errorf("got %d demo contracts %s, want %d", got, status, want)
		}
	}
	if n := w.id("SELECT count(*) FROM milestones m JOIN contracts c ON c.id = m.contract_id WHERE c.status = 'active'"); n == 0 {
		t.Error("the active demo contract has no milestones")
	}
	if n := w.id("SELECT count(*) FROM contract_payments"); n != 1 {
		t.Errorf("got %d demo payments, want 1", n)
	}
	pending := w.id("SELECT id FROM contracts WHERE status = 'pending_confirmation'")
	c, _ := w.svc.Get(ctx, w.db, pending)
	r, confirm, _, err := w.svc.TodoCounts(ctx, w.userOf(c.AgencyID))
	if err != nil {
		t.Fatal(err)
	}
	if confirm != 1 || r != 0 {
		t.Errorf("the agency's board: %d to register, %d to confirm; want 0 and 1", r, confirm)
	}
	if _, confirm, _, _ := w.svc.TodoCounts(ctx, w.userOf(c.OwnerID)); confirm != 0 {
		t.Errorf("the owner that registered has %d to confirm, want 0", confirm)
	}
	// Seeding again changes nothing.
	if err := demo.LoadContracts(ctx, w.svc); err != nil {
		t.Fatal(err)
	}
	if n := w.id("SELECT count(*) FROM contract_payments"); n != 1 {
		t.Errorf("got %d demo payments after a second seed, want 1", n)
	}
}
