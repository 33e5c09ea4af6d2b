package demo

import (
	"context"
	"testing"

	"intermart/internal/db/dbtest"
	"intermart/internal/identity"
	"intermart/internal/objects/objtest"
)

// TestAgencies loads the demo and checks the agencies are there in every
// state the issue asks for, each with what its state implies.
func TestAgencies(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := dbtest.New(t)
	if err := Load(ctx, d.Bun, objtest.New(t)); err != nil {
		t.Fatal(err)
	}
	one := func(query string, args ...any) int {
		t.Helper()
		var n int
		if err := d.Bun.NewRaw(query, args...).Scan(ctx, &n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	cases := []struct {
		name  string
		query string
		min   int
		max   int
	}{
		{"Agencies", "SELECT count(*) FROM organisations WHERE kind = 'agency'", AgencyCount, AgencyCount},
		{"Approved", "SELECT count(*) FROM agency_profiles WHERE status = 'approved'", 60, AgencyCount},
		{"Pending", "SELECT count(*) FROM agency_profiles WHERE status = 'submitted'", 3, 20},
		{"Rejected", "SELECT count(*) FROM agency_profiles WHERE status = 'rejected'", 2, 20},
		{"Suspended", "SELECT count(*) FROM sanctions WHERE kind = 'suspension' AND ends_at > now()", 1, 1},
		{"Blacklisted", "SELECT count(*) FROM sanctions WHERE kind = 'blacklist'", 1, 1},
		{"EveryAgencyHasAScan", "SELECT count(DISTINCT organisation_id) FROM files", AgencyCount, AgencyCount},
		{"ApprovedHaveListings", `SELECT count(*) FROM agency_profiles p WHERE p.status = 'approved'
			AND NOT EXISTS (SELECT 1 FROM listings l WHERE l.organisation_id = p.organisation_id AND l.approved_at IS NOT NULL)`, 0, 0},
		{"ListingsAreQualified", `SELECT count(*) FROM listings l JOIN service_item_requirements r ON r.item_id = l.item_id
			WHERE NOT EXISTS (SELECT 1 FROM qualifications q WHERE q.organisation_id = l.organisation_id AND q.type_id = r.type_id)`, 0, 0},
		{"RejectionsGiveReasons", "SELECT count(*) FROM review_events WHERE action = 'rejected' AND reason = ''", 0, 0},
		{"ActiveMeansApproved", `SELECT count(*) FROM organisations o JOIN agency_profiles p ON p.organisation_id = o.id
			WHERE (o.status = 'active') <> (p.status = 'approved')`, 0, 0},
		{"ListingsAcrossTheCatalogue", "SELECT count(DISTINCT si.category_code) FROM listings l JOIN service_items si ON si.id = l.item_id", 9, 10},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if n := one(c.query); n < c.min || n > c.max {
				t.Fatalf("%d, want %d..%d", n, c.min, c.max)
			}
		})
	}
	t.Run("CreditCodesValid", func(t *testing.T) {
		for i, a := range Agencies() {
			if a.Username[:2] == "ag" && !identity.ValidCreditCode(agencyCode(a.Region, i)) {
				t.Errorf("%s: invalid credit code", a.Name)
			}
		}
	})
}
