package files_test

import (
	"testing"

	"intermart/internal/errs"
	"intermart/internal/files"
)

func TestFilename(t *testing.T) {
	t.Parallel()
	ok := []struct{ in, want string }{
		{"资质证书.pdf", "资质证书.pdf"},
		{"  scan 1.png ", "scan 1.png"},
		{"ｓｃａｎ．ｐｄｆ", "scan.pdf"},            // full-width letters become ASCII (NFKC)
		{"营业执照\u3000副本.jpg", "营业执照 副本.jpg"}, // ideographic space becomes a space
		{"..scan.pdf", "..scan.pdf"},
		{"ﬁle.pdf", "file.pdf"}, // the ligature is two letters
	}
	for _, c := range ok {
		got, err := files.Filename(c.in)
		if err != nil || got != c.want {
			t.Errorf("Filename(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	refused := []struct{ name, in, reason string }{
		{"RightToLeftOverride", "scan\u202Efdp.exe", "filename_characters"},
		{"LeftToRightIsolate", "\u2066scan.pdf", "filename_characters"},
		{"ZeroWidthSpace", "scan\u200B.pdf", "filename_characters"},
		{"ZeroWidthJoiner", "scan\u200D.pdf", "filename_characters"},
		{"ByteOrderMark", "\uFEFFscan.pdf", "filename_characters"},
		{"NUL", "scan\x00.pdf", "filename_characters"},
		{"Newline", "scan\n.pdf", "filename_characters"},
		{"LineSeparator", "scan\u2028.pdf", "filename_characters"},
		{"PrivateUse", "scan\uE000.pdf", "filename_characters"},
		{"InvalidUTF8", "scan\xff.pdf", "filename_characters"},
		{"DotDot", "..", "filename_reserved"},
		{"Dot", ".", "filename_reserved"},
		{"FullWidthDotDot", "．．", "filename_reserved"},
		{"Slash", "../../etc/passwd", "filename_reserved"},
		{"Backslash", `C:\fakepath\scan.pdf`, "filename_reserved"},
		{"FullWidthSolidus", "a／b.pdf", "filename_reserved"},
		{"Empty", " \u3000 ", "filename_missing"},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			got, err := files.Filename(c.in)
			e, ok := err.(*errs.Error)
			if !ok || e.Code != errs.Invalid || len(e.Fields) != 1 || e.Fields[0].Reason != c.reason || e.Fields[0].Field != "query.filename" {
				t.Fatalf("Filename(%q) = %q, %v; want a query.filename error %s", c.in, got, err, c.reason)
			}
		})
	}
}
