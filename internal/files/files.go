// Package files keeps the documents people upload (qualification scans now;
// contracts and deliverables later) in MinIO, with their SHA-256 in
// PostgreSQL. A file belongs to one organisation; downloads are short-lived
// presigned links, issued after the authorization check and recorded.
package files

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/uptrace/bun"
	"golang.org/x/text/unicode/norm"

	"intermart/internal/authz"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/objects"
	"intermart/internal/web"
)

// Purposes a file may serve.
const (
	PurposeQualificationScan      = "qualification_scan"
	PurposeAnnouncementAttachment = "announcement_attachment" // an owner's document attached to an announcement
	PurposeContractDocument       = "contract_document"       // a signed contract, PDF only, registered by a party
	PurposeComplaintEvidence      = "complaint_evidence"      // evidence of a complaint (投诉) to a regulator
)

// allowedTypes are recognised by content, never by the name or the declared type.
var allowedTypes = map[string]bool{"application/pdf": true, "image/jpeg": true, "image/png": true}

// LinkTTL is how long a download link works.
const LinkTTL = 5 * time.Minute

// File is a stored document.
type File struct {
	bun.BaseModel `bun:"table:files"`

	ID             int64     `bun:"id,pk,autoincrement" json:"id"`
	OrganisationID int64     `bun:"organisation_id,notnull" json:"organisationId"`
	Purpose        string    `bun:"purpose,type:text,notnull" json:"purpose" enum:"qualification_scan,announcement_attachment,contract_document,deliverable,acceptance_certificate,complaint_evidence"`
	ObjectKey      string    `bun:"object_key,type:text,notnull" json:"-"`
	VersionID      string    `bun:"version_id,type:text,notnull" json:"-"`
	SHA256         string    `bun:"sha256,type:text,notnull" json:"sha256"`
	Size           int64     `bun:"size_bytes,notnull" json:"size"`
	ContentType    string    `bun:"content_type,type:text,notnull" json:"contentType"`
	Filename       string    `bun:"filename,type:text,notnull" json:"filename"`
	UploadedBy     int64     `bun:"uploaded_by,notnull" json:"-"`
	CreatedAt      time.Time `bun:"created_at,type:timestamptz,notnull,default:current_timestamp" json:"createdAt"`
}

// Service stores and hands out files.
type Service struct {
	db       *bun.DB
	objects  *objects.Store
	maxBytes int64
	// deliverableMax is the deliverables' own limit (0: maxBytes).
	deliverableMax int64
	limits         Limits
	slots          slots
}

// NewService returns the files service; uploads over maxBytes are refused.
func NewService(d *bun.DB, o *objects.Store, maxBytes int64) *Service {
	return &Service{db: d, objects: o, maxBytes: maxBytes}
}

// MaxBytes is the upload limit.
func (s *Service) MaxBytes() int64 { return s.maxBytes }

var (
	errTooLarge     = errors.New("file over the size limit")
	errFileNotFound = errs.New(errs.NotFound, "file_not_found", "no such file")
)

// limitedReader fails as soon as more than max bytes have passed, so an
// oversized upload is cut off while it streams. It remembers why the body
// failed, which the object store's error may no longer say.
type limitedReader struct {
	r        io.Reader
	left     int64
	exceeded bool
	tooSlow  bool // the body arrived too slowly and was cut off
}

func (l *limitedReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		l.exceeded = true
		return n, errTooLarge
	}
	var timeout interface{ Timeout() bool }
	if errors.As(err, &timeout) && timeout.Timeout() {
		l.tooSlow = true
	}
	return n, err
}

// failure names why reading the body failed, when it was the body's fault.
func (l *limitedReader) failure(limit int64) error {
	switch {
	case l.exceeded:
		return tooLarge(limit)
	case l.tooSlow:
		return errs.New(errs.TooSlow, "body_too_slow", "the file arrived too slowly and the upload was cut off")
	}
	return nil
}

// Upload streams body to MinIO for the caller's organisation. The type is
// judged by the first bytes; the size while streaming. size is the declared
// length, or -1 when unknown (a chunked request). Uploads in progress are
// capped per user and per server, and an organisation not yet approved may
// store only a small quota (see Limits).
func (s *Service) Upload(ctx context.Context, p *authz.Principal, purpose, filename string, body io.Reader, size int64) (*File, error) {
	if purpose != PurposeQualificationScan && purpose != PurposeAnnouncementAttachment && purpose != PurposeContractDocument &&
		purpose != PurposeComplaintEvidence {
		return nil, errs.Field("query.purpose", "purpose_unknown", "unknown purpose")
	}
	return s.UploadWith(ctx, p, purpose, filename, body, size, nil)
}

// Attached is what UploadWith tells the caller of the file being recorded.
type Attached struct {
	ID       int64
	SHA256   string
	Size     int64
	Filename string
}

// UploadWith is Upload for any purpose; attach, when given, runs in the
// transaction that records the file, so that the file and what refers to it
// are stored together or not at all (the object is then taken back).
func (s *Service) UploadWith(ctx context.Context, p *authz.Principal, purpose, filename string, body io.Reader, size int64,
	attach func(ctx context.Context, tx bun.Tx, f Attached) error) (*File, error) {
	limit := s.limitOf(purpose)
	if size > limit {
		return nil, tooLarge(limit)
	}
	filename, err := Filename(filename)
	if err != nil {
		return nil, err
	}
	release, err := s.acquire(p.UserID)
	if err != nil {
		return nil, err
	}
	defer release()
	pending, err := s.pending(ctx, p.OrgID)
	if err != nil {
		return nil, err
	}
	if pending {
		if err := s.checkQuota(ctx, s.db, p.OrgID, max(size, 0), 1); err != nil {
			return nil, err
		}
	}
	limited := &limitedReader{r: body, left: limit}
	headSize := 512
	if purpose == PurposeDeliverable {
		headSize = DeliverableHead
	}
	br := bufio.NewReaderSize(limited, headSize)
	head, err := br.Peek(headSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		if ferr := limited.failure(limit); ferr != nil {
			return nil, ferr
		}
		return nil, fmt.Errorf("read upload: %w", err)
	}
	if len(head) == 0 {
		return nil, errs.Field("body", "file_empty", "the file is empty")
	}
	contentType := sniff(purpose, head)
	if contentType == "" {
		if purpose == PurposeDeliverable {
			return nil, errs.Field("body", "file_type_deliverable",
				"deliverables are PDF, OFD, Word, Excel, JPEG, PNG, TIFF, DWG or ZIP files, recognised by their content")
		}
		return nil, errs.Field("body", "file_type", "only PDF, JPEG and PNG files are accepted")
	}
	if purpose == PurposeContractDocument && contentType != "application/pdf" {
		return nil, errs.Field("body", "file_type_pdf", "only PDF files are accepted")
	}
	key := fmt.Sprintf("%s/%d/%s%s", purpose, p.OrgID, randomID(), extensions[contentType])
	stored, err := s.objects.Put(ctx, key, br, size, contentType)
	if err != nil {
		if ferr := limited.failure(limit); ferr != nil {
			return nil, ferr
		}
		return nil, err
	}
	f := &File{OrganisationID: p.OrgID, Purpose: purpose, ObjectKey: key, VersionID: stored.VersionID,
		SHA256: stored.SHA256, Size: stored.Size, ContentType: contentType, Filename: filename, UploadedBy: p.UserID}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if pending {
			// Concurrent uploads of one organisation take turns here, so
			// that together they cannot pass the quota.
			if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtextextended('files.quota:' || ?, 0))", p.OrgID); err != nil {
				return fmt.Errorf("lock quota: %w", err)
			}
			if err := s.checkQuota(ctx, tx, p.OrgID, f.Size, 1); err != nil {
				return err
			}
		}
		if _, err := tx.NewInsert().Model(f).Returning("*").Exec(ctx); err != nil {
			return fmt.Errorf("record file: %w", err)
		}
		if attach != nil {
			return attach(ctx, tx, Attached{ID: f.ID, SHA256: f.SHA256, Size: f.Size, Filename: f.Filename})
		}
		return nil
	})
	if err != nil {
		// The object is not yet referenced nor locked: take it back. If
		// that fails too, say so: the object stays behind without a row
		// until the reconcile job removes it.
		s.takeBack(ctx, key, stored.VersionID)
		return nil, err
	}
	return f, nil
}

func (s *Service) takeBack(ctx context.Context, key, versionID string) {
	if rmErr := s.objects.Remove(context.WithoutCancel(ctx), key, versionID); rmErr != nil {
		web.LogFrom(ctx, slog.Default()).Error("remove the object of an unrecorded upload",
			"object_key", key, "version_id", versionID, "err", rmErr.Error())
	}
}

// Store keeps a document the platform made itself (an acceptance
// certificate) for org, recorded in idb's transaction. When the transaction
// fails, the object stays behind without a row until the reconcile job
// removes it.
func (s *Service) Store(ctx context.Context, idb bun.IDB, org, user int64, purpose, filename, contentType string, data []byte) (*File, error) {
	key := fmt.Sprintf("%s/%d/%s%s", purpose, org, randomID(), extensions[contentType])
	stored, err := s.objects.Put(ctx, key, bytes.NewReader(data), int64(len(data)), contentType)
	if err != nil {
		return nil, err
	}
	f := &File{OrganisationID: org, Purpose: purpose, ObjectKey: key, VersionID: stored.VersionID,
		SHA256: stored.SHA256, Size: stored.Size, ContentType: contentType, Filename: filename, UploadedBy: user}
	if _, err := idb.NewInsert().Model(f).Returning("*").Exec(ctx); err != nil {
		s.takeBack(ctx, key, stored.VersionID)
		return nil, fmt.Errorf("record file: %w", err)
	}
	return f, nil
}

// Retain puts the stored objects of the files ids under object-lock
// retention until then (COMPLIANCE: nobody, the root account included, can
// delete or overwrite them before then).
func (s *Service) Retain(ctx context.Context, idb bun.IDB, ids []int64, until time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	var list []File
	if err := idb.NewSelect().Model(&list).Where("id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return fmt.Errorf("files to retain: %w", err)
	}
	for _, f := range list {
		if err := s.objects.Retain(ctx, f.ObjectKey, f.VersionID, until); err != nil {
			return err
		}
	}
	return nil
}

// limitOf is the size limit of uploads of purpose.
func (s *Service) limitOf(purpose string) int64 {
	if purpose == PurposeDeliverable && s.deliverableMax > 0 {
		return s.deliverableMax
	}
	return s.maxBytes
}

// WithDeliverableLimit sets the deliverables' own size limit and returns s.
func (s *Service) WithDeliverableLimit(n int64) *Service {
	s.deliverableMax = n
	return s
}

// DeliverableMax is the deliverables' size limit.
func (s *Service) DeliverableMax() int64 { return s.limitOf(PurposeDeliverable) }

func tooLarge(limit int64) error {
	return errs.New(errs.TooLarge, "file_too_large", fmt.Sprintf("a file may have at most %d MB", limit>>20))
}

// File returns a file's record.
func (s *Service) File(ctx context.Context, id int64) (*File, error) {
	f := new(File)
	err := s.db.NewSelect().Model(f).Where("id = ?", id).Scan(ctx)
	if err := db.One(err, fmt.Sprintf("get file %d", id), errFileNotFound); err != nil {
		return nil, err
	}
	return f, nil
}

// Link records who asked for the file and returns a presigned link.
func (s *Service) Link(ctx context.Context, p *authz.Principal, id int64, inline bool) (string, time.Time, error) {
	f, err := s.File(ctx, id)
	if err != nil {
		return "", time.Time{}, err
	}
	if _, err := s.db.NewRaw("INSERT INTO file_downloads (file_id, user_id) VALUES (?, ?)", f.ID, p.UserID).Exec(ctx); err != nil {
		return "", time.Time{}, fmt.Errorf("record download: %w", err)
	}
	u, err := s.objects.PresignGet(ctx, f.ObjectKey, f.VersionID, f.Filename, inline, LinkTTL)
	if err != nil {
		return "", time.Time{}, err
	}
	return u.String(), time.Now().Add(LinkTTL).UTC(), nil
}

// Owner returns the organisation a file belongs to, for scoping; a missing
// file is errs.NotFound.
func (s *Service) Owner(ctx context.Context, id int64) (int64, error) {
	return db.Owner(ctx, s.db, (*File)(nil), id, errFileNotFound)
}

// Filename checks a file's name as the user gave it and returns its NFKC
// form, trimmed and cut to its last 120 characters (keeping the
// extension). A name is refused, not repaired, when it hides something: an
// invisible or bidirectional control character (U+202E makes
// "scan\u202Efdp.exe" read as "scanexe.pdf"), a zero-width one, a control
// character or NUL, a path separator, or when it is "." or "..". NFKC
// first, so that full-width look-alikes such as "／" or "．．" are judged as
// what they become.
func Filename(name string) (string, error) {
	const field = "query.filename"
	name = strings.TrimSpace(norm.NFKC.String(name))
	if name == "" {
		return "", errs.Field(field, "filename_missing", "name the file")
	}
	for _, r := range name {
		// IsPrint refuses every format (Cf), control (Cc), private-use,
		// surrogate, line and paragraph separator and unassigned code point.
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			return "", errs.Field(field, "filename_characters", "the file name contains invisible or control characters")
		}
		if r == '/' || r == '\\' {
			return "", errs.Field(field, "filename_reserved", "the file name may not contain / or \\")
		}
	}
	if strings.Trim(name, ".") == "" {
		return "", errs.Field(field, "filename_reserved", "the file name may not be . or ..")
	}
	if r := []rune(name); len(r) > 120 {
		name = strings.TrimSpace(string(r[len(r)-120:]))
	}
	return name, nil
}

func randomID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
