package app

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestSanctionLift checks separation of duties: a sanction is lifted only by
// the regulator that imposed it or by the government service bureau, and
// both who imposed and who lifted it are shown.
func TestSanctionLift(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	org := s.id("SELECT organisation_id FROM users WHERE username = 'agency.xinhua'")
	impose := func(t *testing.T) int64 {
		t.Helper()
		r := s.signIn("reg.sw").do("POST", fmt.Sprintf("/api/v1/agencies/%d/sanctions", org), map[string]any{
			"kind": "suspension", "reason": "未按承诺时限提交成果", "legalBasis": "《大理州网上中介服务超市管理暂行办法》第二十条",
			"endsAt": time.Now().Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339)})
		if r.status != 201 {
			t.Fatalf("impose: %d %s", r.status, r.body)
		}
		var sn struct {
			ID            int64  `json:"id"`
			ImposedBy     string `json:"imposedBy"`
			ImposedByName string `json:"imposedByName"`
		}
		r.json(t, &sn)
		if sn.ImposedBy != "大理州水务局" || sn.ImposedByName != "水务局 杨志勇" {
			t.Fatalf("imposed by %q (%q), want 大理州水务局 (水务局 杨志勇)", sn.ImposedBy, sn.ImposedByName)
		}
		return sn.ID
	}
	lift := func(user string, id int64) response {
		return s.signIn(user).do("POST", fmt.Sprintf("/api/v1/sanctions/%d/lift", id), map[string]string{"reason": "已整改"})
	}

	t.Run("ErrOtherRegulator", func(t *testing.T) {
		id := impose(t)
		if r := lift("reg.fgw", id); r.status != 403 || !strings.Contains(r.body, "not_imposing_regulator") {
			t.Fatalf("another regulator lifts: %d %s, want 403", r.status, r.body)
		}
		if n := s.count("SELECT count(*) FROM sanctions WHERE id = ? AND lifted_at IS NULL", id); n != 1 {
			t.Fatal("the refused lift changed the sanction")
		}
		if r := lift("reg.sw", id); r.status != 204 {
			t.Fatalf("the imposer lifts: %d %s", r.status, r.body)
		}
		app := s.signIn("reg.sw").do("GET", fmt.Sprintf("/api/v1/agencies/%d/application", org), nil)
		for _, want := range []string{`"liftedBy":"大理州水务局"`, `"liftedByName":"水务局 杨志勇"`, `"imposedByName":"水务局 杨志勇"`} {
			if !strings.Contains(app.body, want) {
				t.Errorf("application lacks %s: %.500s", want, app.body)
			}
		}
	})
	t.Run("Bureau", func(t *testing.T) {
		id := impose(t)
		if r := lift("reg.zwfw", id); r.status != 204 {
			t.Fatalf("the government service bureau lifts: %d %s", r.status, r.body)
		}
		pub := s.anonymous().do("GET", fmt.Sprintf("/api/v1/directory/agencies/%d", org), nil)
		if !strings.Contains(pub.body, `"liftedBy":"大理州政务服务管理局"`) {
			t.Errorf("public page does not say who lifted it: %.500s", pub.body)
		}
	})
	// The session tells the UI who is the bureau, so only those who may lift
	// are offered the button.
	t.Run("SessionNamesTheBureau", func(t *testing.T) {
		for user, want := range map[string]string{"reg.zwfw": `"reviewsAgencies":true`, "reg.fgw": `"reviewsAgencies":false`} {
			if r := s.signIn(user).do("GET", "/api/v1/auth/session", nil); !strings.Contains(r.body, want) {
				t.Errorf("%s's session lacks %s: %.300s", user, want, r.body)
			}
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if r := lift("reg.sw", 987654321); r.status != 404 {
			t.Fatalf("lift a missing sanction: %d %s, want 404", r.status, r.body)
		}
	})
}
