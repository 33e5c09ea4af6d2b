package identity

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"intermart/internal/errs"
)

// CleanName is the form in which a name is stored and compared: Unicode
// NFKC (full-width letters and digits, compatibility ideographs and odd
// spaces become their plain forms), with runs of white space made one space
// and the ends trimmed. It keeps invisible characters, which CheckName
// refuses rather than silently drops, so the user sees what was wrong.
func CleanName(s string) string {
	return strings.Join(strings.Fields(norm.NFKC.String(s)), " ")
}

// invisible reports a character that shows nothing or reorders what is
// shown: controls (Cc), format characters (Cf: zero-width spaces and
// joiners, the bidirectional embeddings, overrides and isolates U+202A–E
// and U+2066–9, the byte-order mark, soft hyphen …), line and paragraph
// separators, private-use characters, variation selectors and the blank
// letters (Hangul fillers, the blank Braille pattern) used to fake a
// difference between two names.
func invisible(r rune) bool {
	switch {
	case unicode.In(r, unicode.Cc, unicode.Cf, unicode.Co, unicode.Zl, unicode.Zp, unicode.Variation_Selector):
		return true
	case r == 0x034F, r == 0x115F, r == 0x1160, r == 0x3164, r == 0xFFA0, r == 0x2800, r == 0xFFFC, r == 0xFFFD:
		return true
	}
	return false
}

// HasInvisible reports whether s contains a character invisible would refuse.
func HasInvisible(s string) bool { return strings.IndexFunc(s, invisible) >= 0 }

// CheckName refuses a name with invisible or bidirectional control
// characters, or of a length (in characters, after CleanName) outside
// min..max.
func CheckName(f *errs.Fields, field, name string, min, max int) {
	if HasInvisible(name) {
		f.Add(field, "invisible_characters", "remove invisible or text-direction control characters")
		return
	}
	n := len([]rune(CleanName(name)))
	if n < min || n > max {
		f.Add(field, "length", "the text is too short or too long")
	}
}
