package supervision

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/audit"
	"intermart/internal/authz"
	"intermart/internal/errs"
)

// RedFlagSettings are the thresholds of the red flag rules
// (docs/redflags.md), one row the platform administrator keeps. The
// abnormally-low percentage and the amendment percentage are the
// marketplace rules' (procurement_rules, contract_rules).
type RedFlagSettings struct {
	bun.BaseModel `bun:"table:red_flag_settings,alias:rfs"`

	ID bool `bun:"id,pk" json:"-"`
	// A winner's share of an item's awards over this is flagged…
	ConcentrationSharePercent int `bun:"concentration_share_percent,notnull" json:"concentrationSharePercent" doc:"A winner's share of an item's awards in twelve months over this percentage is flagged"`
	// …once the item has at least this many awards in the window.
	ConcentrationMinAwards int `bun:"concentration_min_awards,notnull" json:"concentrationMinAwards" doc:"…once the item has at least this many awards in the twelve months"`
	// A price-competitive deal at or above this share of the ceiling.
	NearCeilingPercent int `bun:"near_ceiling_percent,notnull" json:"nearCeilingPercent" doc:"A price-competitive deal at or above this percentage of the ceiling is flagged"`
	// A direct selection is "just under the limit" when its ceiling is at
	// least this share of the direct-selection limit…
	SplittingNearPercent int `bun:"splitting_near_percent,notnull" json:"splittingNearPercent" doc:"A direct selection is just under the limit from this percentage of the direct-selection limit"`
	// …and the same owner made SplittingMinCount of them for the same
	// service item within this many calendar days.
	SplittingWindowDays int `bun:"splitting_window_days,notnull" json:"splittingWindowDays" doc:"The window, in calendar days, of an owner's direct selections of one item"`
	SplittingMinCount   int `bun:"splitting_min_count,notnull" json:"splittingMinCount" doc:"How many such selections in the window are flagged"`

	UpdatedAt time.Time `bun:"updated_at,notnull" json:"updatedAt"`
	UpdatedBy *int64    `bun:"updated_by" json:"updatedBy,omitempty"`
}

// CurrentRedFlagSettings reads the thresholds in the caller's transaction,
// so a rule applies the thresholds in force when its change commits.
func CurrentRedFlagSettings(ctx context.Context, idb bun.IDB) (*RedFlagSettings, error) {
	s := new(RedFlagSettings)
	if err := idb.NewSelect().Model(s).Where("id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("read red flag settings: %w", err)
	}
	return s, nil
}

// RedFlagSettingsInput is the platform administrator's change of the
// thresholds.
type RedFlagSettingsInput struct {
	ConcentrationSharePercent int `json:"concentrationSharePercent" doc:"1 to 100"`
	ConcentrationMinAwards    int `json:"concentrationMinAwards" doc:"At least 2"`
	NearCeilingPercent        int `json:"nearCeilingPercent" doc:"1 to 100"`
	SplittingNearPercent      int `json:"splittingNearPercent" doc:"1 to 100"`
	SplittingWindowDays       int `json:"splittingWindowDays" doc:"1 to 366"`
	SplittingMinCount         int `json:"splittingMinCount" doc:"At least 2"`
}

// maxFlagCount bounds the counts so they stay far from overflow; no rule
// is useful beyond it.
const maxFlagCount = 10000

// Validate reports every value the settings table would refuse.
func (in RedFlagSettingsInput) Validate() error {
	var f errs.Fields
	check := func(field string, v, lo, hi int) {
		if v < lo || v > hi {
			f.Add(field, "number_range", fmt.Sprintf("must be %d to %d", lo, hi))
		}
	}
	check("body.concentrationSharePercent", in.ConcentrationSharePercent, 1, 100)
	check("body.concentrationMinAwards", in.ConcentrationMinAwards, 2, maxFlagCount)
	check("body.nearCeilingPercent", in.NearCeilingPercent, 1, 100)
	check("body.splittingNearPercent", in.SplittingNearPercent, 1, 100)
	check("body.splittingWindowDays", in.SplittingWindowDays, 1, 366)
	check("body.splittingMinCount", in.SplittingMinCount, 2, maxFlagCount)
	return f.Err()
}

// RedFlagSettings returns the thresholds in force.
func (s *Service) RedFlagSettings(ctx context.Context) (*RedFlagSettings, error) {
	return CurrentRedFlagSettings(ctx, s.DB)
}

// UpdateRedFlagSettings sets the thresholds, recorded in the audit trail
// with the values before and after. Flags already raised keep their
// evidence; the new thresholds apply from the next change.
func (s *Service) UpdateRedFlagSettings(ctx context.Context, actor *authz.Principal, in RedFlagSettingsInput) (*RedFlagSettings, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	out := new(RedFlagSettings)
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		before := new(RedFlagSettings)
		if err := tx.NewSelect().Model(before).Where("id").For("UPDATE").Scan(ctx); err != nil {
			return fmt.Errorf("read red flag settings: %w", err)
		}
		now, err := s.Clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		*out = RedFlagSettings{ID: true, ConcentrationSharePercent: in.ConcentrationSharePercent,
			ConcentrationMinAwards: in.ConcentrationMinAwards, NearCeilingPercent: in.NearCeilingPercent,
			SplittingNearPercent: in.SplittingNearPercent, SplittingWindowDays: in.SplittingWindowDays,
			SplittingMinCount: in.SplittingMinCount, UpdatedAt: now.Truncate(time.Microsecond), UpdatedBy: &actor.UserID}
		if _, err := tx.NewUpdate().Model(out).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("update red flag settings: %w", err)
		}
		return audit.Append(ctx, tx, audit.Event{Chain: audit.Chain("red_flag_settings", 1), At: now, ActorUser: actor.UserID, ActorOrg: actor.OrgID,
			Action: "red_flag_settings.update", Before: before.input(), After: in})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// input is the thresholds alone, as the audit trail records them.
func (s *RedFlagSettings) input() RedFlagSettingsInput {
	return RedFlagSettingsInput{ConcentrationSharePercent: s.ConcentrationSharePercent, ConcentrationMinAwards: s.ConcentrationMinAwards,
		NearCeilingPercent: s.NearCeilingPercent, SplittingNearPercent: s.SplittingNearPercent,
		SplittingWindowDays: s.SplittingWindowDays, SplittingMinCount: s.SplittingMinCount}
}

// concentrated tells whether an agency with won of an item's total awards
// holds more than the settings' share, among at least their number of
// awards.
func (s *RedFlagSettings) concentrated(won, total int) bool {
	return total >= s.ConcentrationMinAwards && won*100 > total*s.ConcentrationSharePercent
}
