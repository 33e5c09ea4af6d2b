package app

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"intermart/internal/procurement"
)

// TestSealedMeansSealed: before the deadline no API operation, called by any
// role, shows a quote or who registered, and a dump of the database holds
// no quote in plain text.
func TestSealedMeansSealed(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	item, all, _ := s.eligibleAgencies(t, 4)
	// Registrants other than the matrix's "agency", which acts as an agency
	// that did not register.
	var users []string
	for _, u := range all {
		if u != "agency" && u != "agency.staff" && len(users) < 3 {
			users = append(users, u)
		}
	}
	id, code := s.publish(t, item, announcementOpts{method: procurement.MethodComprehensive, ceiling: 2_000_000})
	quotes := []int64{1_731_947, 1_682_353, 731_911}
	secretWords := "本所自有检测设备折旧完毕因此报价偏低"
	type registrant struct{ name, creditCode string }
	var regs []registrant
	for i, u := range users {
		res := s.register(t, s.signIn(u), id, quotes[i], secretWords)
		if res.status != 200 {
			t.Fatalf("register %s: %d %s", u, res.status, res.body)
		}
		var r registrant
		if err := s.db.Bun.NewRaw("SELECT o.name, o.credit_code FROM organisations o JOIN users u ON u.organisation_id = o.id WHERE u.username = ?", u).
			Scan(t.Context(), &r.name, &r.creditCode); err != nil {
			t.Fatal(err)
		}
		regs = append(regs, r)
	}
	quoteTexts := func(q int64) []string {
		return []string{fmt.Sprint(q), fmt.Sprintf("%d.%02d", q/100, q%100)}
	}
	// leaks says what of the sealed facts body shows; own is the index of
	// the caller's registration (-1: none), whose own quote it may see.
	leaks := func(body string, own int, identities bool) []string {
		var found []string
		for i, q := range quotes {
			for _, text := range quoteTexts(q) {
				if i != own && strings.Contains(body, text) {
					found = append(found, "quote "+text)
				}
			}
		}
		if own < 0 && strings.Contains(body, secretWords) {
			found = append(found, "justification")
		}
		if identities {
			for i, r := range regs {
				if i != own && (strings.Contains(body, r.name) || strings.Contains(body, r.creditCode)) {
					found = append(found, "registrant "+r.name)
				}
			}
		}
		return found
	}

	ops := registeredOps(s.api)
	subjects := append([]struct{ name, username string }{}, matrixSubjects...)
	for _, u := range users {
		subjects = append(subjects, struct{ name, username string }{"registrant " + u, u})
	}
	comp := strings.NewReplacer("/announcements/{id}", fmt.Sprintf("/announcements/%d", id), "{code}", code,
		"/selections/{id}", "/selections/1", "/objections/{id}", "/objections/1")
	for si, subj := range subjects {
		own := -1
		if si >= len(matrixSubjects) {
			own = si - len(matrixSubjects)
		}
		t.Run(subj.name, func(t *testing.T) {
			c := s.anonymous()
			if subj.username != "" {
				c = s.signIn(subj.username)
			}
			for _, op := range ops {
				if op.id == "auth.signOut" || op.id == "procurement.withdraw" {
					continue
				}
				var body any
				if op.method == "POST" || op.method == "PUT" {
					body = "{}"
				}
				res := c.do(op.method, comp.Replace(op.path), body)
				// The directory lists every agency by name; who registered
				// must not show anywhere the announcement is concerned.
				identities := !strings.HasPrefix(op.path, "/api/v1/directory") && op.id != "agency.listAgencies" &&
					op.id != "identity.listOrganisations" && op.id != "agency.reviewQueue"
				if found := leaks(res.body, own, identities); len(found) > 0 {
					t.Errorf("%s %s shows %v before the deadline: %.300s", op.method, op.path, found, res.body)
				}
			}
			if own >= 0 {
				res := c.do("GET", "/api/v1/registrations", nil)
				if !strings.Contains(res.body, fmt.Sprint(quotes[own])) {
					t.Errorf("the registrant does not see its own quote: %s", res.body)
				}
			}
		})
	}
	t.Run("NoAuditOrNotificationNamesRegistrants", func(t *testing.T) {
		if n := s.count("SELECT count(*) FROM audit_events WHERE chain = ?", fmt.Sprintf("announcement:%d", id)); n != 0 {
			t.Errorf("%d audit events before the deadline", n)
		}
	})
	t.Run("DatabaseDump", func(t *testing.T) {
		dumps, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_dump")
		if len(dumps) == 0 {
			t.Fatal("pg_dump not found in /usr/lib/postgresql/*/bin")
		}
		out, err := exec.Command(dumps[len(dumps)-1], "--data-only", s.cfg.DatabaseURL).Output()
		if err != nil {
			t.Fatalf("pg_dump: %v", err)
		}
		dump := string(out)
		if !strings.Contains(dump, code) {
			t.Fatal("the dump does not hold the announcement; it proves nothing")
		}
		for _, q := range quotes {
			for _, text := range quoteTexts(q) {
				if strings.Contains(dump, text) {
					t.Errorf("the dump holds the quote %s in plain text", text)
				}
			}
		}
		if strings.Contains(dump, secretWords) {
			t.Error("the dump holds a justification in plain text")
		}
	})
	t.Run("OpenedAfterTheDeadline", func(t *testing.T) {
		s.passDeadline(t, id)
		r := s.result(t, code)
		if len(r.Registrants) != len(users) {
			t.Fatalf("%d registrants in the result", len(r.Registrants))
		}
		for _, g := range r.Registrants {
			if g.QuoteFen == nil {
				t.Errorf("quote of %s not published after the deadline", g.AgencyName)
			}
		}
	})
}
