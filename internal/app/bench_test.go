package app

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"intermart/internal/config"
)

// benchConnections is how many connections the HTTP load and pgbench each
// keep busy: the figure of the measurement in the issue that asked for this
// comparison (wrk -c 32).
const benchConnections = 32

// directoryPath is the public directory's first page, as the browser asks for it.
const directoryPath = "/api/v1/directory/agencies?page=1&pageSize=20"

// A round runs pgbench, then the server, for benchRound each; an iteration
// of the benchmark is benchRounds rounds (-benchtime 2x makes twice as many).
const (
	benchRound  = 3 * time.Second
	benchRounds = 3
)

// BenchmarkDirectory compares the directory's first page served by the
// whole server (HTTP, middleware, sessions, authorization, service, JSON) to
// pgbench running the very SQL that request sends, prepared, with the same
// number of connections, in the same run. Wall-clock figures on a shared
// machine mean little; the share of the time that is the query does. The
// rounds alternate pgbench and the server, so load from elsewhere falls on
// both alike; x_pgbench is the server's requests/s over pgbench's
// transactions/s, over all rounds.
func BenchmarkDirectory(b *testing.B) {
	pgbench := pgbenchPath(b)
	// Logged like production: one JSON line per request at info level. The
	// pool is the default one unless INTERMART_DB_MAX_CONNS says otherwise.
	env := map[string]string{"INTERMART_DB_MAX_CONNS": os.Getenv("INTERMART_DB_MAX_CONNS")}
	s := startServerWith(b, env, newLogger(config.Config{LogLevel: "info"}, io.Discard), nil)
	// Planner statistics, as autovacuum keeps them on a database in use.
	if _, err := s.db.Bun.ExecContext(context.Background(), "ANALYZE"); err != nil {
		b.Fatal(err)
	}
	statements := captureSQL(b, s, directoryPath)
	script := writePgbenchScript(b, statements)

	var pgTx, appRequests float64
	var pgTime, appTime, pgCPU, loadCPU, serverCPU time.Duration
	rounds := 0
	for b.Loop() {
		for range benchRounds {
			tps, cpu := runPgbench(b, pgbench, s.cfg.DatabaseURL, script)
			pgTx += tps * benchRound.Seconds()
			pgTime += benchRound
			pgCPU += cpu
			before := processCPU()
			n, elapsed, cpu := loadHTTP(b, s.ln.Addr().String(), directoryPath)
			serverCPU += processCPU() - before
			appRequests += float64(n)
			appTime += elapsed
			loadCPU += cpu
			rounds++
		}
	}
	pgRate, appRate := pgTx/pgTime.Seconds(), appRequests/appTime.Seconds()
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(pgRate, "pgbench_tx/s")
	b.ReportMetric(appRate, "server_req/s")
	b.ReportMetric(appRate/pgRate, "x_pgbench")
	fmt.Printf("directory first page: server %.0f requests/s, pgbench %.0f transactions/s "+
		"(the same %d SQL statement(s), prepared; %d connections each; %d rounds of %s): %.2f×\n",
		appRate, pgRate, len(statements), benchConnections, rounds, benchRound, appRate/pgRate)
	fmt.Printf("  the clients' own CPU: load generator %.0f µs a request, pgbench %.0f µs a transaction\n",
		float64(loadCPU.Microseconds())/appRequests, float64(pgCPU.Microseconds())/pgTx)
	if serverCPU > 0 {
		fmt.Printf("  the server's CPU (without PostgreSQL): %.0f µs a request\n", float64(serverCPU.Microseconds())/appRequests)
	}
}

// processCPU is the CPU time this process has used, where the system says
// (bench_linux_test.go), or 0.
var processCPU = func() time.Duration { return 0 }

// postgresCPU is the CPU time all PostgreSQL processes have used, where the
// system says (bench_linux_test.go), or 0.
var postgresCPU = func() time.Duration { return 0 }

// captureSQL serves one request for path and returns the SQL statements it
// sent to PostgreSQL, in order, with their arguments, whether through bun
// or the pgx pool. The request carries a marker in its context so queries
// of background jobs running meanwhile are not counted.
func captureSQL(b *testing.B, s *testServer, path string) []sentStatement {
	b.Helper()
	type marker struct{}
	var mu sync.Mutex
	var statements []sentStatement
	remove := s.db.OnQuery(func(ctx context.Context, sql string, args []any) {
		if ctx.Value(marker{}) != nil {
			mu.Lock()
			statements = append(statements, sentStatement{sql, slices.Clone(args)})
			mu.Unlock()
		}
	})
	defer remove()
	req := httptest.NewRequestWithContext(context.WithValue(context.Background(), marker{}, true), http.MethodGet, path, nil)
	req.RemoteAddr = "127.0.0.1:40000"
	rec := httptest.NewRecorder()
	s.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
	}
	var page struct{ Items []json.RawMessage }
	if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || len(page.Items) != 20 {
		b.Fatalf("GET %s: %d items, want a full page of 20 (%v)", path, len(page.Items), err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(statements) == 0 {
		b.Fatalf("GET %s sent no SQL", path)
	}
	return slices.Clone(statements)
}

// sentStatement is a statement as the server sent it: its text, with $1 …
// for its arguments.
type sentStatement struct {
	sql  string
	args []any
}

// loadHTTP runs the load generator for benchRound in a process of its own,
// as wrk would be, so that it does not take the server's processors, and
// returns how many requests were answered in how long, and the CPU time the
// load generator used.
func loadHTTP(b *testing.B, addr, path string) (n int64, elapsed, cpu time.Duration) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestLoadGenerator$", "-test.count=1")
	cmd.Env = append(os.Environ(), loadGeneratorEnv+"="+addr+" "+path+" "+benchRound.String())
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("load generator: %v\n%s", err, out)
	}
	for line := range strings.Lines(string(out)) {
		if _, err := fmt.Sscanf(line, "load: %d requests in %d ns", &n, &elapsed); err == nil {
			return n, elapsed, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		}
	}
	b.Fatalf("load generator printed no result:\n%s", out)
	return 0, 0, 0
}

// loadGeneratorEnv tells the test binary to act as BenchmarkDirectory's load
// generator: "ADDR PATH DURATION".
const loadGeneratorEnv = "INTERMART_BENCH_LOAD"

// TestLoadGenerator is BenchmarkDirectory's load generator, run as its
// child process; on its own it does nothing.
func TestLoadGenerator(t *testing.T) {
	var addr, path, duration string
	if _, err := fmt.Sscan(os.Getenv(loadGeneratorEnv), &addr, &path, &duration); err != nil {
		t.Skip("runs only as the load generator of BenchmarkDirectory")
	}
	d, err := time.ParseDuration(duration)
	if err != nil {
		t.Fatal(err)
	}
	n, elapsed, err := loadHTTPFunc(addr, path, d)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("load: %d requests in %d ns\n", n, elapsed)
}

// loadHTTPFunc is the load generator's loop: httpLoad, or on Linux the
// leaner epollLoad.
var loadHTTPFunc = httpLoad

// httpLoad sends GET requests for path to addr (a loopback address) over
// benchConnections keep-alive connections for d. The client is a bare
// HTTP/1.1 loop, like wrk, so it costs as little CPU as it can.
func httpLoad(addr, path string, d time.Duration) (int64, time.Duration, error) {
	if host, _, err := net.SplitHostPort(addr); err != nil || !net.ParseIP(host).IsLoopback() {
		return 0, 0, fmt.Errorf("load only a loopback address, not %q", addr)
	}
	request := []byte("GET " + path + " HTTP/1.1\r\nHost: " + addr + "\r\nAccept: application/json\r\nUser-Agent: intermart-bench\r\n\r\n")
	conns := make([]net.Conn, benchConnections)
	for i := range conns {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return 0, 0, err
		}
		defer c.Close()
		conns[i] = c
	}
	var done atomic.Int64
	var failed atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	stop := start.Add(d)
	for _, c := range conns {
		wg.Go(func() {
			rd := bufio.NewReaderSize(c, 16<<10)
			for time.Now().Before(stop) {
				if _, err := c.Write(request); err != nil {
					failed.CompareAndSwap(nil, err)
					return
				}
				if err := readOK(rd); err != nil {
					failed.CompareAndSwap(nil, fmt.Errorf("GET %s: %w", path, err))
					return
				}
				done.Add(1)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err, _ := failed.Load().(error); err != nil {
		return 0, 0, err
	}
	return done.Load(), elapsed, nil
}

// readOK reads one HTTP/1.1 response and discards it, failing unless it is
// 200 OK. It reads only what it needs to find the body's end (Content-Length
// or chunks), without allocating, so the load costs little CPU, as wrk's does.
func readOK(rd *bufio.Reader) error {
	line, err := rd.ReadSlice('\n')
	if err != nil {
		return err
	}
	if !bytes.HasPrefix(line, []byte("HTTP/1.1 200 ")) {
		return fmt.Errorf("response %q", bytes.TrimSpace(line))
	}
	length, chunked := -1, false
	for {
		line, err = rd.ReadSlice('\n')
		if err != nil {
			return err
		}
		if len(bytes.TrimSpace(line)) == 0 {
			break
		}
		name, value, _ := bytes.Cut(line, []byte(":"))
		value = bytes.TrimSpace(value)
		switch {
		case asciiEqual(name, "Content-Length"):
			if length, err = strconv.Atoi(string(value)); err != nil {
				return err
			}
		case asciiEqual(name, "Transfer-Encoding"):
			chunked = asciiEqual(value, "chunked")
		}
	}
	if !chunked {
		if length < 0 {
			return errors.New("response without Content-Length or chunks")
		}
		_, err = rd.Discard(length)
		return err
	}
	for {
		line, err = rd.ReadSlice('\n')
		if err != nil {
			return err
		}
		size, err := strconv.ParseInt(string(bytes.TrimSpace(line)), 16, 64)
		if err != nil {
			return err
		}
		if _, err := rd.Discard(int(size) + 2); err != nil { // the chunk and its CRLF
			return err
		}
		if size == 0 {
			return nil
		}
	}
}

func asciiEqual(b []byte, s string) bool { return strings.EqualFold(string(b), s) }

// writePgbenchScript writes the statements as one pgbench transaction and
// returns the pgbench arguments that run it.
func writePgbenchScript(b *testing.B, statements []sentStatement) []string {
	script, vars := pgbenchScript(statements)
	file := filepath.Join(b.TempDir(), "directory.sql")
	if err := os.WriteFile(file, []byte(script), 0o644); err != nil {
		b.Fatal(err)
	}
	args := []string{"--file=" + file}
	for _, v := range vars {
		args = append(args, "--define="+v)
	}
	return args
}

// runPgbench runs the script prepared over benchConnections clients for
// benchRound and returns pgbench's transactions per second (without
// connection set-up) and the CPU time pgbench itself used.
func runPgbench(b *testing.B, pgbench, dbURL string, script []string) (tps float64, cpu time.Duration) {
	args := append([]string{"--no-vacuum", "--protocol=prepared", "--client=" + strconv.Itoa(benchConnections),
		"--jobs=" + strconv.Itoa(min(runtime.GOMAXPROCS(0), benchConnections)),
		"--time=" + strconv.Itoa(int(benchRound.Seconds()))}, script...)
	cmd := exec.Command(pgbench, append(args, dbURL)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("pgbench: %v\n%s", err, out)
	}
	m := pgbenchTPS.FindSubmatch(out)
	if m == nil {
		b.Fatalf("pgbench printed no rate:\n%s", out)
	}
	tps, err = strconv.ParseFloat(string(m[1]), 64)
	if err != nil || tps <= 0 {
		b.Fatalf("pgbench rate %q: %v", m[1], err)
	}
	return tps, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

var pgbenchTPS = regexp.MustCompile(`tps = ([0-9.]+) \(without initial connection time\)`)

// pgbenchScript turns statements into a pgbench script. pgbench reads
// ":name" as a variable even inside quotes, so a string literal holding a
// colon (a timestamp) becomes a variable defined on the command line. An
// argument ($1 …) becomes a variable too, which pgbench's prepared
// protocol sends as a parameter, as the server did.
func pgbenchScript(statements []sentStatement) (script string, vars []string) {
	var sb strings.Builder
	for n, st := range statements {
		text := st.sql
		for i := len(st.args); i >= 1; i-- { // $12 before $1
			name := fmt.Sprintf("arg%d_%d", n, i)
			text = strings.ReplaceAll(text, "$"+strconv.Itoa(i), ":"+name)
			v := st.args[i-1]
			if t, ok := v.(time.Time); ok {
				v = t.UTC().Format(time.RFC3339Nano)
			}
			vars = append(vars, fmt.Sprintf("%s=%v", name, v))
		}
		var out strings.Builder
		for i := 0; i < len(text); i++ {
			if text[i] != '\'' {
				out.WriteByte(text[i])
				continue
			}
			j := i + 1
			for j < len(text) && (text[j] != '\'' || (j+1 < len(text) && text[j+1] == '\'')) {
				if text[j] == '\'' {
					j++
				}
				j++
			}
			literal := text[i : j+1]
			if strings.Contains(literal, ":") && !strings.Contains(literal, "''") {
				name := "lit" + strconv.Itoa(len(vars))
				vars = append(vars, name+"="+literal[1:len(literal)-1])
				out.WriteString(":" + name)
			} else {
				out.WriteString(literal)
			}
			i = j
		}
		sb.WriteString(strings.TrimRight(strings.TrimSpace(out.String()), ";"))
		sb.WriteString(";\n")
	}
	return sb.String(), vars
}

// pgbenchPath finds pgbench: INTERMART_PGBENCH, the PATH, then Debian's
// PostgreSQL directories.
func pgbenchPath(b *testing.B) string {
	if p := os.Getenv("INTERMART_PGBENCH"); p != "" {
		return p
	}
	if p, err := exec.LookPath("pgbench"); err == nil {
		return p
	}
	if found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pgbench"); len(found) > 0 {
		return found[len(found)-1]
	}
	if os.Getenv("INTERMART_TEST_REQUIRE") == "1" {
		b.Fatal("pgbench not found (Debian's postgresql package installs it)")
	}
	b.Skip("pgbench not found")
	return ""
}
