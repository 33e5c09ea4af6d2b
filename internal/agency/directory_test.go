package agency_test

import (
	"testing"
	"time"

	"intermart/internal/agency"
)

// TestDirectoryFollowsTheClock checks that the directory, which reads the
// clock inside its one statement, judges qualifications by the Shanghai date
// and sanctions by the instant of the marketplace clock.
func TestDirectoryFollowsTheClock(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.approved("2026-12-31")
	entry := func(f agency.DirectoryFilter) *agency.DirectoryEntry {
		t.Helper()
		page, err := w.svc.Directory(ctx, f)
		w.must(err)
		if page.Total != len(page.Items) {
			t.Fatalf("total %d for %d items on the only page", page.Total, len(page.Items))
		}
		for i := range page.Items {
			if page.Items[i].ID == w.agencyOrg {
				return &page.Items[i]
			}
		}
		return nil
	}
	byType := agency.DirectoryFilter{TypeID: w.typeID, LevelCode: "b"}

	t.Run("LastDayInShanghai", func(t *testing.T) {
		w.clock.Set(shanghai(2026, 12, 31, 23)) // 15:00 UTC
		if e := entry(agency.DirectoryFilter{}); e == nil || e.ValidQualifications != 1 || e.Listings != 1 || e.Sanctioned {
			t.Fatalf("on the last day: %+v, want 1 valid qualification, 1 listing, not sanctioned", e)
		}
		if entry(byType) == nil {
			t.Fatal("the type filter drops a qualification on its last day")
		}
	})
	t.Run("ExpiredAtShanghaiMidnight", func(t *testing.T) {
		w.clock.Set(shanghai(2027, 1, 1, 0).Add(30 * time.Minute)) // still 2026-12-31 in UTC
		if e := entry(agency.DirectoryFilter{}); e == nil || e.ValidQualifications != 0 {
			t.Fatalf("after the last day in Shanghai: %+v, want no valid qualification", e)
		}
		if entry(byType) != nil {
			t.Fatal("the type filter keeps an expired qualification")
		}
	})
	t.Run("SanctionInForce", func(t *testing.T) {
		end := shanghai(2027, 2, 1, 0)
		_, err := w.svc.Impose(ctx, w.inCharge, w.agencyOrg, agency.SanctionInput{Kind: agency.Suspension,
			Reason: "逾期未提交成果", LegalBasis: "《大理州网上中介服务超市管理办法》第二十条", EndsAt: &end})
		w.must(err)
		w.clock.Set(end.Add(-time.Second))
		if e := entry(agency.DirectoryFilter{}); e == nil || !e.Sanctioned {
			t.Fatalf("a second before the suspension ends: %+v, want sanctioned", e)
		}
		w.clock.Set(end)
		if e := entry(agency.DirectoryFilter{}); e == nil || e.Sanctioned {
			t.Fatalf("when the suspension ends: %+v, want not sanctioned", e)
		}
	})
}
