package contract

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/identity"
	"intermart/internal/workdays"
)

// ContractPerformance is one contract's timeline against its committed working
// days (the regulator's view of performance, the basis of supervision).
type ContractPerformance struct {
	ContractView
	MilestonesDue  int        `json:"milestonesDue" doc:"Milestones whose due date has passed"`
	MilestonesMet  int        `json:"milestonesMet" doc:"Milestones accepted by their due date"`
	MilestonesLate int        `json:"milestonesLate" doc:"Milestones accepted late or overdue"`
	NextDueOn      *time.Time `json:"nextDueOn,omitempty" doc:"The due date of the first milestone not yet accepted"`
	Submissions    int        `json:"submissions" doc:"Deliverable submissions made"`
	Returns        int        `json:"returns" doc:"Submissions returned with comments"`
	WorkdaysUsed   *int       `json:"workdaysUsed,omitempty" doc:"Working days from the start to acceptance, or to today while in progress"`
}

type milestoneCounts struct {
	ContractID  int64      `bun:"contract_id"`
	Due         int        `bun:"due"`
	Met         int        `bun:"met"`
	Late        int        `bun:"late"`
	NextDueOn   *time.Time `bun:"next_due_on"`
	Submissions int        `bun:"submissions"`
	Returns     int        `bun:"returns"`
}

// Performance lists every contract's timeline for the regulators, filtered
// like List (region, owner, agency, item, status, late only).
func (s *Service) Performance(ctx context.Context, p *authz.Principal, f ContractFilter) ([]ContractPerformance, error) {
	return s.performance(ctx, p, f, MaxContracts)
}

// performance is Performance with up to limit contracts.
func (s *Service) performance(ctx context.Context, p *authz.Principal, f ContractFilter, limit int) ([]ContractPerformance, error) {
	if p == nil || p.OrgKind != identity.KindRegulator {
		return nil, errNotParty
	}
	list, err := s.list(ctx, p, f, limit)
	if err != nil {
		return nil, err
	}
	now, err := s.Clock.Now(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	out := make([]ContractPerformance, len(list))
	ids := make([]int64, len(list))
	for i, c := range list {
		out[i].ContractView = c
		ids[i] = c.ID
	}
	if len(ids) == 0 {
		return out, nil
	}
	var counts []milestoneCounts
	err = s.DB.NewRaw(`SELECT c.id AS contract_id,
			(SELECT count(*) FROM milestones m WHERE m.contract_id = c.id AND m.due_on < (?0 AT TIME ZONE 'Asia/Shanghai')::date) AS due,
			(SELECT count(*) FROM milestones m WHERE m.contract_id = c.id AND m.accepted_at IS NOT NULL
				AND (m.accepted_at AT TIME ZONE 'Asia/Shanghai')::date <= m.due_on) AS met,
			(SELECT count(*) FROM milestones m WHERE m.contract_id = c.id AND ((m.accepted_at IS NULL AND m.due_on < (?0 AT TIME ZONE 'Asia/Shanghai')::date)
				OR (m.accepted_at AT TIME ZONE 'Asia/Shanghai')::date > m.due_on)) AS late,
			(SELECT min(m.due_on) FROM milestones m WHERE m.contract_id = c.id AND m.accepted_at IS NULL) AS next_due_on,
			(SELECT count(*) FROM submissions sub WHERE sub.contract_id = c.id AND sub.submitted_at IS NOT NULL) AS submissions,
			(SELECT count(*) FROM submissions sub WHERE sub.contract_id = c.id AND sub.status = 'returned') AS returns
		FROM contracts c WHERE c.id IN (?1)`, now, bun.In(ids)).Scan(ctx, &counts)
	if err != nil {
		return nil, fmt.Errorf("performance: %w", err)
	}
	byID := map[int64]milestoneCounts{}
	for _, c := range counts {
		byID[c.ContractID] = c
	}
	for i := range out {
		c := byID[out[i].ID]
		out[i].MilestonesDue, out[i].MilestonesMet, out[i].MilestonesLate = c.Due, c.Met, c.Late
		out[i].NextDueOn, out[i].Submissions, out[i].Returns = c.NextDueOn, c.Submissions, c.Returns
		if out[i].StartsOn != nil && out[i].Status != StatusTerminated {
			end := now
			if out[i].AcceptedAt != nil {
				end = *out[i].AcceptedAt
			}
			if !end.Before(*out[i].StartsOn) {
				n, err := workdays.Count(ctx, s.DB, *out[i].StartsOn, end)
				if err != nil {
					return nil, err
				}
				out[i].WorkdaysUsed = &n
			}
		}
	}
	return out, nil
}
