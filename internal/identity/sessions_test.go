package identity_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/alexedwards/scs/v2"

	"intermart/internal/authz"
	"intermart/internal/identity"
)

// headerOnly is a response writer that keeps only the header, so that
// measuring allocations counts the middleware's own.
type headerOnly struct{ h http.Header }

func (w *headerOnly) Header() http.Header         { return w.h }
func (w *headerOnly) Write(b []byte) (int, error) { return len(b), nil }
func (w *headerOnly) WriteHeader(int)             {}

// TestAnonymousReadsSkipSessions checks that a GET without the session
// cookie passes the session middleware without session work (no session
// data, nothing allocated but the Vary header), while a request that may
// begin a session still gets one.
func TestAnonymousReadsSkipSessions(t *testing.T) {
	m := scs.New()
	m.Cookie.Name = "intermart_session"
	sessions := identity.NewSessions(nil, m, slog.New(slog.NewTextHandler(io.Discard, nil)))
	var principal *authz.Principal
	h := sessions.Middleware(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		principal = authz.PrincipalFrom(r.Context())
	}))

	read := httptest.NewRequest(http.MethodGet, "/api/v1/directory/agencies", nil)
	w := &headerOnly{h: http.Header{}}
	allocs := testing.AllocsPerRun(100, func() {
		delete(w.h, "Vary")
		h.ServeHTTP(w, read)
	})
	if allocs > 1 {
		t.Errorf("an anonymous read allocates %.0f times in the session middleware, want at most 1 (the Vary header)", allocs)
	}
	if got := w.h.Get("Vary"); got != "Cookie" || principal != nil {
		t.Errorf("anonymous read: Vary %q, principal %+v", got, principal)
	}

	t.Run("SignInGetsASession", func(t *testing.T) {
		put := http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { m.Put(r.Context(), "k", "v") })
		rec := httptest.NewRecorder()
		sessions.Middleware(put).ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/api/v1/auth/signin", nil))
		if rec.Result().Cookies() == nil {
			t.Fatal("a POST without a cookie got no session")
		}
	})
}
