package authz

import (
	"context"
	"log/slog"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/errs"
	"intermart/internal/problem"
)

// Scope finds the organisation that owns the object an operation acts on,
// from the request's path parameters. It runs before the handler, so a
// handler never sees a request the policy did not allow.
type Scope func(ctx context.Context, hc huma.Context) (orgID int64, err error)

const scopeKey = "authz.scope"

// SetScope attaches a scope resolver to an operation.
func SetScope(op *huma.Operation, s Scope) {
	if op.Metadata == nil {
		op.Metadata = map[string]any{}
	}
	op.Metadata[scopeKey] = s
}

// Middleware enforces the policy on every operation of api. Anonymous callers
// that are refused get 401 so the UI can ask them to sign in; signed-in
// callers get 403.
func Middleware(e *Enforcer, log *slog.Logger) func(huma.Context, func(huma.Context)) {
	return func(hc huma.Context, next func(huma.Context)) {
		op := hc.Operation()
		p := PrincipalFrom(hc.Context())
		var objOrg int64
		var scopeErr error
		if s, ok := op.Metadata[scopeKey].(Scope); ok && s != nil {
			objOrg, scopeErr = s(hc.Context(), hc)
			if scopeErr != nil && !errs.Is(scopeErr, errs.NotFound) {
				problem.Write(hc, problem.From(scopeErr, log))
				return
			}
		}
		if scopeErr != nil {
			// The object does not exist: a caller who may do this to some
			// object (its own organisation's, or any) learns so, whoever
			// it is; anyone else is refused as usual.
			objOrg = 0
			if p != nil {
				objOrg = p.OrgID
			}
		}
		allowed, err := e.Allow(p, op.OperationID, objOrg)
		if err != nil {
			problem.Write(hc, problem.From(err, log))
			return
		}
		if allowed && scopeErr != nil {
			problem.Write(hc, problem.From(scopeErr, log))
			return
		}
		if !allowed {
			if p == nil {
				problem.Write(hc, problem.From(errs.New(errs.Unauthenticated, "sign_in_required", "sign in to continue"), log))
				return
			}
			problem.Write(hc, problem.From(errs.New(errs.Forbidden, "not_allowed", "you are not allowed to do this"), log))
			return
		}
		// The handler may ask the same policy about the objects it
		// returns (May).
		next(huma.WithContext(hc, WithEnforcer(hc.Context(), e)))
	}
}
