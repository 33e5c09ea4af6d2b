package app

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"intermart/internal/demo"
)

// TestContractsAPI walks the contract operations through HTTP on a demo
// award, as each subject: the parties act, another owner or agency is told
// the contract does not exist, regulators read but cannot act.
func TestContractsAPI(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	if err := demo.LoadProcurement(context.Background(), s.db.Bun, s.caps.procurement, s.caps.catalog); err != nil {
		t.Fatal(err)
	}
	// The demo's direct selection: no price until registration.
	id := s.id("SELECT c.id FROM contracts c JOIN users u ON u.organisation_id = c.owner_id WHERE u.username = 'owner.jianchuan'")
	agencyUser := ""
	if err := s.db.Bun.NewRaw(`SELECT min(u.username) FROM users u JOIN contracts c ON c.agency_id = u.organisation_id WHERE c.id = ?`, id).
		Scan(context.Background(), &agencyUser); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/api/v1/contracts/%d", id)
	owner, agency := s.signIn("owner.jianchuan"), s.signIn(agencyUser)

	for _, tc := range []struct {
		who, method, path string
		body              any
		status            int
		contains          string
	}{
		{"owner.zjt", "GET", path, nil, 404, "contract_not_found"},
		{"agency", "GET", path, nil, 404, "contract_not_found"},
		{"owner.zjt", "POST", path + "/registration", map[string]any{"documentFileId": 1, "signedOn": "2026-01-05", "startsOn": "2026-01-05"}, 404, "contract_not_found"},
		{"reg.zwfw", "GET", path, nil, 200, `"role":"regulator"`},
		{"reg.zwfw", "POST", path + "/registration", map[string]any{"documentFileId": 1, "signedOn": "2026-01-05", "startsOn": "2026-01-05"}, 403, ""},
		{"reg.zwfw", "POST", path + "/termination", map[string]any{"reason": "监管要求终止"}, 403, ""},
		{"reg.zwfw", "GET", "/api/v1/performance", nil, 200, fmt.Sprintf(`"id":%d`, id)},
		{"owner.jianchuan", "GET", "/api/v1/performance", nil, 403, ""},
		{"owner.jianchuan", "GET", path, nil, 200, `"actions":["register"]`},
		{agencyUser, "POST", path + "/confirmation", nil, 409, "contract_not_pending_confirmation"},
		{agencyUser, "POST", path + "/termination", map[string]any{"reason": "无法履行"}, 409, "contract_not_registered"},
	} {
		t.Run(tc.who+" "+tc.method+" "+strings.TrimPrefix(tc.path, "/api/v1/"), func(t *testing.T) {
			c := s.signIn(tc.who)
			r := c.do(tc.method, tc.path, tc.body)
			if r.status != tc.status || !strings.Contains(r.body, tc.contains) {
				t.Fatalf("got %d %s, want %d with %s", r.status, r.body, tc.status, tc.contains)
			}
		})
	}

	t.Run("RegisterWithAnotherOrganisationsFileThenConfirm", func(t *testing.T) {
		scan := s.upload(agency, "scan.png", pngBytes).ID
		r := owner.do("POST", path+"/registration", map[string]any{"priceFen": 7_000_000, "documentFileId": scan,
			"signedOn": "2026-01-05", "startsOn": "2026-01-05"})
		if r.status != 422 || !strings.Contains(r.body, "document_not_found") {
			t.Fatalf("another organisation's file: got %d %s, want 422 document_not_found", r.status, r.body)
		}
		if n := s.id("SELECT count(*) FROM contracts WHERE id = ? AND status = 'awaiting_registration'", id); n != 1 {
			t.Fatal("a refused registration changed the contract")
		}
	})
}
