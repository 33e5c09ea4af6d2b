package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/identity"
)

// ItemFilter narrows Items.
type ItemFilter struct {
	Category        string
	Query           string // part of the code or of either name
	RegulatorID     int64
	IncludeInactive bool
}

// maxItems bounds a listing; the whole catalogue is a few hundred items.
const maxItems = 1000

// Items returns the items matching filter, by code, with their requirements.
func (s *Service) Items(ctx context.Context, filter ItemFilter) ([]ServiceItem, error) {
	items := []ServiceItem{}
	q := selectItems(s.db, &items).OrderExpr("si.code").Limit(maxItems)
	if filter.Category != "" {
		q = q.Where("si.category_code = ?", filter.Category)
	}
	if filter.RegulatorID != 0 {
		q = q.Where("si.regulator_id = ?", filter.RegulatorID)
	}
	if !filter.IncludeInactive {
		q = q.Where("si.active")
	}
	if query := strings.TrimSpace(filter.Query); query != "" {
		like := db.Contains(query)
		q = q.Where("(si.code ILIKE ? OR si.name_zh ILIKE ? OR si.name_en ILIKE ?)", like, like, like)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("list service items: %w", err)
	}
	if err := withRequirements(ctx, s.db, items); err != nil {
		return nil, err
	}
	if err := s.markInUse(ctx, s.db, items); err != nil {
		return nil, err
	}
	return items, nil
}

// Item returns one item, retired or not, with its requirements.
func (s *Service) Item(ctx context.Context, id int64) (*ServiceItem, error) {
	return s.itemWithUse(ctx, s.db, id)
}

// itemWithUse is item with CodeLocked filled in.
func (s *Service) itemWithUse(ctx context.Context, idb bun.IDB, id int64) (*ServiceItem, error) {
	it, err := item(ctx, idb, id)
	if err != nil {
		return nil, err
	}
	one := []ServiceItem{*it}
	if err := s.markInUse(ctx, idb, one); err != nil {
		return nil, err
	}
	return &one[0], nil
}

func item(ctx context.Context, idb bun.IDB, id int64) (*ServiceItem, error) {
	var items []ServiceItem
	if err := selectItems(idb, &items).Where("si.id = ?", id).Scan(ctx); err != nil {
		return nil, fmt.Errorf("get service item %d: %w", id, err)
	}
	if len(items) == 0 {
		return nil, errItemNotFound
	}
	if err := withRequirements(ctx, idb, items); err != nil {
		return nil, err
	}
	return &items[0], nil
}

func selectItems(idb bun.IDB, items *[]ServiceItem) *bun.SelectQuery {
	return idb.NewSelect().Model(items).
		ColumnExpr("si.id, si.code, si.name_zh, si.name_en, si.category_code, si.regulator_id").
		ColumnExpr("si.legal_days, si.committed_days, si.description, si.active")
}

// withRequirements fills in the requirements of items with one query, and
// their regulators' names from identity.
func withRequirements(ctx context.Context, idb bun.IDB, items []ServiceItem) error {
	if len(items) == 0 {
		return nil
	}
	ids := make([]int64, len(items))
	regulators := make([]int64, len(items))
	for i := range items {
		ids[i] = items[i].ID
		regulators[i] = items[i].RegulatorID
		items[i].Requirements = []Requirement{}
	}
	names, err := identity.OrganisationNames(ctx, idb, regulators)
	if err != nil {
		return err
	}
	for i := range items {
		items[i].RegulatorName = names[items[i].RegulatorID]
	}
	var reqs []Requirement
	err = idb.NewRaw(`SELECT r.item_id, r.type_id, t.code AS type_code, t.name_zh AS type_name_zh, t.name_en AS type_name_en,
			r.min_level_code, l.name_zh AS min_level_name_zh, l.name_en AS min_level_name_en, l.rank AS min_level_rank
		FROM service_item_requirements AS r
		JOIN qualification_types AS t ON t.id = r.type_id
		JOIN qualification_levels AS l ON l.type_id = r.type_id AND l.code = r.min_level_code
		WHERE r.item_id IN (?)
		ORDER BY r.item_id, t.code`, bun.In(ids)).Scan(ctx, &reqs)
	if err != nil {
		return fmt.Errorf("requirements of service items: %w", err)
	}
	at := make(map[int64]int, len(items))
	for i := range items {
		at[items[i].ID] = i
	}
	for _, r := range reqs {
		i := at[r.ItemID]
		items[i].Requirements = append(items[i].Requirements, r)
	}
	return nil
}

// CreateItem adds an item to the catalogue.
func (s *Service) CreateItem(ctx context.Context, in ItemInput) (*ServiceItem, error) {
	var out *ServiceItem
	err := s.db.RunInTx(ctx, &sql.TxOptions{}, func(ctx context.Context, tx bun.Tx) error {
		if err := validateItem(ctx, tx, in); err != nil {
			return err
		}
		it := itemRow(in, true)
		if _, err := tx.NewInsert().Model(it).Returning("id").Exec(ctx); err != nil {
			return itemWriteError(err)
		}
		if err := storeRequirements(ctx, tx, it.ID, in.Requirements); err != nil {
			return err
		}
		var err error
		out, err = item(ctx, tx, it.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// UpdateItem replaces an item's fields and requirements. Setting active to
// false retires it; its history stays readable.
func (s *Service) UpdateItem(ctx context.Context, id int64, in ItemInput) (*ServiceItem, error) {
	var out *ServiceItem
	err := s.db.RunInTx(ctx, &sql.TxOptions{}, func(ctx context.Context, tx bun.Tx) error {
		var (
			active bool
			code   string
		)
		err := tx.NewSelect().Model((*ServiceItem)(nil)).Column("active", "code").Where("id = ?", id).For("UPDATE").Scan(ctx, &active, &code)
		if err := db.One(err, fmt.Sprintf("lock service item %d", id), errItemNotFound); err != nil {
			return err
		}
		if err := validateItem(ctx, tx, in); err != nil {
			return err
		}
		// The row lock above conflicts with the key-share lock a new
		// listing's foreign key takes on the item, so no listing can appear
		// between this check and the commit.
		if in.Code != code {
			used, err := s.itemsInUse(ctx, tx, []int64{id})
			if err != nil {
				return err
			}
			if used[id] {
				return errs.Field("body.code", "code_in_use", "the item is in use (listed by agencies or named in announcements), so its code stays "+code)
			}
		}
		it := itemRow(in, active)
		it.ID = id
		_, err = tx.NewUpdate().Model(it).
			Column("code", "name_zh", "name_en", "category_code", "regulator_id", "legal_days", "committed_days", "description", "active").
			Set("updated_at = now()").WherePK().Exec(ctx)
		if err != nil {
			return itemWriteError(err)
		}
		if _, err := tx.NewDelete().TableExpr("service_item_requirements").Where("item_id = ?", id).Exec(ctx); err != nil {
			return fmt.Errorf("clear requirements of item %d: %w", id, err)
		}
		if err := storeRequirements(ctx, tx, id, in.Requirements); err != nil {
			return err
		}
		out, err = s.itemWithUse(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// itemRow is the row for in; active is the value when in leaves it out.
func itemRow(in ItemInput, active bool) *ServiceItem {
	if in.Active != nil {
		active = *in.Active
	}
	return &ServiceItem{Code: in.Code, NameZH: strings.TrimSpace(in.NameZH), NameEN: strings.TrimSpace(in.NameEN),
		CategoryCode: in.CategoryCode, RegulatorID: in.RegulatorID, LegalDays: in.LegalDays, CommittedDays: in.CommittedDays,
		Description: strings.TrimSpace(in.Description), Active: active}
}

func itemWriteError(err error) error {
	return db.Violation(err, "store service item", map[string]error{
		"service_items_code_key": errs.Field("body.code", "code_taken", "another service item has this code"),
	})
}

type requirementRow struct {
	bun.BaseModel `bun:"table:service_item_requirements"`

	ItemID       int64  `bun:"item_id,pk"`
	TypeID       int64  `bun:"type_id,pk"`
	MinLevelCode string `bun:"min_level_code,notnull"`
}

func storeRequirements(ctx context.Context, tx bun.Tx, itemID int64, in []RequirementInput) error {
	if len(in) == 0 {
		return nil
	}
	rows := make([]requirementRow, len(in))
	for i, r := range in {
		rows[i] = requirementRow{ItemID: itemID, TypeID: r.TypeID, MinLevelCode: r.MinLevelCode}
	}
	if _, err := tx.NewInsert().Model(&rows).Exec(ctx); err != nil {
		if db.ForeignKeyViolation(err) {
			// A level removed since validation, by a concurrent edit.
			return errs.Field("body.requirements", "level_unknown", "a required level no longer exists; reload and try again")
		}
		return fmt.Errorf("store requirements of item %d: %w", itemID, err)
	}
	return nil
}

// validateItem checks in, including what it refers to, and reports every
// problem at once.
func validateItem(ctx context.Context, idb bun.IDB, in ItemInput) error {
	var f errs.Fields
	checkItemFields(&f, in)

	ok, err := idb.NewSelect().Model((*Category)(nil)).Where("code = ?", in.CategoryCode).Exists(ctx)
	if err != nil {
		return fmt.Errorf("check category: %w", err)
	}
	if !ok {
		f.Add("body.categoryCode", "category_unknown", "choose one of the catalogue's categories")
	}

	regulator, err := identity.FindOrganisation(ctx, idb, in.RegulatorID, false)
	if err != nil && !errs.Is(err, errs.NotFound) {
		return err
	}
	if regulator == nil || regulator.Kind != identity.KindRegulator {
		f.Add("body.regulatorId", "regulator_not_regulator", "choose a regulator organisation")
	}

	if err := checkRequirements(ctx, idb, &f, in.Requirements); err != nil {
		return err
	}
	return f.Err()
}

func checkRequirements(ctx context.Context, idb bun.IDB, f *errs.Fields, reqs []RequirementInput) error {
	if len(reqs) == 0 {
		return nil
	}
	ids := make([]int64, len(reqs))
	for i, r := range reqs {
		ids[i] = r.TypeID
	}
	var levels []Level
	if err := idb.NewSelect().Model(&levels).Where("type_id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return fmt.Errorf("check requirements: %w", err)
	}
	var known []int64
	if err := idb.NewSelect().Model((*QualificationType)(nil)).Column("id").Where("id IN (?)", bun.In(ids)).Scan(ctx, &known); err != nil {
		return fmt.Errorf("check requirement types: %w", err)
	}
	typeExists := map[int64]bool{}
	for _, id := range known {
		typeExists[id] = true
	}
	type levelKey struct {
		typeID int64
		code   string
	}
	levelExists := map[levelKey]bool{}
	for _, l := range levels {
		levelExists[levelKey{l.TypeID, l.Code}] = true
	}
	seen := map[int64]bool{}
	for i, r := range reqs {
		field := fmt.Sprintf("body.requirements[%d]", i)
		switch {
		case !typeExists[r.TypeID]:
			f.Add(field+".typeId", "type_unknown", "no such qualification type")
		case seen[r.TypeID]:
			f.Add(field+".typeId", "type_duplicate", "each qualification type is required once")
		case !levelExists[levelKey{r.TypeID, r.MinLevelCode}]:
			f.Add(field+".minLevelCode", "level_unknown", "the qualification type has no such level")
		}
		seen[r.TypeID] = true
	}
	return nil
}
