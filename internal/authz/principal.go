// Package authz is the single enforcement point of the marketplace: every API
// operation passes its middleware, which asks Casbin whether the caller's role
// may perform the operation on the organisation that owns the object.
package authz

import "context"

// Role names as they appear in policies/policy.csv.
const (
	Anonymous     = "anonymous"
	Member        = "member" // every signed-in user, whatever the role
	PlatformAdmin = "platform_admin"
	Regulator     = "regulator"
	OwnerAdmin    = "owner_admin"
	OwnerStaff    = "owner_staff"
	AgencyAdmin   = "agency_admin"
	AgencyStaff   = "agency_staff"
	// AgencyReviewer is held besides "regulator" by the users of the
	// regulator that reviews agency applications as a whole (the
	// government service bureau, 政务服务管理局).
	AgencyReviewer = "agency_reviewer"
)

// Principal is the signed-in user a request acts for.
type Principal struct {
	UserID   int64
	OrgID    int64
	OrgKind  string
	Role     string
	Language string
	Reviewer bool // the organisation reviews agency applications
}

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the signed-in user, or nil for an anonymous visitor.
func PrincipalFrom(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}

// Roles returns the policy subjects p acts as.
func Roles(p *Principal) []string {
	if p == nil {
		return []string{Anonymous}
	}
	if p.Reviewer {
		return []string{p.Role, AgencyReviewer}
	}
	return []string{p.Role}
}

// RoleOf returns p's role, Anonymous for nil.
func RoleOf(p *Principal) string {
	if p == nil {
		return Anonymous
	}
	return p.Role
}
