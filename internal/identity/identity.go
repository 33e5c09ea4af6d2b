// Package identity keeps organisations, their users, sign-in and sessions.
//
// Four kinds of organisation use the marketplace: project owners (项目业主),
// intermediary agencies (中介机构), regulators (监管部门) and the platform
// operator. Every user belongs to exactly one organisation, with one role.
package identity

import (
	"regexp"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/errs"
)

// Organisation kinds.
const (
	KindPlatform  = "platform"
	KindRegulator = "regulator"
	KindOwner     = "owner"
	KindAgency    = "agency"
)

// Organisation statuses. An agency that signed itself up waits for review
// (入驻审核) before it may compete; everyone else is active from creation.
const (
	StatusActive        = "active"
	StatusPendingReview = "pending_review"
)

// Languages the UI speaks.
const (
	LangZH = "zh-CN"
	LangEN = "en-US"
)

// Region is an administrative division of Dali Prefecture (GB/T 2260).
type Region struct {
	bun.BaseModel `bun:"table:regions"`

	Code   string `bun:"code,pk,type:text" json:"code" doc:"GB/T 2260 division code"`
	NameZH string `bun:"name_zh,type:text,notnull" json:"nameZh"`
	NameEN string `bun:"name_en,type:text,notnull" json:"nameEn"`
	Level  string `bun:"level,type:text,notnull" json:"level" enum:"prefecture,county"`
	Sort   int    `bun:"sort_order,notnull" json:"-"`
}

// Organisation is a project owner, agency, regulator or the platform operator.
type Organisation struct {
	bun.BaseModel `bun:"table:organisations"`

	ID           int64  `bun:"id,pk,autoincrement" json:"id"`
	Kind         string `bun:"kind,type:text,notnull" json:"kind" enum:"platform,regulator,owner,agency"`
	Name         string `bun:"name,type:text,notnull" json:"name"`
	CreditCode   string `bun:"credit_code,type:text,notnull" json:"creditCode" doc:"Unified social credit code (统一社会信用代码)"`
	RegionCode   string `bun:"region_code,type:text,notnull" json:"regionCode"`
	Status       string `bun:"status,type:text,notnull" json:"status" enum:"active,pending_review"`
	ContactName  string `bun:"contact_name,type:text,notnull" json:"contactName"`
	ContactPhone string `bun:"contact_phone,type:text,notnull" json:"contactPhone"`
	// ReviewsAgencies marks the regulator that reviews agency applications as
	// a whole (the government service bureau).
	ReviewsAgencies bool      `bun:"reviews_agencies,notnull" json:"reviewsAgencies" doc:"The government service bureau: reviews agency applications and may lift any sanction"`
	CreatedAt       time.Time `bun:"created_at,type:timestamptz,notnull,default:current_timestamp" json:"createdAt"`
}

// User is a person who signs in, acting for one organisation.
type User struct {
	bun.BaseModel `bun:"table:users"`

	ID                int64      `bun:"id,pk,autoincrement" json:"id"`
	OrganisationID    int64      `bun:"organisation_id,notnull" json:"organisationId"`
	Username          string     `bun:"username,type:text,notnull" json:"username"`
	DisplayName       string     `bun:"display_name,type:text,notnull" json:"displayName"`
	Role              string     `bun:"role,type:text,notnull" json:"role" enum:"platform_admin,regulator,owner_admin,owner_staff,agency_admin,agency_staff"`
	PasswordHash      string     `bun:"password_hash,type:text,notnull" json:"-"`
	Language          string     `bun:"language,type:text,notnull,default:'zh-CN'" json:"language" enum:"zh-CN,en-US"`
	DisabledAt        *time.Time `bun:"disabled_at,type:timestamptz,nullzero" json:"-"`
	Disabled          bool       `bun:"-" json:"disabled"`
	PasswordChangedAt time.Time  `bun:"password_changed_at,type:timestamptz,notnull,default:current_timestamp" json:"-"`
	// MustChangePassword is set when an administrator reset the password:
	// until the user chooses their own, they may only change it.
	MustChangePassword bool      `bun:"must_change_password,notnull" json:"mustChangePassword" doc:"An administrator reset the password; the user must choose a new one before doing anything else"`
	CreatedAt          time.Time `bun:"created_at,type:timestamptz,notnull,default:current_timestamp" json:"createdAt"`
}

// rolesOf lists the roles a user of an organisation kind may have.
var rolesOf = map[string][]string{
	KindPlatform:  {authz.PlatformAdmin},
	KindRegulator: {authz.Regulator},
	KindOwner:     {authz.OwnerAdmin, authz.OwnerStaff},
	KindAgency:    {authz.AgencyAdmin, authz.AgencyStaff},
}

// adminRoleOf is the role of an organisation's first user.
var adminRoleOf = map[string]string{
	KindPlatform:  authz.PlatformAdmin,
	KindRegulator: authz.Regulator,
	KindOwner:     authz.OwnerAdmin,
	KindAgency:    authz.AgencyAdmin,
}

// RoleFits reports whether role belongs to an organisation of kind.
func RoleFits(kind, role string) bool {
	for _, r := range rolesOf[kind] {
		if r == role {
			return true
		}
	}
	return false
}

var (
	usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,39}$`)
	phonePattern    = regexp.MustCompile(`^[0-9+\- ]{7,20}$`)
)

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

// NormalizeUsername makes usernames case-insensitive, with full-width
// letters and digits read as the plain ones (NFKC).
func NormalizeUsername(s string) string { return strings.ToLower(CleanName(s)) }

func checkUsername(f *errs.Fields, field, username string) {
	if HasInvisible(username) {
		f.Add(field, "invisible_characters", "remove invisible or text-direction control characters")
		return
	}
	if !usernamePattern.MatchString(username) {
		f.Add(field, "username_format", "3–40 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit")
	}
}

func checkPassword(f *errs.Fields, field, password string) {
	if len([]rune(password)) < MinPasswordLength {
		f.Add(field, "password_too_short", "a password needs at least 10 characters")
	}
}

func checkCreditCode(f *errs.Fields, field, code string) {
	if reason, msg := CreditCodeProblem(code); reason != "" {
		f.Add(field, reason, msg)
	}
}
