package catalog

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/uptrace/bun"

	"intermart/internal/db/dbtest"
	"intermart/internal/errs"
	"intermart/internal/identity"
)

var ctx = context.Background()

type fixture struct {
	svc       *Service
	db        *bun.DB
	regulator int64 // a regulator organisation
	owner     int64 // an owner organisation: not a regulator
	survey    *QualificationType
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	d := dbtest.New(t)
	f := &fixture{svc: NewService(d.Bun), db: d.Bun}
	f.regulator = mustOrg(t, d.Bun, identity.KindRegulator, "大理州自然资源和规划局", "11532900MB0100005")
	f.owner = mustOrg(t, d.Bun, identity.KindOwner, "大理市住房和城乡建设局", "11532901MB0200001")
	var err error
	f.survey, err = f.svc.CreateQualificationType(ctx, NewQualificationType{Code: "surveying", NameZH: "测绘资质", NameEN: "Surveying and mapping",
		Levels: []NewLevel{{"a", "甲级", "Grade A"}, {"b", "乙级", "Grade B"}, {"c", "丙级", "Grade C"}, {"d", "丁级", "Grade D"}}})
	if err != nil {
		t.Fatalf("create type: %v", err)
	}
	return f
}

func mustOrg(t *testing.T, d *bun.DB, kind, name, code17 string) int64 {
	t.Helper()
	org := &identity.Organisation{Kind: kind, Name: name, CreditCode: identity.CompleteCreditCode(code17), RegionCode: "532900", Status: identity.StatusActive}
	if _, err := d.NewInsert().Model(org).Returning("id").Exec(ctx); err != nil {
		t.Fatalf("insert organisation: %v", err)
	}
	return org.ID
}

func (f *fixture) count(t *testing.T, table string) int {
	t.Helper()
	n, err := f.db.NewSelect().TableExpr(table).Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// validItem is an item that passes every rule.
func (f *fixture) validItem() ItemInput {
	return ItemInput{Code: "ZR-101", NameZH: "地形图测绘（1:500）", NameEN: "Topographic mapping (1:500)", CategoryCode: "land",
		RegulatorID: f.regulator, LegalDays: 20, CommittedDays: 10, Description: "比例尺 1:500",
		Requirements: []RequirementInput{{TypeID: f.survey.ID, MinLevelCode: "c"}}}
}

// wantField checks that err is an Invalid error naming field with reason.
func wantField(t *testing.T, err error, field, reason string) {
	t.Helper()
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != errs.Invalid {
		t.Fatalf("err = %v, want invalid %s at %s", err, reason, field)
	}
	for _, fe := range e.Fields {
		if fe.Field == field && fe.Reason == reason {
			return
		}
	}
	t.Fatalf("fields = %+v, want %s at %s", e.Fields, reason, field)
}

func wantCode(t *testing.T, err error, code errs.Code, reason string) {
	t.Helper()
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != code || e.Reason != reason {
		t.Fatalf("err = %v, want %s (%s)", err, code, reason)
	}
}

func TestQualificationTypes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)

	t.Run("OK", func(t *testing.T) {
		got, err := f.svc.QualificationType(ctx, f.survey.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Levels) != 4 || got.Levels[0].Code != "a" || got.Levels[0].Rank != 1 || got.Levels[3].Code != "d" || got.Levels[3].Rank != 4 {
			t.Fatalf("levels = %+v", got.Levels)
		}
		l, err := f.svc.Level(ctx, f.survey.ID, "b")
		if err != nil || l.Rank != 2 || l.NameZH != "乙级" {
			t.Fatalf("Level(b) = %+v, %v", l, err)
		}
		if c, _ := f.svc.Level(ctx, f.survey.ID, "c"); !l.Satisfies(*c) || c.Satisfies(*l) {
			t.Fatal("乙级 should satisfy 丙级 and not the reverse")
		}
		all, err := f.svc.QualificationTypes(ctx)
		if err != nil || len(all) != 1 || len(all[0].Levels) != 4 {
			t.Fatalf("QualificationTypes = %+v, %v", all, err)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := f.svc.QualificationType(ctx, 999999)
		wantCode(t, err, errs.NotFound, "type_not_found")
		_, err = f.svc.Level(ctx, f.survey.ID, "z")
		wantCode(t, err, errs.NotFound, "level_not_found")
		_, err = f.svc.UpdateQualificationType(ctx, 999999, QualificationTypeUpdate{NameZH: "不存在", NameEN: "Missing", Levels: []NewLevel{{"none", "不分级", "Ungraded"}}})
		wantCode(t, err, errs.NotFound, "type_not_found")
	})

	valid := func() NewQualificationType {
		return NewQualificationType{Code: "geohazard", NameZH: "地质灾害危险性评估资质", NameEN: "Geological hazard assessment",
			Levels: []NewLevel{{"a", "甲级", "Grade A"}, {"b", "乙级", "Grade B"}}}
	}
	cases := []struct {
		name          string
		mutate        func(*NewQualificationType)
		field, reason string
	}{
		{"ErrCodeFormat", func(in *NewQualificationType) { in.Code = "Geo Hazard" }, "body.code", "code_format"},
		{"ErrCodeTaken", func(in *NewQualificationType) { in.Code = "surveying" }, "body.code", "code_taken"},
		{"ErrName", func(in *NewQualificationType) { in.NameZH = " " }, "body.nameZh", "length"},
		{"ErrLevelsEmpty", func(in *NewQualificationType) { in.Levels = nil }, "body.levels", "levels_empty"},
		{"ErrLevelDuplicate", func(in *NewQualificationType) { in.Levels[1].Code = "a" }, "body.levels[1].code", "level_duplicate"},
		{"ErrLevelCodeFormat", func(in *NewQualificationType) { in.Levels[0].Code = "甲" }, "body.levels[0].code", "level_code_format"},
		{"ErrLevelName", func(in *NewQualificationType) { in.Levels[1].NameEN = "" }, "body.levels[1].nameEn", "length"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := valid()
			tc.mutate(&in)
			types, levels := f.count(t, "qualification_types"), f.count(t, "qualification_levels")
			_, err := f.svc.CreateQualificationType(ctx, in)
			wantField(t, err, tc.field, tc.reason)
			if f.count(t, "qualification_types") != types || f.count(t, "qualification_levels") != levels {
				t.Fatal("a refused type stored something")
			}
		})
	}
}

func TestUpdateQualificationType(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// An item requires 丙级, so c must stay; d is unused.
	if _, err := f.svc.CreateItem(ctx, f.validItem()); err != nil {
		t.Fatal(err)
	}

	t.Run("ErrLevelInUse", func(t *testing.T) {
		_, err := f.svc.UpdateQualificationType(ctx, f.survey.ID, QualificationTypeUpdate{NameZH: "测绘资质（新）", NameEN: "Surveying",
			Levels: []NewLevel{{"a", "甲级", "Grade A"}, {"b", "乙级", "Grade B"}}})
		wantField(t, err, "body.levels", "level_in_use")
		got, _ := f.svc.QualificationType(ctx, f.survey.ID)
		if got.NameZH != "测绘资质" || len(got.Levels) != 4 {
			t.Fatalf("a refused update changed the type: %+v", got)
		}
	})

	t.Run("ErrLevelsEmpty", func(t *testing.T) {
		_, err := f.svc.UpdateQualificationType(ctx, f.survey.ID, QualificationTypeUpdate{NameZH: "测绘资质", NameEN: "Surveying"})
		wantField(t, err, "body.levels", "levels_empty")
	})

	t.Run("OK", func(t *testing.T) {
		// Rename, add a level at the top, rename one, drop the unused d.
		got, err := f.svc.UpdateQualificationType(ctx, f.survey.ID, QualificationTypeUpdate{NameZH: "测绘资质证书", NameEN: "Surveying and mapping qualification",
			Levels: []NewLevel{{"s", "特级", "Special grade"}, {"a", "甲级", "Grade A"}, {"b", "乙级", "Class B"}, {"c", "丙级", "Grade C"}}})
		if err != nil {
			t.Fatal(err)
		}
		want := []Level{{TypeID: f.survey.ID, Code: "s", NameZH: "特级", NameEN: "Special grade", Rank: 1},
			{TypeID: f.survey.ID, Code: "a", NameZH: "甲级", NameEN: "Grade A", Rank: 2},
			{TypeID: f.survey.ID, Code: "b", NameZH: "乙级", NameEN: "Class B", Rank: 3},
			{TypeID: f.survey.ID, Code: "c", NameZH: "丙级", NameEN: "Grade C", Rank: 4}}
		if got.NameZH != "测绘资质证书" || fmt.Sprint(got.Levels) != fmt.Sprint(want) {
			t.Fatalf("got %+v, want levels %+v", got, want)
		}
		it, err := f.svc.Item(ctx, mustItemID(t, f, "ZR-101"))
		if err != nil || it.Requirements[0].MinLevelRank != 4 || it.Requirements[0].TypeNameZH != "测绘资质证书" {
			t.Fatalf("requirement after the update: %+v, %v", it, err)
		}
	})
}

func mustItemID(t *testing.T, f *fixture, code string) int64 {
	t.Helper()
	var id int64
	if err := f.db.NewSelect().Model((*ServiceItem)(nil)).Column("id").Where("code = ?", code).Scan(ctx, &id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestCreateItem(t *testing.T) {
	t.Parallel()
	f := newFixture(t)

	t.Run("OK", func(t *testing.T) {
		it, err := f.svc.CreateItem(ctx, f.validItem())
		if err != nil {
			t.Fatal(err)
		}
		if it.ID == 0 || !it.Active || it.RegulatorName != "大理州自然资源和规划局" || len(it.Requirements) != 1 {
			t.Fatalf("created %+v", it)
		}
		r := it.Requirements[0]
		if r.TypeCode != "surveying" || r.MinLevelCode != "c" || r.MinLevelNameZH != "丙级" || r.MinLevelRank != 3 {
			t.Fatalf("requirement %+v", r)
		}
		again, err := f.svc.Item(ctx, it.ID)
		if err != nil || fmt.Sprint(again) != fmt.Sprint(it) {
			t.Fatalf("Item = %+v, %v; want %+v", again, err, it)
		}
	})

	t.Run("WithoutRequirements", func(t *testing.T) {
		in := f.validItem()
		in.Code, in.Requirements = "ZR-102", nil
		it, err := f.svc.CreateItem(ctx, in)
		if err != nil || it.Requirements == nil || len(it.Requirements) != 0 {
			t.Fatalf("created %+v, %v; want an empty list of requirements", it, err)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := f.svc.Item(ctx, 999999)
		wantCode(t, err, errs.NotFound, "item_not_found")
	})

	cases := []struct {
		name          string
		mutate        func(*ItemInput)
		field, reason string
	}{
		{"ErrCodeFormat", func(in *ItemInput) { in.Code = "zr-1" }, "body.code", "code_format"},
		{"ErrCodeFormatLong", func(in *ItemInput) { in.Code = "ABCDE-001" }, "body.code", "code_format"},
		{"ErrCodeTaken", func(in *ItemInput) { in.Code = "ZR-101" }, "body.code", "code_taken"},
		{"ErrNameZh", func(in *ItemInput) { in.NameZH = "测" }, "body.nameZh", "length"},
		{"ErrCommittedOverHalf", func(in *ItemInput) { in.LegalDays, in.CommittedDays = 20, 11 }, "body.committedDays", "committed_over_half"},
		{"ErrCommittedZero", func(in *ItemInput) { in.CommittedDays = 0 }, "body.committedDays", "committed_days_range"},
		{"ErrLegalDays", func(in *ItemInput) { in.LegalDays = 400 }, "body.legalDays", "legal_days_range"},
		{"ErrCategory", func(in *ItemInput) { in.CategoryCode = "space" }, "body.categoryCode", "category_unknown"},
		{"ErrRegulatorIsOwner", func(in *ItemInput) { in.RegulatorID = f.owner }, "body.regulatorId", "regulator_not_regulator"},
		{"ErrRegulatorMissing", func(in *ItemInput) { in.RegulatorID = 999999 }, "body.regulatorId", "regulator_not_regulator"},
		{"ErrTypeUnknown", func(in *ItemInput) { in.Requirements[0].TypeID = 999999 }, "body.requirements[0].typeId", "type_unknown"},
		{"ErrLevelUnknown", func(in *ItemInput) { in.Requirements[0].MinLevelCode = "z" }, "body.requirements[0].minLevelCode", "level_unknown"},
		{"ErrTypeDuplicate", func(in *ItemInput) {
			in.Requirements = append(in.Requirements, RequirementInput{TypeID: f.survey.ID, MinLevelCode: "a"})
		}, "body.requirements[1].typeId", "type_duplicate"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := f.validItem()
			in.Code = "ZR-199"
			tc.mutate(&in)
			items, reqs := f.count(t, "service_items"), f.count(t, "service_item_requirements")
			_, err := f.svc.CreateItem(ctx, in)
			wantField(t, err, tc.field, tc.reason)
			if f.count(t, "service_items") != items || f.count(t, "service_item_requirements") != reqs {
				t.Fatal("a refused item stored something")
			}
		})
	}

	t.Run("ErrEverythingAtOnce", func(t *testing.T) {
		_, err := f.svc.CreateItem(ctx, ItemInput{Code: "x", CategoryCode: "x", LegalDays: 10, CommittedDays: 6,
			Requirements: []RequirementInput{{TypeID: 999999, MinLevelCode: "a"}}})
		var e *errs.Error
		if !errors.As(err, &e) || len(e.Fields) != 7 {
			t.Fatalf("err = %+v, want 7 field errors at once", err)
		}
	})
}

func TestUpdateItem(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	created, err := f.svc.CreateItem(ctx, f.validItem())
	if err != nil {
		t.Fatal(err)
	}
	env := mustOrg(t, f.db, identity.KindRegulator, "大理州生态环境局", "11532900MB0100003")
	cma, err := f.svc.CreateQualificationType(ctx, NewQualificationType{Code: "cma", NameZH: "检验检测机构资质认定", NameEN: "Inspection body accreditation (CMA)",
		Levels: []NewLevel{{"none", "不分级", "Ungraded"}}})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("ErrRefusedChangesNothing", func(t *testing.T) {
		in := f.validItem()
		in.NameZH, in.LegalDays, in.CommittedDays = "改名", 10, 6
		in.Requirements = nil
		_, err := f.svc.UpdateItem(ctx, created.ID, in)
		wantField(t, err, "body.committedDays", "committed_over_half")
		got, _ := f.svc.Item(ctx, created.ID)
		if fmt.Sprint(got) != fmt.Sprint(created) {
			t.Fatalf("a refused update changed the item:\n%+v\n%+v", got, created)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := f.svc.UpdateItem(ctx, 999999, f.validItem())
		wantCode(t, err, errs.NotFound, "item_not_found")
	})

	t.Run("OK", func(t *testing.T) {
		in := ItemInput{Code: "HJ-101", NameZH: "环境监测", NameEN: "Environmental monitoring", CategoryCode: "environment",
			RegulatorID: env, LegalDays: 30, CommittedDays: 15,
			Requirements: []RequirementInput{{TypeID: cma.ID, MinLevelCode: "none"}}}
		got, err := f.svc.UpdateItem(ctx, created.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if got.Code != "HJ-101" || got.RegulatorName != "大理州生态环境局" || got.Description != "" || !got.Active ||
			len(got.Requirements) != 1 || got.Requirements[0].TypeCode != "cma" {
			t.Fatalf("updated %+v", got)
		}
	})

	t.Run("Retire", func(t *testing.T) {
		in := ItemInput{Code: "HJ-101", NameZH: "环境监测", NameEN: "Environmental monitoring", CategoryCode: "environment",
			RegulatorID: env, LegalDays: 30, CommittedDays: 15, Active: new(bool)}
		got, err := f.svc.UpdateItem(ctx, created.ID, in)
		if err != nil || got.Active || len(got.Requirements) != 0 {
			t.Fatalf("retired %+v, %v", got, err)
		}
		if list, _ := f.svc.Items(ctx, ItemFilter{}); len(list) != 0 {
			t.Fatalf("a retired item is listed: %+v", list)
		}
		if list, _ := f.svc.Items(ctx, ItemFilter{IncludeInactive: true}); len(list) != 1 {
			t.Fatalf("includeInactive lists %d items, want 1", len(list))
		}
		// Leaving active out keeps it as it is.
		in.Active, in.NameZH = nil, "环境质量监测"
		if got, err := f.svc.UpdateItem(ctx, created.ID, in); err != nil || got.Active {
			t.Fatalf("update without active: %+v, %v", got, err)
		}
	})
}

func TestItems(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	env := mustOrg(t, f.db, identity.KindRegulator, "大理州生态环境局", "11532900MB0100003")
	for _, in := range []ItemInput{
		{Code: "ZR-001", NameZH: "地形图测绘", NameEN: "Topographic mapping", CategoryCode: "land", RegulatorID: f.regulator, LegalDays: 20, CommittedDays: 10},
		{Code: "ZR-002", NameZH: "土地勘测定界", NameEN: "Land boundary survey", CategoryCode: "land", RegulatorID: f.regulator, LegalDays: 20, CommittedDays: 8},
		{Code: "HJ-001", NameZH: "建设项目环境影响报告书编制", NameEN: "EIA report (full)", CategoryCode: "environment", RegulatorID: env, LegalDays: 60, CommittedDays: 30},
		{Code: "HJ-002", NameZH: "建设项目环境影响报告表编制", NameEN: "EIA report form", CategoryCode: "environment", RegulatorID: env, LegalDays: 30, CommittedDays: 15},
	} {
		if _, err := f.svc.CreateItem(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	codes := func(items []ServiceItem) string {
		var s []string
		for _, it := range items {
			s = append(s, it.Code)
		}
		return fmt.Sprint(s)
	}
	cases := []struct {
		name   string
		filter ItemFilter
		want   string
	}{
		{"All", ItemFilter{}, "[HJ-001 HJ-002 ZR-001 ZR-002]"},
		{"Category", ItemFilter{Category: "land"}, "[ZR-001 ZR-002]"},
		{"QueryChinese", ItemFilter{Query: "报告表"}, "[HJ-002]"},
		{"QueryEnglishAnyCase", ItemFilter{Query: "eia"}, "[HJ-001 HJ-002]"},
		{"QueryCode", ItemFilter{Query: "zr-002"}, "[ZR-002]"},
		{"QueryLikeIsLiteral", ItemFilter{Query: "%"}, "[]"},
		{"Regulator", ItemFilter{RegulatorID: env}, "[HJ-001 HJ-002]"},
		{"Combined", ItemFilter{Category: "land", Query: "勘测"}, "[ZR-002]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := f.svc.Items(ctx, tc.filter)
			if err != nil {
				t.Fatal(err)
			}
			if codes(got) != tc.want {
				t.Fatalf("got %s, want %s", codes(got), tc.want)
			}
		})
	}

	t.Run("Categories", func(t *testing.T) {
		cats, err := f.svc.Categories(ctx)
		if err != nil || len(cats) != 10 || cats[0].Code != "investment" || cats[9].Code != "finance" {
			t.Fatalf("categories = %+v, %v", cats, err)
		}
	})
}
