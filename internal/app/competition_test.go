package app

import (
	"fmt"
	"strings"
	"testing"

	"intermart/internal/procurement"
)

func TestRegistration(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	item, users, outsider := s.eligibleAgencies(t, 3)
	id, _ := s.publish(t, item, announcementOpts{method: procurement.MethodLowest, ceiling: 1_000_000})
	a := s.signIn(users[0])
	regCount := func() int { return s.count("SELECT count(*) FROM registrations WHERE announcement_id = ?", id) }
	registrants := func() int { return s.count("SELECT registrant_count FROM announcements WHERE id = ?", id) }

	t.Run("BadInputStoresNothing", func(t *testing.T) {
		avoided := s.signIn(users[2])
		s.exec(t, `INSERT INTO announcement_avoidances (announcement_id, agency_id, reason)
			SELECT ?, organisation_id, '与业主存在利害关系' FROM users WHERE username = ?`, id, users[2])
		defer s.exec(t, "DELETE FROM announcement_avoidances WHERE announcement_id = ?", id)
		cases := []struct {
			name   string
			c      *client
			body   any
			status int
			reason string
		}{
			{"Ineligible", s.signIn(outsider), map[string]any{"quoteFen": 900_000}, 422, "no_approved_listing"},
			{"Avoided", avoided, map[string]any{"quoteFen": 900_000}, 422, "avoided"},
			{"OverCeiling", a, map[string]any{"quoteFen": 1_000_001}, 422, "quote_over_ceiling"},
			{"NoQuote", a, map[string]any{}, 422, "quote_required"},
			{"LowWithoutJustification", a, map[string]any{"quoteFen": 499_999}, 422, "justification_required"},
			{"Owner", s.signIn("owner"), map[string]any{"quoteFen": 900_000}, 403, ""},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				res := tc.c.do("PUT", fmt.Sprintf("/api/v1/announcements/%d/registration", id), tc.body)
				if res.status != tc.status || !strings.Contains(res.body, tc.reason) {
					t.Errorf("got %d %s, want %d with %q", res.status, res.body, tc.status, tc.reason)
				}
				if n := regCount(); n != 0 {
					t.Errorf("%d registrations stored, want 0", n)
				}
			})
		}
	})

	t.Run("AnnouncementRequirementNotHeld", func(t *testing.T) {
		// A requirement copied onto the announcement that the agency does not hold.
		s.exec(t, `INSERT INTO announcement_requirements (announcement_id, type_id, level_code)
			SELECT ?, l.type_id, l.code FROM qualification_levels l
			WHERE NOT EXISTS (SELECT 1 FROM qualifications q JOIN users u ON u.organisation_id = q.organisation_id
				WHERE u.username = ? AND q.type_id = l.type_id)
			ORDER BY l.type_id, l.rank LIMIT 1`, id, users[0])
		defer s.exec(t, "DELETE FROM announcement_requirements WHERE announcement_id = ?", id)
		res := s.register(t, a, id, 900_000)
		if res.status != 422 || !strings.Contains(res.body, "not_qualified") {
			t.Errorf("requirement not held: %d %s", res.status, res.body)
		}
		if n := regCount(); n != 0 {
			t.Errorf("%d registrations stored, want 0", n)
		}
	})

	t.Run("RegisterChangeWithdraw", func(t *testing.T) {
		res := s.register(t, a, id, 400_000, "我司在本地有长期驻场团队，成本较低")
		if res.status != 200 || !strings.Contains(res.body, `"quoteFen":400000`) {
			t.Fatalf("register: %d %s", res.status, res.body)
		}
		if got := registrants(); got != 1 {
			t.Errorf("registrant_count = %d, want 1", got)
		}
		if res := s.register(t, a, id, 800_000); res.status != 200 || !strings.Contains(res.body, `"quoteFen":800000`) {
			t.Fatalf("change: %d %s", res.status, res.body)
		}
		if got := registrants(); got != 1 {
			t.Errorf("after a change registrant_count = %d, want 1", got)
		}
		if res := a.do("DELETE", fmt.Sprintf("/api/v1/announcements/%d/registration", id), nil); res.status != 204 {
			t.Fatalf("withdraw: %d %s", res.status, res.body)
		}
		if got := registrants(); got != 0 {
			t.Errorf("after withdrawal registrant_count = %d, want 0", got)
		}
		if n := s.count("SELECT count(*) FROM registrations WHERE announcement_id = ? AND quote_sealed IS NOT NULL", id); n != 0 {
			t.Errorf("a withdrawn registration keeps its sealed quote")
		}
		if res := a.do("DELETE", fmt.Sprintf("/api/v1/announcements/%d/registration", id), nil); res.status != 404 {
			t.Errorf("withdraw twice: %d, want 404", res.status)
		}
		if res := s.register(t, a, id, 700_000); res.status != 200 {
			t.Fatalf("register again: %d %s", res.status, res.body)
		}
		if got := registrants(); got != 1 {
			t.Errorf("registered again: registrant_count = %d, want 1", got)
		}
	})

	t.Run("IdempotencyKey", func(t *testing.T) {
		b := s.signIn(users[1])
		path := fmt.Sprintf("/api/v1/announcements/%d/registration", id)
		first := b.do("PUT", path, map[string]any{"quoteFen": 650_000}, "Idempotency-Key", "k-1")
		if first.status != 200 {
			t.Fatalf("first: %d %s", first.status, first.body)
		}
		again := b.do("PUT", path, map[string]any{"quoteFen": 650_000}, "Idempotency-Key", "k-1")
		if again.status != 200 || again.body != first.body {
			t.Errorf("retry: %d %s, want the first answer %s", again.status, again.body, first.body)
		}
		other := b.do("PUT", path, map[string]any{"quoteFen": 660_000}, "Idempotency-Key", "k-1")
		if other.status != 409 || !strings.Contains(other.body, "idempotency_key_reused") {
			t.Errorf("same key, other body: %d %s", other.status, other.body)
		}
		if n := s.count("SELECT registrant_count FROM announcements WHERE id = ?", id); n != 2 {
			t.Errorf("registrant_count = %d, want 2", n)
		}
		// The key is recorded in the statement that locks the
		// announcement: used again for one that does not exist, it is
		// still a key used before; a new key there stores nothing.
		missing := "/api/v1/announcements/999999999/registration"
		if r := b.do("PUT", missing, map[string]any{"quoteFen": 650_000}, "Idempotency-Key", "k-1"); r.status != 409 ||
			!strings.Contains(r.body, "idempotency_key_reused") {
			t.Errorf("same key, no announcement: %d %s", r.status, r.body)
		}
		if r := b.do("PUT", missing, map[string]any{"quoteFen": 650_000}, "Idempotency-Key", "k-2"); r.status != 404 {
			t.Errorf("new key, no announcement: %d %s", r.status, r.body)
		}
		if n := s.count("SELECT count(*) FROM registration_requests WHERE idempotency_key = 'k-2'"); n != 0 {
			t.Errorf("a refused request left %d idempotency records", n)
		}
	})

	t.Run("OwnRegistrationOnly", func(t *testing.T) {
		res := a.do("GET", "/api/v1/registrations", nil)
		if res.status != 200 || !strings.Contains(res.body, `"quoteFen":700000`) || strings.Contains(res.body, "650000") {
			t.Errorf("own registrations: %d %s", res.status, res.body)
		}
		if !strings.Contains(res.body, `"change"`) || !strings.Contains(res.body, `"withdraw"`) {
			t.Errorf("before the deadline the agency may change and withdraw: %s", res.body)
		}
		opp := a.do("GET", "/api/v1/opportunities", nil)
		if opp.status != 200 || !strings.Contains(opp.body, fmt.Sprintf(`"id":%d`, id)) {
			t.Errorf("opportunities of an eligible agency: %d %s", opp.status, opp.body)
		}
		if res := s.signIn(outsider).do("GET", "/api/v1/opportunities", nil); strings.Contains(res.body, fmt.Sprintf(`"id":%d,`, id)) {
			t.Errorf("an ineligible agency is offered the announcement: %s", res.body)
		}
	})

	t.Run("LateRegistrationRefused", func(t *testing.T) {
		s.exec(t, "UPDATE announcements SET registration_deadline = now() - interval '1 second' WHERE id = ?", id)
		c := s.signIn(users[2])
		res := s.register(t, c, id, 900_000)
		if res.status != 409 || !strings.Contains(res.body, "registration_closed") {
			t.Errorf("late: %d %s", res.status, res.body)
		}
		if res := a.do("DELETE", fmt.Sprintf("/api/v1/announcements/%d/registration", id), nil); res.status != 409 {
			t.Errorf("late withdrawal: %d %s", res.status, res.body)
		}
		if n := s.count("SELECT count(*) FROM registrations WHERE announcement_id = ?", id); n != 2 {
			t.Errorf("%d registrations, want 2", n)
		}
	})
}
