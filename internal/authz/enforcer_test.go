package authz_test

import (
	"testing"

	"intermart/internal/authz"
)

// TestPublicOperations checks the anonymous decisions taken once at start-up
// against the policy: what policy.csv grants anonymous, and nothing else.
func TestPublicOperations(t *testing.T) {
	e, err := authz.NewEnforcer()
	if err != nil {
		t.Fatal(err)
	}
	ops, err := e.Operations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ops) < 10 {
		t.Fatalf("the policy names %d operations", len(ops))
	}
	for op, want := range map[string]bool{"directory.search": true, "auth.signIn": true, "catalog.listItems": true,
		"agency.imposeSanction": false, "agency.reviewQueue": false, "no.suchOperation": false} {
		if got, err := e.Allow(nil, op, 0); err != nil || got != want {
			t.Errorf("anonymous %s: %v %v, want %v", op, got, err, want)
		}
	}
	// A signed-in caller is still decided by the policy, role by role.
	if ok, _ := e.Allow(&authz.Principal{UserID: 1, OrgID: 1, Role: authz.Regulator}, "directory.search", 0); !ok {
		t.Error("a regulator may not read the directory")
	}
}
