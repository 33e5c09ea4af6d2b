package agency

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/uptrace/bun"

	"intermart/internal/catalog"
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

// listings returns an agency's listings, by item code.
func (s *Service) listings(ctx context.Context, idb bun.IDB, orgID int64) ([]Listing, error) {
	var list []Listing
	if err := idb.NewSelect().Model(&list).Where("l.organisation_id = ?", orgID).Scan(ctx); err != nil {
		return nil, fmt.Errorf("list listings: %w", err)
	}
	if err := describeListings(ctx, idb, list); err != nil {
		return nil, err
	}
	return list, nil
}

// describeListings fills in the items' codes, names and regulators from the
// catalogue, and orders the list by item code.
func describeListings(ctx context.Context, idb bun.IDB, list []Listing) error {
	ids := make([]int64, len(list))
	for i := range list {
		ids[i] = list[i].ItemID
	}
	items, err := catalog.ItemSummaries(ctx, idb, ids)
	if err != nil {
		return err
	}
	for i := range list {
		it := items[list[i].ItemID]
		list[i].ItemCode, list[i].ItemNameZH, list[i].ItemNameEN = it.Code, it.NameZH, it.NameEN
		list[i].RegulatorID, list[i].CategoryCode = it.RegulatorID, it.CategoryCode
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].ItemCode < list[j].ItemCode })
	return nil
}

func (s *Service) listing(ctx context.Context, idb bun.IDB, id int64) (*Listing, error) {
	l := new(Listing)
	if err := db.One(idb.NewSelect().Model(l).Where("l.id = ?", id).Scan(ctx), fmt.Sprintf("get listing %d", id), errListingNotFound); err != nil {
		return nil, err
	}
	list := []Listing{*l}
	if err := describeListings(ctx, idb, list); err != nil {
		return nil, err
	}
	return &list[0], nil
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
		missing, err := missingQualifications(ctx, tx, orgID, in.ItemID, clock.Today(now), false)
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
			return db.Violation(err, "add listing", map[string]error{
				"listings_organisation_id_item_id_key": errs.Field("body.itemId", "listing_exists", "the agency already lists this item"),
			})
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
		if err := db.One(err, fmt.Sprintf("lock listing %d", id), errListingNotFound); err != nil {
			return err
		}
		if l.PendingStatus != nil && *l.PendingStatus == StatusSubmitted {
			return errs.New(errs.Conflict, "under_review", "a change of this listing is under review")
		}
		_, err = tx.NewUpdate().Model((*Listing)(nil)).
			Set("pending_fee_reference = ?, pending_commitment = ?", strings.TrimSpace(in.FeeReference), strings.TrimSpace(in.Commitment)).
			Set("pending_status = ?, pending_submitted_at = NULL, updated_at = now()", StatusDraft).
			Where("id = ?", id).Exec(ctx)
		if err != nil {
			return fmt.Errorf("change listing %d: %w", id, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.listing(ctx, s.db, id)
}

// ListingOwner returns the agency of a listing, for scoping; a missing one
// is errs.NotFound.
func (s *Service) ListingOwner(ctx context.Context, id int64) (int64, error) {
	return db.Owner(ctx, s.db, (*Listing)(nil), id, errListingNotFound)
}

// ListingRegulator returns the regulator in charge of a listing's item: the
// only regulator who may decide on it. A missing listing is errs.NotFound.
func (s *Service) ListingRegulator(ctx context.Context, id int64) (int64, error) {
	itemID, err := db.Column[int64](ctx, s.db, (*Listing)(nil), "item_id", id, errListingNotFound)
	if err != nil {
		return 0, err
	}
	return catalog.ItemRegulator(ctx, s.db, itemID)
}
