package files

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/uptrace/bun"

	"intermart/internal/objects"
)

// Problem is one difference between the file records and MinIO.
type Problem struct {
	Kind      string // "missing", "size", "sha256" or "orphan"
	FileID    int64  // 0 for an orphan
	Key       string
	VersionID string
	Detail    string
}

func (p Problem) String() string {
	if p.FileID == 0 {
		return fmt.Sprintf("%s %s (version %s): %s", p.Kind, p.Key, p.VersionID, p.Detail)
	}
	return fmt.Sprintf("%s file %d %s (version %s): %s", p.Kind, p.FileID, p.Key, p.VersionID, p.Detail)
}

// Verified says what Verify read and found.
type Verified struct {
	Files    int
	Bytes    int64
	Problems []Problem
}

// Verify checks every file record against MinIO: its version exists, has
// the recorded size and, streamed through SHA-256, the recorded hash; and
// every object version under the files' prefixes has a record (an orphan
// otherwise). Memory stays small whatever the sizes.
func Verify(ctx context.Context, idb bun.IDB, store *objects.Store) (Verified, error) {
	var v Verified
	var lastID int64
	for {
		var batch []File
		err := idb.NewSelect().Model(&batch).Where("id > ?", lastID).Order("id").Limit(200).Scan(ctx)
		if err != nil {
			return v, fmt.Errorf("file records: %w", err)
		}
		if len(batch) == 0 {
			break
		}
		for _, f := range batch {
			lastID = f.ID
			v.Files++
			if p, err := verifyOne(ctx, store, f); err != nil {
				return v, err
			} else if p != nil {
				v.Problems = append(v.Problems, *p)
			} else {
				v.Bytes += f.Size
			}
		}
	}
	for _, purpose := range purposes {
		var versions []objects.Version
		err := store.EachVersion(ctx, purpose+"/", func(o objects.Version) error {
			versions = append(versions, o)
			return nil
		})
		if err != nil {
			return v, err
		}
		for start := 0; start < len(versions); start += 500 {
			chunk := versions[start:min(start+500, len(versions))]
			keys := make([]string, len(chunk))
			for i, o := range chunk {
				keys[i] = o.Key
			}
			var known []File
			if err := idb.NewSelect().Model(&known).Column("object_key", "version_id").Where("object_key IN (?)", bun.In(keys)).Scan(ctx); err != nil {
				return v, fmt.Errorf("files of stored objects: %w", err)
			}
			recorded := map[[2]string]bool{}
			for _, f := range known {
				recorded[[2]string{f.ObjectKey, f.VersionID}] = true
			}
			for _, o := range chunk {
				if !recorded[[2]string{o.Key, o.VersionID}] {
					v.Problems = append(v.Problems, Problem{Kind: "orphan", Key: o.Key, VersionID: o.VersionID,
						Detail: fmt.Sprintf("%d bytes stored, no file record", o.Size)})
				}
			}
		}
	}
	return v, nil
}

func verifyOne(ctx context.Context, store *objects.Store, f File) (*Problem, error) {
	p := &Problem{FileID: f.ID, Key: f.ObjectKey, VersionID: f.VersionID}
	size, err := store.Stat(ctx, f.ObjectKey, f.VersionID)
	if objects.IsNotFound(err) {
		p.Kind, p.Detail = "missing", "no such object version"
		return p, nil
	}
	if err != nil {
		return nil, err
	}
	if size != f.Size {
		p.Kind, p.Detail = "size", fmt.Sprintf("%d bytes stored, %d recorded", size, f.Size)
		return p, nil
	}
	r, err := store.Get(ctx, f.ObjectKey, f.VersionID)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return nil, fmt.Errorf("read %q: %w", f.ObjectKey, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != f.SHA256 {
		p.Kind, p.Detail = "sha256", fmt.Sprintf("stored content hashes to %s, %s recorded", got, f.SHA256)
		return p, nil
	}
	return nil, nil
}
