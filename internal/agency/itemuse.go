package agency

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"
)

// ItemsInUse reports which of the service items an agency's listing refers
// to, in any state (draft, under review, approved, rejected): the listing
// and its review history name the item by its code, so the catalogue keeps
// the code fixed from then on. The application registers it with the
// catalogue (catalog.Service.OnItemsInUse).
func ItemsInUse(ctx context.Context, idb bun.IDB, itemIDs []int64) (map[int64]bool, error) {
	var used []int64
	err := idb.NewRaw("SELECT DISTINCT item_id FROM listings WHERE item_id IN (?)", bun.In(itemIDs)).Scan(ctx, &used)
	if err != nil {
		return nil, fmt.Errorf("service items listed by agencies: %w", err)
	}
	out := make(map[int64]bool, len(used))
	for _, id := range used {
		out[id] = true
	}
	return out, nil
}
