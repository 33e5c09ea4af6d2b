package app

import (
	"fmt"
	"strings"
	"testing"
)

// TestAgencyVisibility checks who sees what of an agency's application.
func TestAgencyVisibility(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	agencyOrg := s.id("SELECT organisation_id FROM users WHERE username = 'agency'")
	pendingOrg := s.id("SELECT organisation_id FROM users WHERE username = 'agency.pending'")

	t.Run("ErrOtherAgencyApplication", func(t *testing.T) {
		r := s.signIn("agency.erhai").do("GET", fmt.Sprintf("/api/v1/agencies/%d/application", agencyOrg), nil)
		if r.status != 403 {
			t.Fatalf("another agency reads the application: %d", r.status)
		}
	})
	t.Run("RegulatorReadsApplication", func(t *testing.T) {
		r := s.signIn("reg.sthj").do("GET", fmt.Sprintf("/api/v1/agencies/%d/application", pendingOrg), nil)
		if r.status != 200 || !strings.Contains(r.body, `"status":"submitted"`) {
			t.Fatalf("regulator reads a pending application: %d %.200s", r.status, r.body)
		}
	})
	t.Run("PublicSeesOnlyApproved", func(t *testing.T) {
		c := s.anonymous()
		if r := c.do("GET", fmt.Sprintf("/api/v1/directory/agencies/%d", pendingOrg), nil); r.status != 404 {
			t.Fatalf("public page of a pending agency: %d", r.status)
		}
		r := c.do("GET", "/api/v1/directory/agencies?pageSize=100", nil)
		var page struct {
			Items []struct{ ID int64 }
			Total int
		}
		r.json(t, &page)
		for _, it := range page.Items {
			if it.ID == pendingOrg {
				t.Fatal("the directory lists a pending agency")
			}
		}
		if want := s.count("SELECT count(*) FROM organisations WHERE kind = 'agency' AND status = 'active'"); page.Total != want {
			t.Fatalf("directory total %d, want the %d active agencies", page.Total, want)
		}
		// An agency with a listing change under review: the public sees the
		// approved terms only, and no scan.
		changing := s.id("SELECT organisation_id FROM users WHERE username = 'agency.dianxi'")
		r = c.do("GET", fmt.Sprintf("/api/v1/directory/agencies/%d", changing), nil)
		if r.status != 200 || !strings.Contains(r.body, `"feeReference":`) || strings.Contains(r.body, "下浮 25%") {
			t.Fatalf("public page of a changing agency: %d %.400s", r.status, r.body)
		}
		for _, private := range []string{`"pending`, `"fileId"`, `"fileName"`, `"fileContentType"`, `"liftReason"`, `"organisationId"`} {
			if strings.Contains(r.body, private) {
				t.Fatalf("the public page shows %s: %.400s", private, r.body)
			}
		}
	})
	t.Run("SanctionsArePublic", func(t *testing.T) {
		suspended := s.id("SELECT organisation_id FROM users WHERE username = 'agency.jizushan'")
		r := s.anonymous().do("GET", fmt.Sprintf("/api/v1/directory/agencies/%d", suspended), nil)
		if r.status != 200 || !strings.Contains(r.body, `"kind":"suspension"`) || !strings.Contains(r.body, `"inForce":true`) {
			t.Fatalf("suspended agency's page: %d %.300s", r.status, r.body)
		}
	})
}

// TestReviewScope checks that regulators decide only what they are in charge of.
func TestReviewScope(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	// A listing change under review of agency.dianxi (construction items).
	listing := s.id(`SELECT l.id FROM listings l JOIN users u ON u.organisation_id = l.organisation_id
		WHERE u.username = 'agency.dianxi' AND l.pending_status = 'submitted'`)
	regulator := s.id("SELECT u.id FROM users u JOIN service_items si ON si.regulator_id = u.organisation_id JOIN listings l ON l.item_id = si.id WHERE l.id = ? ORDER BY u.id LIMIT 1", listing)
	var inCharge string
	if err := s.db.Bun.NewRaw("SELECT username FROM users WHERE id = ?", regulator).Scan(t0, &inCharge); err != nil {
		t.Fatal(err)
	}
	other := "reg.sthj"
	if inCharge == other {
		other = "reg.fgw"
	}
	approve := map[string]string{"decision": "approve", "reason": ""}
	if r := s.signIn(other).do("POST", fmt.Sprintf("/api/v1/listings/%d/decision", listing), approve); r.status != 403 {
		t.Fatalf("%s decides a listing it is not in charge of: %d", other, r.status)
	}
	queue := s.signIn(inCharge).do("GET", "/api/v1/reviews", nil)
	if !strings.Contains(queue.body, fmt.Sprintf(`"subjectId":%d`, listing)) {
		t.Fatalf("%s's queue lacks the listing: %.300s", inCharge, queue.body)
	}
	if r := s.signIn(inCharge).do("POST", fmt.Sprintf("/api/v1/listings/%d/decision", listing), approve); r.status != 204 {
		t.Fatalf("%s decides: %d %s", inCharge, r.status, r.body)
	}
	if r := s.signIn("reg.zwfw").do("POST", fmt.Sprintf("/api/v1/agencies/%d/decision", s.id("SELECT organisation_id FROM users WHERE username = 'agency.pending'")),
		map[string]string{"decision": "reject", "reason": ""}); r.status != 422 || !strings.Contains(r.body, "reason_required") {
		t.Fatalf("reject without reason: %d %s", r.status, r.body)
	}
}
