// Package objects stores documents (qualification scans, contracts,
// deliverables) in MinIO. The bucket is versioned and has object locking
// enabled, so a document under retention can be neither overwritten nor
// deleted; every stored object's SHA-256 is computed while it streams in.
package objects

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"intermart/internal/db"
)

// Config says how to reach MinIO.
type Config struct {
	Endpoint  string
	AccessKey string
	SecretKey string
	Bucket    string
	TLS       bool
	// PublicURL is where browsers reach MinIO (scheme://host[:port]); empty
	// when it is the endpoint itself.
	PublicURL string
	// StallTimeout is how long MinIO may leave an upload's bytes unread, or
	// its answer unsent, before the upload is given up (ErrStalled); zero
	// means DefaultStallTimeout.
	StallTimeout time.Duration
}

// DefaultStallTimeout bounds how long an upload waits on a MinIO that has
// stopped answering. Long enough for a busy server's pauses, short enough
// that the client hears 503 well before its own patience ends.
const DefaultStallTimeout = 15 * time.Second

// ErrStalled is the error of an upload MinIO stopped taking. It wraps
// context.DeadlineExceeded, so the API answers it as a dependency outage:
// 503 with Retry-After.
var ErrStalled = fmt.Errorf("the object store stopped answering: %w", context.DeadlineExceeded)

// Store is a bucket in MinIO.
type Store struct {
	client *minio.Client
	// presigner signs download links for the address browsers use. Signing
	// is local: it never talks to that address.
	presigner *minio.Client
	bucket    string
	stall     time.Duration
}

// Stored describes an object after it was written.
type Stored struct {
	Key       string
	VersionID string
	Size      int64
	SHA256    string // hex
}

// Open connects to MinIO, retrying until timeout, and ensures the bucket
// exists with versioning and object locking.
func Open(ctx context.Context, cfg Config, timeout time.Duration, log *slog.Logger) (*Store, error) {
	client, err := minio.New(cfg.Endpoint, &minio.Options{
		Creds:  credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Secure: cfg.TLS,
		// Checksums sent after the body, so uploads stream (see Put).
		TrailingHeaders: true,
	})
	if err != nil {
		return nil, fmt.Errorf("minio client: %w", err)
	}
	s := &Store{client: client, bucket: cfg.Bucket, stall: cfg.StallTimeout}
	if s.stall <= 0 {
		s.stall = DefaultStallTimeout
	}
	err = db.Retry(ctx, timeout, log, "minio", func(ctx context.Context) error { return s.ensureBucket(ctx) })
	if err != nil {
		return nil, err
	}
	if s.presigner, err = s.linkSigner(ctx, cfg); err != nil {
		return nil, err
	}
	return s, nil
}

// linkCredentialsLifetime is how long the link-signing credentials last.
// minio-go renews them when a fifth of that is left (12 minutes), so a
// link signed with them always outlives its own LinkTTL.
const linkCredentialsLifetime = time.Hour

// linkSigner returns the client that signs download links: for the address
// browsers use, with temporary credentials from MinIO's STS AssumeRole whose
// session policy allows only GetObject on this bucket. A link (which shows
// its access key) or its signing key can therefore read documents and
// nothing else, and the configured key never appears in a link. The client
// is told the bucket's region so that signing needs no request to the
// public address.
func (s *Store) linkSigner(ctx context.Context, cfg Config) (*minio.Client, error) {
	scheme := "http"
	if cfg.TLS {
		scheme = "https"
	}
	region, err := s.client.GetBucketLocation(ctx, s.bucket)
	if err != nil {
		return nil, fmt.Errorf("bucket region: %w", err)
	}
	if region == "" {
		region = "us-east-1"
	}
	creds, err := credentials.NewSTSAssumeRole(scheme+"://"+cfg.Endpoint, credentials.STSAssumeRoleOptions{
		AccessKey:       cfg.AccessKey,
		SecretKey:       cfg.SecretKey,
		Policy:          readOnlyPolicy(s.bucket),
		Location:        region,
		DurationSeconds: int(linkCredentialsLifetime.Seconds()),
	})
	if err != nil {
		return nil, fmt.Errorf("link credentials: %w", err)
	}
	if _, err := creds.GetWithContext(&credentials.CredContext{Client: &http.Client{Timeout: 10 * time.Second}}); err != nil {
		return nil, fmt.Errorf("link credentials from STS AssumeRole: %w", err)
	}
	host, secure := cfg.Endpoint, cfg.TLS
	if cfg.PublicURL != "" {
		u, err := url.Parse(cfg.PublicURL)
		if err != nil {
			return nil, fmt.Errorf("public url: %w", err)
		}
		host, secure = u.Host, u.Scheme == "https"
	}
	return minio.New(host, &minio.Options{Creds: creds, Secure: secure, Region: region})
}

// readOnlyPolicy allows reading the objects of bucket, and nothing else.
func readOnlyPolicy(bucket string) string {
	return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:GetObjectVersion"],"Resource":["arn:aws:s3:::%s/*"]}]}`, bucket)
}

// ensureBucket creates the bucket with object locking (which implies
// versioning) or, when it exists, checks that both are on: a bucket without
// them could not keep evidence.
func (s *Store) ensureBucket(ctx context.Context) error {
	exists, err := s.client.BucketExists(ctx, s.bucket)
	if err != nil {
		return fmt.Errorf("check bucket %q: %w", s.bucket, err)
	}
	if !exists {
		err := s.client.MakeBucket(ctx, s.bucket, minio.MakeBucketOptions{ObjectLocking: true})
		if err != nil {
			// Another server may have created it in the meantime.
			if resp := minio.ToErrorResponse(err); resp.Code != "BucketAlreadyOwnedByYou" {
				return fmt.Errorf("create bucket %q: %w", s.bucket, err)
			}
		}
	}
	lock, _, _, _, err := s.client.GetObjectLockConfig(ctx, s.bucket)
	if err != nil || lock != "Enabled" {
		return fmt.Errorf("bucket %q has no object lock (%q): %v", s.bucket, lock, err)
	}
	v, err := s.client.GetBucketVersioning(ctx, s.bucket)
	if err != nil {
		return fmt.Errorf("bucket %q versioning: %w", s.bucket, err)
	}
	if !v.Enabled() {
		if err := s.client.EnableVersioning(ctx, s.bucket); err != nil {
			return fmt.Errorf("enable versioning on %q: %w", s.bucket, err)
		}
	}
	return nil
}

// Bucket returns the bucket name.
func (s *Store) Bucket() string { return s.bucket }

// Ping reports whether MinIO answers for the bucket, for /readyz.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.client.BucketExists(ctx, s.bucket)
	return err
}

// Put streams r (size bytes, or -1 when unknown) to key and returns the
// SHA-256 of exactly the bytes that were stored.
//
// Memory stays small whatever the size and however slowly r delivers: a
// known size goes out as one streamed PUT with a trailing CRC32C checksum
// (the integrity header an object-lock bucket demands, computed while
// streaming; Content-MD5 would make the client hold the whole object), and
// an unknown size (a chunked request) is first spooled to a temporary file,
// because the client would otherwise buffer a 5 MiB multipart part for each
// such upload however few bytes had arrived.
//
// A MinIO that stops taking the bytes (frozen, or its network gone) would
// hold the upload for as long as TCP keeps the connection: a watchdog gives
// up after the stall timeout without progress on MinIO's side, and Put
// returns ErrStalled. Time spent waiting on the uploader's own bytes is not
// MinIO's: a slow client is the body-rate limit's business.
func (s *Store) Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) (Stored, error) {
	h := sha256.New()
	var body io.Reader = io.TeeReader(r, h)
	if size < 0 {
		spool, n, err := spoolToFile(body)
		if err != nil {
			return Stored{}, fmt.Errorf("put %q: %w", key, err)
		}
		defer spool.Close()
		body, size = spool, n
	}
	ctx, watched := watch(ctx, s.stall)
	defer watched.stop()
	body = watched.reader(body)
	info, err := s.client.PutObject(ctx, s.bucket, key, body, size, minio.PutObjectOptions{
		ContentType: contentType,
		// The client's TrailingHeaders option adds a CRC32C trailer.
		// One part for the whole object, so nothing is buffered by parts.
		PartSize: uint64(min(max(size, minPartSize), maxPartSize)),
	})
	if err != nil {
		if watched.stalled() {
			return Stored{}, fmt.Errorf("put %q: %w", key, ErrStalled)
		}
		return Stored{}, fmt.Errorf("put %q: %w", key, err)
	}
	return Stored{Key: key, VersionID: info.VersionID, Size: info.Size, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// S3's bounds on a part: a single PUT may carry up to maxPartSize.
const (
	minPartSize = 5 << 20
	maxPartSize = 5 << 30
)

// spooledFile is a temporary file that removes itself when closed.
type spooledFile struct{ *os.File }

func (f spooledFile) Close() error {
	return errors.Join(f.File.Close(), os.Remove(f.Name()))
}

// spoolToFile copies r to a temporary file and returns it rewound, with
// its length.
func spoolToFile(r io.Reader) (spooledFile, int64, error) {
	f, err := os.CreateTemp("", "intermart-upload-*")
	if err != nil {
		return spooledFile{}, 0, fmt.Errorf("spool: %w", err)
	}
	spool := spooledFile{f}
	n, err := io.Copy(f, r)
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		_ = spool.Close()
		return spooledFile{}, 0, err
	}
	return spool, n, nil
}

// Get opens one version of key ("" for the latest).
func (s *Store) Get(ctx context.Context, key, versionID string) (io.ReadCloser, error) {
	obj, err := s.client.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{VersionID: versionID})
	if err != nil {
		return nil, fmt.Errorf("get %q: %w", key, err)
	}
	return obj, nil
}

// PresignGet returns a link to download one version of key that works for
// ttl; inline asks the browser to show it rather than save it. Call it only
// after the authorization check.
func (s *Store) PresignGet(ctx context.Context, key, versionID, filename string, inline bool, ttl time.Duration) (*url.URL, error) {
	params := url.Values{}
	if versionID != "" {
		params.Set("versionId", versionID)
	}
	disposition := "attachment"
	if inline {
		disposition = "inline"
	}
	if filename != "" {
		params.Set("response-content-disposition", fmt.Sprintf("%s; filename*=UTF-8''%s", disposition, url.PathEscape(filename)))
	}
	return s.presigner.PresignedGetObject(ctx, s.bucket, key, ttl, params)
}

// Remove deletes one version of key. Only for objects not yet referenced;
// retained evidence cannot be removed at all.
func (s *Store) Remove(ctx context.Context, key, versionID string) error {
	return s.client.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{VersionID: versionID})
}

// Retain puts one version of key under COMPLIANCE object-lock retention
// until then: MinIO refuses to delete or overwrite that version before then,
// whoever asks (the root account too), and the date can only be moved later.
func (s *Store) Retain(ctx context.Context, key, versionID string, until time.Time) error {
	mode := minio.Compliance
	until = until.UTC()
	err := s.client.PutObjectRetention(ctx, s.bucket, key, minio.PutObjectRetentionOptions{
		Mode: &mode, RetainUntilDate: &until, VersionID: versionID,
	})
	if err != nil {
		return fmt.Errorf("retain %q until %s: %w", key, until.Format(time.DateOnly), err)
	}
	return nil
}

// Stat returns one version's size.
func (s *Store) Stat(ctx context.Context, key, versionID string) (int64, error) {
	info, err := s.client.StatObject(ctx, s.bucket, key, minio.StatObjectOptions{VersionID: versionID})
	if err != nil {
		return 0, fmt.Errorf("stat %q: %w", key, err)
	}
	return info.Size, nil
}

// IsNotFound reports whether err says an object or version does not exist.
func IsNotFound(err error) bool {
	code := minio.ToErrorResponse(errors.Unwrap(err)).Code
	if code == "" {
		code = minio.ToErrorResponse(err).Code
	}
	return code == "NoSuchKey" || code == "NoSuchVersion" || code == "NotFound"
}

// Version is one stored version of an object.
type Version struct {
	Key          string
	VersionID    string
	Size         int64
	LastModified time.Time
}

// EachVersion calls fn for every version of every object under prefix
// (delete markers aside), oldest keys first, stopping at fn's first error.
func (s *Store) EachVersion(ctx context.Context, prefix string, fn func(Version) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the listing when fn stops early
	for obj := range s.client.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true, WithVersions: true}) {
		if obj.Err != nil {
			return fmt.Errorf("list %q: %w", prefix, obj.Err)
		}
		if obj.IsDeleteMarker {
			continue
		}
		if err := fn(Version{Key: obj.Key, VersionID: obj.VersionID, Size: obj.Size, LastModified: obj.LastModified}); err != nil {
			return err
		}
	}
	return nil
}

// Upload is a multipart upload that was started and never completed nor
// aborted (a server stopped in the middle, or MinIO went away).
type Upload struct {
	Key       string
	UploadID  string
	Initiated time.Time
}

// IncompleteUploads lists the unfinished multipart uploads under prefix.
//
// MinIO reads a listing's prefix as one exact object name, so the whole
// bucket is listed and filtered here. MinIO lists only the uploads started
// since it last started; it discards older unfinished ones by itself after
// a day (its api stale_uploads_expiry), and refuses the lifecycle rule
// AbortIncompleteMultipartUpload that S3 has for this.
func (s *Store) IncompleteUploads(ctx context.Context, prefix string) ([]Upload, error) {
	var list []Upload
	for u := range s.client.ListIncompleteUploads(ctx, s.bucket, "", true) {
		if u.Err != nil {
			return nil, fmt.Errorf("list incomplete uploads: %w", u.Err)
		}
		if strings.HasPrefix(u.Key, prefix) {
			list = append(list, Upload{Key: u.Key, UploadID: u.UploadID, Initiated: u.Initiated})
		}
	}
	return list, nil
}

// AbortUpload discards an unfinished multipart upload and its parts.
func (s *Store) AbortUpload(ctx context.Context, key, uploadID string) error {
	core := minio.Core{Client: s.client}
	if err := core.AbortMultipartUpload(ctx, s.bucket, key, uploadID); err != nil {
		return fmt.Errorf("abort upload of %q: %w", key, err)
	}
	return nil
}
