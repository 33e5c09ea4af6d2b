package app

import (
	"bytes"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"intermart/internal/procurement"
	"intermart/internal/testproxy"
)

// startServerEnv is startServer with extra variables, the server's log
// written to logw as JSON at level info, and dbURL rewriting the database
// URL (e.g. to pass through a proxy).
func startServerEnv(t testing.TB, extra map[string]string, logw io.Writer, dbURL func(string) string) *testServer {
	t.Helper()
	if logw == nil {
		logw = io.Discard
	}
	env := map[string]string{"INTERMART_LOG_LEVEL": "info"}
	maps.Copy(env, extra)
	return startServerWith(t, env, slog.New(slog.NewJSONHandler(logw, nil)), dbURL)
}

// TestMetricsListener checks that metrics and the profiler are served on the
// operators' listener only, and that a client cannot grow the label set with
// made-up methods.
func TestMetricsListener(t *testing.T) {
	t.Parallel()
	s := startServerEnv(t, map[string]string{"INTERMART_METRICS_ADDR": "127.0.0.1:0"}, nil, nil)
	c := s.anonymous()
	for _, m := range []string{"FOOBAR1", "FOOBAR2", "X-INVENTED"} {
		c.do(m, "/api/v1/regions", nil)
	}
	c.do("GET", "/api/v1/regions", nil)
	if s.MetricsURL() == "" {
		t.Fatal("INTERMART_METRICS_ADDR set, but no metrics listener")
	}
	get := func(u string) response {
		t.Helper()
		res, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return response{status: res.StatusCode, header: res.Header, body: string(b)}
	}

	t.Run("Metrics", func(t *testing.T) {
		r := get(s.MetricsURL() + "/metrics")
		if r.status != 200 || !strings.Contains(r.body, "intermart_http_requests_total") {
			t.Fatalf("metrics listener: %d %.300s", r.status, r.body)
		}
		if strings.Contains(r.body, "FOOBAR") || strings.Contains(r.body, "X-INVENTED") {
			t.Fatal("a client's made-up method became a label value")
		}
		if !strings.Contains(r.body, `method="other"`) || !strings.Contains(r.body, `method="GET"`) {
			t.Fatalf("want method=\"other\" and method=\"GET\" series: %.2000s", r.body)
		}
	})
	t.Run("Pprof", func(t *testing.T) {
		r := get(s.MetricsURL() + "/debug/pprof/")
		if r.status != 200 || !strings.Contains(r.body, "goroutine") {
			t.Fatalf("pprof index: %d %.300s", r.status, r.body)
		}
		if r := get(s.MetricsURL() + "/debug/pprof/goroutine?debug=1"); r.status != 200 || !strings.Contains(r.body, "goroutine profile") {
			t.Fatalf("goroutine profile: %d %.300s", r.status, r.body)
		}
	})
	t.Run("NotOnPublicListener", func(t *testing.T) {
		for _, path := range []string{"/metrics", "/debug/pprof/"} {
			r := c.do("GET", path, nil)
			if strings.Contains(r.body, "intermart_http_requests_total") || strings.Contains(r.body, "goroutine") {
				t.Fatalf("public %s serves operator data: %.300s", path, r.body)
			}
		}
	})
}

// TestMetricsListenerOffByDefault checks the default: no second listener.
func TestMetricsListenerOffByDefault(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	if s.MetricsURL() != "" {
		t.Fatalf("metrics listener on %s without INTERMART_METRICS_ADDR", s.MetricsURL())
	}
}

// TestRequestHeaders checks request IDs and caching of API answers.
func TestRequestHeaders(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	s := startServerEnv(t, nil, &logs, nil)
	c := s.anonymous()

	t.Run("RequestIDPlainTokenKept", func(t *testing.T) {
		r := c.do("GET", "/healthz", nil, "X-Request-Id", "lb-trace.42_A")
		if got := r.header.Get("X-Request-Id"); got != "lb-trace.42_A" {
			t.Fatalf("X-Request-Id = %q, want the caller's plain token", got)
		}
	})
	for name, id := range map[string]string{
		"Markup":   "<script>alert(1)</script>",
		"Spaces":   "a b",
		"TooLong":  strings.Repeat("a", 65),
		"LogForge": `x" level=ERROR msg="forged`,
	} {
		t.Run("RequestIDReplaced"+name, func(t *testing.T) {
			r := c.do("GET", "/healthz", nil, "X-Request-Id", id)
			got := r.header.Get("X-Request-Id")
			if got == "" || got == id || !plainTokenRE(got) {
				t.Fatalf("X-Request-Id = %q for a caller's %q, want a server-generated token", got, id)
			}
		})
	}
	t.Run("RequestIDGenerated", func(t *testing.T) {
		a := c.do("GET", "/healthz", nil).header.Get("X-Request-Id")
		b := c.do("GET", "/healthz", nil).header.Get("X-Request-Id")
		if a == "" || a == b {
			t.Fatalf("generated IDs %q and %q, want two different ones", a, b)
		}
	})
	t.Run("HeadIsGetWithoutBody", func(t *testing.T) {
		admin := s.signIn("admin")
		for _, c := range []struct {
			who    *client
			path   string
			status int
		}{
			{c, "/healthz", 200},
			{c, "/api/v1/notices?limit=5", 200},
			{c, "/api/v1/catalog/items", 200},
			{c, "/api/v1/organisations", 401},
			{admin, "/api/v1/organisations", 200},
			{admin, "/api/v1/auth/session", 200},
			{c, "/api/v1/no-such-thing", 404},
		} {
			get, head := c.who.do("GET", c.path, nil), c.who.do("HEAD", c.path, nil)
			if get.status != c.status || head.status != c.status {
				t.Errorf("%s: GET %d, HEAD %d, want %d", c.path, get.status, head.status, c.status)
			}
			if len(head.body) != 0 {
				t.Errorf("HEAD %s answered a body of %d bytes", c.path, len(head.body))
			}
			for _, h := range []string{"Content-Type", "Content-Length", "Cache-Control", "Content-Security-Policy"} {
				if head.header.Get(h) != get.header.Get(h) {
					t.Errorf("HEAD %s: %s %q, GET's %q", c.path, h, head.header.Get(h), get.header.Get(h))
				}
			}
		}
		// HEAD stands for GET only: a path without a GET refuses it.
		if r := c.do("HEAD", "/api/v1/auth/signin", nil); r.status != 405 {
			t.Errorf("HEAD on a POST-only path: %d, want 405", r.status)
		}
	})
	t.Run("NoStoreSignedIn", func(t *testing.T) {
		r := s.signIn("admin").do("GET", "/api/v1/auth/session", nil)
		if r.status != 200 || r.header.Get("Cache-Control") != "no-store" {
			t.Fatalf("signed-in API answer: %d, Cache-Control %q", r.status, r.header.Get("Cache-Control"))
		}
	})
	t.Run("NoStoreProblem", func(t *testing.T) {
		r := c.do("GET", "/api/v1/organisations", nil)
		if r.status != 401 || r.header.Get("Cache-Control") != "no-store" {
			t.Fatalf("refused API answer: %d, Cache-Control %q", r.status, r.header.Get("Cache-Control"))
		}
	})
	t.Run("LogNamesUserAndClient", func(t *testing.T) {
		admin := s.signIn("admin")
		r := admin.do("GET", "/api/v1/organisations", nil, "X-Request-Id", "log-line-probe")
		if r.status != 200 {
			t.Fatalf("list organisations: %d %s", r.status, r.body)
		}
		adminID := s.id("SELECT id FROM users WHERE username = 'admin'")
		line := logs.requestLineWith(`"request_id":"log-line-probe"`)
		for _, want := range []string{`"msg":"request"`, `"client":"127.0.0.1"`, `"user_id":` + strconv.FormatInt(adminID, 10), `"role":"platform_admin"`} {
			if !strings.Contains(line, want) {
				t.Fatalf("request log line lacks %s: %s", want, line)
			}
		}
	})
}

func plainTokenRE(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// syncBuffer collects the server's log lines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// requestLineWith waits for the request log line containing s. The line is
// written once the answer has gone out, so the client can read the answer
// before the line exists; a few seconds without it is a failure.
func (b *syncBuffer) requestLineWith(s string) string {
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if line := b.find(s); line != "" || time.Now().After(deadline) {
			return line
		}
	}
}

func (b *syncBuffer) find(s string) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, line := range strings.Split(b.buf.String(), "\n") {
		if strings.Contains(line, s) && strings.Contains(line, `"msg":"request"`) {
			return line
		}
	}
	return ""
}

// TestDatabaseTrouble checks the answers while PostgreSQL is stopped or
// frozen: 503 problem+json with Retry-After, within the request deadline,
// and a readiness probe that says "fail" and nothing more; then 200 again
// once it is back.
func TestDatabaseTrouble(t *testing.T) {
	t.Parallel()
	var proxy *testproxy.Proxy
	var logs syncBuffer
	t.Cleanup(func() {
		if t.Failed() {
			t.Log(logs.buf.String())
		}
	})
	s := startServerEnv(t, map[string]string{"INTERMART_REQUEST_TIMEOUT": "1s"}, &logs, func(u string) string {
		target, err := url.Parse(u)
		if err != nil {
			t.Fatal(err)
		}
		proxy = testproxy.New(t, target.Host)
		return proxy.Via(u)
	})
	t.Cleanup(proxy.Stop) // before the server shuts down, so no connection stays stuck
	admin := s.signIn("admin")
	regulator := s.signIn("reg.zwfw")
	anon := s.anonymous()
	for _, c := range []*client{anon, admin, regulator} {
		c.http.Timeout = 20 * time.Second // a hang fails the test instead of passing late
	}
	calls := []struct {
		name string
		c    *client
		path string
	}{
		{"SignedInSession", admin, "/api/v1/auth/session"},
		{"SignedInList", admin, "/api/v1/organisations"},
		{"AnonymousRead", anon, "/api/v1/portal/summary"},
		// The notice list reads through the pgx pool, not database/sql.
		{"PublicNotices", anon, "/api/v1/notices"},
		{"PublicNoticesLaterPage", anon, "/api/v1/notices?cursor=" + procurement.NoticeCursor(time.Now(), 1)},
		{"OpenData", anon, "/api/v1/ocds/releases"},
		{"Dashboard", regulator, "/api/v1/supervision/dashboard"},
		{"DashboardExport", regulator, "/api/v1/supervision/dashboard/export.xlsx"},
		{"Warnings", regulator, "/api/v1/warnings"},
		{"RedFlags", regulator, "/api/v1/supervision/red-flags"},
		{"ComplaintsExport", regulator, "/api/v1/complaints/export.csv"},
	}
	wantUnavailable := func(t *testing.T) {
		t.Helper()
		for _, call := range calls {
			r := call.c.do("GET", call.path, nil)
			if r.status != http.StatusServiceUnavailable {
				t.Errorf("%s: status %d, want 503: %.300s", call.name, r.status, r.body)
				continue
			}
			if !strings.HasPrefix(r.header.Get("Content-Type"), "application/problem+json") || !strings.Contains(r.body, `"code":"unavailable"`) {
				t.Errorf("%s: %s %s, want a problem with code unavailable", call.name, r.header.Get("Content-Type"), r.body)
			}
			if r.header.Get("Retry-After") == "" {
				t.Errorf("%s: no Retry-After", call.name)
			}
		}
		r := anon.do("GET", "/readyz", nil)
		if r.status != http.StatusServiceUnavailable || !strings.Contains(r.body, `"postgresql":"fail"`) || !strings.Contains(r.body, `"minio":"ok"`) {
			t.Errorf("readyz: %d %s, want 503 with postgresql fail and minio ok", r.status, r.body)
		}
		if strings.Contains(r.body, "intermart") || strings.Contains(r.body, "127.0.0.1") || strings.Contains(r.body, "dial") {
			t.Errorf("readyz tells the world about the database: %s", r.body)
		}
	}
	wantBack := func(t *testing.T) {
		t.Helper()
		for _, call := range calls {
			var r response
			// The pool drops its dead connections as it meets them.
			for range 5 {
				if r = call.c.do("GET", call.path, nil); r.status == 200 {
					break
				}
			}
			if r.status != 200 {
				t.Errorf("%s after recovery: %d %.300s", call.name, r.status, r.body)
			}
		}
		if r := anon.do("GET", "/readyz", nil); r.status != 200 {
			t.Errorf("readyz after recovery: %d %s", r.status, r.body)
		}
	}

	// Phases run on t itself: the clients fail the test through it.
	wantBack(t)
	t.Log("stopped")
	proxy.Stop()
	wantUnavailable(t)
	proxy.Start()
	wantBack(t)
	t.Log("frozen")
	proxy.Freeze()
	wantUnavailable(t)
	proxy.Thaw()
	wantBack(t)
}
