package catalog

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"intermart/internal/errs"
)

// SeedItem is a service item of the demonstration data. Its requirements
// name qualification types by code, since the types' IDs are not known
// before seeding.
type SeedItem struct {
	Code, NameZH, NameEN, CategoryCode string
	RegulatorID                        int64
	LegalDays, CommittedDays           int
	Description                        string
	Requirements                       []SeedRequirement
}

// SeedRequirement requires a qualification type, by code, at a minimum level.
type SeedRequirement struct{ TypeCode, MinLevelCode string }

// Seeded is the catalogue after seeding, as the demo data of other
// capabilities needs it.
type Seeded struct {
	Items []SeededItem // by code
}

// SeededItem is an item with, for each requirement, the type and that
// type's highest level (what a demo agency holds).
type SeededItem struct {
	ID           int64  `bun:"id"`
	Code         string `bun:"code"`
	CategoryCode string `bun:"category_code"`
	RegulatorID  int64  `bun:"regulator_id"`
	Active       bool   `bun:"active"`
	Requirements []SeededRequirement
}

// SeededRequirement is a required type and its highest level.
type SeededRequirement struct {
	ItemID   int64  `bun:"item_id"`
	TypeID   int64  `bun:"type_id"`
	TopLevel string `bun:"top_level"`
}

// SeedCatalogue stores the qualification types and service items that are
// missing, in the caller's transaction, each new item with its
// requirements. A type or item is known by its code; existing rows,
// possibly edited by the platform admin since, are left alone. The data
// must pass the rules the admin's input passes.
func SeedCatalogue(ctx context.Context, idb bun.IDB, types []NewQualificationType, items []SeedItem) (*Seeded, error) {
	if err := seedTypes(ctx, idb, types); err != nil {
		return nil, err
	}
	if err := seedItems(ctx, idb, items); err != nil {
		return nil, err
	}
	return seeded(ctx, idb)
}

func seedTypes(ctx context.Context, idb bun.IDB, types []NewQualificationType) error {
	var existing []string
	if err := idb.NewSelect().Model((*QualificationType)(nil)).Column("code").Scan(ctx, &existing); err != nil {
		return fmt.Errorf("demo qualification types: %w", err)
	}
	have := set(existing)
	var newTypes []QualificationType
	for _, q := range types {
		var f errs.Fields
		if !typeCodePattern.MatchString(q.Code) {
			f.Add("code", "code_format", "2–40 characters: lower-case letters, digits, '_' or '-'")
		}
		checkLevels(&f, q.Levels)
		if err := f.Err(); err != nil {
			return fmt.Errorf("demo qualification type %s: %w", q.Code, err)
		}
		if !have[q.Code] {
			newTypes = append(newTypes, QualificationType{Code: q.Code, NameZH: q.NameZH, NameEN: q.NameEN})
		}
	}
	if len(newTypes) == 0 {
		return nil
	}
	if _, err := idb.NewInsert().Model(&newTypes).On("CONFLICT (code) DO NOTHING").Exec(ctx); err != nil {
		return fmt.Errorf("demo qualification types: %w", err)
	}
	typeID, err := typeIDs(ctx, idb)
	if err != nil {
		return err
	}
	var levels []Level
	for _, q := range types {
		if !have[q.Code] {
			levels = append(levels, levelsOf(typeID[q.Code], q.Levels)...)
		}
	}
	if _, err := idb.NewInsert().Model(&levels).On("CONFLICT DO NOTHING").Exec(ctx); err != nil {
		return fmt.Errorf("demo qualification levels: %w", err)
	}
	return nil
}

func seedItems(ctx context.Context, idb bun.IDB, items []SeedItem) error {
	var existing []string
	if err := idb.NewSelect().Model((*ServiceItem)(nil)).Column("code").Scan(ctx, &existing); err != nil {
		return fmt.Errorf("demo service items: %w", err)
	}
	have := set(existing)
	var (
		rows   []ServiceItem
		wanted []SeedItem
	)
	for _, it := range items {
		var f errs.Fields
		checkItemFields(&f, ItemInput{Code: it.Code, NameZH: it.NameZH, NameEN: it.NameEN, LegalDays: it.LegalDays,
			CommittedDays: it.CommittedDays, Description: it.Description})
		if it.RegulatorID == 0 {
			f.Add("regulatorId", "regulator_not_regulator", "choose a regulator organisation")
		}
		if err := f.Err(); err != nil {
			return fmt.Errorf("demo item %s: %w", it.Code, err)
		}
		if have[it.Code] {
			continue
		}
		rows = append(rows, ServiceItem{Code: it.Code, NameZH: it.NameZH, NameEN: it.NameEN, CategoryCode: it.CategoryCode,
			RegulatorID: it.RegulatorID, LegalDays: it.LegalDays, CommittedDays: it.CommittedDays, Description: it.Description, Active: true})
		wanted = append(wanted, it)
	}
	if len(rows) == 0 {
		return nil
	}
	if _, err := idb.NewInsert().Model(&rows).On("CONFLICT (code) DO NOTHING").Exec(ctx); err != nil {
		return fmt.Errorf("demo service items: %w", err)
	}
	var stored []ServiceItem
	if err := idb.NewSelect().Model(&stored).Column("id", "code").Scan(ctx); err != nil {
		return fmt.Errorf("demo service items: %w", err)
	}
	itemID := map[string]int64{}
	for _, it := range stored {
		itemID[it.Code] = it.ID
	}
	typeID, err := typeIDs(ctx, idb)
	if err != nil {
		return err
	}
	var reqs []requirementRow
	for _, it := range wanted {
		for _, r := range it.Requirements {
			if typeID[r.TypeCode] == 0 {
				return fmt.Errorf("demo item %s: no qualification type %s", it.Code, r.TypeCode)
			}
			reqs = append(reqs, requirementRow{ItemID: itemID[it.Code], TypeID: typeID[r.TypeCode], MinLevelCode: r.MinLevelCode})
		}
	}
	if len(reqs) > 0 {
		if _, err := idb.NewInsert().Model(&reqs).On("CONFLICT DO NOTHING").Exec(ctx); err != nil {
			return fmt.Errorf("demo item requirements: %w", err)
		}
	}
	return nil
}

func typeIDs(ctx context.Context, idb bun.IDB) (map[string]int64, error) {
	var types []QualificationType
	if err := idb.NewSelect().Model(&types).Column("id", "code").Scan(ctx); err != nil {
		return nil, fmt.Errorf("demo qualification types: %w", err)
	}
	ids := make(map[string]int64, len(types))
	for _, t := range types {
		ids[t.Code] = t.ID
	}
	return ids, nil
}

// seeded reads every item with its requirements, each at its type's highest level.
func seeded(ctx context.Context, idb bun.IDB) (*Seeded, error) {
	out := &Seeded{}
	if err := idb.NewSelect().Model((*ServiceItem)(nil)).Column("id", "code", "category_code", "regulator_id", "active").
		Order("code").Scan(ctx, &out.Items); err != nil {
		return nil, fmt.Errorf("demo service items: %w", err)
	}
	var reqs []SeededRequirement
	err := idb.NewRaw(`SELECT r.item_id, r.type_id, top.code AS top_level FROM service_item_requirements r
		JOIN LATERAL (SELECT code FROM qualification_levels WHERE type_id = r.type_id ORDER BY rank LIMIT 1) top ON true
		ORDER BY r.item_id, r.type_id`).Scan(ctx, &reqs)
	if err != nil {
		return nil, fmt.Errorf("demo item requirements: %w", err)
	}
	at := make(map[int64]int, len(out.Items))
	for i := range out.Items {
		at[out.Items[i].ID] = i
	}
	for _, r := range reqs {
		i := at[r.ItemID]
		out.Items[i].Requirements = append(out.Items[i].Requirements, r)
	}
	return out, nil
}

func set(ss []string) map[string]bool {
	m := make(map[string]bool, len(ss))
	for _, s := range ss {
		m[s] = true
	}
	return m
}
