package audit

import (
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"time"
)

// TestDocumentedExample checks the example of docs/audit.md: its text and
// hash are the ones Hash computes.
func TestDocumentedExample(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../../docs/audit.md")
	if err != nil {
		t.Fatal(err)
	}
	after, err := Canonical(map[string]any{"status": "open", "code": "DLZJ-2026-000123", "commitment": "630dcd29"})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 1, 1, 30, 0, 250000000, time.UTC)
	got := hex.EncodeToString(Hash("announcement:123", 1, at, 17, 4, "announcement.publish", nil, after, zeroHash))
	for _, want := range []string{
		"announcement:123\n1\n2026-12-01T01:30:00.25Z\n17\n4\nannouncement.publish\n\n" + string(after) + "\n" + strings.Repeat("0", 64) + "\n",
		got,
	} {
		if !strings.Contains(string(doc), want) {
			t.Fatalf("docs/audit.md lacks %q", want)
		}
	}
}
