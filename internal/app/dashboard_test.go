package app

import (
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestDashboardAPI: the regulators' dashboard and its exports over HTTP:
// the figures, problem+json with field reasons for bad input, and the
// downloads with their content types and file names, read back.
func TestDashboardAPI(t *testing.T) {
	s := startServer(t)
	reg := s.signIn("reg.zwfw")
	const d = "/api/v1/supervision/dashboard"
	for _, tc := range []struct {
		who, path string
		status    int
		contains  string
	}{
		{"reg.zwfw", d + "?from=2026-01-01&to=2026-12-31&by=region", 200, `"months":[{"month":"2026-01"`},
		{"reg.zwfw", d + "?from=2026-13-01", 422, `"reason":"date_format"`},
		{"reg.zwfw", d + "?from=2026-10-01&to=2026-09-01", 422, `"reason":"period_order"`},
		{"reg.zwfw", d + "?by=county", 422, `"reason":"breakdown"`},
		{"reg.zwfw", d + "/facts?figure=bogus", 422, `"reason":"figure"`},
		{"reg.zwfw", d + "/facts?figure=deals&from=2026-01-01&to=2026-12-31", 200, `"total":0`},
		{"reg.zwfw", d + "/facts/export.csv?figure=nope", 422, `"reason":"figure"`},
		{"owner", d, 403, ""},
		{"agency", d + "/export.xlsx", 403, ""},
	} {
		t.Run(tc.who+" "+strings.TrimPrefix(tc.path, "/api/v1/supervision/"), func(t *testing.T) {
			r := s.signIn(tc.who).do("GET", tc.path, nil)
			if r.status != tc.status || !strings.Contains(r.body, tc.contains) {
				t.Fatalf("got %d %s, want %d with %s", r.status, r.body, tc.status, tc.contains)
			}
			if r.status >= 400 && !strings.HasPrefix(r.header.Get("Content-Type"), "application/problem+json") {
				t.Errorf("an error as %s, want problem+json", r.header.Get("Content-Type"))
			}
		})
	}

	t.Run("ExcelExport", func(t *testing.T) {
		r := reg.do("GET", d+"/export.xlsx?from=2026-01-01&to=2026-03-31", nil)
		if r.status != 200 {
			t.Fatalf("got %d %s", r.status, r.body)
		}
		if ct := r.header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Errorf("Content-Type %q", ct)
		}
		// Named by what, the period and the day it was taken.
		if cd := r.header.Get("Content-Disposition"); !exportName(`intermart-dashboard-from-2026-01-01-to-2026-03-31-\d{8}\.xlsx`).MatchString(cd) {
			t.Errorf("Content-Disposition %q", cd)
		}
		f, err := excelize.OpenReader(strings.NewReader(r.body))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(f.GetSheetName(0))
		if err != nil {
			t.Fatal(err)
		}
		// The header, the period, then January to March.
		if len(rows) != 5 || rows[0][0] != "范围" || rows[1][0] != "2026-01-01 – 2026-03-31" || rows[4][0] != "2026-03" {
			t.Errorf("rows %q", rows)
		}
	})

	t.Run("CSVExport", func(t *testing.T) {
		r := reg.do("GET", d+"/facts/export.csv?figure=registered&from=2026-01-01&to=2026-12-31", nil)
		if r.status != 200 {
			t.Fatalf("got %d %s", r.status, r.body)
		}
		if ct := r.header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Errorf("Content-Type %q", ct)
		}
		if cd := r.header.Get("Content-Disposition"); !exportName(`intermart-dashboard-registered-from-2026-01-01-to-2026-12-31-\d{8}\.csv`).MatchString(cd) {
			t.Errorf("Content-Disposition %q", cd)
		}
		if !strings.HasPrefix(r.body, "\uFEFF时间,") {
			t.Errorf("csv %q", r.body)
		}
	})
}

// exportName matches the Content-Disposition of an export whose file name
// matches name, a regular expression.
func exportName(name string) *regexp.Regexp {
	return regexp.MustCompile(`^attachment; filename="` + name + `"$`)
}
