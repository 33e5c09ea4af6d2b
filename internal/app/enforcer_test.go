package app

import "intermart/internal/authz"

func newEnforcerForTest() ([]string, error) {
	e, err := authz.NewEnforcer()
	if err != nil {
		return nil, err
	}
	return e.Operations()
}
