// Package objtest gives each test its own bucket on the real MinIO server
// named by INTERMART_TEST_S3_* (skipped without it unless
// INTERMART_TEST_REQUIRE=1).
package objtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"os"
	"testing"
	"time"

	"intermart/internal/objects"
)

// Config returns the MinIO settings for a fresh bucket.
func Config(tb testing.TB) objects.Config {
	tb.Helper()
	endpoint := os.Getenv("INTERMART_TEST_S3_ENDPOINT")
	if endpoint == "" {
		if os.Getenv("INTERMART_TEST_REQUIRE") == "1" {
			tb.Fatal("INTERMART_TEST_S3_ENDPOINT is not set")
		}
		tb.Skip("INTERMART_TEST_S3_ENDPOINT not set; run make test")
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return objects.Config{
		Endpoint:  endpoint,
		AccessKey: os.Getenv("INTERMART_TEST_S3_ACCESS_KEY"),
		SecretKey: os.Getenv("INTERMART_TEST_S3_SECRET_KEY"),
		Bucket:    "intermart-test-" + hex.EncodeToString(b),
	}
}

// New opens a store on a fresh bucket.
func New(tb testing.TB) *objects.Store {
	tb.Helper()
	s, err := objects.Open(context.Background(), Config(tb), 10*time.Second, slog.New(slog.DiscardHandler))
	if err != nil {
		tb.Fatalf("open test bucket: %v", err)
	}
	return s
}
