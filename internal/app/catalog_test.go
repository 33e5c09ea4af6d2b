package app

import (
	"fmt"
	"strings"
	"testing"
)

type catalogItem struct {
	ID            int64
	Code          string
	CategoryCode  string
	RegulatorName string
	Active        bool
	Requirements  []struct{ TypeCode, MinLevelCode string }
}

func TestCatalogueReads(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c := s.anonymous()
	items := func(t *testing.T, c *client, query string) []catalogItem {
		t.Helper()
		r := c.do("GET", "/api/v1/catalog/items"+query, nil)
		if r.status != 200 {
			t.Fatalf("list items%s: %d %s", query, r.status, r.body)
		}
		var out struct{ Items []catalogItem }
		r.json(t, &out)
		return out.Items
	}

	t.Run("Categories", func(t *testing.T) {
		r := c.do("GET", "/api/v1/catalog/categories", nil)
		var out struct {
			Items []struct{ Code, NameZh, NameEn string }
		}
		r.json(t, &out)
		if r.status != 200 || len(out.Items) != 10 || out.Items[0].Code != "investment" || out.Items[0].NameZh != "投资与可行性" {
			t.Fatalf("categories: %d %.300s", r.status, r.body)
		}
	})

	t.Run("QualificationTypesWithLevels", func(t *testing.T) {
		r := c.do("GET", "/api/v1/catalog/qualification-types", nil)
		var out struct {
			Items []struct {
				Code   string
				Levels []struct {
					Code string
					Rank int
				}
			}
		}
		r.json(t, &out)
		found := false
		for _, q := range out.Items {
			if q.Code == "supervision" {
				found = fmt.Sprint(q.Levels) == "[{comprehensive 1} {a 2} {b 3} {c 4}]"
			}
		}
		if r.status != 200 || !found {
			t.Fatalf("qualification types: %d %.500s", r.status, r.body)
		}
	})

	t.Run("AllActiveItems", func(t *testing.T) {
		if got := items(t, c, ""); len(got) != 189 {
			t.Fatalf("%d items, want the 189 of the demo catalogue", len(got))
		}
	})

	t.Run("FilterByCategory", func(t *testing.T) {
		got := items(t, c, "?category=environment")
		if len(got) != 30 {
			t.Fatalf("%d environment items, want 30", len(got))
		}
		for _, it := range got {
			if it.CategoryCode != "environment" || !strings.HasPrefix(it.Code, "HJ-") {
				t.Fatalf("category filter returned %+v", it)
			}
		}
	})

	t.Run("FilterByQuery", func(t *testing.T) {
		got := items(t, c, "?q="+"%E6%8A%A5%E5%91%8A%E8%A1%A8&category=water") // 报告表
		if len(got) != 4 {
			t.Fatalf("water items named 报告表: %+v, want 4", got)
		}
		if got := items(t, c, "?q=topographic"); len(got) != 3 || got[0].Requirements[0].TypeCode != "surveying" {
			t.Fatalf("topographic mapping: %+v", got)
		}
	})

	t.Run("GetItem", func(t *testing.T) {
		id := s.id("SELECT id FROM service_items WHERE code = 'ZR-001'")
		r := c.do("GET", fmt.Sprintf("/api/v1/catalog/items/%d", id), nil)
		for _, want := range []string{`"code":"ZR-001"`, `"regulatorName":"大理州自然资源和规划局"`, `"legalDays":30`, `"committedDays":15`, `"minLevelCode":"c"`, `"typeNameZh":"城乡规划编制单位资质"`} {
			if r.status != 200 || !strings.Contains(r.body, want) {
				t.Fatalf("get item: %d %s; want %s", r.status, r.body, want)
			}
		}
	})

	t.Run("ErrItemNotFound", func(t *testing.T) {
		if r := c.do("GET", "/api/v1/catalog/items/999999", nil); r.status != 404 || !strings.Contains(r.body, "item_not_found") {
			t.Fatalf("missing item: %d %s", r.status, r.body)
		}
	})
}

func TestCatalogueEditing(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	admin := s.signIn("admin")
	regulatorID := s.id("SELECT id FROM organisations WHERE name = '大理州生态环境局'")
	ownerID := s.id("SELECT organisation_id FROM users WHERE username = 'owner'")
	cmaID := s.id("SELECT id FROM qualification_types WHERE code = 'cma'")
	valid := func() map[string]any {
		return map[string]any{
			"code": "HJ-901", "nameZh": "洱海流域水生态监测", "nameEn": "Erhai basin aquatic ecology monitoring",
			"categoryCode": "environment", "regulatorId": regulatorID, "legalDays": 20, "committedDays": 10,
			"description":  "洱海保护治理项目的水生态监测。",
			"requirements": []map[string]any{{"typeId": cmaID, "minLevelCode": "none"}},
		}
	}
	items := func() int { return s.count("SELECT count(*) FROM service_items") }

	for _, who := range []string{"reg.sthj", "owner", "agency"} {
		t.Run("ErrForbidden/"+who, func(t *testing.T) {
			n := items()
			if r := s.signIn(who).do("POST", "/api/v1/catalog/items", valid()); r.status != 403 {
				t.Fatalf("%s creates an item: %d %s, want 403", who, r.status, r.body)
			}
			if items() != n {
				t.Fatal("a refused item was stored")
			}
		})
	}

	cases := []struct {
		name             string
		mutate           func(map[string]any)
		location, reason string
	}{
		{"ErrCommittedOverHalf", func(m map[string]any) { m["committedDays"] = 11 }, "body.committedDays", "committed_over_half"},
		{"ErrRegulatorIsOwner", func(m map[string]any) { m["regulatorId"] = ownerID }, "body.regulatorId", "regulator_not_regulator"},
		{"ErrCodeTaken", func(m map[string]any) { m["code"] = "HJ-001" }, "body.code", "code_taken"},
		{"ErrCodeFormat", func(m map[string]any) { m["code"] = "HJ001" }, "body.code", "code_format"},
		{"ErrLevelUnknown", func(m map[string]any) {
			m["requirements"] = []map[string]any{{"typeId": cmaID, "minLevelCode": "a"}}
		}, "body.requirements[0].minLevelCode", "level_unknown"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := valid()
			tc.mutate(in)
			n := items()
			r := admin.do("POST", "/api/v1/catalog/items", in)
			if r.status != 422 || !strings.Contains(r.body, `"location":"`+tc.location+`"`) || !strings.Contains(r.body, `"reason":"`+tc.reason+`"`) {
				t.Fatalf("got %d %s, want 422 at %s (%s)", r.status, r.body, tc.location, tc.reason)
			}
			if items() != n {
				t.Fatal("a refused item was stored")
			}
		})
	}

	var created catalogItem
	t.Run("AdminCreatesItem", func(t *testing.T) {
		r := admin.do("POST", "/api/v1/catalog/items", valid())
		if r.status != 201 {
			t.Fatalf("create item: %d %s", r.status, r.body)
		}
		r.json(t, &created)
		if created.Code != "HJ-901" || !created.Active || created.RegulatorName != "大理州生态环境局" || len(created.Requirements) != 1 {
			t.Fatalf("created %s", r.body)
		}
		if r := s.anonymous().do("GET", "/api/v1/catalog/items?q=HJ-901", nil); !strings.Contains(r.body, "洱海流域水生态监测") {
			t.Fatalf("the public does not see the new item: %s", r.body)
		}
	})

	t.Run("AdminRetiresItem", func(t *testing.T) {
		in := valid()
		in["active"] = false
		path := fmt.Sprintf("/api/v1/catalog/items/%d", created.ID)
		if r := admin.do("PUT", path, in); r.status != 200 || !strings.Contains(r.body, `"active":false`) {
			t.Fatalf("retire: %d %s", r.status, r.body)
		}
		for _, tc := range []struct {
			who  string
			want bool
		}{{"", false}, {"owner", false}, {"reg.sthj", true}, {"admin", true}} {
			c := s.anonymous()
			if tc.who != "" {
				c = s.signIn(tc.who)
			}
			r := c.do("GET", "/api/v1/catalog/items?includeInactive=true&category=environment", nil)
			if got := strings.Contains(r.body, "HJ-901"); got != tc.want {
				t.Errorf("%q lists the retired item: %v, want %v", tc.who, got, tc.want)
			}
		}
		if r := s.anonymous().do("GET", path, nil); r.status != 200 {
			t.Fatalf("a retired item is no longer readable: %d", r.status)
		}
	})

	t.Run("ErrLevelInUse", func(t *testing.T) {
		id := s.id("SELECT id FROM qualification_types WHERE code = 'surveying'")
		r := admin.do("PUT", fmt.Sprintf("/api/v1/catalog/qualification-types/%d", id), map[string]any{
			"nameZh": "测绘资质", "nameEn": "Surveying and mapping qualification",
			"levels": []map[string]string{{"code": "a", "nameZh": "甲级", "nameEn": "Grade A"}, {"code": "b", "nameZh": "乙级", "nameEn": "Grade B"}},
		})
		if r.status != 422 || !strings.Contains(r.body, `"reason":"level_in_use"`) {
			t.Fatalf("remove a required level: %d %s", r.status, r.body)
		}
		if n := s.count("SELECT count(*) FROM qualification_levels WHERE type_id = ?", id); n != 4 {
			t.Fatalf("%d levels left, want 4", n)
		}
	})

	t.Run("AdminAddsQualificationType", func(t *testing.T) {
		r := admin.do("POST", "/api/v1/catalog/qualification-types", map[string]any{
			"code": "noise_control", "nameZh": "噪声与振动控制工程设计资质", "nameEn": "Noise and vibration control design",
			"levels": []map[string]string{{"code": "a", "nameZh": "甲级", "nameEn": "Grade A"}, {"code": "b", "nameZh": "乙级", "nameEn": "Grade B"}},
		})
		if r.status != 201 || !strings.Contains(r.body, `"rank":2`) {
			t.Fatalf("create type: %d %s", r.status, r.body)
		}
	})
}
