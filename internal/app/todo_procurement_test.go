package app

import (
	"fmt"
	"slices"
	"testing"

	"intermart/internal/procurement"
)

// TestOwnerProcurementTodo: an owner's board counts its direct selections
// whose choice is due and its selections with an objection to answer, each
// equal to the announcements its link lists; choosing and answering clear
// them, and another owner's board never counts them.
func TestOwnerProcurementTodo(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	item, users, _ := s.eligibleAgencies(t, 2)
	owner, other := s.signIn("owner"), s.signIn("owner.zjt")
	board := func(t *testing.T, c *client) map[string]int {
		t.Helper()
		out := map[string]int{}
		for _, task := range todoTasks(t, c) {
			out[task.Key] = task.Count
		}
		return out
	}
	listed := func(t *testing.T, c *client, todo string) []int64 {
		t.Helper()
		var list struct{ Items []struct{ ID int64 } }
		r := c.do("GET", "/api/v1/announcements?todo="+todo, nil)
		if r.status != 200 {
			t.Fatalf("announcements?todo=%s: %d %s", todo, r.status, r.body)
		}
		r.json(t, &list)
		var ids []int64
		for _, a := range list.Items {
			ids = append(ids, a.ID)
		}
		return ids
	}
	expect := func(t *testing.T, choose, objections int, id int64) {
		t.Helper()
		b := board(t, owner)
		if b["choicesDue"] != choose || b["objectionsToAnswer"] != objections {
			t.Errorf("owner's board: %d choices due, %d objections; want %d and %d", b["choicesDue"], b["objectionsToAnswer"], choose, objections)
		}
		for todo, n := range map[string]int{"choose": choose, "objections": objections} {
			if got := listed(t, owner, todo); len(got) != n || (n > 0 && !slices.Contains(got, id)) {
				t.Errorf("announcements?todo=%s lists %v, want %d rows with %d", todo, got, n, id)
			}
			if got := listed(t, other, todo); len(got) != 0 {
				t.Errorf("another owner's announcements?todo=%s lists %v", todo, got)
			}
		}
		if b := board(t, other); b["choicesDue"] != 0 || b["objectionsToAnswer"] != 0 {
			t.Errorf("another owner's board: %v", b)
		}
	}

	id, code := s.publish(t, item, announcementOpts{method: procurement.MethodDirect, ceiling: 80_000})
	clients := map[int64]*client{}
	for _, u := range users {
		c := s.signIn(u)
		if res := s.register(t, c, id, 0); res.status != 200 {
			t.Fatalf("register: %d %s", res.status, res.body)
		}
		clients[s.id("SELECT id FROM registrations WHERE announcement_id = ? AND agency_id = (SELECT organisation_id FROM users WHERE username = ?)", id, u)] = c
	}
	expect(t, 0, 0, id)
	s.passDeadline(t, id)
	expect(t, 1, 0, id)
	if res := owner.do("GET", "/api/v1/announcements?todo=later", nil); res.status != 422 {
		t.Errorf("an unknown queue: %d %s, want 422", res.status, res.body)
	}

	// The choice made, publicity runs; the registrant not chosen objects.
	r := s.result(t, code)
	pick := r.Registrants[0].RegistrationID
	s.mustPost(t, owner, fmt.Sprintf("/api/v1/announcements/%d/selection", id), map[string]any{"registrationId": pick, "reason": "该机构熟悉本地情况，服务承诺时限最短"})
	expect(t, 0, 0, id)
	r = s.result(t, code)
	loser := clients[r.Registrants[1].RegistrationID]
	res := loser.do("POST", fmt.Sprintf("/api/v1/selections/%d/objections", r.Selections[0].ID), map[string]any{"grounds": "中选机构的资质证书在截止时已过期，请复核。"})
	if res.status != 201 {
		t.Fatalf("object: %d %s", res.status, res.body)
	}
	expect(t, 0, 1, id)
	objection := s.id("SELECT o.id FROM objections o JOIN selections sel ON sel.id = o.selection_id WHERE sel.announcement_id = ?", id)
	s.mustPost(t, owner, fmt.Sprintf("/api/v1/objections/%d/answer", objection), map[string]any{"decision": "dismissed", "answer": "经核查，该资质证书在截止时有效。"})
	expect(t, 0, 0, id)
}
