package app

import (
	"fmt"
	"strings"
	"testing"
)

// TestItemCodeFixedOnceInUse: an item an agency has listed keeps its code;
// its other fields still change; an item nobody refers to may be recoded.
func TestItemCodeFixedOnceInUse(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	admin := s.signIn("admin")
	listed := s.id("SELECT min(item_id) FROM listings")
	unlisted := s.id("SELECT min(id) FROM service_items si WHERE NOT EXISTS (SELECT 1 FROM listings l WHERE l.item_id = si.id)")

	// input reads an item and returns it as the body of an update.
	input := func(t *testing.T, id int64) (map[string]any, bool) {
		t.Helper()
		r := admin.do("GET", fmt.Sprintf("/api/v1/catalog/items/%d", id), nil)
		var it struct {
			Code, NameZh, NameEn, CategoryCode, Description string
			RegulatorID                                     int64 `json:"regulatorId"`
			LegalDays, CommittedDays                        int
			Active, CodeLocked                              bool
			Requirements                                    []struct {
				TypeID       int64 `json:"typeId"`
				MinLevelCode string
			}
		}
		r.json(t, &it)
		reqs := []map[string]any{}
		for _, q := range it.Requirements {
			reqs = append(reqs, map[string]any{"typeId": q.TypeID, "minLevelCode": q.MinLevelCode})
		}
		return map[string]any{"code": it.Code, "nameZh": it.NameZh, "nameEn": it.NameEn, "categoryCode": it.CategoryCode,
			"regulatorId": it.RegulatorID, "legalDays": it.LegalDays, "committedDays": it.CommittedDays,
			"description": it.Description, "requirements": reqs}, it.CodeLocked
	}

	t.Run("ErrCodeInUse", func(t *testing.T) {
		in, locked := input(t, listed)
		if !locked {
			t.Fatalf("a listed item is not reported codeLocked")
		}
		code := in["code"].(string)
		in["code"] = "ZZ-999"
		r := admin.do("PUT", fmt.Sprintf("/api/v1/catalog/items/%d", listed), in)
		if r.status != 422 || !strings.Contains(r.body, `"location":"body.code"`) || !strings.Contains(r.body, `"reason":"code_in_use"`) {
			t.Fatalf("recode a listed item: %d %s", r.status, r.body)
		}
		if got := s.count("SELECT count(*) FROM service_items WHERE id = ? AND code = ?", listed, code); got != 1 {
			t.Fatalf("the refused change altered the code")
		}
	})
	t.Run("OtherFieldsOfAnItemInUse", func(t *testing.T) {
		in, _ := input(t, listed)
		in["nameEn"] = "A clearer English name"
		r := admin.do("PUT", fmt.Sprintf("/api/v1/catalog/items/%d", listed), in)
		if r.status != 200 || !strings.Contains(r.body, "A clearer English name") || !strings.Contains(r.body, `"codeLocked":true`) {
			t.Fatalf("rename a listed item: %d %s", r.status, r.body)
		}
	})
	t.Run("CodeOfAnItemNotInUse", func(t *testing.T) {
		in, locked := input(t, unlisted)
		if locked {
			t.Fatalf("an unlisted item is reported codeLocked")
		}
		in["code"] = "ZZ-998"
		r := admin.do("PUT", fmt.Sprintf("/api/v1/catalog/items/%d", unlisted), in)
		if r.status != 200 || !strings.Contains(r.body, `"code":"ZZ-998"`) {
			t.Fatalf("recode an unlisted item: %d %s", r.status, r.body)
		}
	})
	t.Run("ListShowsTheLock", func(t *testing.T) {
		r := s.anonymous().do("GET", "/api/v1/catalog/items?q=ZZ-998", nil)
		if r.status != 200 || !strings.Contains(r.body, `"codeLocked":false`) {
			t.Fatalf("list: %d %s", r.status, r.body)
		}
	})
}
