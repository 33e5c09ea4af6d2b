package agency_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/agency"
	"intermart/internal/errs"
)

// TestTimesComeFromTheClock checks that every time the review path records
// — submission, decision, approval, the history — is the marketplace
// clock's, so a test clock (or a training clock) drives them all.
func TestTimesComeFromTheClock(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	submitted := shanghai(2026, 3, 2, 10)
	w.clock.Set(submitted)
	_, err := w.svc.UpdateProfile(ctx, w.agencyOrg, agency.ProfileInput{LegalRepresentative: "杨雪", Address: "大理市下关镇人民南路 1 号",
		ContactName: "杨雪", ContactPhone: "0872-2123456"})
	w.must(err)
	q, err := w.svc.AddQualification(ctx, w.agencyOrg, agency.QualificationInput{TypeID: w.typeID, LevelCode: "b",
		CertificateNo: "HP-2026-001", Issuer: "生态环境部", ValidFrom: "2026-01-01", ValidTo: "2027-12-31", FileID: w.scanID})
	w.must(err)
	l, err := w.svc.AddListing(ctx, w.agencyOrg, agency.ListingInput{ItemID: w.itemID, FeeReference: "面议", Commitment: "10 个工作日"})
	w.must(err)
	w.must(w.svc.Submit(ctx, w.agent, w.agencyOrg))

	queue, err := w.svc.Queue(ctx, w.reviewer)
	w.must(err)
	if len(queue) != 1 || !queue[0].SubmittedAt.Equal(submitted) {
		t.Fatalf("reviewer's queue = %+v, want the application submitted at %s", queue, submitted)
	}

	decided := shanghai(2026, 3, 5, 15)
	w.clock.Set(decided)
	w.must(w.svc.DecideQualification(ctx, w.reviewer, q.ID, agency.Decision{Decision: "approve"}))
	w.must(w.svc.DecideProfile(ctx, w.reviewer, w.agencyOrg, agency.Decision{Decision: "approve"}))
	listingQueue, err := w.svc.Queue(ctx, w.inCharge)
	w.must(err)
	if len(listingQueue) != 1 || !listingQueue[0].SubmittedAt.Equal(submitted) {
		t.Fatalf("regulator's queue = %+v, want the listing submitted at %s", listingQueue, submitted)
	}
	w.must(w.svc.DecideListing(ctx, w.inCharge, l.ID, agency.Decision{Decision: "approve"}))

	app, err := w.svc.Application(ctx, w.agencyOrg)
	w.must(err)
	if p := app.Profile; p.SubmittedAt == nil || !p.SubmittedAt.Equal(submitted) || p.DecidedAt == nil || !p.DecidedAt.Equal(decided) {
		t.Fatalf("profile submitted %v decided %v, want %s and %s", p.SubmittedAt, p.DecidedAt, submitted, decided)
	}
	if got := app.Listings[0].ApprovedAt; got == nil || !got.Equal(decided) {
		t.Fatalf("listing approved at %v, want %s", got, decided)
	}
	for _, ev := range app.History {
		want := submitted
		if ev.Action != "submitted" {
			want = decided
		}
		if !ev.CreatedAt.Equal(want) {
			t.Errorf("%s %s recorded at %s, want %s", ev.Subject, ev.Action, ev.CreatedAt, want)
		}
		if ev.ActorName == "" || ev.ActorOrg == "" {
			t.Errorf("%s %s does not say who acted: %+v", ev.Subject, ev.Action, ev)
		}
	}
}

// TestEligibilityInTheCallersTransaction checks that agency.Eligibility
// sees what the caller's transaction has done and judges at the caller's
// time: registration checks it in the same transaction as the deadline.
func TestEligibilityInTheCallersTransaction(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.approved("2026-12-31")
	now := shanghai(2026, 6, 1, 9)
	errRollback := errors.New("roll back")
	err := w.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		reasons, err := agency.Eligibility(ctx, tx, w.agencyOrg, w.itemID, now)
		w.must(err)
		if len(reasons) != 0 {
			t.Fatalf("before the sanction: %v, want eligible", reasons)
		}
		_, err = tx.NewRaw(`INSERT INTO sanctions (organisation_id, kind, reason, legal_basis, starts_at, ends_at, imposed_by, imposed_by_organisation_id)
			VALUES (?, 'suspension', '串通报价', '管理办法第二十条', ?, ?, ?, ?)`,
			w.agencyOrg, now.Add(-time.Hour), now.Add(24*time.Hour), w.inCharge.UserID, w.inCharge.OrgID).Exec(ctx)
		w.must(err)
		reasons, err = agency.Eligibility(ctx, tx, w.agencyOrg, w.itemID, now)
		w.must(err)
		if !slices.Equal(reasons, []string{agency.Sanctioned}) {
			t.Fatalf("inside the transaction that suspends: %v, want %s", reasons, agency.Sanctioned)
		}
		// The caller's time decides, not the service's clock.
		reasons, err = agency.Eligibility(ctx, tx, w.agencyOrg, w.itemID, now.Add(25*time.Hour))
		w.must(err)
		if len(reasons) != 0 {
			t.Fatalf("after the suspension ends: %v, want eligible", reasons)
		}
		reasons, err = agency.Eligibility(ctx, tx, w.agencyOrg, w.itemID, shanghai(2027, 1, 1, 0))
		w.must(err)
		if !slices.Equal(reasons, []string{agency.NotQualified}) {
			t.Fatalf("after the qualification expired: %v, want %s", reasons, agency.NotQualified)
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatal(err)
	}
	if got := w.eligibility(w.itemID); len(got) != 0 {
		t.Fatalf("after the rollback: %v, want eligible", got)
	}
}

// TestDuplicatesAreFieldErrors checks that unique violations reach the
// user as the field to correct.
func TestDuplicatesAreFieldErrors(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.approved("2027-12-31")
	field := func(err error, location, reason string) {
		t.Helper()
		var e *errs.Error
		if !errors.As(err, &e) || len(e.Fields) == 0 || e.Fields[0].Field != location || e.Fields[0].Reason != reason {
			t.Fatalf("err = %v, want %s at %s", err, reason, location)
		}
	}
	_, err := w.svc.AddListing(ctx, w.agencyOrg, agency.ListingInput{ItemID: w.itemID, FeeReference: "面议", Commitment: "10 日"})
	field(err, "body.itemId", "listing_exists")
	in := agency.PractitionerInput{Name: "杨雪", CertificateNo: "HP-01", IDNumber: "532901199001010019"}
	_, err = w.svc.AddPractitioner(ctx, w.agencyOrg, in)
	w.must(err)
	_, err = w.svc.AddPractitioner(ctx, w.agencyOrg, in)
	field(err, "body.idNumber", "practitioner_exists")
}
