package config

import (
	"os"
	"strings"
	"testing"
)

// TestREADMEListsEveryVariable keeps the README's configuration table true.
func TestREADMEListsEveryVariable(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range Vars {
		row := "| `" + v.Name + "` | `" + v.Default + "` |"
		if v.Default == "" {
			row = "| `" + v.Name + "` | (empty) |"
		}
		if !strings.Contains(string(readme), row) {
			t.Errorf("README.md lacks the row for %s with default %q", v.Name, v.Default)
		}
	}
}
