package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"intermart/internal/procurement"
)

// redFlag is a red flag as the list answers it.
type redFlag struct {
	ID             int64          `json:"id"`
	Kind           string         `json:"kind"`
	Subject        string         `json:"subject"`
	AnnouncementID *int64         `json:"announcementId"`
	ContractID     *int64         `json:"contractId"`
	AgencyID       *int64         `json:"agencyId"`
	Evidence       map[string]any `json:"evidence"`
	ReviewedAt     *string        `json:"reviewedAt"`
	ReviewNote     string         `json:"reviewNote"`
	Actions        []string       `json:"actions"`
}

// flags lists the red flags of kind, as regulator reg sees them.
func (s *testServer) flags(t *testing.T, reg *client, kind string) []redFlag {
	t.Helper()
	res := reg.do("GET", "/api/v1/supervision/red-flags?pageSize=100&kind="+kind, nil)
	if res.status != 200 {
		t.Fatalf("red flags: %d %s", res.status, res.body)
	}
	var list struct {
		Items []redFlag `json:"items"`
		Total int       `json:"total"`
	}
	res.json(t, &list)
	return list.Items
}

// flagOn is the flag of kind about announcement ann, or nil.
func (s *testServer) flagOn(t *testing.T, reg *client, kind string, ann int64) *redFlag {
	t.Helper()
	for _, f := range s.flags(t, reg, kind) {
		if f.AnnouncementID != nil && *f.AnnouncementID == ann {
			return &f
		}
	}
	return nil
}

func num(v any) int64 {
	f, _ := v.(float64)
	return int64(f)
}

// TestRedFlags triggers each red flag with a crafted case through the API
// and the jobs' entry points, checks that nothing is flagged from sealed
// quotes before the deadline, and has a regulator review a flag and
// export the list.
func TestRedFlags(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	reg := s.signIn("reg.zwfw")
	item, users, _ := s.eligibleAgencies(t, 3)
	agencyOf := func(u string) int64 { return s.id("SELECT organisation_id FROM users WHERE username = ?", u) }

	t.Run("Quotes", func(t *testing.T) {
		// Identical quotes, the lowest 96 % of the ceiling: identical quotes
		// and a price near the ceiling once awarded.
		near, _ := s.publish(t, item, announcementOpts{method: "lowest", ceiling: 5_000_000})
		for i, q := range []int64{4_800_000, 4_900_000, 4_900_000} {
			if res := s.register(t, s.signIn(users[i]), near, q); res.status != 200 {
				t.Fatalf("register: %d %s", res.status, res.body)
			}
		}
		// An abnormally low quote (40 % of the ceiling, justified).
		low, _ := s.publish(t, item, announcementOpts{method: "lowest", ceiling: 5_000_000})
		for i, q := range []int64{2_000_000, 4_000_000, 4_500_000} {
			var just []string
			if i == 0 {
				just = []string{"本机构在当地有同类项目的现成监测数据，成本较低。"}
			}
			if res := s.register(t, s.signIn(users[i]), low, q, just...); res.status != 200 {
				t.Fatalf("register: %d %s", res.status, res.body)
			}
		}
		// Sealed: nothing is flagged before the deadline.
		if n := s.count("SELECT count(*) FROM red_flags WHERE announcement_id IN (?, ?)", near, low); n != 0 {
			t.Fatalf("%d flags before the deadline, want none", n)
		}
		if regs, err := procurement.OpenedRegistrants(t0, s.db.Bun, near); err != nil || len(regs) != 0 {
			t.Fatalf("registrants readable before the deadline: %v %v", regs, err)
		}
		s.passDeadline(t, near)
		s.passDeadline(t, low)
		if regs, err := procurement.OpenedRegistrants(t0, s.db.Bun, near); err != nil || len(regs) != 3 {
			t.Fatalf("registrants after the deadline: %v %v", regs, err)
		}
		same := s.flagOn(t, reg, "identical_quotes", near)
		if same == nil {
			t.Fatal("identical quotes not flagged")
		}
		regs, _ := same.Evidence["registrants"].([]any)
		if len(regs) != 2 {
			t.Errorf("identical quotes evidence: %v, want the two registrants quoting 4,900,000 fen", same.Evidence)
		}
		for _, r := range regs {
			if q := num(r.(map[string]any)["quoteFen"]); q != 4_900_000 {
				t.Errorf("identical quote %d, want 4900000", q)
			}
		}
		if f := s.flagOn(t, reg, "abnormally_low_quote", near); f != nil {
			t.Errorf("no quote is abnormally low, got %+v", f)
		}
		if f := s.flagOn(t, reg, "identical_quotes", low); f != nil {
			t.Errorf("no quotes are identical, got %+v", f)
		}
		lowFlag := s.flagOn(t, reg, "abnormally_low_quote", low)
		if lowFlag == nil {
			t.Fatal("abnormally low quote not flagged")
		}
		if regs, _ := lowFlag.Evidence["registrants"].([]any); len(regs) != 1 || num(regs[0].(map[string]any)["quoteFen"]) != 2_000_000 {
			t.Errorf("abnormally low evidence: %v", lowFlag.Evidence)
		}
		// The price near the ceiling is flagged at the award, not before.
		if f := s.flagOn(t, reg, "price_near_ceiling", near); f != nil {
			t.Errorf("flagged before the award: %+v", f)
		}
		s.endPublicity(t, near)
		s.endPublicity(t, low)
		f := s.flagOn(t, reg, "price_near_ceiling", near)
		if f == nil {
			t.Fatal("a deal at 96 % of the ceiling not flagged")
		}
		if num(f.Evidence["dealPriceFen"]) != 4_800_000 || num(f.Evidence["percentOfCeiling"]) != 96 || f.AgencyID == nil || *f.AgencyID != agencyOf(users[0]) {
			t.Errorf("near-ceiling evidence: %v agency %v", f.Evidence, f.AgencyID)
		}
		if f := s.flagOn(t, reg, "price_near_ceiling", low); f != nil {
			t.Errorf("a deal at 40 %% of the ceiling flagged near it: %+v", f)
		}
	})

	t.Run("DirectSelections", func(t *testing.T) {
		// Five direct selections by one owner of one item, each with one
		// eligible registrant, the same agency: 90,000 yuan, just under the
		// 100,000 yuan limit, except the first (50,000 yuan).
		winner := s.signIn(users[1])
		owner := s.signIn("owner")
		var anns []int64
		for i := range 5 {
			ceiling := int64(9_000_000)
			if i == 0 {
				ceiling = 5_000_000
			}
			ann, _ := s.publish(t, item, announcementOpts{method: "direct", ceiling: ceiling})
			anns = append(anns, ann)
			if res := s.register(t, winner, ann, 0); res.status != 200 {
				t.Fatalf("register: %d %s", res.status, res.body)
			}
			s.passDeadline(t, ann)
			regID := s.id("SELECT id FROM registrations WHERE announcement_id = ?", ann)
			s.mustPost(t, owner, fmt.Sprintf("/api/v1/announcements/%d/selection", ann),
				map[string]any{"registrationId": regID, "reason": "该机构熟悉本项目所在区域情况，服务承诺时限最短。"})
			if f := s.flagOn(t, reg, "single_registrant", ann); f == nil || num(f.Evidence["eligible"]) != 1 {
				t.Fatalf("selection %d among one eligible registrant: flag %+v", i+1, f)
			}
			split := s.flags(t, reg, "direct_splitting")
			switch i {
			case 0, 1:
				// The first is not near the limit; the second is the first near it.
				if len(split) != 0 {
					t.Fatalf("after selection %d: splitting flagged %+v", i+1, split)
				}
			default:
				if len(split) != 1 {
					t.Fatalf("after selection %d: %d splitting flags, want one kept up to date", i+1, len(split))
				}
				if list, _ := split[0].Evidence["directSelections"].([]any); len(list) != i {
					t.Errorf("after selection %d: evidence lists %d selections, want %d", i+1, len(list), i)
				}
				if num(split[0].Evidence["totalCeilingFen"]) != int64(i)*9_000_000 {
					t.Errorf("total ceiling %v", split[0].Evidence["totalCeilingFen"])
				}
			}
			s.endPublicity(t, ann)
		}
		// Concentration: the agency won five of the item's six awards (and
		// users[0] the lowest-price one above, if that subtest ran first):
		// over 30 % among at least five.
		var counts []struct {
			Agency int64 `bun:"agency_id"`
			N      int   `bun:"n"`
		}
		if err := s.db.Bun.NewRaw(`SELECT r.agency_id, count(*)::int AS n FROM announcements a
			JOIN selections sel ON sel.announcement_id = a.id AND sel.status = 'awarded'
			JOIN registrations r ON r.id = sel.winner_id
			WHERE a.item_id = ? AND a.status = 'awarded' AND a.awarded_at > now() - interval '1 year' GROUP BY r.agency_id`, item).Scan(t0, &counts); err != nil {
			t.Fatal(err)
		}
		total, won, squares := 0, 0, 0
		for _, c := range counts {
			total += c.N
			squares += c.N * c.N
			if c.Agency == agencyOf(users[1]) {
				won = c.N
			}
		}
		if total < 5 || won*100 <= total*30 {
			t.Fatalf("the crafted case is not concentrated: %d of %d", won, total)
		}
		var conc *redFlag
		for _, f := range s.flags(t, reg, "agency_concentration") {
			if f.Subject == fmt.Sprintf("item:%d:agency:%d", item, agencyOf(users[1])) {
				conc = &f
			}
		}
		if conc == nil {
			t.Fatal("concentration not flagged")
		}
		wantHHI := (squares*10000 + total*total/2) / (total * total)
		if num(conc.Evidence["awards"]) != int64(won) || num(conc.Evidence["itemAwards"]) != int64(total) || num(conc.Evidence["hhi"]) != int64(wantHHI) {
			t.Errorf("concentration evidence %v, want %d of %d, HHI %d", conc.Evidence, won, total, wantHHI)
		}
		res := reg.do("GET", "/api/v1/supervision/red-flags/concentration", nil)
		var items struct {
			Items []struct {
				ItemID           int64 `json:"itemId"`
				Awards           int   `json:"awards"`
				HHI              int   `json:"hhi"`
				TopAgencyID      int64 `json:"topAgencyId"`
				TopSharePermille int   `json:"topSharePermille"`
				Flagged          bool  `json:"flagged"`
			} `json:"items"`
		}
		res.json(t, &items)
		found := false
		for _, c := range items.Items {
			if c.ItemID == item {
				found = true
				if c.Awards != total || c.HHI != wantHHI || c.TopAgencyID != agencyOf(users[1]) || c.TopSharePermille != won*1000/total || !c.Flagged {
					t.Errorf("concentration of the item: %+v, want %d awards, HHI %d", c, total, wantHHI)
				}
			}
		}
		if !found {
			t.Errorf("the item is missing from the concentration list: %s", res.body)
		}
	})

	t.Run("Contracts", func(t *testing.T) {
		fx := s.activeContract(t)
		owner, agency := s.signIn("owner"), s.signIn(fx.agency)
		amend := func(price int64) {
			t.Helper()
			res := owner.do("POST", fmt.Sprintf("/api/v1/contracts/%d/amendments", fx.id),
				map[string]any{"kind": "price", "reason": "增加补充监测点位", "newPriceFen": price})
			if res.status != 201 {
				t.Fatalf("propose: %d %s", res.status, res.body)
			}
			am := s.id("SELECT id FROM contract_amendments WHERE contract_id = ? AND status = 'pending'", fx.id)
			s.mustPost(t, agency, fmt.Sprintf("/api/v1/amendments/%d/decision", am), map[string]any{"confirm": true})
		}
		contractFlags := func(kind string) []redFlag {
			var out []redFlag
			for _, f := range s.flags(t, reg, kind) {
				if f.ContractID != nil && *f.ContractID == fx.id {
					out = append(out, f)
				}
			}
			return out
		}
		amend(4_950_000) // exactly 10 % more: not over it
		if f := contractFlags("amendment_price_increase"); len(f) != 0 {
			t.Fatalf("a 10 %% increase flagged: %+v", f)
		}
		amend(5_445_001) // 10.0000202 % more
		f := contractFlags("amendment_price_increase")
		if len(f) != 1 || num(f[0].Evidence["oldPriceFen"]) != 4_950_000 || num(f[0].Evidence["newPriceFen"]) != 5_445_001 {
			t.Fatalf("an increase over 10 %%: %+v", f)
		}

		// Deliverables: the first milestone was due three days ago (Shanghai
		// dates), the final one is not due yet.
		s.exec(t, "UPDATE milestones SET due_on = (now() AT TIME ZONE 'Asia/Shanghai')::date - 3 WHERE id = ?", fx.first)
		for _, m := range []int64{fx.final, fx.first} {
			sub, _ := s.openSubmission(t, agency, m)
			s.deliver(t, agency, sub, "成果.pdf", pdfBytes)
			s.mustPost(t, agency, fmt.Sprintf("/api/v1/submissions/%d/submit", sub), nil)
		}
		late := contractFlags("late_deliverable")
		if len(late) != 1 || num(late[0].Evidence["milestoneId"]) != fx.first || num(late[0].Evidence["daysLate"]) != 3 {
			t.Fatalf("late deliverables: %+v, want the first milestone's, 3 days late", late)
		}
	})

	t.Run("Review", func(t *testing.T) {
		open := s.flags(t, reg, "")
		if len(open) == 0 {
			t.Fatal("no flags to review")
		}
		if n := todoCount(t, reg, "redFlagsToReview"); n != len(open) {
			t.Errorf("the regulator's board: %d red flags to review, want the %d open", n, len(open))
		}
		f := open[0]
		if len(f.Actions) != 1 || f.Actions[0] != "review" {
			t.Errorf("actions of an open flag: %v", f.Actions)
		}
		path := fmt.Sprintf("/api/v1/supervision/red-flags/%d/review", f.ID)
		if res := s.signIn(users[0]).do("POST", path, map[string]string{"note": "我来复核"}); res.status != 403 {
			t.Errorf("an agency reviews: %d", res.status)
		}
		if res := reg.do("POST", path, map[string]string{"note": "   "}); res.status != 422 || !strings.Contains(res.body, "required") {
			t.Errorf("blank note: %d %s", res.status, res.body)
		}
		res := reg.do("POST", path, map[string]string{"note": "已调阅报名材料与报价明细，未见异常。"})
		if res.status != 200 {
			t.Fatalf("review: %d %s", res.status, res.body)
		}
		var done redFlag
		res.json(t, &done)
		if done.ReviewedAt == nil || done.ReviewNote != "已调阅报名材料与报价明细，未见异常。" || len(done.Actions) != 0 {
			t.Errorf("reviewed flag: %+v", done)
		}
		if res := reg.do("POST", path, map[string]string{"note": "再次复核"}); res.status != 409 || !strings.Contains(res.body, "red_flag_reviewed") {
			t.Errorf("second review: %d %s", res.status, res.body)
		}
		if res := reg.do("POST", "/api/v1/supervision/red-flags/999999/review", map[string]string{"note": "不存在"}); res.status != 404 {
			t.Errorf("review of no flag: %d", res.status)
		}
		if n := s.count("SELECT count(*) FROM audit_events WHERE chain = ? AND action = 'red_flag.review'", fmt.Sprintf("red_flag:%d", f.ID)); n != 1 {
			t.Errorf("%d audit events of the review, want 1", n)
		}
		for status, want := range map[string]int{"reviewed": 1, "open": len(open) - 1} {
			res := reg.do("GET", "/api/v1/supervision/red-flags?status="+status, nil)
			var list struct{ Total int }
			res.json(t, &list)
			if list.Total != want {
				t.Errorf("%s flags: %d, want %d", status, list.Total, want)
			}
		}
		if n := todoCount(t, reg, "redFlagsToReview"); n != len(open)-1 {
			t.Errorf("the regulator's board after the review: %d red flags to review, want %d", n, len(open)-1)
		}
	})

	t.Run("Export", func(t *testing.T) {
		all := s.flags(t, reg, "")
		res := reg.do("GET", "/api/v1/supervision/red-flags/export.xlsx", nil)
		if res.status != 200 || !strings.HasPrefix(res.header.Get("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") ||
			!exportName(`red-flags-\d{8}\.xlsx`).MatchString(res.header.Get("Content-Disposition")) {
			t.Fatalf("xlsx: %d %v", res.status, res.header)
		}
		book, err := excelize.OpenReader(bytes.NewReader([]byte(res.body)))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := book.GetRows(book.GetSheetName(0))
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(all)+1 || rows[0][1] != "类型" {
			t.Fatalf("xlsx has %d rows (head %v), want %d flags", len(rows), rows[0], len(all))
		}
		if rows[1][0] != fmt.Sprint(all[0].ID) {
			t.Errorf("first row %v, want flag %d first", rows[1], all[0].ID)
		}
		res = reg.do("GET", "/api/v1/supervision/red-flags/export.csv?status=reviewed", nil)
		if res.status != 200 || !strings.HasPrefix(res.header.Get("Content-Type"), "text/csv") {
			t.Fatalf("csv: %d %v", res.status, res.header)
		}
		lines := strings.Split(strings.TrimSpace(res.body), "\n")
		if len(lines) != 2 || !strings.Contains(lines[1], "已复核") {
			t.Errorf("reviewed flags as CSV: %q", res.body)
		}
		var evidence map[string]any
		if err := json.Unmarshal([]byte(rows[1][len(rows[1])-1]), &evidence); err != nil {
			t.Errorf("evidence column is not JSON: %v", err)
		}
		if res := s.signIn("owner").do("GET", "/api/v1/supervision/red-flags/export.csv", nil); res.status != 403 {
			t.Errorf("an owner exports red flags: %d", res.status)
		}
	})
}
