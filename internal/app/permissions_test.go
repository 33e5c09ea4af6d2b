package app

import (
	"net/http"
	"strings"
	"testing"

	"intermart/internal/demo"
)

// TestSessionPermissions checks that the operations the session reports
// for each demo user are exactly what the authorization matrix allows it:
// an operation reported with scope "any" is allowed on the matrix's
// objects, one reported "own" only where the matrix's object belongs to the
// user's own organisation, and one not reported is refused.
func TestSessionPermissions(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	ops := registeredOps(s.api)
	registered := map[string]bool{}
	for _, op := range ops {
		registered[op.id] = true
	}
	ownerOrg := s.id("SELECT organisation_id FROM users WHERE username = 'owner'")
	agencyOrg := s.id("SELECT organisation_id FROM users WHERE username = 'agency'")
	// The matrix's listing is of an item the environment bureau is in charge of.
	itemRegulatorOrg := s.id("SELECT organisation_id FROM users WHERE username = 'reg.sthj'")
	// objectOrg is the organisation owning the object the matrix acts on
	// for op (0: the operation concerns no organisation), as its
	// scope resolver finds it.
	objectOrg := func(op matrixOp) int64 {
		switch {
		case op.id == "agency.decideListing":
			return itemRegulatorOrg
		case strings.HasSuffix(op.path, "/agency-rating"):
			return ownerOrg // the contract's owner rates its agency
		case strings.HasSuffix(op.path, "/owner-rating"):
			return agencyOrg // the contract's agency rates its owner
		case strings.HasPrefix(op.path, "/api/v1/organisations/{orgId}"), strings.HasPrefix(op.path, "/api/v1/users/"):
			return ownerOrg
		case strings.HasPrefix(op.path, "/api/v1/directory/"):
			return 0
		case strings.HasPrefix(op.path, "/api/v1/projects/{id}"), strings.HasPrefix(op.path, "/api/v1/announcements/{id}"), strings.HasPrefix(op.path, "/api/v1/objections/{id}"):
			return ownerOrg
		}
		for _, param := range []string{"{orgId}", "{qualificationId}", "{listingId}", "{practitionerId}", "{sanctionId}", "{fileId}"} {
			if strings.Contains(op.path, param) {
				return agencyOrg
			}
		}
		return 0
	}

	if r := s.anonymous().do("GET", "/api/v1/auth/session", nil); r.status != http.StatusUnauthorized {
		t.Fatalf("anonymous session: %d, want 401", r.status)
	}
	for _, subj := range matrixSubjects {
		if subj.username == "" {
			continue
		}
		t.Run(subj.name, func(t *testing.T) {
			r := s.signIn(subj.username).do("GET", "/api/v1/auth/session", nil)
			if r.status != http.StatusOK {
				t.Fatalf("session: %d %s", r.status, r.body)
			}
			var session struct {
				Organisation struct {
					ID int64 `json:"id"`
				} `json:"organisation"`
				Permissions []struct{ Operation, Scope string } `json:"permissions"`
			}
			r.json(t, &session)
			scope := map[string]string{}
			for _, p := range session.Permissions {
				if !registered[p.Operation] {
					t.Errorf("the session reports %s, which is no registered operation", p.Operation)
				}
				if p.Scope != "any" && p.Scope != "own" {
					t.Errorf("%s: scope %q", p.Operation, p.Scope)
				}
				scope[p.Operation] = p.Scope
			}
			for _, op := range ops {
				org := objectOrg(op)
				got := scope[op.id] == "any" || (scope[op.id] == "own" && org != 0 && org == session.Organisation.ID)
				want := strings.Contains(" "+matrix[op.id]+" ", " "+subj.name+" ")
				if got != want {
					t.Errorf("%s: the session says allowed=%v (scope %q), the matrix %v", op.id, got, scope[op.id], want)
				}
			}
		})
	}
	// Signing in answers with the same permissions as the session.
	signIn := s.anonymous().do("POST", "/api/v1/auth/signin", map[string]string{"username": "reg.sthj", "password": demo.Password})
	if !strings.Contains(signIn.body, `{"operation":"agency.decideListing","scope":"own"}`) ||
		strings.Contains(signIn.body, `"agency.decideProfile"`) {
		t.Errorf("sign-in answer's permissions: %.2000s", signIn.body)
	}
}
