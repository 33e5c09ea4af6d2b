package procurement_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"intermart/internal/authz"
	"intermart/internal/errs"
	"intermart/internal/export"
	"intermart/internal/identity"
	"intermart/internal/procurement"
)

// TestAnnouncementExports reads the announcement list's exports back: an
// owner's holds only its own announcements under the list's filters, Excel
// and CSV agree, headings follow the caller's language, and a list over the
// row limit is refused with a 422.
func TestAnnouncementExports(t *testing.T) {
	w := newWorld(t)
	a, err := w.svc.CreateAnnouncement(ctx, w.owner, w.input())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.Publish(ctx, w.owner, w.owner.OrgID, a.ID); err != nil {
		t.Fatal(err)
	}
	draft, err := w.svc.CreateAnnouncement(ctx, w.owner, w.input())
	if err != nil {
		t.Fatal(err)
	}
	// Another owner's announcement, which the owner's export must not hold.
	p, err := w.svc.CreateProject(ctx, w.other, procurement.ProjectInput{Code: "2026-532901-48-01-000002",
		Name: "另一业主的项目", RegionCode: "532901", TotalInvestmentFen: 1_000_000_000, Stage: procurement.StageDesign})
	if err != nil {
		t.Fatal(err)
	}
	p, err = w.svc.AddProjectService(ctx, w.other.OrgID, p.ID, procurement.ProjectServiceInput{ItemID: w.itemID, PlannedDate: "2026-10-01"})
	if err != nil {
		t.Fatal(err)
	}
	in := w.input()
	in.ProjectServiceID, in.Title = p.Services[0].ID, "另一业主的公告"
	theirs, err := w.svc.CreateAnnouncement(ctx, w.other, in)
	if err != nil {
		t.Fatal(err)
	}

	mine, err := w.svc.Announcements(ctx, w.owner, procurement.AnnouncementFilter{})
	if err != nil {
		t.Fatal(err)
	}
	tab, err := w.svc.AnnouncementsTable(ctx, w.owner, procurement.AnnouncementFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var x bytes.Buffer
	if err := export.WriteXLSX(&x, tab); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetName(0), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if f.GetSheetName(0) != "采购公告" || rows[0][0] != "公告编号" || len(rows) != len(mine)+1 {
		t.Fatalf("xlsx: sheet %q, heading %v, %d rows for %d announcements", f.GetSheetName(0), rows[0], len(rows)-1, len(mine))
	}
	titles := map[string][]string{}
	for _, r := range rows[1:] {
		if r[1] == theirs.Title {
			t.Errorf("the owner's export holds another owner's announcement: %v", r)
		}
		titles[r[1]+"/"+r[8]] = r
	}
	published := titles[a.Title+"/报名中"]
	if published == nil || published[0] == "" || published[6] != "竞价选取" || published[7] != "300000" || published[10] != "0" {
		t.Errorf("the published announcement's row: %v (want its code, 竞价选取, 300000 yuan, 0 registrants)", published)
	}
	if titles[draft.Title+"/草稿"] == nil {
		t.Errorf("the draft is missing: %v", rows)
	}

	// CSV in English under the status filter: only the draft.
	en := *w.owner
	en.Language = identity.LangEN
	tab, err = w.svc.AnnouncementsTable(ctx, &en, procurement.AnnouncementFilter{Status: procurement.StatusDraft})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := export.WriteCSV(&b, tab); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0][0] != "Announcement code" || recs[1][8] != "Draft" || recs[1][7] != "300000.00" {
		t.Errorf("csv of the drafts: %v", recs)
	}

	// Regulators export every owner's.
	regulator := &authz.Principal{OrgKind: identity.KindRegulator, Role: "regulator",
		OrgID: w.id("SELECT min(id) FROM organisations WHERE kind = 'regulator'")}
	all, err := w.svc.AnnouncementsTable(ctx, regulator, procurement.AnnouncementFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(all.Rows)) != w.id("SELECT count(*) FROM announcements") {
		t.Errorf("the regulators' export has %d rows", len(all.Rows))
	}

	// Over the row limit: a 422 that says to narrow the list.
	defer procurement.SetAnnouncementExportLimit(2)()
	_, err = w.svc.AnnouncementsTable(ctx, regulator, procurement.AnnouncementFilter{})
	if e, ok := err.(*errs.Error); !ok || e.Code != errs.Invalid || len(e.Fields) == 0 || e.Fields[0].Reason != "export_too_large" {
		t.Fatalf("over the limit: %v, want a 422 export_too_large", err)
	}
}
