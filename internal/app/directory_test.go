package app

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

type directoryEntry struct {
	ID                  int64
	Name                string
	Listings            int
	ValidQualifications int
	Sanctioned          bool
}

type directoryPage struct {
	Items []directoryEntry
	Total int
}

// TestDirectoryPages checks the public directory's paging: every page counts
// all matches, the pages together are the whole list in order, and a page past
// the end is empty but still counts them.
func TestDirectoryPages(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c := s.anonymous()
	get := func(query string) directoryPage {
		t.Helper()
		r := c.do("GET", "/api/v1/directory/agencies?"+query, nil)
		if r.status != 200 {
			t.Fatalf("directory?%s: %d %s", query, r.status, r.body)
		}
		if strings.Contains(r.body, `"items":null`) {
			t.Fatalf("directory?%s: items null", query)
		}
		var p directoryPage
		r.json(t, &p)
		return p
	}
	active := s.count("SELECT count(*) FROM organisations WHERE kind = 'agency' AND status = 'active'")
	all := get("pageSize=100")
	if all.Total != active || len(all.Items) != active {
		t.Fatalf("one page of 100: total %d, %d items, want the %d active agencies", all.Total, len(all.Items), active)
	}

	t.Run("PagesMakeTheList", func(t *testing.T) {
		var joined []directoryEntry
		for page := 1; len(joined) < active; page++ {
			p := get(fmt.Sprintf("page=%d&pageSize=20", page))
			if p.Total != active || len(p.Items) == 0 || len(p.Items) > 20 {
				t.Fatalf("page %d: total %d, %d items", page, p.Total, len(p.Items))
			}
			joined = append(joined, p.Items...)
		}
		if !reflect.DeepEqual(joined, all.Items) {
			t.Fatal("the pages of 20 differ from the page of 100")
		}
	})
	t.Run("PastTheEnd", func(t *testing.T) {
		p := get(fmt.Sprintf("page=%d&pageSize=20", active/20+2))
		if p.Total != active || len(p.Items) != 0 {
			t.Fatalf("past the end: total %d, %d items, want %d and none", p.Total, len(p.Items), active)
		}
	})
	t.Run("Filtered", func(t *testing.T) {
		p := get("q=" + "%E6%B4%B1%E6%B5%B7") // 洱海
		if p.Total == 0 || p.Total != len(p.Items) || p.Total >= active {
			t.Fatalf("search: total %d, %d items", p.Total, len(p.Items))
		}
		for _, e := range p.Items {
			if !strings.Contains(e.Name, "洱海") {
				t.Fatalf("search for 洱海 lists %q", e.Name)
			}
		}
	})
	t.Run("Figures", func(t *testing.T) {
		suspended := s.id("SELECT organisation_id FROM users WHERE username = 'agency.jizushan'")
		erhai := s.id("SELECT organisation_id FROM users WHERE username = 'agency.erhai'")
		inForce := s.count(`SELECT count(DISTINCT organisation_id) FROM sanctions
			WHERE lifted_at IS NULL AND starts_at <= now() AND (ends_at IS NULL OR ends_at > now())`)
		sanctioned := 0
		for _, e := range all.Items {
			if e.Sanctioned {
				sanctioned++
			}
			if e.ID == suspended && !e.Sanctioned {
				t.Fatalf("%s: not sanctioned", e.Name)
			}
			if e.ID == erhai && (e.Listings == 0 || e.ValidQualifications == 0) {
				t.Fatalf("%s: %d listings, %d valid qualifications", e.Name, e.Listings, e.ValidQualifications)
			}
		}
		if sanctioned != inForce {
			t.Fatalf("%d agencies marked sanctioned, want the %d with a sanction in force", sanctioned, inForce)
		}
	})
}
