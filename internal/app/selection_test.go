package app

import (
	"fmt"
	"strings"
	"testing"

	"intermart/internal/contract"
	"intermart/internal/procurement"
)

func TestSelectionMethods(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	item, users, _ := s.eligibleAgencies(t, 4)
	clients := make([]*client, len(users))
	for i, u := range users {
		clients[i] = s.signIn(u)
	}
	notices := func(kind string, id int64) int {
		return s.count("SELECT count(*) FROM notifications WHERE kind = ? AND (params->>'announcementId')::bigint = ?", kind, id)
	}

	t.Run("Random", func(t *testing.T) {
		id, code := s.publish(t, item, announcementOpts{method: procurement.MethodRandom, ceiling: 2_000_000, stated: 1_500_000})
		if d := s.drawDoc(t, code); d.Secret != nil || len(d.Candidates) != 0 || len(d.Commitment) != 64 {
			t.Errorf("draw before the deadline: %+v", d)
		}
		for _, c := range clients[:3] {
			if res := s.register(t, c, id, 0); res.status != 200 {
				t.Fatalf("register: %d %s", res.status, res.body)
			}
		}
		s.passDeadline(t, id)
		r := s.result(t, code)
		if r.Status != procurement.StatusInPublicity || len(r.Registrants) != 3 || len(r.Selections) != 1 {
			t.Fatalf("result: %+v", r)
		}
		d := s.drawDoc(t, code)
		if err := d.Verify(); err != nil {
			t.Errorf("the published draw does not verify: %v", err)
		}
		if len(d.Order) != 3 || r.Selections[0].WinnerCreditCode != d.Order[0] {
			t.Errorf("winner %s, draw order %v", r.Selections[0].WinnerCreditCode, d.Order)
		}
		if p := r.Selections[0].DealPriceFen; p == nil || *p != 1_500_000 {
			t.Errorf("deal price %v, want the stated price", p)
		}
		if got := notices("selection_made", id); got != 4 {
			t.Errorf("%d selection_made notifications, want 4 (owner and three registrants)", got)
		}
		if got := notices("registration_closed", id); got != 1 {
			t.Errorf("%d registration_closed notifications, want 1", got)
		}
		s.endPublicity(t, id)
		if r := s.result(t, code); r.Status != procurement.StatusAwarded || r.Selections[0].Status != procurement.SelectionAwarded {
			t.Errorf("after publicity: %s / %s", r.Status, r.Selections[0].Status)
		}
		if got := notices("announcement_awarded", id); got != 4 {
			t.Errorf("%d announcement_awarded notifications, want 4", got)
		}
		if n := s.count("SELECT count(*) FROM audit_events WHERE chain = ?", fmt.Sprintf("announcement:%d", id)); n != 3 {
			t.Errorf("%d audit events (close, select, award), want 3", n)
		}
	})

	t.Run("LowestWithTie", func(t *testing.T) {
		id, code := s.publish(t, item, announcementOpts{method: procurement.MethodLowest, ceiling: 1_000_000})
		quotes := []int64{700_000, 600_000, 600_000, 900_000}
		for i, c := range clients {
			if res := s.register(t, c, id, quotes[i]); res.status != 200 {
				t.Fatalf("register: %d %s", res.status, res.body)
			}
		}
		s.passDeadline(t, id)
		r := s.result(t, code)
		if r.Status != procurement.StatusInPublicity || len(r.Registrants) != 4 {
			t.Fatalf("result: %+v", r)
		}
		ranks := map[int64]int{}
		var winnerQuote int64
		for _, g := range r.Registrants {
			if g.QuoteFen == nil || g.Rank == nil {
				t.Fatalf("registrant without quote or rank after closing: %+v", g)
			}
			ranks[*g.QuoteFen] += *g.Rank
			if g.RegistrationID == r.Selections[0].WinnerRegistrationID {
				winnerQuote = *g.QuoteFen
			}
		}
		if winnerQuote != 600_000 || ranks[600_000] != 1+2 || ranks[700_000] != 3 || ranks[900_000] != 4 {
			t.Errorf("winner quote %d, ranks by quote %v", winnerQuote, ranks)
		}
		if !r.Selections[0].Drawn || *r.Selections[0].DealPriceFen != 600_000 {
			t.Errorf("the tie was not drawn or the price is wrong: %+v", r.Selections[0])
		}
		d := s.drawDoc(t, code)
		if d.TieRank != 1 || len(d.Candidates) != 2 || d.Order[0] != r.Selections[0].WinnerCreditCode {
			t.Errorf("tie-break draw: %+v", d)
		}
		if err := d.Verify(); err != nil {
			t.Errorf("the tie-break does not verify: %v", err)
		}
	})

	t.Run("Comprehensive", func(t *testing.T) {
		// Weights price 40, credit 50, ratings 10. The lowest quote would
		// win on price alone; its agency's credit score, lowered by two
		// sanctions that have ended (they still count for three years),
		// makes the next one win.
		id, code := s.publish(t, item, announcementOpts{method: procurement.MethodComprehensive, ceiling: 1_000_000, weights: [3]int{40, 50, 10}})
		quotes := []int64{800_000, 640_000, 960_000}
		orgs := make([]int64, 3)
		for i, c := range clients[:3] {
			if res := s.register(t, c, id, quotes[i]); res.status != 200 {
				t.Fatalf("register: %d %s", res.status, res.body)
			}
			orgs[i] = s.id("SELECT organisation_id FROM users WHERE username = ?", users[i])
		}
		s.exec(t, `INSERT INTO sanctions (organisation_id, kind, reason, legal_basis, starts_at, ends_at, imposed_by, imposed_by_organisation_id)
			SELECT ?, k, '综合评审信用分测试', '综合评审信用分测试', now() - interval '200 days', now() - interval '100 days', id, organisation_id
			FROM users, unnest(ARRAY['suspension', 'blacklist']) AS k WHERE username = 'reg.zwfw'`, orgs[1])
		if _, err := s.caps.contract.RecomputeAllCredits(t.Context()); err != nil {
			t.Fatal(err)
		}
		s.passDeadline(t, id)
		r := s.result(t, code)
		if strings.Join(r.ScoredComponents, ",") != "price,credit,rating" {
			t.Errorf("scored components: %v", r.ScoredComponents)
		}
		price := map[int64]int{800_000: 8000, 640_000: 10000, 960_000: 6666}
		past, err := contract.PastRatings(t.Context(), s.db.Bun, orgs)
		if err != nil {
			t.Fatal(err)
		}
		credit := map[int64]int{}
		for i, q := range quotes {
			var cv struct {
				Score     int `json:"score"`
				Breakdown struct {
					Sanctions int `json:"sanctions"`
				} `json:"breakdown"`
			}
			s.anonymous().do("GET", fmt.Sprintf("/api/v1/agencies/%d/credit", orgs[i]), nil).json(t, &cv)
			credit[q] = cv.Score
			if i == 1 && cv.Breakdown.Sanctions != contract.CreditSuspension+contract.CreditBlacklist {
				t.Errorf("the ended sanctions are not deducted: %+v", cv)
			}
			want := (40*price[q] + 50*cv.Score + 10*past[orgs[i]]) / 100
			for _, g := range r.Registrants {
				if *g.QuoteFen == q && (g.Score == nil || *g.Score != want || g.PriceScore == nil || *g.PriceScore != price[q]) {
					t.Errorf("quote %d: score %v price score %v, want %d", q, g.Score, g.PriceScore, want)
				}
			}
		}
		if credit[640_000] >= credit[800_000] {
			t.Fatalf("credit scores %v: the sanctions should lower the lowest quote's agency's", credit)
		}
		for _, g := range r.Registrants {
			if *g.QuoteFen == 800_000 && (g.Rank == nil || *g.Rank != 1 || g.RegistrationID != r.Selections[0].WinnerRegistrationID) {
				t.Errorf("the credit score did not change the winner: %+v", r)
			}
		}
	})

	t.Run("Direct", func(t *testing.T) {
		id, code := s.publish(t, item, announcementOpts{method: procurement.MethodDirect, ceiling: 80_000})
		for _, c := range clients[:2] {
			if res := s.register(t, c, id, 0); res.status != 200 {
				t.Fatalf("register: %d %s", res.status, res.body)
			}
		}
		s.passDeadline(t, id)
		owner := s.signIn("owner")
		res := owner.do("GET", fmt.Sprintf("/api/v1/notices/%s/result", code), nil)
		if res.status != 200 || !strings.Contains(res.body, `"choose"`) {
			t.Fatalf("the owner may choose: %d %s", res.status, res.body)
		}
		r := s.result(t, code)
		if r.Status != procurement.StatusClosed || len(r.Actions) != 0 {
			t.Fatalf("awaiting choice, public: %+v", r)
		}
		path := fmt.Sprintf("/api/v1/announcements/%d/selection", id)
		pick := r.Registrants[1].RegistrationID
		if res := owner.do("POST", path, map[string]any{"registrationId": pick, "reason": " "}); res.status != 422 {
			t.Errorf("no reason: %d %s", res.status, res.body)
		}
		if res := s.signIn("owner.zjt").do("POST", path, map[string]any{"registrationId": pick, "reason": "熟悉本地情况"}); res.status != 403 {
			t.Errorf("another owner chooses: %d %s", res.status, res.body)
		}
		if n := s.count("SELECT count(*) FROM selections WHERE announcement_id = ?", id); n != 0 {
			t.Fatalf("a refused choice stored a selection")
		}
		res = owner.do("POST", path, map[string]any{"registrationId": pick, "reason": "该机构熟悉洱海流域情况，近三年服务评价良好"})
		if res.status != 201 || !strings.Contains(res.body, "熟悉洱海流域") {
			t.Fatalf("choose: %d %s", res.status, res.body)
		}
		if r := s.result(t, code); r.Status != procurement.StatusInPublicity || r.Selections[0].WinnerRegistrationID != pick {
			t.Errorf("after choosing: %+v", r)
		}
		if res := owner.do("POST", path, map[string]any{"registrationId": pick, "reason": "再选一次试试看"}); res.status != 409 {
			t.Errorf("choose twice: %d %s", res.status, res.body)
		}
	})

	t.Run("FailedRound", func(t *testing.T) {
		id, code := s.publish(t, item, announcementOpts{method: procurement.MethodLowest, ceiling: 1_000_000})
		for i, c := range clients[:2] {
			if res := s.register(t, c, id, int64(800_000+i)); res.status != 200 {
				t.Fatalf("register: %d %s", res.status, res.body)
			}
		}
		s.passDeadline(t, id)
		r := s.result(t, code)
		if r.Status != procurement.StatusFailed || r.FailReason != procurement.FailTooFew || len(r.Selections) != 0 {
			t.Errorf("two registrants of three needed: %+v", r)
		}
		if got := notices("announcement_failed", id); got != 3 {
			t.Errorf("%d announcement_failed notifications, want 3 (owner and two registrants)", got)
		}
	})
}
