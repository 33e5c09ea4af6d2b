package identity

import "strings"

// creditCodeChars is the alphabet of the unified social credit code
// (统一社会信用代码, GB 32100-2015): digits and upper-case letters without
// I, O, S, V and Z. A character's value is its index here.
const creditCodeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditCodeWeights are 3^i mod 31 for positions 0..16.
var creditCodeWeights = func() [17]int {
	var w [17]int
	v := 1
	for i := range w {
		w[i] = v
		v = v * 3 % 31
	}
	return w
}()

// CreditCodeProblem explains why s is not a valid unified social credit
// code, as a machine reason and an English message; both are empty when s is
// valid.
func CreditCodeProblem(s string) (reason, message string) {
	if len(s) != 18 {
		return "credit_code_length", "a unified social credit code has 18 characters"
	}
	for i := 0; i < 18; i++ {
		if strings.IndexByte(creditCodeChars, s[i]) < 0 {
			return "credit_code_charset", "a unified social credit code uses only digits and the capital letters A–Y except I, O, S, V and Z"
		}
	}
	for i := 2; i < 8; i++ {
		if s[i] < '0' || s[i] > '9' {
			return "credit_code_division", "characters 3 to 8 of a unified social credit code are the administrative division code (6 digits)"
		}
	}
	if s[17] != creditCodeCheck(s[:17]) {
		return "credit_code_check", "the check character (the last one) does not match: the code has a typo"
	}
	return "", ""
}

// ValidCreditCode reports whether s is a well-formed credit code whose check
// character matches.
func ValidCreditCode(s string) bool {
	r, _ := CreditCodeProblem(s)
	return r == ""
}

// CompleteCreditCode appends the check character to the first 17 characters
// of a credit code. It is used to make valid demo and test codes.
func CompleteCreditCode(first17 string) string {
	return first17 + string(creditCodeCheck(first17))
}

// creditCodeCheck computes (31 − Σ value(c_i)·w_i mod 31) mod 31.
func creditCodeCheck(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(creditCodeChars, first17[i]) * creditCodeWeights[i]
	}
	return creditCodeChars[(31-sum%31)%31]
}
