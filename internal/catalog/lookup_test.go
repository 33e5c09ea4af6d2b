package catalog

import (
	"slices"
	"testing"

	"intermart/internal/errs"
)

// TestLookups checks what the catalogue offers other capabilities: the
// accepted levels (the one definition of "satisfies the required level"),
// item summaries and regulators.
func TestLookups(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	it, err := f.svc.CreateItem(ctx, f.validItem())
	if err != nil {
		t.Fatal(err)
	}

	t.Run("AcceptedLevels", func(t *testing.T) {
		for min, want := range map[string][]string{"a": {"a"}, "c": {"a", "b", "c"}, "d": {"a", "b", "c", "d"}, "z": {}} {
			got, err := AcceptedLevels(ctx, f.db, f.survey.ID, min)
			if err != nil || !slices.Equal(got, want) {
				t.Errorf("accepted for %s = %v %v, want %v", min, got, err, want)
			}
		}
	})

	t.Run("Needs", func(t *testing.T) {
		needs, err := Needs(ctx, f.db, it.ID)
		if err != nil || len(needs) != 1 || needs[0].TypeID != f.survey.ID || !slices.Equal(needs[0].Accepted, []string{"a", "b", "c"}) {
			t.Fatalf("needs = %+v %v", needs, err)
		}
	})

	t.Run("Items", func(t *testing.T) {
		items, err := ItemSummaries(ctx, f.db, []int64{it.ID, 987654})
		if got := items[it.ID]; err != nil || len(items) != 1 || got.Code != "ZR-101" || got.RegulatorID != f.regulator {
			t.Fatalf("summaries = %+v %v", items, err)
		}
		if reg, err := ItemRegulator(ctx, f.db, it.ID); err != nil || reg != f.regulator {
			t.Fatalf("regulator = %d %v", reg, err)
		}
		if _, err := ItemRegulator(ctx, f.db, 987654); !errs.Is(err, errs.NotFound) {
			t.Fatalf("regulator of a missing item: %v, want not found", err)
		}
		ids, err := ItemsOfRegulator(ctx, f.db, f.regulator)
		if err != nil || !slices.Equal(ids, []int64{it.ID}) {
			t.Fatalf("items of the regulator = %v %v", ids, err)
		}
		if it.RegulatorName != "大理州自然资源和规划局" {
			t.Fatalf("regulator name = %q", it.RegulatorName)
		}
	})
}
