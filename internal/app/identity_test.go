package app

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"intermart/internal/demo"
)

func TestSignIn(t *testing.T) {
	t.Parallel()
	s := startServer(t)

	t.Run("OK", func(t *testing.T) {
		c := s.signIn("owner")
		res := c.do("GET", "/api/v1/auth/session", nil)
		var sess struct {
			User         struct{ Username, Role string }
			Organisation struct{ Kind, Name string }
		}
		res.json(t, &sess)
		if res.status != 200 || sess.User.Username != "owner" || sess.User.Role != "owner_admin" || sess.Organisation.Kind != "owner" {
			t.Fatalf("session = %d %s", res.status, res.body)
		}
	})

	t.Run("ErrWrongPasswordRevealsNothing", func(t *testing.T) {
		c := s.anonymous()
		wrong := c.do("POST", "/api/v1/auth/signin", map[string]string{"username": "owner.staff", "password": "not-the-password"})
		missing := c.do("POST", "/api/v1/auth/signin", map[string]string{"username": "no.such.user", "password": "not-the-password"})
		if wrong.status != 401 || missing.status != 401 {
			t.Fatalf("statuses = %d, %d, want 401, 401", wrong.status, missing.status)
		}
		if wrong.body != missing.body {
			t.Fatalf("bodies differ:\n%s\n%s", wrong.body, missing.body)
		}
		if !strings.Contains(wrong.header.Get("Content-Type"), "application/problem+json") {
			t.Fatalf("content type = %q", wrong.header.Get("Content-Type"))
		}
	})

	t.Run("ErrSlowedDown", func(t *testing.T) {
		c := s.anonymous()
		for i := 0; i < 5; i++ {
			res := c.do("POST", "/api/v1/auth/signin", map[string]string{"username": "agency.staff", "password": "wrong-password"})
			if res.status != 401 {
				t.Fatalf("attempt %d: %d, want 401", i+1, res.status)
			}
		}
		// Even the right password waits for the delay from this address.
		res := c.do("POST", "/api/v1/auth/signin", map[string]string{"username": "agency.staff", "password": demo.Password})
		if res.status != 429 || !strings.Contains(res.body, `"reason":"locked_out"`) {
			t.Fatalf("slowed down: %d %s", res.status, res.body)
		}
		retry, err := strconv.Atoi(res.header.Get("Retry-After"))
		if err != nil || retry < 1 || retry > 60 {
			t.Fatalf("Retry-After = %q, want a first delay of 1..60 seconds", res.header.Get("Retry-After"))
		}
	})

	t.Run("DisabledUserIsSignedOut", func(t *testing.T) {
		admin := s.signIn("owner")
		orgID := s.id("SELECT organisation_id FROM users WHERE username = 'owner'")
		res := admin.do("POST", fmt.Sprintf("/api/v1/organisations/%d/users", orgID),
			map[string]string{"username": "owner.leaver", "displayName": "离职人员", "password": "leaver-password-1", "role": "owner_staff"})
		if res.status != 201 {
			t.Fatalf("create user: %d %s", res.status, res.body)
		}
		leaver := s.anonymous()
		if r := leaver.do("POST", "/api/v1/auth/signin", map[string]string{"username": "owner.leaver", "password": "leaver-password-1"}); r.status != 200 {
			t.Fatalf("leaver sign in: %d", r.status)
		}
		userID := s.id("SELECT id FROM users WHERE username = 'owner.leaver'")
		if r := admin.do("POST", fmt.Sprintf("/api/v1/users/%d/disable", userID), nil); r.status != 200 || !strings.Contains(r.body, `"disabled":true`) {
			t.Fatalf("disable: %d %s", r.status, r.body)
		}
		if r := leaver.do("GET", "/api/v1/auth/session", nil); r.status != 401 {
			t.Fatalf("disabled user's session: %d, want 401", r.status)
		}
		if r := leaver.do("POST", "/api/v1/auth/signin", map[string]string{"username": "owner.leaver", "password": "leaver-password-1"}); r.status != 403 || !strings.Contains(r.body, "account_disabled") {
			t.Fatalf("disabled sign in: %d %s", r.status, r.body)
		}
		if r := admin.do("POST", fmt.Sprintf("/api/v1/users/%d/enable", userID), nil); r.status != 200 {
			t.Fatalf("enable: %d", r.status)
		}
		if r := leaver.do("POST", "/api/v1/auth/signin", map[string]string{"username": "owner.leaver", "password": "leaver-password-1"}); r.status != 200 {
			t.Fatalf("enabled sign in: %d", r.status)
		}
	})

	t.Run("ErrDisableSelf", func(t *testing.T) {
		admin := s.signIn("admin")
		id := s.id("SELECT id FROM users WHERE username = 'admin'")
		if r := admin.do("POST", fmt.Sprintf("/api/v1/users/%d/disable", id), nil); r.status != 409 {
			t.Fatalf("disable self: %d, want 409", r.status)
		}
	})

	t.Run("SignOut", func(t *testing.T) {
		c := s.signIn("reg.fgw")
		if r := c.do("POST", "/api/v1/auth/signout", nil); r.status != 204 {
			t.Fatalf("sign out: %d", r.status)
		}
		if r := c.do("GET", "/api/v1/auth/session", nil); r.status != 401 {
			t.Fatalf("after sign out: %d, want 401", r.status)
		}
	})
}

// TestSignInBehindProxy checks that behind a trusted proxy the throttle
// keys on the client named in X-Forwarded-For together with the username:
// an attacker guessing at admin does not keep the real admin out, and a
// client that is not a trusted proxy cannot pick its address.
func TestSignInBehindProxy(t *testing.T) {
	t.Parallel()
	s := startServer(t, map[string]string{"INTERMART_TRUSTED_PROXIES": "127.0.0.1"})
	signIn := func(password, forwardedFor string) response {
		return s.anonymous().do("POST", "/api/v1/auth/signin", map[string]string{"username": "admin", "password": password},
			"X-Forwarded-For", forwardedFor)
	}
	for i := 0; i < 8; i++ {
		signIn("wrong-password", "203.0.113.9")
	}
	if r := signIn(demo.Password, "203.0.113.9"); r.status != 429 {
		t.Fatalf("the attacker's address: %d, want 429", r.status)
	}
	if r := signIn(demo.Password, "198.51.100.7"); r.status != 200 {
		t.Fatalf("the admin from another address: %d %s, want 200", r.status, r.body)
	}
	if n := s.count("SELECT count(*) FROM sign_in_failures WHERE remote_addr = '203.0.113.9' AND username = 'admin'"); n != 5 {
		t.Fatalf("%d failures recorded for the forwarded address, want 5 (later guesses waited)", n)
	}
}

func TestChangePassword(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	first := s.signIn("agency")
	second := s.signIn("agency")

	t.Run("ErrWrongCurrent", func(t *testing.T) {
		r := first.do("PUT", "/api/v1/auth/password", map[string]string{"currentPassword": "wrong-password", "newPassword": "a-new-password-2026"})
		if r.status != 422 || !strings.Contains(r.body, `"location":"body.currentPassword"`) || !strings.Contains(r.body, "current_password_wrong") {
			t.Fatalf("wrong current: %d %s", r.status, r.body)
		}
	})
	t.Run("ErrTooShort", func(t *testing.T) {
		r := first.do("PUT", "/api/v1/auth/password", map[string]string{"currentPassword": demo.Password, "newPassword": "short"})
		if r.status != 422 || !strings.Contains(r.body, "password_too_short") {
			t.Fatalf("too short: %d %s", r.status, r.body)
		}
	})
	t.Run("OK", func(t *testing.T) {
		r := first.do("PUT", "/api/v1/auth/password", map[string]string{"currentPassword": demo.Password, "newPassword": "a-new-password-2026"})
		if r.status != 204 {
			t.Fatalf("change: %d %s", r.status, r.body)
		}
		if r := first.do("GET", "/api/v1/auth/session", nil); r.status != 200 {
			t.Fatalf("own session after change: %d, want 200", r.status)
		}
		if r := second.do("GET", "/api/v1/auth/session", nil); r.status != 401 {
			t.Fatalf("other session after change: %d, want 401", r.status)
		}
		c := s.anonymous()
		if r := c.do("POST", "/api/v1/auth/signin", map[string]string{"username": "agency", "password": "a-new-password-2026"}); r.status != 200 {
			t.Fatalf("sign in with new password: %d", r.status)
		}
	})
}

func TestLanguageIsRemembered(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c := s.signIn("owner.staff")
	if r := c.do("PUT", "/api/v1/auth/language", map[string]string{"language": "en-US"}); r.status != 204 {
		t.Fatalf("set language: %d %s", r.status, r.body)
	}
	if r := c.do("PUT", "/api/v1/auth/language", map[string]string{"language": "fr-FR"}); r.status != 422 {
		t.Fatalf("unknown language: %d, want 422", r.status)
	}
	again := s.signIn("owner.staff")
	if r := again.do("GET", "/api/v1/auth/session", nil); !strings.Contains(r.body, `"language":"en-US"`) {
		t.Fatalf("new session language: %s", r.body)
	}
}

func TestAgencySignUp(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c := s.anonymous()
	valid := func() map[string]string {
		return map[string]string{
			"organisationName": "大理风花雪月环境咨询有限公司", "creditCode": "91532901MA6K00001K", "regionCode": "532901",
			"contactName": "杨雪", "contactPhone": "0872-2123456", "username": "fhxy", "displayName": "杨雪", "password": "fhxy-password-1",
		}
	}
	orgs := func() int { return s.count("SELECT count(*) FROM organisations") }
	users := func() int { return s.count("SELECT count(*) FROM users") }

	cases := []struct {
		name     string
		mutate   func(map[string]string)
		location string
		reason   string
	}{
		{"ErrCreditCodeCheck", func(m map[string]string) { m["creditCode"] = "91532901MA6K00001J" }, "body.creditCode", "credit_code_check"},
		{"ErrCreditCodeTaken", func(m map[string]string) { m["creditCode"] = s.orgCode("大理苍洱工程咨询有限公司") }, "body.creditCode", "credit_code_taken"},
		{"ErrUsernameTaken", func(m map[string]string) { m["username"] = "agency" }, "body.username", "username_taken"},
		{"ErrRegion", func(m map[string]string) { m["regionCode"] = "110101" }, "body.regionCode", "region_unknown"},
		{"ErrPassword", func(m map[string]string) { m["password"] = "123" }, "body.password", "password_too_short"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := valid()
			tc.mutate(in)
			o, u := orgs(), users()
			r := c.do("POST", "/api/v1/agency-signups", in)
			if r.status != 422 || !strings.Contains(r.body, `"location":"`+tc.location+`"`) || !strings.Contains(r.body, tc.reason) {
				t.Fatalf("got %d %s, want 422 at %s (%s)", r.status, r.body, tc.location, tc.reason)
			}
			if orgs() != o || users() != u {
				t.Fatal("a refused sign-up stored something")
			}
		})
	}

	// Sign-up says a username is taken (docs/decisions.md, "Sign-up and
	// taken usernames"), but only to a complete, valid application: a probe
	// with a bare username learns nothing about it.
	t.Run("ErrUsernameProbeLearnsNothing", func(t *testing.T) {
		taken := c.do("POST", "/api/v1/agency-signups", map[string]string{"username": "admin", "password": "x"})
		free := c.do("POST", "/api/v1/agency-signups", map[string]string{"username": "no.such.user", "password": "x"})
		if taken.status != 422 || strings.Contains(taken.body, "username_taken") {
			t.Fatalf("bare probe: %d %s, want 422 without username_taken", taken.status, taken.body)
		}
		if taken.body != free.body {
			t.Fatalf("a bare probe tells taken from free usernames:\n%s\n%s", taken.body, free.body)
		}
	})

	t.Run("OK", func(t *testing.T) {
		r := c.do("POST", "/api/v1/agency-signups", valid())
		if r.status != 201 || !strings.Contains(r.body, `"status":"pending_review"`) {
			t.Fatalf("sign up: %d %s", r.status, r.body)
		}
		sess := s.signIn2("fhxy", "fhxy-password-1").do("GET", "/api/v1/auth/session", nil)
		if !strings.Contains(sess.body, `"role":"agency_admin"`) || !strings.Contains(sess.body, `"status":"pending_review"`) {
			t.Fatalf("new agency session: %s", sess.body)
		}
	})
}

func TestOrganisations(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	admin := s.signIn("admin")

	t.Run("CreateOwner", func(t *testing.T) {
		r := admin.do("POST", "/api/v1/organisations", map[string]any{
			"kind": "owner", "name": "大理市教育体育局", "creditCode": "11532901MB0300001" + checkChar("11532901MB0300001"),
			"regionCode": "532901", "admin": map[string]string{"username": "dlsjyj", "displayName": "赵敏", "password": "dlsjyj-password"},
		})
		if r.status != 201 {
			t.Fatalf("create owner: %d %s", r.status, r.body)
		}
		if r := s.signIn2("dlsjyj", "dlsjyj-password").do("GET", "/api/v1/auth/session", nil); !strings.Contains(r.body, `"role":"owner_admin"`) {
			t.Fatalf("new owner admin: %s", r.body)
		}
	})
	t.Run("ErrAgencyKind", func(t *testing.T) {
		r := admin.do("POST", "/api/v1/organisations", map[string]any{
			"kind": "agency", "name": "某咨询公司", "creditCode": "91532901MA6K00001K", "regionCode": "532901",
			"admin": map[string]string{"username": "x.agency", "displayName": "x", "password": "x-password-1"},
		})
		if r.status != 422 {
			t.Fatalf("agency by admin: %d %s", r.status, r.body)
		}
	})
	t.Run("ErrStaffRoleForWrongKind", func(t *testing.T) {
		orgID := s.id("SELECT organisation_id FROM users WHERE username = 'owner'")
		r := s.signIn("owner").do("POST", fmt.Sprintf("/api/v1/organisations/%d/users", orgID),
			map[string]string{"username": "owner.bad", "displayName": "x", "password": "x-password-1", "role": "agency_staff"})
		if r.status != 422 || !strings.Contains(r.body, "role_not_for_kind") {
			t.Fatalf("wrong role: %d %s", r.status, r.body)
		}
	})
	t.Run("ListFilter", func(t *testing.T) {
		r := s.signIn("reg.zwfw").do("GET", "/api/v1/organisations?kind=regulator", nil)
		var out struct{ Items []struct{ Kind string } }
		r.json(t, &out)
		if len(out.Items) < 3 {
			t.Fatalf("regulators = %d, want ≥ 3", len(out.Items))
		}
		for _, o := range out.Items {
			if o.Kind != "regulator" {
				t.Fatalf("kind filter returned %q", o.Kind)
			}
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if r := admin.do("GET", "/api/v1/organisations/999999", nil); r.status != 404 {
			t.Fatalf("missing organisation: %d", r.status)
		}
	})
}

func (s *testServer) orgCode(name string) string {
	s.t.Helper()
	var code string
	if err := s.db.Bun.NewRaw("SELECT credit_code FROM organisations WHERE name = ?", name).Scan(t0, &code); err != nil {
		s.t.Fatal(err)
	}
	return code
}

// signIn2 signs in with a password other than the demo one.
func (s *testServer) signIn2(username, password string) *client {
	s.t.Helper()
	c := s.anonymous()
	if r := c.do("POST", "/api/v1/auth/signin", map[string]string{"username": username, "password": password}); r.status != 200 {
		s.t.Fatalf("sign in as %s: %d %s", username, r.status, r.body)
	}
	return c
}
