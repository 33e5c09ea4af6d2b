package app

import (
	"strings"
	"testing"
)

func TestUploadFilenames(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	agency := s.signIn("agency")
	before := s.count("SELECT count(*) FROM files")
	for name, c := range map[string]struct{ filename, reason string }{
		"ErrRightToLeftOverride": {"scan\u202Efdp.exe", "filename_characters"},
		"ErrDotDot":              {"..", "filename_reserved"},
		"ErrPath":                {"../scan.pdf", "filename_reserved"},
	} {
		r := agency.postFile(c.filename, strings.NewReader(string(pdfBytes)), int64(len(pdfBytes)))
		if r.status != 422 || !strings.Contains(r.body, `"reason":"`+c.reason+`"`) || !strings.Contains(r.body, `"location":"query.filename"`) {
			t.Errorf("%s: %d %s", name, r.status, r.body)
		}
	}
	if n := s.count("SELECT count(*) FROM files"); n != before {
		t.Fatalf("refused names stored %d files", n-before)
	}
}
