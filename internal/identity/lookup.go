package identity

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"intermart/internal/db"
	"intermart/internal/errs"
)

// What other capabilities need from identity. Each function takes the
// caller's bun.IDB, so it runs inside the caller's transaction; no other
// package reads or writes the organisations and users tables itself.

var (
	errOrganisationNotFound = errs.New(errs.NotFound, "organisation_not_found", "no such organisation")
	errUserNotFound         = errs.New(errs.NotFound, "user_not_found", "no such user")
)

// FindOrganisation returns an organisation with its kind and status; a
// missing one is errs.NotFound. forUpdate locks the row until the caller's
// transaction ends.
func FindOrganisation(ctx context.Context, idb bun.IDB, id int64, forUpdate bool) (*Organisation, error) {
	org := new(Organisation)
	q := idb.NewSelect().Model(org).Where("id = ?", id)
	if forUpdate {
		q = q.For("UPDATE")
	}
	if err := db.One(q.Scan(ctx), fmt.Sprintf("get organisation %d", id), errOrganisationNotFound); err != nil {
		return nil, err
	}
	return org, nil
}

// Admitted reports whether the organisation may act in the marketplace. For
// an agency this is the one record of its application having been approved
// (入驻审核通过); owners, regulators and the platform are admitted on creation.
func (o *Organisation) Admitted() bool { return o.Status == StatusActive }

// Activate admits an organisation waiting for review: the agency's
// application was approved in the caller's transaction.
func Activate(ctx context.Context, idb bun.IDB, id int64) error {
	res, err := idb.NewUpdate().Model((*Organisation)(nil)).Set("status = ?", StatusActive).Where("id = ?", id).Exec(ctx)
	if err != nil {
		return fmt.Errorf("activate organisation %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errOrganisationNotFound
	}
	return nil
}

// SetContact changes an organisation's contact person and phone.
func SetContact(ctx context.Context, idb bun.IDB, id int64, name, phone string) error {
	var f errs.Fields
	CheckContact(&f, name, phone)
	if err := f.Err(); err != nil {
		return err
	}
	res, err := idb.NewUpdate().Model((*Organisation)(nil)).
		Set("contact_name = ?", CleanName(name)).Set("contact_phone = ?", phone).
		Where("id = ?", id).Exec(ctx)
	if err != nil {
		return fmt.Errorf("set contact of organisation %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errOrganisationNotFound
	}
	return nil
}

// CheckContact adds the problems with a contact person and phone to f, as
// the fields body.contactName and body.contactPhone.
func CheckContact(f *errs.Fields, name, phone string) {
	CheckName(f, "body.contactName", name, 1, 50)
	if !phonePattern.MatchString(phone) {
		f.Add("body.contactPhone", "phone_format", "7–20 digits, spaces, '+' or '-'")
	}
}

// OrganisationNames returns the names of the organisations ids, for lists
// that show who is who. Unknown ids are left out.
func OrganisationNames(ctx context.Context, idb bun.IDB, ids []int64) (map[int64]string, error) {
	names := make(map[int64]string, len(ids))
	if len(ids) == 0 {
		return names, nil
	}
	var rows []struct {
		ID   int64  `bun:"id"`
		Name string `bun:"name"`
	}
	if err := idb.NewSelect().Model((*Organisation)(nil)).Column("id", "name").Where("id IN (?)", bun.In(ids)).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("organisation names: %w", err)
	}
	for _, r := range rows {
		names[r.ID] = r.Name
	}
	return names, nil
}

// Actor is a user as others show them: name and organisation.
type Actor struct {
	UserID           int64  `bun:"id"`
	DisplayName      string `bun:"display_name"`
	OrganisationID   int64  `bun:"organisation_id"`
	OrganisationName string `bun:"organisation_name"`
}

// Actors returns the users ids with their organisations' names, for
// histories that say who acted. Unknown ids are left out.
func Actors(ctx context.Context, idb bun.IDB, ids []int64) (map[int64]Actor, error) {
	actors := make(map[int64]Actor, len(ids))
	if len(ids) == 0 {
		return actors, nil
	}
	var rows []Actor
	err := idb.NewRaw(`SELECT u.id, u.display_name, u.organisation_id, o.name AS organisation_name
		FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id IN (?)`, bun.In(ids)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("actors: %w", err)
	}
	for _, r := range rows {
		actors[r.UserID] = r
	}
	return actors, nil
}

// AdmittedAgencies is the query of the agencies admitted to the marketplace
// (id, name, credit_code, region_code), narrowed by a fragment of the name or
// credit code and by a region when given. Capabilities that list agencies
// (the public directory) use it as a subquery, so that a page stays one
// statement while identity alone reads its table.
func AdmittedAgencies(idb bun.IDB, text, region string) *bun.SelectQuery {
	q := idb.NewSelect().TableExpr("organisations AS o").
		ColumnExpr("o.id, o.name, o.credit_code, o.region_code").
		Where("o.kind = ? AND o.status = ?", KindAgency, StatusActive)
	if text != "" {
		like := db.Contains(text)
		q = q.Where("(o.name ILIKE ? OR o.credit_code ILIKE ?)", like, like)
	}
	if region != "" {
		q = q.Where("o.region_code = ?", region)
	}
	return q
}

// MaxOrganisations bounds a list of organisations; the prefecture has a few
// hundred.
const MaxOrganisations = 500

// Organisations returns the organisations matching filter, by kind and name,
// at most MaxOrganisations: the platform admin's and regulators' lists, and
// the agencies' list that the agency capability completes with sanctions.
func Organisations(ctx context.Context, idb bun.IDB, filter OrganisationFilter) ([]Organisation, error) {
	orgs := []Organisation{}
	q := idb.NewSelect().Model(&orgs).OrderExpr("kind, name").Limit(MaxOrganisations)
	if filter.Kind != "" {
		q = q.Where("kind = ?", filter.Kind)
	}
	if filter.Status != "" {
		q = q.Where("status = ?", filter.Status)
	}
	if filter.Query != "" {
		like := db.Contains(filter.Query)
		q = q.Where("(name ILIKE ? OR credit_code ILIKE ?)", like, like)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("list organisations: %w", err)
	}
	return orgs, nil
}

var errRegionNotFound = errs.New(errs.NotFound, "region_not_found", "no such division of Dali")

// RegionsByCode returns Dali's divisions with the codes given, by code; unknown
// codes are left out. With no codes it returns every division.
func RegionsByCode(ctx context.Context, idb bun.IDB, codes []string) (map[string]Region, error) {
	var rows []Region
	q := idb.NewSelect().Model(&rows)
	if len(codes) > 0 {
		q = q.Where("code IN (?)", bun.In(codes))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("regions by code: %w", err)
	}
	out := make(map[string]Region, len(rows))
	for _, r := range rows {
		out[r.Code] = r
	}
	return out, nil
}

// FindRegion returns the division of Dali with code (the prefecture, the
// city or a county); any other code is errs.NotFound. Other capabilities
// use it to check that a code, such as the division in a national project
// code, is in Dali.
func FindRegion(ctx context.Context, idb bun.IDB, code string) (*Region, error) {
	r := new(Region)
	err := idb.NewSelect().Model(r).Where("code = ?", code).Scan(ctx)
	if err := db.One(err, fmt.Sprintf("get region %q", code), errRegionNotFound); err != nil {
		return nil, err
	}
	return r, nil
}

// FindUserByUsername returns the user with username (normalised); a missing
// one is errs.NotFound.
func FindUserByUsername(ctx context.Context, idb bun.IDB, username string) (*User, error) {
	u := new(User)
	err := idb.NewSelect().Model(u).Where("username = ?", NormalizeUsername(username)).Scan(ctx)
	if err := db.One(err, fmt.Sprintf("get user %q", username), errUserNotFound); err != nil {
		return nil, err
	}
	return u, nil
}

// OrganisationNamesQuery is the query of every organisation's id and name,
// for a capability that shows names beside its own rows in one statement
// (the public notice list) while identity alone names its table.
func OrganisationNamesQuery(idb bun.IDB) *bun.SelectQuery {
	return idb.NewSelect().TableExpr("organisations AS o").ColumnExpr("o.id, o.name")
}

// RegionNamesQuery is the query of every region's code and names (code,
// name_zh, name_en), for the same use.
func RegionNamesQuery(idb bun.IDB) *bun.SelectQuery {
	return idb.NewSelect().TableExpr("regions AS r").ColumnExpr("r.code, r.name_zh, r.name_en")
}
