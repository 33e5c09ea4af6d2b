package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// benchDeliverableBytes is the deliverable of BenchmarkDeliverableUpload.
const benchDeliverableBytes = 512 << 20

// BenchmarkDeliverableUpload streams a 512 MiB deliverable through the app
// (authorization, type check by content, SHA-256 on the way, MinIO, the
// database record) beside the same bytes put directly into the same MinIO
// with minio-go, in the same run, and prints their ratio (goal ≥ 0.8×) and
// the process's peak resident memory growth during the app's upload (goal
// ≤ 64 MiB). The server runs in this process, so that growth includes the
// client's, which streams: it bounds the server's from above.
func BenchmarkDeliverableUpload(b *testing.B) {
	s := startServer(b, map[string]string{"INTERMART_MAX_DELIVERABLE_BYTES": strconv.FormatInt(1<<30, 10)})
	fx := s.activeContract(b)
	agency := s.signIn(fx.agency)
	sub, _ := s.openSubmission(b, agency, fx.first)
	direct, err := minio.New(s.cfg.S3Endpoint, &minio.Options{
		Creds: credentials.NewStaticV4(s.cfg.S3AccessKey, s.cfg.S3SecretKey, ""), Secure: s.cfg.S3TLS})
	if err != nil {
		b.Fatal(err)
	}
	// No client timeout: the upload takes as long as the machine needs.
	uploader := &http.Client{Jar: agency.http.Jar}
	ctx := context.Background()
	var directTime, appTime time.Duration
	var growth int64
	for n := 0; b.Loop(); n++ {
		// Freed memory goes back to the system first, so the baseline is
		// what the process holds, not what it once held.
		debug.FreeOSMemory()
		before := residentKiB(b, "VmRSS")
		resetPeakResident()
		h := sha256.New()
		start := time.Now()
		req, err := http.NewRequest("PUT", fmt.Sprintf("%s/api/v1/submissions/%d/files?filename=%s", s.URL(), sub,
			url.QueryEscape(fmt.Sprintf("规划数据-%d.pdf", n))), io.TeeReader(&patternReader{n: benchDeliverableBytes}, h))
		if err != nil {
			b.Fatal(err)
		}
		req.ContentLength = benchDeliverableBytes
		req.Header.Set("Content-Type", "application/octet-stream")
		res, err := uploader.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		appTime += time.Since(start)
		if res.StatusCode != http.StatusCreated {
			b.Fatalf("upload through the app: %d %s", res.StatusCode, body)
		}
		if want := hex.EncodeToString(h.Sum(nil)); !strings.Contains(string(body), want) {
			b.Fatalf("stored SHA-256 is not the file's %s: %s", want, body)
		}
		growth = max(growth, (residentKiB(b, "VmHWM")-before)<<10)
		// The same bytes put directly, after the app's upload so that
		// minio-go's part buffers are not in the resident size measured.
		start = time.Now()
		if _, err := direct.PutObject(ctx, s.cfg.S3Bucket, fmt.Sprintf("bench/direct-%d.pdf", n),
			&patternReader{n: benchDeliverableBytes}, benchDeliverableBytes, minio.PutObjectOptions{ContentType: "application/pdf"}); err != nil {
			b.Fatal(err)
		}
		directTime += time.Since(start)
	}
	mibps := func(d time.Duration) float64 { return float64(b.N) * benchDeliverableBytes / (1 << 20) / d.Seconds() }
	fmt.Printf("deliverable of %d MiB: through the app %.0f MiB/s, minio-go directly %.0f MiB/s: %.2f× (goal ≥ 0.8×); "+
		"peak resident growth during the app's upload %.1f MiB (goal ≤ 64 MiB)\n",
		benchDeliverableBytes>>20, mibps(appTime), mibps(directTime), directTime.Seconds()/appTime.Seconds(), float64(growth)/(1<<20))
	fmt.Printf("machine: %d CPUs (%s), load average %s\n", runtime.NumCPU(), cpuModel(), loadAverage())
	b.ReportMetric(directTime.Seconds()/appTime.Seconds(), "x-direct")
	b.ReportMetric(float64(growth)/(1<<20), "MiB-rss-growth")
}

// residentKiB reads a VmRSS / VmHWM line of /proc/self/status, in KiB.
func residentKiB(b *testing.B, field string) int64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Skip("no /proc/self/status: the resident memory cannot be measured here")
	}
	for line := range strings.SplitSeq(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kib, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				b.Fatal(err)
			}
			return kib
		}
	}
	b.Fatalf("%s is not in /proc/self/status", field)
	return 0
}

// resetPeakResident makes VmHWM start again from the current resident size
// (Linux's clear_refs), so the peak measured is the upload's.
func resetPeakResident() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }
