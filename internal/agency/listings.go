package agency

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/clock"
	"intermart/internal/db"
	"intermart/internal/errs"
)

// ListingInput is what the agency offers for an item.
type ListingInput struct {
	ItemID       int64  `json:"itemId"`
	FeeReference string `json:"feeReference" maxLength:"500" doc:"How the agency prices the service (收费参考)"`
	Commitment   string `json:"commitment" maxLength:"1000" doc:"Service commitment (服务承诺), e.g. time limits"`
}

// ListingChange changes a listing's terms.
type ListingChange struct {
	FeeReference string `json:"feeReference" maxLength:"500"`
	Commitment   string `json:"commitment" maxLength:"1000"`
}

func selectListings(idb bun.IDB, list *[]Listing) *bun.SelectQuery {
	return idb.NewSelect().Model(list).ColumnExpr("l.*").
		ColumnExpr("si.code AS item_code, si.name_zh AS item_name_zh, si.name_en AS item_name_en").
		ColumnExpr("si.regulator_id, si.category_code").
		Join("JOIN service_items si ON si.id = l.item_id")
}

// listings returns an agency's listings; approvedOnly for the public.
func (s *Service) listings(ctx context.Context, idb bun.IDB, orgID int64, approvedOnly bool) ([]Listing, error) {
	var list []Listing
	q := selectListings(idb, &list).Where("l.organisation_id = ?", orgID).Order("si.code")
	if approvedOnly {
		q = q.Where("l.approved_at IS NOT NULL")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("list listings: %w", err)
	}
	if approvedOnly {
		for i := range list {
			list[i].PendingFeeReference, list[i].PendingCommitment, list[i].PendingStatus, list[i].PendingSubmittedAt = nil, nil, nil, nil
		}
	}
	return list, nil
}

func (s *Service) listing(ctx context.Context, idb bun.IDB, id int64) (*Listing, error) {
	var list []Listing
	if err := selectListings(idb, &list).Where("l.id = ?", id).Scan(ctx); err != nil {
		return nil, fmt.Errorf("get listing: %w", err)
	}
	if len(list) == 0 {
		return nil, errs.New(errs.NotFound, "listing_not_found", "no such listing")
	}
	return &list[0], nil
}

// missingQualifications returns the qualification types an agency lacks for
// an item at date today: for each requirement, a qualification of the type
// at the required level or higher, in one of statuses and not expired.
func missingQualifications(ctx context.Context, idb bun.IDB, orgID, itemID int64, today time.Time, statuses []string) ([]int64, error) {
	var missing []int64
	err := idb.NewRaw(`SELECT r.type_id FROM service_item_requirements r
		JOIN qualification_levels minl ON minl.type_id = r.type_id AND minl.code = r.min_level_code
		WHERE r.item_id = ? AND NOT EXISTS (
			SELECT 1 FROM qualifications q
			JOIN qualification_levels ql ON ql.type_id = q.type_id AND ql.code = q.level_code
			WHERE q.organisation_id = ? AND q.type_id = r.type_id AND q.status IN (?)
			  AND q.valid_to >= ? AND ql.rank <= minl.rank)
		ORDER BY r.type_id`, itemID, orgID, bun.In(statuses), today).Scan(ctx, &missing)
	if err != nil {
		return nil, fmt.Errorf("check qualifications: %w", err)
	}
	return missing, nil
}

// AddListing offers an item. The agency must hold (or have applied with)
// the qualifications the item requires.
func (s *Service) AddListing(ctx context.Context, orgID int64, in ListingInput) (*Listing, error) {
	var f errs.Fields
	checkText(&f, "body.feeReference", in.FeeReference, 1, 500)
	checkText(&f, "body.commitment", in.Commitment, 1, 1000)
	item, err := s.catalog.Item(ctx, in.ItemID)
	if errs.Is(err, errs.NotFound) || (err == nil && !item.Active) {
		f.Add("body.itemId", "item_unknown", "choose an item of the catalogue")
	} else if err != nil {
		return nil, err
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	var id int64
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := s.organisation(ctx, tx, orgID); err != nil {
			return err
		}
		now, err := s.clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		missing, err := missingQualifications(ctx, tx, orgID, in.ItemID, clock.Today(now), []string{StatusDraft, StatusSubmitted, StatusApproved})
		if err != nil {
			return err
		}
		if len(missing) > 0 {
			return errs.Field("body.itemId", "not_qualified", "the agency holds no valid qualification of the type and level this item requires")
		}
		draft := StatusDraft
		fee, commitment := strings.TrimSpace(in.FeeReference), strings.TrimSpace(in.Commitment)
		l := &Listing{OrganisationID: orgID, ItemID: in.ItemID, PendingFeeReference: &fee, PendingCommitment: &commitment, PendingStatus: &draft}
		if _, err := tx.NewInsert().Model(l).Returning("id").Exec(ctx); err != nil {
			if _, dup := db.UniqueViolation(err); dup {
				return errs.Field("body.itemId", "listing_exists", "the agency already lists this item")
			}
			return fmt.Errorf("add listing: %w", err)
		}
		id = l.ID
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.listing(ctx, s.db, id)
}

// ChangeListing proposes new terms. An approved listing keeps its approved
// terms public until the change is approved.
func (s *Service) ChangeListing(ctx context.Context, orgID, id int64, in ListingChange) (*Listing, error) {
	var f errs.Fields
	checkText(&f, "body.feeReference", in.FeeReference, 1, 500)
	checkText(&f, "body.commitment", in.Commitment, 1, 1000)
	if err := f.Err(); err != nil {
		return nil, err
	}
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		l := new(Listing)
		err := tx.NewSelect().Model(l).Where("id = ? AND organisation_id = ?", id, orgID).For("UPDATE").Scan(ctx)
		if db.IsNoRows(err) {
			return errs.New(errs.NotFound, "listing_not_found", "no such listing")
		}
		if err != nil {
			return err
		}
		if l.PendingStatus != nil && *l.PendingStatus == StatusSubmitted {
			return errs.New(errs.Conflict, "under_review", "a change of this listing is under review")
		}
		_, err = tx.NewUpdate().Model((*Listing)(nil)).
			Set("pending_fee_reference = ?, pending_commitment = ?", strings.TrimSpace(in.FeeReference), strings.TrimSpace(in.Commitment)).
			Set("pending_status = ?, pending_submitted_at = NULL, updated_at = now()", StatusDraft).
			Where("id = ?", id).Exec(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.listing(ctx, s.db, id)
}

// ListingOwner returns the agency of a listing (0 when none), for scoping.
func (s *Service) ListingOwner(ctx context.Context, id int64) (int64, error) {
	var org int64
	err := s.db.NewSelect().Model((*Listing)(nil)).Column("organisation_id").Where("id = ?", id).Scan(ctx, &org)
	if db.IsNoRows(err) {
		return 0, nil
	}
	return org, err
}

// ListingRegulator returns the regulator in charge of a listing's item (0
// when none): the only regulator who may decide on it.
func (s *Service) ListingRegulator(ctx context.Context, id int64) (int64, error) {
	var reg int64
	err := s.db.NewRaw("SELECT si.regulator_id FROM listings l JOIN service_items si ON si.id = l.item_id WHERE l.id = ?", id).Scan(ctx, &reg)
	if db.IsNoRows(err) {
		return 0, nil
	}
	return reg, err
}
