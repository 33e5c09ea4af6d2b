package app

import (
	"fmt"
	"testing"
	"time"
)

// notices returns the kinds of an organisation's notifications with their
// params, newest first, as its user reads them.
func (s *testServer) notices(t *testing.T, username string) []struct {
	Kind   string         `json:"kind"`
	Params map[string]any `json:"params"`
} {
	t.Helper()
	var out struct {
		Items []struct {
			Kind   string         `json:"kind"`
			Params map[string]any `json:"params"`
		} `json:"items"`
	}
	r := s.signIn(username).do("GET", "/api/v1/notifications", nil)
	if r.status != 200 {
		t.Fatalf("%s's notifications: %d %s", username, r.status, r.body)
	}
	r.json(t, &out)
	return out.Items
}

// hasNotice fails unless username's organisation was told kind with the
// param key equal to want (want "" only checks the kind).
func (s *testServer) hasNotice(t *testing.T, username, kind, key, want string) {
	t.Helper()
	for _, n := range s.notices(t, username) {
		if n.Kind == kind && (key == "" || fmt.Sprint(n.Params[key]) == want) {
			return
		}
	}
	t.Errorf("%s was not told %s with %s=%q: %+v", username, kind, key, want, s.notices(t, username))
}

// TestDecisionsNotifyTheAgency checks that every decision on an application,
// a qualification or a listing, and every sanction imposed or lifted,
// tells the agency, in its words and with the reason.
func TestDecisionsNotifyTheAgency(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	bureau := s.signIn("reg.zwfw")

	t.Run("ApplicationApproved", func(t *testing.T) {
		org := s.id("SELECT organisation_id FROM users WHERE username = 'agency.pending'")
		var quals []int64
		if err := s.db.Bun.NewRaw("SELECT id FROM qualifications WHERE organisation_id = ? AND status = 'submitted' ORDER BY id", org).Scan(t0, &quals); err != nil {
			t.Fatal(err)
		}
		if len(quals) == 0 {
			t.Fatal("agency.pending has no submitted qualification")
		}
		for _, q := range quals {
			if r := bureau.do("POST", fmt.Sprintf("/api/v1/qualifications/%d/decision", q), map[string]string{"decision": "approve", "reason": ""}); r.status != 204 {
				t.Fatalf("approve qualification: %d %s", r.status, r.body)
			}
		}
		s.hasNotice(t, "agency.pending", "qualification_approved", "qualificationId", fmt.Sprint(quals[0]))
		if r := bureau.do("POST", fmt.Sprintf("/api/v1/agencies/%d/decision", org), map[string]string{"decision": "approve", "reason": ""}); r.status != 204 {
			t.Fatalf("approve application: %d %s", r.status, r.body)
		}
		s.hasNotice(t, "agency.pending", "application_approved", "", "")
	})
	t.Run("ApplicationReturned", func(t *testing.T) {
		var username string
		err := s.db.Bun.NewRaw(`SELECT u.username FROM agency_profiles p JOIN users u ON u.organisation_id = p.organisation_id
			WHERE p.status = 'submitted' AND u.username <> 'agency.pending' ORDER BY u.username LIMIT 1`).Scan(t0, &username)
		if err != nil {
			t.Fatal(err)
		}
		org := s.id("SELECT organisation_id FROM users WHERE username = ?", username)
		if r := bureau.do("POST", fmt.Sprintf("/api/v1/agencies/%d/decision", org), map[string]string{"decision": "reject", "reason": "营业执照与名称不符"}); r.status != 204 {
			t.Fatalf("return application: %d %s", r.status, r.body)
		}
		s.hasNotice(t, username, "application_rejected", "reason", "营业执照与名称不符")
		q := s.id("SELECT id FROM qualifications WHERE organisation_id = ? AND status = 'submitted' ORDER BY id LIMIT 1", org)
		if r := bureau.do("POST", fmt.Sprintf("/api/v1/qualifications/%d/decision", q), map[string]string{"decision": "reject", "reason": "证书扫描件模糊"}); r.status != 204 {
			t.Fatalf("reject qualification: %d %s", r.status, r.body)
		}
		s.hasNotice(t, username, "qualification_rejected", "reason", "证书扫描件模糊")
	})
	t.Run("ListingDecided", func(t *testing.T) {
		listing := s.id(`SELECT l.id FROM listings l JOIN users u ON u.organisation_id = l.organisation_id
			WHERE u.username = 'agency.dianxi' AND l.pending_status = 'submitted' ORDER BY l.id LIMIT 1`)
		var regulator, itemCode string
		err := s.db.Bun.NewRaw(`SELECT u.username, si.code FROM users u JOIN service_items si ON si.regulator_id = u.organisation_id
			JOIN listings l ON l.item_id = si.id WHERE l.id = ? ORDER BY u.id LIMIT 1`, listing).Scan(t0, &regulator, &itemCode)
		if err != nil {
			t.Fatal(err)
		}
		if r := s.signIn(regulator).do("POST", fmt.Sprintf("/api/v1/listings/%d/decision", listing), map[string]string{"decision": "reject", "reason": "收费标准不明"}); r.status != 204 {
			t.Fatalf("reject listing: %d %s", r.status, r.body)
		}
		s.hasNotice(t, "agency.dianxi", "listing_rejected", "itemCode", itemCode)
		s.hasNotice(t, "agency.dianxi", "listing_rejected", "reason", "收费标准不明")
	})
	t.Run("SanctionImposedAndLifted", func(t *testing.T) {
		org := s.id("SELECT organisation_id FROM users WHERE username = 'agency.xinhua'")
		r := s.signIn("reg.sw").do("POST", fmt.Sprintf("/api/v1/agencies/%d/sanctions", org), map[string]any{
			"kind": "suspension", "reason": "未按承诺时限提交成果", "legalBasis": "《大理州网上中介服务超市管理暂行办法》第二十条",
			"endsAt": time.Now().Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339)})
		if r.status != 201 {
			t.Fatalf("impose: %d %s", r.status, r.body)
		}
		var sn struct{ ID int64 }
		r.json(t, &sn)
		s.hasNotice(t, "agency.xinhua", "sanction_imposed", "reason", "未按承诺时限提交成果")
		s.hasNotice(t, "agency.xinhua", "sanction_imposed", "sanctionKind", "suspension")
		if r := s.signIn("reg.sw").do("POST", fmt.Sprintf("/api/v1/sanctions/%d/lift", sn.ID), map[string]string{"reason": "已整改"}); r.status != 204 {
			t.Fatalf("lift: %d %s", r.status, r.body)
		}
		s.hasNotice(t, "agency.xinhua", "sanction_lifted", "liftReason", "已整改")
	})
	t.Run("DemoSanctionsWereTold", func(t *testing.T) {
		s.hasNotice(t, "agency.jizushan", "sanction_imposed", "sanctionKind", "suspension")
		s.hasNotice(t, "agency.yunnanyi", "sanction_imposed", "sanctionKind", "blacklist")
	})
}
