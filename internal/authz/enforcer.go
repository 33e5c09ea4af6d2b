package authz

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"sync"

	"github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
	stringadapter "github.com/casbin/casbin/v2/persist/string-adapter"

	"intermart/policies"
)

// Enforcer decides with the embedded Casbin model and policy.
type Enforcer struct {
	casbin *casbin.Enforcer
	// public holds what an anonymous visitor may do on no particular
	// organisation's object, decided by the policy once: it is fixed while
	// the server runs, and public reads are the busiest path there is.
	public map[string]bool
	// decided remembers Casbin's decisions for signed-in callers. The
	// model's matcher reads the caller's role, the operation and only
	// whether the object belongs to no organisation, the caller's own or
	// another (decisionKey), and the policy is fixed while the server runs,
	// so each combination is decided by Casbin once.
	decided sync.Map
}

// decisionKey is what the model's matcher reads of a request: role,
// operation, and the object's organisation as none ("-"), the caller's own
// ("="), or another ("≠").
func decisionKey(role, op, subOrg, objOrg string) string {
	relation := "≠"
	switch {
	case objOrg == "":
		relation = "-"
	case objOrg == subOrg:
		relation = "="
	}
	return role + "\x00" + op + "\x00" + relation
}

// NewEnforcer loads policies/model.conf and policies/policy.csv.
func NewEnforcer() (*Enforcer, error) {
	m, err := model.NewModelFromString(policies.Model)
	if err != nil {
		return nil, fmt.Errorf("casbin model: %w", err)
	}
	e, err := casbin.NewEnforcer(m, stringadapter.NewAdapter(policies.Policy))
	if err != nil {
		return nil, fmt.Errorf("casbin policy: %w", err)
	}
	enforcer := &Enforcer{casbin: e, public: map[string]bool{}}
	ops, err := enforcer.Operations()
	if err != nil {
		return nil, fmt.Errorf("casbin policy: %w", err)
	}
	for _, op := range ops {
		ok, err := e.Enforce(Anonymous, op, "", "")
		if err != nil {
			return nil, fmt.Errorf("casbin policy: %w", err)
		}
		enforcer.public[op] = ok
	}
	return enforcer, nil
}

// Allow reports whether p may perform op on an object owned by organisation
// objOrg (0 when the operation concerns no particular organisation).
func (e *Enforcer) Allow(p *Principal, op string, objOrg int64) (bool, error) {
	if p == nil && objOrg == 0 {
		return e.public[op], nil
	}
	subOrg, obj := "", ""
	if p != nil {
		subOrg = strconv.FormatInt(p.OrgID, 10)
	}
	if objOrg != 0 {
		obj = strconv.FormatInt(objOrg, 10)
	}
	for _, role := range Roles(p) {
		key := decisionKey(role, op, subOrg, obj)
		if ok, seen := e.decided.Load(key); seen {
			if ok.(bool) {
				return true, nil
			}
			continue
		}
		ok, err := e.casbin.Enforce(role, op, subOrg, obj)
		if err != nil {
			return false, err
		}
		e.decided.Store(key, ok)
		if ok {
			return true, nil
		}
	}
	return false, nil
}

// Operations lists every operation named in the policy, for the check that
// no policy line refers to an operation that does not exist.
func (e *Enforcer) Operations() ([]string, error) {
	// Casbin's GetAllObjects looks for a field named "obj", which this
	// model calls "op": read the policy lines themselves.
	rules, err := e.casbin.GetPolicy()
	if err != nil {
		return nil, fmt.Errorf("casbin policy: %w", err)
	}
	seen := map[string]bool{}
	var ops []string
	for _, rule := range rules {
		if len(rule) > 1 && !seen[rule[1]] {
			seen[rule[1]] = true
			ops = append(ops, rule[1])
		}
	}
	return ops, nil
}

// Scopes of a permission, as in policies/model.conf.
const (
	ScopeAny = "any" // on every organisation's objects, or on none
	ScopeOwn = "own" // only on objects of the caller's own organisation
)

// Permission is an operation p may call and on whose objects.
type Permission struct {
	Operation string `json:"operation"`
	Scope     string `json:"scope" enum:"any,own" doc:"any: on every organisation's objects; own: only on objects of the user's own organisation (for a listing decision, listings of items it is in charge of)"`
}

// Permissions lists the operations p may call, each with its scope, asking
// the policy exactly as the middleware does: an operation allowed on an
// object of no organisation is allowed anywhere; one allowed only on the
// caller's own organisation's objects is "own".
func (e *Enforcer) Permissions(p *Principal) ([]Permission, error) {
	ops, err := e.Operations()
	if err != nil {
		return nil, err
	}
	sort.Strings(ops)
	perms := []Permission{}
	for _, op := range ops {
		anywhere, err := e.Allow(p, op, 0)
		if err != nil {
			return nil, err
		}
		if anywhere {
			perms = append(perms, Permission{op, ScopeAny})
			continue
		}
		if p == nil {
			continue
		}
		own, err := e.Allow(p, op, p.OrgID)
		if err != nil {
			return nil, err
		}
		if own {
			perms = append(perms, Permission{op, ScopeOwn})
		}
	}
	return perms, nil
}

type enforcerKey struct{}

// WithEnforcer returns ctx carrying e, so that handlers and services can ask
// the same policy about the objects they return (see May).
func WithEnforcer(ctx context.Context, e *Enforcer) context.Context {
	return context.WithValue(ctx, enforcerKey{}, e)
}

// May reports whether the signed-in user of ctx may perform op on an object
// of organisation objOrg: the check the middleware makes before the
// operation runs, made for an object in hand, so that the object can list
// the actions its reader may take. Without an enforcer in ctx (outside an
// API request) nothing is allowed.
func May(ctx context.Context, op string, objOrg int64) bool {
	e, _ := ctx.Value(enforcerKey{}).(*Enforcer)
	if e == nil {
		return false
	}
	ok, err := e.Allow(PrincipalFrom(ctx), op, objOrg)
	return err == nil && ok
}

// PermissionsOf lists what the signed-in user of ctx may do (see
// Enforcer.Permissions); empty outside an API request.
func PermissionsOf(ctx context.Context) ([]Permission, error) {
	e, _ := ctx.Value(enforcerKey{}).(*Enforcer)
	if e == nil {
		return []Permission{}, nil
	}
	return e.Permissions(PrincipalFrom(ctx))
}
