package contract

import (
	"context"

	"github.com/uptrace/bun"

	"intermart/internal/db"
	"intermart/internal/errs"
)

// What supervision's red flags (风险提示) read of a contract, in the
// transaction of the change that raises them.

// AmendmentOf returns amendment id.
func AmendmentOf(ctx context.Context, idb bun.IDB, id int64) (*Amendment, error) {
	a := new(Amendment)
	if err := idb.NewSelect().Model(a).Where("am.id = ?", id).Scan(ctx); err != nil {
		return nil, db.One(err, "amendment", errs.New(errs.NotFound, "amendment_not_found", "no such amendment"))
	}
	return a, nil
}

// SubmissionTiming is when a submitted version of a milestone's
// deliverables came, against the milestone's due date.
type SubmissionTiming struct {
	SubmissionID  int64  `bun:"submission_id" json:"submissionId"`
	ContractID    int64  `bun:"contract_id" json:"contractId"`
	MilestoneID   int64  `bun:"milestone_id" json:"milestoneId"`
	MilestoneName string `bun:"milestone_name" json:"milestoneName"`
	Version       int    `bun:"version" json:"version"`
	// DueOn and SubmittedOn are dates in Asia/Shanghai, YYYY-MM-DD.
	DueOn       string `bun:"due_on" json:"dueOn"`
	SubmittedOn string `bun:"submitted_on" json:"submittedOn"`
	// DaysLate counts calendar days after the due date (0: on time).
	DaysLate int `bun:"days_late" json:"daysLate"`
}

// SubmissionTimingOf returns the timing of submitted version id.
func SubmissionTimingOf(ctx context.Context, idb bun.IDB, id int64) (*SubmissionTiming, error) {
	st := new(SubmissionTiming)
	err := idb.NewRaw(`SELECT sub.id AS submission_id, sub.contract_id, sub.milestone_id, m.name AS milestone_name, sub.version,
		to_char(m.due_on, 'YYYY-MM-DD') AS due_on,
		to_char((sub.submitted_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS submitted_on,
		greatest((sub.submitted_at AT TIME ZONE 'Asia/Shanghai')::date - m.due_on, 0) AS days_late
		FROM submissions sub JOIN milestones m ON m.id = sub.milestone_id
		WHERE sub.id = ? AND sub.submitted_at IS NOT NULL`, id).Scan(ctx, st)
	if err != nil {
		return nil, db.One(err, "submission", errs.New(errs.NotFound, "submission_not_found", "no such submitted version"))
	}
	return st, nil
}
