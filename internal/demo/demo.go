// Package demo loads the demonstration data of `intermart seed --demo`: the
// organisations and people of a plausible Dali Prefecture marketplace. Loading
// is idempotent: rows that exist are left as they are.
package demo

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/alexedwards/argon2id"
	"github.com/uptrace/bun"

	"intermart/internal/clock"
	"intermart/internal/identity"
	"intermart/internal/objects"
)

// Password is the password of every demo account.
const Password = "Intermart@2026"

// Org is a demo organisation with its users.
type Org struct {
	Kind, Name, Region, Status string
	Users                      []Person
	// Reviewer marks the regulator that reviews agency applications.
	Reviewer bool
	// code17 is the credit code without its check character.
	code17 string
}

// Person is a demo user.
type Person struct{ Username, DisplayName, Role string }

// CreditCode returns the organisation's valid unified social credit code.
func (o Org) CreditCode() string { return identity.CompleteCreditCode(o.code17) }

// Load stores the demo organisations, users, catalogue and agency
// applications that are missing, in one transaction; the agencies' scans go
// to store. Each capability seeds its own tables: this package holds the
// demo facts and the order.
func Load(ctx context.Context, d *bun.DB, store *objects.Store) error {
	hash, err := argon2id.CreateHash(Password, argon2id.DefaultParams)
	if err != nil {
		return err
	}
	return d.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		now, err := clock.Database{}.Now(ctx, tx)
		if err != nil {
			return err
		}
		people, err := identity.SeedOrganisations(ctx, tx, seedOrgs(Orgs()), hash)
		if err != nil {
			return err
		}
		cat, err := loadCatalogue(ctx, tx, people)
		if err != nil {
			return err
		}
		return loadAgencies(ctx, tx, store, hash, people, cat, now)
	})
}

// seedOrgs turns demo organisations into identity's seed input.
func seedOrgs(orgs []Org) []identity.SeedOrganisation {
	out := make([]identity.SeedOrganisation, len(orgs))
	for i, o := range orgs {
		users := make([]identity.SeedUser, len(o.Users))
		for k, p := range o.Users {
			users[k] = identity.SeedUser{Username: p.Username, DisplayName: p.DisplayName, Role: p.Role}
		}
		out[i] = identity.SeedOrganisation{Kind: o.Kind, Name: o.Name, CreditCode: o.CreditCode(), RegionCode: o.Region,
			Status: o.Status, ContactName: o.Users[0].DisplayName, ContactPhone: "0872-2100000", ReviewsAgencies: o.Reviewer, Users: users}
	}
	return out
}

// showcase are the demo accounts listed besides one per role: an agency
// under review, a suspended one and a blacklisted one.
var showcase = map[string]bool{"agency.pending": true, "agency.jizushan": true, "agency.yunnanyi": true}

// PrintSignIns writes the demo accounts, one per role first, for the README
// and the console of `make run`.
func PrintSignIns(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Demo sign-ins (password for all: %s)\n", Password)
	fmt.Fprintln(tw, "role\tusername\torganisation")
	seen := map[string]bool{}
	for _, o := range Orgs() {
		for _, p := range o.Users {
			if seen[p.Role] && !showcase[p.Username] {
				continue
			}
			seen[p.Role] = true
			fmt.Fprintf(tw, "%s\t%s\t%s\n", p.Role, p.Username, o.Name)
		}
	}
	_ = tw.Flush()
}
