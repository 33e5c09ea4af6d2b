package app

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"intermart/internal/draw"
	"intermart/internal/procurement"
)

// TestTamperingIsDetected runs a real draw through registration, closing and
// publicity, then changes one stored input of it, and one stored audit
// event of its announcement, as someone with write access to the database
// would: `intermart verify draw` and `intermart verify audit` find each.
func TestTamperingIsDetected(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	item, users, _ := s.eligibleAgencies(t, 3)
	id, code := s.publish(t, item, announcementOpts{method: procurement.MethodRandom, ceiling: 2_000_000, stated: 1_500_000})
	for _, u := range users {
		if res := s.register(t, s.signIn(u), id, 0); res.status != 200 {
			t.Fatalf("register %s: %d %s", u, res.status, res.body)
		}
	}
	s.passDeadline(t, id)
	dbEnv := map[string]string{"INTERMART_DATABASE_URL": s.cfg.DatabaseURL}

	if out, err := runCLI(t, nil, "verify", "draw", code, "--url", s.URL()); err != nil {
		t.Fatalf("the honest draw does not verify: %v\n%s", err, out)
	}
	if out, err := runCLI(t, dbEnv, "verify", "audit"); err != nil {
		t.Fatalf("the honest audit trail does not verify: %v\n%s", err, out)
	}

	t.Run("DrawOrder", func(t *testing.T) {
		// The stored order with its first two swapped: another winner.
		s.exec(t, `UPDATE selections SET draw_order = jsonb_build_array(draw_order->1, draw_order->0) || (draw_order - 0 - 0)
			WHERE announcement_id = ?`, id)
		out, err := runCLI(t, nil, "verify", "draw", code, "--url", s.URL())
		if !errors.Is(err, draw.ErrOrder) || !strings.Contains(out, "NOT verified") {
			t.Fatalf("a changed draw order: err = %v\n%s", err, out)
		}
	})

	t.Run("AuditEvent", func(t *testing.T) {
		// One event of the announcement's chain edited, its trigger set
		// aside as the table's owner could.
		s.exec(t, `ALTER TABLE audit_events DISABLE TRIGGER USER`)
		s.exec(t, `UPDATE audit_events SET after = jsonb_set(coalesce(after, '{}'), '{status}', '"awarded"')
			WHERE chain = ? AND seq = 1`, "announcement:"+strconv.FormatInt(id, 10))
		s.exec(t, `ALTER TABLE audit_events ENABLE TRIGGER USER`)
		out, err := runCLI(t, dbEnv, "verify", "audit")
		all := out
		if err != nil {
			all += err.Error()
		}
		if err == nil || !strings.Contains(all, "announcement:"+strconv.FormatInt(id, 10)) || !strings.Contains(all, "seq 1") {
			t.Fatalf("an edited audit event: err = %v\n%s", err, out)
		}
	})
}
