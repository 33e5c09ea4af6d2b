package demo

import (
	"testing"

	"intermart/internal/identity"
)

// TestOrgs checks the demo data would pass the same rules as real input.
func TestOrgs(t *testing.T) {
	t.Parallel()
	codes, users := map[string]bool{}, map[string]bool{}
	kinds := map[string]int{}
	for _, o := range Orgs() {
		if r, msg := identity.CreditCodeProblem(o.CreditCode()); r != "" {
			t.Errorf("%s: credit code %s: %s", o.Name, o.CreditCode(), msg)
		}
		if codes[o.CreditCode()] {
			t.Errorf("%s: duplicate credit code %s", o.Name, o.CreditCode())
		}
		codes[o.CreditCode()] = true
		kinds[o.Kind]++
		for _, p := range o.Users {
			if users[p.Username] {
				t.Errorf("duplicate username %s", p.Username)
			}
			users[p.Username] = true
			if !identity.RoleFits(o.Kind, p.Role) {
				t.Errorf("%s: role %s does not fit kind %s", p.Username, p.Role, o.Kind)
			}
		}
	}
	if kinds[identity.KindRegulator] < 3 || kinds[identity.KindOwner] < 10 || kinds[identity.KindAgency] < 1 || kinds[identity.KindPlatform] != 1 {
		t.Errorf("kinds = %v, want 1 platform, ≥3 regulators, ≥10 owners, agencies", kinds)
	}
}
