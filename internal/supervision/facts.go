package supervision

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/audit"
	"intermart/internal/clock"
	"intermart/internal/contract"
	"intermart/internal/procurement"
)

// Kinds of fact (统计事实), one per counted event; see the migration
// 20261202100000_supervision_facts.
const (
	FactPublished  = "published"
	FactAwarded    = "awarded"
	FactRegistered = "registered"
	FactCompleted  = "completed"
	FactComplaint  = "complaint"
)

// fact is one counted event, with the dimensions it is counted under.
type fact struct {
	bun.BaseModel `bun:"table:supervision_facts,alias:f"`

	ID             int64     `bun:"id,pk,autoincrement"`
	Kind           string    `bun:"kind,notnull"`
	SubjectID      int64     `bun:"subject_id,notnull"`
	At             time.Time `bun:"at,notnull"`
	Day            time.Time `bun:"day,type:date,notnull"`
	AnnouncementID int64     `bun:"announcement_id,notnull"`
	ContractID     *int64    `bun:"contract_id"`
	Code           string    `bun:"code,notnull"`
	Title          string    `bun:"title,notnull"`
	RegionCode     string    `bun:"region_code,notnull"`
	OwnerID        int64     `bun:"owner_id,notnull"`
	AgencyID       *int64    `bun:"agency_id"`
	ItemID         int64     `bun:"item_id,notnull"`
	Method         string    `bun:"method,notnull"`
	CeilingFen     *int64    `bun:"ceiling_fen"`
	DealFen        *int64    `bun:"deal_fen"`
	OnTime         *bool     `bun:"on_time"`
	Upheld         *bool     `bun:"upheld"`
}

// shanghaiDay is the Asia/Shanghai date of t, as a date at UTC midnight.
func shanghaiDay(t time.Time) time.Time {
	y, m, d := t.In(clock.Shanghai).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// insertFact stores f once: a fact that is already there (the same kind
// of the same subject) stays as it was, so each event counts once.
func insertFact(ctx context.Context, idb bun.IDB, f *fact) error {
	f.Day = shanghaiDay(f.At)
	if _, err := idb.NewInsert().Model(f).ExcludeColumn("id").On("CONFLICT (kind, subject_id) DO NOTHING").Exec(ctx); err != nil {
		return fmt.Errorf("%s fact of %d: %w", f.Kind, f.SubjectID, err)
	}
	return nil
}

// chainID is the id in a chain such as "announcement:12".
func chainID(chain, kind string) (int64, bool) {
	rest, ok := strings.CutPrefix(chain, kind+":")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	return id, err == nil
}

// onProcurementChange keeps the facts of announcements: their first
// publication and their award (procurement.Service.OnChange).
func (s *Service) onProcurementChange(ctx context.Context, tx bun.IDB, e audit.Event) error {
	kind := ""
	switch e.Action {
	case "announcement.publish":
		kind = FactPublished
	case "announcement.award":
		kind = FactAwarded
	default:
		return nil
	}
	id, ok := chainID(e.Chain, "announcement")
	if !ok {
		return nil
	}
	a, err := procurement.StatisticsOf(ctx, tx, id)
	if err != nil {
		return err
	}
	f := &fact{Kind: kind, SubjectID: a.ID, At: e.At, AnnouncementID: a.ID, Code: a.Code, Title: a.Title,
		RegionCode: a.RegionCode, OwnerID: a.OwnerID, ItemID: a.ItemID, Method: a.Method, CeilingFen: &a.CeilingFen}
	if kind == FactAwarded {
		f.AgencyID, f.DealFen = a.AgencyID, a.DealPriceFen
	}
	return insertFact(ctx, tx, f)
}

// onContractChange keeps the facts of contracts: the deal price of a
// direct selection agreed at registration, a contract becoming active and
// its completion, on time or late (contract.Service.OnChange).
func (s *Service) onContractChange(ctx context.Context, tx bun.IDB, e audit.Event) error {
	switch e.Action {
	case "contract.register", "contract.confirm", "contract.complete":
	default:
		return nil
	}
	id, ok := chainID(e.Chain, "contract")
	if !ok {
		return nil
	}
	c, err := contract.StatisticsOf(ctx, tx, id)
	if err != nil {
		return err
	}
	if e.Action == "contract.register" {
		// A direct selection's award has no price until its contract is
		// registered: the agreed price becomes the award's deal price,
		// counted on the day of the award (docs/decisions.md).
		if c.PriceFen == nil {
			return nil
		}
		_, err := tx.NewUpdate().Model((*fact)(nil)).Set("deal_fen = ?", *c.PriceFen).
			Where("kind = ? AND subject_id = ? AND deal_fen IS NULL", FactAwarded, c.AnnouncementID).Exec(ctx)
		if err != nil {
			return fmt.Errorf("deal price of announcement %d: %w", c.AnnouncementID, err)
		}
		return nil
	}
	f := &fact{Kind: FactRegistered, SubjectID: c.ID, At: e.At, AnnouncementID: c.AnnouncementID, ContractID: &c.ID,
		Code: c.Code, Title: c.Title, RegionCode: c.RegionCode, OwnerID: c.OwnerID, AgencyID: &c.AgencyID, ItemID: c.ItemID,
		CeilingFen: &c.CeilingFen, DealFen: c.PriceFen}
	if e.Action == "contract.complete" {
		f.Kind, f.OnTime = FactCompleted, &c.OnTime
	}
	return insertFact(ctx, tx, f)
}

// Complaint is what the statistics count of a complaint (投诉): when it was
// filed and the announcement it concerns (that of the contract, for a
// complaint against a contract).
type Complaint struct {
	ID             int64
	AnnouncementID int64
	ContractID     *int64
	FiledAt        time.Time
}

// RecordComplaint counts complaint c as filed, in the filing's transaction.
// The complaint is counted under its announcement's region, owner and item
// (and agency, once the announcement is awarded).
func RecordComplaint(ctx context.Context, tx bun.IDB, c Complaint) error {
	a, err := procurement.StatisticsOf(ctx, tx, c.AnnouncementID)
	if err != nil {
		return err
	}
	upheld := false
	return insertFact(ctx, tx, &fact{Kind: FactComplaint, SubjectID: c.ID, At: c.FiledAt, AnnouncementID: a.ID,
		ContractID: c.ContractID, Code: a.Code, Title: a.Title, RegionCode: a.RegionCode, OwnerID: a.OwnerID,
		AgencyID: a.AgencyID, ItemID: a.ItemID, Method: a.Method, Upheld: &upheld})
}

// RecordComplaintDecision records whether complaint id was upheld, in the
// decision's transaction; it stays counted in the period it was filed in.
func RecordComplaintDecision(ctx context.Context, tx bun.IDB, id int64, upheld bool) error {
	_, err := tx.NewUpdate().Model((*fact)(nil)).Set("upheld = ?", upheld).
		Where("kind = ? AND subject_id = ?", FactComplaint, id).Exec(ctx)
	if err != nil {
		return fmt.Errorf("decision of complaint %d: %w", id, err)
	}
	return nil
}

// Watch registers the statistics' change hooks with procurement and the
// contract capability.
func (s *Service) Watch() {
	s.Procurement.OnChange(s.onProcurementChange)
	s.Contract.OnChange(s.onContractChange)
}
