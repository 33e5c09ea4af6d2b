package app

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"intermart/internal/demo"
)

type warningPage struct {
	Items []struct {
		ID       int64
		Rule     string
		Level    string
		OwnerID  int64
		AgencyID int64
		Code     string
	}
	Total int
}

// TestWarningQueue: once the marketplace clock has moved a month on, the
// demo's unregistered contracts are red warnings; regulators see every
// warning, owners and agencies their own; the list exports to Excel and
// CSV; the platform admin's rule change clears what it no longer warns of.
func TestWarningQueue(t *testing.T) {
	t.Parallel()
	s := startServer(t, map[string]string{"INTERMART_ADJUSTABLE_CLOCK": "true"})
	if err := demo.LoadProcurement(context.Background(), s.db.Bun, s.caps.procurement, s.caps.catalog); err != nil {
		t.Fatal(err)
	}
	admin := s.signIn("admin")
	if r := admin.do("POST", "/api/v1/training-clock/advance", map[string]any{"seconds": 30 * 86400}); r.status != 200 {
		t.Fatalf("advance: %d %s", r.status, r.body)
	}
	// Awards the move itself made have their time to register yet.
	unregistered := s.count("SELECT count(*) FROM contracts WHERE status IN ('awaiting_registration', 'pending_confirmation') AND register_by < marketplace_now()")
	if unregistered == 0 {
		t.Fatal("the demo has no contract awaiting registration")
	}
	reg := s.signIn("reg.zwfw")
	var all warningPage
	reg.do("GET", "/api/v1/warnings?rule=contract_registration&pageSize=200", nil).json(t, &all)
	if all.Total != unregistered || len(all.Items) != unregistered {
		t.Fatalf("regulator: got %d warnings (%d shown), want one per unregistered contract (%d)", all.Total, len(all.Items), unregistered)
	}
	for _, w := range all.Items {
		if w.Level != "red" {
			t.Errorf("warning %d (%s) is %s a month late, want red", w.ID, w.Code, w.Level)
		}
	}
	var red warningPage
	reg.do("GET", "/api/v1/warnings?level=red", nil).json(t, &red)
	if n := todoCount(t, reg, "redWarnings"); n != red.Total || n < unregistered {
		t.Errorf("the regulator's board: %d red warnings, want the list's %d (at least %d)", n, red.Total, unregistered)
	}

	// The owner and the agency of the first warning see their own, and
	// only those.
	first := all.Items[0]
	for _, c := range []struct {
		col string
		org int64
		of  func(i int) int64
	}{
		{"owner_id", first.OwnerID, func(i int) int64 { return all.Items[i].OwnerID }},
		{"agency_id", first.AgencyID, func(i int) int64 { return all.Items[i].AgencyID }},
	} {
		var user string
		if err := s.db.Bun.NewRaw("SELECT min(username) FROM users WHERE organisation_id = ?", c.org).Scan(context.Background(), &user); err != nil {
			t.Fatal(err)
		}
		var own warningPage
		s.signIn(user).do("GET", "/api/v1/warnings?pageSize=200", nil).json(t, &own)
		want := s.count("SELECT count(*) FROM warnings WHERE cleared_at IS NULL AND "+c.col+" = ?", c.org)
		if own.Total != want || want == 0 {
			t.Errorf("%s: got %d warnings, want its own %d", user, own.Total, want)
		}
		var ownRed warningPage
		s.signIn(user).do("GET", "/api/v1/warnings?level=red", nil).json(t, &ownRed)
		if n := todoCount(t, s.signIn(user), "redWarnings"); n != ownRed.Total || n == 0 {
			t.Errorf("%s's board: %d red warnings, want its list's %d", user, n, ownRed.Total)
		}
		for _, w := range own.Items {
			if (c.col == "owner_id" && w.OwnerID != c.org) || (c.col == "agency_id" && w.AgencyID != c.org) {
				t.Errorf("%s sees warning %d of another organisation", user, w.ID)
			}
		}
	}
	var others warningPage
	s.signIn("owner.zjt").do("GET", "/api/v1/warnings?pageSize=200", nil).json(t, &others)
	for _, w := range others.Items {
		if w.OwnerID == first.OwnerID && first.OwnerID != s.id("SELECT organisation_id FROM users WHERE username = 'owner.zjt'") {
			t.Errorf("another owner sees warning %d of owner %d", w.ID, first.OwnerID)
		}
	}

	// The rest: not yet due.
	if n := s.count("SELECT count(*) FROM warnings w JOIN contracts c ON c.id = w.subject_id WHERE w.rule = 'contract_registration' AND c.register_by > marketplace_now() + interval '1 day'"); n != 0 {
		t.Errorf("%d contracts not yet due are warned of", n)
	}

	// Excel: the same rows, the headers in the caller's language.
	x := reg.do("GET", "/api/v1/warnings/export.xlsx?rule=contract_registration", nil)
	if x.status != 200 || x.header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
		!strings.HasPrefix(x.header.Get("Content-Disposition"), `attachment; filename="warnings-`) {
		t.Fatalf("xlsx: %d %v", x.status, x.header)
	}
	f, err := excelize.OpenReader(strings.NewReader(x.body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != unregistered+1 || rows[0][0] != "等级" || rows[1][0] != "红色" || rows[1][2] != all.Items[0].Code {
		t.Fatalf("xlsx rows: %d (want %d), first %v %v", len(rows), unregistered+1, rows[0], rows[1])
	}
	c := reg.do("GET", "/api/v1/warnings/export.csv?rule=contract_registration", nil)
	if c.status != 200 || !strings.HasPrefix(c.header.Get("Content-Type"), "text/csv") ||
		!strings.HasPrefix(c.body, "\uFEFF等级,规则,编号") || strings.Count(c.body, "\n") != unregistered+1 {
		t.Fatalf("csv: %d %v\n%s", c.status, c.header, c.body)
	}

	// The rules: a bad value is a field error; disabling a rule clears its
	// warnings at once.
	bad := admin.do("PUT", "/api/v1/warning-rules/contract_registration",
		map[string]any{"enabled": true, "dueWorkdays": 0, "yellowBeforeWorkdays": 61, "redAfterWorkdays": 3})
	if bad.status != 422 || !strings.Contains(bad.body, "yellowBeforeWorkdays") {
		t.Fatalf("bad rule: %d %s", bad.status, bad.body)
	}
	if r := admin.do("PUT", "/api/v1/warning-rules/no_such_rule",
		map[string]any{"enabled": true, "dueWorkdays": 0, "yellowBeforeWorkdays": 0, "redAfterWorkdays": 3}); r.status != 404 {
		t.Fatalf("unknown rule: %d %s", r.status, r.body)
	}
	if r := admin.do("PUT", "/api/v1/warning-rules/contract_registration",
		map[string]any{"enabled": false, "dueWorkdays": 0, "yellowBeforeWorkdays": 0, "redAfterWorkdays": 3}); r.status != 200 {
		t.Fatalf("disable: %d %s", r.status, r.body)
	}
	var after warningPage
	reg.do("GET", "/api/v1/warnings?rule=contract_registration", nil).json(t, &after)
	if after.Total != 0 {
		t.Fatalf("after disabling the rule: %d open warnings, want 0", after.Total)
	}
	var cleared warningPage
	reg.do("GET", fmt.Sprintf("/api/v1/warnings?rule=contract_registration&state=cleared&pageSize=%d", 200), nil).json(t, &cleared)
	if cleared.Total != unregistered {
		t.Fatalf("cleared: %d, want %d kept", cleared.Total, unregistered)
	}
}
