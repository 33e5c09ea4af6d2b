package catalog

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"
)

// ItemsInUse reports which of the items something outside the catalogue
// refers to (an agency's listing, later an announcement or a contract). It
// runs in the caller's transaction.
type ItemsInUse func(ctx context.Context, idb bun.IDB, itemIDs []int64) (map[int64]bool, error)

// OnItemsInUse adds a check of whether items are in use. The capabilities
// above the catalogue (agency, procurement …) own the tables that refer to
// items, and the catalogue may not call upward, so the application's wiring
// registers their checks here at start-up, before serving.
func (s *Service) OnItemsInUse(check ItemsInUse) { s.inUse = append(s.inUse, check) }

// itemsInUse asks every registered check about ids.
func (s *Service) itemsInUse(ctx context.Context, idb bun.IDB, ids []int64) (map[int64]bool, error) {
	used := map[int64]bool{}
	if len(ids) == 0 {
		return used, nil
	}
	for _, check := range s.inUse {
		m, err := check(ctx, idb, ids)
		if err != nil {
			return nil, fmt.Errorf("check service items in use: %w", err)
		}
		for id, ok := range m {
			used[id] = used[id] || ok
		}
	}
	return used, nil
}

// markInUse sets CodeLocked on the items something refers to.
func (s *Service) markInUse(ctx context.Context, idb bun.IDB, items []ServiceItem) error {
	ids := make([]int64, len(items))
	for i := range items {
		ids[i] = items[i].ID
	}
	used, err := s.itemsInUse(ctx, idb, ids)
	if err != nil {
		return err
	}
	for i := range items {
		items[i].CodeLocked = used[items[i].ID]
	}
	return nil
}
