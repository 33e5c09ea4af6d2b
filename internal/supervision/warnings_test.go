package supervision_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/agency"
	"intermart/internal/authz"
	"intermart/internal/clock"
	"intermart/internal/contract"
	"intermart/internal/files"
	"intermart/internal/procurement"
	"intermart/internal/supervision"
	"intermart/internal/workdays"
)

// newWarnWorld is the world with warnings checked on every change, before
// the demo's announcements are loaded.
func newWarnWorld(t *testing.T) *world {
	t.Helper()
	return newWorldWatching(t, (*supervision.Service).WatchDeadlines)
}

// at sets the marketplace clock and sweeps, as the periodic job and the
// training clock's moves do.
func (w *world) at(t time.Time) {
	w.t.Helper()
	w.clock.Set(t)
	if err := w.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error { return w.svc.SweepTx(ctx, tx) }); err != nil {
		w.t.Fatalf("sweep at %s: %v", t, err)
	}
}

// open is the open warning of rule on subject; nil when there is none.
func (w *world) open(rule string, subject int64) *supervision.Warning {
	w.t.Helper()
	var ws []supervision.Warning
	if err := w.db.NewSelect().Model(&ws).Where("rule = ? AND subject_id = ? AND cleared_at IS NULL", rule, subject).Scan(ctx); err != nil {
		w.t.Fatal(err)
	}
	if len(ws) == 0 {
		return nil
	}
	return &ws[0]
}

func (w *world) wantLevel(rule string, subject int64, level string) *supervision.Warning {
	w.t.Helper()
	got := w.open(rule, subject)
	switch {
	case level == "" && got != nil:
		w.t.Fatalf("%s %d: got an open %s warning, want none", rule, subject, got.Level)
	case level != "" && got == nil:
		w.t.Fatalf("%s %d: got no open warning, want %s", rule, subject, level)
	case level != "" && got.Level != level:
		w.t.Fatalf("%s %d: got %s, want %s", rule, subject, got.Level, level)
	}
	return got
}

// wantCleared checks that the warning of rule on subject was raised and
// has cleared itself.
func (w *world) wantCleared(rule string, subject int64) {
	w.t.Helper()
	w.wantLevel(rule, subject, "")
	if n := w.id("SELECT count(*) FROM warnings WHERE rule = ? AND subject_id = ? AND cleared_at IS NOT NULL", rule, subject); n == 0 {
		w.t.Fatalf("%s %d: no cleared warning kept", rule, subject)
	}
}

// endAfter is the end of the n-th working day after the day due ends.
func (w *world) endAfter(due time.Time, n int) time.Time {
	w.t.Helper()
	d, err := workdays.Add(ctx, w.db, due.Add(-time.Nanosecond), n)
	if err != nil {
		w.t.Fatal(err)
	}
	return workdays.EndOf(d)
}

const warnPDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

func (w *world) upload(p *authz.Principal, purpose string) int64 {
	w.t.Helper()
	f, err := w.files.Upload(ctx, p, purpose, "scan.pdf", strings.NewReader(warnPDF), int64(len(warnPDF)))
	if err != nil {
		w.t.Fatalf("upload: %v", err)
	}
	return f.ID
}

// TestContractWarnings: a registration, a milestone and a review each
// turn yellow when due and red after the rule's further working days, and
// clear themselves when done, by the change itself.
func TestContractWarnings(t *testing.T) {
	t.Parallel()
	w := newWarnWorld(t)
	c, err := w.contract.Get(ctx, w.db, w.id("SELECT min(id) FROM contracts WHERE status = 'awaiting_registration' AND price_fen IS NOT NULL"))
	if err != nil {
		t.Fatal(err)
	}
	owner, agencyUser := w.userOf(c.OwnerID), w.userOf(c.AgencyID)

	// Registration: none the day before, yellow on the day, red 3 working
	// days after.
	w.at(c.RegisterBy.Add(-25 * time.Hour))
	w.wantLevel(supervision.RuleRegistration, c.ID, "")
	w.at(c.RegisterBy.Add(-time.Minute))
	got := w.wantLevel(supervision.RuleRegistration, c.ID, supervision.LevelYellow)
	if got.OwnerID == nil || *got.OwnerID != c.OwnerID || got.AgencyID == nil || *got.AgencyID != c.AgencyID || !got.DueAt.Equal(c.RegisterBy) {
		t.Fatalf("got %+v, want the contract's parties and register_by %s", got, c.RegisterBy)
	}
	red := w.endAfter(c.RegisterBy, 3)
	w.at(red.Add(-time.Minute))
	w.wantLevel(supervision.RuleRegistration, c.ID, supervision.LevelYellow)
	w.at(red)
	w.wantLevel(supervision.RuleRegistration, c.ID, supervision.LevelRed)

	// Registered by one party it still waits for the other; confirmed, it
	// is done: the confirmation clears the warning without a sweep.
	start := clock.Today(red).Format(time.DateOnly)
	if _, err := w.contract.Register(ctx, owner, c.ID, contract.ContractRegistration{
		DocumentFileID: w.upload(owner, files.PurposeContractDocument), SignedOn: start, StartsOn: start}); err != nil {
		t.Fatal(err)
	}
	w.wantLevel(supervision.RuleRegistration, c.ID, supervision.LevelRed)
	if _, err := w.contract.Confirm(ctx, agencyUser, c.ID); err != nil {
		t.Fatal(err)
	}
	w.wantCleared(supervision.RuleRegistration, c.ID)

	// The first milestone: yellow on its due day, red 3 working days
	// after.
	ms, err := contract.Milestones(ctx, w.db, c.ID)
	if err != nil || len(ms) == 0 {
		t.Fatalf("milestones: %v %v", ms, err)
	}
	m := ms[0]
	due := workdays.EndOf(m.DueOn)
	w.at(due.Add(-25 * time.Hour))
	w.wantLevel(supervision.RuleMilestone, m.ID, "")
	w.at(due.Add(-time.Hour))
	w.wantLevel(supervision.RuleMilestone, m.ID, supervision.LevelYellow)
	w.at(w.endAfter(due, 3))
	w.wantLevel(supervision.RuleMilestone, m.ID, supervision.LevelRed)

	// Submitted, the milestone awaits the owner's review: its warning
	// clears and the review's time limit starts.
	sub, err := w.contract.OpenSubmission(ctx, agencyUser, m.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.contract.Upload(ctx, agencyUser, sub.ID, "report.pdf", strings.NewReader(warnPDF), int64(len(warnPDF))); err != nil {
		t.Fatal(err)
	}
	if _, err := w.contract.Submit(ctx, agencyUser, sub.ID); err != nil {
		t.Fatal(err)
	}
	w.wantCleared(supervision.RuleMilestone, m.ID)
	submitted := w.now()
	review, err := workdays.DeadlineAfter(ctx, w.db, submitted, 5)
	if err != nil {
		t.Fatal(err)
	}
	w.at(submitted)
	w.wantLevel(supervision.RuleAcceptance, sub.ID, "")
	w.at(review.Add(-time.Hour))
	got = w.wantLevel(supervision.RuleAcceptance, sub.ID, supervision.LevelYellow)
	if !got.DueAt.Equal(review) {
		t.Fatalf("review due %s, want 5 working days after submission, %s", got.DueAt, review)
	}
	w.at(w.endAfter(review, 3))
	w.wantLevel(supervision.RuleAcceptance, sub.ID, supervision.LevelRed)

	// Returned, the review is done and the milestone is late again.
	if _, err := w.contract.Decide(ctx, owner, sub.ID, contract.SubmissionDecision{Comments: "补充附件"}); err != nil {
		t.Fatal(err)
	}
	w.wantCleared(supervision.RuleAcceptance, sub.ID)
	w.at(w.now().Add(time.Minute))
	w.wantLevel(supervision.RuleMilestone, m.ID, supervision.LevelRed)

	// A new version accepted: both done.
	sub2, err := w.contract.OpenSubmission(ctx, agencyUser, m.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.contract.Upload(ctx, agencyUser, sub2.ID, "report.pdf", strings.NewReader(warnPDF+" "), int64(len(warnPDF)+1)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.contract.Submit(ctx, agencyUser, sub2.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.contract.Decide(ctx, owner, sub2.ID, contract.SubmissionDecision{Accept: true}); err != nil {
		t.Fatal(err)
	}
	w.wantLevel(supervision.RuleMilestone, m.ID, "")
	w.wantLevel(supervision.RuleAcceptance, sub2.ID, "")
	w.at(w.now().Add(time.Minute))
	w.wantLevel(supervision.RuleMilestone, m.ID, "")
}

func (w *world) now() time.Time {
	w.t.Helper()
	now, err := w.clock.Now(ctx, w.db)
	if err != nil {
		w.t.Fatal(err)
	}
	return now
}

// TestDirectChoiceWarning: an owner's direct choice turns yellow the
// working day before choose_by and clears when the owner chooses.
func TestDirectChoiceWarning(t *testing.T) {
	t.Parallel()
	w := newWarnWorld(t)
	id := w.id("SELECT min(id) FROM announcements WHERE method = 'direct' AND status = 'draft'")
	ownerOrg := w.id("SELECT owner_id FROM announcements WHERE id = ?", id)
	owner := w.userOf(ownerOrg)
	if _, err := w.proc.Publish(ctx, owner, ownerOrg, id); err != nil {
		t.Fatal(err)
	}
	if err := w.proc.SeedCompetition(ctx, id, procurement.DemoOpen, 2); err != nil {
		t.Fatal(err)
	}
	deadline := w.id("SELECT extract(epoch FROM registration_deadline)::bigint FROM announcements WHERE id = ?", id)
	w.clock.Set(time.Unix(deadline+60, 0).UTC())
	if closed, err := w.proc.Close(ctx, id); err != nil || !closed {
		t.Fatalf("close: %v %v", closed, err)
	}
	chooseBy := time.Unix(w.id("SELECT extract(epoch FROM choose_by)::bigint FROM announcements WHERE id = ? AND status = 'closed'", id), 0).UTC()
	w.at(w.now())
	if day, _ := workdays.Count(ctx, w.db, w.now(), chooseBy); day > 1 {
		w.wantLevel(supervision.RuleDirectChoice, id, "")
	}
	w.at(chooseBy.Add(-time.Hour))
	got := w.wantLevel(supervision.RuleDirectChoice, id, supervision.LevelYellow)
	if got.OwnerID == nil || *got.OwnerID != ownerOrg || got.AnnouncementID == nil || *got.AnnouncementID != id {
		t.Fatalf("got %+v, want the announcement's owner", got)
	}
	reg := w.id("SELECT min(id) FROM registrations WHERE announcement_id = ?", id)
	if _, err := w.proc.Choose(ctx, owner, id, procurement.ChoiceInput{RegistrationID: reg, Reason: "熟悉项目情况，承诺时限最短"}); err != nil {
		t.Fatal(err)
	}
	w.wantCleared(supervision.RuleDirectChoice, id)
}

// TestQualificationWarning: an approved qualification turns yellow 20
// working days before it expires and red once expired; renewed (a newer
// one of the same type approved), it clears at the next sweep.
func TestQualificationWarning(t *testing.T) {
	t.Parallel()
	w := newWarnWorld(t)
	var q agency.Qualification
	if err := w.db.NewSelect().Model(&q).Where("status = 'approved'").
		Where("NOT EXISTS (SELECT 1 FROM qualifications n WHERE n.organisation_id = q.organisation_id AND n.type_id = q.type_id AND n.id <> q.id)").
		OrderExpr("valid_to, id").Limit(1).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	expires := workdays.EndOf(q.ValidTo)
	// 21 working days before the valid-to day: nothing; 20: yellow.
	var before21, before20 time.Time
	for d := expires.Add(-24 * time.Hour); ; d = d.Add(-24 * time.Hour) {
		n, err := workdays.Count(ctx, w.db, d, expires)
		if err != nil {
			t.Fatal(err)
		}
		if n == 20 && before20.IsZero() {
			before20 = d
		}
		if n == 21 {
			before21 = d
			break
		}
	}
	w.at(before21)
	w.wantLevel(supervision.RuleQualification, q.ID, "")
	w.at(before20)
	got := w.wantLevel(supervision.RuleQualification, q.ID, supervision.LevelYellow)
	if got.AgencyID == nil || *got.AgencyID != q.OrganisationID || got.Code != q.CertificateNo {
		t.Fatalf("got %+v, want the agency and certificate of %+v", got, q)
	}
	w.at(expires)
	w.wantLevel(supervision.RuleQualification, q.ID, supervision.LevelRed)

	// Renewed: the agency adds the new certificate and the reviewer
	// approves it.
	agencyUser := w.userOf(q.OrganisationID)
	renewed, err := w.ag.AddQualification(ctx, q.OrganisationID, agency.QualificationInput{TypeID: q.TypeID, LevelCode: q.LevelCode,
		CertificateNo: q.CertificateNo + "-R", Issuer: q.Issuer, ValidFrom: clock.Today(expires).Format(time.DateOnly),
		ValidTo: clock.Today(expires).AddDate(5, 0, 0).Format(time.DateOnly), FileID: w.upload(agencyUser, files.PurposeQualificationScan)})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.ag.Submit(ctx, agencyUser, q.OrganisationID); err != nil {
		t.Fatal(err)
	}
	reviewer := w.userOf(w.id("SELECT min(o.id) FROM organisations o JOIN users u ON u.organisation_id = o.id WHERE o.kind = 'regulator' AND u.role = 'regulator'"))
	if err := w.ag.DecideQualification(ctx, reviewer, renewed.ID, agency.Decision{Decision: "approve"}); err != nil {
		t.Fatal(err)
	}
	w.at(w.now().Add(time.Minute))
	w.wantCleared(supervision.RuleQualification, q.ID)
	w.wantLevel(supervision.RuleQualification, renewed.ID, "")
}
