package web

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"intermart/internal/problem"
)

// Deadline bounds how long one request may take: the database calls it makes
// give up when timeout has passed, and the request is answered 503 with
// Retry-After (problem.From maps the deadline) instead of hanging while
// PostgreSQL does not answer. The paths in except (uploads, whose duration
// follows the caller's bandwidth) are not bounded here.
func Deadline(timeout time.Duration, except ...string) func(http.Handler) http.Handler {
	skip := map[string]bool{}
	for _, p := range except {
		skip[p] = true
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if _, ok := lookupPath(skip, r.URL.Path); ok {
				next.ServeHTTP(w, r)
				return
			}
			ctx, cancel := context.WithTimeout(r.Context(), timeout)
			defer cancel()
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// NoStore marks every response as not to be kept by browsers or proxies: API
// answers are personal (a signed-in user's data) or change at any moment.
func NoStore(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Cache-Control"] = noStore // shared, as securityHeaders' values
		next.ServeHTTP(w, r)
	})
}

// SessionError answers a failure of the session store (loading or saving a
// session) like any other API error: problem+json, and 503 with Retry-After
// when PostgreSQL is unreachable, instead of scs's plain-text 500. It is the
// session manager's ErrorFunc.
func SessionError(base *slog.Logger) func(http.ResponseWriter, *http.Request, error) {
	return func(w http.ResponseWriter, r *http.Request, err error) {
		problem.WriteHTTP(w, problem.From(err, LogFrom(r.Context(), base)))
	}
}
