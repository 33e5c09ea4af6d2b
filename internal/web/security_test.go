package web

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
)

func TestMatchPath(t *testing.T) {
	for _, c := range []struct {
		pattern, path string
		want          bool
	}{
		{"/api/v1/files", "/api/v1/files", true},
		{"/api/v1/files", "/api/v1/file", false},
		{"/api/v1/files", "/api/v1/files/", false},
		{"/api/v1/contracts/{id}/deliverables", "/api/v1/contracts/42/deliverables", true},
		{"/api/v1/contracts/{id}/deliverables", "/api/v1/contracts//deliverables", false},
		{"/api/v1/contracts/{id}/deliverables", "/api/v1/contracts/42/deliverables/7", false},
		{"/api/v1/contracts/{id}/deliverables", "/api/v1/contracts/42", false},
		{"/api/v1/contracts/{id}", "/api/v1/contracts/42", true},
		{"/api/v1/contracts/{id}", "/api/v1/contracts/", false},
		{"/{a}/{b}", "/x/y", true},
		{"/{a}/{b}", "/x", false},
		{"", "", true},
		{"/", "/", true},
		{"/", "", false},
	} {
		if got := MatchPath(c.pattern, c.path); got != c.want {
			t.Errorf("MatchPath(%q, %q) = %v, want %v", c.pattern, c.path, got, c.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { MatchPath("/api/v1/contracts/{id}/deliverables", "/api/v1/contracts/42/deliverables") }); n != 0 {
		t.Errorf("MatchPath allocates %v times a call, want 0", n)
	}
}

// TestSecurityHeaders checks every answer's security and caching headers,
// and that a handler adding to one of them changes its own answer only:
// their values are shared by every answer.
func TestSecurityHeaders(t *testing.T) {
	h := securityHeaders("default-src 'self'", NoStore(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/add" {
			w.Header().Add("X-Frame-Options", "SAMEORIGIN")
			w.Header().Add("Cache-Control", "private")
		}
	})))
	want := map[string][]string{
		"Content-Security-Policy": {"default-src 'self'"},
		"X-Content-Type-Options":  {"nosniff"},
		"X-Frame-Options":         {"DENY"},
		"Referrer-Policy":         {"same-origin"},
		"Cache-Control":           {"no-store"},
	}
	for _, path := range []string{"/", "/add", "/"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		for k, v := range want {
			got := rec.Header().Values(k)
			if path == "/add" && (k == "X-Frame-Options" || k == "Cache-Control") {
				v = append(slices.Clone(v), map[string]string{"X-Frame-Options": "SAMEORIGIN", "Cache-Control": "private"}[k])
			}
			if !slices.Equal(got, v) {
				t.Errorf("GET %s: %s = %q, want %q", path, k, got, v)
			}
		}
	}
}
