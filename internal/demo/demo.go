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

// Load inserts the demo organisations, users, catalogue and agency
// applications that are missing; the agencies' scans go to store.
func Load(ctx context.Context, d *bun.DB, store *objects.Store) error {
	hash, err := argon2id.CreateHash(Password, argon2id.DefaultParams)
	if err != nil {
		return err
	}
	return d.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for _, o := range Orgs() {
			org := &identity.Organisation{Kind: o.Kind, Name: o.Name, CreditCode: o.CreditCode(), RegionCode: o.Region,
				Status: o.Status, ContactName: o.Users[0].DisplayName, ContactPhone: "0872-2100000", ReviewsAgencies: o.Reviewer}
			_, err := tx.NewInsert().Model(org).On("CONFLICT (credit_code) DO NOTHING").Exec(ctx)
			if err != nil {
				return fmt.Errorf("demo organisation %s: %w", o.Name, err)
			}
			if err := tx.NewSelect().Model(org).Column("id").Where("credit_code = ?", org.CreditCode).Scan(ctx); err != nil {
				return err
			}
			for _, p := range o.Users {
				u := &identity.User{OrganisationID: org.ID, Username: p.Username, DisplayName: p.DisplayName, Role: p.Role, PasswordHash: hash}
				if _, err := tx.NewInsert().Model(u).On("CONFLICT (username) DO NOTHING").Exec(ctx); err != nil {
					return fmt.Errorf("demo user %s: %w", p.Username, err)
				}
			}
		}
		if err := loadCatalogue(ctx, tx); err != nil {
			return err
		}
		return loadAgencies(ctx, tx, store, hash)
	})
}

// PrintSignIns writes the demo accounts, one per role first, for the README
// and the console of `make run`.
func PrintSignIns(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Demo sign-ins (password for all: %s)\n", Password)
	fmt.Fprintln(tw, "role\tusername\torganisation")
	seen := map[string]bool{}
	for _, o := range Orgs() {
		for _, p := range o.Users {
			if seen[p.Role] && p.Username != "agency.pending" {
				continue
			}
			seen[p.Role] = true
			fmt.Fprintf(tw, "%s\t%s\t%s\n", p.Role, p.Username, o.Name)
		}
	}
	_ = tw.Flush()
}
