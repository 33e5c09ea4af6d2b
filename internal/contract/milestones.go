package contract

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/audit"
	"intermart/internal/authz"
	"intermart/internal/errs"
	"intermart/internal/workdays"
)

// SplitWorkdays is the service period from which the derived milestones
// are two (an interim report at half the period, the final one at its end)
// rather than one final milestone.
const SplitWorkdays = 10

// deriveMilestones creates the milestones of contract c at activation from
// its committed service period: one final milestone at the period's end,
// preceded by an interim one at half the period when the period is at
// least SplitWorkdays working days.
func deriveMilestones(ctx context.Context, idb bun.IDB, c *Contract, now time.Time) error {
	plan := []MilestoneInput{{Name: "最终成果", Workdays: c.ServiceWorkdays}}
	if c.ServiceWorkdays >= SplitWorkdays {
		plan = append([]MilestoneInput{{Name: "中期成果", Workdays: c.ServiceWorkdays / 2}}, plan...)
	}
	return writeMilestones(ctx, idb, c, plan, now)
}

// writeMilestones stores plan as c's milestones, due in working days after
// its start; the last is final.
func writeMilestones(ctx context.Context, idb bun.IDB, c *Contract, plan []MilestoneInput, now time.Time) error {
	if c.StartsOn == nil {
		return fmt.Errorf("contract %d has no start date", c.ID)
	}
	for i, m := range plan {
		due, err := workdays.Add(ctx, idb, *c.StartsOn, m.Workdays)
		if err != nil {
			return err
		}
		row := &Milestone{ContractID: c.ID, Seq: i + 1, Name: m.Name, Workdays: m.Workdays, DueOn: due, Final: i == len(plan)-1, CreatedAt: now}
		if _, err := idb.NewInsert().Model(row).Column("contract_id", "seq", "name", "workdays", "due_on", "final", "created_at").Exec(ctx); err != nil {
			return fmt.Errorf("milestone %d of contract %d: %w", i+1, c.ID, err)
		}
	}
	return nil
}

// Milestones returns the milestones of contract id in order.
func Milestones(ctx context.Context, idb bun.IDB, id int64) ([]Milestone, error) {
	list := []Milestone{}
	if err := idb.NewSelect().Model(&list).Where("m.contract_id = ?", id).Order("m.seq").Scan(ctx); err != nil {
		return nil, fmt.Errorf("milestones of contract %d: %w", id, err)
	}
	return list, nil
}

// MilestoneInput is one milestone of a plan.
type MilestoneInput struct {
	Name     string `json:"name" minLength:"1" maxLength:"200"`
	Workdays int    `json:"workdays" minimum:"1" maximum:"1000" doc:"Working days after the start by which it is due"`
}

// MilestonePlan replaces the milestones of an active contract.
type MilestonePlan struct {
	Milestones []MilestoneInput `json:"milestones" minItems:"1" maxItems:"20"`
}

// ReplaceMilestones replaces the milestones of contract id. The owner
// keeps the plan, while no deliverable has been submitted: the agency is
// told of every change, and the last milestone (the final one) stays at
// the committed period, which only a period amendment changes.
func (s *Service) ReplaceMilestones(ctx context.Context, p *authz.Principal, id int64, in MilestonePlan) ([]Milestone, error) {
	var out []Milestone
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		c, role, now, err := s.actingParty(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if role != RoleOwner {
			return errs.New(errs.Forbidden, "milestones_owner_only", "the owner keeps the milestones")
		}
		if c.Status != StatusActive {
			return conflict("contract_not_active", "milestones change only while the contract is active")
		}
		n, err := tx.NewSelect().Model((*Submission)(nil)).Where("contract_id = ?", c.ID).Count(ctx)
		if err != nil {
			return err
		}
		if n > 0 {
			return conflict("milestones_submitted", "deliverables have been submitted: the milestones can no longer change")
		}
		var f errs.Fields
		prev := 0
		for i := range in.Milestones {
			m := &in.Milestones[i]
			m.Name = strings.TrimSpace(m.Name)
			field := fmt.Sprintf("body.milestones[%d]", i)
			if m.Name == "" {
				f.Add(field+".name", "name_required", "name the milestone")
			}
			if m.Workdays <= prev {
				f.Add(field+".workdays", "milestones_order", "each milestone is due after the one before")
			}
			prev = m.Workdays
		}
		if last := in.Milestones[len(in.Milestones)-1]; last.Workdays != c.ServiceWorkdays {
			f.Add(fmt.Sprintf("body.milestones[%d].workdays", len(in.Milestones)-1), "final_at_period",
				"the final milestone is due at the committed service period")
		}
		if err := f.Err(); err != nil {
			return err
		}
		before, err := Milestones(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model((*Milestone)(nil)).Where("contract_id = ?", c.ID).Exec(ctx); err != nil {
			return err
		}
		if err := writeMilestones(ctx, tx, c, in.Milestones, now); err != nil {
			return err
		}
		if err := s.appendEvent(ctx, tx, audit.Event{Chain: chain(c.ID), At: now, ActorUser: p.UserID, ActorOrg: p.OrgID,
			Action: "contract.milestones", Before: plainPlan(before), After: in.Milestones}); err != nil {
			return err
		}
		if err := notifyOrg(ctx, tx, c.AgencyID, c, NoticeMilestonesChanged, nil, now); err != nil {
			return err
		}
		out, err = Milestones(ctx, tx, c.ID)
		return err
	})
	return out, err
}

func plainPlan(ms []Milestone) []MilestoneInput {
	out := make([]MilestoneInput, len(ms))
	for i, m := range ms {
		out[i] = MilestoneInput{Name: m.Name, Workdays: m.Workdays}
	}
	return out
}
