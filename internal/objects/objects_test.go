package objects_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

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

// TestLinkCredentialsReadOnly: download links are signed with temporary
// credentials that can read the bucket's objects and nothing else, and the
// configured (root) key never appears in a link.
func TestLinkCredentialsReadOnly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cfg := objtest.Config(t)
	store, err := objects.Open(ctx, cfg, 10*time.Second, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	stored, err := store.Put(ctx, "tests/scoped.txt", strings.NewReader("scoped"), 6, "text/plain")
	if err != nil {
		t.Fatal(err)
	}
	u, err := store.PresignGet(ctx, stored.Key, stored.VersionID, "", false, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if credential := u.Query().Get("X-Amz-Credential"); strings.HasPrefix(credential, cfg.AccessKey+"/") {
		t.Fatalf("link signed with the configured key: %s", credential)
	}
	resp, err := http.Get(u.String())
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(got) != "scoped" {
		t.Fatalf("GET with the link = %d %q", resp.StatusCode, got)
	}

	link := store.LinkClient()
	t.Run("ErrPut", func(t *testing.T) {
		_, err := link.PutObject(ctx, cfg.Bucket, "tests/intruder.txt", strings.NewReader("x"), 1, minio.PutObjectOptions{SendContentMd5: true})
		if code := minio.ToErrorResponse(err).Code; code != "AccessDenied" {
			t.Fatalf("PUT with the link key: %v, want AccessDenied", err)
		}
		put, err := link.PresignedPutObject(ctx, cfg.Bucket, "tests/intruder.txt", time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest(http.MethodPut, put.String(), strings.NewReader("x"))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("presigned PUT with the link key = %d, want 403", resp.StatusCode)
		}
	})
	t.Run("ErrDelete", func(t *testing.T) {
		err := link.RemoveObject(ctx, cfg.Bucket, stored.Key, minio.RemoveObjectOptions{VersionID: stored.VersionID})
		if code := minio.ToErrorResponse(err).Code; code != "AccessDenied" {
			t.Fatalf("DELETE with the link key: %v, want AccessDenied", err)
		}
		if _, err := store.Get(ctx, stored.Key, stored.VersionID); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrList", func(t *testing.T) {
		for obj := range link.ListObjects(ctx, cfg.Bucket, minio.ListObjectsOptions{Recursive: true}) {
			if obj.Err == nil {
				t.Fatalf("the link key lists %q", obj.Key)
			}
			break
		}
	})
}

// TestStalledPutsStaySmall: uploads whose bytes stop arriving hold little
// memory each, with a known size and with none (a chunked request). Before,
// each of them held a 5 MiB part buffer (Content-MD5 or multipart).
func TestStalledPutsStaySmall(t *testing.T) {
	store := objtest.New(t) // not parallel: it measures this process's heap
	for _, c := range []struct {
		name string
		size int64
	}{{"KnownSize", 4 << 20}, {"Chunked", -1}} {
		t.Run(c.name, func(t *testing.T) {
			const n = 20
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			before := heapInUse()
			var writers []*io.PipeWriter
			done := make(chan error, n)
			for i := range n {
				r, w := io.Pipe()
				writers = append(writers, w)
				go func() {
					_, err := store.Put(ctx, fmt.Sprintf("tests/stalled-%d", i), r, c.size, "application/pdf")
					done <- err
				}()
				// Each write returns once Put has consumed it: the upload
				// is under way and now stalls.
				for range 2 {
					if _, err := w.Write(bytes.Repeat([]byte("%PDF"), 1024)); err != nil {
						t.Fatal(err)
					}
				}
			}
			grown := int64(heapInUse()) - int64(before)
			for _, w := range writers {
				_ = w.CloseWithError(io.ErrUnexpectedEOF)
			}
			for range n {
				if err := <-done; err == nil {
					t.Error("a broken-off upload was stored")
				}
			}
			t.Logf("%d stalled uploads grew the heap by %d KiB", n, grown>>10)
			if limit := int64(n) << 20; grown > limit {
				t.Fatalf("%d stalled uploads grew the heap by %d MiB, want under %d MiB", n, grown>>20, limit>>20)
			}
		})
	}
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}
