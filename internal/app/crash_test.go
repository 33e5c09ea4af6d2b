package app

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"intermart/internal/db/dbtest"
	"intermart/internal/demo"
	"intermart/internal/objects/objtest"
	"intermart/internal/procurement"
)

// crashChildEnv marks the process TestServerProcess runs as: the server that
// TestKilledServerLosesNothing kills.
const crashChildEnv = "INTERMART_CRASH_CHILD"

// TestServerProcess is the server of TestKilledServerLosesNothing, run in a
// process of its own (this test binary again) so it can be killed with
// SIGKILL. It does nothing in a normal run.
func TestServerProcess(t *testing.T) {
	if os.Getenv(crashChildEnv) != "1" {
		t.Skip("the server process of TestKilledServerLosesNothing")
	}
	if err := Run(context.Background(), []string{"serve"}, os.Getenv, os.Stdout, os.Stderr); err != nil {
		t.Fatal(err)
	}
}

// crashWorkload is what the writers do while the server is killed under
// them: prepare what the writes need once the server first runs; write once
// (err for anything but a 2xx); and, after the last restart, check that
// every acknowledged write is there whole, and that nothing was
// half-stored.
type crashWorkload interface {
	name() string
	prepare(t *testing.T, db *sql.DB, base string, env map[string]string)
	write(ctx context.Context, base string, writer, n int) (acked string, err error)
	check(t *testing.T, db *sql.DB, base string, acked []string)
}

// TestKilledServerLosesNothing kills the server with SIGKILL in the middle
// of writes, three times, and restarts it: every write that was answered
// 2xx is there after the restart, whole, and nothing is half-stored.
func TestKilledServerLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	t.Parallel()
	dbURL := dbtest.URL(t)
	s3 := objtest.Config(t)
	addr := freeAddr(t)
	env := append(os.Environ(), crashChildEnv+"=1",
		"INTERMART_ADDR="+addr, "INTERMART_DATABASE_URL="+dbURL,
		"INTERMART_S3_ENDPOINT="+s3.Endpoint, "INTERMART_S3_ACCESS_KEY="+s3.AccessKey,
		"INTERMART_S3_SECRET_KEY="+s3.SecretKey, "INTERMART_S3_BUCKET="+s3.Bucket,
		"INTERMART_LOG_LEVEL=error", "INTERMART_TRUSTED_PROXIES=127.0.0.1", "INTERMART_SEAL_KEY="+testSealKey)
	base := "http://" + addr
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })

	vars := map[string]string{}
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, "INTERMART_") {
			vars[k] = v
		}
	}
	for _, w := range []crashWorkload{&signUpWorkload{}, &registrationWorkload{}} {
		t.Run(w.name(), func(t *testing.T) {
			var (
				mu    sync.Mutex
				acked []string
			)
			for round := range 3 {
				server := startChild(t, env, base)
				if round == 0 {
					w.prepare(t, db, base, vars)
				}
				ctx, cancel := context.WithCancel(context.Background())
				var wg sync.WaitGroup
				for writer := range crashWriters {
					wg.Go(func() {
						for n := 0; ctx.Err() == nil; n++ {
							key, err := w.write(ctx, base, writer, round*1_000_000+n)
							if err == nil {
								mu.Lock()
								acked = append(acked, key)
								mu.Unlock()
							} else if n == 0 && ctx.Err() == nil {
								t.Logf("writer %d: %v", writer, err)
							}
						}
					})
				}
				// Kill while the writes are in full flow: once this round has
				// had a few writes acknowledged (however slow the machine),
				// a moment later, with others in flight.
				waitFor(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(acked) >= (round+1)*5 })
				time.Sleep(time.Duration(50+100*round) * time.Millisecond)
				if err := server.Process.Kill(); err != nil {
					t.Fatal(err)
				}
				_ = server.Wait()
				cancel()
				wg.Wait()
			}
			// The server comes back (recovery) before anything is checked.
			server := startChild(t, env, base)
			defer func() { _ = server.Process.Kill(); _ = server.Wait() }()
			if len(acked) == 0 {
				t.Fatal("no write was acknowledged: the workload did not run")
			}
			t.Logf("%d writes acknowledged across three kills", len(acked))
			w.check(t, db, base, acked)
		})
	}
}

// waitFor waits up to two minutes for done.
func waitFor(t *testing.T, done func() bool) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Minute); !done(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the writes made no progress in two minutes")
		}
	}
}

// startChild starts the server process and waits until it is ready.
func startChild(t *testing.T, env []string, base string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestServerProcess$", "-test.count=1")
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() {
		// Only to learn of an early exit: the caller waits for the process.
		_, _ = cmd.Process.Wait()
		close(exited)
	}()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			t.Fatalf("the server process exited before it was ready:\n%s", out.String())
		default:
		}
		res, err := http.Get(base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return cmd
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	t.Fatalf("the server process did not become ready:\n%s", out.String())
	return nil
}

// freeAddr is a loopback address with a port free at the time of asking.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// sendJSON sends body as JSON with header and returns the answer's status
// and body; err is for no answer at all.
func sendJSON(ctx context.Context, client *http.Client, method, url string, body any, header http.Header) (int, []byte, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return 0, nil, err
	}
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(b))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	return res.StatusCode, out, err
}

// postJSON is sendJSON that fails unless the answer is 2xx.
func postJSON(ctx context.Context, client *http.Client, method, url string, body any, header http.Header) ([]byte, error) {
	status, out, err := sendJSON(ctx, client, method, url, body, header)
	if err == nil && status/100 != 2 {
		err = fmt.Errorf("%s %s: %d %s", method, url, status, out)
	}
	return out, err
}

// crashWriters is how many writers write at once.
const crashWriters = 8

// signUpWorkload: an agency's sign-up writes the organisation and its first
// administrator: both, or neither.
type signUpWorkload struct{}

func (*signUpWorkload) name() string                                           { return "AgencySignUp" }
func (*signUpWorkload) prepare(*testing.T, *sql.DB, string, map[string]string) {}

func (*signUpWorkload) write(ctx context.Context, base string, writer, n int) (string, error) {
	first17 := fmt.Sprintf("91532901M%d%d%06d", writer, n/1_000_000, n%1_000_000)
	username := fmt.Sprintf("crash.%d.%d", writer, n)
	body := map[string]string{"organisationName": fmt.Sprintf("崩溃测试%d号%d咨询有限公司", writer, n),
		"creditCode": first17 + checkChar(first17), "regionCode": "532901", "contactName": "张三",
		"contactPhone": "0872-2123456", "username": username, "displayName": "张三", "password": "password-123-x"}
	// Each writer is its own client address for the rate limit.
	_, err := postJSON(ctx, http.DefaultClient, http.MethodPost, base+"/api/v1/agency-signups", body,
		http.Header{"X-Forwarded-For": {fmt.Sprintf("10.0.%d.%d", writer, n%250)}})
	return username, err
}

func (*signUpWorkload) check(t *testing.T, db *sql.DB, _ string, acked []string) {
	for _, username := range acked {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM users u JOIN organisations o ON o.id = u.organisation_id
			WHERE u.username = $1 AND o.kind = 'agency'`, username).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("the acknowledged sign-up of %s is not there whole", username)
		}
	}
	var half int
	if err := db.QueryRow(`SELECT count(*) FROM organisations o WHERE o.kind = 'agency'
		AND NOT EXISTS (SELECT 1 FROM users u WHERE u.organisation_id = o.id)`).Scan(&half); err != nil {
		t.Fatal(err)
	}
	if half != 0 {
		t.Errorf("%d agencies are half-stored (no administrator)", half)
	}
}

// registrationWorkload: the demo agencies register, with sealed quotes that
// change at every write, for the demo announcements open to them; each
// write is a PUT with an Idempotency-Key. After the kills, each agency's
// stored quote is the last one acknowledged, or one sent after it whose
// answer the kill swallowed; every quote is sealed; every announcement's
// count of registrants is right.
type registrationWorkload struct {
	mu      sync.Mutex
	writers []*crashAgency
}

// crashAgency is one writer: a signed-in demo agency and the quote
// announcements open to it, with what was sent to each.
type crashAgency struct {
	username string
	client   *http.Client
	targets  []crashTarget
	// sent[announcement] lists the quotes sent, in order; acked the index
	// of the last one answered 2xx (-1: none).
	sent  map[int64][]int64
	acked map[int64]int
}

type crashTarget struct {
	id, ceiling int64
	quotes      bool // the method uses sealed quotes
}

func (*registrationWorkload) name() string { return "Registration" }

func (w *registrationWorkload) prepare(t *testing.T, db *sql.DB, base string, env map[string]string) {
	// The demo data: agencies, and announcements open for registration.
	if out, err := runCLI(t, env, "seed", "--demo", "--year=false"); err != nil {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	// The demo agencies listing an item of an open announcement.
	rows, err := db.Query(`SELECT DISTINCT u.username FROM users u
		JOIN listings l ON l.organisation_id = u.organisation_id AND l.approved_at IS NOT NULL
		JOIN announcements a ON a.item_id = l.item_id AND a.status = 'open'
		ORDER BY u.username LIMIT $1`, crashWriters)
	if err != nil {
		t.Fatal(err)
	}
	var usernames []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			t.Fatal(err)
		}
		usernames = append(usernames, u)
	}
	rows.Close()
	for _, u := range usernames {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, Timeout: 30 * time.Second}
		if _, err := postJSON(t.Context(), c, http.MethodPost, base+"/api/v1/auth/signin",
			map[string]string{"username": u, "password": demo.Password}, nil); err != nil {
			t.Fatalf("sign in %s: %v", u, err)
		}
		res, err := c.Get(base + "/api/v1/opportunities")
		if err != nil {
			t.Fatal(err)
		}
		var list struct {
			Items []struct {
				ID         int64  `json:"id"`
				Method     string `json:"method"`
				CeilingFen int64  `json:"ceilingFen"`
			} `json:"items"`
		}
		err = json.NewDecoder(res.Body).Decode(&list)
		res.Body.Close()
		if err != nil {
			t.Fatalf("opportunities of %s: %v", u, err)
		}
		a := &crashAgency{username: u, client: c, sent: map[int64][]int64{}, acked: map[int64]int{}}
		for _, o := range list.Items {
			a.targets = append(a.targets, crashTarget{o.ID, o.CeilingFen, procurement.UsesQuotes(o.Method)})
			a.acked[o.ID] = -1
		}
		// The demo's own registrations count as acknowledged writes.
		for id, quote := range storedRegistrations(t, c, base) {
			if _, ok := a.acked[id]; ok {
				a.sent[id], a.acked[id] = []int64{quote}, 0
			}
		}
		if len(a.targets) > 0 {
			w.writers = append(w.writers, a)
		}
	}
	quotes := 0
	for _, a := range w.writers {
		for _, target := range a.targets {
			if target.quotes {
				quotes++
			}
		}
	}
	if len(w.writers) < 2 || quotes == 0 {
		t.Fatalf("%d demo agencies have announcements open to them, %d with quotes: want at least 2 and 1", len(w.writers), quotes)
	}
}

func (w *registrationWorkload) write(ctx context.Context, base string, writer, n int) (string, error) {
	a := w.writers[writer%len(w.writers)]
	if writer >= len(w.writers) {
		// One writer per agency: its quotes are sent one at a time, so at
		// most one answer is lost at a kill.
		<-ctx.Done()
		return "", ctx.Err()
	}
	target := a.targets[n%len(a.targets)]
	// 60–99% of the ceiling: above the abnormally low line, under the
	// ceiling. Methods without quotes register with none (quote 0 here).
	var quote int64
	body := map[string]any{}
	if target.quotes {
		quote = target.ceiling*60/100 + int64(n%4000)*target.ceiling/10000
		body["quoteFen"] = quote
	}
	w.mu.Lock()
	a.sent[target.id] = append(a.sent[target.id], quote)
	sentIndex := len(a.sent[target.id]) - 1
	w.mu.Unlock()
	_, err := postJSON(ctx, a.client, http.MethodPut, fmt.Sprintf("%s/api/v1/announcements/%d/registration", base, target.id),
		body, http.Header{"Idempotency-Key": {fmt.Sprintf("crash-%d-%d", writer, n)}})
	if err != nil {
		return "", err
	}
	w.mu.Lock()
	a.acked[target.id] = sentIndex
	w.mu.Unlock()
	return fmt.Sprintf("%s/%d/%d", a.username, target.id, quote), nil
}

// storedRegistrations is the agency's current registrations: announcement →
// its quote (0 for methods without one).
func storedRegistrations(t *testing.T, c *http.Client, base string) map[int64]int64 {
	t.Helper()
	res, err := c.Get(base + "/api/v1/registrations")
	if err != nil {
		t.Fatal(err)
	}
	var list struct {
		Items []struct {
			AnnouncementID int64  `json:"announcementId"`
			Status         string `json:"status"`
			QuoteFen       *int64 `json:"quoteFen"`
		} `json:"items"`
	}
	err = json.NewDecoder(res.Body).Decode(&list)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	stored := map[int64]int64{}
	for _, r := range list.Items {
		if r.Status == procurement.RegistrationActive {
			stored[r.AnnouncementID] = 0
			if r.QuoteFen != nil {
				stored[r.AnnouncementID] = *r.QuoteFen
			}
		}
	}
	return stored
}

func (w *registrationWorkload) check(t *testing.T, db *sql.DB, base string, _ []string) {
	for _, a := range w.writers {
		stored := storedRegistrations(t, a.client, base)
		for id, last := range a.acked {
			sent := a.sent[id]
			got, ok := stored[id]
			if last < 0 {
				// Never acknowledged: absent, or one of the swallowed answers.
				if ok && !slices.Contains(sent, got) {
					t.Errorf("%s on %d: quote %d was never sent", a.username, id, got)
				}
				continue
			}
			if !ok {
				t.Errorf("%s on %d: the acknowledged registration is lost", a.username, id)
				continue
			}
			if !slices.Contains(sent[last:], got) {
				t.Errorf("%s on %d: stored quote %d, but %d was acknowledged last (sent after it: %v)",
					a.username, id, got, sent[last], sent[last+1:])
			}
		}
	}
	var unsealed, miscounted, orphans int
	if err := db.QueryRow(`SELECT count(*) FROM registrations r JOIN announcements a ON a.id = r.announcement_id
		WHERE a.method IN ('lowest', 'comprehensive') AND r.status = 'registered' AND r.quote_sealed IS NULL`).Scan(&unsealed); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM announcements a WHERE a.registrant_count <>
		(SELECT count(*) FROM registrations r WHERE r.announcement_id = a.id AND r.status = 'registered')`).Scan(&miscounted); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM registration_requests q WHERE q.registration_id IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.id = q.registration_id)`).Scan(&orphans); err != nil {
		t.Fatal(err)
	}
	if unsealed+miscounted+orphans != 0 {
		t.Errorf("half-stored: %d registrations without a sealed quote, %d announcements miscounted, %d idempotency records without their registration",
			unsealed, miscounted, orphans)
	}
}
