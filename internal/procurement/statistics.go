package procurement

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// AnnouncementStatistics is what the regulators' statistics keep of an
// announcement when it is published or awarded: its dimensions (region,
// owner, item), its ceiling and, once awarded, the deal price and the
// winning agency.
type AnnouncementStatistics struct {
	ID          int64      `bun:"id"`
	Code        string     `bun:"code"`
	Title       string     `bun:"title"`
	OwnerID     int64      `bun:"owner_id"`
	RegionCode  string     `bun:"region_code"`
	ItemID      int64      `bun:"item_id"`
	Method      string     `bun:"method"`
	CeilingFen  int64      `bun:"ceiling_fen"`
	PublishedAt *time.Time `bun:"published_at"`
	AwardedAt   *time.Time `bun:"awarded_at"`
	// The awarded selection's deal price (nil for a direct selection: agreed
	// at the contract) and winning agency; nil before the award.
	DealPriceFen *int64 `bun:"deal_price_fen"`
	AgencyID     *int64 `bun:"agency_id"`
}

// StatisticsOf reads announcement id's statistics in the caller's
// transaction (a change hook's).
func StatisticsOf(ctx context.Context, idb bun.IDB, id int64) (*AnnouncementStatistics, error) {
	out := new(AnnouncementStatistics)
	err := idb.NewSelect().TableExpr("announcements AS a").
		ColumnExpr("a.id, coalesce(a.code, '') AS code, a.title, a.owner_id, a.region_code, a.item_id, a.method, a.ceiling_fen").
		ColumnExpr("a.published_at, a.awarded_at, sel.deal_price_fen, r.agency_id").
		Join("LEFT JOIN selections AS sel ON sel.announcement_id = a.id AND sel.status = ?", SelectionAwarded).
		Join("LEFT JOIN registrations AS r ON r.id = sel.winner_id").
		Where("a.id = ?", id).Scan(ctx, out)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errAnnouncementNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("statistics of announcement %d: %w", id, err)
	}
	return out, nil
}
