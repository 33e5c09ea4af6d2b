package catalog

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"intermart/internal/db"
	"intermart/internal/errs"
)

// What other capabilities need from the catalogue. Each function takes the
// caller's bun.IDB, so it runs inside the caller's transaction; no other
// package reads the catalogue's tables itself.

var (
	errItemNotFound  = errs.New(errs.NotFound, "item_not_found", "no such service item")
	errTypeNotFound  = errs.New(errs.NotFound, "type_not_found", "no such qualification type")
	errLevelNotFound = errs.New(errs.NotFound, "level_not_found", "the qualification type has no such level")
)

// ItemSummary is what another capability shows of an item, and who is in
// charge of it.
type ItemSummary struct {
	ID           int64  `bun:"id"`
	Code         string `bun:"code"`
	NameZH       string `bun:"name_zh"`
	NameEN       string `bun:"name_en"`
	CategoryCode string `bun:"category_code"`
	RegulatorID  int64  `bun:"regulator_id"`
	Active       bool   `bun:"active"`
}

// ItemSummaries returns the items ids, retired or not; unknown ids are left
// out.
func ItemSummaries(ctx context.Context, idb bun.IDB, ids []int64) (map[int64]ItemSummary, error) {
	out := make(map[int64]ItemSummary, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []ItemSummary
	err := idb.NewSelect().Model((*ServiceItem)(nil)).
		Column("id", "code", "name_zh", "name_en", "category_code", "regulator_id", "active").
		Where("id IN (?)", bun.In(ids)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("item summaries: %w", err)
	}
	for _, r := range rows {
		out[r.ID] = r
	}
	return out, nil
}

// ItemRegulator returns the regulator in charge of an item; a missing item
// is errs.NotFound.
func ItemRegulator(ctx context.Context, idb bun.IDB, itemID int64) (int64, error) {
	return db.Column[int64](ctx, idb, (*ServiceItem)(nil), "regulator_id", itemID, errItemNotFound)
}

// ItemsOfRegulator returns the ids of the items a regulator is in charge of.
func ItemsOfRegulator(ctx context.Context, idb bun.IDB, regulatorID int64) ([]int64, error) {
	var ids []int64
	err := idb.NewSelect().Model((*ServiceItem)(nil)).Column("id").Where("regulator_id = ?", regulatorID).Scan(ctx, &ids)
	if err != nil {
		return nil, fmt.Errorf("items of regulator %d: %w", regulatorID, err)
	}
	return ids, nil
}

// Types returns the qualification types ids with their levels; unknown ids
// are left out.
func Types(ctx context.Context, idb bun.IDB, ids []int64) (map[int64]QualificationType, error) {
	out := make(map[int64]QualificationType, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var types []QualificationType
	if err := idb.NewSelect().Model(&types).Where("id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("qualification types: %w", err)
	}
	var levels []Level
	if err := idb.NewSelect().Model(&levels).Where("type_id IN (?)", bun.In(ids)).Order("type_id", "rank").Scan(ctx); err != nil {
		return nil, fmt.Errorf("qualification levels: %w", err)
	}
	for _, t := range types {
		out[t.ID] = t
	}
	for _, l := range levels {
		t := out[l.TypeID]
		t.Levels = append(t.Levels, l)
		out[l.TypeID] = t
	}
	return out, nil
}

// Level returns the level of t with code, if t has one.
func (t QualificationType) Level(code string) (Level, bool) {
	for _, l := range t.Levels {
		if l.Code == code {
			return l, true
		}
	}
	return Level{}, false
}

// Accepted lists the codes of t's levels that satisfy a requirement of level
// min: min itself and every higher level (Level.Satisfies). Empty when t
// has no level min.
func (t QualificationType) Accepted(min string) []string {
	minLevel, ok := t.Level(min)
	if !ok {
		return nil
	}
	codes := []string{}
	for _, l := range t.Levels {
		if l.Satisfies(minLevel) {
			codes = append(codes, l.Code)
		}
	}
	return codes
}

// AcceptedLevels lists the codes of the levels of type typeID that satisfy
// a requirement of level min (min itself and every higher level). Empty
// when the type or level is unknown.
func AcceptedLevels(ctx context.Context, idb bun.IDB, typeID int64, min string) ([]string, error) {
	types, err := Types(ctx, idb, []int64{typeID})
	if err != nil {
		return nil, err
	}
	t, ok := types[typeID]
	if !ok {
		return []string{}, nil
	}
	if codes := t.Accepted(min); codes != nil {
		return codes, nil
	}
	return []string{}, nil
}

// Need is one qualification an item requires, with the level codes that
// satisfy it.
type Need struct {
	TypeID   int64
	Accepted []string // level codes: the minimum level and every higher one
}

// Needs returns what an agency must hold to offer item itemID: per required
// type, the levels that satisfy the requirement. An unknown item needs
// nothing; callers check the item exists where that matters.
func Needs(ctx context.Context, idb bun.IDB, itemID int64) ([]Need, error) {
	var reqs []struct {
		TypeID       int64  `bun:"type_id"`
		MinLevelCode string `bun:"min_level_code"`
	}
	err := idb.NewRaw("SELECT type_id, min_level_code FROM service_item_requirements WHERE item_id = ? ORDER BY type_id", itemID).Scan(ctx, &reqs)
	if err != nil {
		return nil, fmt.Errorf("requirements of item %d: %w", itemID, err)
	}
	ids := make([]int64, len(reqs))
	for i, r := range reqs {
		ids[i] = r.TypeID
	}
	types, err := Types(ctx, idb, ids)
	if err != nil {
		return nil, err
	}
	needs := make([]Need, len(reqs))
	for i, r := range reqs {
		needs[i] = Need{TypeID: r.TypeID, Accepted: types[r.TypeID].Accepted(r.MinLevelCode)}
	}
	return needs, nil
}

// FindItem returns one item, retired or not, with its requirements, in the
// caller's transaction; a missing item is errs.NotFound.
func FindItem(ctx context.Context, idb bun.IDB, id int64) (*ServiceItem, error) {
	return item(ctx, idb, id)
}

// ItemsOfCategory returns the ids of the items of a category, retired or
// not.
func ItemsOfCategory(ctx context.Context, idb bun.IDB, category string) ([]int64, error) {
	ids := []int64{}
	err := idb.NewSelect().Model((*ServiceItem)(nil)).Column("id").Where("category_code = ?", category).Scan(ctx, &ids)
	if err != nil {
		return nil, fmt.Errorf("items of category %q: %w", category, err)
	}
	return ids, nil
}

// ItemNamesQuery is the query of every item's id, code, names and category
// (id, code, name_zh, name_en, category_code), for a capability that shows
// them beside its own rows in one statement (the public notice list) while
// the catalogue alone names its table.
func ItemNamesQuery(idb bun.IDB) *bun.SelectQuery {
	return idb.NewSelect().Model((*ServiceItem)(nil)).ColumnExpr("si.id, si.code, si.name_zh, si.name_en, si.category_code")
}
