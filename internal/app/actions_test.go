package app

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// application is what the actions tests read of an application.
type application struct {
	Actions        []string `json:"actions"`
	Qualifications []struct {
		ID      int64    `json:"id"`
		Status  string   `json:"status"`
		Actions []string `json:"actions"`
	} `json:"qualifications"`
	Listings []struct {
		ID            int64    `json:"id"`
		PendingStatus string   `json:"pendingStatus"`
		RegulatorID   int64    `json:"regulatorId"`
		Actions       []string `json:"actions"`
	} `json:"listings"`
	Sanctions []struct {
		ID      int64    `json:"id"`
		InForce bool     `json:"inForce"`
		Actions []string `json:"actions"`
	} `json:"sanctions"`
}

func (s *testServer) application(t *testing.T, user string, org int64) application {
	t.Helper()
	r := s.signIn(user).do("GET", fmt.Sprintf("/api/v1/agencies/%d/application", org), nil)
	if r.status != 200 {
		t.Fatalf("%s reads application %d: %d %s", user, org, r.status, r.body)
	}
	var app application
	r.json(t, &app)
	return app
}

// TestObjectActions checks that the objects of the review pages list the
// actions their reader may take, decided as the operations decide: the
// environment bureau may not decide an application, nobody sanctions an
// agency not yet approved, a listing of such an agency waits, and only the
// imposing regulator or the bureau may lift a sanction.
func TestObjectActions(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	pending := s.id("SELECT organisation_id FROM users WHERE username = 'agency.pending'")
	sthj := s.id("SELECT organisation_id FROM users WHERE username = 'reg.sthj'")

	t.Run("ItemRegulatorDecidesNoApplication", func(t *testing.T) {
		app := s.application(t, "reg.sthj", pending)
		if len(app.Actions) != 0 {
			t.Errorf("application actions for the environment bureau: %v, want none", app.Actions)
		}
		if len(app.Qualifications) == 0 {
			t.Fatal("agency.pending has no qualifications")
		}
		for _, q := range app.Qualifications {
			if len(q.Actions) != 0 {
				t.Errorf("qualification %d actions: %v, want none", q.ID, q.Actions)
			}
		}
	})
	t.Run("ReviewerDecidesApplication", func(t *testing.T) {
		app := s.application(t, "reg.zwfw", pending)
		// Approval waits for the qualifications; no sanction before approval.
		if !slices.Equal(app.Actions, []string{"reject"}) {
			t.Errorf("application actions for the bureau: %v, want [reject]", app.Actions)
		}
		for _, q := range app.Qualifications {
			if want := q.Status == "submitted"; slices.Equal(q.Actions, []string{"approve", "reject"}) != want {
				t.Errorf("qualification %d (%s) actions: %v", q.ID, q.Status, q.Actions)
			}
		}
	})
	t.Run("ListingWaitsForTheAgency", func(t *testing.T) {
		app := s.application(t, "reg.sthj", pending)
		var listing int64
		for _, l := range app.Listings {
			if l.PendingStatus == "submitted" && l.RegulatorID == sthj {
				listing = l.ID
				if len(l.Actions) != 0 {
					t.Errorf("listing %d of an agency not approved: actions %v, want none", l.ID, l.Actions)
				}
			}
		}
		if listing == 0 {
			t.Fatal("agency.pending has no submitted listing of the environment bureau")
		}
		queue := s.signIn("reg.sthj").do("GET", "/api/v1/reviews", nil)
		if want := fmt.Sprintf(`"subjectId":%d,"organisationId":%d`, listing, pending); !strings.Contains(queue.body, want) {
			t.Fatalf("queue lacks the listing: %.500s", queue.body)
		}
		var q struct {
			Items []struct {
				SubjectID int64    `json:"subjectId"`
				Actions   []string `json:"actions"`
				Waiting   string   `json:"waiting"`
			} `json:"items"`
		}
		queue.json(t, &q)
		for _, e := range q.Items {
			if e.SubjectID == listing && (len(e.Actions) != 0 || e.Waiting != "agency_approval") {
				t.Errorf("queue entry: actions %v, waiting %q; want none, agency_approval", e.Actions, e.Waiting)
			}
			if e.SubjectID != listing && e.Waiting == "" && len(e.Actions) == 0 {
				t.Errorf("queue entry %d neither decidable nor waiting", e.SubjectID)
			}
		}
		r := s.signIn("reg.sthj").do("POST", fmt.Sprintf("/api/v1/listings/%d/decision", listing),
			map[string]string{"decision": "reject", "reason": "材料不全"})
		if r.status != 409 || !strings.Contains(r.body, "profile_not_approved") {
			t.Errorf("reject a waiting listing: %d %s, want 409 profile_not_approved", r.status, r.body)
		}
	})
	t.Run("NoSanctionBeforeApproval", func(t *testing.T) {
		for _, user := range []string{"reg.sthj", "reg.zwfw"} {
			if app := s.application(t, user, pending); slices.Contains(app.Actions, "sanction") {
				t.Errorf("%s is offered to sanction an agency not approved", user)
			}
		}
		r := s.signIn("reg.sw").do("POST", fmt.Sprintf("/api/v1/agencies/%d/sanctions", pending), map[string]any{
			"kind": "blacklist", "reason": "提供虚假材料", "legalBasis": "《大理州网上中介服务超市管理暂行办法》第二十二条"})
		if r.status != 409 || !strings.Contains(r.body, "agency_not_approved") {
			t.Errorf("sanction an agency not approved: %d %s, want 409", r.status, r.body)
		}
	})
	t.Run("SanctionAndLift", func(t *testing.T) {
		suspended := s.id("SELECT organisation_id FROM users WHERE username = 'agency.jizushan'")
		imposer := s.id(`SELECT u.id FROM sanctions sn JOIN users u ON u.organisation_id = sn.imposed_by_organisation_id
			WHERE sn.organisation_id = ? AND sn.lifted_at IS NULL ORDER BY sn.id LIMIT 1`, suspended)
		var imposerName string
		if err := s.db.Bun.NewRaw("SELECT username FROM users WHERE id = ?", imposer).Scan(t0, &imposerName); err != nil {
			t.Fatal(err)
		}
		other := "reg.fgw"
		if imposerName == other {
			other = "reg.sthj"
		}
		for user, want := range map[string]bool{imposerName: true, "reg.zwfw": true, other: false} {
			app := s.application(t, user, suspended)
			if !slices.Contains(app.Actions, "sanction") {
				t.Errorf("%s may sanction an approved agency: actions %v", user, app.Actions)
			}
			found := false
			for _, sn := range app.Sanctions {
				if sn.InForce {
					found = true
					if got := slices.Equal(sn.Actions, []string{"lift"}); got != want {
						t.Errorf("%s: sanction %d actions %v, want lift=%v", user, sn.ID, sn.Actions, want)
					}
				} else if len(sn.Actions) != 0 {
					t.Errorf("%s: sanction %d not in force offers %v", user, sn.ID, sn.Actions)
				}
			}
			if !found {
				t.Fatal("agency.jizushan has no sanction in force")
			}
		}
		if app := s.application(t, "agency.jizushan", suspended); len(app.Actions) != 0 || len(app.Sanctions[0].Actions) != 0 {
			t.Errorf("the agency itself is offered %v", app.Actions)
		}
	})
}
