package contract_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/agency"
	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/contract"
	"intermart/internal/db/dbtest"
	"intermart/internal/demo"
	"intermart/internal/errs"
	"intermart/internal/files"
	"intermart/internal/identity"
	"intermart/internal/jobs"
	"intermart/internal/objects/objtest"
	"intermart/internal/procurement"
	"intermart/internal/seal"
)

// ratingWorld is the demo marketplace with its announcements, the contract
// service on a fixed clock, and an agency with no contracts and no
// sanctions yet, whose user rates owners.
type ratingWorld struct {
	t         *testing.T
	db        *bun.DB
	svc       *contract.Service
	agencySvc *agency.Service
	clock     *clock.Fixed
	owner     *authz.Principal // owner.staff of 大理市住房和城乡建设局
	agency    *authz.Principal // a user of the clean agency
	regulator *authz.Principal
	agencyID  int64
	serial    int
}

func inShanghai(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, clock.Shanghai).UTC()
}

func newRatingWorld(t *testing.T) *ratingWorld {
	t.Helper()
	d := dbtest.New(t)
	store := objtest.New(t)
	if err := demo.Load(ctx, d.Bun, store); err != nil {
		t.Fatal(err)
	}
	queue, err := jobs.NewQueue(d)
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := seal.New(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	ids := identity.NewService(d.Bun)
	cat := catalog.NewService(d.Bun)
	fs := files.NewService(d.Bun, store, 1<<20)
	demoAgencies := agency.NewService(d.Bun, cat, fs, clock.Database{})
	proc := procurement.NewService(procurement.Deps{DB: d.Bun, Identity: ids, Catalog: cat, Agency: demoAgencies, Files: fs,
		Clock: clock.Database{}, Queue: queue, Sealer: sealer, OCIDPrefix: "ocds-test-"})
	if err := demo.LoadProcurement(ctx, d.Bun, proc, cat); err != nil {
		t.Fatal(err)
	}
	w := &ratingWorld{t: t, db: d.Bun, clock: clock.NewFixed(inShanghai(2026, 12, 1, 10))}
	w.agencySvc = agency.NewService(d.Bun, cat, fs, w.clock)
	w.agencySvc.OnSanctionChanged(contract.OnSanctionChanged)
	w.svc = contract.NewService(contract.Deps{DB: d.Bun, Identity: ids, Catalog: cat, Agency: w.agencySvc, Files: fs,
		Procurement: proc, Clock: w.clock, Queue: queue})
	w.owner = w.principal("owner.staff")
	w.regulator = w.principal("reg.zwfw")
	var username string
	if err := d.Bun.NewRaw(`SELECT u.username FROM users u JOIN organisations o ON o.id = u.organisation_id
		WHERE o.kind = 'agency' AND o.status = 'active' AND u.role = 'agency_admin'
		AND EXISTS (SELECT 1 FROM listings l WHERE l.organisation_id = o.id AND l.approved_at IS NOT NULL)
		AND NOT EXISTS (SELECT 1 FROM sanctions s WHERE s.organisation_id = o.id) ORDER BY o.id LIMIT 1`).Scan(ctx, &username); err != nil {
		t.Fatal(err)
	}
	w.agency = w.principal(username)
	w.agencyID = w.agency.OrgID
	return w
}

func (w *ratingWorld) id(query string, args ...any) int64 {
	w.t.Helper()
	var n int64
	if err := w.db.NewRaw(query, args...).Scan(ctx, &n); err != nil {
		w.t.Fatalf("%s: %v", query, err)
	}
	return n
}

func (w *ratingWorld) principal(username string) *authz.Principal {
	w.t.Helper()
	var p struct {
		ID   int64  `bun:"id"`
		Org  int64  `bun:"organisation_id"`
		Role string `bun:"role"`
		Kind string `bun:"kind"`
	}
	err := w.db.NewRaw(`SELECT u.id, u.organisation_id, u.role, o.kind FROM users u JOIN organisations o ON o.id = u.organisation_id
		WHERE u.username = ?`, username).Scan(ctx, &p)
	if err != nil {
		w.t.Fatal(err)
	}
	return &authz.Principal{UserID: p.ID, OrgID: p.Org, Role: p.Role, OrgKind: p.Kind}
}

// contract inserts a contract of the ratingWorld's owner with agency, in status,
// completed at completed (zero: not completed) and due on due (Shanghai
// dates). Each has its own selection, a voided copy of a demo one.
func (w *ratingWorld) contract(agencyID int64, status string, completed time.Time, due string) int64 {
	w.t.Helper()
	w.serial++
	sel := w.id(`INSERT INTO selections (announcement_id, seq, method, winner_id, deal_price_fen, reason, selected_at, publicity_ends_at, status, voided_at)
		SELECT announcement_id, (SELECT max(seq) + 1 FROM selections s2 WHERE s2.announcement_id = s.announcement_id), method, winner_id,
		deal_price_fen, reason, selected_at, publicity_ends_at, 'voided', selected_at FROM selections s ORDER BY id LIMIT 1 RETURNING id`)
	var completedAt any
	if !completed.IsZero() {
		completedAt = completed
	}
	return w.id(`INSERT INTO contracts (code, announcement_id, selection_id, owner_id, agency_id, item_id, region_code, title,
		ceiling_fen, price_fen, service_workdays, status, register_by, document_file_id, registered_at, starts_on, due_on, completed_at)
		SELECT ?, a.id, ?, ?, ?, a.item_id, a.region_code, a.title, a.ceiling_fen, a.ceiling_fen, 20, ?, now(),
		(SELECT min(id) FROM files), now(), DATE '2026-09-01', ?::date, ?
		FROM announcements a JOIN selections sel ON sel.announcement_id = a.id WHERE sel.id = ? RETURNING id`,
		fmt.Sprintf("HT-TEST-%04d", w.serial), sel, w.owner.OrgID, agencyID, status, due, completedAt, sel)
}

func (w *ratingWorld) count(query string, args ...any) int {
	return int(w.id(query, args...))
}

func wantRatingField(t *testing.T, err error, field, reason string) {
	t.Helper()
	var e *errs.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want a field error %s %s", err, field, reason)
	}
	for _, f := range e.Fields {
		if f.Field == field && f.Reason == reason {
			return
		}
	}
	t.Fatalf("err = %+v, want field %s with reason %s", e.Fields, field, reason)
}

func wantRatingReason(t *testing.T, err error, code errs.Code, reason string) {
	t.Helper()
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != code || e.Reason != reason {
		t.Fatalf("err = %v, want %s %s", err, code, reason)
	}
}

var good = contract.AgencyRatingInput{Quality: 5, Timeliness: 4, Attitude: 5, Fees: 4, Conduct: 5, Comment: "报告质量高，沟通及时。"}

// TestRatings: ratings out of range, after the window, by the wrong party,
// before completion and twice are refused and store nothing; a rating
// inside the window is stored once, audited, notified and recomputes the
// agency's credit score.
func TestRatings(t *testing.T) {
	t.Parallel()
	w := newRatingWorld(t)
	completed := inShanghai(2026, 11, 20, 15)
	id := w.contract(w.agencyID, contract.StatusCompleted, completed, "2026-11-30")
	stored := func() int {
		return w.count("SELECT (SELECT count(*) FROM agency_ratings WHERE contract_id = ?) + (SELECT count(*) FROM owner_ratings WHERE contract_id = ?)", id, id)
	}

	bad := good
	bad.Quality, bad.Conduct = 6, 0
	_, err := w.svc.RateAgency(ctx, w.owner, id, bad)
	wantRatingField(t, err, "body.quality", "rating_range")
	wantRatingField(t, err, "body.conduct", "rating_range")
	_, err = w.svc.RateOwner(ctx, w.agency, id, contract.OwnerRatingInput{Clarity: 3, Cooperation: -1, Payment: 5})
	wantRatingField(t, err, "body.cooperation", "rating_range")

	// The wrong party: the agency rating itself, the owner rating itself,
	// a regulator.
	_, err = w.svc.RateAgency(ctx, w.agency, id, good)
	wantRatingReason(t, err, errs.NotFound, "contract_not_found")
	_, err = w.svc.RateOwner(ctx, w.owner, id, contract.OwnerRatingInput{Clarity: 3, Cooperation: 3, Payment: 3})
	wantRatingReason(t, err, errs.NotFound, "contract_not_found")
	_, err = w.svc.RateAgency(ctx, w.regulator, id, good)
	wantRatingReason(t, err, errs.NotFound, "contract_not_found")

	// Not completed yet.
	active := w.contract(w.agencyID, contract.StatusActive, time.Time{}, "2026-12-30")
	_, err = w.svc.RateAgency(ctx, w.owner, active, good)
	wantRatingReason(t, err, errs.Conflict, "contract_not_completed")
	if v, err := w.svc.Ratings(ctx, w.owner, active); err != nil || len(v.Actions) != 0 {
		t.Errorf("an active contract's ratings: %+v %v", v, err)
	}

	// After the window (30 calendar days after completion by default).
	w.clock.Set(completed.AddDate(0, 0, 30).Add(time.Second))
	_, err = w.svc.RateAgency(ctx, w.owner, id, good)
	wantRatingField(t, err, "body", "rating_window_closed")
	_, err = w.svc.RateOwner(ctx, w.agency, id, contract.OwnerRatingInput{Clarity: 3, Cooperation: 3, Payment: 3})
	wantRatingField(t, err, "body", "rating_window_closed")
	if n := stored(); n != 0 {
		t.Fatalf("refused ratings stored %d rows", n)
	}

	// Inside the window, on its last second.
	w.clock.Set(completed.AddDate(0, 0, 30))
	v, err := w.svc.RateAgency(ctx, w.owner, id, good)
	if err != nil {
		t.Fatal(err)
	}
	if v.AgencyRating == nil || v.AgencyRating.Quality != 5 || v.ClosesAt == nil || !v.ClosesAt.Equal(completed.AddDate(0, 0, 30)) {
		t.Errorf("after rating: %+v", v)
	}
	if _, err := w.svc.RateAgency(ctx, w.owner, id, good); err == nil {
		t.Fatal("a second rating was accepted")
	} else {
		wantRatingReason(t, err, errs.Conflict, "already_rated")
	}
	if _, err := w.svc.RateOwner(ctx, w.agency, id, contract.OwnerRatingInput{Clarity: 4, Cooperation: 5, Payment: 2, Comment: "付款略迟"}); err != nil {
		t.Fatal(err)
	}
	_, err = w.svc.RateOwner(ctx, w.agency, id, contract.OwnerRatingInput{Clarity: 5, Cooperation: 5, Payment: 5})
	wantRatingReason(t, err, errs.Conflict, "already_rated")
	if n := stored(); n != 2 {
		t.Errorf("stored %d ratings, want 2", n)
	}
	if n := w.count("SELECT count(*) FROM audit_events WHERE chain = ? AND action IN ('contract.rate_agency', 'contract.rate_owner')", fmt.Sprintf("contract:%d", id)); n != 2 {
		t.Errorf("%d audit events, want 2", n)
	}
	if n := w.count("SELECT count(*) FROM notifications WHERE organisation_id = ? AND kind = 'agency_rated' AND (params->>'contractId')::bigint = ?", w.agencyID, id); n != 1 {
		t.Errorf("the agency was told %d times", n)
	}
	if n := w.count("SELECT count(*) FROM notifications WHERE organisation_id = ? AND kind = 'owner_rated' AND (params->>'contractId')::bigint = ?", w.owner.OrgID, id); n != 1 {
		t.Errorf("the owner was told %d times", n)
	}

	// What each side sees afterwards; the averages.
	v, err = w.svc.Ratings(ctx, w.agency, id)
	if err != nil || len(v.Actions) != 0 || v.OwnerRating == nil || v.OwnerRating.Payment != 2 || v.OwnerSummary.Count < 1 {
		t.Errorf("the agency's view: %+v %v", v, err)
	}
	if _, err := w.svc.Ratings(ctx, w.principal("owner.zjt"), id); !errs.Is(err, errs.NotFound) {
		t.Errorf("another owner reads the ratings: %v", err)
	}
	avg, err := contract.AgencyRatings(ctx, w.db, []int64{w.agencyID})
	if err != nil {
		t.Fatal(err)
	}
	if a := avg[w.agencyID]; a.Count != 1 || a.Quality != 500 || a.Timeliness != 400 || a.Overall != 460 {
		t.Errorf("averages %+v", a)
	}
	cv, err := w.svc.Credit(ctx, w.agencyID)
	if err != nil {
		t.Fatal(err)
	}
	// 70 + 10 (one completed contract, on time) + 20 × 23/25 = 98.40.
	if cv.Score != 9840 || cv.Breakdown.Ratings != 1840 || cv.Ratings.Count != 1 || !cv.ComputedAt.Equal(completed.AddDate(0, 0, 30)) {
		t.Errorf("credit after the rating: %+v", cv)
	}
}

// TestCreditWorkedExample is docs/credit.md's worked example: four
// completed contracts, three on time; two ratings; one suspension in force.
// It checks the recomputation on each new rating and on the sanction
// imposed and lifted.
func TestCreditWorkedExample(t *testing.T) {
	t.Parallel()
	w := newRatingWorld(t)
	var ids []int64
	for _, due := range []string{"2026-11-03", "2026-11-04", "2026-11-05", "2026-11-02"} {
		// Completed on 3 November (Shanghai); the last was due on the 2nd.
		ids = append(ids, w.contract(w.agencyID, contract.StatusCompleted, inShanghai(2026, 11, 3, 9), due))
	}
	w.clock.Set(inShanghai(2026, 11, 10, 10))
	score := func() (int, contract.CreditBreakdown) {
		t.Helper()
		var cs struct {
			Score int `bun:"score"`
		}
		if err := w.db.NewRaw("SELECT score FROM credit_scores WHERE agency_id = ?", w.agencyID).Scan(ctx, &cs); err != nil {
			t.Fatal(err)
		}
		v, err := w.svc.Credit(ctx, w.agencyID)
		if err != nil {
			t.Fatal(err)
		}
		if v.Score != cs.Score {
			t.Fatalf("served %d, stored %d", v.Score, cs.Score)
		}
		return v.Score, v.Breakdown
	}
	if _, err := contract.RecomputeCredit(ctx, w.db, w.agencyID, inShanghai(2026, 11, 10, 10)); err != nil {
		t.Fatal(err)
	}
	// No ratings yet: neutral 12 points. 70 + 10 × 3/4 + 12 = 89.50.
	if s, b := score(); s != 8950 || b.Behaviour != 750 || b.ContractsOnTime != 3 || b.ContractsCompleted != 4 || b.Ratings != 1200 {
		t.Fatalf("before ratings: %d %+v", s, b)
	}
	first := contract.AgencyRatingInput{Quality: 5, Timeliness: 5, Attitude: 5, Fees: 4, Conduct: 5}
	if _, err := w.svc.RateAgency(ctx, w.owner, ids[0], first); err != nil {
		t.Fatal(err)
	}
	// One rating, 24 of 25: 20 × 24/25 = 19.20. 70 + 7.50 + 19.20 = 96.70.
	if s, _ := score(); s != 9670 {
		t.Errorf("after the first rating: %d", s)
	}
	if _, err := w.svc.RateAgency(ctx, w.owner, ids[1], contract.AgencyRatingInput{Quality: 3, Timeliness: 4, Attitude: 4, Fees: 3, Conduct: 4}); err != nil {
		t.Fatal(err)
	}
	// Two ratings, 42 of 50: 20 × 42/50 = 16.80. 70 + 7.50 + 16.80 = 94.30.
	if s, b := score(); s != 9430 || b.Ratings != 1680 || b.RatingCount != 2 || b.RatingSum != 42 {
		t.Errorf("after the second rating: %d %+v", s, b)
	}
	ends := inShanghai(2026, 12, 10, 0)
	sn, err := w.agencySvc.Impose(ctx, w.regulator, w.agencyID, agency.SanctionInput{Kind: agency.Suspension,
		Reason: "报告数据失实", LegalBasis: "中介服务管理办法第二十条", EndsAt: &ends})
	if err != nil {
		t.Fatal(err)
	}
	// The worked example: 70 + 7.50 + 16.80 − 10 = 84.30.
	if s, b := score(); s != 8430 || b.Sanctions != 1000 || b.Suspensions != 1 || b.Assessment != 7000 || b.Formula != "credit-v1" {
		t.Errorf("after the suspension: %d %+v", s, b)
	}
	if err := w.agencySvc.Lift(ctx, w.regulator, sn.ID, agency.LiftInput{Reason: "已整改到位"}); err != nil {
		t.Fatal(err)
	}
	if s, b := score(); s != 9430 || b.Sanctions != 0 {
		t.Errorf("after the lift: %d %+v", s, b)
	}
	// The comprehensive method's rating component: 42/50 → 8400; an
	// agency nobody rated has the neutral 6000.
	other := w.principal("agency").OrgID
	past, err := contract.PastRatings(ctx, w.db, []int64{w.agencyID, other})
	if err != nil {
		t.Fatal(err)
	}
	if past[w.agencyID] != 8400 || (other != w.agencyID && past[other] != contract.PastRatingNeutral) {
		t.Errorf("past ratings %v", past)
	}
}

// TestRatingDemo: the demo completes a contract and leaves it open to
// rating (the browser test rates it both ways), rates every older completed
// contract both ways, and gives every agency a credit score; loading again
// changes nothing.
func TestRatingDemo(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	if err := demo.LoadContracts(ctx, w.svc); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := demo.LoadRatings(ctx, w.svc); err != nil {
			t.Fatal(err)
		}
	}
	var got struct {
		Completed, AgencyRatings, OwnerRatings, Agencies, Scored, Unrated int
	}
	err := w.db.NewRaw(`SELECT (SELECT count(*) FROM contracts WHERE status = 'completed') AS completed,
		(SELECT count(*) FROM agency_ratings) AS agency_ratings, (SELECT count(*) FROM owner_ratings) AS owner_ratings,
		(SELECT count(*) FROM organisations WHERE kind = 'agency') AS agencies, (SELECT count(*) FROM credit_scores) AS scored,
		(SELECT count(*) FROM contracts c WHERE c.status = 'completed' AND NOT EXISTS (SELECT 1 FROM agency_ratings r WHERE r.contract_id = c.id)) AS unrated`).
		Scan(ctx, &got)
	if err != nil {
		t.Fatal(err)
	}
	if got.Completed < 1 || got.AgencyRatings != got.Completed-1 || got.OwnerRatings != got.Completed-1 || got.Scored != got.Agencies || got.Unrated != 1 {
		t.Errorf("demo ratings: %+v", got)
	}
}
