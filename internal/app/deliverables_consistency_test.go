package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"intermart/internal/objects/objtest"
	"intermart/internal/testproxy"
)

// patternReader yields n bytes: a PDF header, then a repeating pattern,
// without holding them in memory.
type patternReader struct{ sent, n int64 }

func (r *patternReader) Read(p []byte) (int, error) {
	if r.sent >= r.n {
		return 0, io.EOF
	}
	k := int(min(int64(len(p)), r.n-r.sent))
	for i := range k {
		off := r.sent + int64(i)
		if off < 9 {
			p[i] = "%PDF-1.7\n"[off]
		} else {
			p[i] = byte(off*7 + off>>12)
		}
	}
	r.sent += int64(k)
	return k, nil
}

// TestDeliverableStreamsInConstantMemory uploads 200 MiB through the server
// (running in this process) and samples the heap while it streams: the
// growth stays far below the file's size, and the stored SHA-256 is the
// file's. Not parallel: the heap is the whole process's.
func TestDeliverableStreamsInConstantMemory(t *testing.T) {
	s := startServer(t, map[string]string{"INTERMART_MAX_DELIVERABLE_BYTES": fmt.Sprint(int64(1) << 30)})
	fx := s.activeContract(t)
	agency := s.signIn(fx.agency)
	sub, _ := s.openSubmission(t, agency, fx.first)

	const size = 200 << 20
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	stop := make(chan struct{})
	var peak uint64
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	})
	h := sha256.New()
	res := agency.putDeliverable(sub, "大理州规划数据.pdf", io.TeeReader(&patternReader{n: size}, h), size)
	close(stop)
	wg.Wait()
	if res.status != 201 {
		t.Fatalf("upload: %d %s", res.status, res.body)
	}
	var f deliverableFile
	res.json(t, &f)
	want := hex.EncodeToString(h.Sum(nil))
	if f.SHA256 != want || f.Size != size {
		t.Errorf("stored %d bytes with SHA-256 %s, want %d %s", f.Size, f.SHA256, size, want)
	}
	growth := int64(peak) - int64(base.HeapInuse)
	t.Logf("peak heap growth during a %d MiB upload: %.1f MiB", size>>20, float64(growth)/(1<<20))
	if growth > 64<<20 {
		t.Errorf("heap grew by %d MiB during the upload, want < 64 MiB", growth>>20)
	}
}

// TestDeliverableConsistency: a MinIO that stops answering gives the client
// 503 with Retry-After and stores nothing; an upload cut off halfway stores
// nothing either; after the sweeper, verify objects is clean; a tampered
// object and an orphan are reported, with a non-zero exit.
func TestDeliverableConsistency(t *testing.T) {
	t.Parallel()
	s3 := objtest.Config(t)
	proxy := testproxy.New(t, s3.Endpoint)
	s := startServer(t, map[string]string{"INTERMART_S3_ENDPOINT": proxy.Addr(), "INTERMART_S3_BUCKET": s3.Bucket})
	fx := s.activeContract(t)
	agency := s.signIn(fx.agency)
	sub, _ := s.openSubmission(t, agency, fx.first)
	ctx := context.Background()
	pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("测绘成果 "), 8000)...)
	kept := s.deliver(t, agency, sub, "成果.pdf", pdf)

	// MinIO frozen: 503 with Retry-After, nothing recorded.
	proxy.Freeze()
	res := agency.putDeliverable(sub, "frozen.pdf", bytes.NewReader(pdf), int64(len(pdf)))
	proxy.Thaw()
	if res.status != http.StatusServiceUnavailable || res.header.Get("Retry-After") == "" {
		t.Errorf("upload to a frozen MinIO: %d %q %s, want 503 with Retry-After", res.status, res.header.Get("Retry-After"), res.body)
	}

	// The client goes away halfway through the body.
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	cookies := agency.http.Jar.Cookies(mustURL(t, s.URL()))
	var cookie []string
	for _, c := range cookies {
		cookie = append(cookie, c.Name+"="+c.Value)
	}
	fmt.Fprintf(conn, "PUT /api/v1/submissions/%d/files?filename=half.pdf HTTP/1.1\r\nHost: %s\r\nCookie: %s\r\nContent-Type: application/octet-stream\r\nContent-Length: %d\r\n\r\n",
		sub, strings.TrimPrefix(s.URL(), "http://"), strings.Join(cookie, "; "), len(pdf))
	_, _ = conn.Write(pdf[:len(pdf)/2])
	conn.Close()
	waitUntil(t, func() bool { return s.caps.files.Uploading() == 0 })

	if n := s.count("SELECT count(*) FROM files WHERE purpose = 'deliverable'"); n != 1 {
		t.Errorf("%d deliverable records after the failed uploads, want only the one that succeeded", n)
	}
	if n := s.count("SELECT count(*) FROM submission_files WHERE submission_id = ?", sub); n != 1 {
		t.Errorf("%d files attached, want 1", n)
	}
	// The sweeper removes whatever reached MinIO without its record.
	if _, err := s.caps.files.Reconcile(ctx, time.Now().Add(time.Hour), slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"INTERMART_DATABASE_URL": s.cfg.DatabaseURL, "INTERMART_S3_ENDPOINT": s3.Endpoint,
		"INTERMART_S3_ACCESS_KEY": s3.AccessKey, "INTERMART_S3_SECRET_KEY": s3.SecretKey, "INTERMART_S3_BUCKET": s3.Bucket,
		"INTERMART_LOG_LEVEL": "error"}
	out, err := runCLI(t, env, "verify", "objects")
	if err != nil || !strings.Contains(out, "objects verified") {
		t.Fatalf("verify objects after the sweeper: %v\n%s", err, out)
	}

	// A tampered object (a new version under the recorded one's key is
	// not it: overwrite the recorded row's version instead) and an orphan.
	var key string
	if err := s.db.Bun.NewRaw("SELECT object_key FROM files WHERE id = ?", kept.ID).Scan(ctx, &key); err != nil {
		t.Fatal(err)
	}
	tampered := bytes.Clone(pdf)
	tampered[100] ^= 1
	stored, err := s.objects.Put(ctx, key, bytes.NewReader(tampered), int64(len(tampered)), "application/pdf")
	if err != nil {
		t.Fatal(err)
	}
	s.exec(t, "UPDATE files SET version_id = ? WHERE id = ?", stored.VersionID, kept.ID)
	if _, err := s.objects.Put(ctx, "deliverable/999/orphan.pdf", bytes.NewReader(pdf), int64(len(pdf)), "application/pdf"); err != nil {
		t.Fatal(err)
	}
	out, err = runCLI(t, env, "verify", "objects")
	if err == nil {
		t.Fatalf("verify objects passed a tampered object and an orphan:\n%s", out)
	}
	if !strings.Contains(out, fmt.Sprintf("sha256 file %d", kept.ID)) || !strings.Contains(out, "orphan deliverable/999/orphan.pdf") {
		t.Errorf("verify objects does not name the tampered file and the orphan:\n%s", out)
	}
}

func mustURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
