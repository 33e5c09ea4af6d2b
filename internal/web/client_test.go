package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestClientAddr checks forwarded headers are believed only from trusted proxies.
func TestClientAddr(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		trusted []string
		peer    string
		headers map[string]string
		want    string
	}{
		{"NoProxies", nil, "203.0.113.9:4000", map[string]string{"X-Forwarded-For": "1.2.3.4", "X-Real-IP": "1.2.3.4"}, "203.0.113.9"},
		{"UntrustedPeer", []string{"10.0.0.0/8"}, "203.0.113.9:4000", map[string]string{"X-Forwarded-For": "1.2.3.4", "X-Real-IP": "1.2.3.4"}, "203.0.113.9"},
		{"TrustedXFF", []string{"10.0.0.0/8"}, "10.0.0.2:4000", map[string]string{"X-Forwarded-For": "1.2.3.4, 198.51.100.7, 10.0.0.9"}, "198.51.100.7"},
		{"TrustedRealIP", []string{"10.0.0.0/8"}, "10.0.0.2:4000", map[string]string{"X-Real-IP": "198.51.100.7"}, "198.51.100.7"},
		{"TrustedNoHeader", []string{"10.0.0.0/8"}, "10.0.0.2:4000", nil, "10.0.0.2"},
		{"TrustedGarbage", []string{"10.0.0.0/8"}, "10.0.0.2:4000", map[string]string{"X-Forwarded-For": "not-an-address"}, "10.0.0.2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got string
			h := ClientAddr(c.trusted)(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
				got = ClientAddrFrom(r.Context())
			}))
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr = c.peer
			for k, v := range c.headers {
				r.Header.Set(k, v)
			}
			h.ServeHTTP(httptest.NewRecorder(), r)
			if got != c.want {
				t.Fatalf("client address = %q, want %q", got, c.want)
			}
		})
	}
}
