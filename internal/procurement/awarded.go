package procurement

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Award is what the capabilities above procurement learn of an award: the
// parties, the service and the price, as the selection that stands has them.
type Award struct {
	AnnouncementID  int64
	SelectionID     int64
	Method          string
	OwnerID         int64
	AgencyID        int64
	ItemID          int64
	RegionCode      string
	Title           string
	Description     string
	CeilingFen      int64
	DealPriceFen    *int64 // nil for a direct selection: agreed at the contract
	ServiceWorkdays int
	// RegisterWorkdays is the rules' contract_register_workdays at the award.
	RegisterWorkdays int
	AwardedAt        time.Time
}

// AwardHook is told of each award in the award's transaction; an error
// undoes the award.
type AwardHook func(ctx context.Context, tx bun.IDB, award Award) error

// OnAwarded registers a hook run in the transaction of every award.
// Procurement may not call the capabilities above it (the contract): they
// register here instead.
func (s *Service) OnAwarded(h AwardHook) { s.awardHooks = append(s.awardHooks, h) }

// awarded tells the hooks of the award of a by sel.
func (s *Service) awarded(ctx context.Context, tx bun.Tx, a *Announcement, sel *Selection, now time.Time) error {
	if len(s.awardHooks) == 0 {
		return nil
	}
	var agencyID int64
	if err := tx.NewSelect().Model((*Registration)(nil)).Column("agency_id").Where("id = ?", sel.WinnerID).Scan(ctx, &agencyID); err != nil {
		return fmt.Errorf("winner of selection %d: %w", sel.ID, err)
	}
	rules, err := CurrentRules(ctx, tx)
	if err != nil {
		return err
	}
	aw := Award{AnnouncementID: a.ID, SelectionID: sel.ID, Method: sel.Method, OwnerID: a.OwnerID, AgencyID: agencyID,
		ItemID: a.ItemID, RegionCode: a.RegionCode, Title: a.Title, Description: a.Description, CeilingFen: a.CeilingFen,
		DealPriceFen: sel.DealPriceFen, ServiceWorkdays: a.ServiceWorkdays, RegisterWorkdays: rules.ContractRegisterWorkdays,
		AwardedAt: now}
	for _, h := range s.awardHooks {
		if err := h(ctx, tx, aw); err != nil {
			return fmt.Errorf("award of announcement %d: %w", a.ID, err)
		}
	}
	return nil
}
