package files_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"intermart/internal/authz"
	"intermart/internal/db"
	"intermart/internal/db/dbtest"
	"intermart/internal/errs"
	"intermart/internal/files"
	"intermart/internal/identity"
	"intermart/internal/objects"
	"intermart/internal/objects/objtest"
)

var scan = append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("0123456789abcdef"), 64)...) // 1 KiB

type world struct {
	db    *db.DB
	store *objects.Store
	s3    objects.Config
}

func newWorld(t *testing.T) *world {
	t.Helper()
	cfg := objtest.Config(t)
	store, err := objects.Open(context.Background(), cfg, 10*time.Second, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return &world{db: dbtest.New(t), store: store, s3: cfg}
}

// agency signs up an agency (pending review) and returns its admin.
func (w *world) agency(t *testing.T, n int) *authz.Principal {
	t.Helper()
	ctx := context.Background()
	username := fmt.Sprintf("uploader%d", n)
	org, err := identity.NewService(w.db.Bun).SignUpAgency(ctx, identity.AgencySignUp{
		OrganisationName: fmt.Sprintf("大理上传测试%d咨询有限公司", n),
		CreditCode:       identity.CompleteCreditCode(fmt.Sprintf("91532901MA6K0%04d", n)), RegionCode: "532901",
		ContactName: "测试", ContactPhone: "0872-2123456", Username: username, DisplayName: "测试", Password: "upload-password"})
	if err != nil {
		t.Fatal(err)
	}
	var uid int64
	if err := w.db.Bun.NewRaw("SELECT id FROM users WHERE username = ?", username).Scan(ctx, &uid); err != nil {
		t.Fatal(err)
	}
	return &authz.Principal{UserID: uid, OrgID: org.ID, Role: authz.AgencyAdmin}
}

func (w *world) count(t *testing.T) int {
	t.Helper()
	var n int
	if err := w.db.Bun.NewRaw("SELECT count(*) FROM files").Scan(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func (w *world) objectCount(t *testing.T) int {
	t.Helper()
	n := 0
	if err := w.store.EachVersion(context.Background(), "", func(objects.Version) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func wantReason(t *testing.T, err error, code errs.Code, reason string) *errs.Error {
	t.Helper()
	e, ok := err.(*errs.Error)
	if !ok || e.Code != code || e.Reason != reason {
		t.Fatalf("err = %v, want %s %s", err, code, reason)
	}
	return e
}

// stalledUpload starts an upload whose body sends the start of a PDF and
// then nothing; it returns once the upload is under way. Closing the
// returned writer ends it (with an error); its result arrives on done.
func stalledUpload(t *testing.T, svc *files.Service, p *authz.Principal) (*io.PipeWriter, chan error) {
	t.Helper()
	r, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		_, err := svc.Upload(context.Background(), p, files.PurposeQualificationScan, "scan.pdf", r, -1)
		done <- err
	}()
	// The write returns once the upload has read it: it holds its slot.
	if _, err := w.Write(scan); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = w.CloseWithError(io.ErrUnexpectedEOF) })
	return w, done
}

func TestUploadConcurrency(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newWorld(t)
	alice, bob := w.agency(t, 1), w.agency(t, 2)
	upload := func(svc *files.Service, p *authz.Principal) error {
		_, err := svc.Upload(ctx, p, files.PurposeQualificationScan, "scan.pdf", bytes.NewReader(scan), int64(len(scan)))
		return err
	}

	t.Run("ErrPerUser", func(t *testing.T) {
		svc := files.NewService(w.db.Bun, w.store, 1<<20).WithLimits(files.Limits{PerUser: 1, PerServer: 10})
		stalled, done := stalledUpload(t, svc, alice)
		before := w.count(t)
		e := wantReason(t, upload(svc, alice), errs.LockedOut, "uploads_per_user")
		if e.RetryAfter <= 0 {
			t.Error("no Retry-After")
		}
		if err := upload(svc, bob); err != nil {
			t.Fatalf("another user: %v", err)
		}
		_ = stalled.CloseWithError(io.ErrUnexpectedEOF)
		if err := <-done; err == nil {
			t.Fatal("the broken-off upload succeeded")
		}
		if err := upload(svc, alice); err != nil {
			t.Fatalf("after the first upload ended: %v", err)
		}
		if got := w.count(t) - before; got != 2 {
			t.Fatalf("recorded %d files, want 2", got)
		}
		if n := svc.Uploading(); n != 0 {
			t.Fatalf("%d uploads still counted in progress", n)
		}
	})

	t.Run("ErrPerServer", func(t *testing.T) {
		svc := files.NewService(w.db.Bun, w.store, 1<<20).WithLimits(files.Limits{PerUser: 5, PerServer: 2})
		stalledUpload(t, svc, alice)
		stalledUpload(t, svc, alice)
		e := wantReason(t, upload(svc, bob), errs.Unavailable, "uploads_busy")
		if e.RetryAfter <= 0 {
			t.Error("no Retry-After")
		}
	})
}

func TestPendingQuota(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newWorld(t)
	pending, approved := w.agency(t, 1), w.agency(t, 2)
	svc := files.NewService(w.db.Bun, w.store, 1<<20).WithLimits(files.Limits{PendingFiles: 2, PendingBytes: 3 * 1024,
		Approved: func(_ context.Context, org int64) (bool, error) { return org == approved.OrgID, nil }})
	upload := func(p *authz.Principal, size int64) error {
		_, err := svc.Upload(ctx, p, files.PurposeQualificationScan, "scan.pdf", bytes.NewReader(scan), size)
		return err
	}

	if err := upload(pending, int64(len(scan))); err != nil {
		t.Fatal(err)
	}
	t.Run("ErrBytes", func(t *testing.T) {
		big := append(bytes.Clone(scan), bytes.Repeat([]byte("x"), 3*1024)...)
		before, objectsBefore := w.count(t), w.objectCount(t)
		for _, size := range []int64{int64(len(big)), -1} { // refused before and after streaming
			_, err := svc.Upload(ctx, pending, files.PurposeQualificationScan, "big.pdf", bytes.NewReader(big), size)
			wantReason(t, err, errs.Conflict, "upload_quota_pending")
		}
		if w.count(t) != before || w.objectCount(t) != objectsBefore {
			t.Fatal("a refused upload was stored")
		}
	})
	if err := upload(pending, -1); err != nil {
		t.Fatal(err)
	}
	t.Run("ErrFiles", func(t *testing.T) {
		before, objectsBefore := w.count(t), w.objectCount(t)
		wantReason(t, upload(pending, int64(len(scan))), errs.Conflict, "upload_quota_pending")
		if w.count(t) != before || w.objectCount(t) != objectsBefore {
			t.Fatal("a refused upload was stored")
		}
	})
	t.Run("OKApproved", func(t *testing.T) {
		for range 4 {
			if err := upload(approved, int64(len(scan))); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestUploadTooSlow(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	svc := files.NewService(w.db.Bun, w.store, 1<<20)
	p := w.agency(t, 1)
	for _, size := range []int64{int64(len(scan)) * 4, -1} {
		body := io.MultiReader(bytes.NewReader(scan), timeoutReader{})
		_, err := svc.Upload(context.Background(), p, files.PurposeQualificationScan, "scan.pdf", body, size)
		wantReason(t, err, errs.TooSlow, "body_too_slow")
	}
	if n := w.count(t); n != 0 {
		t.Fatalf("%d files recorded", n)
	}
}

// timeoutReader fails as a body cut off by the minimum rate does.
type timeoutReader struct{}

func (timeoutReader) Read([]byte) (int, error) { return 0, timeoutError{} }

type timeoutError struct{}

func (timeoutError) Error() string { return "too slow" }
func (timeoutError) Timeout() bool { return true }

func TestReconcile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newWorld(t)
	svc := files.NewService(w.db.Bun, w.store, 1<<20)
	p := w.agency(t, 1)

	put := func(key string) objects.Stored {
		t.Helper()
		stored, err := w.store.Put(ctx, key, bytes.NewReader(scan), int64(len(scan)), "application/pdf")
		if err != nil {
			t.Fatal(err)
		}
		return stored
	}
	lastModified := func(key string) time.Time {
		t.Helper()
		var at time.Time
		_ = w.store.EachVersion(ctx, key, func(v objects.Version) error { at = v.LastModified; return nil })
		return at
	}
	prefix := fmt.Sprintf("%s/%d/", files.PurposeQualificationScan, p.OrgID)
	recorded, err := svc.Upload(ctx, p, files.PurposeQualificationScan, "kept.pdf", bytes.NewReader(scan), int64(len(scan)))
	if err != nil {
		t.Fatal(err)
	}
	core := minio.Core{Client: mustClient(t, w.s3)}
	unfinished, err := core.NewMultipartUpload(ctx, w.s3.Bucket, prefix+"unfinished.pdf", minio.PutObjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	elsewhere := put("exports/not-a-file.pdf") // not under a files purpose
	old := put(prefix + "orphan-old.pdf")
	// The grace period ends just after the old orphan; MinIO keeps
	// milliseconds, so the young one is put a little later.
	cutoff := lastModified(old.Key).Add(time.Millisecond)
	for !time.Now().After(cutoff.Add(time.Millisecond)) {
		time.Sleep(time.Millisecond)
	}
	young := put(prefix + "orphan-young.pdf")
	if !lastModified(young.Key).After(cutoff) {
		t.Fatal("the young orphan is not younger than the cutoff")
	}

	var logged bytes.Buffer
	done, err := svc.Reconcile(ctx, cutoff, slog.New(slog.NewTextHandler(&logged, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logged.String(), old.Key) || !strings.Contains(logged.String(), unfinished) {
		t.Errorf("the log does not name what was removed:\n%s", logged.String())
	}
	if strings.Contains(logged.String(), young.Key) {
		t.Errorf("the log names the young orphan:\n%s", logged.String())
	}
	if done.Objects != 1 || done.Uploads != 1 {
		t.Fatalf("reconciled %+v, want 1 object and 1 upload", done)
	}
	var left []string
	_ = w.store.EachVersion(ctx, "", func(v objects.Version) error { left = append(left, v.Key); return nil })
	got := strings.Join(left, " ")
	if strings.Contains(got, old.Key) {
		t.Errorf("the old orphan is still there: %s", got)
	}
	if !strings.Contains(got, young.Key) || !strings.Contains(got, elsewhere.Key) || len(left) != 3 {
		t.Errorf("left %s, want the recorded file, the young orphan and the object outside the files' prefixes", got)
	}
	if r, err := w.store.Get(ctx, young.Key, young.VersionID); err != nil {
		t.Error(err)
	} else {
		r.Close()
	}
	uploads, err := w.store.IncompleteUploads(ctx, prefix)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range uploads {
		if u.UploadID == unfinished {
			t.Error("the unfinished upload is still there")
		}
	}
	link, _, err := svc.Link(ctx, p, recorded.ID, false)
	if err != nil || link == "" {
		t.Fatalf("the recorded file: %v", err)
	}
}

func mustClient(t *testing.T, cfg objects.Config) *minio.Client {
	t.Helper()
	c, err := minio.New(cfg.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, "")})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
