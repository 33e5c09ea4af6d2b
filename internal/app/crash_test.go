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
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"intermart/internal/db/dbtest"
	"intermart/internal/objects/objtest"
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
// them: write once (err for anything but a 2xx) and, after the last
// restart, check that every acknowledged write is there whole, and that
// nothing was half-stored.
type crashWorkload struct {
	name  string
	write func(ctx context.Context, base string, writer, n int) (acked string, err error)
	check func(t *testing.T, db *sql.DB, acked []string)
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

	for _, w := range crashWorkloads {
		t.Run(w.name, func(t *testing.T) {
			var (
				mu    sync.Mutex
				acked []string
			)
			for round := range 3 {
				server := startChild(t, env, base)
				ctx, cancel := context.WithCancel(context.Background())
				var wg sync.WaitGroup
				for writer := range 8 {
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
				// Kill while the writes are in full flow.
				time.Sleep(time.Duration(1500+500*round) * time.Millisecond)
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
			w.check(t, db, acked)
		})
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

// postJSON posts body and fails unless the answer is 2xx.
func postJSON(ctx context.Context, client *http.Client, method, url string, body any, header http.Header) ([]byte, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	if res.StatusCode/100 != 2 {
		return out, fmt.Errorf("%s %s: %d %s", method, url, res.StatusCode, out)
	}
	return out, nil
}

// crashWorkloads are the writes the kill test runs.
var crashWorkloads = []crashWorkload{
	{
		// An agency's sign-up writes the organisation and its first
		// administrator: both, or neither.
		name: "AgencySignUp",
		write: func(ctx context.Context, base string, writer, n int) (string, error) {
			first17 := fmt.Sprintf("91532901M%d%d%06d", writer, n/1_000_000, n%1_000_000)
			username := fmt.Sprintf("crash.%d.%d", writer, n)
			body := map[string]string{"organisationName": fmt.Sprintf("崩溃测试%d号%d咨询有限公司", writer, n),
				"creditCode": first17 + checkChar(first17), "regionCode": "532901", "contactName": "张三",
				"contactPhone": "0872-2123456", "username": username, "displayName": "张三", "password": "password-123-x"}
			// Each writer is its own client address for the rate limit.
			_, err := postJSON(ctx, http.DefaultClient, http.MethodPost, base+"/api/v1/agency-signups", body,
				http.Header{"X-Forwarded-For": {fmt.Sprintf("10.0.%d.%d", writer, n%250)}})
			return username, err
		},
		check: func(t *testing.T, db *sql.DB, acked []string) {
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
		},
	},
}
