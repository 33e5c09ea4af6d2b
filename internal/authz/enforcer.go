package authz

import (
	"fmt"
	"strconv"

	"github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
	stringadapter "github.com/casbin/casbin/v2/persist/string-adapter"

	"intermart/policies"
)

// Enforcer decides with the embedded Casbin model and policy.
type Enforcer struct {
	casbin *casbin.Enforcer
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
	return &Enforcer{casbin: e}, nil
}

// Allow reports whether p may perform op on an object owned by organisation
// objOrg (0 when the operation concerns no particular organisation).
func (e *Enforcer) Allow(p *Principal, op string, objOrg int64) (bool, error) {
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
	return e.casbin.GetAllObjects()
}
