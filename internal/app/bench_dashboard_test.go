package app

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"
)

// dashboardConnections is how many clients the dashboard's load and the
// direct run of its SQL each keep busy: the figure the issue asks for.
const dashboardConnections = 16

// dashboardRound is how long each load runs.
const dashboardRound = 20 * time.Second

// BenchmarkDashboard measures the regulators' dashboard at a synthetic
// year of 1,000,000 announcements (INTERMART_BENCH_DASHBOARD changes the
// number): 1,000,000 published, 980,000 awarded, 800,000 registered and
// 800,000 completed facts over 2025, generated in SQL into supervision's
// facts (the monthly summary follows through its triggers). For a year by
// region and for a period with partial months at both edges by item, it
// serves the dashboard over HTTP with 16 clients beside the same SQL
// statements (captured from one request) run directly over the pgx pool
// with 16 clients, and prints requests/s, p50 and p95 and their ratios.
func BenchmarkDashboard(b *testing.B) {
	total := 1_000_000
	if v := os.Getenv("INTERMART_BENCH_DASHBOARD"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1000 {
			b.Fatalf("INTERMART_BENCH_DASHBOARD=%q: want a number of announcements, at least 1000", v)
		}
		total = n
	}
	s := startServer(b)
	started := time.Now()
	generateFacts(b, s, total)
	fmt.Printf("generated the facts of %d announcements in %s; %d facts, %d monthly summary rows\n", total,
		time.Since(started).Round(time.Second), s.id("SELECT count(*) FROM supervision_facts"), s.id("SELECT count(*) FROM supervision_months"))
	reg := s.signIn("reg.zwfw")
	for _, path := range []string{
		"/api/v1/supervision/dashboard?from=2025-01-01&to=2025-12-31&by=region",
		"/api/v1/supervision/dashboard?from=2025-03-15&to=2025-11-20&by=item",
	} {
		statements := captureDashboardSQL(b, s, reg, path)
		if testing.Verbose() {
			for _, q := range statements {
				var plan []string
				if err := s.db.Bun.NewRaw("EXPLAIN (ANALYZE, BUFFERS) "+q).Scan(context.Background(), &plan); err != nil {
					b.Fatal(err)
				}
				fmt.Println(q + "\n" + strings.Join(plan, "\n"))
			}
		}
		appN, appLat := loadDashboard(b, reg, path)
		pgN, pgLat := loadStatements(b, s, statements)
		appRate, pgRate := float64(appN)/dashboardRound.Seconds(), float64(pgN)/dashboardRound.Seconds()
		fmt.Printf("dashboard %s (%d statements), %d clients:\n", strings.TrimPrefix(path, "/api/v1/supervision/dashboard"), len(statements), dashboardConnections)
		fmt.Printf("  app    %7.1f requests/s  p50 %s  p95 %s\n", appRate, ms(percentile(appLat, 50)), ms(percentile(appLat, 95)))
		fmt.Printf("  direct %7.1f runs/s      p50 %s  p95 %s\n", pgRate, ms(percentile(pgLat, 50)), ms(percentile(pgLat, 95)))
		fmt.Printf("  ratio app/direct: %.2f× throughput, p95 %.2f×\n", appRate/pgRate,
			float64(percentile(appLat, 95))/float64(percentile(pgLat, 95)))
		b.ReportMetric(float64(percentile(appLat, 95).Microseconds())/1000, "app-p95-ms")
	}
}

// generateFacts fills supervision_facts with a year of n announcements in
// 2025, evenly over its days: 200 owners each in one region with 5
// agencies and 8 service items, 98 % awarded (0.1 % of those direct
// selections without a price yet), 80 % with a contract registered and
// completed, 80 % of those on time. Batches of 250,000 rows.
func generateFacts(b *testing.B, s *testServer, n int) {
	b.Helper()
	ctx := context.Background()
	kinds := []struct {
		kind  string
		count int
	}{{"published", n}, {"awarded", n * 98 / 100}, {"registered", n * 80 / 100}, {"completed", n * 80 / 100}}
	const batch = 250_000
	for _, k := range kinds {
		for from := 1; from <= k.count; from += batch {
			to := min(k.count, from+batch-1)
			err := s.db.Bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
				if _, err := tx.ExecContext(ctx, "SET LOCAL statement_timeout = 0"); err != nil {
					return err
				}
				_, err := tx.NewRaw(`
					WITH items AS (SELECT array_agg(id ORDER BY id) AS ids FROM service_items),
					     regions AS (SELECT array_agg(code ORDER BY code) AS codes FROM regions)
					INSERT INTO supervision_facts (kind, subject_id, at, day, announcement_id, contract_id, code, title,
						region_code, owner_id, agency_id, item_id, method, ceiling_fen, deal_fen, on_time)
					SELECT ?0, g, date '2025-01-01' + g % 365 + time '02:00', date '2025-01-01' + g % 365, g,
						CASE WHEN ?0 IN ('registered', 'completed') THEN g END, 'BENCH-' || g, '基准测试公告 ' || g,
						regions.codes[1 + (g % 200) % cardinality(regions.codes)], 1000000 + g % 200,
						CASE WHEN ?0 <> 'published' THEN 2000000 + ((g % 200) * 7 + (g / 200) % 5) % 100 END,
						items.ids[1 + ((g % 200) + (g / 1000) % 8) % cardinality(items.ids)],
						(ARRAY['direct', 'random', 'lowest', 'comprehensive'])[1 + g % 4],
						100000 + (g % 1000) * 100,
						CASE WHEN ?0 = 'published' OR (?0 = 'awarded' AND g % 1000 = 4) THEN NULL ELSE 90000 + (g % 1000) * 90 END,
						CASE WHEN ?0 = 'completed' THEN g % 10 < 8 END
					FROM generate_series(?1::int, ?2::int) AS g, items, regions`, k.kind, from, to).Exec(ctx)
				return err
			})
			if err != nil {
				b.Fatalf("generate %s facts %d–%d: %v", k.kind, from, to, err)
			}
		}
	}
	if _, err := s.db.Bun.ExecContext(ctx, "VACUUM ANALYZE supervision_facts, supervision_months, supervision_month_keys, supervision_day_keys"); err != nil {
		b.Fatal(err)
	}
}

// captureDashboardSQL serves path once for c and returns the statements
// on supervision's tables it sent, with their arguments inlined.
func captureDashboardSQL(b *testing.B, s *testServer, c *client, path string) []string {
	b.Helper()
	var mu sync.Mutex
	var statements []string
	s.db.Bun.AddQueryHook(queryHook(func(_ context.Context, e *bun.QueryEvent) {
		if strings.Contains(e.Query, "supervision_") {
			mu.Lock()
			statements = append(statements, e.Query)
			mu.Unlock()
		}
	}))
	r := c.do("GET", path, nil)
	s.db.Bun.ResetQueryHooks()
	if r.status != http.StatusOK || !strings.Contains(r.body, `"published":`) {
		b.Fatalf("GET %s: %d %.300s", path, r.status, r.body)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(statements) == 0 {
		b.Fatalf("GET %s sent no SQL on supervision's tables", path)
	}
	return statements
}

// loadDashboard sends GET path from dashboardConnections clients sharing
// c's session, each the next as soon as the last is answered, for
// dashboardRound; it returns how many were answered and their latencies.
func loadDashboard(b *testing.B, c *client, path string) (int64, []time.Duration) {
	b.Helper()
	url := c.s.URL() + path
	return runClients(b, func() error {
		res, err := c.http.Get(url)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, res.Body)
		_ = res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %d", path, res.StatusCode)
		}
		return nil
	})
}

// loadStatements runs the statements one after the other over the pgx
// pool from dashboardConnections clients for dashboardRound.
func loadStatements(b *testing.B, s *testServer, statements []string) (int64, []time.Duration) {
	b.Helper()
	ctx := context.Background()
	return runClients(b, func() error {
		for _, q := range statements {
			rows, err := s.db.Pool.Query(ctx, q)
			if err != nil {
				return err
			}
			for rows.Next() {
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
}

// runClients calls do from dashboardConnections goroutines for
// dashboardRound and returns the calls completed and their latencies.
func runClients(b *testing.B, do func() error) (int64, []time.Duration) {
	b.Helper()
	var mu sync.Mutex
	var all []time.Duration
	var failed error
	deadline := time.Now().Add(dashboardRound)
	var wg sync.WaitGroup
	for range dashboardConnections {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			for time.Now().Before(deadline) {
				t0 := time.Now()
				if err := do(); err != nil {
					mu.Lock()
					failed = err
					mu.Unlock()
					return
				}
				lat = append(lat, time.Since(t0))
			}
			mu.Lock()
			all = append(all, lat...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if failed != nil {
		b.Fatal(failed)
	}
	return int64(len(all)), all
}

type queryHook func(context.Context, *bun.QueryEvent)

func (queryHook) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }
func (h queryHook) AfterQuery(ctx context.Context, e *bun.QueryEvent)                { h(ctx, e) }
