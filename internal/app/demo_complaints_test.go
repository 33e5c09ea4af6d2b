package app

import (
	"context"
	"database/sql"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"intermart/internal/db/dbtest"
	"intermart/internal/objects/objtest"
)

// TestDemoComplaints seeds the demo with its year, twice: the demo's
// complaints are there once each, one in each state, and the decided two
// are published.
func TestDemoComplaints(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("seeds the demo's year")
	}
	url := dbtest.URL(t)
	s3 := objtest.Config(t)
	env := map[string]string{
		"INTERMART_DATABASE_URL":  url,
		"INTERMART_S3_ENDPOINT":   s3.Endpoint,
		"INTERMART_S3_ACCESS_KEY": s3.AccessKey,
		"INTERMART_S3_SECRET_KEY": s3.SecretKey,
		"INTERMART_S3_BUCKET":     s3.Bucket,
		"INTERMART_LOG_LEVEL":     "error",
		"INTERMART_SEAL_KEY":      testSealKey,
	}
	for range 2 {
		if out, err := runCLI(t, env, "seed", "--demo"); err != nil {
			t.Fatalf("seed: %v\n%s", err, out)
		}
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got := map[string]int{}
	rows, err := db.QueryContext(context.Background(), `SELECT status, count(*), sum((SELECT count(*) FROM complaint_messages m WHERE m.complaint_id = c.id))
		FROM complaints c WHERE target_kind = 'contract' GROUP BY status`)
	if err != nil {
		t.Fatal(err)
	}
	messages := map[string]int{}
	for rows.Next() {
		var status string
		var n, m int
		if err := rows.Scan(&status, &n, &m); err != nil {
			t.Fatal(err)
		}
		got[status], messages[status] = n, m
	}
	rows.Close()
	want := map[string]int{"filed": 1, "accepted": 1, "dismissed": 1, "upheld": 1}
	if len(got) != len(want) {
		t.Fatalf("demo complaints by state: %v, want %v", got, want)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("demo complaints %s: %d, want %d (all: %v)", k, got[k], n, got)
		}
	}
	if messages["accepted"] < 2 {
		t.Errorf("the accepted demo complaint has %d messages, want its thread", messages["accepted"])
	}
	var published int
	if err := db.QueryRow(`SELECT count(*) FROM complaints WHERE status IN ('upheld', 'dismissed') AND summary <> '' AND decided_at IS NOT NULL`).Scan(&published); err != nil {
		t.Fatal(err)
	}
	if published != 2 {
		t.Errorf("%d decided demo complaints with a published summary, want 2", published)
	}
}
