package contract

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// The time limits of contracts supervision's early warnings (预警) watch.
const (
	// DeadlineRegistration: the contract registered and confirmed by
	// register_by.
	DeadlineRegistration = "contract_registration"
	// DeadlineMilestone: a milestone's deliverables accepted by its due
	// date, derived from the committed working days (承诺时限). While a
	// version awaits the owner's review the milestone is the owner's to
	// decide, not late on the agency's side.
	DeadlineMilestone = "milestone_overdue"
	// DeadlineAcceptance: the owner's review of a submitted version; its
	// length is supervision's rule, counted From the submission.
	DeadlineAcceptance = "acceptance_delayed"
)

// Deadline is a running time limit of a contract.
type Deadline struct {
	Rule           string `bun:"rule"`
	SubjectID      int64  `bun:"subject_id"`
	ContractID     int64  `bun:"contract_id"`
	AnnouncementID int64  `bun:"announcement_id"`
	OwnerID        int64  `bun:"owner_id"`
	AgencyID       int64  `bun:"agency_id"`
	RegionCode     string `bun:"region_code"`
	Code           string `bun:"code"`
	Title          string `bun:"title"`
	// Due is when the limit ends; zero for a limit counted From a moment.
	Due  time.Time  `bun:"due"`
	From *time.Time `bun:"from_at"`
}

// Deadlines lists the running time limits of contracts: registrations not
// yet confirmed, milestones not yet accepted (with nothing awaiting review)
// of contracts in force, and submitted versions awaiting review.
// contractID 0 lists every contract's; another value only that one's. A
// non-zero until leaves out the limits ending after it (and the reviews
// started after it), those not yet worth a warning.
func Deadlines(ctx context.Context, idb bun.IDB, contractID int64, until time.Time) ([]Deadline, error) {
	one := ""
	var args []any
	if contractID != 0 {
		one += " AND c.id = ?"
		args = append(args, contractID)
	}
	var regArgs, msArgs, subArgs []any
	regOne, msOne, subOne := one, one, one
	if !until.IsZero() {
		regOne += " AND c.register_by <= ?"
		msOne += " AND ((m.due_on + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') <= ?"
		subOne += " AND sub.submitted_at <= ?"
	}
	regArgs = append(append([]any{DeadlineRegistration, StatusAwaitingRegistration, StatusPendingConfirmation}, args...), cut(until)...)
	msArgs = append(append([]any{DeadlineMilestone, StatusActive}, args...), cut(until)...)
	subArgs = append(append([]any{DeadlineAcceptance, StatusActive}, args...), cut(until)...)
	all := append(append(regArgs, msArgs...), subArgs...)
	out := []Deadline{}
	err := idb.NewRaw(`SELECT ? AS rule, c.id AS subject_id, c.id AS contract_id, c.announcement_id, c.owner_id, c.agency_id,
			c.region_code, c.code, c.title, c.register_by AS due, NULL::timestamptz AS from_at
		FROM contracts c WHERE c.status IN (?, ?)`+regOne+`
		UNION ALL
		SELECT ?, m.id, c.id, c.announcement_id, c.owner_id, c.agency_id, c.region_code, c.code,
			c.title || ' · ' || m.name, ((m.due_on + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'), NULL
		FROM milestones m JOIN contracts c ON c.id = m.contract_id
		WHERE c.status = ? AND m.accepted_at IS NULL`+msOne+`
			AND NOT EXISTS (SELECT 1 FROM submissions sub WHERE sub.milestone_id = m.id AND sub.status IN ('submitted', 'accepted'))
		UNION ALL
		SELECT ?, sub.id, c.id, c.announcement_id, c.owner_id, c.agency_id, c.region_code, c.code,
			c.title || ' · ' || m.name || ' v' || sub.version, NULL, sub.submitted_at
		FROM submissions sub JOIN milestones m ON m.id = sub.milestone_id JOIN contracts c ON c.id = sub.contract_id
		WHERE c.status = ? AND sub.status = 'submitted'`+subOne, all...).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("contract deadlines: %w", err)
	}
	return out, nil
}

// cut is until as a query argument, or none when it is zero.
func cut(until time.Time) []any {
	if until.IsZero() {
		return nil
	}
	return []any{until}
}
