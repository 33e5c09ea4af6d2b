package identity

import (
	"strings"
	"testing"
)

func TestCreditCode(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, code, reason string
	}{
		{"OK", "91350100M000100Y43", ""},
		{"OKDaliCode", CompleteCreditCode("91532901MA6K00001"), ""},
		{"ErrCheck", "91350100M000100Y44", "credit_code_check"},
		{"ErrLength", "91350100M000100Y4", "credit_code_length"},
		{"ErrCharsetLower", "91350100m000100Y43", "credit_code_charset"},
		{"ErrCharsetI", "91350100I000100Y43", "credit_code_charset"},
		{"ErrDivision", "9135A100M000100Y43", "credit_code_division"},
		{"ErrEmpty", "", "credit_code_length"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, _ := CreditCodeProblem(c.code)
			if got != c.reason {
				t.Fatalf("CreditCodeProblem(%q) = %q, want %q", c.code, got, c.reason)
			}
		})
	}
}

// FuzzCreditCode checks the validator's invariants on arbitrary input: it
// never panics, accepts only 18 characters of the code alphabet, and any
// change of the check character of a valid code makes it invalid.
func FuzzCreditCode(f *testing.F) {
	f.Add("91350100M000100Y43")
	f.Add("91532901MA6K000017")
	f.Add("12532900015111111X")
	f.Add("")
	f.Add("大理白族自治州中介服务超市")
	f.Fuzz(func(t *testing.T, s string) {
		reason, msg := CreditCodeProblem(s)
		if (reason == "") != (msg == "") {
			t.Fatalf("reason %q and message %q disagree", reason, msg)
		}
		if reason != "" {
			return
		}
		if len(s) != 18 {
			t.Fatalf("accepted %q of length %d", s, len(s))
		}
		for _, r := range s {
			if !strings.ContainsRune(creditCodeChars, r) {
				t.Fatalf("accepted %q with character %q", s, r)
			}
		}
		if CompleteCreditCode(s[:17]) != s {
			t.Fatalf("accepted %q but its check character should be %q", s, CompleteCreditCode(s[:17])[17:])
		}
		for _, c := range creditCodeChars {
			if byte(c) == s[17] {
				continue
			}
			if ValidCreditCode(s[:17] + string(c)) {
				t.Fatalf("accepted %q with the wrong check character %q", s[:17]+string(c), c)
			}
		}
	})
}
