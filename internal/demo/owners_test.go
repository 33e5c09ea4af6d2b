package demo

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSeedsThroughCapabilities checks this package only orchestrates: the
// rows are written by each capability's own seed functions, so no query
// or table of another package is named here.
func TestSeedsThroughCapabilities(t *testing.T) {
	t.Parallel()
	sql := regexp.MustCompile(`(?i)\b(INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|SELECT\s.+\sFROM)\b|\.New(Raw|Insert|Select|Update|Delete)\(`)
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(src), "\n") {
			if sql.MatchString(line) {
				t.Errorf("%s:%d writes or reads a table itself: %s", name, i+1, strings.TrimSpace(line))
			}
		}
	}
}
