package agency

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/identity"
)

// SanctionInput is what a regulator decides.
type SanctionInput struct {
	Kind       string     `json:"kind" enum:"suspension,blacklist"`
	Reason     string     `json:"reason" maxLength:"1000"`
	LegalBasis string     `json:"legalBasis" maxLength:"500" doc:"The rule the sanction rests on (处罚依据)"`
	EndsAt     *time.Time `json:"endsAt,omitempty" doc:"When it ends by itself; required for a suspension, optional for a blacklisting"`
}

// LiftInput explains an early lift.
type LiftInput struct {
	Reason string `json:"reason" maxLength:"1000"`
}

// selectSanctions reads sanctions, each marked in force or not at now by
// the rule sanction_in_force. The names of who imposed and who lifted are
// filled in by withNames, from identity.
func selectSanctions(idb bun.IDB, list any, now time.Time) *bun.SelectQuery {
	return idb.NewSelect().Model(list).ColumnExpr("s.*").ColumnExpr("sanction_in_force(s, ?) AS in_force", now)
}

// withNames fills in the regulators and officials who imposed and lifted
// each sanction.
func withNames(ctx context.Context, idb bun.IDB, list []Sanction) error {
	var users, orgs []int64
	for _, sn := range list {
		users = append(users, sn.ImposedBy)
		orgs = append(orgs, sn.ImposedByOrganisationID)
		if sn.LiftedBy != nil {
			users = append(users, *sn.LiftedBy)
		}
		if sn.LiftedByOrganisationID != nil {
			orgs = append(orgs, *sn.LiftedByOrganisationID)
		}
	}
	actors, err := identity.Actors(ctx, idb, users)
	if err != nil {
		return err
	}
	names, err := identity.OrganisationNames(ctx, idb, orgs)
	if err != nil {
		return err
	}
	for i := range list {
		sn := &list[i]
		sn.ImposedByOrg = names[sn.ImposedByOrganisationID]
		sn.ImposedByName = actors[sn.ImposedBy].DisplayName
		if sn.LiftedBy != nil {
			name := actors[*sn.LiftedBy].DisplayName
			sn.LiftedByName = &name
		}
		if sn.LiftedByOrganisationID != nil {
			org := names[*sn.LiftedByOrganisationID]
			sn.LiftedByOrg = &org
		}
	}
	return nil
}

// sanctions lists an agency's sanctions, newest first, marking those in force at now.
func (s *Service) sanctions(ctx context.Context, orgID int64, now time.Time) ([]Sanction, error) {
	var list []Sanction
	err := selectSanctions(s.db, &list, now).Where("s.organisation_id = ?", orgID).OrderExpr("s.starts_at DESC, s.id DESC").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("list sanctions: %w", err)
	}
	if err := withNames(ctx, s.db, list); err != nil {
		return nil, err
	}
	return list, nil
}

// Impose suspends or blacklists an agency from now, by the database clock.
func (s *Service) Impose(ctx context.Context, actor *authz.Principal, orgID int64, in SanctionInput) (*Sanction, error) {
	var out *Sanction
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		org, err := s.organisation(ctx, tx, orgID)
		if err != nil {
			return err
		}
		now, err := s.clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		var f errs.Fields
		if in.Kind != Suspension && in.Kind != Blacklist {
			f.Add("body.kind", "sanction_kind", "suspension or blacklist")
		}
		checkText(&f, "body.reason", in.Reason, 2, 1000)
		checkText(&f, "body.legalBasis", in.LegalBasis, 2, 500)
		if in.Kind == Suspension && in.EndsAt == nil {
			f.Add("body.endsAt", "ends_at_required", "a suspension needs an end date")
		}
		if in.EndsAt != nil && !in.EndsAt.After(now) {
			f.Add("body.endsAt", "ends_at_past", "the end must lie in the future")
		}
		if err := f.Err(); err != nil {
			return err
		}
		if err := sanctionable(org); err != nil {
			return err
		}
		out = &Sanction{OrganisationID: orgID, Kind: in.Kind, Reason: strings.TrimSpace(in.Reason),
			LegalBasis: strings.TrimSpace(in.LegalBasis), StartsAt: now, EndsAt: in.EndsAt,
			ImposedBy: actor.UserID, ImposedByOrganisationID: actor.OrgID}
		if _, err := tx.NewInsert().Model(out).Returning("id").Exec(ctx); err != nil {
			return fmt.Errorf("impose sanction: %w", err)
		}
		if err := selectSanctions(tx, out, now).Where("s.id = ?", out.ID).Scan(ctx); err != nil {
			return fmt.Errorf("read imposed sanction: %w", err)
		}
		list := []Sanction{*out}
		if err := withNames(ctx, tx, list); err != nil {
			return err
		}
		*out = list[0]
		if err := s.sanctionChanged(ctx, tx, orgID, now); err != nil {
			return err
		}
		return notify(ctx, tx, orgID, NoticeSanctionImposed, sanctionParams(out, ""), now)
	})
	return out, err
}

// Lift ends a sanction early. Separation of duties: only the regulator that
// imposed it, or the government service bureau that oversees the
// marketplace as a whole, may lift it.
func (s *Service) Lift(ctx context.Context, actor *authz.Principal, id int64, in LiftInput) error {
	if strings.TrimSpace(in.Reason) == "" {
		return errs.Field("body.reason", "reason_required", "say why the sanction is lifted early")
	}
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		now, err := s.clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		sn := new(Sanction)
		err = selectSanctions(tx, sn, now).Where("s.id = ?", id).For("UPDATE").Scan(ctx)
		if db.IsNoRows(err) {
			return errs.New(errs.NotFound, "sanction_not_found", "no such sanction")
		}
		if err != nil {
			return fmt.Errorf("get sanction %d: %w", id, err)
		}
		if err := liftable(actor, sn); err != nil {
			return err
		}
		_, err = tx.NewUpdate().Model(sn).
			Set("lifted_at = ?, lifted_by = ?, lifted_by_organisation_id = ?, lift_reason = ?", now, actor.UserID, actor.OrgID, strings.TrimSpace(in.Reason)).
			WherePK().Exec(ctx)
		if err != nil {
			return fmt.Errorf("lift sanction %d: %w", id, err)
		}
		if err := s.sanctionChanged(ctx, tx, sn.OrganisationID, now); err != nil {
			return err
		}
		return notify(ctx, tx, sn.OrganisationID, NoticeSanctionLifted, sanctionParams(sn, strings.TrimSpace(in.Reason)), now)
	})
}

// sanctionParams describe a sanction in a notification: its kind, reason
// and end, and why it was lifted early.
func sanctionParams(sn *Sanction, liftReason string) map[string]any {
	p := map[string]any{"sanctionId": sn.ID, "sanctionKind": sn.Kind, "reason": sn.Reason, "legalBasis": sn.LegalBasis}
	if sn.EndsAt != nil {
		p["endsAt"] = sn.EndsAt.Format(time.RFC3339)
	}
	if liftReason != "" {
		p["liftReason"] = liftReason
	}
	return p
}

// MayLift reports whether actor may lift sn: a user of the organisation
// that imposed it, or of the government service bureau.
func MayLift(actor *authz.Principal, sn *Sanction) bool {
	if actor == nil || actor.Role != authz.Regulator {
		return false
	}
	return actor.OrgID == sn.ImposedByOrganisationID || actor.Reviewer
}

// SanctionOwner returns the agency a sanction concerns.
func (s *Service) SanctionOwner(ctx context.Context, id int64) (int64, error) {
	var org int64
	err := s.db.NewSelect().Model((*Sanction)(nil)).Column("organisation_id").Where("id = ?", id).Scan(ctx, &org)
	if db.IsNoRows(err) {
		return 0, errs.New(errs.NotFound, "sanction_not_found", "no such sanction")
	}
	if err != nil {
		return 0, fmt.Errorf("sanction owner %d: %w", id, err)
	}
	return org, nil
}

// OnSanctionChanged adds a hook run in the transaction that imposes or
// lifts a sanction of agency orgID. The capabilities above the agency's
// (the contract capability's credit score) register theirs at start-up,
// since agency may not call upward.
func (s *Service) OnSanctionChanged(hook func(ctx context.Context, idb bun.IDB, orgID int64, now time.Time) error) {
	s.sanctionHooks = append(s.sanctionHooks, hook)
}

func (s *Service) sanctionChanged(ctx context.Context, idb bun.IDB, orgID int64, now time.Time) error {
	for _, hook := range s.sanctionHooks {
		if err := hook(ctx, idb, orgID, now); err != nil {
			return err
		}
	}
	return nil
}

// SanctionsOf lists the sanctions of the agencies orgIDs that started after
// since, oldest first, each marked in force or not at now.
func SanctionsOf(ctx context.Context, idb bun.IDB, orgIDs []int64, since, now time.Time) ([]Sanction, error) {
	list := []Sanction{}
	if len(orgIDs) == 0 {
		return list, nil
	}
	err := selectSanctions(idb, &list, now).Where("s.organisation_id IN (?)", bun.In(orgIDs)).
		Where("s.starts_at > ?", since).OrderExpr("s.starts_at, s.id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("sanctions of agencies: %w", err)
	}
	return list, nil
}
