package app

import (
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"intermart/internal/export"
	"intermart/internal/procurement"
)

// TestComplaintExports downloads the complaints list as Excel and CSV: the
// headers that save it, the rows the caller's list shows (a regulator's
// every one, a party's own, nothing for a bystander), under the list's
// filter.
func TestComplaintExports(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	item, users, _ := s.eligibleAgencies(t, 3)
	clients := make([]*client, len(users))
	for i, u := range users {
		clients[i] = s.signIn(u)
	}
	id, code := s.publish(t, item, announcementOpts{method: procurement.MethodLowest, ceiling: 1_000_000})
	for i, c := range clients {
		if res := s.register(t, c, id, int64(600_000+i*10_000)); res.status != 200 {
			t.Fatalf("register: %d %s", res.status, res.body)
		}
	}
	s.passDeadline(t, id)
	first := s.result(t, code).Selections[0]
	complainant, bystander := clients[1], clients[2]
	grounds := "中选机构报价明显低于成本，请依法调查并取消其中选资格。"
	if res := complainant.do("POST", "/api/v1/complaints", map[string]any{"targetKind": "selection", "targetId": first.ID, "grounds": grounds}); res.status != 201 {
		t.Fatalf("file: %d %s", res.status, res.body)
	}

	regulator := s.signIn("reg.zwfw")
	res := regulator.do("GET", "/api/v1/complaints/export.xlsx", nil)
	if res.status != 200 || res.header.Get("Content-Type") != export.ContentTypeXLSX ||
		!strings.HasPrefix(res.header.Get("Content-Disposition"), `attachment; filename="complaints-`) {
		t.Fatalf("xlsx: %d %v %.200s", res.status, res.header, res.body)
	}
	f, err := excelize.OpenReader(strings.NewReader(res.body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0][6] != "投诉事由" || rows[1][1] != "选取结果" || rows[1][2] != code || rows[1][6] != grounds || rows[1][7] != "待受理" {
		t.Fatalf("the regulator's workbook: %v", rows)
	}

	csvRows := func(c *client, query string) [][]string {
		t.Helper()
		res := c.do("GET", "/api/v1/complaints/export.csv"+query, nil)
		if res.status != 200 || !strings.HasPrefix(res.header.Get("Content-Type"), "text/csv") {
			t.Fatalf("csv: %d %v %s", res.status, res.header, res.body)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(res.body, "\uFEFF"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	if recs := csvRows(complainant, ""); len(recs) != 2 || recs[1][6] != grounds {
		t.Errorf("the complainant's CSV: %v", recs)
	}
	if recs := csvRows(bystander, ""); len(recs) != 1 {
		t.Errorf("a bystander's CSV holds others' complaints: %v", recs)
	}
	if recs := csvRows(regulator, "?status=upheld"); len(recs) != 1 {
		t.Errorf("the status filter is not applied: %v", recs)
	}
	if res := regulator.do("GET", "/api/v1/complaints/export.csv?status=nonsense", nil); res.status != 422 {
		t.Errorf("a bad filter: %d %s", res.status, res.body)
	}
}
