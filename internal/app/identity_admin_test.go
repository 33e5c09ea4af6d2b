package app

import (
	"fmt"
	"strings"
	"testing"

	"intermart/internal/demo"
)

// TestEditOrganisation: the platform admin corrects an organisation's name
// and credit code under the registration checks, and every change is
// recorded with who made it and the old and new values.
func TestEditOrganisation(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	admin := s.signIn("admin")
	orgID := s.id("SELECT id FROM organisations WHERE name = '大理市住房和城乡建设局'")
	path := fmt.Sprintf("/api/v1/organisations/%d", orgID)
	oldCode := s.orgCode("大理市住房和城乡建设局")
	newCode := "11532901MB1234567"
	newCode += checkChar(newCode)
	changes := func() int {
		return s.count("SELECT count(*) FROM organisation_changes WHERE organisation_id = ?", orgID)
	}

	cases := []struct {
		name, orgName, code, location, reason string
	}{
		{"ErrNameTakenNormalised", "大理州交通建设投资集团 有限公司", oldCode, "body.name", "name_taken"},
		{"ErrNameTaken", "大理州交通建设投资集团有限公司", oldCode, "body.name", "name_taken"},
		{"ErrNameInvisible", "大理市住房\u200b和城乡建设局", oldCode, "body.name", "invisible_characters"},
		{"ErrNameShort", "局", oldCode, "body.name", "length"},
		{"ErrCreditCodeCheck", "大理市住房和城乡建设局", newCode[:17] + "0", "body.creditCode", "credit_code_check"},
		{"ErrCreditCodeTaken", "大理市住房和城乡建设局", s.orgCode("大理州交通建设投资集团有限公司"), "body.creditCode", "credit_code_taken"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := admin.do("PUT", path, map[string]string{"name": tc.orgName, "creditCode": tc.code})
			if r.status != 422 || !strings.Contains(r.body, `"location":"`+tc.location+`"`) || !strings.Contains(r.body, `"reason":"`+tc.reason+`"`) {
				t.Fatalf("got %d %s, want 422 %s %s", r.status, r.body, tc.location, tc.reason)
			}
			if n := changes(); n != 0 {
				t.Fatalf("a refused edit recorded %d changes", n)
			}
		})
	}

	t.Run("ErrNotFound", func(t *testing.T) {
		r := admin.do("PUT", "/api/v1/organisations/999999", map[string]string{"name": "大理市某局", "creditCode": newCode})
		if r.status != 404 {
			t.Fatalf("missing organisation: %d %s", r.status, r.body)
		}
	})

	t.Run("OK", func(t *testing.T) {
		// Full-width digits in the name are stored in their plain form.
		r := admin.do("PUT", path, map[string]string{"name": "大理市住房和城乡建设局（２０２６）", "creditCode": newCode})
		if r.status != 200 || !strings.Contains(r.body, `"name":"大理市住房和城乡建设局(2026)"`) || !strings.Contains(r.body, newCode) {
			t.Fatalf("edit: %d %s", r.status, r.body)
		}
		var list struct {
			Items []struct {
				Field, OldValue, NewValue, ChangedByName, ChangedAt string
			}
		}
		r = admin.do("GET", path+"/changes", nil)
		r.json(t, &list)
		if r.status != 200 || len(list.Items) != 2 {
			t.Fatalf("changes: %d %s", r.status, r.body)
		}
		got := map[string][2]string{}
		for _, c := range list.Items {
			got[c.Field] = [2]string{c.OldValue, c.NewValue}
			if c.ChangedByName == "" || c.ChangedAt == "" {
				t.Fatalf("change without who or when: %+v", c)
			}
		}
		if got["name"] != [2]string{"大理市住房和城乡建设局", "大理市住房和城乡建设局(2026)"} || got["credit_code"] != [2]string{oldCode, newCode} {
			t.Fatalf("recorded changes = %v", got)
		}
		// The owner's own users see the new name in their session.
		if r := s.signIn("owner").do("GET", "/api/v1/auth/session", nil); !strings.Contains(r.body, "大理市住房和城乡建设局(2026)") {
			t.Fatalf("owner session after rename: %s", r.body)
		}
	})

	t.Run("UnchangedRecordsNothing", func(t *testing.T) {
		before := changes()
		r := admin.do("PUT", path, map[string]string{"name": "大理市住房和城乡建设局(2026)", "creditCode": newCode})
		if r.status != 200 || changes() != before {
			t.Fatalf("unchanged edit: %d, %d changes, want %d", r.status, changes(), before)
		}
	})
}

// TestResetPassword: the admin sets or generates a temporary password; the
// user's sessions end; the user can do nothing but change it.
func TestResetPassword(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	admin := s.signIn("admin")
	userID := s.id("SELECT id FROM users WHERE username = 'owner.staff'")
	orgID := s.id("SELECT organisation_id FROM users WHERE username = 'owner.staff'")
	path := fmt.Sprintf("/api/v1/users/%d/password", userID)

	bad := []struct {
		name   string
		body   map[string]any
		reason string
	}{
		{"ErrNeither", map[string]any{}, "password_or_generate"},
		{"ErrBoth", map[string]any{"password": "temporary-pass-1", "generate": true}, "password_or_generate"},
		{"ErrTooShort", map[string]any{"password": "short"}, "password_too_short"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			r := admin.do("PUT", path, tc.body)
			if r.status != 422 || !strings.Contains(r.body, `"location":"body.password"`) || !strings.Contains(r.body, tc.reason) {
				t.Fatalf("got %d %s, want 422 %s", r.status, r.body, tc.reason)
			}
		})
	}
	t.Run("ErrOwnPassword", func(t *testing.T) {
		self := s.id("SELECT id FROM users WHERE username = 'admin'")
		r := admin.do("PUT", fmt.Sprintf("/api/v1/users/%d/password", self), map[string]any{"generate": true})
		if r.status != 409 || !strings.Contains(r.body, "reset_own_password") {
			t.Fatalf("reset own: %d %s", r.status, r.body)
		}
	})

	t.Run("Generated", func(t *testing.T) {
		victim := s.signIn("owner.staff")
		r := admin.do("PUT", path, map[string]any{"generate": true})
		var out struct{ Password string }
		r.json(t, &out)
		if r.status != 200 || len(out.Password) < 10 {
			t.Fatalf("generate: %d %s", r.status, r.body)
		}
		if r := victim.do("GET", "/api/v1/auth/session", nil); r.status != 401 {
			t.Fatalf("old session after reset: %d, want 401", r.status)
		}
		if r := s.anonymous().do("POST", "/api/v1/auth/signin", map[string]string{"username": "owner.staff", "password": demo.Password}); r.status != 401 {
			t.Fatalf("old password after reset: %d, want 401", r.status)
		}
		c := s.signIn2("owner.staff", out.Password)
		if r := c.do("GET", "/api/v1/auth/session", nil); r.status != 200 || !strings.Contains(r.body, `"mustChangePassword":true`) {
			t.Fatalf("session with temporary password: %d %s", r.status, r.body)
		}
		// Until the user chooses a password, nothing but their account works.
		if r := c.do("GET", fmt.Sprintf("/api/v1/organisations/%d", orgID), nil); r.status != 401 {
			t.Fatalf("organisation with temporary password: %d, want 401", r.status)
		}
		if r := c.do("PUT", "/api/v1/auth/password", map[string]string{"currentPassword": out.Password, "newPassword": "my-own-password-9"}); r.status != 204 {
			t.Fatalf("change temporary password: %d %s", r.status, r.body)
		}
		if r := c.do("GET", "/api/v1/auth/session", nil); r.status != 200 || !strings.Contains(r.body, `"mustChangePassword":false`) {
			t.Fatalf("session after change: %d %s", r.status, r.body)
		}
		if r := c.do("GET", fmt.Sprintf("/api/v1/organisations/%d", orgID), nil); r.status != 200 {
			t.Fatalf("organisation after change: %d, want 200", r.status)
		}
	})

	t.Run("Given", func(t *testing.T) {
		r := admin.do("PUT", path, map[string]any{"password": "temporary-pass-1"})
		if r.status != 200 || !strings.Contains(r.body, `"password":"temporary-pass-1"`) {
			t.Fatalf("set: %d %s", r.status, r.body)
		}
		s.signIn2("owner.staff", "temporary-pass-1")
	})

	t.Run("Recorded", func(t *testing.T) {
		r := admin.do("GET", fmt.Sprintf("/api/v1/organisations/%d/changes", orgID), nil)
		if r.status != 200 || strings.Count(r.body, `"field":"password_reset"`) != 2 || !strings.Contains(r.body, `"username":"owner.staff"`) {
			t.Fatalf("changes: %d %s", r.status, r.body)
		}
		if strings.Contains(r.body, "temporary-pass-1") {
			t.Fatalf("the history shows a password: %s", r.body)
		}
	})
}

// TestChangeRole: only roles of the organisation's kind; the last admin
// keeps the role; the user's open session acts with the new role at once.
func TestChangeRole(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	admin := s.signIn("admin")
	staffID := s.id("SELECT id FROM users WHERE username = 'owner.staff'")
	ownerID := s.id("SELECT id FROM users WHERE username = 'owner'")
	orgID := s.id("SELECT organisation_id FROM users WHERE username = 'owner'")
	role := func(id int64) string { return fmt.Sprintf("/api/v1/users/%d/role", id) }

	t.Run("ErrRoleNotForKind", func(t *testing.T) {
		r := admin.do("PUT", role(staffID), map[string]string{"role": "agency_admin"})
		if r.status != 422 || !strings.Contains(r.body, `"location":"body.role"`) || !strings.Contains(r.body, "role_not_for_kind") {
			t.Fatalf("agency role for an owner user: %d %s", r.status, r.body)
		}
	})
	t.Run("ErrUnknownRole", func(t *testing.T) {
		if r := admin.do("PUT", role(staffID), map[string]string{"role": "superuser"}); r.status != 422 {
			t.Fatalf("unknown role: %d %s", r.status, r.body)
		}
	})
	t.Run("ErrLastAdmin", func(t *testing.T) {
		r := admin.do("PUT", role(ownerID), map[string]string{"role": "owner_staff"})
		if r.status != 422 || !strings.Contains(r.body, `"reason":"last_admin"`) {
			t.Fatalf("demote the last owner admin: %d %s", r.status, r.body)
		}
	})
	t.Run("ErrPlatformAdminStays", func(t *testing.T) {
		self := s.id("SELECT id FROM users WHERE username = 'admin'")
		if n := s.count("SELECT count(*) FROM users WHERE role = 'platform_admin'"); n != 1 {
			t.Fatalf("%d platform admins in the demo, the test needs 1", n)
		}
		r := admin.do("PUT", role(self), map[string]string{"role": "regulator"})
		if r.status != 422 || !strings.Contains(r.body, "role_not_for_kind") {
			t.Fatalf("platform admin to regulator: %d %s", r.status, r.body)
		}
	})

	t.Run("OK", func(t *testing.T) {
		staff := s.signIn("owner.staff")
		add := map[string]string{"username": "owner.newcomer", "displayName": "新同事", "password": "newcomer-password-1", "role": "owner_staff"}
		users := fmt.Sprintf("/api/v1/organisations/%d/users", orgID)
		if r := staff.do("POST", users, add); r.status != 403 {
			t.Fatalf("staff adds a user: %d, want 403", r.status)
		}
		r := admin.do("PUT", role(staffID), map[string]string{"role": "owner_admin"})
		if r.status != 200 || !strings.Contains(r.body, `"role":"owner_admin"`) {
			t.Fatalf("promote: %d %s", r.status, r.body)
		}
		// The same session, with the new role.
		if r := staff.do("POST", users, add); r.status != 201 {
			t.Fatalf("promoted staff adds a user: %d %s", r.status, r.body)
		}
		// Now two admins: the first may step down.
		if r := admin.do("PUT", role(ownerID), map[string]string{"role": "owner_staff"}); r.status != 200 {
			t.Fatalf("demote one of two admins: %d %s", r.status, r.body)
		}
		r = admin.do("GET", fmt.Sprintf("/api/v1/organisations/%d/changes", orgID), nil)
		if !strings.Contains(r.body, `"oldValue":"owner_staff","newValue":"owner_admin"`) || !strings.Contains(r.body, `"oldValue":"owner_admin","newValue":"owner_staff"`) {
			t.Fatalf("role changes not recorded: %s", r.body)
		}
	})
}
