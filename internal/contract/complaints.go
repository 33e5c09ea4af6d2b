package contract

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/db"
)

// What supervision's complaints (投诉) need of contract: the facts of the
// contract complained about, and the deduction of an upheld complaint
// against an agency from its credit score. Each runs in the caller's
// transaction.

// CreditComplaint is deducted from an agency's credit score for each
// complaint against it upheld within CreditSanctionYears: 5 points.
const CreditComplaint = 500

// Subject is a contract as a complaint about it sees it.
type Subject struct {
	ContractID     int64
	Code           string
	Title          string
	Status         string
	AnnouncementID int64
	OwnerID        int64
	AgencyID       int64
	ItemID         int64
	RegionCode     string
}

// ComplaintSubject is contract id as a complaint sees it.
func ComplaintSubject(ctx context.Context, idb bun.IDB, id int64) (*Subject, error) {
	c := new(Contract)
	if err := db.One(idb.NewSelect().Model(c).Where("c.id = ?", id).Scan(ctx), "read contract", errContractNotFound); err != nil {
		return nil, err
	}
	return &Subject{ContractID: c.ID, Code: c.Code, Title: c.Title, Status: c.Status, AnnouncementID: c.AnnouncementID,
		OwnerID: c.OwnerID, AgencyID: c.AgencyID, ItemID: c.ItemID, RegionCode: c.RegionCode}, nil
}

// creditComplaint is an upheld complaint against an agency, as the credit
// score counts it.
type creditComplaint struct {
	bun.BaseModel `bun:"table:credit_complaints"`
	ComplaintID   int64     `bun:"complaint_id,pk"`
	AgencyID      int64     `bun:"agency_id,notnull"`
	UpheldAt      time.Time `bun:"upheld_at,notnull"`
}

// RecordUpheldComplaint counts complaint complaintID, upheld against
// agency at now, in the agency's credit score, and recomputes the score in
// the caller's transaction.
func RecordUpheldComplaint(ctx context.Context, idb bun.IDB, complaintID, agencyID int64, now time.Time) error {
	row := &creditComplaint{ComplaintID: complaintID, AgencyID: agencyID, UpheldAt: now}
	if _, err := idb.NewInsert().Model(row).On("CONFLICT (complaint_id) DO NOTHING").Exec(ctx); err != nil {
		return fmt.Errorf("record upheld complaint %d: %w", complaintID, err)
	}
	_, err := RecomputeCredit(ctx, idb, agencyID, now)
	return err
}

// upheldComplaints counts the complaints upheld against each agency in
// [since, now].
func upheldComplaints(ctx context.Context, idb bun.IDB, agencyIDs []int64, since, now time.Time) (map[int64]int, error) {
	var rows []struct {
		AgencyID int64
		N        int
	}
	err := idb.NewSelect().Model((*creditComplaint)(nil)).ColumnExpr("agency_id, count(*) AS n").
		Where("agency_id IN (?) AND upheld_at > ? AND upheld_at <= ?", bun.In(agencyIDs), since, now).
		Group("agency_id").Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("upheld complaints: %w", err)
	}
	out := map[int64]int{}
	for _, r := range rows {
		out[r.AgencyID] = r.N
	}
	return out, nil
}
