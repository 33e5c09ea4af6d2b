package app

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
	"time"

	"intermart/internal/config"
	"intermart/internal/db/dbtest"
	"intermart/internal/demo"
	"intermart/internal/objects/objtest"
)

// testServer is a real server on a free port, with its own database (demo
// data loaded) and its own bucket.
type testServer struct {
	*Server
	t testing.TB
}

// testSealKey is the tests' INTERMART_SEAL_KEY (32 bytes, base64).
const testSealKey = "dGVzdCBzZWFsIGtleSBmb3IgaW50ZXJtYXJ0IHRlc3Q="

// startServer starts the server; overrides set more variables.
func startServer(t testing.TB, overrides ...map[string]string) *testServer {
	t.Helper()
	env := map[string]string{}
	for _, o := range overrides {
		maps.Copy(env, o)
	}
	return startServerWith(t, env, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
}

// startServerWith starts a test server with env overriding the test settings
// and log as its logger; rewriteDB, if given, rewrites the database URL (e.g.
// to pass through a proxy).
func startServerWith(t testing.TB, env map[string]string, log *slog.Logger, rewriteDB func(string) string) *testServer {
	t.Helper()
	dbURL := dbtest.URL(t)
	if rewriteDB != nil {
		dbURL = rewriteDB(dbURL)
	}
	s3 := objtest.Config(t)
	settings := map[string]string{
		"INTERMART_ADDR":          "127.0.0.1:0",
		"INTERMART_DATABASE_URL":  dbURL,
		"INTERMART_S3_ENDPOINT":   s3.Endpoint,
		"INTERMART_S3_ACCESS_KEY": s3.AccessKey,
		"INTERMART_S3_SECRET_KEY": s3.SecretKey,
		"INTERMART_S3_BUCKET":     s3.Bucket,
		"INTERMART_LOG_LEVEL":     "error",
		"INTERMART_SEAL_KEY":      testSealKey,
		// Small, so the over-limit upload test streams little.
		"INTERMART_MAX_UPLOAD_BYTES": "1048576",
		// The training clock's operations exist, as in the API document;
		// TestTrainingClockOff turns it off.
		"INTERMART_ADJUSTABLE_CLOCK": "true",
	}
	maps.Copy(settings, env)
	cfg, err := config.Load(func(k string) string { return settings[k] })
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := NewServer(ctx, cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(ctx, s.db.Bun, s.objects); err != nil {
		t.Fatal(err)
	}
	if err := s.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = s.Shutdown(ctx)
	})
	return &testServer{Server: s, t: t}
}

// client is a browser-like caller with its own cookie jar.
type client struct {
	s    *testServer
	http *http.Client
}

func (s *testServer) anonymous() *client {
	jar, _ := cookiejar.New(nil)
	return &client{s: s, http: &http.Client{Jar: jar, Timeout: 30 * time.Second}}
}

// signIn returns a client signed in as username with the demo password.
func (s *testServer) signIn(username string) *client {
	s.t.Helper()
	c := s.anonymous()
	res := c.do("POST", "/api/v1/auth/signin", map[string]string{"username": username, "password": demo.Password})
	if res.status != 200 {
		s.t.Fatalf("sign in as %s: %d %s", username, res.status, res.body)
	}
	return c
}

type response struct {
	status int
	header http.Header
	body   string
}

// json decodes the body into v.
func (r response) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.body), v); err != nil {
		t.Fatalf("decode %q: %v", r.body, err)
	}
}

// do sends body as JSON (a string is sent as it is) and returns the response.
func (c *client) do(method, path string, body any, headers ...string) response {
	c.s.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			c.s.t.Fatal(err)
		}
		rd = bytes.NewReader(buf)
	}
	req, err := http.NewRequest(method, c.s.URL()+path, rd)
	if err != nil {
		c.s.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

// count returns a number from SQL, to check that refused input stored nothing.
func (s *testServer) count(query string, args ...any) int {
	s.t.Helper()
	var n int
	if err := s.db.Bun.NewRaw(query, args...).Scan(context.Background(), &n); err != nil {
		s.t.Fatal(err)
	}
	return n
}

// id returns an ID from SQL.
func (s *testServer) id(query string, args ...any) int64 {
	s.t.Helper()
	var n int64
	if err := s.db.Bun.NewRaw(query, args...).Scan(context.Background(), &n); err != nil {
		s.t.Fatal(err)
	}
	return n
}
