package contract

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/procurement"
)

// What open data (internal/opendata) reads of the contracts: the moments a
// contract came into force and ended, and its public terms. A contract is
// published once both parties have registered it (active, 签约登记); the
// document itself stays with the parties and regulators.

// The contract stages, continuing procurement's numbering.
const (
	OpenStageContract = 6 // in force (active)
	OpenStageEnded    = 7 // completed (履约结束) or terminated
)

// OpenMoments returns up to limit contract moments after the position after,
// in the order (At, AnnouncementID, Stage, ContractID).
func OpenMoments(ctx context.Context, idb bun.IDB, after procurement.OpenMoment, limit int) ([]procurement.OpenMoment, error) {
	// Each branch is read in its index's order from the cursor on and cut
	// at the page's size (migration 20261202500000), then merged.
	var out []procurement.OpenMoment
	err := idb.NewRaw(`SELECT at, announcement_id, stage, contract_id FROM (
			(SELECT confirmed_at AS at, announcement_id, ? AS stage, id AS contract_id FROM contracts
			 WHERE status IN (?) AND confirmed_at IS NOT NULL AND (confirmed_at, announcement_id) >= (?, ?)
			 ORDER BY confirmed_at, announcement_id, id LIMIT ?)
			UNION ALL
			(SELECT coalesce(completed_at, terminated_at), announcement_id, ?, id FROM contracts
			 WHERE status IN (?) AND confirmed_at IS NOT NULL AND (coalesce(completed_at, terminated_at), announcement_id) >= (?, ?)
			 ORDER BY coalesce(completed_at, terminated_at), announcement_id, id LIMIT ?)
		) m WHERE (at, announcement_id, stage, contract_id) > (?, ?, ?, ?)
		ORDER BY at, announcement_id, stage, contract_id LIMIT ?`,
		OpenStageContract, bun.In([]string{StatusActive, StatusCompleted, StatusTerminated}), after.At, after.AnnouncementID, limit+1,
		OpenStageEnded, bun.In([]string{StatusCompleted, StatusTerminated}), after.At, after.AnnouncementID, limit+1,
		after.At, after.AnnouncementID, after.Stage, after.ContractID, limit).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("open-data moments of contracts: %w", err)
	}
	return out, nil
}

// OpenContract is a contract's public terms.
type OpenContract struct {
	ID           int64
	Code         string
	SelectionID  int64
	AgencyID     int64
	Title        string
	Status       string
	PriceFen     int64
	SignedOn     *time.Time
	StartsOn     *time.Time
	DueOn        *time.Time
	ConfirmedAt  *time.Time
	CompletedAt  *time.Time
	TerminatedAt *time.Time
	// Payments the owner recorded (履约付款), in order.
	Payments []OpenPayment
}

// OpenPayment is a payment recorded against a contract.
type OpenPayment struct {
	ID        int64
	AmountFen int64
	PaidOn    time.Time
}

// OpenContracts returns the contracts of announcement id that have come into
// force (and may since have ended), in order.
func OpenContracts(ctx context.Context, idb bun.IDB, announcementID int64) ([]OpenContract, error) {
	var rows []Contract
	err := idb.NewSelect().Model(&rows).Where("announcement_id = ? AND confirmed_at IS NOT NULL AND status IN (?)",
		announcementID, bun.In([]string{StatusActive, StatusCompleted, StatusTerminated})).Order("id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("open-data contracts of announcement %d: %w", announcementID, err)
	}
	out := make([]OpenContract, 0, len(rows))
	ids := make([]int64, 0, len(rows))
	for _, c := range rows {
		ids = append(ids, c.ID)
	}
	var payments []Payment
	if len(ids) > 0 {
		if err := idb.NewSelect().Model(&payments).Where("contract_id IN (?)", bun.In(ids)).Order("paid_on", "id").Scan(ctx); err != nil {
			return nil, fmt.Errorf("open-data payments of announcement %d: %w", announcementID, err)
		}
	}
	for _, c := range rows {
		o := OpenContract{ID: c.ID, Code: c.Code, SelectionID: c.SelectionID, AgencyID: c.AgencyID, Title: c.Title,
			Status: c.Status, SignedOn: c.SignedOn, StartsOn: c.StartsOn, DueOn: c.DueOn, ConfirmedAt: c.ConfirmedAt,
			CompletedAt: c.CompletedAt, TerminatedAt: c.TerminatedAt}
		if c.PriceFen != nil {
			o.PriceFen = *c.PriceFen
		}
		for _, pay := range payments {
			if pay.ContractID == c.ID {
				o.Payments = append(o.Payments, OpenPayment{ID: pay.ID, AmountFen: pay.AmountFen, PaidOn: pay.PaidOn})
			}
		}
		out = append(out, o)
	}
	return out, nil
}
