package contract

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// What the other party is told about deliverables (kinds of
// agency.Notification), in the transaction of the step it reports.
const (
	NoticeDeliverableSubmitted = "deliverable_submitted" // the agency submitted a version: the owner reviews it
	NoticeDeliverableReturned  = "deliverable_returned"  // the owner returned it with comments
	NoticeDeliverableAccepted  = "deliverable_accepted"  // the owner accepted a milestone's version
	NoticeContractAccepted     = "contract_accepted"     // final acceptance (验收): completed, certificate issued
)

// notifyDeliverable tells org about version sub of contract c: the
// milestone's number and name, the version and the owner's comments go with
// it, so the message reads without opening the contract.
func notifyDeliverable(ctx context.Context, idb bun.IDB, org int64, c *Contract, sub *Submission, kind string, now time.Time) error {
	m := new(Milestone)
	if err := idb.NewSelect().Model(m).Column("seq", "name").Where("m.id = ?", sub.MilestoneID).Scan(ctx); err != nil {
		return fmt.Errorf("milestone of submission %d: %w", sub.ID, err)
	}
	extra := map[string]any{"milestone": m.Seq, "milestoneName": m.Name, "version": sub.Version}
	if sub.Comments != nil {
		extra["comments"] = *sub.Comments
	}
	return notifyOrg(ctx, idb, org, c, kind, extra, now)
}
