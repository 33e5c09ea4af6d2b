package files

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"intermart/internal/db"
)

// What other capabilities need from files. Each function takes the caller's
// bun.IDB, so it runs inside the caller's transaction; no other package
// reads the files table itself.

// Owned returns file id when it belongs to organisation org; a file that is
// missing or another organisation's is errs.NotFound alike, so the answer
// tells nothing about other organisations' files.
func Owned(ctx context.Context, idb bun.IDB, org, id int64) (*File, error) {
	f := new(File)
	err := idb.NewSelect().Model(f).Where("id = ? AND organisation_id = ?", id, org).Scan(ctx)
	if err := db.One(err, fmt.Sprintf("get file %d of organisation %d", id, org), errFileNotFound); err != nil {
		return nil, err
	}
	return f, nil
}

// Summary is what a list shows of a file: its name and recognised type.
type Summary struct {
	ID          int64  `bun:"id"`
	Filename    string `bun:"filename"`
	ContentType string `bun:"content_type"`
}

// Summaries returns the name and type of the files ids; unknown ids are
// left out.
func Summaries(ctx context.Context, idb bun.IDB, ids []int64) (map[int64]Summary, error) {
	out := make(map[int64]Summary, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []Summary
	err := idb.NewSelect().Model((*File)(nil)).Column("id", "filename", "content_type").Where("id IN (?)", bun.In(ids)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("file summaries: %w", err)
	}
	for _, r := range rows {
		out[r.ID] = r
	}
	return out, nil
}

// ByIDs returns the files ids, in id order.
func ByIDs(ctx context.Context, idb bun.IDB, ids []int64) ([]File, error) {
	list := []File{}
	if len(ids) == 0 {
		return list, nil
	}
	if err := idb.NewSelect().Model(&list).Where("id IN (?)", bun.In(ids)).Order("id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("files by id: %w", err)
	}
	return list, nil
}

// BySHA256 returns the ids of the files of purpose whose content has that
// SHA-256 (lower-case hex).
func BySHA256(ctx context.Context, idb bun.IDB, purpose, sha string) ([]int64, error) {
	var ids []int64
	err := idb.NewSelect().Model((*File)(nil)).Column("id").Where("sha256 = ? AND purpose = ?", sha, purpose).Order("id").Scan(ctx, &ids)
	if err != nil {
		return nil, fmt.Errorf("files by sha256: %w", err)
	}
	return ids, nil
}
