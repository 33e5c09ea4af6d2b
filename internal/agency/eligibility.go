package agency

import (
	"context"
	"fmt"

	"intermart/internal/clock"
)

// Reasons an agency may not register for an announcement of an item.
const (
	NotApproved       = "agency_not_approved"
	Sanctioned        = "agency_sanctioned"
	NoApprovedListing = "no_approved_listing"
	NotQualified      = "not_qualified"
)

// Eligibility says whether an agency may compete for an item now (by the
// service's clock), and if not, why. Qualifications that expired and
// sanctions that ended count as such from that moment, with nobody acting.
func (s *Service) Eligibility(ctx context.Context, orgID, itemID int64) ([]string, error) {
	now, err := s.clock.Now(ctx, s.db)
	if err != nil {
		return nil, err
	}
	var row struct {
		Approved  bool `bun:"approved"`
		Sanctions int  `bun:"sanctions"`
		Listed    bool `bun:"listed"`
	}
	err = s.db.NewRaw(`SELECT
		EXISTS (SELECT 1 FROM agency_profiles WHERE organisation_id = ? AND status = 'approved') AS approved,
		(SELECT count(*) FROM sanctions WHERE organisation_id = ? AND lifted_at IS NULL
			AND starts_at <= ? AND (ends_at IS NULL OR ends_at > ?)) AS sanctions,
		EXISTS (SELECT 1 FROM listings WHERE organisation_id = ? AND item_id = ? AND approved_at IS NOT NULL) AS listed`,
		orgID, orgID, now, now, orgID, itemID).Scan(ctx, &row)
	if err != nil {
		return nil, fmt.Errorf("eligibility: %w", err)
	}
	reasons := []string{}
	if !row.Approved {
		reasons = append(reasons, NotApproved)
	}
	if row.Sanctions > 0 {
		reasons = append(reasons, Sanctioned)
	}
	if !row.Listed {
		reasons = append(reasons, NoApprovedListing)
	}
	missing, err := missingQualifications(ctx, s.db, orgID, itemID, clock.Today(now), []string{StatusApproved})
	if err != nil {
		return nil, err
	}
	if len(missing) > 0 {
		reasons = append(reasons, NotQualified)
	}
	return reasons, nil
}
