package procurement

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/db"
	"intermart/internal/errs"
)

// What supervision's red flags (风险提示) read of a procurement, in the
// transaction of the change that raises them. Nothing sealed is read here:
// registrants and quotes come back only once registration has closed.

// IntegrityAnnouncement is what a red flag needs of an announcement.
type IntegrityAnnouncement struct {
	ID         int64  `bun:"id"`
	OwnerID    int64  `bun:"owner_id"`
	ItemID     int64  `bun:"item_id"`
	RegionCode string `bun:"region_code"`
	Code       string `bun:"code"`
	Title      string `bun:"title"`
	Method     string `bun:"method"`
	Status     string `bun:"status"`
	CeilingFen int64  `bun:"ceiling_fen"`
}

// IntegrityAnnouncementOf returns announcement id as a red flag sees it.
func IntegrityAnnouncementOf(ctx context.Context, idb bun.IDB, id int64) (*IntegrityAnnouncement, error) {
	a := new(IntegrityAnnouncement)
	err := idb.NewRaw(`SELECT id, owner_id, item_id, region_code, coalesce(code, '') AS code, title, method, status, ceiling_fen
		FROM announcements WHERE id = ?`, id).Scan(ctx, a)
	if err != nil {
		return nil, db.One(err, "announcement", errs.New(errs.NotFound, "announcement_not_found", "no such announcement"))
	}
	return a, nil
}

// OpenedRegistrant is a registration as it stands once registration has
// closed: its quote opened (lowest price and comprehensive review) and its
// eligibility judged again.
type OpenedRegistrant struct {
	RegistrationID int64  `bun:"id" json:"registrationId"`
	AgencyID       int64  `bun:"agency_id" json:"agencyId"`
	Eligible       bool   `bun:"eligible" json:"eligible"`
	QuoteFen       *int64 `bun:"quote_fen" json:"quoteFen,omitempty"`
}

// OpenedRegistrants lists the current registrations of announcement id once
// its registration has closed, and none before: the condition on the
// announcement's status is in the statement, so no caller can read sealed
// registrations through it.
func OpenedRegistrants(ctx context.Context, idb bun.IDB, id int64) ([]OpenedRegistrant, error) {
	var out []OpenedRegistrant
	err := idb.NewRaw(`SELECT r.id, r.agency_id, coalesce(r.eligible, false) AS eligible, r.quote_fen
		FROM registrations r JOIN announcements a ON a.id = r.announcement_id
		WHERE r.announcement_id = ? AND r.status = ? AND a.status NOT IN (?, ?, ?) AND a.closed_at IS NOT NULL
		ORDER BY r.id`, id, RegistrationActive, StatusDraft, StatusOpen, StatusCancelled).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("opened registrants of announcement %d: %w", id, err)
	}
	return out, nil
}

// IntegritySelection is an announcement's current selection (not voided).
type IntegritySelection struct {
	ID             int64     `bun:"id"`
	Method         string    `bun:"method"`
	WinnerAgencyID int64     `bun:"agency_id"`
	DealPriceFen   *int64    `bun:"deal_price_fen"`
	Status         string    `bun:"status"`
	SelectedAt     time.Time `bun:"selected_at"`
}

// CurrentSelection returns the current selection of announcement id.
func CurrentSelection(ctx context.Context, idb bun.IDB, id int64) (*IntegritySelection, error) {
	sel := new(IntegritySelection)
	err := idb.NewRaw(`SELECT sel.id, sel.method, r.agency_id, sel.deal_price_fen, sel.status, sel.selected_at
		FROM selections sel JOIN registrations r ON r.id = sel.winner_id
		WHERE sel.announcement_id = ? AND sel.status <> ?`, id, SelectionVoided).Scan(ctx, sel)
	if err != nil {
		return nil, db.One(err, "selection", errs.New(errs.NotFound, "selection_not_found", "no current selection"))
	}
	return sel, nil
}

// ItemAgencyAwards counts the awards one agency won for one service item.
type ItemAgencyAwards struct {
	ItemID   int64 `bun:"item_id"`
	AgencyID int64 `bun:"agency_id"`
	Awards   int   `bun:"awards"`
}

// AwardsByItemAgency counts, per service item and winning agency, the
// announcements awarded in (from, to]; itemID 0 means every item.
func AwardsByItemAgency(ctx context.Context, idb bun.IDB, itemID int64, from, to time.Time) ([]ItemAgencyAwards, error) {
	var out []ItemAgencyAwards
	err := idb.NewRaw(`SELECT a.item_id, r.agency_id, count(*)::int AS awards
		FROM announcements a
		JOIN selections sel ON sel.announcement_id = a.id AND sel.status = ?
		JOIN registrations r ON r.id = sel.winner_id
		WHERE a.status = ? AND a.awarded_at > ? AND a.awarded_at <= ? AND (? = 0 OR a.item_id = ?)
		GROUP BY a.item_id, r.agency_id ORDER BY a.item_id, awards DESC, r.agency_id`,
		SelectionAwarded, StatusAwarded, from, to, itemID, itemID).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("awards by item and agency: %w", err)
	}
	return out, nil
}

// DirectSelectionRef is one direct selection (直接选取) of an owner.
type DirectSelectionRef struct {
	AnnouncementID int64     `bun:"announcement_id" json:"announcementId"`
	Code           string    `bun:"code" json:"code"`
	Title          string    `bun:"title" json:"title"`
	CeilingFen     int64     `bun:"ceiling_fen" json:"ceilingFen"`
	SelectedAt     time.Time `bun:"selected_at" json:"selectedAt"`
}

// DirectSelectionsFrom lists owner's current (not voided) direct selections
// of item made in [from, to] whose announcement's ceiling is at least
// minCeilingFen, oldest first.
func DirectSelectionsFrom(ctx context.Context, idb bun.IDB, ownerID, itemID, minCeilingFen int64, from, to time.Time) ([]DirectSelectionRef, error) {
	var out []DirectSelectionRef
	err := idb.NewRaw(`SELECT a.id AS announcement_id, coalesce(a.code, '') AS code, a.title, a.ceiling_fen, sel.selected_at
		FROM selections sel JOIN announcements a ON a.id = sel.announcement_id
		WHERE a.owner_id = ? AND a.item_id = ? AND sel.method = ? AND sel.status <> ?
		AND a.ceiling_fen >= ? AND sel.selected_at >= ? AND sel.selected_at <= ?
		ORDER BY sel.selected_at, a.id`, ownerID, itemID, MethodDirect, SelectionVoided, minCeilingFen, from, to).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("direct selections of owner %d: %w", ownerID, err)
	}
	return out, nil
}
