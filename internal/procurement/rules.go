package procurement

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/errs"
)

// RulesInput is what the platform administrator sets.
type RulesInput struct {
	DirectLimitFen           int64 `json:"directLimitFen" doc:"Direct selection only when the ceiling is below this (fen)"`
	MaxCeilingFen            int64 `json:"maxCeilingFen" doc:"The largest ceiling price an announcement may state (fen)"`
	MinRegistrants           int   `json:"minRegistrants"`
	MinRegistrantsDirect     int   `json:"minRegistrantsDirect"`
	RegistrationWorkdays     int   `json:"registrationWorkdays"`
	DirectChoiceWorkdays     int   `json:"directChoiceWorkdays"`
	PublicityWorkdays        int   `json:"publicityWorkdays"`
	ObjectionAnswerWorkdays  int   `json:"objectionAnswerWorkdays"`
	ComplaintAnswerWorkdays  int   `json:"complaintAnswerWorkdays"`
	ContractRegisterWorkdays int   `json:"contractRegisterWorkdays"`
	AbnormalLowPercent       int   `json:"abnormalLowPercent"`
}

// maxFen bounds money the rules speak of: ten billion yuan.
const maxFen = 1_000_000_000_000

// Validate reports every value outside what the rules table accepts.
func (in RulesInput) Validate() error {
	var f errs.Fields
	fen := func(field string, v int64) {
		if v <= 0 || v > maxFen {
			f.Add(field, "amount_range", fmt.Sprintf("must be more than 0 and at most %d fen", int64(maxFen)))
		}
	}
	count := func(field string, v, lo, hi int) {
		if v < lo || v > hi {
			f.Add(field, "number_range", fmt.Sprintf("must be %d to %d", lo, hi))
		}
	}
	fen("body.directLimitFen", in.DirectLimitFen)
	fen("body.maxCeilingFen", in.MaxCeilingFen)
	if in.DirectLimitFen > in.MaxCeilingFen && in.MaxCeilingFen > 0 {
		f.Add("body.directLimitFen", "direct_limit_over_max_ceiling", "the direct-selection limit cannot exceed the largest ceiling")
	}
	count("body.minRegistrants", in.MinRegistrants, 1, 100)
	count("body.minRegistrantsDirect", in.MinRegistrantsDirect, 1, 100)
	count("body.registrationWorkdays", in.RegistrationWorkdays, 1, 60)
	count("body.directChoiceWorkdays", in.DirectChoiceWorkdays, 1, 60)
	count("body.publicityWorkdays", in.PublicityWorkdays, 1, 60)
	count("body.objectionAnswerWorkdays", in.ObjectionAnswerWorkdays, 1, 60)
	count("body.complaintAnswerWorkdays", in.ComplaintAnswerWorkdays, 1, 120)
	count("body.contractRegisterWorkdays", in.ContractRegisterWorkdays, 1, 60)
	count("body.abnormalLowPercent", in.AbnormalLowPercent, 1, 99)
	return f.Err()
}

// CurrentRules returns the marketplace rules in the caller's transaction,
// for every check that depends on them.
func CurrentRules(ctx context.Context, idb bun.IDB) (*Rules, error) {
	r := new(Rules)
	if err := idb.NewSelect().Model(r).Where("id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("read procurement rules: %w", err)
	}
	return r, nil
}

// Rules returns the marketplace rules.
func (s *Service) Rules(ctx context.Context) (*Rules, error) { return CurrentRules(ctx, s.DB) }

// UpdateRules sets the marketplace rules; announcements published before
// keep the deadlines they were given.
func (s *Service) UpdateRules(ctx context.Context, actor *authz.Principal, in RulesInput) (*Rules, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		now, err := s.Clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		r := &Rules{ID: true, DirectLimitFen: in.DirectLimitFen, MaxCeilingFen: in.MaxCeilingFen,
			MinRegistrants: in.MinRegistrants, MinRegistrantsDirect: in.MinRegistrantsDirect,
			RegistrationWorkdays: in.RegistrationWorkdays, DirectChoiceWorkdays: in.DirectChoiceWorkdays,
			PublicityWorkdays: in.PublicityWorkdays, ObjectionAnswerWorkdays: in.ObjectionAnswerWorkdays,
			ComplaintAnswerWorkdays: in.ComplaintAnswerWorkdays, ContractRegisterWorkdays: in.ContractRegisterWorkdays,
			AbnormalLowPercent: in.AbnormalLowPercent, UpdatedAt: now.Truncate(time.Microsecond), UpdatedBy: &actor.UserID}
		_, err = tx.NewUpdate().Model(r).WherePK().Exec(ctx)
		if err != nil {
			return fmt.Errorf("update procurement rules: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Rules(ctx)
}
