package app

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestUploadFilenames(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	agency := s.signIn("agency")
	before := s.count("SELECT count(*) FROM files")
	for name, c := range map[string]struct{ filename, reason string }{
		"ErrRightToLeftOverride": {"scan\u202Efdp.exe", "filename_characters"},
		"ErrDotDot":              {"..", "filename_reserved"},
		"ErrPath":                {"../scan.pdf", "filename_reserved"},
	} {
		r := agency.postFile(c.filename, strings.NewReader(string(pdfBytes)), int64(len(pdfBytes)))
		if r.status != 422 || !strings.Contains(r.body, `"reason":"`+c.reason+`"`) || !strings.Contains(r.body, `"location":"query.filename"`) {
			t.Errorf("%s: %d %s", name, r.status, r.body)
		}
	}
	if n := s.count("SELECT count(*) FROM files"); n != before {
		t.Fatalf("refused names stored %d files", n-before)
	}
}

// stalledPost starts posting a file whose body sends the start of a PDF and
// then stalls until stop is called (or 30 s pass, a safety net); the
// response arrives on the channel.
func (c *client) stalledPost() (stop func(), done chan response) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	done = make(chan response, 1)
	go func() {
		body := io.MultiReader(bytes.NewReader(pdfBytes), stalled{ctx})
		req, _ := http.NewRequestWithContext(ctx, "POST", c.s.URL()+"/api/v1/files?purpose=qualification_scan&filename=scan.pdf", body)
		req.ContentLength = 1 << 20
		req.Header.Set("Content-Type", "application/octet-stream")
		resp, err := c.http.Do(req)
		if err != nil {
			done <- response{status: 0, body: err.Error()}
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		done <- response{status: resp.StatusCode, header: resp.Header, body: string(b)}
	}()
	return cancel, done
}

// stalled is a body that sends nothing more until its context ends.
type stalled struct{ ctx context.Context }

func (s stalled) Read([]byte) (int, error) {
	<-s.ctx.Done()
	return 0, s.ctx.Err()
}

func TestUploadSlowBody(t *testing.T) {
	t.Parallel()
	s := startServer(t, map[string]string{"INTERMART_MIN_BODY_RATE": "1024", "INTERMART_BODY_RATE_WINDOW": "200ms"})
	agency := s.signIn("agency")
	before := s.count("SELECT count(*) FROM files")
	stop, done := agency.stalledPost()
	defer stop()
	// No deadline of the test's own: the client waits for as long as the
	// server keeps the stalled upload (30 s is the safety net).
	r := <-done
	if r.status != 408 && r.status != 0 {
		t.Fatalf("stalled upload: %d %s, want 408 or a closed connection", r.status, r.body)
	}
	if r.status == 408 && !strings.Contains(r.body, `"reason":"body_too_slow"`) {
		t.Fatalf("408 without its reason: %s", r.body)
	}
	if strings.Contains(r.body, "deadline exceeded") {
		t.Fatal("the server kept the stalled upload until the client gave up")
	}
	if n := s.count("SELECT count(*) FROM files"); n != before {
		t.Fatal("a cut-off upload was recorded")
	}
	if n := s.caps.files.Uploading(); n != 0 {
		t.Fatalf("%d uploads still in progress", n)
	}
}

func TestUploadLimits(t *testing.T) {
	t.Parallel()
	s := startServer(t, map[string]string{"INTERMART_UPLOADS_PER_USER": "1", "INTERMART_UPLOADS_PER_SERVER": "2"})

	t.Run("ErrPerUser", func(t *testing.T) {
		agency := s.signIn("agency")
		stop, done := agency.stalledPost()
		defer func() { stop(); <-done }()
		waitUntil(t, func() bool { return s.caps.files.Uploading() == 1 })
		r := agency.postFile("scan.pdf", bytes.NewReader(pdfBytes), int64(len(pdfBytes)))
		if r.status != 429 || !strings.Contains(r.body, `"reason":"uploads_per_user"`) || r.header.Get("Retry-After") == "" {
			t.Fatalf("second upload of one user: %d %v %s", r.status, r.header, r.body)
		}
		if !strings.HasPrefix(r.header.Get("Content-Type"), "application/problem+json") {
			t.Fatalf("content type %q", r.header.Get("Content-Type"))
		}
	})

	t.Run("ErrPerServer", func(t *testing.T) {
		stop1, done1 := s.signIn("agency").stalledPost()
		defer func() { stop1(); <-done1 }()
		stop2, done2 := s.signIn("agency.erhai").stalledPost()
		defer func() { stop2(); <-done2 }()
		waitUntil(t, func() bool { return s.caps.files.Uploading() == 2 })
		r := s.signIn("agency.diancang").postFile("scan.pdf", bytes.NewReader(pdfBytes), int64(len(pdfBytes)))
		if r.status != 503 || !strings.Contains(r.body, `"reason":"uploads_busy"`) || r.header.Get("Retry-After") == "" {
			t.Fatalf("upload beyond the server's cap: %d %v %s", r.status, r.header, r.body)
		}
	})
}

func TestUploadPendingQuota(t *testing.T) {
	t.Parallel()
	s := startServer(t, map[string]string{"INTERMART_PENDING_UPLOAD_FILES": "50"})
	pending := s.signIn("agency.pending")
	org := s.id("SELECT organisation_id FROM users WHERE username = 'agency.pending'")
	files := func() int { return s.count("SELECT count(*) FROM files WHERE organisation_id = ?", org) }
	for files() < 50 {
		s.upload(pending, "scan.pdf", pdfBytes)
	}
	r := pending.postFile("scan.pdf", bytes.NewReader(pdfBytes), int64(len(pdfBytes)))
	if r.status != 409 || !strings.Contains(r.body, `"reason":"upload_quota_pending"`) {
		t.Fatalf("upload over the pending quota: %d %s", r.status, r.body)
	}
	if n := files(); n != 50 {
		t.Fatalf("%d files, want 50", n)
	}
	// An approved agency is not held to it.
	approved := s.signIn("agency")
	for range 3 {
		s.upload(approved, "scan.pdf", pdfBytes)
	}
}

// waitUntil waits for cond, failing after a generous while.
func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	for range 30_000 {
		if cond() {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatal("the condition never came true")
}
