// Package web holds the HTTP plumbing shared by every capability: operation
// registration behind the authorization middleware, problem responses,
// request logging, metrics, security headers, the API docs page and the SPA.
// It contains no business rules.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"time"

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
	// Access reports what the policy says of an operation: whether it
	// refuses anonymous callers (the OpenAPI document then requires the
	// session) and whether it may refuse a signed-in one (403).
	Access func(operationID string) (signInRequired, mayForbid bool)
}

// Register adds an operation. scope finds the organisation that owns the
// object the operation acts on (nil when there is none); the authorization
// middleware checks it against the policy before the handler runs. The
// operation's success status is declared in op (DefaultStatus), its rate
// limit in its metadata (see Limited). Text inputs are checked for what
// PostgreSQL cannot store before the handler runs, and domain errors
// returned by the handler become problem+json.
func Register[I, O any](api *API, op huma.Operation, scope authz.Scope, handler func(context.Context, *I) (*O, error)) {
	if op.MaxBodyBytes == 0 {
		op.MaxBodyBytes = api.MaxBodyBytes
	}
	authz.SetScope(&op, scope)
	checkPaging[I](op.OperationID)
	describe[I, O](api, &op, scope != nil)
	huma.Register(api.API, op, func(ctx context.Context, in *I) (*O, error) {
		if err := CheckInput(in); err != nil {
			return nil, problem.From(err, LogFrom(ctx, api.Log))
		}
		out, err := handler(ctx, in)
		if err != nil {
			return nil, problem.From(err, LogFrom(ctx, api.Log))
		}
		if l, ok := any(out).(interface{ emptyNotNull() }); ok {
			l.emptyNotNull()
		}
		return out, nil
	})
}

// Principal returns the signed-in user; the authorization middleware has
// already refused anonymous callers for operations that need one.
func Principal(ctx context.Context) *authz.Principal { return authz.PrincipalFrom(ctx) }

// Empty is the output of operations that answer 204 No Content.
type Empty struct{}

// List is the body of every operation that answers with a list: the items,
// never null, and how many there are in all (more than len(items) when the
// list is paged).
type List[T any] struct {
	Items []T `json:"items" nullable:"false"`
	Total int `json:"total" minimum:"0" doc:"How many match in all; more than the items shown when the list is paged"`
}

// ListOutput is the output of a list operation.
type ListOutput[T any] struct{ Body List[T] }

// ListOf answers a list operation with the whole list.
func ListOf[T any](items []T, err error) (*ListOutput[T], error) {
	if err != nil {
		return nil, err
	}
	return &ListOutput[T]{Body: List[T]{Items: items, Total: len(items)}}, nil
}

// emptyNotNull makes an empty list encode as [] rather than null.
func (o *ListOutput[T]) emptyNotNull() {
	if o != nil && o.Body.Items == nil {
		o.Body.Items = []T{}
	}
}

// PageOf answers a paged list operation.
func PageOf[T any](l *List[T], err error) (*ListOutput[T], error) {
	if err != nil {
		return nil, err
	}
	return &ListOutput[T]{Body: *l}, nil
}

// RateLimit is an operation's limit per client address, kept in the
// operation's metadata and applied by the RateLimits middleware.
type RateLimit struct {
	Requests int
	Per      time.Duration
}

const rateLimitKey = "web.rateLimit"

// Limited returns operation metadata that limits each client address to
// requests calls per period, for operations that scripts would guess at
// (signing in, signing up).
func Limited(requests int, per time.Duration) map[string]any {
	return map[string]any{rateLimitKey: RateLimit{Requests: requests, Per: per}}
}

// RateLimitOf returns op's rate limit, if it has one.
func RateLimitOf(op *huma.Operation) (RateLimit, bool) {
	l, ok := op.Metadata[rateLimitKey].(RateLimit)
	return l, ok
}

// PathID reads a positive integer path parameter, for scope resolvers, which
// run before huma has parsed the input.
func PathID(hc huma.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(hc.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.Field("path."+name, "id_format", "must be a positive integer")
	}
	return id, nil
}

// statusText is the description of a documented response.
func statusText(status int) string { return http.StatusText(status) }

// Keyset is the body of a list paged by a cursor rather than by page
// number, for lists too long to count on every request (the public
// notices): the items, never null, and the cursor of the next page, absent
// on the last one.
type Keyset[T any] struct {
	Items []T    `json:"items" nullable:"false"`
	Next  string `json:"next,omitempty" doc:"Pass as cursor to read the next page; absent on the last page"`
}

// KeysetOutput is the output of a keyset-paged list operation.
type KeysetOutput[T any] struct{ Body Keyset[T] }

// KeysetOf answers a keyset-paged list operation.
func KeysetOf[T any](k *Keyset[T], err error) (*KeysetOutput[T], error) {
	if err != nil {
		return nil, err
	}
	return &KeysetOutput[T]{Body: *k}, nil
}

// emptyNotNull makes an empty page encode as [] rather than null.
func (o *KeysetOutput[T]) emptyNotNull() {
	if o != nil && o.Body.Items == nil {
		o.Body.Items = []T{}
	}
}
