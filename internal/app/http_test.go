package app

import (
	"context"
	"strings"
	"testing"

	"intermart/internal/identity"
)

var t0 = context.Background()

func checkChar(first17 string) string { return identity.CompleteCreditCode(first17)[17:] }

// TestBadInputChangesNothing sends malformed requests and checks each is
// answered with a problem and leaves the database as it was.
func TestBadInputChangesNothing(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c := s.anonymous()
	big := `{"organisationName":"` + strings.Repeat("大", 1<<20) + `"}`
	cases := []struct {
		name, body string
		status     int
		want       string
	}{
		{"MalformedJSON", `{"organisationName": "x",`, 400, `"code":"invalid"`},
		{"UnknownField", `{"organisationName":"x","creditCode":"91532901MA6K00001K","regionCode":"532901","contactName":"a","contactPhone":"0872-2123456","username":"abc","displayName":"a","password":"password-123","isAdmin":true}`, 422, `"location":"body.isAdmin"`},
		{"WrongType", `{"organisationName":42}`, 422, `"location":"body.organisationName"`},
		{"TooLarge", big, 413, `"code":"too_large"`},
	}
	before := s.count("SELECT (SELECT count(*) FROM organisations) + (SELECT count(*) FROM users)")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.do("POST", "/api/v1/agency-signups", tc.body)
			if r.status != tc.status || !strings.Contains(r.body, tc.want) {
				t.Fatalf("got %d %s, want %d with %s", r.status, r.body, tc.status, tc.want)
			}
			if !strings.HasPrefix(r.header.Get("Content-Type"), "application/problem+json") {
				t.Fatalf("content type %q", r.header.Get("Content-Type"))
			}
			if strings.Contains(r.body, "password-123") {
				t.Fatal("the problem echoes the submitted password")
			}
		})
	}
	if after := s.count("SELECT (SELECT count(*) FROM organisations) + (SELECT count(*) FROM users)"); after != before {
		t.Fatalf("rows %d → %d: bad input changed the database", before, after)
	}
}

func TestOperations(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c := s.anonymous()
	cases := []struct {
		name, path string
		status     int
		want       []string
	}{
		{"Healthz", "/healthz", 200, []string{`"ok"`}},
		{"Readyz", "/readyz", 200, []string{`{"minio":"ok","postgresql":"ok"}`}},
		{"OpenAPI", "/api/v1/openapi.json", 200, []string{`"openapi":"3.1.0"`, `"auth.signIn"`}},
		{"Docs", "/api/v1/docs", 200, []string{"identity.createOrganisation", "/api/v1/auth/signin"}},
		{"SPAFallback", "/workspace/organisations", 200, []string{"<html"}},
		{"UnknownAPIRoute", "/api/v1/no-such-thing", 404, []string{`"code":"not_found"`}},
		{"Regions", "/api/v1/regions", 200, []string{"532932", "鹤庆县"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.do("GET", tc.path, nil)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.body, w) {
					t.Fatalf("body lacks %q: %.300s", w, r.body)
				}
			}
			if r.header.Get("Content-Security-Policy") == "" || r.header.Get("X-Request-Id") == "" {
				t.Fatal("missing security header or request ID")
			}
		})
	}

	t.Run("ErrCrossOriginPost", func(t *testing.T) {
		r := c.do("POST", "/api/v1/auth/signin", `{"username":"admin","password":"x"}`,
			"Origin", "https://attacker.example", "Sec-Fetch-Site", "cross-site")
		if r.status != 403 || !strings.Contains(r.body, "cross_origin") {
			t.Fatalf("cross-origin POST: %d %s", r.status, r.body)
		}
	})
}
