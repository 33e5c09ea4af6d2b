package demo

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"intermart/internal/db/dbtest"
	"intermart/internal/identity"
	"intermart/internal/objects/objtest"
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

// TestCatalogue checks the demo catalogue would pass the catalogue's rules.
func TestCatalogue(t *testing.T) {
	t.Parallel()
	items := Items()
	if len(items) != 189 {
		t.Errorf("%d items, want 189 as the Dali marketplace listed", len(items))
	}
	regulators := map[string]bool{}
	for _, o := range Orgs() {
		if o.Kind == identity.KindRegulator {
			regulators[o.Name] = true
		}
	}
	levels := map[string]map[string]bool{}
	for _, q := range QualificationTypes() {
		if levels[q.Code] != nil {
			t.Errorf("duplicate qualification type %s", q.Code)
		}
		levels[q.Code] = map[string]bool{}
		for _, l := range q.Levels {
			if levels[q.Code][l.Code] {
				t.Errorf("%s: duplicate level %s", q.Code, l.Code)
			}
			levels[q.Code][l.Code] = true
		}
		if len(q.Levels) == 0 {
			t.Errorf("%s has no levels", q.Code)
		}
	}
	if n := len(levels); n < 25 || n > 40 {
		t.Errorf("%d qualification types, want 25–40", n)
	}
	codes, names := map[string]bool{}, map[string]bool{}
	code := regexp.MustCompile(`^([A-Z]{2,4})-[0-9]{3}$`)
	for _, it := range items {
		m := code.FindStringSubmatch(it.Code)
		switch {
		case m == nil:
			t.Errorf("%s: code format", it.Code)
		case codes[it.Code]:
			t.Errorf("%s: duplicate code", it.Code)
		case categoryOf[m[1]] != it.Category || it.Category == "":
			t.Errorf("%s: category %q does not match the prefix", it.Code, it.Category)
		}
		codes[it.Code] = true
		if names[it.NameZH] {
			t.Errorf("%s: duplicate name %s", it.Code, it.NameZH)
		}
		names[it.NameZH] = true
		if n := len([]rune(it.NameZH)); n < 2 || n > 100 || len(it.NameEN) < 2 || len(it.NameEN) > 200 {
			t.Errorf("%s: name length", it.Code)
		}
		if it.CommittedDays < 1 || it.CommittedDays*2 > it.LegalDays || it.LegalDays > 365 {
			t.Errorf("%s: committed %d, legal %d: committed must be 1..legal/2", it.Code, it.CommittedDays, it.LegalDays)
		}
		if !regulators[it.Regulator] {
			t.Errorf("%s: regulator %q is no demo regulator", it.Code, it.Regulator)
		}
		for _, r := range it.Requirements {
			if !levels[r.Type][r.MinLevel] {
				t.Errorf("%s: requirement %s/%s names no level", it.Code, r.Type, r.MinLevel)
			}
		}
	}
}

// TestLoad loads the demo data twice into a real database: the second load
// adds nothing.
func TestLoad(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	store := objtest.New(t)
	counts := func() string {
		var orgs, users, types, levels, items, reqs int
		err := d.Bun.NewRaw(`SELECT (SELECT count(*) FROM organisations), (SELECT count(*) FROM users),
			(SELECT count(*) FROM qualification_types), (SELECT count(*) FROM qualification_levels),
			(SELECT count(*) FROM service_items), (SELECT count(*) FROM service_item_requirements)`).
			Scan(context.Background(), &orgs, &users, &types, &levels, &items, &reqs)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("organisations %d, users %d, types %d, levels %d, items %d, requirements %d", orgs, users, types, levels, items, reqs)
	}
	if err := Load(context.Background(), d.Bun, store); err != nil {
		t.Fatal(err)
	}
	first := counts()
	var items, reqs int
	for _, it := range Items() {
		items++
		reqs += len(it.Requirements)
	}
	if !strings.Contains(first, fmt.Sprintf("items %d, requirements %d", items, reqs)) {
		t.Fatalf("after loading: %s; want %d items with %d requirements", first, items, reqs)
	}
	if err := Load(context.Background(), d.Bun, store); err != nil {
		t.Fatal(err)
	}
	if again := counts(); again != first {
		t.Fatalf("loading again changed the data: %s → %s", first, again)
	}
}
