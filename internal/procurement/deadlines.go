package procurement

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// DeadlineDirectChoice is the time limit of an owner's direct choice
// (直接选取): after registration closes, choose_by.
const DeadlineDirectChoice = "direct_choice"

// Deadline is a time limit of a procurement still running, as supervision's
// early warnings (预警) watch it.
type Deadline struct {
	Rule           string    `bun:"rule"`
	SubjectID      int64     `bun:"subject_id"`
	AnnouncementID int64     `bun:"announcement_id"`
	OwnerID        int64     `bun:"owner_id"`
	RegionCode     string    `bun:"region_code"`
	Code           string    `bun:"code"`
	Title          string    `bun:"title"`
	Due            time.Time `bun:"due"`
}

// Deadlines lists the running time limits of procurements: the direct
// choices not yet made. announcementID 0 lists every announcement's; another
// value only that one's. A non-zero until leaves out the limits ending after
// it (those not yet worth a warning).
func Deadlines(ctx context.Context, idb bun.IDB, announcementID int64, until time.Time) ([]Deadline, error) {
	out := []Deadline{}
	q := idb.NewSelect().Model((*Announcement)(nil)).
		ColumnExpr("? AS rule, a.id AS subject_id, a.id AS announcement_id, a.owner_id, a.region_code", DeadlineDirectChoice).
		ColumnExpr("coalesce(a.code, '') AS code, a.title, a.choose_by AS due").
		Where("a.status = ? AND a.method = ? AND a.choose_by IS NOT NULL", StatusClosed, MethodDirect)
	if announcementID != 0 {
		q = q.Where("a.id = ?", announcementID)
	}
	if !until.IsZero() {
		q = q.Where("a.choose_by <= ?", until)
	}
	if err := q.Scan(ctx, &out); err != nil {
		return nil, fmt.Errorf("direct choices due: %w", err)
	}
	return out, nil
}
