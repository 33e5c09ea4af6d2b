package app

import (
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"intermart/internal/clock"
	"intermart/internal/procurement"
)

// defaultRedFlagSettings are the thresholds the migration stores.
var defaultRedFlagSettings = map[string]int{"concentrationSharePercent": 30, "concentrationMinAwards": 5, "nearCeilingPercent": 95,
	"splittingNearPercent": 80, "splittingWindowDays": 90, "splittingMinCount": 2}

// TestRedFlagSettings changes each threshold of the red flag rules through
// the API and shows that it moves its rule's boundary: a case just under
// it is flagged once it is lowered, one over it is not once it is raised.
// Bad values are field errors with nothing stored, and only the platform
// administrator changes the thresholds.
func TestRedFlagSettings(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	admin, reg, owner := s.signIn("admin"), s.signIn("reg.zwfw"), s.signIn("owner")
	item, users, _ := s.eligibleAgencies(t, 3)
	agencyOf := func(u string) int64 { return s.id("SELECT organisation_id FROM users WHERE username = ?", u) }

	settings := func(c *client) map[string]any {
		t.Helper()
		res := c.do("GET", "/api/v1/supervision/red-flag-settings", nil)
		if res.status != 200 {
			t.Fatalf("settings: %d %s", res.status, res.body)
		}
		var out map[string]any
		res.json(t, &out)
		return out
	}
	// set stores the default thresholds changed by change.
	set := func(change map[string]int) {
		t.Helper()
		body := maps.Clone(defaultRedFlagSettings)
		maps.Copy(body, change)
		res := admin.do("PUT", "/api/v1/supervision/red-flag-settings", body)
		if res.status != 200 {
			t.Fatalf("set %v: %d %s", change, res.status, res.body)
		}
	}
	// reviewOpen closes the open flags of kind with subject, so that the
	// next case raises a new one.
	reviewOpen := func(kind, subject string) {
		t.Helper()
		for _, f := range s.flags(t, reg, kind) {
			if f.Subject == subject && f.ReviewedAt == nil {
				s.mustPost(t, reg, fmt.Sprintf("/api/v1/supervision/red-flags/%d/review", f.ID), map[string]string{"note": "阈值测试前复核"})
			}
		}
	}
	openFlag := func(kind, subject string) *redFlag {
		t.Helper()
		for _, f := range s.flags(t, reg, kind) {
			if f.Subject == subject && f.ReviewedAt == nil {
				return &f
			}
		}
		return nil
	}
	// direct makes a direct selection of agency user u, and awards it
	// when award is set.
	direct := func(u string, ceiling int64, award bool) int64 {
		t.Helper()
		ann, _ := s.publish(t, item, announcementOpts{method: "direct", ceiling: ceiling})
		if res := s.register(t, s.signIn(u), ann, 0); res.status != 200 {
			t.Fatalf("register: %d %s", res.status, res.body)
		}
		s.passDeadline(t, ann)
		regID := s.id("SELECT id FROM registrations WHERE announcement_id = ?", ann)
		s.mustPost(t, owner, fmt.Sprintf("/api/v1/announcements/%d/selection", ann),
			map[string]any{"registrationId": regID, "reason": "该机构熟悉本项目所在区域情况，服务承诺时限最短。"})
		if award {
			s.endPublicity(t, ann)
		}
		return ann
	}

	t.Run("Defaults", func(t *testing.T) {
		got := settings(reg)
		for k, v := range defaultRedFlagSettings {
			if num(got[k]) != int64(v) {
				t.Errorf("%s = %v, want %d", k, got[k], v)
			}
		}
	})

	t.Run("BadInput", func(t *testing.T) {
		before := settings(admin)
		bad := maps.Clone(defaultRedFlagSettings)
		maps.Copy(bad, map[string]int{"concentrationSharePercent": 0, "concentrationMinAwards": 1, "nearCeilingPercent": 101,
			"splittingNearPercent": 80, "splittingWindowDays": 367, "splittingMinCount": 1})
		res := admin.do("PUT", "/api/v1/supervision/red-flag-settings", bad)
		if res.status != 422 {
			t.Fatalf("bad settings: %d %s", res.status, res.body)
		}
		for _, f := range []string{"concentrationSharePercent", "concentrationMinAwards", "nearCeilingPercent", "splittingWindowDays", "splittingMinCount"} {
			if !strings.Contains(res.body, `"body.`+f+`"`) {
				t.Errorf("no field error on %s: %s", f, res.body)
			}
		}
		if strings.Contains(res.body, "splittingNearPercent") || !strings.Contains(res.body, "number_range") {
			t.Errorf("field errors: %s", res.body)
		}
		if after := settings(admin); !maps.Equal(before, after) {
			t.Errorf("a refused change stored something: %v, was %v", after, before)
		}
		if n := s.count("SELECT count(*) FROM audit_events WHERE action = 'red_flag_settings.update'"); n != 0 {
			t.Errorf("%d audit events of a refused change", n)
		}
	})

	t.Run("Authorization", func(t *testing.T) {
		path := "/api/v1/supervision/red-flag-settings"
		for _, u := range []string{"owner", users[0]} {
			c := s.signIn(u)
			if res := c.do("GET", path, nil); res.status != 403 {
				t.Errorf("%s reads the settings: %d", u, res.status)
			}
			if res := c.do("PUT", path, defaultRedFlagSettings); res.status != 403 {
				t.Errorf("%s changes the settings: %d", u, res.status)
			}
		}
		if res := reg.do("PUT", path, defaultRedFlagSettings); res.status != 403 {
			t.Errorf("a regulator changes the settings: %d", res.status)
		}
		set(map[string]int{"nearCeilingPercent": 94})
		if got := settings(reg); num(got["nearCeilingPercent"]) != 94 || got["updatedBy"] == nil {
			t.Errorf("after the admin's change the regulator reads %v", got)
		}
		if n := s.count("SELECT count(*) FROM audit_events WHERE chain = 'red_flag_settings:1' AND action = 'red_flag_settings.update'"); n != 1 {
			t.Errorf("%d audit events of the change, want 1", n)
		}
		set(nil)
	})

	t.Run("Concentration", func(t *testing.T) {
		now, err := clock.Database{}.Now(t0, s.db.Bun)
		if err != nil {
			t.Fatal(err)
		}
		// The item's awards (demo data included), and agency b's.
		b := users[1]
		awards := func() (total, won int) {
			t.Helper()
			rows, err := procurement.AwardsByItemAgency(t0, s.db.Bun, item, now.AddDate(-1, 0, 0), now.AddDate(0, 0, 1))
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				total += r.Awards
				if r.AgencyID == agencyOf(b) {
					won = r.Awards
				}
			}
			return total, won
		}
		// under is the highest share percentage that flags won of total:
		// one more is not flagged.
		under := func(total, won int) int { return (won*100 - 1) / total }
		subject := fmt.Sprintf("item:%d:agency:%d", item, agencyOf(b))
		reviewOpen("agency_concentration", subject)

		// The share: b's next award, with the share one point above what
		// it will hold, is not flagged…
		total, won := awards()
		set(map[string]int{"concentrationMinAwards": 2, "concentrationSharePercent": under(total+1, won+1) + 1})
		direct(b, 1_000_000, true)
		if f := openFlag("agency_concentration", subject); f != nil {
			t.Fatalf("share over the threshold flagged: %v", f.Evidence)
		}
		// …the one after, with the share one point under, is.
		total, won = awards()
		share := under(total+1, won+1)
		set(map[string]int{"concentrationMinAwards": 2, "concentrationSharePercent": share})
		direct(b, 1_000_000, true)
		f := openFlag("agency_concentration", subject)
		if f == nil {
			t.Fatalf("share of %d in %d awards not flagged at %d %%", won+1, total+1, share)
		}
		if num(f.Evidence["sharePercent"]) != int64(share) || num(f.Evidence["minAwards"]) != 2 || num(f.Evidence["awards"]) != int64(won+1) {
			t.Errorf("concentration evidence %v, want the %d %% threshold among 2 awards", f.Evidence, share)
		}

		// The list of items recomputes the flag with the thresholds in
		// force: both thresholds move the item's boundary.
		flagged := func() bool {
			t.Helper()
			var list struct {
				Items []struct {
					ItemID    int64 `json:"itemId"`
					Awards    int   `json:"awards"`
					TopAwards int   `json:"topAwards"`
					Flagged   bool  `json:"flagged"`
				} `json:"items"`
			}
			reg.do("GET", "/api/v1/supervision/red-flags/concentration", nil).json(t, &list)
			for _, c := range list.Items {
				if c.ItemID == item {
					return c.Flagged
				}
			}
			t.Fatal("the item is missing from the concentration list")
			return false
		}
		total = s.count(`SELECT count(*) FROM announcements WHERE item_id = ? AND status = 'awarded' AND awarded_at > now() - interval '1 year'`, item)
		top := s.count(`SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM announcements a
			JOIN selections sel ON sel.announcement_id = a.id AND sel.status = 'awarded' JOIN registrations r ON r.id = sel.winner_id
			WHERE a.item_id = ? AND a.status = 'awarded' AND a.awarded_at > now() - interval '1 year' GROUP BY r.agency_id) x`, item)
		for _, c := range []struct {
			share, min int
			want       bool
		}{
			{under(total, top), total, true},
			{under(total, top) + 1, total, false},
			{under(total, top), total + 1, false},
		} {
			set(map[string]int{"concentrationSharePercent": c.share, "concentrationMinAwards": c.min})
			if got := flagged(); got != c.want {
				t.Errorf("top %d of %d awards at %d %% among at least %d: flagged %v, want %v", top, total, c.share, c.min, got, c.want)
			}
		}
		set(nil)
	})

	t.Run("Splitting", func(t *testing.T) {
		// Direct selections at 70 % of the 100,000 yuan limit, not awarded
		// (the concentration above stays as it was).
		a := users[0]
		ownerOrg := s.id("SELECT organisation_id FROM users WHERE username = 'owner'")
		subject := fmt.Sprintf("owner:%d:item:%d", ownerOrg, item)
		reviewOpen("direct_splitting", subject)
		var anns []int64
		for range 2 {
			anns = append(anns, direct(a, 7_000_000, false))
		}
		if f := openFlag("direct_splitting", subject); f != nil {
			t.Fatalf("selections at 70 %% of the limit flagged at 80 %%: %v", f.Evidence)
		}
		// The near percentage lowered to 70: the third is flagged, with
		// the two before it.
		set(map[string]int{"splittingNearPercent": 70})
		anns = append(anns, direct(a, 7_000_000, false))
		f := openFlag("direct_splitting", subject)
		if f == nil {
			t.Fatal("selections at 70 % of the limit not flagged at 70 %")
		}
		if list, _ := f.Evidence["directSelections"].([]any); len(list) != 3 || num(f.Evidence["nearPercent"]) != 70 ||
			num(f.Evidence["minCeilingFen"]) != 7_000_000 || num(f.Evidence["minCount"]) != 2 {
			t.Errorf("splitting evidence %v", f.Evidence)
		}
		reviewOpen("direct_splitting", subject)
		// The count raised to 5: a fourth is not flagged.
		set(map[string]int{"splittingNearPercent": 70, "splittingMinCount": 5})
		anns = append(anns, direct(a, 7_000_000, false))
		if f := openFlag("direct_splitting", subject); f != nil {
			t.Fatalf("four selections flagged at a count of 5: %v", f.Evidence)
		}
		// The window: the four made 40 days ago are outside 30 days…
		s.exec(t, "UPDATE selections SET selected_at = selected_at - interval '40 days' WHERE announcement_id IN (?)", bun.In(anns))
		set(map[string]int{"splittingNearPercent": 70, "splittingWindowDays": 30})
		direct(a, 7_000_000, false)
		if f := openFlag("direct_splitting", subject); f != nil {
			t.Fatalf("one selection in 30 days flagged: %v", f.Evidence)
		}
		// …and inside 60.
		set(map[string]int{"splittingNearPercent": 70, "splittingWindowDays": 60})
		direct(a, 7_000_000, false)
		f = openFlag("direct_splitting", subject)
		if f == nil {
			t.Fatal("six selections in 60 days not flagged")
		}
		if list, _ := f.Evidence["directSelections"].([]any); len(list) != 6 || num(f.Evidence["windowDays"]) != 60 {
			t.Errorf("splitting evidence %v, want six selections in 60 days", f.Evidence)
		}
		set(nil)
	})

	t.Run("NearCeiling", func(t *testing.T) {
		// Two lowest-price awards, at 92 % and 96 % of the ceiling.
		award := func(quotes ...int64) int64 {
			t.Helper()
			ann, _ := s.publish(t, item, announcementOpts{method: "lowest", ceiling: 5_000_000})
			for i, q := range quotes {
				if res := s.register(t, s.signIn(users[i]), ann, q); res.status != 200 {
					t.Fatalf("register: %d %s", res.status, res.body)
				}
			}
			s.passDeadline(t, ann)
			s.endPublicity(t, ann)
			return ann
		}
		set(map[string]int{"nearCeilingPercent": 92})
		low := award(4_600_000, 4_900_000, 4_950_000)
		f := s.flagOn(t, reg, "price_near_ceiling", low)
		if f == nil {
			t.Fatal("a deal at 92 % of the ceiling not flagged at 92 %")
		}
		if num(f.Evidence["nearCeilingPercent"]) != 92 || num(f.Evidence["percentOfCeiling"]) != 92 {
			t.Errorf("near-ceiling evidence %v", f.Evidence)
		}
		set(map[string]int{"nearCeilingPercent": 97})
		high := award(4_800_000, 4_900_000, 4_950_000)
		if f := s.flagOn(t, reg, "price_near_ceiling", high); f != nil {
			t.Errorf("a deal at 96 %% of the ceiling flagged at 97 %%: %v", f.Evidence)
		}
		set(nil)
	})
}
