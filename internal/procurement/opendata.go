package procurement

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/catalog"
	"intermart/internal/db"
	"intermart/internal/identity"
)

// What open data (internal/opendata) reads of the announcements: the
// moments worth a release, and an announcement as the public may see it.
// Both are built only from what is already public — the notice, and the
// result once registration has closed — so nothing sealed is reachable.

// The stages of an announcement that open data publishes, in the order they
// happen; the contract capability continues the numbering.
const (
	OpenStageTender    = 1 // published
	OpenStageCancelled = 2 // cancelled before the deadline
	OpenStageClosed    = 3 // registration closed: registrants (and quotes) public
	OpenStageFailed    = 4 // failed (流标)
	OpenStageAwarded   = 5 // awarded after publicity
)

// OpenMoment is one published moment of a procurement: which announcement
// (and contract, or 0), which stage, and when it happened by the
// marketplace clock. Releases are paged in the order (At, AnnouncementID,
// Stage, ContractID).
type OpenMoment struct {
	At             time.Time `bun:"at"`
	AnnouncementID int64     `bun:"announcement_id"`
	Stage          int       `bun:"stage"`
	ContractID     int64     `bun:"contract_id"`
}

// OpenMoments returns up to limit moments of announcements after the
// position after, in their order. A moment exists only once it has
// happened and is public: registration closed (not merely due), a result
// awarded.
func OpenMoments(ctx context.Context, idb bun.IDB, after OpenMoment, limit int) ([]OpenMoment, error) {
	// One branch per kind of moment, each read in its index's order from
	// the cursor on and cut at the page's size, then merged: a page reads
	// a few entries of each index (migration 20261202500000), not the table.
	var branches []string
	var args []any
	branch := func(column, where string, stage int, whereArgs ...any) {
		branches = append(branches, `(SELECT `+column+` AS at, id AS announcement_id, ? AS stage, 0::bigint AS contract_id
			FROM announcements WHERE `+where+` AND (`+column+`, id) >= (?, ?) ORDER BY `+column+`, id LIMIT ?)`)
		args = append(append(append(args, stage), whereArgs...), after.At, after.AnnouncementID, limit+1)
	}
	branch("published_at", "status <> ? AND published_at IS NOT NULL", OpenStageTender, StatusDraft)
	branch("cancelled_at", "status = ? AND cancelled_at IS NOT NULL", OpenStageCancelled, StatusCancelled)
	branch("closed_at", "status IN (?) AND closed_at IS NOT NULL", OpenStageClosed, bun.In(closedStates))
	branch("failed_at", "status = ? AND failed_at IS NOT NULL", OpenStageFailed, StatusFailed)
	branch("awarded_at", "status = ? AND awarded_at IS NOT NULL", OpenStageAwarded, StatusAwarded)
	var out []OpenMoment
	err := idb.NewRaw(`SELECT at, announcement_id, stage, contract_id FROM (`+strings.Join(branches, " UNION ALL ")+`) m
		WHERE (at, announcement_id, stage, contract_id) > (?, ?, ?, ?)
		ORDER BY at, announcement_id, stage, contract_id LIMIT ?`,
		append(args, after.At, after.AnnouncementID, after.Stage, after.ContractID, limit)...).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("open-data moments of announcements: %w", err)
	}
	return out, nil
}

// OpenParty is an organisation as open data names it.
type OpenParty struct {
	ID         int64
	Name       string
	CreditCode string
}

// OpenProcess is an announcement as the public may see it: the notice,
// and once registration has closed the result. Result is nil before.
type OpenProcess struct {
	ID        int64
	OCID      string
	Notice    *NoticeDetail
	Result    *Result
	Owner     OpenParty
	Regulator OpenParty // in charge of the service item: reviews complaints
	ItemCode  string
	// PublishedAt and ClosedAt (zero while open) date the tender's stages.
	PublishedAt time.Time
	ClosedAt    time.Time
}

// OpenProcessByOCID finds the published announcement with ocid; an unknown
// or unpublished one is not found.
func (s *Service) OpenProcessByOCID(ctx context.Context, ocid string) (int64, error) {
	var id int64
	err := s.DB.NewSelect().Model((*Announcement)(nil)).Column("id").Where("ocid = ? AND status <> ?", ocid, StatusDraft).Scan(ctx, &id)
	if err := db.One(err, "announcement by ocid", errNoticeNotFound); err != nil {
		return 0, err
	}
	return id, nil
}

// OpenProcess returns the published announcement id as the public sees it.
func (s *Service) OpenProcess(ctx context.Context, id int64) (*OpenProcess, error) {
	a := new(Announcement)
	err := s.DB.NewSelect().Model(a).Where("a.id = ? AND a.status <> ?", id, StatusDraft).Scan(ctx)
	if err := db.One(err, "open-data announcement", errNoticeNotFound); err != nil {
		return nil, err
	}
	p := &OpenProcess{ID: a.ID, OCID: deref(a.OCID), PublishedAt: *a.PublishedAt}
	if p.Notice, err = s.Notice(ctx, deref(a.Code)); err != nil {
		return nil, err
	}
	if isClosed(a.Status) {
		if p.Result, err = s.result(ctx, s.DB, a); err != nil {
			return nil, err
		}
		p.Result.Actions = []string{}
	}
	if a.ClosedAt != nil {
		p.ClosedAt = *a.ClosedAt
	}
	items, err := catalog.ItemSummaries(ctx, s.DB, []int64{a.ItemID})
	if err != nil {
		return nil, err
	}
	p.ItemCode = items[a.ItemID].Code
	if p.Owner, err = openParty(ctx, s.DB, a.OwnerID); err != nil {
		return nil, err
	}
	if reg := items[a.ItemID].RegulatorID; reg != 0 {
		if p.Regulator, err = openParty(ctx, s.DB, reg); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func openParty(ctx context.Context, idb bun.IDB, id int64) (OpenParty, error) {
	o, err := identity.FindOrganisation(ctx, idb, id, false)
	if err != nil {
		return OpenParty{}, err
	}
	return OpenParty{ID: o.ID, Name: o.Name, CreditCode: o.CreditCode}, nil
}
