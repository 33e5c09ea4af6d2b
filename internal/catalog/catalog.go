// Package catalog keeps the service catalogue: the intermediary service items
// (中介服务事项) that project owners procure and agencies offer, the
// categories that group them, and the qualification types, with their levels,
// an agency must hold to offer an item. The platform administrator keeps it;
// everyone may read it.
package catalog

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/uptrace/bun"

	"intermart/internal/errs"
)

// Category groups service items by the department that usually regulates
// them. Categories are reference data from the migration.
type Category struct {
	bun.BaseModel `bun:"table:service_categories"`

	Code   string `bun:"code,pk,type:text" json:"code"`
	NameZH string `bun:"name_zh,type:text,notnull" json:"nameZh"`
	NameEN string `bun:"name_en,type:text,notnull" json:"nameEn"`
	Sort   int    `bun:"sort_order,notnull" json:"-"`
}

// QualificationType is a kind of qualification (资质) an agency may hold, such
// as 测绘资质, with its levels from the highest down.
type QualificationType struct {
	bun.BaseModel `bun:"table:qualification_types"`

	ID     int64   `bun:"id,pk,autoincrement" json:"id"`
	Code   string  `bun:"code,type:text,notnull" json:"code" doc:"Stable identifier, e.g. surveying"`
	NameZH string  `bun:"name_zh,type:text,notnull" json:"nameZh"`
	NameEN string  `bun:"name_en,type:text,notnull" json:"nameEn"`
	Levels []Level `bun:"-" json:"levels" doc:"Highest level first"`
}

// Level is a grade of a qualification type (甲级, 乙级 …). Rank 1 is the
// highest: a qualification satisfies a requirement when its level's rank is
// at most the required level's rank. Ungraded types have the one level
// "none" (不分级).
type Level struct {
	bun.BaseModel `bun:"table:qualification_levels"`

	TypeID int64  `bun:"type_id,pk" json:"-"`
	Code   string `bun:"code,pk,type:text" json:"code" doc:"e.g. a for 甲级, none for an ungraded type"`
	NameZH string `bun:"name_zh,type:text,notnull" json:"nameZh"`
	NameEN string `bun:"name_en,type:text,notnull" json:"nameEn"`
	Rank   int    `bun:"rank,notnull" json:"rank" doc:"1 is the highest level"`
}

// Satisfies reports whether holding level l meets a requirement of level min
// of the same type.
func (l Level) Satisfies(min Level) bool { return l.TypeID == min.TypeID && l.Rank <= min.Rank }

// ServiceItem is one intermediary service in the catalogue.
type ServiceItem struct {
	bun.BaseModel `bun:"table:service_items,alias:si"`

	ID            int64         `bun:"id,pk,autoincrement" json:"id"`
	Code          string        `bun:"code,type:text,notnull" json:"code" doc:"e.g. HJ-003: the category's prefix and a number"`
	NameZH        string        `bun:"name_zh,type:text,notnull" json:"nameZh"`
	NameEN        string        `bun:"name_en,type:text,notnull" json:"nameEn"`
	CategoryCode  string        `bun:"category_code,type:text,notnull" json:"categoryCode"`
	RegulatorID   int64         `bun:"regulator_id,notnull" json:"regulatorId" doc:"The regulator organisation in charge of the item"`
	RegulatorName string        `bun:"regulator_name,scanonly" json:"regulatorName"`
	LegalDays     int           `bun:"legal_days,notnull" json:"legalDays" doc:"Legal time limit (法定时限), working days"`
	CommittedDays int           `bun:"committed_days,notnull" json:"committedDays" doc:"Committed time limit (承诺时限), working days, at most half the legal one"`
	Description   string        `bun:"description,type:text,notnull" json:"description"`
	Active        bool          `bun:"active,notnull" json:"active" doc:"false once retired: kept for the record, no longer offered"`
	CodeLocked    bool          `bun:"-" json:"codeLocked" doc:"Something refers to the item (a listing, an announcement …), so its code can no longer change"`
	Requirements  []Requirement `bun:"-" json:"requirements" doc:"Qualifications an agency must hold to offer the item, all of them"`
}

// Requirement is a qualification an item requires: a type at a minimum level.
type Requirement struct {
	ItemID         int64  `bun:"item_id" json:"-"`
	TypeID         int64  `bun:"type_id" json:"typeId"`
	TypeCode       string `bun:"type_code" json:"typeCode"`
	TypeNameZH     string `bun:"type_name_zh" json:"typeNameZh"`
	TypeNameEN     string `bun:"type_name_en" json:"typeNameEn"`
	MinLevelCode   string `bun:"min_level_code" json:"minLevelCode"`
	MinLevelNameZH string `bun:"min_level_name_zh" json:"minLevelNameZh"`
	MinLevelNameEN string `bun:"min_level_name_en" json:"minLevelNameEn"`
	MinLevelRank   int    `bun:"min_level_rank" json:"minLevelRank" doc:"Rank of the minimum level; any level of rank ≤ this one qualifies"`
}

// NewQualificationType is what the platform admin enters to add a type.
type NewQualificationType struct {
	Code   string     `json:"code" maxLength:"40" doc:"2–40 characters: a–z, 0–9, '_' or '-'"`
	NameZH string     `json:"nameZh" maxLength:"100"`
	NameEN string     `json:"nameEn" maxLength:"200"`
	Levels []NewLevel `json:"levels" maxItems:"20" doc:"From the highest level down; the order gives the rank"`
}

// QualificationTypeUpdate renames a type and replaces its list of levels. A
// level left out is removed, which is refused while anything refers to it.
type QualificationTypeUpdate struct {
	NameZH string     `json:"nameZh" maxLength:"100"`
	NameEN string     `json:"nameEn" maxLength:"200"`
	Levels []NewLevel `json:"levels" maxItems:"20" doc:"From the highest level down; the order gives the rank"`
}

// NewLevel is a level as the admin enters it; its rank is its position.
type NewLevel struct {
	Code   string `json:"code" maxLength:"20" doc:"1–20 characters: a–z, 0–9, '_' or '-'; a level keeps its code"`
	NameZH string `json:"nameZh" maxLength:"20"`
	NameEN string `json:"nameEn" maxLength:"50"`
}

// ItemInput is a service item as the admin enters it, for creation and for
// the full replacement of an existing item.
type ItemInput struct {
	Code          string             `json:"code" maxLength:"8" doc:"2–4 capital letters, a dash and 3 digits, e.g. FG-001"`
	NameZH        string             `json:"nameZh" maxLength:"100"`
	NameEN        string             `json:"nameEn" maxLength:"200"`
	CategoryCode  string             `json:"categoryCode" maxLength:"40"`
	RegulatorID   int64              `json:"regulatorId"`
	LegalDays     int                `json:"legalDays" doc:"1–365 working days"`
	CommittedDays int                `json:"committedDays" doc:"At least 1 and at most half of legalDays"`
	Description   string             `json:"description,omitempty" maxLength:"2000"`
	Active        *bool              `json:"active,omitempty" doc:"false retires the item; omitted means active on creation and unchanged on update"`
	Requirements  []RequirementInput `json:"requirements,omitempty" maxItems:"10" doc:"Replaces every requirement of the item"`
}

// RequirementInput names a qualification type and its minimum level.
type RequirementInput struct {
	TypeID       int64  `json:"typeId"`
	MinLevelCode string `json:"minLevelCode" maxLength:"20"`
}

var (
	itemCodePattern  = regexp.MustCompile(`^[A-Z]{2,4}-[0-9]{3}$`)
	typeCodePattern  = regexp.MustCompile(`^[a-z0-9_-]{2,40}$`)
	levelCodePattern = regexp.MustCompile(`^[a-z0-9_-]{1,20}$`)
)

// MaxLegalDays bounds the legal time limit: a year of working days is more
// than any intermediary service is given.
const MaxLegalDays = 365

func checkLength(f *errs.Fields, field, s string, min, max int) {
	n := len([]rune(strings.TrimSpace(s)))
	if n < min || n > max {
		f.Add(field, "length", fmt.Sprintf("%d–%d characters", min, max))
	}
}

// checkLevels validates the levels of a type as entered; the admin must
// give at least one, each code once.
func checkLevels(f *errs.Fields, levels []NewLevel) {
	if len(levels) == 0 {
		f.Add("body.levels", "levels_empty", "a qualification type needs at least one level; use the code none for an ungraded type")
		return
	}
	seen := map[string]bool{}
	for i, l := range levels {
		field := fmt.Sprintf("body.levels[%d]", i)
		if !levelCodePattern.MatchString(l.Code) {
			f.Add(field+".code", "level_code_format", "1–20 characters: lower-case letters, digits, '_' or '-'")
		} else if seen[l.Code] {
			f.Add(field+".code", "level_duplicate", "each level code appears once")
		}
		seen[l.Code] = true
		checkLength(f, field+".nameZh", l.NameZH, 1, 20)
		checkLength(f, field+".nameEn", l.NameEN, 1, 50)
	}
}

// levelsOf turns entered levels into rows of type typeID, ranked by order.
func levelsOf(typeID int64, in []NewLevel) []Level {
	out := make([]Level, len(in))
	for i, l := range in {
		out[i] = Level{TypeID: typeID, Code: l.Code, NameZH: strings.TrimSpace(l.NameZH), NameEN: strings.TrimSpace(l.NameEN), Rank: i + 1}
	}
	return out
}

// checkItemFields validates what needs no database: formats, lengths and
// the time limits (承诺时限 ≤ 法定时限 / 2).
func checkItemFields(f *errs.Fields, in ItemInput) {
	if !itemCodePattern.MatchString(in.Code) {
		f.Add("body.code", "code_format", "2–4 capital letters, a dash and 3 digits, e.g. FG-001")
	}
	checkLength(f, "body.nameZh", in.NameZH, 2, 100)
	checkLength(f, "body.nameEn", in.NameEN, 2, 200)
	if len([]rune(in.Description)) > 2000 {
		f.Add("body.description", "length", "at most 2000 characters")
	}
	if in.LegalDays < 1 || in.LegalDays > MaxLegalDays {
		f.Add("body.legalDays", "legal_days_range", "the legal time limit is 1–365 working days")
	}
	switch {
	case in.CommittedDays < 1:
		f.Add("body.committedDays", "committed_days_range", "the committed time limit is at least 1 working day")
	case in.LegalDays >= 1 && in.CommittedDays*2 > in.LegalDays:
		f.Add("body.committedDays", "committed_over_half", "the committed time limit is at most half of the legal time limit")
	}
}
