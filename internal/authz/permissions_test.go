package authz

import (
	"slices"
	"testing"
)

func TestOperations(t *testing.T) {
	e, err := NewEnforcer()
	if err != nil {
		t.Fatal(err)
	}
	ops, err := e.Operations()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"auth.signIn", "agency.decideListing", "notifications.readAll"} {
		if !slices.Contains(ops, want) {
			t.Errorf("Operations() = %v, lacks %s", ops, want)
		}
	}
}

func TestPermissions(t *testing.T) {
	e, err := NewEnforcer()
	if err != nil {
		t.Fatal(err)
	}
	scopes := func(p *Principal) map[string]string {
		perms, err := e.Permissions(p)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, p := range perms {
			m[p.Operation] = p.Scope
		}
		return m
	}
	anon := scopes(nil)
	if anon["directory.search"] != ScopeAny || anon["auth.session"] != "" {
		t.Errorf("anonymous: %v", anon)
	}
	reviewer := scopes(&Principal{OrgID: 2, Role: Regulator, Reviewer: true})
	itemRegulator := scopes(&Principal{OrgID: 3, Role: Regulator})
	for op, want := range map[string][2]string{
		"agency.decideProfile":  {ScopeAny, ""},
		"agency.decideListing":  {ScopeOwn, ScopeOwn},
		"agency.imposeSanction": {ScopeAny, ScopeAny},
		"catalog.createItem":    {"", ""},
	} {
		if reviewer[op] != want[0] || itemRegulator[op] != want[1] {
			t.Errorf("%s: reviewer %q, item regulator %q; want %q", op, reviewer[op], itemRegulator[op], want)
		}
	}
	if got := scopes(&Principal{OrgID: 5, Role: AgencyStaff})["agency.updateProfile"]; got != ScopeOwn {
		t.Errorf("agency staff updateProfile: %q, want own", got)
	}
}
