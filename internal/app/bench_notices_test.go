package app

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/config"
	"intermart/internal/procurement"
)

// noticeConnections is how many connections the notice list's load and
// pgbench each keep busy: the figure the issue asks for.
const noticeConnections = 64

// noticePages is the page of the notice list compared with the first: the
// last one at a million announcements and 20 a page.
const noticePages = 50_000

// BenchmarkNotices measures the public notice list at a million published
// announcements (INTERMART_BENCH_NOTICES changes the number), generated in
// SQL: (a) the first page served by the whole server beside pgbench running
// the same SQL, prepared, each over 64 connections, with requests/s and the
// 50th and 99th percentile latencies; (b) page 50,000 (reached by its
// cursor, keyset paging) beside page 1. Rounds alternate pgbench and the
// server, so load from elsewhere falls on both alike.
func BenchmarkNotices(b *testing.B) {
	pgbench := pgbenchPath(b)
	total := 1_000_000
	if v := os.Getenv("INTERMART_BENCH_NOTICES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 40 {
			b.Fatalf("INTERMART_BENCH_NOTICES=%q: want a number of announcements, at least 40", v)
		}
		total = n
	}
	env := map[string]string{"INTERMART_DB_MAX_CONNS": os.Getenv("INTERMART_DB_MAX_CONNS")}
	s := startServerWith(b, env, newLogger(config.Config{LogLevel: "info"}, io.Discard), nil)
	started := time.Now()
	generateNotices(b, s, total)
	fmt.Printf("generated %d announcements in %s\n", total, time.Since(started).Round(time.Second))

	page := min(noticePages, total/20)
	var at time.Time
	var id int64
	err := s.db.Bun.NewRaw(`SELECT published_at, id FROM announcements WHERE status <> 'draft'
		ORDER BY published_at DESC, id DESC OFFSET ? LIMIT 1`, (page-1)*20-1).Scan(context.Background(), &at, &id)
	if err != nil {
		b.Fatal(err)
	}
	paths := []struct{ name, path string }{
		{"page 1", "/api/v1/notices?limit=20"},
		{fmt.Sprintf("page %d", page), "/api/v1/notices?limit=20&cursor=" + procurement.NoticeCursor(at, id)},
	}
	type result struct {
		appRate, pgRate       float64
		appP50, appP99        time.Duration
		pgP50, pgP99          time.Duration
		appLatency, pgLatency []time.Duration
		appRequests, pgTx     float64
		appTime, pgTime       time.Duration
		statements            int
		// CPU time of each side: the server, its load generator and
		// PostgreSQL; pgbench and PostgreSQL.
		serverCPU, loadCPU, appPostgresCPU time.Duration
		pgbenchCPU, pgbenchPostgresCPU     time.Duration
	}
	results := make([]result, len(paths))
	scripts := make([][]string, len(paths))
	for i, p := range paths {
		statements := captureSQL(b, s, p.path)
		results[i].statements = len(statements)
		scripts[i] = writePgbenchScript(b, statements)
	}
	for b.Loop() {
		for range benchRounds {
			for i, p := range paths {
				r := &results[i]
				pg := postgresCPU()
				tps, lat, cpu := runPgbenchLatency(b, pgbench, s.cfg.DatabaseURL, scripts[i])
				r.pgbenchPostgresCPU += postgresCPU() - pg
				r.pgbenchCPU += cpu
				r.pgTx += tps * benchRound.Seconds()
				r.pgTime += benchRound
				r.pgLatency = append(r.pgLatency, lat...)
				pg, server := postgresCPU(), processCPU()
				n, elapsed, lat, cpu := loadNotices(b, s.ln.Addr().String(), p.path)
				r.serverCPU += processCPU() - server
				r.appPostgresCPU += postgresCPU() - pg
				r.loadCPU += cpu
				r.appRequests += float64(n)
				r.appTime += elapsed
				r.appLatency = append(r.appLatency, lat...)
			}
		}
	}
	for i, p := range paths {
		r := &results[i]
		r.appRate, r.pgRate = r.appRequests/r.appTime.Seconds(), r.pgTx/r.pgTime.Seconds()
		r.appP50, r.appP99 = percentile(r.appLatency, 50), percentile(r.appLatency, 99)
		r.pgP50, r.pgP99 = percentile(r.pgLatency, 50), percentile(r.pgLatency, 99)
		fmt.Printf("notices %s: server %.0f requests/s (p50 %s, p99 %s), pgbench %.0f transactions/s (p50 %s, p99 %s) "+
			"— the same %d SQL statement(s), prepared, %d connections each: %.2f×\n",
			p.name, r.appRate, ms(r.appP50), ms(r.appP99), r.pgRate, ms(r.pgP50), ms(r.pgP99),
			r.statements, noticeConnections, r.appRate/r.pgRate)
		if r.serverCPU > 0 {
			per := func(d time.Duration, n float64) string { return fmt.Sprintf("%.0f µs", float64(d.Microseconds())/n) }
			fmt.Printf("notices %s, CPU a request: server %s, load generator %s, PostgreSQL %s; "+
				"a transaction of pgbench: pgbench %s, PostgreSQL %s\n", p.name,
				per(r.serverCPU, r.appRequests), per(r.loadCPU, r.appRequests), per(r.appPostgresCPU, r.appRequests),
				per(r.pgbenchCPU, r.pgTx), per(r.pgbenchPostgresCPU, r.pgTx))
		}
	}
	bareNotices(b, s)
	first, far := results[0], results[1]
	fmt.Printf("notices %s beside page 1: server p50 %.2f×, p99 %.2f×, requests/s %.2f× of page 1's\n",
		paths[1].name, float64(far.appP50)/float64(first.appP50), float64(far.appP99)/float64(first.appP99), far.appRate/first.appRate)
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(first.appRate, "page1_req/s")
	b.ReportMetric(first.appRate/first.pgRate, "x_pgbench")
	b.ReportMetric(float64(first.appP99.Microseconds())/1000, "page1_p99_ms")
	b.ReportMetric(float64(far.appP50)/float64(first.appP50), "far_p50_x")
}

// bareNotices serves the first page from a bare net/http handler calling
// the same procurement.Notices and encoder, without chi, huma, the
// middleware or Casbin, and prints its rate and the CPU a request costs:
// what Go's HTTP server and pgx alone cost on this machine, the floor under
// the whole server's figure.
func bareNotices(b *testing.B, s *testServer) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	svc := s.caps.procurement
	bare := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page, err := svc.Notices(r.Context(), procurement.NoticeFilter{Limit: 20})
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		body := []byte(`{"items":[`)
		for i := range page.Items {
			if i > 0 {
				body = append(body, ',')
			}
			body = page.Items[i].AppendJSON(body)
		}
		body = append(body, `],"next":`...)
		body = append(strconv.AppendQuote(body, page.Next), "}\n"...)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = w.Write(body)
	}), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = bare.Serve(ln) }()
	defer bare.Close()
	var requests float64
	var elapsed, serverCPU, loadCPU, pgCPU time.Duration
	var latency []time.Duration
	for range benchRounds {
		pg, server := postgresCPU(), processCPU()
		n, d, lat, cpu := loadNotices(b, ln.Addr().String(), "/api/v1/notices?limit=20")
		serverCPU += processCPU() - server
		pgCPU += postgresCPU() - pg
		loadCPU += cpu
		requests += float64(n)
		elapsed += d
		latency = append(latency, lat...)
	}
	fmt.Printf("notices page 1 from a bare net/http handler (no chi, huma, middleware): %.0f requests/s (p99 %s)",
		requests/elapsed.Seconds(), ms(percentile(latency, 99)))
	if serverCPU > 0 {
		fmt.Printf("; CPU a request: server %.0f µs, load generator %.0f µs, PostgreSQL %.0f µs",
			float64(serverCPU.Microseconds())/requests, float64(loadCPU.Microseconds())/requests, float64(pgCPU.Microseconds())/requests)
	}
	fmt.Println()
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// percentile is the p-th percentile of the latencies (sorted in place).
func percentile(lat []time.Duration, p int) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	slices.Sort(lat)
	return lat[min(len(lat)-1, len(lat)*p/100)]
}

// generateNotices publishes n announcements of one project of the demo owner,
// spread over items, regions, methods and states and published five minutes
// apart from 2016 on, in batches of 100,000 rows, each its own transaction.
// The open ones close in 2100, so that the deadline sweeper leaves them
// alone while the benchmark runs.
func generateNotices(b *testing.B, s *testServer, n int) {
	b.Helper()
	ctx := context.Background()
	org := s.id("SELECT organisation_id FROM users WHERE username = 'owner'")
	user := s.id("SELECT id FROM users WHERE username = 'owner'")
	project := s.id(`INSERT INTO projects (owner_id, code, name, region_code, total_investment_fen, stage)
		VALUES (?, '2016-532901-48-01-999999', '基准测试项目', '532901', 1, 'design') RETURNING id`, org)
	service := s.id("INSERT INTO project_services (project_id, item_id) SELECT ?, min(id) FROM service_items RETURNING id", project)
	const batch = 100_000
	for from := 1; from <= n; from += batch {
		to := min(n, from+batch-1)
		err := s.db.Bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if _, err := tx.ExecContext(ctx, "SET LOCAL statement_timeout = 0"); err != nil {
				return err
			}
			_, err := tx.NewRaw(`
				WITH items AS (SELECT array_agg(id ORDER BY id) AS ids FROM service_items),
				     regions AS (SELECT array_agg(code ORDER BY code) AS codes FROM regions),
				     words AS (SELECT ARRAY['建设项目环境影响评价', '水土保持方案编制', '可行性研究报告编制', '地质灾害危险性评估',
				         '工程造价咨询', '土地勘测定界', '节能评估报告', '社会稳定风险评估', '房产测绘', '林地可行性报告'] AS titles)
				INSERT INTO announcements (owner_id, project_id, project_service_id, item_id, region_code, code, ocid, title, description,
					ceiling_fen, stated_price_fen, method, weight_price, weight_credit, weight_rating, service_workdays,
					registration_deadline, status, draw_commitment, published_at, registrant_count, created_by)
				SELECT ?, ?, ?, items.ids[1 + g % cardinality(items.ids)], regions.codes[1 + g % cardinality(regions.codes)],
					'BENCH-' || g, 'ocds-bench-' || g,
					'大理州第' || g || '号项目' || words.titles[1 + g % 10], '基准测试公告：' || words.titles[1 + (g / 10) % 10],
					100000 + (g % 1000) * 100, 100000, (ARRAY['direct', 'random', 'lowest', 'comprehensive'])[1 + g % 4], 50, 30, 20, 10,
					CASE WHEN g % 7 = 6 THEN timestamptz '2100-01-01 00:00Z'
						ELSE timestamptz '2016-01-01 00:00Z' + g * interval '5 minutes' + interval '10 days' END,
					(ARRAY['awarded', 'awarded', 'awarded', 'failed', 'closed', 'in_publicity', 'open'])[1 + g % 7],
					'\x01'::bytea, timestamptz '2016-01-01 00:00Z' + g * interval '5 minutes', g % 9, ?
				FROM generate_series(?::int, ?::int) AS g, items, regions, words`,
				org, project, service, user, from, to).Exec(ctx)
			return err
		})
		if err != nil {
			b.Fatalf("generate announcements %d–%d: %v", from, to, err)
		}
	}
	if _, err := s.db.Bun.ExecContext(ctx, "ANALYZE"); err != nil {
		b.Fatal(err)
	}
}

// runPgbenchLatency runs the script prepared over noticeConnections clients
// for benchRound, logging every transaction, and returns pgbench's
// transactions per second and each transaction's latency.
func runPgbenchLatency(b *testing.B, pgbench, dbURL string, script []string) (float64, []time.Duration, time.Duration) {
	dir := b.TempDir()
	args := append([]string{"--no-vacuum", "--protocol=prepared", "--client=" + strconv.Itoa(noticeConnections),
		"--jobs=" + strconv.Itoa(min(4, noticeConnections)), "--time=" + strconv.Itoa(int(benchRound.Seconds())),
		"--log", "--log-prefix=" + filepath.Join(dir, "tx")}, script...)
	cmd := exec.Command(pgbench, append(args, dbURL)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("pgbench: %v\n%s", err, out)
	}
	m := pgbenchTPS.FindSubmatch(out)
	if m == nil {
		b.Fatalf("pgbench printed no rate:\n%s", out)
	}
	tps, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil || tps <= 0 {
		b.Fatalf("pgbench rate %q: %v", m[1], err)
	}
	logs, _ := filepath.Glob(filepath.Join(dir, "tx.*"))
	var lat []time.Duration
	for _, name := range logs {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			// client_id transaction_no time_µs script_no time_epoch time_us
			fields := strings.Fields(sc.Text())
			if len(fields) >= 3 {
				if us, err := strconv.ParseInt(fields[2], 10, 64); err == nil {
					lat = append(lat, time.Duration(us)*time.Microsecond)
				}
			}
		}
		_ = f.Close()
	}
	if len(lat) == 0 {
		b.Fatalf("pgbench logged no transactions in %s", dir)
	}
	return tps, lat, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// noticeLoadEnv tells the test binary to act as BenchmarkNotices' load
// generator: "ADDR PATH DURATION".
const noticeLoadEnv = "INTERMART_BENCH_NOTICE_LOAD"

// loadNotices runs TestNoticeLoadGenerator for benchRound in a process of
// its own and returns how many requests were answered in how long, with the
// latency of each, and the CPU time the load generator used.
func loadNotices(b *testing.B, addr, path string) (int64, time.Duration, []time.Duration, time.Duration) {
	out := filepath.Join(b.TempDir(), "latencies")
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoticeLoadGenerator$", "-test.count=1")
	cmd.Env = append(os.Environ(), noticeLoadEnv+"="+addr+" "+path+" "+benchRound.String()+" "+out)
	text, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("load generator: %v\n%s", err, text)
	}
	var n int64
	var elapsed time.Duration
	for line := range strings.Lines(string(text)) {
		if _, err := fmt.Sscanf(line, "load: %d requests in %d ns", &n, &elapsed); err == nil {
			break
		}
	}
	if n == 0 {
		b.Fatalf("load generator printed no result:\n%s", text)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, n)
	for _, f := range strings.Fields(string(raw)) {
		v, _ := strconv.ParseInt(f, 10, 64)
		lat = append(lat, time.Duration(v))
	}
	return n, elapsed, lat, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// TestNoticeLoadGenerator is BenchmarkNotices' load generator, run as its
// child process: noticeConnections keep-alive connections each sending the
// next GET as soon as the last is answered, every latency written to a
// file. On its own it does nothing.
func TestNoticeLoadGenerator(t *testing.T) {
	var addr, path, duration, out string
	if _, err := fmt.Sscan(os.Getenv(noticeLoadEnv), &addr, &path, &duration, &out); err != nil {
		t.Skip("runs only as the load generator of BenchmarkNotices")
	}
	d, err := time.ParseDuration(duration)
	if err != nil {
		t.Fatal(err)
	}
	if host, _, err := net.SplitHostPort(addr); err != nil || !net.ParseIP(host).IsLoopback() {
		t.Fatalf("load only a loopback address, not %q", addr)
	}
	var all []time.Duration
	var n int64
	var elapsed time.Duration
	if latencyLoadFunc != nil {
		if n, elapsed, err = latencyLoadFunc(addr, path, noticeConnections, d, &all); err != nil {
			t.Fatal(err)
		}
	} else {
		n, elapsed, all = goroutineLoad(t, addr, path, d)
	}
	var sb strings.Builder
	for _, l := range all {
		sb.WriteString(strconv.FormatInt(int64(l), 10))
		sb.WriteByte('\n')
	}
	if err := os.WriteFile(out, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	fmt.Printf("load: %d requests in %d ns\n", n, elapsed)
}

// latencyLoadFunc is the notice list's load generator with latencies where
// there is a leaner one than goroutineLoad (epoll, on Linux).
var latencyLoadFunc func(addr, path string, connections int, d time.Duration, lat *[]time.Duration) (int64, time.Duration, error)

// goroutineLoad is the load generator elsewhere: noticeConnections
// keep-alive connections, a goroutine each, sending the next GET as soon as
// the last is answered.
func goroutineLoad(t *testing.T, addr, path string, d time.Duration) (int64, time.Duration, []time.Duration) {
	request := []byte("GET " + path + " HTTP/1.1\r\nHost: " + addr + "\r\nAccept: application/json\r\nUser-Agent: intermart-bench\r\n\r\n")
	var mu sync.Mutex
	var all []time.Duration
	var failed error
	var wg sync.WaitGroup
	start := time.Now()
	stop := start.Add(d)
	for range noticeConnections {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		wg.Go(func() {
			rd := bufio.NewReaderSize(c, 64<<10)
			var lat []time.Duration
			for {
				sent := time.Now()
				if sent.After(stop) {
					break
				}
				if _, err := c.Write(request); err != nil {
					mu.Lock()
					failed = err
					mu.Unlock()
					return
				}
				if err := readOK(rd); err != nil {
					mu.Lock()
					failed = fmt.Errorf("GET %s: %w", path, err)
					mu.Unlock()
					return
				}
				lat = append(lat, time.Since(sent))
			}
			mu.Lock()
			all = append(all, lat...)
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if failed != nil {
		t.Fatal(failed)
	}
	return int64(len(all)), elapsed, all
}
