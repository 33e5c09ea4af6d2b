package files

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"intermart/internal/objects"
)

// SeedFile records an object the demonstration data put in the object
// store as a file of orgID uploaded by a user, in the caller's transaction,
// and returns its ID.
func SeedFile(ctx context.Context, idb bun.IDB, orgID, uploadedBy int64, purpose, filename, contentType string, obj objects.Stored) (int64, error) {
	f := &File{OrganisationID: orgID, Purpose: purpose, ObjectKey: obj.Key, VersionID: obj.VersionID, SHA256: obj.SHA256,
		Size: obj.Size, ContentType: contentType, Filename: filename, UploadedBy: uploadedBy}
	if _, err := idb.NewInsert().Model(f).Returning("id").Exec(ctx); err != nil {
		return 0, fmt.Errorf("demo file %s: %w", obj.Key, err)
	}
	return f.ID, nil
}
