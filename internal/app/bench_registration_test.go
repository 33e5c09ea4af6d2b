package app

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/config"
	"intermart/internal/demo"
	"intermart/internal/procurement"
)

// The registration burst: burstAgencies agencies each register, with a
// sealed quote, for every one of burstAnnouncements announcements, over
// burstConnections connections.
const (
	burstAgencies      = 100
	burstAnnouncements = 100
	burstConnections   = 64
)

// BenchmarkRegistrationBurst sends 10,000 sealed registrations across 100
// announcements through the whole server (HTTP, session, Casbin,
// eligibility in the registration's transaction, the deadline by the
// database clock, AES-256-GCM sealing, idempotency record), and prints the
// rate with the counts that show none was lost: every 2xx is a stored,
// sealed registration, and each announcement counts its registrants right.
// Then a second burst races a deadline that passes in its middle: every
// registration stored was stored before the deadline, every one answered
// after it was refused.
func BenchmarkRegistrationBurst(b *testing.B) {
	// Each agency signs in from an address of its own (X-Forwarded-For, from
	// a trusted proxy), as a hundred offices would: the sign-in limit is per
	// address.
	env := map[string]string{"INTERMART_DB_MAX_CONNS": os.Getenv("INTERMART_DB_MAX_CONNS"), "INTERMART_TRUSTED_PROXIES": "127.0.0.1"}
	s := startServerWith(b, env, newLogger(config.Config{LogLevel: "error"}, io.Discard), nil)
	item, users, _ := s.eligibleAgencies(b, 1)
	clients := burstClients(b, s, users[0], burstAgencies)
	for b.Loop() {
		ids := make([]int64, burstAnnouncements)
		for i := range ids {
			ids[i], _ = s.publish(b, item, announcementOpts{method: procurement.MethodLowest, ceiling: 5_000_000, deadlineIn: "1 hour"})
		}
		res := burst(s, clients, ids)
		stored := s.count("SELECT count(*) FROM registrations WHERE announcement_id IN (?) AND status = 'registered' AND quote_sealed IS NOT NULL AND quote_fen IS NULL", bun.In(ids))
		counted := s.count("SELECT coalesce(sum(registrant_count), 0) FROM announcements WHERE id IN (?)", bun.In(ids))
		fmt.Printf("registrations: %d sent over %d connections in %s: %.0f/s (goal ≥ 1,000/s); answered 2xx %d, other %d; "+
			"stored sealed %d, counted %d, lost %d\n",
			res.sent, burstConnections, res.elapsed.Round(time.Millisecond), float64(res.ok)/res.elapsed.Seconds(),
			res.ok, res.refused, stored, counted, res.ok-stored)
		if res.ok != burstAgencies*burstAnnouncements || stored != res.ok || counted != res.ok {
			b.Fatalf("%d answered 2xx, %d stored, %d counted: want %d each (other answers: %v)",
				res.ok, stored, counted, burstAgencies*burstAnnouncements, res.statuses)
		}
		b.ReportMetric(float64(res.ok)/res.elapsed.Seconds(), "registrations/s")

		// The race with the deadline: it is set to pass when about a third
		// of the burst is in, at the rate just measured, and time passes.
		late := make([]int64, burstAnnouncements/5)
		for i := range late {
			late[i], _ = s.publish(b, item, announcementOpts{method: procurement.MethodLowest, ceiling: 5_000_000, deadlineIn: "1 hour"})
		}
		third := time.Duration(float64(len(clients)*len(late)/3) / float64(res.ok) * float64(res.elapsed))
		s.exec(b, "UPDATE announcements SET registration_deadline = now() + ?::interval WHERE id IN (?)",
			fmt.Sprintf("%d milliseconds", max(third, 200*time.Millisecond).Milliseconds()), bun.In(late))
		res = burst(s, clients, late)
		stored = s.count("SELECT count(*) FROM registrations WHERE announcement_id IN (?) AND status = 'registered'", bun.In(late))
		after := s.count("SELECT count(*) FROM registrations r JOIN announcements a ON a.id = r.announcement_id WHERE a.id IN (?) AND r.updated_at > a.registration_deadline", bun.In(late))
		fmt.Printf("registrations racing a deadline: %d sent, %d answered 2xx, %d refused (registration_closed %d); stored %d, "+
			"stored after the deadline %d\n", res.sent, res.ok, res.refused, res.closed, stored, after)
		if stored != res.ok || after != 0 || res.closed != res.refused || res.ok == 0 || res.refused == 0 {
			b.Fatalf("racing the deadline: %d answered 2xx, %d stored, %d stored late, %d refused of which %d closed (%v)",
				res.ok, stored, after, res.refused, res.closed, res.statuses)
		}
	}
	fmt.Printf("machine: %d CPUs (%s), load average %s\n", runtime.NumCPU(), cpuModel(), loadAverage())
}

// burstResult counts a burst's answers.
type burstResult struct {
	sent, ok, refused, closed int
	statuses                  map[int]int
	elapsed                   time.Duration
}

// burst registers every client for every announcement, burstConnections at
// a time, in an order that spreads the load over the announcements.
func burst(s *testServer, clients []*http.Client, ids []int64) burstResult {
	type pair struct{ c, a int }
	work := make(chan pair)
	go func() {
		for k := range len(clients) * len(ids) {
			work <- pair{k % len(clients), (k/len(clients) + k) % len(ids)}
		}
		close(work)
	}()
	var (
		mu  sync.Mutex
		res = burstResult{statuses: map[int]int{}}
		wg  sync.WaitGroup
	)
	start := time.Now()
	for range burstConnections {
		wg.Go(func() {
			for p := range work {
				quote := 3_000_000 + int64(p.c)*100 + int64(p.a)
				status, body, _ := sendJSON(context.Background(), clients[p.c], http.MethodPut,
					fmt.Sprintf("%s/api/v1/announcements/%d/registration", s.URL(), ids[p.a]), map[string]any{"quoteFen": quote},
					http.Header{"Idempotency-Key": {fmt.Sprintf("burst-%d-%d-%d", ids[p.a], p.c, quote)}})
				mu.Lock()
				res.sent++
				res.statuses[status]++
				if status/100 == 2 {
					res.ok++
				} else {
					res.refused++
					if strings.Contains(string(body), `"registration_closed"`) {
						res.closed++
					}
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

// burstClients clones the eligible demo agency of username into n agencies
// (organisation, profile, qualifications, listings and a user with the
// same password), each as eligible as the original, and signs each in.
func burstClients(b *testing.B, s *testServer, username string, n int) []*http.Client {
	b.Helper()
	ctx := context.Background()
	org := s.id("SELECT organisation_id FROM users WHERE username = ?", username)
	err := s.db.Bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for i := 1; i < n; i++ {
			q := func(query string, args ...any) error {
				_, err := tx.NewRaw(query, args...).Exec(ctx)
				return err
			}
			newOrg := fmt.Sprintf("(SELECT id FROM organisations WHERE credit_code = '91532901MA%08d')", i)
			for _, step := range []string{
				`CREATE TEMP TABLE c ON COMMIT DROP AS SELECT * FROM organisations WHERE id = ?`,
				fmt.Sprintf(`UPDATE c SET id = nextval('organisations_id_seq'), credit_code = '91532901MA%08d', name = name || '（压测%03d）'`, i, i),
				`INSERT INTO organisations SELECT * FROM c`, `DROP TABLE c`,
				`CREATE TEMP TABLE c ON COMMIT DROP AS SELECT * FROM agency_profiles WHERE organisation_id = ?`,
				`UPDATE c SET organisation_id = ` + newOrg, `INSERT INTO agency_profiles SELECT * FROM c`, `DROP TABLE c`,
				`CREATE TEMP TABLE c ON COMMIT DROP AS SELECT * FROM qualifications WHERE organisation_id = ?`,
				`UPDATE c SET id = nextval('qualifications_id_seq'), organisation_id = ` + newOrg, `INSERT INTO qualifications SELECT * FROM c`, `DROP TABLE c`,
				`CREATE TEMP TABLE c ON COMMIT DROP AS SELECT * FROM listings WHERE organisation_id = ?`,
				`UPDATE c SET id = nextval('listings_id_seq'), organisation_id = ` + newOrg, `INSERT INTO listings SELECT * FROM c`, `DROP TABLE c`,
				`CREATE TEMP TABLE c ON COMMIT DROP AS SELECT * FROM users WHERE organisation_id = ? ORDER BY id LIMIT 1`,
				fmt.Sprintf(`UPDATE c SET id = nextval('users_id_seq'), username = 'burst.%03d', organisation_id = `+newOrg, i),
				`INSERT INTO users SELECT * FROM c`, `DROP TABLE c`,
			} {
				var args []any
				if strings.Contains(step, "?") {
					args = []any{org}
				}
				if err := q(step, args...); err != nil {
					return fmt.Errorf("%s: %w", step, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	names := []string{username}
	for i := 1; i < n; i++ {
		names = append(names, fmt.Sprintf("burst.%03d", i))
	}
	clients := make([]*http.Client, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, name := range names {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			jar, _ := cookiejar.New(nil)
			c := &http.Client{Jar: jar, Timeout: time.Minute,
				Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
			status, body, err := sendJSON(context.Background(), c, http.MethodPost, s.URL()+"/api/v1/auth/signin",
				map[string]string{"username": name, "password": demo.Password},
				http.Header{"X-Forwarded-For": {fmt.Sprintf("10.1.%d.%d", i/250, i%250+1)}})
			if err != nil {
				b.Errorf("sign in %s: %v", name, err)
				return
			}
			if status != 200 {
				b.Errorf("sign in %s: %d %s", name, status, body)
			}
			clients[i] = c
		})
	}
	wg.Wait()
	if b.Failed() {
		b.FailNow()
	}
	return clients
}

// cpuModel is the processor's name from /proc/cpuinfo, where there is one.
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// loadAverage is the first three fields of /proc/loadavg.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
