package identity

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"intermart/internal/errs"
)

// SeedOrganisation is an organisation of the demonstration data with its
// users, stored as given (status, reviewer flag) by SeedOrganisations.
type SeedOrganisation struct {
	Kind, Name, CreditCode, RegionCode, Status string
	ContactName, ContactPhone                  string
	ReviewsAgencies                            bool
	Users                                      []SeedUser
}

// SeedUser is a user of a SeedOrganisation.
type SeedUser struct{ Username, DisplayName, Role string }

// Seeded says where the seeded users are: their own ID and their
// organisation's, by username.
type Seeded map[string]SeededUser

// SeededUser is a user SeedOrganisations found or created.
type SeededUser struct{ UserID, OrganisationID int64 }

// SeedOrganisations stores the organisations and users that are missing, in
// the caller's transaction, every new user with passwordHash (one hash
// shared by the demo accounts, so loading stays fast). An organisation is
// known by its credit code and a user by the username; existing rows are
// left as they are, so seeding twice adds nothing. The data must pass the
// rules real input passes.
func SeedOrganisations(ctx context.Context, idb bun.IDB, orgs []SeedOrganisation, passwordHash string) (Seeded, error) {
	seeded := Seeded{}
	for _, o := range orgs {
		if err := o.validate(); err != nil {
			return nil, fmt.Errorf("demo organisation %s: %w", o.Name, err)
		}
		org := &Organisation{Kind: o.Kind, Name: CleanName(o.Name), CreditCode: o.CreditCode, RegionCode: o.RegionCode,
			Status: o.Status, ContactName: CleanName(o.ContactName), ContactPhone: o.ContactPhone, ReviewsAgencies: o.ReviewsAgencies}
		if _, err := idb.NewInsert().Model(org).On("CONFLICT (credit_code) DO NOTHING").Exec(ctx); err != nil {
			return nil, fmt.Errorf("demo organisation %s: %w", o.Name, err)
		}
		if err := idb.NewSelect().Model(org).Column("id").Where("credit_code = ?", org.CreditCode).Scan(ctx); err != nil {
			return nil, fmt.Errorf("demo organisation %s: %w", o.Name, err)
		}
		for _, p := range o.Users {
			u := &User{OrganisationID: org.ID, Username: p.Username, DisplayName: CleanName(p.DisplayName), Role: p.Role, PasswordHash: passwordHash}
			if _, err := idb.NewInsert().Model(u).On("CONFLICT (username) DO NOTHING").Exec(ctx); err != nil {
				return nil, fmt.Errorf("demo user %s: %w", p.Username, err)
			}
			if err := idb.NewSelect().Model(u).Column("id", "organisation_id").Where("username = ?", p.Username).Scan(ctx); err != nil {
				return nil, fmt.Errorf("demo user %s: %w", p.Username, err)
			}
			seeded[p.Username] = SeededUser{UserID: u.ID, OrganisationID: u.OrganisationID}
		}
	}
	return seeded, nil
}

// validate holds demo data to the rules of real input.
func (o SeedOrganisation) validate() error {
	var f errs.Fields
	CheckName(&f, "name", o.Name, 2, 100)
	CheckName(&f, "contactName", o.ContactName, 0, 50)
	checkCreditCode(&f, "creditCode", o.CreditCode)
	if o.Status != StatusActive && o.Status != StatusPendingReview {
		f.Add("status", "status_unknown", "active or pending_review")
	}
	if len(o.Users) == 0 {
		f.Add("users", "required", "an organisation needs a user to sign in")
	}
	for _, u := range o.Users {
		checkUsername(&f, "username", u.Username)
		CheckName(&f, "displayName", u.DisplayName, 1, 50)
		if !RoleFits(o.Kind, u.Role) {
			f.Add("role", "role_not_for_kind", "this role does not belong to this kind of organisation")
		}
	}
	return f.Err()
}
