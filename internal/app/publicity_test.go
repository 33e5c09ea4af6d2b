package app

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"intermart/internal/procurement"
)

func TestObjections(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	item, users, outsider := s.eligibleAgencies(t, 4)
	clients := make([]*client, len(users))
	for i, u := range users {
		clients[i] = s.signIn(u)
	}
	owner := s.signIn("owner")
	clientOf := func(t *testing.T, r resultDoc, regID int64) *client {
		for i, u := range users {
			if s.count("SELECT count(*) FROM registrations r JOIN users u ON u.organisation_id = r.agency_id WHERE r.id = ? AND u.username = ?", regID, u) > 0 {
				return clients[i]
			}
		}
		t.Fatalf("no client for registration %d", regID)
		return nil
	}
	loser := func(t *testing.T, r resultDoc) *client {
		for _, g := range r.Registrants {
			if g.RegistrationID != r.Selections[len(r.Selections)-1].WinnerRegistrationID {
				return clientOf(t, r, g.RegistrationID)
			}
		}
		t.Fatal("no loser")
		return nil
	}

	id, code := s.publish(t, item, announcementOpts{method: procurement.MethodLowest, ceiling: 1_000_000})
	for i, c := range clients {
		if res := s.register(t, c, id, int64(600_000+i*10_000)); res.status != 200 {
			t.Fatalf("register: %d %s", res.status, res.body)
		}
	}
	s.passDeadline(t, id)
	r := s.result(t, code)
	first := r.Selections[0]
	objectPath := fmt.Sprintf("/api/v1/selections/%d/objections", first.ID)
	grounds := map[string]any{"grounds": "中选机构的资质证书在截止时已过期，请复核。"}

	t.Run("Refused", func(t *testing.T) {
		if res := clientOf(t, r, first.WinnerRegistrationID).do("POST", objectPath, grounds); res.status != 403 {
			t.Errorf("the winner objects: %d %s", res.status, res.body)
		}
		if res := s.signIn(outsider).do("POST", objectPath, grounds); res.status != 403 || !strings.Contains(res.body, "not_a_registrant") {
			t.Errorf("an agency that did not register objects: %d %s", res.status, res.body)
		}
		if res := loser(t, r).do("POST", objectPath, map[string]any{"grounds": "太短"}); res.status != 422 {
			t.Errorf("short grounds: %d %s", res.status, res.body)
		}
		if n := s.count("SELECT count(*) FROM objections"); n != 0 {
			t.Errorf("refused objections stored %d rows", n)
		}
	})

	var objectionID int64
	t.Run("FileAndDismiss", func(t *testing.T) {
		res := loser(t, r).do("POST", objectPath, grounds)
		if res.status != 201 {
			t.Fatalf("object: %d %s", res.status, res.body)
		}
		var o struct{ ID int64 }
		res.json(t, &o)
		objectionID = o.ID
		if res := loser(t, r).do("POST", objectPath, grounds); res.status != 409 {
			t.Errorf("object twice: %d %s", res.status, res.body)
		}
		// A pending objection holds the award.
		s.endPublicity(t, id)
		if got := s.result(t, code); got.Status != procurement.StatusInPublicity {
			t.Fatalf("awarded with an objection pending: %s", got.Status)
		}
		list := owner.do("GET", fmt.Sprintf("/api/v1/announcements/%d/objections", id), nil)
		if list.status != 200 || !strings.Contains(list.body, `"answer"`) {
			t.Errorf("the owner's objections list offers no answer: %d %s", list.status, list.body)
		}
		answer := fmt.Sprintf("/api/v1/objections/%d/answer", objectionID)
		if res := s.signIn("owner.zjt").do("POST", answer, map[string]any{"decision": "dismissed", "answer": "经核查资质有效"}); res.status != 403 {
			t.Errorf("another owner answers: %d %s", res.status, res.body)
		}
		res = owner.do("POST", answer, map[string]any{"decision": "dismissed", "answer": "经核查，该资质证书在截止时有效。"})
		if res.status != 200 || !strings.Contains(res.body, `"dismissed"`) {
			t.Fatalf("dismiss: %d %s", res.status, res.body)
		}
		if res := owner.do("POST", answer, map[string]any{"decision": "upheld", "answer": "改判"}); res.status != 409 {
			t.Errorf("answer twice: %d %s", res.status, res.body)
		}
		if err := s.caps.procurement.Sweep(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := s.result(t, code); got.Status != procurement.StatusAwarded {
			t.Errorf("dismissed and publicity over, not awarded: %s", got.Status)
		}
	})

	t.Run("UpheldReselectsThenFails", func(t *testing.T) {
		id, code := s.publish(t, item, announcementOpts{method: procurement.MethodRandom, ceiling: 1_000_000})
		for _, c := range clients[:3] {
			if res := s.register(t, c, id, 0); res.status != 200 {
				t.Fatalf("register: %d %s", res.status, res.body)
			}
		}
		s.exec(t, "UPDATE procurement_rules SET min_registrants = 3")
		s.passDeadline(t, id)
		order := s.drawDoc(t, code).Order
		for round := 0; round < 3; round++ {
			r := s.result(t, code)
			cur := r.Selections[len(r.Selections)-1]
			if cur.Status != procurement.SelectionInPublicity || cur.WinnerCreditCode != order[round] {
				t.Fatalf("round %d: selection %+v, want the draw's #%d %s", round, cur, round+1, order[round])
			}
			if d := s.drawDoc(t, code); d.Verify() != nil {
				t.Errorf("round %d: the draw does not verify", round)
			}
			res := loser(t, r).do("POST", fmt.Sprintf("/api/v1/selections/%d/objections", cur.ID), grounds)
			if res.status != 201 {
				t.Fatalf("object: %d %s", res.status, res.body)
			}
			var o struct{ ID int64 }
			res.json(t, &o)
			res = owner.do("POST", fmt.Sprintf("/api/v1/objections/%d/answer", o.ID), map[string]any{"decision": "upheld", "answer": "经核查属实，取消中选资格。"})
			if res.status != 200 {
				t.Fatalf("uphold: %d %s", res.status, res.body)
			}
		}
		r := s.result(t, code)
		if r.Status != procurement.StatusFailed || r.FailReason != procurement.FailNoneRemaining || len(r.Selections) != 3 {
			t.Errorf("every selection voided: %+v", r)
		}
		for _, sel := range r.Selections {
			if sel.Status != procurement.SelectionVoided {
				t.Errorf("selection %d is %s", sel.ID, sel.Status)
			}
		}
	})
}

// TestLifecycle drives every transition the competition owns, allowed and
// refused, from each state.
func TestLifecycle(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	item, users, _ := s.eligibleAgencies(t, 3)
	clients := make([]*client, len(users))
	for i, u := range users {
		clients[i] = s.signIn(u)
	}
	owner := s.signIn("owner")
	// states puts a fresh announcement in each state.
	states := map[string]func(t *testing.T) (int64, string){
		"open": func(t *testing.T) (int64, string) {
			return s.publish(t, item, announcementOpts{method: procurement.MethodDirect, ceiling: 50_000})
		},
		"closed": func(t *testing.T) (int64, string) {
			id, code := s.publish(t, item, announcementOpts{method: procurement.MethodDirect, ceiling: 50_000})
			s.register(t, clients[0], id, 0)
			s.passDeadline(t, id)
			return id, code
		},
		"in_publicity": func(t *testing.T) (int64, string) {
			id, code := s.publish(t, item, announcementOpts{method: procurement.MethodRandom})
			for _, c := range clients {
				s.register(t, c, id, 0)
			}
			s.passDeadline(t, id)
			return id, code
		},
		"failed": func(t *testing.T) (int64, string) {
			id, code := s.publish(t, item, announcementOpts{method: procurement.MethodRandom})
			s.passDeadline(t, id)
			return id, code
		},
		"awarded": func(t *testing.T) (int64, string) {
			id, code := s.publish(t, item, announcementOpts{method: procurement.MethodRandom})
			for _, c := range clients {
				s.register(t, c, id, 0)
			}
			s.passDeadline(t, id)
			s.endPublicity(t, id)
			return id, code
		},
		"cancelled": func(t *testing.T) (int64, string) {
			id, code := s.publish(t, item, announcementOpts{method: procurement.MethodRandom})
			s.exec(t, "UPDATE announcements SET status = 'cancelled', cancel_reason = '项目取消', cancelled_at = now() WHERE id = ?", id)
			return id, code
		},
	}
	type action func(t *testing.T, id int64) response
	register := func(t *testing.T, id int64) response { return s.register(t, clients[1], id, 0) }
	withdraw := func(t *testing.T, id int64) response {
		return clients[0].do("DELETE", fmt.Sprintf("/api/v1/announcements/%d/registration", id), nil)
	}
	choose := func(t *testing.T, id int64) response {
		reg := s.id("SELECT coalesce(min(id), 0) FROM registrations WHERE announcement_id = ?", id)
		return owner.do("POST", fmt.Sprintf("/api/v1/announcements/%d/selection", id),
			map[string]any{"registrationId": reg, "reason": "熟悉本地情况，报价合理"})
	}
	closeNow := func(t *testing.T, id int64) response {
		s.exec(t, "UPDATE announcements SET registration_deadline = least(registration_deadline, now() - interval '1 second') WHERE id = ?", id)
		closed, err := s.caps.procurement.Close(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if closed {
			return response{status: 200}
		}
		return response{status: 409}
	}
	object := func(t *testing.T, id int64) response {
		sel := s.id("SELECT coalesce(max(id), 0) FROM selections WHERE announcement_id = ?", id)
		win := s.id("SELECT coalesce(max(winner_id), 0) FROM selections WHERE id = ?", sel)
		for i, u := range users {
			if s.count("SELECT count(*) FROM registrations r JOIN users u ON u.organisation_id = r.agency_id WHERE r.announcement_id = ? AND r.id <> ? AND u.username = ?", id, win, u) > 0 {
				return clients[i].do("POST", fmt.Sprintf("/api/v1/selections/%d/objections", sel), map[string]any{"grounds": "中选结果有误，请复核报价与资格。"})
			}
		}
		return clients[0].do("POST", fmt.Sprintf("/api/v1/selections/%d/objections", sel), map[string]any{"grounds": "中选结果有误，请复核报价与资格。"})
	}
	award := func(t *testing.T, id int64) response {
		s.exec(t, "UPDATE selections SET publicity_ends_at = now() - interval '1 second' WHERE announcement_id = ? AND status = 'in_publicity'", id)
		before := s.count("SELECT count(*) FROM announcements WHERE id = ? AND status = 'awarded'", id)
		if err := s.caps.procurement.Sweep(context.Background()); err != nil {
			t.Fatal(err)
		}
		if s.count("SELECT count(*) FROM announcements WHERE id = ? AND status = 'awarded'", id) > before {
			return response{status: 200}
		}
		return response{status: 409}
	}
	cases := []struct {
		state, name string
		do          action
		ok          bool
		after       string
	}{
		{"open", "register", register, true, "open"},
		{"open", "withdraw", withdraw, false, "open"}, // nothing to withdraw
		{"open", "close", closeNow, true, "failed"},   // nobody registered
		{"open", "choose", choose, false, "open"},
		{"open", "object", object, false, "open"},
		{"closed", "register", register, false, "closed"},
		{"closed", "withdraw", withdraw, false, "closed"},
		{"closed", "close", closeNow, false, "closed"},
		{"closed", "choose", choose, true, "in_publicity"},
		{"closed", "object", object, false, "closed"},
		{"in_publicity", "register", register, false, "in_publicity"},
		{"in_publicity", "close", closeNow, false, "in_publicity"},
		{"in_publicity", "choose", choose, false, "in_publicity"},
		{"in_publicity", "object", object, true, "in_publicity"},
		{"in_publicity", "award", award, true, "awarded"},
		{"failed", "register", register, false, "failed"},
		{"failed", "close", closeNow, false, "failed"},
		{"failed", "choose", choose, false, "failed"},
		{"failed", "award", award, false, "failed"},
		{"awarded", "register", register, false, "awarded"},
		{"awarded", "object", object, false, "awarded"},
		{"awarded", "choose", choose, false, "awarded"},
		{"awarded", "award", award, false, "awarded"},
		{"cancelled", "register", register, false, "cancelled"},
		{"cancelled", "close", closeNow, false, "cancelled"},
		{"cancelled", "choose", choose, false, "cancelled"},
	}
	for _, tc := range cases {
		t.Run(tc.state+"/"+tc.name, func(t *testing.T) {
			id, _ := states[tc.state](t)
			res := tc.do(t, id)
			success := res.status >= 200 && res.status < 300
			if success != tc.ok {
				t.Errorf("got %d %s, want success=%v", res.status, res.body, tc.ok)
			}
			if !success && res.status >= 500 {
				t.Errorf("refused with %d", res.status)
			}
			if got := s.count("SELECT count(*) FROM announcements WHERE id = ? AND status = ?", id, tc.after); got != 1 {
				t.Errorf("state after: want %s", tc.after)
			}
		})
	}
}

// TestClosingRaces: registrations racing the deadline and several closers
// at once.
func TestClosingRaces(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	item, users, _ := s.eligibleAgencies(t, 4)
	clients := make([]*client, len(users))
	for i, u := range users {
		clients[i] = s.signIn(u)
	}

	t.Run("TwoClosers", func(t *testing.T) {
		id, _ := s.publish(t, item, announcementOpts{method: procurement.MethodRandom})
		for _, c := range clients[:3] {
			s.register(t, c, id, 0)
		}
		s.exec(t, "UPDATE announcements SET registration_deadline = now() - interval '1 second' WHERE id = ?", id)
		var wg sync.WaitGroup
		closed := make([]bool, 4)
		for i := range closed {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var err error
				if i%2 == 0 {
					closed[i], err = s.caps.procurement.Close(context.Background(), id)
				} else {
					err = s.caps.procurement.Sweep(context.Background())
				}
				if err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if n := s.count("SELECT count(*) FROM selections WHERE announcement_id = ?", id); n != 1 {
			t.Errorf("%d selections, want 1", n)
		}
		if n := s.count("SELECT count(*) FROM notifications WHERE kind = 'selection_made' AND (params->>'announcementId')::bigint = ?", id); n != 4 {
			t.Errorf("%d selection_made notifications, want one set of 4", n)
		}
		if n := s.count("SELECT count(*) FROM notifications WHERE kind = 'registration_closed' AND (params->>'announcementId')::bigint = ?", id); n != 1 {
			t.Errorf("%d registration_closed notifications, want 1", n)
		}
		if n := s.count("SELECT count(*) FROM audit_events WHERE chain = ? AND action = 'announcement.close'", fmt.Sprintf("announcement:%d", id)); n != 1 {
			t.Errorf("%d close events, want 1", n)
		}
	})

	t.Run("RegistrationsRacingTheDeadline", func(t *testing.T) {
		for round := 0; round < 5; round++ {
			id, _ := s.publish(t, item, announcementOpts{method: procurement.MethodLowest, ceiling: 1_000_000, deadlineIn: "0.3 seconds"})
			var wg sync.WaitGroup
			var mu sync.Mutex
			accepted := map[int]bool{}
			for i, c := range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for k := 0; k < 40; k++ {
						res := s.register(t, c, id, int64(700_000+k))
						if res.status == 200 {
							mu.Lock()
							accepted[i] = true
							mu.Unlock()
						} else if res.status != 409 {
							t.Errorf("racing registration: %d %s", res.status, res.body)
							return
						}
					}
				}()
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := 0; k < 60; k++ {
					if closed, err := s.caps.procurement.Close(context.Background(), id); err != nil || closed {
						if err != nil {
							t.Error(err)
						}
						return
					}
				}
			}()
			wg.Wait()
			// Close if the closer gave up before the deadline.
			for s.count("SELECT count(*) FROM announcements WHERE id = ? AND status = 'open'", id) == 1 {
				if _, err := s.caps.procurement.Close(context.Background(), id); err != nil {
					t.Fatal(err)
				}
			}
			// No registration was stored or changed after the deadline, and
			// every one stored was counted and opened at closing.
			if n := s.count("SELECT count(*) FROM registrations r JOIN announcements a ON a.id = r.announcement_id WHERE a.id = ? AND r.updated_at >= a.registration_deadline", id); n != 0 {
				t.Errorf("round %d: %d registrations changed at or after the deadline", round, n)
			}
			if n := s.count("SELECT count(*) FROM registrations WHERE announcement_id = ? AND quote_fen IS NULL", id); n != 0 {
				t.Errorf("round %d: %d registrations missed by closing", round, n)
			}
			if got, want := s.count("SELECT count(*) FROM registrations WHERE announcement_id = ?", id), len(accepted); got != want {
				t.Errorf("round %d: %d registrations stored, %d agencies accepted", round, got, want)
			}
			if got := s.count("SELECT registrant_count FROM announcements WHERE id = ?", id); got != len(accepted) {
				t.Errorf("round %d: registrant_count %d, want %d", round, got, len(accepted))
			}
		}
	})
}

// TestBadCompetitionInputIs4xx: nothing a caller sends is a 500.
func TestBadCompetitionInputIs4xx(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	a := s.signIn("agency")
	for _, tc := range []struct{ method, path, body string }{
		{"PUT", "/api/v1/announcements/999999/registration", `{"quoteFen":1}`},
		{"PUT", "/api/v1/announcements/1/registration", `{"quoteFen":"x"}`},
		{"PUT", "/api/v1/announcements/1/registration", `{"quoteFen":-5}`},
		{"DELETE", "/api/v1/announcements/999999/registration", ""},
		{"POST", "/api/v1/selections/999999/objections", `{"grounds":"理由足够长的一段话用于测试。"}`},
		{"GET", "/api/v1/notices/NOPE/result", ""},
		{"GET", "/api/v1/notices/NOPE/draw", ""},
	} {
		var body any
		if tc.body != "" {
			body = tc.body
		}
		res := a.do(tc.method, tc.path, body)
		if res.status < 400 || res.status >= 500 || !strings.Contains(res.header.Get("Content-Type"), "problem+json") {
			t.Errorf("%s %s %s: %d %s", tc.method, tc.path, tc.body, res.status, res.body)
		}
	}
}

// TestTrainingClockDrivesTheDeadlines: moving the training clock past the
// deadline closes and draws in the move; past the publicity, awards.
func TestTrainingClockDrivesTheDeadlines(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	item, users, _ := s.eligibleAgencies(t, 3)
	id, code := s.publish(t, item, announcementOpts{method: procurement.MethodRandom})
	for _, u := range users {
		if res := s.register(t, s.signIn(u), id, 0); res.status != 200 {
			t.Fatalf("register: %d %s", res.status, res.body)
		}
	}
	admin := s.signIn("admin")
	if res := admin.do("POST", "/api/v1/training-clock/advance", map[string]any{"seconds": 2 * 24 * 3600}); res.status != 200 {
		t.Fatalf("advance: %d %s", res.status, res.body)
	}
	r := s.result(t, code)
	if r.Status != procurement.StatusInPublicity || len(r.Selections) != 1 {
		t.Fatalf("after the clock passed the deadline: %+v", r)
	}
	if err := s.drawDoc(t, code).Verify(); err != nil {
		t.Errorf("draw: %v", err)
	}
	if res := admin.do("POST", "/api/v1/training-clock/advance", map[string]any{"workingDays": 5}); res.status != 200 {
		t.Fatalf("advance: %d %s", res.status, res.body)
	}
	if r := s.result(t, code); r.Status != procurement.StatusAwarded {
		t.Errorf("after the publicity: %s", r.Status)
	}
}
