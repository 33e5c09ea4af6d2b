package agency_test

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/agency"
	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/db/dbtest"
	"intermart/internal/errs"
	"intermart/internal/files"
	"intermart/internal/identity"
	"intermart/internal/objects/objtest"
)

var ctx = context.Background()

// world is one agency, one reviewing regulator, one industry regulator, a
// qualification type with two levels and an item that needs the lower one.
type world struct {
	t         *testing.T
	db        *bun.DB
	svc       *agency.Service
	clock     *clock.Fixed
	files     *files.Service
	agencyOrg int64
	agent     *authz.Principal // the agency's admin
	reviewer  *authz.Principal // the government service bureau
	inCharge  *authz.Principal // the regulator in charge of the item
	typeID    int64
	itemID    int64
	otherItem int64 // needs the higher level
	scanID    int64
}

// shanghai returns a moment on a Shanghai calendar day.
func shanghai(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, clock.Shanghai).UTC()
}

func newWorld(t *testing.T) *world {
	t.Helper()
	d := dbtest.New(t)
	ids := identity.NewService(d.Bun)
	cat := catalog.NewService(d.Bun)
	w := &world{t: t, db: d.Bun, clock: clock.NewFixed(shanghai(2026, 6, 1, 9))}
	w.files = files.NewService(d.Bun, objtest.New(t), 1<<20)
	w.svc = agency.NewService(d.Bun, cat, w.files, w.clock)

	regulator := func(name, code, user string, reviewer bool) *authz.Principal {
		org, err := ids.CreateOrganisation(ctx, identity.NewOrganisation{Kind: identity.KindRegulator, Name: name,
			CreditCode: identity.CompleteCreditCode(code), RegionCode: "532900",
			Admin: identity.NewUser{Username: user, DisplayName: name, Password: "regulator-password"}})
		if err != nil {
			t.Fatal(err)
		}
		if reviewer {
			if _, err := d.Bun.NewRaw("UPDATE organisations SET reviews_agencies = true WHERE id = ?", org.ID).Exec(ctx); err != nil {
				t.Fatal(err)
			}
		}
		var uid int64
		if err := d.Bun.NewRaw("SELECT id FROM users WHERE username = ?", user).Scan(ctx, &uid); err != nil {
			t.Fatal(err)
		}
		return &authz.Principal{UserID: uid, OrgID: org.ID, OrgKind: identity.KindRegulator, Role: authz.Regulator, Reviewer: reviewer}
	}
	w.reviewer = regulator("大理州政务服务管理局", "11532900MB0100001", "reg.zwfw", true)
	w.inCharge = regulator("大理州生态环境局", "11532900MB0100003", "reg.sthj", false)

	org, err := ids.SignUpAgency(ctx, identity.AgencySignUp{OrganisationName: "大理洱海环境咨询有限公司",
		CreditCode: identity.CompleteCreditCode("91532901MA6K00001"), RegionCode: "532901", ContactName: "杨雪",
		ContactPhone: "0872-2123456", Username: "erhai", DisplayName: "杨雪", Password: "erhai-password"})
	if err != nil {
		t.Fatal(err)
	}
	w.agencyOrg = org.ID
	var uid int64
	if err := d.Bun.NewRaw("SELECT id FROM users WHERE username = 'erhai'").Scan(ctx, &uid); err != nil {
		t.Fatal(err)
	}
	w.agent = &authz.Principal{UserID: uid, OrgID: org.ID, OrgKind: identity.KindAgency, Role: authz.AgencyAdmin}

	qt, err := cat.CreateQualificationType(ctx, catalog.NewQualificationType{Code: "env-credit", NameZH: "环评信用登记",
		NameEN: "EIA credit registration", Levels: []catalog.NewLevel{{Code: "a", NameZH: "甲级", NameEN: "Grade A"}, {Code: "b", NameZH: "乙级", NameEN: "Grade B"}}})
	if err != nil {
		t.Fatal(err)
	}
	w.typeID = qt.ID
	item := func(code, level string) int64 {
		it, err := cat.CreateItem(ctx, catalog.ItemInput{Code: code, NameZH: "建设项目环境影响评价 " + code, NameEN: "EIA " + code,
			CategoryCode: "environment", RegulatorID: w.inCharge.OrgID, LegalDays: 20, CommittedDays: 10,
			Requirements: []catalog.RequirementInput{{TypeID: qt.ID, MinLevelCode: level}}})
		if err != nil {
			t.Fatal(err)
		}
		return it.ID
	}
	w.itemID, w.otherItem = item("HJ-001", "b"), item("HJ-002", "a")
	f, err := w.files.Upload(ctx, w.agent, files.PurposeQualificationScan, "证书.pdf", bytes.NewReader([]byte("%PDF-1.4\nscan\n%%EOF")), -1)
	if err != nil {
		t.Fatal(err)
	}
	w.scanID = f.ID
	return w
}

func (w *world) must(err error) {
	w.t.Helper()
	if err != nil {
		w.t.Fatal(err)
	}
}

// approved takes the agency through application, review and listing
// approval, with a grade-B qualification valid through validTo.
func (w *world) approved(validTo string) (qualID, listingID int64) {
	w.t.Helper()
	_, err := w.svc.UpdateProfile(ctx, w.agencyOrg, agency.ProfileInput{LegalRepresentative: "杨雪", Address: "大理市下关镇人民南路 1 号",
		ContactName: "杨雪", ContactPhone: "0872-2123456"})
	w.must(err)
	q, err := w.svc.AddQualification(ctx, w.agencyOrg, agency.QualificationInput{TypeID: w.typeID, LevelCode: "b",
		CertificateNo: "HP-2026-001", Issuer: "生态环境部", ValidFrom: "2026-01-01", ValidTo: validTo, FileID: w.scanID})
	w.must(err)
	l, err := w.svc.AddListing(ctx, w.agencyOrg, agency.ListingInput{ItemID: w.itemID, FeeReference: "按国家指导价下浮 10%", Commitment: "10 个工作日"})
	w.must(err)
	w.must(w.svc.Submit(ctx, w.agent, w.agencyOrg))
	w.must(w.svc.DecideQualification(ctx, w.reviewer, q.ID, agency.Decision{Decision: "approve"}))
	w.must(w.svc.DecideProfile(ctx, w.reviewer, w.agencyOrg, agency.Decision{Decision: "approve"}))
	w.must(w.svc.DecideListing(ctx, w.inCharge, l.ID, agency.Decision{Decision: "approve"}))
	return q.ID, l.ID
}

func (w *world) eligibility(itemID int64) []string {
	w.t.Helper()
	reasons, err := w.svc.Eligibility(ctx, w.agencyOrg, itemID)
	w.must(err)
	return reasons
}

func TestApplicationPath(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	if got := w.eligibility(w.itemID); !slices.Contains(got, agency.NotApproved) {
		t.Fatalf("before applying: %v, want %s", got, agency.NotApproved)
	}
	w.approved("2026-12-31")
	if got := w.eligibility(w.itemID); len(got) != 0 {
		t.Fatalf("after approval: %v, want eligible", got)
	}
	if got := w.eligibility(w.otherItem); !slices.Contains(got, agency.NotQualified) {
		t.Fatalf("item needing grade A: %v, want %s", got, agency.NotQualified)
	}
	app, err := w.svc.Application(ctx, w.agencyOrg)
	w.must(err)
	if app.Organisation.Status != identity.StatusActive || app.Profile.Status != agency.StatusApproved {
		t.Fatalf("organisation %s profile %s, want active approved", app.Organisation.Status, app.Profile.Status)
	}
	if len(app.History) != 6 { // 3 submissions, 3 approvals
		t.Fatalf("history has %d events, want 6", len(app.History))
	}
	page, err := w.svc.Directory(ctx, agency.DirectoryFilter{ItemID: w.itemID})
	w.must(err)
	if page.Total != 1 || page.Items[0].ID != w.agencyOrg {
		t.Fatalf("directory under the item: %+v", page)
	}
}

func TestQualificationExpiry(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.approved("2026-12-31")

	w.clock.Set(shanghai(2026, 11, 30, 12)) // 31 days before: too early
	n, err := w.svc.WarnExpiring(ctx)
	w.must(err)
	if n != 0 {
		t.Fatalf("warned %d days early", n)
	}
	w.clock.Set(shanghai(2026, 12, 1, 9))
	if n, _ = w.svc.WarnExpiring(ctx); n != 1 {
		t.Fatalf("30 days before: %d warnings, want 1", n)
	}
	if n, _ = w.svc.WarnExpiring(ctx); n != 0 {
		t.Fatalf("second run: %d warnings, want none", n)
	}
	notes, err := w.svc.Notifications(ctx, w.agencyOrg)
	w.must(err)
	// The approvals told the agency too; the warning is the newest, and the only one.
	warnings := 0
	for _, n := range notes {
		if n.Kind == "qualification_expiring" {
			warnings++
		}
	}
	if warnings != 1 || notes[0].Kind != "qualification_expiring" || notes[0].Params["validTo"] != "2026-12-31" {
		t.Fatalf("notifications = %+v", notes)
	}

	w.clock.Set(shanghai(2026, 12, 31, 23)) // last day, late evening in Dali
	if got := w.eligibility(w.itemID); len(got) != 0 {
		t.Fatalf("on the last valid day: %v, want eligible", got)
	}
	w.clock.Set(shanghai(2027, 1, 1, 0))
	if got := w.eligibility(w.itemID); !slices.Equal(got, []string{agency.NotQualified}) {
		t.Fatalf("the day after: %v, want only %s", got, agency.NotQualified)
	}
	page, err := w.svc.PublicPage(ctx, w.agencyOrg)
	w.must(err)
	if len(page.Qualifications) != 1 || !page.Qualifications[0].Expired {
		t.Fatalf("public page qualifications = %+v, want one expired", page.Qualifications)
	}
}

func TestSanctionEnds(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.approved("2027-12-31")
	end := shanghai(2026, 7, 1, 0)
	_, err := w.svc.Impose(ctx, w.inCharge, w.agencyOrg, agency.SanctionInput{Kind: agency.Suspension,
		Reason: "逾期未提交成果", LegalBasis: "《大理州网上中介服务超市管理办法》第二十条", EndsAt: &end})
	w.must(err)
	if got := w.eligibility(w.itemID); !slices.Equal(got, []string{agency.Sanctioned}) {
		t.Fatalf("suspended: %v", got)
	}
	w.clock.Set(end.Add(-time.Second))
	if got := w.eligibility(w.itemID); !slices.Equal(got, []string{agency.Sanctioned}) {
		t.Fatalf("a second before the end: %v", got)
	}
	w.clock.Set(end)
	if got := w.eligibility(w.itemID); len(got) != 0 {
		t.Fatalf("at the end: %v, want eligible again with nobody acting", got)
	}

	t.Run("Blacklist", func(t *testing.T) {
		_, err := w.svc.Impose(ctx, w.inCharge, w.agencyOrg, agency.SanctionInput{Kind: agency.Blacklist,
			Reason: "提供虚假材料", LegalBasis: "《大理州网上中介服务超市管理办法》第二十二条"})
		w.must(err)
		w.clock.Set(shanghai(2030, 1, 1, 0))
		if got := w.eligibility(w.itemID); !slices.Contains(got, agency.Sanctioned) {
			t.Fatalf("blacklisted without end: %v", got)
		}
		page, err := w.svc.PublicPage(ctx, w.agencyOrg)
		w.must(err)
		if len(page.Sanctions) != 2 || !page.Sanctions[0].InForce || page.Sanctions[1].InForce {
			t.Fatalf("public sanctions = %+v", page.Sanctions)
		}
	})
}

func TestRefusals(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	field := func(err error, location, reason string) {
		t.Helper()
		var e *errs.Error
		if !asErr(err, &e) || len(e.Fields) == 0 || e.Fields[0].Field != location || e.Fields[0].Reason != reason {
			t.Fatalf("err = %v, want %s at %s", err, reason, location)
		}
	}
	valid := agency.QualificationInput{TypeID: w.typeID, LevelCode: "b", CertificateNo: "HP-1", Issuer: "生态环境部",
		ValidFrom: "2026-01-01", ValidTo: "2026-12-31", FileID: w.scanID}

	in := valid
	in.ValidTo = "2025-12-31"
	_, err := w.svc.AddQualification(ctx, w.agencyOrg, in)
	field(err, "body.validTo", "valid_to_before_from")

	in = valid
	in.LevelCode = "z"
	_, err = w.svc.AddQualification(ctx, w.agencyOrg, in)
	field(err, "body.levelCode", "level_unknown")

	other, err := w.files.Upload(ctx, w.reviewer, files.PurposeQualificationScan, "x.pdf", bytes.NewReader([]byte("%PDF-1.4\n%%EOF")), -1)
	w.must(err)
	in = valid
	in.FileID = other.ID
	_, err = w.svc.AddQualification(ctx, w.agencyOrg, in)
	field(err, "body.fileId", "file_unknown")

	_, err = w.svc.AddListing(ctx, w.agencyOrg, agency.ListingInput{ItemID: w.itemID, FeeReference: "面议", Commitment: "10 日"})
	field(err, "body.itemId", "not_qualified")

	app, err := w.svc.Application(ctx, w.agencyOrg)
	w.must(err)
	if len(app.Qualifications)+len(app.Listings) != 0 {
		t.Fatal("refused input was stored")
	}

	q, err := w.svc.AddQualification(ctx, w.agencyOrg, valid)
	w.must(err)
	_, err = w.svc.UpdateProfile(ctx, w.agencyOrg, agency.ProfileInput{LegalRepresentative: "杨雪", Address: "大理市", ContactName: "杨雪", ContactPhone: "0872-2123456"})
	w.must(err)
	w.must(w.svc.Submit(ctx, w.agent, w.agencyOrg))
	if err := w.svc.DecideProfile(ctx, w.reviewer, w.agencyOrg, agency.Decision{Decision: "approve"}); !errs.Is(err, errs.Conflict) {
		t.Fatalf("approve with a qualification pending: %v, want conflict", err)
	}
	field(w.svc.DecideQualification(ctx, w.reviewer, q.ID, agency.Decision{Decision: "reject"}), "body.reason", "reason_required")
	w.must(w.svc.DecideQualification(ctx, w.reviewer, q.ID, agency.Decision{Decision: "reject", Reason: "扫描件不清晰"}))
	w.must(w.svc.DecideProfile(ctx, w.reviewer, w.agencyOrg, agency.Decision{Decision: "reject", Reason: "请补充清晰的资质证书扫描件"}))
	app, err = w.svc.Application(ctx, w.agencyOrg)
	w.must(err)
	if app.Profile.Status != agency.StatusRejected || app.History[0].Reason != "请补充清晰的资质证书扫描件" {
		t.Fatalf("after rejection: %s, latest event %+v", app.Profile.Status, app.History[0])
	}
}

func TestListingChangeKeepsApprovedTerms(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, listingID := w.approved("2027-12-31")
	_, err := w.svc.ChangeListing(ctx, w.agencyOrg, listingID, agency.ListingChange{FeeReference: "按国家指导价下浮 20%", Commitment: "8 个工作日"})
	w.must(err)
	w.must(w.svc.Submit(ctx, w.agent, w.agencyOrg))
	page, err := w.svc.PublicPage(ctx, w.agencyOrg)
	w.must(err)
	if l := page.Listings[0]; l.FeeReference != "按国家指导价下浮 10%" || l.Commitment != "10 个工作日" {
		t.Fatalf("while the change is reviewed the public sees %+v", l)
	}
	w.must(w.svc.DecideListing(ctx, w.inCharge, listingID, agency.Decision{Decision: "approve"}))
	page, err = w.svc.PublicPage(ctx, w.agencyOrg)
	w.must(err)
	if l := page.Listings[0]; l.FeeReference != "按国家指导价下浮 20%" || l.Commitment != "8 个工作日" {
		t.Fatalf("after approval the public sees %+v", l)
	}
}

func TestAfterApproval(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.approved("2027-12-31")

	t.Run("ProfileLocked", func(t *testing.T) {
		_, err := w.svc.UpdateProfile(ctx, w.agencyOrg, agency.ProfileInput{LegalRepresentative: "张三", Address: "大理市下关镇人民南路 1 号",
			ContactName: "杨雪", ContactPhone: "0872-2123456"})
		if !errs.Is(err, errs.Conflict) {
			t.Fatalf("changing the reviewed details: %v, want conflict", err)
		}
		_, err = w.svc.UpdateProfile(ctx, w.agencyOrg, agency.ProfileInput{LegalRepresentative: "杨雪", Address: "大理市下关镇人民南路 1 号",
			ContactName: "杨雪", ContactPhone: "0872-2999999"})
		w.must(err)
	})

	t.Run("NewQualificationReachesTheReviewer", func(t *testing.T) {
		_, err := w.svc.AddQualification(ctx, w.agencyOrg, agency.QualificationInput{TypeID: w.typeID, LevelCode: "a",
			CertificateNo: "HP-2026-002", Issuer: "生态环境部", ValidFrom: "2026-03-01", ValidTo: "2029-02-28", FileID: w.scanID})
		w.must(err)
		w.must(w.svc.Submit(ctx, w.agent, w.agencyOrg))
		queue, err := w.svc.Queue(ctx, w.reviewer)
		w.must(err)
		if len(queue) != 1 || queue[0].Subject != "profile" || queue[0].OrganisationID != w.agencyOrg {
			t.Fatalf("reviewer's queue = %+v, want the agency's application", queue)
		}
	})
}

func TestReadingWritesNothing(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	app, err := w.svc.Application(ctx, w.agencyOrg)
	w.must(err)
	if app.Profile.Status != agency.StatusDraft {
		t.Fatalf("new agency's profile status %q", app.Profile.Status)
	}
	var rows int
	w.must(w.db.NewRaw("SELECT count(*) FROM agency_profiles").Scan(ctx, &rows))
	if rows != 0 {
		t.Fatalf("reading the application wrote %d profile rows", rows)
	}
	queue, err := w.svc.Queue(ctx, w.reviewer)
	w.must(err)
	if len(queue) != 0 {
		t.Fatalf("queue after a read: %+v", queue)
	}
	if _, err := w.svc.PublicPage(ctx, w.agencyOrg); !errs.Is(err, errs.NotFound) {
		t.Fatalf("public page of a pending agency: %v", err)
	}
}

// TestSanctionOwnerNotFound checks a missing sanction is reported as such,
// not as an owner of 0 left to the policy to refuse.
func TestSanctionOwnerNotFound(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, err := w.svc.SanctionOwner(ctx, 987654321)
	if errs.CodeOf(err) != errs.NotFound {
		t.Fatalf("err = %v, want not found", err)
	}
}
