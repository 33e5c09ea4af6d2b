package app

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"intermart/internal/procurement"
)

// announceOverHTTP has the owner's staff create a project, plan a service of
// an environment item and publish an announcement of it titled title,
// closing a month from now; it returns the
// announcement's id and code.
func announceOverHTTP(t *testing.T, s *testServer, c *client, projectCode, title string) (int64, string) {
	t.Helper()
	itemID := s.id(`SELECT si.id FROM service_items si WHERE si.code LIKE 'HJ-%' AND si.active
		AND EXISTS (SELECT 1 FROM listings l WHERE l.item_id = si.id AND l.approved_at IS NOT NULL) ORDER BY si.id LIMIT 1`)
	r := c.do("POST", "/api/v1/projects", map[string]any{"code": projectCode, "name": "洱海保护治理工程",
		"regionCode": "532901", "totalInvestmentFen": 800_000_000, "stage": "design"})
	if r.status != 201 {
		t.Fatalf("create project: %d %s", r.status, r.body)
	}
	var p struct {
		ID int64 `json:"id"`
	}
	r.json(t, &p)
	r = c.do("POST", fmt.Sprintf("/api/v1/projects/%d/services", p.ID), map[string]any{"itemId": itemID, "plannedDate": "2026-12-20", "note": ""})
	if r.status != 201 {
		t.Fatalf("plan service: %d %s", r.status, r.body)
	}
	var planned struct {
		Services []struct {
			ID int64 `json:"id"`
		} `json:"services"`
	}
	r.json(t, &planned)
	// The deadline is a month away: more than the rules' working days
	// whatever today is.
	deadline := time.Now().Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339)
	r = c.do("POST", "/api/v1/announcements", map[string]any{"projectServiceId": planned.Services[0].ID, "title": title,
		"description": "编制环境影响报告书，协助取得审批。", "practitionerRequirements": "项目负责人具有环境影响评价工程师职业资格",
		"ceilingFen": 20_000_000, "method": "lowest", "serviceWorkdays": 10, "registrationDeadline": deadline})
	if r.status != 201 {
		t.Fatalf("draft: %d %s", r.status, r.body)
	}
	var a struct {
		ID      int64    `json:"id"`
		Actions []string `json:"actions"`
	}
	r.json(t, &a)
	if strings.Join(a.Actions, ",") != "edit,delete,publish" {
		t.Fatalf("draft actions %v", a.Actions)
	}
	r = c.do("POST", fmt.Sprintf("/api/v1/announcements/%d/publish", a.ID), nil)
	if r.status != 200 {
		t.Fatalf("publish: %d %s", r.status, r.body)
	}
	var pub struct {
		Code    string   `json:"code"`
		Actions []string `json:"actions"`
	}
	r.json(t, &pub)
	if strings.Join(pub.Actions, ",") != "cancel" {
		t.Fatalf("open actions %v", pub.Actions)
	}
	return a.ID, pub.Code
}

// TestNotices checks the public notices: found by a Chinese word inside a
// longer one, filtered, with the number of registrants only, and nothing
// sealed or secret in any public answer.
func TestNotices(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	owner := s.signIn("owner.staff")
	id, code := announceOverHTTP(t, s, owner, "2026-532901-48-01-000777", "大理市洱海西区建设项目环境影响评价")
	anon := s.anonymous()

	list := func(q url.Values) []string {
		t.Helper()
		r := anon.do("GET", "/api/v1/notices?"+q.Encode(), nil)
		if r.status != 200 {
			t.Fatalf("notices %s: %d %s", q.Encode(), r.status, r.body)
		}
		var page struct {
			Items []struct {
				Code string `json:"code"`
			} `json:"items"`
		}
		r.json(t, &page)
		var codes []string
		for _, n := range page.Items {
			codes = append(codes, n.Code)
		}
		return codes
	}
	itemID := s.id("SELECT item_id FROM announcements WHERE id = ?", id)
	category := ""
	if err := s.db.Bun.NewRaw("SELECT category_code FROM service_items WHERE id = ?", itemID).Scan(t.Context(), &category); err != nil {
		t.Fatal(err)
	}
	found := []url.Values{
		{"q": {"环境影响"}}, {"q": {"洱海"}}, {"q": {"项目环境影响评价"}},
		{"itemId": {fmt.Sprint(itemID)}}, {"category": {category}}, {"region": {"532901"}}, {"method": {"lowest"}},
		{"status": {"open"}}, {"q": {"环境影响"}, "region": {"532901"}, "status": {"open"}},
	}
	for _, q := range found {
		if got := list(q); len(got) != 1 || got[0] != code {
			t.Errorf("notices %s: %v, want [%s]", q.Encode(), got, code)
		}
	}
	notFound := []url.Values{
		{"q": {"水土保持"}}, {"q": {"环境影响报告书编制"}}, {"region": {"532923"}}, {"method": {"random"}}, {"status": {"awarded"}},
		{"to": {"2020-01-01"}}, {"from": {"2099-01-01"}}, {"category": {"no-such-category"}},
	}
	for _, q := range notFound {
		if got := list(q); len(got) != 0 {
			t.Errorf("notices %s: %v, want none", q.Encode(), got)
		}
	}
	if r := anon.do("GET", "/api/v1/notices?from=2026-13-01", nil); r.status != 422 || !strings.Contains(r.body, `"reason":"date_format"`) {
		t.Errorf("a bad date: %d %s", r.status, r.body)
	}

	// A registrant, with a sealed quote, before the deadline.
	agencyOrg := s.id("SELECT organisation_id FROM users WHERE username = 'agency.erhai'")
	agencyUser := s.id("SELECT id FROM users WHERE username = 'agency.erhai'")
	s.id(`INSERT INTO registrations (announcement_id, agency_id, registered_by, quote_sealed) VALUES (?, ?, ?, '\xdeadbeef') RETURNING id`, id, agencyOrg, agencyUser)
	s.id("UPDATE announcements SET registrant_count = 1 WHERE id = ? RETURNING id", id)
	var secret, agencyName, creditCode string
	if err := s.db.Bun.NewRaw("SELECT encode(draw_secret_sealed, 'hex') FROM announcements WHERE id = ?", id).Scan(t.Context(), &secret); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Bun.NewRaw("SELECT name, credit_code FROM organisations WHERE id = ?", agencyOrg).Scan(t.Context(), &agencyName, &creditCode); err != nil {
		t.Fatal(err)
	}

	r := anon.do("GET", "/api/v1/notices/"+url.PathEscape(code), nil)
	if r.status != 200 {
		t.Fatalf("notice: %d %s", r.status, r.body)
	}
	var d struct {
		RegistrantCount int    `json:"registrantCount"`
		DrawCommitment  string `json:"drawCommitment"`
		Requirements    []any  `json:"requirements"`
		Status          string `json:"status"`
	}
	r.json(t, &d)
	if d.RegistrantCount != 1 || len(d.DrawCommitment) != 64 || len(d.Requirements) == 0 || d.Status != "open" {
		t.Fatalf("notice %s", r.body)
	}
	for _, res := range []response{r, anon.do("GET", "/api/v1/notices", nil), anon.do("GET", "/api/v1/notices?q=%E7%8E%AF%E5%A2%83", nil)} {
		for _, sealed := range []string{secret, secret[:16], agencyName, creditCode, "deadbeef", "3q2+7w", "secret", "quote", "registrations"} {
			if strings.Contains(strings.ToLower(res.body), strings.ToLower(sealed)) {
				t.Errorf("a public answer shows %q: %s", sealed, res.body)
			}
		}
	}
	// The owner's own view shows no secret either.
	if r := owner.do("GET", fmt.Sprintf("/api/v1/announcements/%d", id), nil); r.status != 200 || strings.Contains(r.body, secret[:16]) ||
		strings.Contains(r.body, agencyName) || strings.Contains(r.body, "deadbeef") {
		t.Errorf("the owner's view: %d %s", r.status, r.body)
	}

	// Codes that name no published announcement.
	for _, bad := range []string{"DLZJ-2026-999999", "x", strings.Repeat("长", 41)} {
		if r := anon.do("GET", "/api/v1/notices/"+url.PathEscape(bad), nil); r.status != 404 && r.status != 422 {
			t.Errorf("notice %s: %d %s", bad, r.status, r.body)
		}
	}

	t.Run("OwnersAndRegulators", func(t *testing.T) {
		path := fmt.Sprintf("/api/v1/announcements/%d", id)
		project := s.id("SELECT project_id FROM announcements WHERE id = ?", id)
		for _, c := range []struct {
			who    string
			path   string
			status int
		}{
			{"owner.zjt", path, 403}, {"agency", path, 403}, {"reg.sthj", path, 200}, {"admin", path, 200},
			{"owner.zjt", fmt.Sprintf("/api/v1/projects/%d", project), 403}, {"reg.zwfw", fmt.Sprintf("/api/v1/projects/%d", project), 200},
			{"owner", "/api/v1/announcements/987654321", 404}, {"reg.zwfw", "/api/v1/projects/987654321", 404},
		} {
			if r := s.signIn(c.who).do("GET", c.path, nil); r.status != c.status {
				t.Errorf("%s GET %s: %d, want %d", c.who, c.path, r.status, c.status)
			}
		}
		// The other owner's lists do not show it.
		if r := s.signIn("owner.zjt").do("GET", "/api/v1/announcements", nil); strings.Contains(r.body, code) {
			t.Errorf("another owner's list shows %s", code)
		}
		if r := s.signIn("reg.sthj").do("GET", "/api/v1/announcements?status=open", nil); !strings.Contains(r.body, code) {
			t.Errorf("a regulator's list misses %s: %s", code, r.body)
		}
	})
}

// TestNoticePages checks keyset paging: every notice once, newest first,
// ties in publication time ordered by id, and a cursor not from the list
// refused.
func TestNoticePages(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	org := s.id("SELECT organisation_id FROM users WHERE username = 'owner'")
	project := s.id(`INSERT INTO projects (owner_id, code, name, region_code, total_investment_fen, stage)
		VALUES (?, '2026-532901-48-01-000555', '分页测试项目', '532901', 1, 'planning') RETURNING id`, org)
	service := s.id("INSERT INTO project_services (project_id, item_id) SELECT ?, min(id) FROM service_items RETURNING id", project)
	const n = 23
	for i := range n {
		// Three notices share each publication time.
		s.id(`INSERT INTO announcements (owner_id, project_id, project_service_id, item_id, region_code, code, ocid, title, description,
			ceiling_fen, method, service_workdays, registration_deadline, status, draw_commitment, published_at, created_by)
			SELECT ?, ?, ps.id, ps.item_id, '532901', ?, ?, '分页测试公告', '分页', 100, 'lowest', 1,
				timestamptz '2026-12-31 00:00Z', 'open', sha256('x'), timestamptz '2026-11-01 00:00Z' + (? * interval '1 hour'), 1
			FROM project_services ps WHERE ps.id = ? RETURNING id`,
			org, project, fmt.Sprintf("DLZJ-2026-%06d", 900000+i), fmt.Sprintf("ocds-intermart-%d", i), i/3, service)
	}
	var want []string
	if err := s.db.Bun.NewRaw(`SELECT code FROM announcements WHERE status <> 'draft' ORDER BY published_at DESC, id DESC`).Scan(t.Context(), &want); err != nil {
		t.Fatal(err)
	}
	anon := s.anonymous()
	var got []string
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > n {
			t.Fatal("the pages never end")
		}
		r := anon.do("GET", "/api/v1/notices?limit=4&cursor="+url.QueryEscape(cursor), nil)
		if r.status != 200 {
			t.Fatalf("page %d: %d %s", pages, r.status, r.body)
		}
		var page struct {
			Items []struct {
				Code string `json:"code"`
			} `json:"items"`
			Next string `json:"next"`
		}
		r.json(t, &page)
		for _, it := range page.Items {
			got = append(got, it.Code)
		}
		if page.Next == "" {
			break
		}
		cursor = page.Next
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("paged\n%v\nwant\n%v", got, want)
	}
	for _, bad := range []string{"nonsense", "MTIz", "LTEuMQ"} {
		if r := anon.do("GET", "/api/v1/notices?cursor="+bad, nil); r.status != 422 || !strings.Contains(r.body, "cursor_invalid") {
			t.Errorf("cursor %s: %d %s", bad, r.status, r.body)
		}
	}
	if r := anon.do("GET", "/api/v1/notices?limit=1000", nil); r.status != 422 {
		t.Errorf("limit 1000: %d", r.status)
	}
	// A kept statement marks where the cursor goes: a search for that mark
	// itself, on a later page, is a search like any other.
	for _, q := range []string{"(/*%cursor%*/)", "分页测试' OR true --", "?"} {
		for _, cursor := range []string{"", want[0]} {
			path := "/api/v1/notices?limit=4&q=" + url.QueryEscape(q)
			if cursor != "" {
				path += "&cursor=" + url.QueryEscape(procurementCursorOf(t, s, cursor))
			}
			r := anon.do("GET", path, nil)
			if r.status != 200 || !strings.Contains(r.body, `"items":[]`) {
				t.Errorf("search %q, cursor %q: %d %s", q, cursor, r.status, r.body)
			}
		}
	}
	// The kept statement of a filter serves its later pages too.
	var mine []string
	for _, code := range want {
		if strings.HasPrefix(code, "DLZJ-2026-9") {
			mine = append(mine, code)
		}
	}
	r := anon.do("GET", "/api/v1/notices?limit=4&q="+url.QueryEscape("分页")+"&cursor="+url.QueryEscape(procurementCursorOf(t, s, mine[3])), nil)
	var page struct {
		Items []struct {
			Code string `json:"code"`
		} `json:"items"`
	}
	r.json(t, &page)
	if r.status != 200 || len(page.Items) != 4 || page.Items[0].Code != mine[4] {
		t.Errorf("search after %s: %d %s", mine[3], r.status, r.body)
	}
}

// procurementCursorOf is the notice list's cursor after the announcement
// with code.
func procurementCursorOf(t *testing.T, s *testServer, code string) string {
	t.Helper()
	var at time.Time
	var id int64
	if err := s.db.Bun.NewRaw("SELECT published_at, id FROM announcements WHERE code = ?", code).Scan(t.Context(), &at, &id); err != nil {
		t.Fatal(err)
	}
	return procurement.NoticeCursor(at, id)
}
