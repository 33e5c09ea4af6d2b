package app

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"intermart/internal/demo"
)

// TestOpenDataAPI reads the OCDS endpoints anonymously, page after page by
// links.next, and refuses what it did not give.
func TestOpenDataAPI(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	if err := demo.LoadProcurement(context.Background(), s.db.Bun, s.caps.procurement, s.caps.catalog); err != nil {
		t.Fatal(err)
	}
	c := s.anonymous()
	type page struct {
		Releases []struct {
			ID   string `json:"id"`
			OCID string `json:"ocid"`
		} `json:"releases"`
		Links *struct {
			Next string `json:"next"`
		} `json:"links"`
	}
	path, seen := "/api/v1/ocds/releases?limit=5", 0
	for i := 0; path != ""; i++ {
		if i > 100 {
			t.Fatal("links.next never ends")
		}
		res := c.do("GET", path, nil)
		if res.status != 200 || !strings.HasPrefix(res.header.Get("Content-Type"), "application/json") {
			t.Fatalf("GET %s: %d %s %s", path, res.status, res.header.Get("Content-Type"), res.body)
		}
		var p page
		res.json(t, &p)
		seen += len(p.Releases)
		path = ""
		if p.Links != nil {
			u, err := url.Parse(p.Links.Next)
			if err != nil || u.Path != "/api/v1/ocds/releases" {
				t.Fatalf("links.next %q", p.Links.Next)
			}
			path = u.RequestURI()
		}
	}
	if want := s.count(`SELECT count(*) FROM announcements WHERE status <> 'draft'`); seen < want {
		t.Errorf("%d releases for %d published announcements", seen, want)
	}
	ocid := ""
	if err := s.db.Bun.NewRaw(`SELECT ocid FROM announcements WHERE status = 'awarded' LIMIT 1`).Scan(context.Background(), &ocid); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path     string
		status   int
		contains string
	}{
		{"/api/v1/ocds/records/" + ocid, 200, `"compiledRelease"`},
		{"/api/v1/ocds/records/" + ocid, 200, `"tag":["award"]`},
		{"/api/v1/ocds/records/ocds-intermart-nothing", 404, "notice_not_found"},
		{"/api/v1/ocds/releases?cursor=bm90IGEgY3Vyc29y", 422, "cursor_invalid"},
		{"/api/v1/ocds/releases?since=yesterday", 422, "date_time_format"},
		{"/api/v1/ocds/releases?since=2020-01-01T00:00:00+08:00", 200, `"tag":["tender"]`},
		{"/api/v1/ocds/releases?since=2999-01-01T00:00:00Z", 200, `"releases":[]`},
		{"/api/v1/ocds/releases?limit=1000", 422, "query.limit"},
	} {
		res := c.do("GET", tc.path, nil)
		if res.status != tc.status || !strings.Contains(res.body, tc.contains) {
			t.Errorf("GET %s: %d %s, want %d with %s", tc.path, res.status, res.body, tc.status, tc.contains)
		}
	}
}

// TestAuditTrailAPI shows regulators an announcement's chain, verified, and
// where it breaks once an event is changed behind the application's back.
func TestAuditTrailAPI(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	if err := demo.LoadProcurement(context.Background(), s.db.Bun, s.caps.procurement, s.caps.catalog); err != nil {
		t.Fatal(err)
	}
	ann := s.id(`SELECT id FROM announcements WHERE status = 'awarded' ORDER BY id LIMIT 1`)
	con := s.id(`SELECT id FROM contracts ORDER BY id LIMIT 1`)
	path := fmt.Sprintf("/api/v1/audit/announcement/%d", ann)
	reg := s.signIn("reg.zwfw")
	type trail struct {
		Chain    string `json:"chain"`
		Verified bool   `json:"verified"`
		Break    *struct {
			Seq     int64  `json:"seq"`
			Problem string `json:"problem"`
		} `json:"break"`
		Events []struct {
			Seq       int64  `json:"seq"`
			Action    string `json:"action"`
			ActorName string `json:"actorName"`
			Hash      string `json:"hash"`
		} `json:"events"`
	}
	res := reg.do("GET", path, nil)
	if res.status != 200 {
		t.Fatalf("GET %s: %d %s", path, res.status, res.body)
	}
	var tr trail
	res.json(t, &tr)
	want := s.count(`SELECT count(*) FROM audit_events WHERE chain = ?`, fmt.Sprintf("announcement:%d", ann))
	if !tr.Verified || tr.Break != nil || len(tr.Events) != want || want < 3 {
		t.Fatalf("trail %+v, want %d events, verified", tr, want)
	}
	actions := []string{}
	for i, e := range tr.Events {
		if e.Seq != int64(i+1) || len(e.Hash) != 64 {
			t.Errorf("event %d: %+v", i, e)
		}
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, " "); !strings.Contains(got, "announcement.publish") || !strings.Contains(got, "announcement.award") {
		t.Errorf("actions %s", got)
	}
	if tr.Events[0].ActorName == "" {
		t.Errorf("the publication names no actor: %+v", tr.Events[0])
	}

	s.exec(t, `ALTER TABLE audit_events DISABLE TRIGGER USER`)
	s.exec(t, `UPDATE audit_events SET after = jsonb_set(coalesce(after, '{}'), '{title}', '"篡改"') WHERE chain = ? AND seq = 2`,
		fmt.Sprintf("announcement:%d", ann))
	s.exec(t, `ALTER TABLE audit_events ENABLE TRIGGER USER`)
	res = reg.do("GET", path, nil)
	tr = trail{}
	res.json(t, &tr)
	if res.status != 200 || tr.Verified || tr.Break == nil || tr.Break.Seq != 2 || tr.Break.Problem != "hash mismatch" {
		t.Errorf("after tampering with seq 2: %d %s", res.status, res.body)
	}

	for _, tc := range []struct {
		who, path string
		status    int
		contains  string
	}{
		{"reg.sthj", fmt.Sprintf("/api/v1/audit/contract/%d", con), 200, `"contract.create"`},
		{"reg.zwfw", "/api/v1/audit/contract/999999", 404, "contract_not_found"},
		{"reg.zwfw", "/api/v1/audit/announcement/999999", 404, "announcement_not_found"},
		{"reg.zwfw", "/api/v1/audit/project/1", 422, "path.kind"},
		{"owner", path, 403, ""},
		{"agency", path, 403, ""},
		{"", path, 401, ""},
	} {
		c := s.anonymous()
		if tc.who != "" {
			c = s.signIn(tc.who)
		}
		res := c.do("GET", tc.path, nil)
		if res.status != tc.status || !strings.Contains(res.body, tc.contains) {
			t.Errorf("%s GET %s: %d %s, want %d with %s", tc.who, tc.path, res.status, res.body, tc.status, tc.contains)
		}
	}
}
