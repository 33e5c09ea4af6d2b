package web

import (
	"context"
	"crypto/rand"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/go-chi/chi/v5/middleware"

	"intermart/internal/authz"
)

type logKey struct{}

// LogFrom returns the request's logger (carrying its request ID), or base.
func LogFrom(ctx context.Context, base *slog.Logger) *slog.Logger {
	if l, ok := ctx.Value(logKey{}).(*slog.Logger); ok {
		return l
	}
	return base
}

// plainToken is what a caller's X-Request-Id must look like to be kept: a
// log line or a support ticket can quote it without escaping or surprises.
var plainToken = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// RequestID gives each request an ID: the caller's X-Request-Id when it is a
// plain token (a load balancer's trace ID, say), otherwise one generated
// here. chi's middleware.GetReqID reads it.
func RequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !plainToken.MatchString(id) {
			id = rand.Text()
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), middleware.RequestIDKey, id)))
	})
}

// requester is who made the request, noted by NoteRequester deeper in the
// chain for the log line RequestLog writes when the request ends.
type requester struct {
	client string
	user   *authz.Principal
}

type requesterKey struct{}

// NoteRequester records the client address (from ClientAddr) and the
// signed-in user, if any, for the request log line. Place it after the
// middleware that establish them.
func NoteRequester(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n, ok := r.Context().Value(requesterKey{}).(*requester); ok {
			if addr := ClientAddrFrom(r.Context()); addr != "" {
				n.client = addr
			}
			if p := authz.PrincipalFrom(r.Context()); p != nil {
				n.user = p
			}
		}
		next.ServeHTTP(w, r)
	})
}

// RequestLog gives each request a logger with its request ID, echoes the ID
// in X-Request-Id and logs one line per request when it ends, naming the
// client address and the signed-in user.
func RequestLog(base *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			id := middleware.GetReqID(r.Context())
			w.Header().Set("X-Request-Id", id)
			log := base.With("request_id", id)
			who := &requester{}
			if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
				who.client = host
			}
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			ctx := context.WithValue(context.WithValue(r.Context(), logKey{}, log), requesterKey{}, who)
			next.ServeHTTP(ww, r.WithContext(ctx))
			level := slog.LevelInfo
			if strings.HasPrefix(r.URL.Path, "/healthz") || strings.HasPrefix(r.URL.Path, "/readyz") || r.URL.Path == "/metrics" {
				level = slog.LevelDebug
			}
			if ww.Status() >= 500 {
				level = slog.LevelError
			}
			attrs := []any{"method", r.Method, "path", r.URL.Path, "status", ww.Status(),
				"bytes", ww.BytesWritten(), "duration_ms", time.Since(start).Milliseconds(), "client", who.client}
			if who.user != nil {
				attrs = append(attrs, "user_id", who.user.UserID, "org_id", who.user.OrgID, "role", who.user.Role)
			}
			log.Log(r.Context(), level, "request", attrs...)
		})
	}
}
