package web

import (
	"net/http"
	"strings"

	"intermart/internal/errs"
	"intermart/internal/problem"
)

// ContentSecurityPolicy allows only the server's own scripts. antd styles
// components at run time, which needs inline styles. documents is the
// origin of the object store, whose presigned links the review pages show
// beside the form (images, and PDFs in a frame).
func ContentSecurityPolicy(documents string) string {
	return "default-src 'self'; img-src 'self' data: blob: " + documents + "; style-src 'self' 'unsafe-inline'; " +
		"script-src 'self'; connect-src 'self'; frame-src 'self' " + documents + "; object-src 'none'; " +
		"frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
}

// SecurityHeaders sets the headers every response carries.
func SecurityHeaders(csp string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return securityHeaders(csp, next)
	}
}

func securityHeaders(csp string, next http.Handler) http.Handler {
	policy := []string{csp}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The values are shared by every answer (Header.Set would make
		// four slices a request); Set and Add elsewhere replace them
		// rather than write into them.
		h := w.Header()
		h["Content-Security-Policy"] = policy
		h["X-Content-Type-Options"] = nosniff
		h["X-Frame-Options"] = deny
		h["Referrer-Policy"] = sameOrigin
		next.ServeHTTP(w, r)
	})
}

var (
	nosniff    = []string{"nosniff"}
	deny       = []string{"DENY"}
	sameOrigin = []string{"same-origin"}
	noStore    = []string{"no-store"}
)

// CrossOrigin refuses state-changing requests from other origins (CSRF),
// using the browser's Sec-Fetch-Site and Origin headers, and answers with a
// problem like every other refusal.
func CrossOrigin(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		problem.WriteHTTP(w, problem.From(errs.New(errs.Forbidden, "cross_origin", "cross-origin request refused"), nil))
	}))
	return cop.Handler(next)
}

// NotFound answers unknown API paths with a problem.
func NotFound(w http.ResponseWriter, r *http.Request) {
	problem.WriteHTTP(w, problem.From(errs.New(errs.NotFound, "no_such_route", "no such API route"), nil))
}

// LimitBody caps the size of every request body at max, or at the limit
// given for the request's exact path (uploads). huma enforces each
// operation's own limit too; this guards everything else.
func LimitBody(defaultMax int64, perPath map[string]int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			max, own := lookupPath(perPath, r.URL.Path)
			if !own {
				max = defaultMax
			}
			// A path with its own limit answers an oversized body itself,
			// in its own words.
			if r.ContentLength > max && !own {
				problem.WriteHTTP(w, problem.From(errs.New(errs.Invalid, "body_too_large", "the request body is too large"), nil).WithStatus(http.StatusRequestEntityTooLarge))
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, max)
			next.ServeHTTP(w, r)
		})
	}
}

// lookupPath finds path's entry in perPath, whose keys are paths or route
// patterns where a {name} segment stands for any one segment.
func lookupPath[V any](perPath map[string]V, path string) (V, bool) {
	if v, ok := perPath[path]; ok {
		return v, true
	}
	for pattern, v := range perPath {
		if MatchPath(pattern, path) {
			return v, true
		}
	}
	var zero V
	return zero, false
}

// MatchPath reports whether path matches pattern, a route whose {name}
// segments stand for any one non-empty segment.
func MatchPath(pattern, path string) bool {
	// Segment by segment, without splitting into new slices: two
	// middlewares look up every request's path.
	for {
		p, pRest, pMore := strings.Cut(pattern, "/")
		q, qRest, qMore := strings.Cut(path, "/")
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			if q == "" {
				return false
			}
		} else if p != q {
			return false
		}
		if pMore != qMore {
			return false // not as many segments
		}
		if !pMore {
			return true
		}
		pattern, path = pRest, qRest
	}
}
