package app

import (
	"fmt"
	"strings"
	"testing"
)

// TestMissingObjectsAre404 checks that an object that does not exist is
// 404 for everyone who may act on such objects — its would-be owner as much
// as a regulator reading across organisations — while callers who may not
// act on it at all are refused as before.
func TestMissingObjectsAre404(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	const missing = 987654321
	decision := map[string]string{"decision": "approve"}
	qualification := map[string]any{"typeId": 1, "levelCode": "a", "certificateNo": "X-1", "issuer": "某部门",
		"validFrom": "2026-01-01", "validTo": "2027-01-01", "fileId": 1}
	cases := []struct {
		name, who, method, path string
		body                    any
		status                  int
		reason                  string
	}{
		{"FileLinkOwner", "agency", "POST", "/api/v1/files/%d/link", nil, 404, "file_not_found"},
		{"FileLinkRegulator", "reg.zwfw", "POST", "/api/v1/files/%d/link", nil, 404, "file_not_found"},
		{"FileLinkAdmin", "admin", "POST", "/api/v1/files/%d/link", nil, 404, "file_not_found"},
		{"FileLinkAnonymous", "", "POST", "/api/v1/files/%d/link", nil, 401, "sign_in_required"},
		{"QualificationOwner", "agency", "PUT", "/api/v1/qualifications/%d", qualification, 404, "qualification_not_found"},
		{"QualificationReviewer", "reg.zwfw", "POST", "/api/v1/qualifications/%d/decision", decision, 404, "qualification_not_found"},
		{"QualificationOwnerMayNotDecide", "agency", "POST", "/api/v1/qualifications/%d/decision", decision, 403, "not_allowed"},
		{"ListingOwner", "agency", "PUT", "/api/v1/listings/%d", map[string]string{"feeReference": "面议", "commitment": "10 日"}, 404, "listing_not_found"},
		{"ListingRegulator", "reg.sthj", "POST", "/api/v1/listings/%d/decision", decision, 404, "listing_not_found"},
		{"UserOrgAdmin", "owner", "POST", "/api/v1/users/%d/disable", nil, 404, "user_not_found"},
		{"UserPlatformAdmin", "admin", "POST", "/api/v1/users/%d/disable", nil, 404, "user_not_found"},
	}
	clients := map[string]*client{"": s.anonymous()}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cl, ok := clients[c.who]
			if !ok {
				cl = s.signIn(c.who)
				clients[c.who] = cl
			}
			r := cl.do(c.method, fmt.Sprintf(c.path, missing), c.body)
			if r.status != c.status || !strings.Contains(r.body, `"reason":"`+c.reason+`"`) {
				t.Fatalf("%s %s as %q: %d %s, want %d %s", c.method, c.path, c.who, r.status, r.body, c.status, c.reason)
			}
		})
	}
}
