package objects_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

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
