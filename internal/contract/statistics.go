package contract

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// ContractStatistics is what the regulators' statistics keep of a contract
// when it becomes active or completed: its dimensions, its price and
// whether it completed by its due date.
type ContractStatistics struct {
	ID             int64      `bun:"id"`
	Code           string     `bun:"code"`
	AnnouncementID int64      `bun:"announcement_id"`
	Title          string     `bun:"title"`
	OwnerID        int64      `bun:"owner_id"`
	AgencyID       int64      `bun:"agency_id"`
	ItemID         int64      `bun:"item_id"`
	RegionCode     string     `bun:"region_code"`
	CeilingFen     int64      `bun:"ceiling_fen"`
	PriceFen       *int64     `bun:"price_fen"`
	ConfirmedAt    *time.Time `bun:"confirmed_at"`
	CompletedAt    *time.Time `bun:"completed_at"`
	// OnTime: completed on or before the due date (Asia/Shanghai dates), as
	// the credit score counts it; false while not completed.
	OnTime bool `bun:"on_time"`
}

// StatisticsOf reads contract id's statistics in the caller's transaction
// (a change hook's).
func StatisticsOf(ctx context.Context, idb bun.IDB, id int64) (*ContractStatistics, error) {
	out := new(ContractStatistics)
	err := idb.NewSelect().TableExpr("contracts AS c").
		ColumnExpr("c.id, c.code, c.announcement_id, c.title, c.owner_id, c.agency_id, c.item_id, c.region_code").
		ColumnExpr("c.ceiling_fen, c.price_fen, c.confirmed_at, c.completed_at").
		ColumnExpr("(c.completed_at IS NOT NULL AND (c.due_on IS NULL OR (c.completed_at AT TIME ZONE 'Asia/Shanghai')::date <= c.due_on)) AS on_time").
		Where("c.id = ?", id).Scan(ctx, out)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errContractNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("statistics of contract %d: %w", id, err)
	}
	return out, nil
}
