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

// LogFrom returns the request's logger (carrying its request ID), or base.
func LogFrom(ctx context.Context, base *slog.Logger) *slog.Logger {
	if n, ok := ctx.Value(requesterKey{}).(*requester); ok {
		return n.log.With("request_id", n.id)
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
	// log and id make the request's logger, when something asks for it
	// (LogFrom): most requests log only the line at their end.
	log *slog.Logger
	id  string
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
			who := &requester{log: base, id: id}
			if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
				who.client = host
			}
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			next.ServeHTTP(ww, r.WithContext(context.WithValue(r.Context(), requesterKey{}, who)))
			level := slog.LevelInfo
			if strings.HasPrefix(r.URL.Path, "/healthz") || strings.HasPrefix(r.URL.Path, "/readyz") || r.URL.Path == "/metrics" {
				level = slog.LevelDebug
			}
			if ww.Status() >= 500 {
				level = slog.LevelError
			}
			ctx := r.Context()
			if !base.Enabled(ctx, level) {
				return
			}
			// Typed attributes, the request ID first as LogFrom's logger
			// would put it: no boxing and no logger built per request.
			attrs := make([]slog.Attr, 0, 11)
			attrs = append(attrs, slog.String("request_id", id), slog.String("method", r.Method),
				slog.String("path", r.URL.Path), slog.Int("status", ww.Status()),
				slog.Int("bytes", ww.BytesWritten()), slog.Int64("duration_ms", time.Since(start).Milliseconds()),
				slog.String("client", who.client))
			if who.user != nil {
				attrs = append(attrs, slog.Any("user_id", who.user.UserID), slog.Any("org_id", who.user.OrgID), slog.Any("role", who.user.Role))
			}
			base.LogAttrs(ctx, level, "request", attrs...)
		})
	}
}
