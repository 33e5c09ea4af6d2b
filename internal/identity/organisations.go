package identity

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/alexedwards/argon2id"
	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/clock"
	"intermart/internal/db"
	"intermart/internal/errs"
)

// Service is the identity capability: organisations, users, sign-in.
type Service struct {
	db    *bun.DB
	clock clock.Clock
}

// NewService returns the identity service over d, telling the time by the
// database clock.
func NewService(d *bun.DB) *Service { return &Service{db: d, clock: clock.Database{}} }

// WithClock makes the service tell the time by c (a fixed clock in tests).
func (s *Service) WithClock(c clock.Clock) *Service {
	s.clock = c
	return s
}

// NewOrganisation is what the platform admin enters to create an owner or
// regulator organisation together with its first administrator.
type NewOrganisation struct {
	Kind         string  `json:"kind" enum:"owner,regulator" doc:"Only owners and regulators are created by the platform admin; agencies sign up themselves"`
	Name         string  `json:"name" maxLength:"100"`
	CreditCode   string  `json:"creditCode" maxLength:"18"`
	RegionCode   string  `json:"regionCode" maxLength:"6"`
	ContactName  string  `json:"contactName,omitempty" maxLength:"50"`
	ContactPhone string  `json:"contactPhone,omitempty" maxLength:"20"`
	Admin        NewUser `json:"admin"`
}

// AgencySignUp is what an agency enters to join the marketplace (入驻申请).
type AgencySignUp struct {
	OrganisationName string `json:"organisationName" maxLength:"100"`
	CreditCode       string `json:"creditCode" maxLength:"18"`
	RegionCode       string `json:"regionCode" maxLength:"6"`
	ContactName      string `json:"contactName" maxLength:"50"`
	ContactPhone     string `json:"contactPhone" maxLength:"20"`
	Username         string `json:"username" maxLength:"40"`
	DisplayName      string `json:"displayName" maxLength:"50"`
	Password         string `json:"password" maxLength:"128"`
}

// NewUser is a user to add to an organisation.
type NewUser struct {
	Username    string `json:"username" maxLength:"40"`
	DisplayName string `json:"displayName" maxLength:"50"`
	Password    string `json:"password" maxLength:"128"`
	Role        string `json:"role,omitempty" enum:"platform_admin,regulator,owner_admin,owner_staff,agency_admin,agency_staff" doc:"Defaults to the organisation's admin role for a first user"`
}

// validateOrg adds the problems with an organisation's details to f; the
// error is a failure to check them, not a problem with the input.
func (s *Service) validateOrg(ctx context.Context, f *errs.Fields, nameField, name, code, region, contactPhone string) error {
	CheckName(f, nameField, name, 2, 100)
	checkCreditCode(f, "body.creditCode", code)
	known, err := s.regionExists(ctx, region)
	if err != nil {
		return err
	}
	if !known {
		f.Add("body.regionCode", "region_unknown", "choose one of Dali Prefecture's divisions")
	}
	if contactPhone != "" && !phonePattern.MatchString(contactPhone) {
		f.Add("body.contactPhone", "phone_format", "7–20 digits, spaces, '+' or '-'")
	}
	return nil
}

// regionExists reports whether code is one of the regions; a database
// failure is returned as such, never taken for an unknown region.
func (s *Service) regionExists(ctx context.Context, code string) (bool, error) {
	ok, err := s.db.NewSelect().Model((*Region)(nil)).Where("code = ?", code).Exists(ctx)
	if err != nil {
		return false, fmt.Errorf("check region %q: %w", code, err)
	}
	return ok, nil
}

// CreateOrganisation creates an owner or regulator with its first admin.
func (s *Service) CreateOrganisation(ctx context.Context, in NewOrganisation) (*Organisation, error) {
	in.Admin.Username = NormalizeUsername(in.Admin.Username)
	var f errs.Fields
	if in.Kind != KindOwner && in.Kind != KindRegulator {
		f.Add("body.kind", "kind_not_creatable", "the platform admin creates owners and regulators only")
	}
	if err := s.validateOrg(ctx, &f, "body.name", in.Name, in.CreditCode, in.RegionCode, in.ContactPhone); err != nil {
		return nil, err
	}
	CheckName(&f, "body.contactName", in.ContactName, 0, 50)
	checkUsername(&f, "body.admin.username", in.Admin.Username)
	CheckName(&f, "body.admin.displayName", in.Admin.DisplayName, 1, 50)
	checkPassword(&f, "body.admin.password", in.Admin.Password)
	if err := f.Err(); err != nil {
		return nil, err
	}
	org := &Organisation{Kind: in.Kind, Name: CleanName(in.Name), CreditCode: in.CreditCode,
		RegionCode: in.RegionCode, Status: StatusActive, ContactName: CleanName(in.ContactName), ContactPhone: in.ContactPhone}
	user := &User{Username: in.Admin.Username, DisplayName: CleanName(in.Admin.DisplayName), Role: adminRoleOf[in.Kind]}
	if err := s.insertOrgWithAdmin(ctx, org, user, in.Admin.Password, "body.name", "body.admin."); err != nil {
		return nil, err
	}
	return org, nil
}

// SignUpAgency registers an agency and its first admin; the organisation
// waits for review.
func (s *Service) SignUpAgency(ctx context.Context, in AgencySignUp) (*Organisation, error) {
	in.Username = NormalizeUsername(in.Username)
	var f errs.Fields
	if err := s.validateOrg(ctx, &f, "body.organisationName", in.OrganisationName, in.CreditCode, in.RegionCode, in.ContactPhone); err != nil {
		return nil, err
	}
	CheckName(&f, "body.contactName", in.ContactName, 1, 50)
	if in.ContactPhone == "" {
		f.Add("body.contactPhone", "phone_format", "7–20 digits, spaces, '+' or '-'")
	}
	checkUsername(&f, "body.username", in.Username)
	CheckName(&f, "body.displayName", in.DisplayName, 1, 50)
	checkPassword(&f, "body.password", in.Password)
	if err := f.Err(); err != nil {
		return nil, err
	}
	org := &Organisation{Kind: KindAgency, Name: CleanName(in.OrganisationName), CreditCode: in.CreditCode,
		RegionCode: in.RegionCode, Status: StatusPendingReview, ContactName: CleanName(in.ContactName), ContactPhone: in.ContactPhone}
	user := &User{Username: in.Username, DisplayName: CleanName(in.DisplayName), Role: authz.AgencyAdmin}
	if err := s.insertOrgWithAdmin(ctx, org, user, in.Password, "body.organisationName", "body."); err != nil {
		return nil, err
	}
	return org, nil
}

// insertOrgWithAdmin stores both rows in one transaction: an organisation
// without a user to sign in would be stranded.
func (s *Service) insertOrgWithAdmin(ctx context.Context, org *Organisation, user *User, password, nameField, userField string) error {
	hash, err := argon2id.CreateHash(password, argon2id.DefaultParams)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	user.PasswordHash = hash
	return s.db.RunInTx(ctx, &sql.TxOptions{}, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(org).Returning("*").Exec(ctx); err != nil {
			return uniqueToField(err, nameField, userField)
		}
		user.OrganisationID = org.ID
		if _, err := tx.NewInsert().Model(user).Returning("*").Exec(ctx); err != nil {
			return uniqueToField(err, nameField, userField)
		}
		return nil
	})
}

// uniqueToField turns a unique violation into the field error the user can fix.
func uniqueToField(err error, nameField, userField string) error {
	constraint, ok := db.UniqueViolation(err)
	if !ok {
		return err
	}
	switch constraint {
	case "organisations_credit_code_key":
		return errs.Field("body.creditCode", "credit_code_taken", "an organisation with this credit code is already registered")
	case "organisations_name_key", "organisations_name_normalized_key":
		return errs.Field(nameField, "name_taken", "an organisation of this kind with this name already exists")
	case "users_username_key":
		return errs.Field(userField+"username", "username_taken", "this username is taken")
	}
	return err
}

// OrganisationFilter narrows ListOrganisations.
type OrganisationFilter struct {
	Kind   string
	Status string
	Query  string
}

// ListOrganisations returns organisations matching the filter, by kind and name.
func (s *Service) ListOrganisations(ctx context.Context, filter OrganisationFilter) ([]Organisation, error) {
	return Organisations(ctx, s.db, filter)
}

// Organisation returns one organisation.
func (s *Service) Organisation(ctx context.Context, id int64) (*Organisation, error) {
	return FindOrganisation(ctx, s.db, id, false)
}

// Regions lists Dali's divisions, prefecture first.
func (s *Service) Regions(ctx context.Context) ([]Region, error) {
	var regions []Region
	if err := s.db.NewSelect().Model(&regions).Order("sort_order").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list regions: %w", err)
	}
	return regions, nil
}

// Summary counts what the public portal shows.
type Summary struct {
	Regions  int `json:"regions"`
	Owners   int `json:"owners" doc:"Active project owner organisations"`
	Agencies int `json:"agencies" doc:"Active (reviewed) agencies"`
}

// PortalSummary counts regions, active owners and active agencies.
func (s *Service) PortalSummary(ctx context.Context) (Summary, error) {
	var sum Summary
	err := s.db.NewRaw(`SELECT
		(SELECT count(*) FROM regions) AS regions,
		(SELECT count(*) FROM organisations WHERE kind = 'owner' AND status = 'active') AS owners,
		(SELECT count(*) FROM organisations WHERE kind = 'agency' AND status = 'active') AS agencies`).
		Scan(ctx, &sum.Regions, &sum.Owners, &sum.Agencies)
	if err != nil {
		return sum, fmt.Errorf("portal summary: %w", err)
	}
	return sum, nil
}
