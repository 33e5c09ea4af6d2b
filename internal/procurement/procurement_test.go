package procurement_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/agency"
	"intermart/internal/audit"
	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/clock"
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

var ctx = context.Background()

// world is the demo marketplace with the procurement service on a fixed
// clock standing on Thursday 24 September 2026, 10:00 in Shanghai, the
// day before the Mid-Autumn holiday (25–27 September).
type world struct {
	t       *testing.T
	db      *bun.DB
	svc     *procurement.Service
	clock   *clock.Fixed
	sealer  *seal.Sealer
	owner   *authz.Principal // owner.staff of 大理市住房和城乡建设局
	other   *authz.Principal // the admin of another owner organisation
	itemID  int64            // an environment item the demo agencies list
	project int64
	service int64 // a planned service of project, of itemID
}

func shanghai(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, clock.Shanghai).UTC()
}

func newWorld(t *testing.T) *world {
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
	w := &world{t: t, db: d.Bun, clock: clock.NewFixed(shanghai(2026, 9, 24, 10)), sealer: sealer}
	ids := identity.NewService(d.Bun)
	cat := catalog.NewService(d.Bun)
	fs := files.NewService(d.Bun, store, 1<<20)
	w.svc = procurement.NewService(procurement.Deps{DB: d.Bun, Identity: ids, Catalog: cat,
		Agency: agency.NewService(d.Bun, cat, fs, w.clock), Files: fs, Clock: w.clock, Queue: queue,
		Sealer: sealer, OCIDPrefix: "ocds-test-"})
	w.owner = w.principal("owner.staff")
	w.other = w.principal("owner.zjt")
	w.itemID = w.id(`SELECT si.id FROM service_items si WHERE si.code LIKE 'HJ-%' AND si.active
		AND EXISTS (SELECT 1 FROM listings l WHERE l.item_id = si.id AND l.approved_at IS NOT NULL) ORDER BY si.id LIMIT 1`)
	p, err := w.svc.CreateProject(ctx, w.owner, procurement.ProjectInput{Code: "2026-532901-48-01-000001",
		Name: "洱海西区污水管网改造工程", RegionCode: "532901", TotalInvestmentFen: 12_000_000_000, Stage: procurement.StageDesign})
	if err != nil {
		t.Fatal(err)
	}
	w.project = p.ID
	p, err = w.svc.AddProjectService(ctx, w.owner.OrgID, p.ID, procurement.ProjectServiceInput{ItemID: w.itemID, PlannedDate: "2026-10-01"})
	if err != nil {
		t.Fatal(err)
	}
	w.service = p.Services[0].ID
	return w
}

func (w *world) id(query string, args ...any) int64 {
	w.t.Helper()
	var n int64
	if err := w.db.NewRaw(query, args...).Scan(ctx, &n); err != nil {
		w.t.Fatalf("%s: %v", query, err)
	}
	return n
}

func (w *world) principal(username string) *authz.Principal {
	w.t.Helper()
	var p struct {
		ID    int64  `bun:"id"`
		Org   int64  `bun:"organisation_id"`
		Role  string `bun:"role"`
		Kind  string `bun:"kind"`
		Extra string `bun:"-"`
	}
	err := w.db.NewRaw(`SELECT u.id, u.organisation_id, u.role, o.kind FROM users u JOIN organisations o ON o.id = u.organisation_id
		WHERE u.username = ?`, username).Scan(ctx, &p)
	if err != nil {
		w.t.Fatal(err)
	}
	return &authz.Principal{UserID: p.ID, OrgID: p.Org, Role: p.Role, OrgKind: p.Kind}
}

// input is a valid lowest-price announcement of the world's planned
// service, closing on Wednesday 30 September at 17:00: the third working
// day after the Mid-Autumn holiday's Thursday.
func (w *world) input() procurement.AnnouncementInput {
	deadline := shanghai(2026, 9, 30, 17)
	return procurement.AnnouncementInput{ProjectServiceID: w.service, Title: "洱海西区污水管网改造工程建设项目环境影响评价",
		Description: "编制建设项目环境影响报告书并取得批复。", CeilingFen: 30_000_000, Method: procurement.MethodLowest,
		ServiceWorkdays: 20, RegistrationDeadline: &deadline}
}

func wantField(t *testing.T, err error, field, reason string) {
	t.Helper()
	e, ok := err.(*errs.Error)
	if !ok {
		t.Fatalf("err = %v, want a field error %s %s", err, field, reason)
	}
	for _, f := range e.Fields {
		if f.Field == field && f.Reason == reason {
			return
		}
	}
	t.Fatalf("err = %+v, want field %s with reason %s", e.Fields, field, reason)
}

func wantReason(t *testing.T, err error, code errs.Code, reason string) {
	t.Helper()
	e, ok := err.(*errs.Error)
	if !ok || e.Code != code || e.Reason != reason {
		t.Fatalf("err = %v, want %s %s", err, code, reason)
	}
}

// TestAnnouncementRules checks every rule of the rules table and the form
// on drafting and publishing: each broken rule is a field error with its
// reason, and nothing is stored.
func TestAnnouncementRules(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	committed := int(w.id("SELECT committed_days FROM service_items WHERE id = ?", w.itemID))
	otherFile := w.id("SELECT min(id) FROM files")
	agencyID := w.id("SELECT organisation_id FROM users WHERE username = 'agency'")
	otherService := w.id(`INSERT INTO projects (owner_id, code, name, region_code, total_investment_fen, stage)
		VALUES (?, '2026-532900-48-01-000009', '他人项目', '532900', 1, 'planning') RETURNING id`, w.other.OrgID)
	otherService = w.id("INSERT INTO project_services (project_id, item_id) VALUES (?, ?) RETURNING id", otherService, w.itemID)
	at := func(y int, m time.Month, d, h int) *time.Time { t := shanghai(y, m, d, h); return &t }
	cases := []struct {
		name, field, reason string
		change              func(*procurement.AnnouncementInput)
	}{
		{"CeilingZero", "body.ceilingFen", "ceiling_not_positive", func(in *procurement.AnnouncementInput) { in.CeilingFen = 0 }},
		{"CeilingOverMax", "body.ceilingFen", "ceiling_over_max", func(in *procurement.AnnouncementInput) { in.CeilingFen = 100_000_000_001 }},
		{"DirectOverLimit", "body.method", "direct_over_limit", func(in *procurement.AnnouncementInput) {
			in.Method, in.CeilingFen = procurement.MethodDirect, 10_000_000
		}},
		{"RandomWithoutPrice", "body.statedPriceFen", "stated_price_required", func(in *procurement.AnnouncementInput) { in.Method = procurement.MethodRandom }},
		{"StatedPriceOverCeiling", "body.statedPriceFen", "stated_price_over_ceiling", func(in *procurement.AnnouncementInput) {
			p := in.CeilingFen + 1
			in.Method, in.StatedPriceFen = procurement.MethodRandom, &p
		}},
		{"WeightsNot100", "body.weightPrice", "weights_sum", func(in *procurement.AnnouncementInput) {
			a, b, c := 50, 30, 30
			in.Method, in.WeightPrice, in.WeightCredit, in.WeightRating = procurement.MethodComprehensive, &a, &b, &c
		}},
		{"WeightMissing", "body.weightRating", "weight_required", func(in *procurement.AnnouncementInput) {
			a, b := 50, 50
			in.Method, in.WeightPrice, in.WeightCredit = procurement.MethodComprehensive, &a, &b
		}},
		{"ServicePeriodOverLimit", "body.serviceWorkdays", "service_period_over_limit", func(in *procurement.AnnouncementInput) { in.ServiceWorkdays = committed + 1 }},
		// Thursday 10:00 to Tuesday 29 September: the holiday leaves two working days.
		{"DeadlineTooSoon", "body.registrationDeadline", "deadline_too_soon", func(in *procurement.AnnouncementInput) { in.RegistrationDeadline = at(2026, 9, 29, 23) }},
		{"DeadlinePassed", "body.registrationDeadline", "deadline_passed", func(in *procurement.AnnouncementInput) { in.RegistrationDeadline = at(2026, 9, 24, 9) }},
		{"TitleShort", "body.title", "length", func(in *procurement.AnnouncementInput) { in.Title = "环" }},
		{"AnotherOwnersService", "body.projectServiceId", "project_service_unknown", func(in *procurement.AnnouncementInput) { in.ProjectServiceID = otherService }},
		{"AnotherOrganisationsFile", "body.fileIds[0]", "attachment_unknown", func(in *procurement.AnnouncementInput) { in.FileIDs = []int64{otherFile} }},
		{"AvoidNoAgency", "body.avoidances[0].agencyId", "agency_unknown", func(in *procurement.AnnouncementInput) {
			in.Avoidances = []procurement.AvoidanceInput{{AgencyID: w.other.OrgID, Reason: "关联单位"}}
		}},
		{"AvoidWithoutReason", "body.avoidances[0].reason", "required", func(in *procurement.AnnouncementInput) {
			in.Avoidances = []procurement.AvoidanceInput{{AgencyID: agencyID}}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := w.input()
			c.change(&in)
			_, err := w.svc.CreateAnnouncement(ctx, w.owner, in)
			wantField(t, err, c.field, c.reason)
		})
	}
	if n := w.id("SELECT count(*) FROM announcements"); n != 0 {
		t.Fatalf("%d announcements stored by refused drafts", n)
	}

	t.Run("DeadlineOnTheThirdWorkingDay", func(t *testing.T) {
		if _, err := w.svc.CreateAnnouncement(ctx, w.owner, w.input()); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("DirectBelowLimit", func(t *testing.T) {
		in := w.input()
		in.Method, in.CeilingFen = procurement.MethodDirect, 9_999_999
		if _, err := w.svc.CreateAnnouncement(ctx, w.owner, in); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("RulesFollowTheTable", func(t *testing.T) {
		admin := w.principal("admin")
		rules, err := w.svc.Rules(ctx)
		if err != nil {
			t.Fatal(err)
		}
		in := procurement.RulesInput{DirectLimitFen: 5_000_000, MaxCeilingFen: rules.MaxCeilingFen, MinRegistrants: 3,
			MinRegistrantsDirect: 1, RegistrationWorkdays: 4, DirectChoiceWorkdays: 3, PublicityWorkdays: 3,
			ObjectionAnswerWorkdays: 3, ComplaintAnswerWorkdays: 10, ContractRegisterWorkdays: 5, AbnormalLowPercent: 50}
		if _, err := w.svc.UpdateRules(ctx, admin, in); err != nil {
			t.Fatal(err)
		}
		d := w.input()
		d.Method, d.CeilingFen = procurement.MethodDirect, 9_999_999
		_, err = w.svc.CreateAnnouncement(ctx, w.owner, d)
		wantField(t, err, "body.method", "direct_over_limit")
		// Four working days now: Wednesday the 30th is the third.
		_, err = w.svc.CreateAnnouncement(ctx, w.owner, w.input())
		wantField(t, err, "body.registrationDeadline", "deadline_too_soon")
		in.AbnormalLowPercent = 100
		_, err = w.svc.UpdateRules(ctx, admin, in)
		wantField(t, err, "body.abnormalLowPercent", "number_range")
	})
}

// TestPublish checks what publication does, in one transaction: the code
// and ocid, the sealed secret and its commitment, the requirements copied,
// the closing job at the deadline, the audit event and the notifications to
// the agencies listing the item, the avoided one excepted.
func TestPublish(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	listed, err := agency.ListedFor(ctx, w.db, w.itemID)
	if err != nil {
		t.Fatal(err)
	}
	if len(listed) < 2 {
		t.Fatalf("the demo lists item %d by %d agencies, want at least 2", w.itemID, len(listed))
	}
	in := w.input()
	in.Avoidances = []procurement.AvoidanceInput{{AgencyID: listed[0], Reason: "与建设单位存在隶属关系"}}
	d, err := w.svc.CreateAnnouncement(ctx, w.owner, in)
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != procurement.StatusDraft || d.Code != "" || !slicesEqual(d.Actions, nil) {
		// Outside an API request no action is offered (authz.May allows nothing).
		t.Fatalf("draft: %+v", d)
	}
	a, err := w.svc.Publish(ctx, w.owner, w.owner.OrgID, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != procurement.StatusOpen || a.Code != "DLZJ-2026-000001" || a.OCID != "ocds-test-DLZJ-2026-000001" {
		t.Fatalf("published: status %s code %s ocid %s", a.Status, a.Code, a.OCID)
	}
	var stored procurement.Announcement
	if err := w.db.NewSelect().Model(&stored).Where("id = ?", a.ID).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	secret, err := w.sealer.Open(a.ID, stored.DrawSecretSealed, procurement.DrawAAD(a.ID))
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(secret); !bytes.Equal(sum[:], stored.DrawCommitment) || len(secret) != 32 {
		t.Fatalf("commitment %x is not SHA-256 of the sealed secret", stored.DrawCommitment)
	}
	if bytes.Contains(stored.DrawSecretSealed, secret) {
		t.Fatal("the secret is stored in the clear")
	}
	if got, want := w.id("SELECT count(*) FROM announcement_requirements WHERE announcement_id = ?", a.ID),
		w.id("SELECT count(*) FROM service_item_requirements WHERE item_id = ?", w.itemID); got != want || got == 0 {
		t.Fatalf("%d requirements copied, want %d", got, want)
	}
	var job struct {
		ScheduledAt time.Time `bun:"scheduled_at"`
		Args        string    `bun:"args"`
	}
	if err := w.db.NewRaw("SELECT scheduled_at, args::text AS args FROM river_job WHERE kind = 'procurement.close'").Scan(ctx, &job); err != nil {
		t.Fatal(err)
	}
	if !job.ScheduledAt.Equal(*a.RegistrationDeadline) || !strings.Contains(job.Args, fmt.Sprintf(`"announcementId": %d`, a.ID)) {
		t.Fatalf("close job at %s with %s, want at %s", job.ScheduledAt, job.Args, a.RegistrationDeadline)
	}
	history, err := audit.History(ctx, w.db, audit.Chain("announcement", a.ID))
	if err != nil {
		t.Fatal(err)
	}
	if len(history) != 2 || history[0].Action != "announcement.create" || history[1].Action != "announcement.publish" {
		t.Fatalf("audit trail %+v", history)
	}
	if br, err := audit.Verify(ctx, w.db, audit.Chain("announcement", a.ID)); err != nil || br != nil {
		t.Fatalf("audit chain: %v %v", br, err)
	}
	told := w.id("SELECT count(*) FROM notifications WHERE kind = 'announcement_published' AND (params->>'announcementId')::bigint = ?", a.ID)
	if told != int64(len(listed)-1) {
		t.Fatalf("%d agencies told, want %d (the listing agencies but the avoided one)", told, len(listed)-1)
	}
	if n := w.id("SELECT count(*) FROM notifications WHERE kind = 'announcement_published' AND organisation_id = ?", listed[0]); n != 0 {
		t.Fatal("the avoided agency was told")
	}

	t.Run("CodesNumberOnWithinTheYear", func(t *testing.T) {
		d, err := w.svc.CreateAnnouncement(ctx, w.owner, w.input())
		if err != nil {
			t.Fatal(err)
		}
		b, err := w.svc.Publish(ctx, w.owner, w.owner.OrgID, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if b.Code != "DLZJ-2026-000002" {
			t.Fatalf("second code %s", b.Code)
		}
	})
	t.Run("PublishedOnlyOnce", func(t *testing.T) {
		_, err := w.svc.Publish(ctx, w.owner, w.owner.OrgID, a.ID)
		wantReason(t, err, errs.Conflict, "announcement_not_draft")
	})
	t.Run("NotByAnotherOwner", func(t *testing.T) {
		_, err := w.svc.Publish(ctx, w.other, w.other.OrgID, a.ID)
		wantReason(t, err, errs.NotFound, "announcement_not_found")
	})
	t.Run("RulesCheckedAgainAtPublication", func(t *testing.T) {
		d, err := w.svc.CreateAnnouncement(ctx, w.owner, w.input())
		if err != nil {
			t.Fatal(err)
		}
		w.clock.Set(shanghai(2026, 9, 28, 10)) // on Monday the deadline is two working days away
		defer w.clock.Set(shanghai(2026, 9, 24, 10))
		_, err = w.svc.Publish(ctx, w.owner, w.owner.OrgID, d.ID)
		wantField(t, err, "body.registrationDeadline", "deadline_too_soon")
		if n := w.id("SELECT count(*) FROM river_job WHERE kind = 'procurement.close'"); n != 2 {
			t.Fatalf("%d close jobs, want 2: a refused publication scheduled one", n)
		}
	})
}

func slicesEqual(a, b []string) bool { return strings.Join(a, ",") == strings.Join(b, ",") }

// TestLifecycle walks the owner's transitions on the real database: every
// allowed one works and every other is refused with its reason.
func TestLifecycle(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	org := w.owner.OrgID
	draft := func() int64 {
		d, err := w.svc.CreateAnnouncement(ctx, w.owner, w.input())
		if err != nil {
			t.Fatal(err)
		}
		return d.ID
	}
	open := func() int64 {
		id := draft()
		if _, err := w.svc.Publish(ctx, w.owner, org, id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	failed := func() int64 {
		id := open()
		w.id("UPDATE announcements SET status = 'failed', closed_at = now(), failed_at = now(), fail_reason = 'too_few_registrants' WHERE id = ? RETURNING id", id)
		return id
	}
	cancel := procurement.CancelInput{Reason: "项目调整，暂停采购"}

	t.Run("DraftEditedAndDeleted", func(t *testing.T) {
		id := draft()
		in := w.input()
		in.Title = "修改后的标题：环境影响评价"
		a, err := w.svc.UpdateAnnouncement(ctx, w.owner, org, id, in)
		if err != nil || a.Title != in.Title {
			t.Fatalf("edit: %v %+v", err, a)
		}
		if err := w.svc.DeleteAnnouncement(ctx, w.owner, org, id); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Announcement(ctx, id); !errs.Is(err, errs.NotFound) {
			t.Fatalf("deleted draft: %v", err)
		}
	})
	t.Run("DraftNotCancelledOrRelisted", func(t *testing.T) {
		id := draft()
		_, err := w.svc.Cancel(ctx, w.owner, org, id, cancel)
		wantReason(t, err, errs.Conflict, "announcement_not_open")
		_, err = w.svc.Relist(ctx, w.owner, org, id)
		wantReason(t, err, errs.Conflict, "announcement_not_failed")
	})
	t.Run("OpenNotEditedDeletedOrRelisted", func(t *testing.T) {
		id := open()
		_, err := w.svc.UpdateAnnouncement(ctx, w.owner, org, id, w.input())
		wantReason(t, err, errs.Conflict, "announcement_not_draft")
		err = w.svc.DeleteAnnouncement(ctx, w.owner, org, id)
		wantReason(t, err, errs.Conflict, "announcement_not_draft")
		_, err = w.svc.Relist(ctx, w.owner, org, id)
		wantReason(t, err, errs.Conflict, "announcement_not_failed")
	})
	t.Run("OpenCancelledWithReasonRegistrantsTold", func(t *testing.T) {
		id := open()
		_, err := w.svc.Cancel(ctx, w.owner, org, id, procurement.CancelInput{Reason: " "})
		wantField(t, err, "body.reason", "required")
		registrant := w.id("SELECT organisation_id FROM users WHERE username = 'agency.erhai'")
		withdrawn := w.id("SELECT organisation_id FROM users WHERE username = 'agency'")
		user := w.id("SELECT id FROM users WHERE username = 'agency.erhai'")
		w.id("INSERT INTO registrations (announcement_id, agency_id, registered_by) VALUES (?, ?, ?) RETURNING id", id, registrant, user)
		w.id("INSERT INTO registrations (announcement_id, agency_id, registered_by, status) VALUES (?, ?, ?, 'withdrawn') RETURNING id", id, withdrawn, user)
		a, err := w.svc.Cancel(ctx, w.owner, org, id, cancel)
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != procurement.StatusCancelled || a.CancelReason != cancel.Reason {
			t.Fatalf("cancelled: %s %q", a.Status, a.CancelReason)
		}
		told := func(org int64) int64 {
			return w.id("SELECT count(*) FROM notifications WHERE kind = 'announcement_cancelled' AND organisation_id = ? AND (params->>'announcementId')::bigint = ?", org, id)
		}
		if told(registrant) != 1 || told(withdrawn) != 0 {
			t.Fatalf("registrant told %d times, withdrawn one %d", told(registrant), told(withdrawn))
		}
		_, err = w.svc.Cancel(ctx, w.owner, org, id, cancel)
		wantReason(t, err, errs.Conflict, "announcement_not_open")
	})
	t.Run("NotCancelledAfterTheDeadline", func(t *testing.T) {
		id := open()
		w.clock.Set(shanghai(2026, 10, 1, 0))
		defer w.clock.Set(shanghai(2026, 9, 24, 10))
		_, err := w.svc.Cancel(ctx, w.owner, org, id, cancel)
		wantReason(t, err, errs.Conflict, "registration_closed")
	})
	t.Run("FailedRelistedOnceAsTheNextRound", func(t *testing.T) {
		id := failed()
		_, err := w.svc.Cancel(ctx, w.owner, org, id, cancel)
		wantReason(t, err, errs.Conflict, "announcement_not_open")
		next, err := w.svc.Relist(ctx, w.owner, org, id)
		if err != nil {
			t.Fatal(err)
		}
		if next.Round != 2 || next.PreviousID == nil || *next.PreviousID != id || next.Status != procurement.StatusDraft ||
			next.RegistrationDeadline != nil || next.Title != w.input().Title || next.CeilingFen != w.input().CeilingFen {
			t.Fatalf("next round: %+v", next)
		}
		prev, err := w.svc.Announcement(ctx, id)
		if err != nil || prev.NextID == nil || *prev.NextID != next.ID {
			t.Fatalf("previous round: %v %+v", err, prev)
		}
		_, err = w.svc.Relist(ctx, w.owner, org, id)
		wantReason(t, err, errs.Conflict, "already_relisted")
		// The new round needs its own deadline before it is published.
		_, err = w.svc.Publish(ctx, w.owner, org, next.ID)
		wantField(t, err, "body.registrationDeadline", "deadline_required")
	})
}

// TestProjects checks the national project code, the region, and each
// planned service's state as its announcements move.
func TestProjects(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	valid := procurement.ProjectInput{Code: "2026-532923-77-02-000042", Name: "祥云县城区供水改扩建工程", RegionCode: "532923",
		TotalInvestmentFen: 5_000_000_000, Stage: procurement.StagePlanning}
	cases := []struct {
		name, field, reason string
		change              func(*procurement.ProjectInput)
	}{
		{"CodeFormat", "body.code", "project_code_format", func(in *procurement.ProjectInput) { in.Code = "2026-532923-77-02-42" }},
		{"DivisionOutsideDali", "body.code", "project_code_division", func(in *procurement.ProjectInput) { in.Code = "2026-530102-77-02-000042" }},
		{"Taken", "body.code", "project_code_taken", func(in *procurement.ProjectInput) { in.Code = "2026-532901-48-01-000001" }},
		{"Region", "body.regionCode", "region_unknown", func(in *procurement.ProjectInput) { in.RegionCode = "110101" }},
		{"Stage", "body.stage", "stage_unknown", func(in *procurement.ProjectInput) { in.Stage = "dreaming" }},
		{"Investment", "body.totalInvestmentFen", "amount_range", func(in *procurement.ProjectInput) { in.TotalInvestmentFen = -1 }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := valid
			c.change(&in)
			_, err := w.svc.CreateProject(ctx, w.owner, in)
			wantField(t, err, c.field, c.reason)
		})
	}
	p, err := w.svc.CreateProject(ctx, w.owner, valid)
	if err != nil {
		t.Fatal(err)
	}
	if p.RegionNameZH != "祥云县" || p.OwnerID != w.owner.OrgID {
		t.Fatalf("project %+v", p)
	}
	_, err = w.svc.AddProjectService(ctx, w.owner.OrgID, p.ID, procurement.ProjectServiceInput{ItemID: w.itemID, PlannedDate: "2026-13-01"})
	wantField(t, err, "body.plannedDate", "date_format")
	if _, err = w.svc.AddProjectService(ctx, w.other.OrgID, p.ID, procurement.ProjectServiceInput{ItemID: w.itemID}); !errs.Is(err, errs.NotFound) {
		t.Fatalf("another owner adds a service: %v", err)
	}

	state := func() string {
		t.Helper()
		p, err := w.svc.Project(ctx, w.project)
		if err != nil {
			t.Fatal(err)
		}
		return p.Services[0].State
	}
	if s := state(); s != procurement.ServiceToBuy {
		t.Fatalf("state %s, want to_buy", s)
	}
	d, err := w.svc.CreateAnnouncement(ctx, w.owner, w.input())
	if err != nil {
		t.Fatal(err)
	}
	if s := state(); s != procurement.ServiceToBuy {
		t.Fatalf("state with a draft %s, want to_buy", s)
	}
	err = w.svc.DeleteProjectService(ctx, w.owner.OrgID, w.project, w.service)
	wantReason(t, err, errs.Conflict, "service_has_announcements")
	if _, err := w.svc.Publish(ctx, w.owner, w.owner.OrgID, d.ID); err != nil {
		t.Fatal(err)
	}
	if s := state(); s != procurement.ServiceOpen {
		t.Fatalf("state while open %s, want open", s)
	}
	w.id("UPDATE announcements SET status = 'awarded', awarded_at = now() WHERE id = ? RETURNING id", d.ID)
	if s := state(); s != procurement.ServiceDone {
		t.Fatalf("state once awarded %s, want done", s)
	}
}
