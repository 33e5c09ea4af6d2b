package identity_test

import (
	"errors"
	"testing"

	"intermart/internal/errs"
	"intermart/internal/identity"
)

func TestCleanName(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		{"  大理苍洱工程咨询有限公司 ", "大理苍洱工程咨询有限公司"},
		{"大理\u3000苍洱  咨询", "大理 苍洱 咨询"},
		{"ＡＢＣ１２３", "ABC123"},
		{"\u2F24理", "大理"}, // Kangxi radical 大
	}
	for _, c := range cases {
		if got := identity.CleanName(c.in); got != c.want {
			t.Errorf("CleanName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, s := range []string{"a\u200bb", "a\u202eb", "a\u2066b", "a\ufeffb", "a\u00adb", "a\tb", "a\u3164b", "a\ufe0fb", "a\u2028b"} {
		if !identity.HasInvisible(s) {
			t.Errorf("HasInvisible(%q) = false", s)
		}
	}
	if identity.HasInvisible("大理 (Dali) 苍洱-工程·咨询") {
		t.Error("visible punctuation counted as invisible")
	}
}

// fieldReason returns the reason and field of the first field error of err.
func fieldReason(err error) (string, string) {
	var e *errs.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return "", ""
	}
	return e.Fields[0].Field, e.Fields[0].Reason
}

func TestLookalikeNames(t *testing.T) {
	t.Parallel()
	svc, _, _ := newService(t)
	n := 0
	signUp := func(name, contact, username, display string) error {
		n++
		_, err := svc.SignUpAgency(ctx, identity.AgencySignUp{OrganisationName: name,
			CreditCode: identity.CompleteCreditCode("91532901MA6P" + string(rune('0'+n/10)) + string(rune('0'+n%10)) + "001"), RegionCode: "532901",
			ContactName: contact, ContactPhone: "0872-2123456", Username: username, DisplayName: display, Password: "agency-password"})
		return err
	}
	const name = "大理苍洱工程咨询有限公司"
	if err := signUp(name, "董立新", "agency", "董立新"); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name                        string
		org, contact, user, display string
		wantField, wantReason       string
	}{
		{"ZeroWidthSpace", name + "\u200b", "董立新", "agency2", "董立新", "body.organisationName", "invisible_characters"},
		{"RightToLeftOverride", "大理\u202e司公限有询咨程工洱苍", "董立新", "agency2", "董立新", "body.organisationName", "invisible_characters"},
		{"InvisibleContact", "大理另一家咨询有限公司", "董\u200d立新", "agency2", "董立新", "body.contactName", "invisible_characters"},
		{"InvisibleDisplayName", "大理另一家咨询有限公司", "董立新", "agency2", "\u2066董立新", "body.displayName", "invisible_characters"},
		{"InvisibleUsername", "大理另一家咨询有限公司", "董立新", "agen\u200bcy2", "董立新", "body.username", "invisible_characters"},
		{"SpacedTwin", "大理 苍洱工程咨询 有限公司", "董立新", "agency2", "董立新", "body.organisationName", "name_taken"},
		{"FullWidthUsername", "大理另一家咨询有限公司", "董立新", "ａｇｅｎｃｙ", "董立新", "body.username", "username_taken"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := signUp(c.org, c.contact, c.user, c.display)
			if field, reason := fieldReason(err); field != c.wantField || reason != c.wantReason {
				t.Fatalf("err = %v, want %s at %s", err, c.wantReason, c.wantField)
			}
		})
	}
	t.Run("LatinCaseTwin", func(t *testing.T) {
		if err := signUp("Dali ABC Consulting", "Li Hua", "abc.consulting", "Li Hua"); err != nil {
			t.Fatal(err)
		}
		if field, reason := fieldReason(signUp("ＤＡＬＩ abc consulting", "Li Hua", "abc.consulting2", "Li Hua")); field != "body.organisationName" || reason != "name_taken" {
			t.Fatalf("full-width, other-case twin: %s at %s, want name_taken", reason, field)
		}
	})
	t.Run("StoredNormalised", func(t *testing.T) {
		orgs, err := svc.ListOrganisations(ctx, identity.OrganisationFilter{Query: "家园"})
		if err != nil {
			t.Fatal(err)
		}
		if len(orgs) != 0 {
			t.Fatalf("unexpected organisations %v", orgs)
		}
		if err := signUp("大理\u3000家园  咨询有限公司", "王\u3000蕾", "jiayuan", "王蕾"); err != nil {
			t.Fatal(err)
		}
		orgs, err = svc.ListOrganisations(ctx, identity.OrganisationFilter{Query: "家园"})
		if err != nil || len(orgs) != 1 || orgs[0].Name != "大理 家园 咨询有限公司" || orgs[0].ContactName != "王 蕾" {
			t.Fatalf("stored %+v, %v; want the name with plain single spaces", orgs, err)
		}
	})
}
