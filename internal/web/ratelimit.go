package web

import (
	"log/slog"
	"sync"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humachi"
	"github.com/go-chi/httprate"

	"intermart/internal/errs"
	"intermart/internal/problem"
)

// RateLimits applies each operation's rate limit (see Limited), per client
// address and operation, before anything else is done for the request.
func RateLimits(log *slog.Logger) func(huma.Context, func(huma.Context)) {
	var mu sync.Mutex
	limiters := map[string]*httprate.RateLimiter{}
	limiter := func(op *huma.Operation, l RateLimit) *httprate.RateLimiter {
		mu.Lock()
		defer mu.Unlock()
		rl, ok := limiters[op.OperationID]
		if !ok {
			rl = httprate.NewRateLimiter(l.Requests, l.Per)
			limiters[op.OperationID] = rl
		}
		return rl
	}
	return func(hc huma.Context, next func(huma.Context)) {
		op := hc.Operation()
		l, ok := RateLimitOf(op)
		if !ok {
			next(hc)
			return
		}
		r, w := humachi.Unwrap(hc)
		if limiter(op, l).OnLimit(w, r, ClientAddrFrom(r.Context())) {
			// OnLimit has set Retry-After to the limit's period.
			problem.Write(hc, problem.From(errs.New(errs.LockedOut, "rate_limited", "too many requests: wait and try again"), log))
			return
		}
		next(hc)
	}
}
