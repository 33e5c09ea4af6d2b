// Package web holds the HTTP plumbing shared by every capability: operation
// registration behind the authorization middleware, problem responses,
// request logging, metrics, security headers, the API docs page and the SPA.
// It contains no business rules.
package web

import (
	"context"
	"log/slog"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/authz"
	"intermart/internal/errs"
	"intermart/internal/problem"
)

// API is the huma API with the settings every operation shares.
type API struct {
	huma.API
	Log          *slog.Logger
	MaxBodyBytes int64
}

// Register adds an operation. scope finds the organisation that owns the
// object the operation acts on (nil when there is none); the authorization
// middleware checks it against the policy before the handler runs. Domain
// errors returned by the handler become problem+json.
func Register[I, O any](api *API, op huma.Operation, scope authz.Scope, handler func(context.Context, *I) (*O, error)) {
	if op.MaxBodyBytes == 0 {
		op.MaxBodyBytes = api.MaxBodyBytes
	}
	authz.SetScope(&op, scope)
	huma.Register(api.API, op, func(ctx context.Context, in *I) (*O, error) {
		out, err := handler(ctx, in)
		if err != nil {
			return nil, problem.From(err, LogFrom(ctx, api.Log))
		}
		return out, nil
	})
}

// Principal returns the signed-in user; the authorization middleware has
// already refused anonymous callers for operations that need one.
func Principal(ctx context.Context) *authz.Principal { return authz.PrincipalFrom(ctx) }

// Empty is the output of operations that answer 204 No Content.
type Empty struct{}

// PathID reads a positive integer path parameter, for scope resolvers, which
// run before huma has parsed the input.
func PathID(hc huma.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(hc.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.Field("path."+name, "id_format", "must be a positive integer")
	}
	return id, nil
}
