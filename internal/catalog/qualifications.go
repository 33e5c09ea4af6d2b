package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"intermart/internal/db"
	"intermart/internal/errs"
)

// Service is the catalogue capability.
type Service struct {
	db    *bun.DB
	inUse []ItemsInUse
}

// NewService returns the catalogue service over d.
func NewService(d *bun.DB) *Service { return &Service{db: d} }

// Categories lists the categories in their display order.
func (s *Service) Categories(ctx context.Context) ([]Category, error) {
	var cats []Category
	if err := s.db.NewSelect().Model(&cats).Order("sort_order").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list categories: %w", err)
	}
	return cats, nil
}

// QualificationTypes lists every type with its levels, by code.
func (s *Service) QualificationTypes(ctx context.Context) ([]QualificationType, error) {
	var types []QualificationType
	if err := s.db.NewSelect().Model(&types).Order("code").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list qualification types: %w", err)
	}
	var levels []Level
	if err := s.db.NewSelect().Model(&levels).Order("type_id", "rank").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list qualification levels: %w", err)
	}
	byType := map[int64][]Level{}
	for _, l := range levels {
		byType[l.TypeID] = append(byType[l.TypeID], l)
	}
	for i := range types {
		types[i].Levels = byType[types[i].ID]
	}
	return types, nil
}

// QualificationType returns one type with its levels.
func (s *Service) QualificationType(ctx context.Context, id int64) (*QualificationType, error) {
	return qualificationType(ctx, s.db, id, false)
}

func qualificationType(ctx context.Context, idb bun.IDB, id int64, forUpdate bool) (*QualificationType, error) {
	t := new(QualificationType)
	q := idb.NewSelect().Model(t).Where("id = ?", id)
	if forUpdate {
		q = q.For("UPDATE")
	}
	if err := db.One(q.Scan(ctx), fmt.Sprintf("get qualification type %d", id), errTypeNotFound); err != nil {
		return nil, err
	}
	if err := idb.NewSelect().Model(&t.Levels).Where("type_id = ?", id).Order("rank").Scan(ctx); err != nil {
		return nil, fmt.Errorf("get levels of type %d: %w", id, err)
	}
	return t, nil
}

// Level returns one level of a type, with its rank, so that eligibility can
// compare what an agency holds with what an item requires.
func (s *Service) Level(ctx context.Context, typeID int64, code string) (*Level, error) {
	l := new(Level)
	err := s.db.NewSelect().Model(l).Where("type_id = ? AND code = ?", typeID, code).Scan(ctx)
	if err := db.One(err, fmt.Sprintf("get level %d/%s", typeID, code), errLevelNotFound); err != nil {
		return nil, err
	}
	return l, nil
}

// CreateQualificationType adds a type with its levels.
func (s *Service) CreateQualificationType(ctx context.Context, in NewQualificationType) (*QualificationType, error) {
	var f errs.Fields
	if !typeCodePattern.MatchString(in.Code) {
		f.Add("body.code", "code_format", "2–40 characters: lower-case letters, digits, '_' or '-'")
	}
	checkLength(&f, "body.nameZh", in.NameZH, 2, 100)
	checkLength(&f, "body.nameEn", in.NameEN, 2, 200)
	checkLevels(&f, in.Levels)
	if err := f.Err(); err != nil {
		return nil, err
	}
	t := &QualificationType{Code: in.Code, NameZH: strings.TrimSpace(in.NameZH), NameEN: strings.TrimSpace(in.NameEN)}
	err := s.db.RunInTx(ctx, &sql.TxOptions{}, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(t).Returning("id").Exec(ctx); err != nil {
			return db.Violation(err, "insert qualification type", map[string]error{
				"qualification_types_code_key": errs.Field("body.code", "code_taken", "a qualification type with this code exists"),
			})
		}
		t.Levels = levelsOf(t.ID, in.Levels)
		if _, err := tx.NewInsert().Model(&t.Levels).Exec(ctx); err != nil {
			return fmt.Errorf("insert levels: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// UpdateQualificationType renames a type and replaces its levels: levels are
// added, renamed or reordered by code, and a level left out is removed unless
// an item requires it or an agency holds it (level_in_use).
func (s *Service) UpdateQualificationType(ctx context.Context, id int64, in QualificationTypeUpdate) (*QualificationType, error) {
	var f errs.Fields
	checkLength(&f, "body.nameZh", in.NameZH, 2, 100)
	checkLength(&f, "body.nameEn", in.NameEN, 2, 200)
	checkLevels(&f, in.Levels)
	var out *QualificationType
	err := s.db.RunInTx(ctx, &sql.TxOptions{}, func(ctx context.Context, tx bun.Tx) error {
		// The row lock serialises concurrent edits of one type's levels.
		t, err := qualificationType(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if err := f.Err(); err != nil {
			return err
		}
		_, err = tx.NewUpdate().Model((*QualificationType)(nil)).
			Set("name_zh = ?", strings.TrimSpace(in.NameZH)).Set("name_en = ?", strings.TrimSpace(in.NameEN)).
			Where("id = ?", id).Exec(ctx)
		if err != nil {
			return fmt.Errorf("update qualification type %d: %w", id, err)
		}
		keep := map[string]bool{}
		for _, l := range in.Levels {
			keep[l.Code] = true
		}
		for _, old := range t.Levels {
			if keep[old.Code] {
				continue
			}
			// The foreign keys of requirements, qualifications and whatever
			// refers to a level later decide whether it is in use.
			_, err := tx.NewDelete().Model((*Level)(nil)).Where("type_id = ? AND code = ?", id, old.Code).Exec(ctx)
			if db.ForeignKeyViolation(err) {
				return errs.Field("body.levels", "level_in_use",
					fmt.Sprintf("level %s (%s) is required by service items or held by agencies; keep it", old.Code, old.NameEN))
			}
			if err != nil {
				return fmt.Errorf("delete level %d/%s: %w", id, old.Code, err)
			}
		}
		// Move the remaining ranks out of the way so the new order never
		// collides with the old one under UNIQUE (type_id, rank).
		if _, err := tx.NewUpdate().Model((*Level)(nil)).Set("rank = rank + 1000").Where("type_id = ?", id).Exec(ctx); err != nil {
			return fmt.Errorf("shift ranks of type %d: %w", id, err)
		}
		levels := levelsOf(id, in.Levels)
		_, err = tx.NewInsert().Model(&levels).
			On("CONFLICT (type_id, code) DO UPDATE").
			Set("name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en, rank = EXCLUDED.rank").Exec(ctx)
		if err != nil {
			return fmt.Errorf("store levels of type %d: %w", id, err)
		}
		out, err = qualificationType(ctx, tx, id, false)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
