package objects_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"intermart/internal/objects"
	"intermart/internal/objects/objtest"
)

func TestPutGet(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := objtest.New(t)
	body := bytes.Repeat([]byte("大理州中介服务超市 deliverable\n"), 10_000)
	sum := sha256.Sum256(body)
	want := hex.EncodeToString(sum[:])

	t.Run("OK", func(t *testing.T) {
		stored, err := store.Put(ctx, "tests/report.txt", bytes.NewReader(body), int64(len(body)), "text/plain")
		if err != nil {
			t.Fatal(err)
		}
		if stored.SHA256 != want {
			t.Fatalf("stored SHA-256 = %s, want %s", stored.SHA256, want)
		}
		if stored.VersionID == "" {
			t.Fatal("no version ID: bucket is not versioned")
		}
		r, err := store.Get(ctx, stored.Key, stored.VersionID)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		gotSum := sha256.Sum256(got)
		if hex.EncodeToString(gotSum[:]) != stored.SHA256 {
			t.Fatal("read-back SHA-256 differs from the stored one")
		}
	})

	t.Run("VersionsKept", func(t *testing.T) {
		first, err := store.Put(ctx, "tests/v.txt", strings.NewReader("one"), 3, "text/plain")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.Put(ctx, "tests/v.txt", strings.NewReader("two"), 3, "text/plain"); err != nil {
			t.Fatal(err)
		}
		r, err := store.Get(ctx, "tests/v.txt", first.VersionID)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		if got, _ := io.ReadAll(r); string(got) != "one" {
			t.Fatalf("first version reads %q, want %q", got, "one")
		}
	})

	t.Run("PresignedLinkForThePublicAddress", func(t *testing.T) {
		cfg := objtest.Config(t)
		host, port, _ := strings.Cut(cfg.Endpoint, ":")
		if host != "127.0.0.1" {
			t.Skip("the test endpoint is not on 127.0.0.1")
		}
		cfg.PublicURL = "http://localhost:" + port
		public, err := objects.Open(ctx, cfg, 10*time.Second, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		stored, err := public.Put(ctx, "tests/public.txt", strings.NewReader("public"), 6, "text/plain")
		if err != nil {
			t.Fatal(err)
		}
		u, err := public.PresignGet(ctx, stored.Key, stored.VersionID, "", true, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if u.Host != "localhost:"+port {
			t.Fatalf("link host %q, want the public address", u.Host)
		}
		resp, err := http.Get(u.String())
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if got, _ := io.ReadAll(resp.Body); resp.StatusCode != 200 || string(got) != "public" {
			t.Fatalf("GET through the public address = %d %q", resp.StatusCode, got)
		}
	})

	t.Run("PresignedLink", func(t *testing.T) {
		stored, err := store.Put(ctx, "tests/link.txt", strings.NewReader("link"), 4, "text/plain")
		if err != nil {
			t.Fatal(err)
		}
		u, err := store.PresignGet(ctx, stored.Key, stored.VersionID, "报告.txt", false, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.Get(u.String())
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		got, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || string(got) != "link" {
			t.Fatalf("presigned GET = %d %q, want 200 %q", resp.StatusCode, got, "link")
		}
	})
}
