package app

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

type siteClock struct {
	TrainingClock struct {
		Enabled       bool
		OffsetSeconds int64
	}
}

// TestTrainingClock: the platform admin moves the marketplace clock forward;
// every visitor learns the offset from the site information; moving back is
// a field error that changes nothing; the marketplace's rules follow it.
func TestTrainingClock(t *testing.T) {
	t.Parallel()
	s := startServer(t, map[string]string{"INTERMART_ADJUSTABLE_CLOCK": "true"})
	admin := s.signIn("admin")
	site := func() siteClock {
		t.Helper()
		var got siteClock
		s.anonymous().do("GET", "/api/v1/site", nil).json(t, &got)
		return got
	}
	if got := site(); !got.TrainingClock.Enabled || got.TrainingClock.OffsetSeconds != 0 {
		t.Fatalf("site info before any move = %+v", got)
	}
	// A qualification of the demo agency valid through the day after
	// tomorrow (real time), as its public page shows it.
	agencyOrg := s.id("SELECT organisation_id FROM users WHERE username = 'agency'")
	qualID := s.id("SELECT min(id) FROM qualifications WHERE organisation_id = ? AND status = 'approved'", agencyOrg)
	if _, err := s.db.Bun.NewRaw(`UPDATE qualifications SET valid_to = (now() AT TIME ZONE 'Asia/Shanghai')::date + 2 WHERE id = ?`, qualID).Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	expired := func() bool {
		t.Helper()
		var page struct {
			Qualifications []struct {
				ID      int64
				Expired bool
			}
		}
		s.anonymous().do("GET", fmt.Sprintf("/api/v1/directory/agencies/%d", agencyOrg), nil).json(t, &page)
		for _, q := range page.Qualifications {
			if q.ID == qualID {
				return q.Expired
			}
		}
		t.Fatalf("qualification %d is not on the agency's public page", qualID)
		return false
	}
	if expired() {
		t.Fatal("the qualification is expired before the clock moved")
	}
	r := admin.do("POST", "/api/v1/training-clock/advance", map[string]any{"seconds": 3*86400 + 7200})
	if r.status != 200 {
		t.Fatalf("advance: %d %s", r.status, r.body)
	}
	var st struct {
		RealTime, MarketplaceTime time.Time
		OffsetSeconds             int64
	}
	r.json(t, &st)
	if st.OffsetSeconds != 3*86400+7200 {
		t.Fatalf("offset after the move = %d", st.OffsetSeconds)
	}
	if got := site(); got.TrainingClock.OffsetSeconds != 3*86400+7200 {
		t.Fatalf("site info after the move = %+v", got)
	}
	// The marketplace's rules read the moved clock: three days on, the
	// qualification has expired.
	if !expired() {
		t.Fatal("the qualification has not expired three days later by the marketplace clock")
	}

	back := st.MarketplaceTime.Add(-time.Hour).Format(time.RFC3339)
	r = admin.do("POST", "/api/v1/training-clock/advance", map[string]any{"to": back})
	if r.status != 422 || !strings.Contains(r.body, `"location":"body.to"`) || !strings.Contains(r.body, `"reason":"clock_backwards"`) {
		t.Fatalf("moving back: %d %s", r.status, r.body)
	}
	if n := s.count("SELECT count(*) FROM training_clock_moves"); n != 1 {
		t.Fatalf("%d moves recorded, want 1", n)
	}
	if r := admin.do("GET", "/api/v1/training-clock", nil); r.status != 200 || !strings.Contains(r.body, `"offsetSeconds":266400`) {
		t.Fatalf("read the clock: %d %s", r.status, r.body)
	}
}

// TestTrainingClockOff: without INTERMART_ADJUSTABLE_CLOCK the operations do
// not exist, the site says the clock is off, and no offset is ever applied,
// whatever the database holds.
func TestTrainingClockOff(t *testing.T) {
	t.Parallel()
	s := startServer(t, map[string]string{"INTERMART_ADJUSTABLE_CLOCK": "false"})
	admin := s.signIn("admin")
	if _, err := s.db.Bun.NewRaw("UPDATE training_clock SET offset_us = ?", (30 * 24 * time.Hour).Microseconds()).Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		method, path string
		body         any
	}{
		{"GET", "/api/v1/training-clock", nil},
		{"POST", "/api/v1/training-clock/advance", map[string]any{"seconds": 3600}},
	} {
		if r := admin.do(c.method, c.path, c.body); r.status != 404 {
			t.Errorf("%s %s with the clock off: %d %s, want 404", c.method, c.path, r.status, r.body)
		}
	}
	var got siteClock
	s.anonymous().do("GET", "/api/v1/site", nil).json(t, &got)
	if got.TrainingClock.Enabled || got.TrainingClock.OffsetSeconds != 0 {
		t.Fatalf("site info with the clock off = %+v", got)
	}
	// The server's clock is the real one: a session's time, the
	// marketplace's rules, all read now().
	now, err := s.caps.clock.Now(t.Context(), s.db.Bun)
	if err != nil {
		t.Fatal(err)
	}
	var real time.Time
	if err := s.db.Bun.NewRaw("SELECT now()").Scan(t.Context(), &real); err != nil {
		t.Fatal(err)
	}
	if now.Sub(real) > time.Hour {
		t.Fatalf("the clock is %s ahead with the training clock off", now.Sub(real))
	}
}
