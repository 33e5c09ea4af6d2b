package app

import (
	"strings"
	"testing"
)

// TestWorkdayCalendar: anyone reads a year's calendar; the platform admin
// adds, changes and removes days under the calendar's rules, each refusal a
// field error with its reason that stores nothing, each change recorded
// with who made it.
func TestWorkdayCalendar(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	admin := s.signIn("admin")
	changes := func() int { return s.count("SELECT count(*) FROM workday_changes") }

	t.Run("AnonymousReadsTheOfficialYear", func(t *testing.T) {
		r := s.anonymous().do("GET", "/api/v1/workdays?year=2026", nil)
		if r.status != 200 {
			t.Fatalf("%d %s", r.status, r.body)
		}
		var got struct {
			Items []struct{ Date, Kind, NameZh, NameEn string }
			Total int
		}
		r.json(t, &got)
		// 19 weekday holidays and 6 weekend working days in 2026.
		if got.Total != 25 || len(got.Items) != 25 {
			t.Fatalf("total %d, items %d, want 25", got.Total, len(got.Items))
		}
		first := got.Items[0]
		if first.Date != "2026-01-01" || first.Kind != "holiday" || first.NameZh != "元旦" {
			t.Fatalf("first = %+v", first)
		}
		if r := s.anonymous().do("GET", "/api/v1/workdays?year=2027", nil); r.status != 200 || !strings.Contains(r.body, `"total":0`) {
			t.Fatalf("2027: %d %s", r.status, r.body)
		}
	})

	bad := []struct {
		name, method, path string
		body               map[string]string
		status             int
		location, reason   string
	}{
		{"ErrDateInvalid", "POST", "/api/v1/workdays", map[string]string{"date": "2027-02-30", "kind": "holiday", "nameZh": "春节", "nameEn": "Spring Festival"}, 422, "body.date", "date_invalid"},
		{"ErrHolidayOnWeekend", "POST", "/api/v1/workdays", map[string]string{"date": "2027-02-06", "kind": "holiday", "nameZh": "春节", "nameEn": "Spring Festival"}, 422, "body.kind", "holiday_on_weekend"},
		{"ErrWorkdayOnWeekday", "POST", "/api/v1/workdays", map[string]string{"date": "2027-02-08", "kind": "workday", "nameZh": "春节调休", "nameEn": "Make-up day"}, 422, "body.kind", "workday_on_weekday"},
		{"ErrDuplicate", "POST", "/api/v1/workdays", map[string]string{"date": "2026-02-16", "kind": "holiday", "nameZh": "春节", "nameEn": "Spring Festival"}, 422, "body.date", "date_taken"},
		{"ErrNameMissing", "POST", "/api/v1/workdays", map[string]string{"date": "2027-02-08", "kind": "holiday", "nameZh": " ", "nameEn": "Spring Festival"}, 422, "body.nameZh", "required"},
		{"ErrChangeKindMismatch", "PUT", "/api/v1/workdays/2026-02-14", map[string]string{"kind": "holiday", "nameZh": "春节", "nameEn": "Spring Festival"}, 422, "body.kind", "holiday_on_weekend"},
		{"ErrChangePathDate", "PUT", "/api/v1/workdays/2026-13-01", map[string]string{"kind": "holiday", "nameZh": "春节", "nameEn": "Spring Festival"}, 422, "path.date", "date_invalid"},
		{"ErrChangeNotListed", "PUT", "/api/v1/workdays/2026-03-02", map[string]string{"kind": "holiday", "nameZh": "春节", "nameEn": "Spring Festival"}, 404, "", "workday_not_found"},
		{"ErrRemoveNotListed", "DELETE", "/api/v1/workdays/2026-03-02", nil, 404, "", "workday_not_found"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			var body any
			if tc.body != nil {
				body = tc.body
			}
			r := admin.do(tc.method, tc.path, body)
			if r.status != tc.status || !strings.Contains(r.body, `"reason":"`+tc.reason+`"`) ||
				tc.location != "" && !strings.Contains(r.body, `"location":"`+tc.location+`"`) {
				t.Fatalf("got %d %s, want %d %s %s", r.status, r.body, tc.status, tc.location, tc.reason)
			}
			if n := changes(); n != 0 {
				t.Fatalf("a refused change recorded %d changes", n)
			}
		})
	}

	t.Run("AddChangeRemove", func(t *testing.T) {
		r := admin.do("POST", "/api/v1/workdays", map[string]string{"date": "2027-02-08", "kind": "holiday", "nameZh": "春节", "nameEn": "Spring Festival"})
		if r.status != 201 || !strings.Contains(r.body, `"date":"2027-02-08"`) {
			t.Fatalf("add: %d %s", r.status, r.body)
		}
		if r := admin.do("PUT", "/api/v1/workdays/2027-02-08", map[string]string{"kind": "holiday", "nameZh": "春节假期", "nameEn": "Spring Festival holiday"}); r.status != 200 || !strings.Contains(r.body, "春节假期") {
			t.Fatalf("change: %d %s", r.status, r.body)
		}
		if r := s.anonymous().do("GET", "/api/v1/workdays?year=2027", nil); !strings.Contains(r.body, "春节假期") {
			t.Fatalf("the calendar does not show the change: %s", r.body)
		}
		if r := admin.do("DELETE", "/api/v1/workdays/2027-02-08", nil); r.status != 204 {
			t.Fatalf("remove: %d %s", r.status, r.body)
		}
		if n := s.count("SELECT count(*) FROM workday_exceptions WHERE day = '2027-02-08'"); n != 0 {
			t.Fatalf("the removed day is still listed")
		}
		r = admin.do("GET", "/api/v1/workdays/changes?year=2027", nil)
		if r.status != 200 {
			t.Fatalf("changes: %d %s", r.status, r.body)
		}
		var got struct {
			Items []struct {
				Action, ChangedByName string
				Before, After         *struct{ NameZh string }
			}
		}
		r.json(t, &got)
		if len(got.Items) != 3 {
			t.Fatalf("%d changes recorded, want 3: %s", len(got.Items), r.body)
		}
		remove, change, add := got.Items[0], got.Items[1], got.Items[2]
		if add.Action != "add" || add.Before != nil || add.After == nil || add.After.NameZh != "春节" ||
			change.Action != "change" || change.Before.NameZh != "春节" || change.After.NameZh != "春节假期" ||
			remove.Action != "remove" || remove.After != nil || remove.Before.NameZh != "春节假期" || add.ChangedByName == "" {
			t.Fatalf("changes = %s", r.body)
		}
	})
}
