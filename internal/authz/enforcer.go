package authz

import (
	"fmt"
	"slices"
	"strconv"

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
		ok, err := e.casbin.Enforce(role, op, subOrg, obj)
		if err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}

// Operations lists every operation named in the policy, for the check that
// no policy line refers to an operation that does not exist.
func (e *Enforcer) Operations() ([]string, error) {
	// The model calls the operation "op", not "obj", so GetAllObjects would
	// find none: read the policy's second field.
	rules, err := e.casbin.GetPolicy()
	if err != nil {
		return nil, err
	}
	var ops []string
	for _, r := range rules {
		if len(r) > 1 && !slices.Contains(ops, r[1]) {
			ops = append(ops, r[1])
		}
	}
	return ops, nil
}
