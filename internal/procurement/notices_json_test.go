package procurement_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"intermart/internal/procurement"
)

// TestNoticeRowJSON holds the notice list's own encoder to encoding/json's
// output (with huma's settings), field by field, for ordinary and hostile
// text.
func TestNoticeRowJSON(t *testing.T) {
	at := time.Date(2026, 11, 30, 1, 2, 3, 456000, time.UTC)
	rows := []procurement.NoticeRow{
		{},
		{Code: "DL-2026-0001", Title: "大理州建设项目环境影响评价", ItemID: 42, ItemCode: "A01", ItemNameZH: "环境影响评价",
			ItemNameEN: "Environmental impact assessment", CategoryCode: "env", RegionCode: "532901", RegionNameZH: "大理市",
			RegionNameEN: "Dali", OwnerName: "大理市自然资源局", Method: "random", Status: "open", CeilingFen: 9_223_372_036_854_775_807,
			Round: 2, PublishedAt: at, RegistrationDeadline: at.Add(240 * time.Hour), RegistrantCount: 3},
		// Hostile, but valid UTF-8, as all text from the database is.
		{Code: "x\"y\\z", Title: "nul\x00<b>&\u2028“”", ItemID: -1, ItemNameZH: "\u2029", OwnerName: "\t\n", CeilingFen: -5,
			PublishedAt: at.In(time.FixedZone("CST", 8*3600))},
	}
	for _, r := range rows {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
		if got := string(r.AppendJSON(nil)) + "\n"; got != want.String() {
			t.Errorf("AppendJSON:\n got %s\nwant %s", got, want.String())
		}
	}
}
