package app

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"intermart/internal/audit"
	"intermart/internal/authz"
	"intermart/internal/demo"
	"intermart/internal/identity"
	"intermart/internal/procurement"
	"intermart/internal/supervision"
)

type complaintDoc struct {
	ID              int64    `json:"id"`
	Status          string   `json:"status"`
	MyRole          string   `json:"myRole"`
	Suspended       bool     `json:"suspended"`
	SelectionVoided bool     `json:"selectionVoided"`
	Actions         []string `json:"actions"`
	Evidence        []struct {
		FileID int64 `json:"fileId"`
	} `json:"evidence"`
	Messages []struct {
		Role string `json:"role"`
		Body string `json:"body"`
	} `json:"messages"`
	Events []struct {
		Action string `json:"action"`
	} `json:"events"`
}

// uploadEvidence uploads a PDF as complaint evidence for c's organisation.
func (s *testServer) uploadEvidence(t *testing.T, c *client) int64 {
	t.Helper()
	res := c.do("POST", "/api/v1/files?purpose=complaint_evidence&filename="+url.QueryEscape("证据.pdf"), pdfBytes,
		"Content-Type", "application/octet-stream")
	if res.status != 201 {
		t.Fatalf("upload evidence: %d %s", res.status, res.body)
	}
	var f struct{ ID int64 }
	res.json(t, &f)
	return f.ID
}

func (c complaintDoc) has(action string) bool {
	for _, a := range c.Actions {
		if a == action {
			return true
		}
	}
	return false
}

// TestComplaints drives a complaint from filing to decision through the
// API, and every refusal on the way: who may file, the regulators' steps,
// the suspension holding the award, the upheld complaint voiding the
// selection and counting in the winner's credit score, and the published
// summary.
func TestComplaints(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	item, users, outsider := s.eligibleAgencies(t, 4)
	clients := make([]*client, len(users))
	for i, u := range users {
		clients[i] = s.signIn(u)
	}
	owner := s.signIn("owner")
	regulator := s.signIn("reg.zwfw")
	id, code := s.publish(t, item, announcementOpts{method: procurement.MethodLowest, ceiling: 1_000_000})
	for i, c := range clients {
		if res := s.register(t, c, id, int64(600_000+i*10_000)); res.status != 200 {
			t.Fatalf("register: %d %s", res.status, res.body)
		}
	}
	s.passDeadline(t, id)
	first := s.result(t, code).Selections[0]
	// The lowest quote wins: the first client; the second complains.
	winner, complainant, bystander := clients[0], clients[1], clients[2]
	winnerOrg := s.id("SELECT agency_id FROM registrations WHERE id = ?", first.WinnerRegistrationID)
	if got := s.id("SELECT organisation_id FROM users WHERE username = ?", users[0]); got != winnerOrg {
		t.Fatalf("the winner is organisation %d, not the lowest quote's %d", winnerOrg, got)
	}
	evidence := s.uploadEvidence(t, complainant)
	grounds := "中选机构报价明显低于成本且资质证书在截止时已过期，请依法调查并取消其中选资格。"
	file := func(kind string, target int64, extra map[string]any) map[string]any {
		b := map[string]any{"targetKind": kind, "targetId": target, "grounds": grounds}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}

	t.Run("Refused", func(t *testing.T) {
		cases := []struct {
			name   string
			c      *client
			body   map[string]any
			status int
			reason string
		}{
			{"Outsider", s.signIn(outsider), file("selection", first.ID, nil), 403, "not_a_party"},
			{"WinnerAgainstItself", winner, file("selection", first.ID, nil), 403, "not_a_party"},
			{"ShortGrounds", complainant, map[string]any{"targetKind": "selection", "targetId": first.ID, "grounds": "太短"}, 422, "grounds"},
			{"NoSuchTarget", complainant, file("selection", 999999, nil), 422, "target_not_found"},
			{"OthersEvidence", bystander, file("selection", first.ID, map[string]any{"evidenceIds": []int64{evidence}}), 422, "evidence_unknown"},
			{"Regulator", regulator, file("selection", first.ID, nil), 403, ""},
			{"OtherOwner", s.signIn("owner.zjt"), file("announcement", id, nil), 403, "not_a_party"},
		}
		for _, tc := range cases {
			res := tc.c.do("POST", "/api/v1/complaints", tc.body)
			if res.status != tc.status || !strings.Contains(res.body, tc.reason) {
				t.Errorf("%s: %d %s, want %d %s", tc.name, res.status, res.body, tc.status, tc.reason)
			}
		}
		if n := s.count("SELECT count(*) FROM complaints"); n != 0 {
			t.Errorf("refused complaints stored %d rows", n)
		}
	})

	var cp complaintDoc
	path := func(rest string) string { return fmt.Sprintf("/api/v1/complaints/%d%s", cp.ID, rest) }
	t.Run("FileAndTalk", func(t *testing.T) {
		res := complainant.do("POST", "/api/v1/complaints", file("selection", first.ID, map[string]any{"evidenceIds": []int64{evidence}}))
		if res.status != 201 {
			t.Fatalf("file: %d %s", res.status, res.body)
		}
		res.json(t, &cp)
		if cp.Status != "filed" || cp.MyRole != "complainant" || len(cp.Evidence) != 1 || !cp.has("message") || cp.has("review") {
			t.Errorf("filed: %+v", cp)
		}
		for _, who := range []int64{winnerOrg, s.id("SELECT organisation_id FROM users WHERE username = 'owner'")} {
			if n := s.count("SELECT count(*) FROM notifications WHERE organisation_id = ? AND kind = 'complaint_filed' AND (params->>'complaintId')::bigint = ?", who, cp.ID); n != 1 {
				t.Errorf("organisation %d told of the complaint %d times", who, n)
			}
		}
		if res := complainant.do("POST", "/api/v1/complaints", file("selection", first.ID, nil)); res.status != 409 {
			t.Errorf("file twice: %d %s", res.status, res.body)
		}
		if res := bystander.do("GET", path(""), nil); res.status != 404 {
			t.Errorf("a registrant not a party reads it: %d %s", res.status, res.body)
		}
		if res := s.signIn("owner.zjt").do("GET", path(""), nil); res.status != 404 {
			t.Errorf("another owner reads it: %d", res.status)
		}
		for _, p := range []struct {
			c    *client
			role string
		}{{winner, "respondent"}, {owner, "owner"}, {regulator, "regulator"}} {
			res := p.c.do("POST", path("/messages"), map[string]any{"body": "来自" + p.role + "的说明。"})
			var got complaintDoc
			res.json(t, &got)
			if res.status != 201 || got.MyRole != p.role || got.Messages[len(got.Messages)-1].Role != p.role {
				t.Errorf("%s writes: %d %s", p.role, res.status, res.body)
			}
		}
		if res := bystander.do("POST", path("/messages"), map[string]any{"body": "旁观"}); res.status != 404 {
			t.Errorf("a bystander writes: %d", res.status)
		}
		var list struct{ Items []complaintDoc }
		winner.do("GET", "/api/v1/complaints", nil).json(t, &list)
		if len(list.Items) != 1 || list.Items[0].ID != cp.ID {
			t.Errorf("the respondent's list: %+v", list.Items)
		}
		bystander.do("GET", "/api/v1/complaints", nil).json(t, &list)
		if len(list.Items) != 0 {
			t.Errorf("a bystander's list: %+v", list.Items)
		}
	})

	t.Run("AcceptSuspendHoldsTheAward", func(t *testing.T) {
		if res := owner.do("POST", path("/review"), map[string]any{"decision": "accepted"}); res.status != 403 {
			t.Errorf("the owner reviews: %d", res.status)
		}
		if res := regulator.do("POST", path("/decide"), map[string]any{"decision": "upheld", "reasoning": "属实", "summary": "成立"}); res.status != 409 {
			t.Errorf("decided before acceptance: %d %s", res.status, res.body)
		}
		if res := regulator.do("POST", path("/review"), map[string]any{"decision": "rejected"}); res.status != 422 || !strings.Contains(res.body, "note_required") {
			t.Errorf("rejected without a reason: %d %s", res.status, res.body)
		}
		toAccept, toDecide := todoCount(t, regulator, "complaintsToAccept"), todoCount(t, regulator, "complaintsToDecide")
		if toAccept == 0 {
			t.Errorf("the regulator's board has no complaint to accept")
		}
		res := regulator.do("POST", path("/review"), map[string]any{"decision": "accepted"})
		res.json(t, &cp)
		if res.status != 200 || cp.Status != "accepted" || !cp.has("suspend") || !cp.has("decide") {
			t.Fatalf("accept: %d %s", res.status, res.body)
		}
		if a, d := todoCount(t, regulator, "complaintsToAccept"), todoCount(t, regulator, "complaintsToDecide"); a != toAccept-1 || d != toDecide+1 {
			t.Errorf("the regulator's board after accepting: %d to accept, %d to decide; want %d and %d", a, d, toAccept-1, toDecide+1)
		}
		if res := regulator.do("POST", path("/review"), map[string]any{"decision": "accepted"}); res.status != 409 {
			t.Errorf("accepted twice: %d", res.status)
		}
		res = regulator.do("POST", path("/suspend"), nil)
		res.json(t, &cp)
		if res.status != 200 || !cp.Suspended || !cp.has("resume") {
			t.Fatalf("suspend: %d %s", res.status, res.body)
		}
		if res := regulator.do("POST", path("/suspend"), nil); res.status != 409 {
			t.Errorf("suspended twice: %d", res.status)
		}
		// The publicity ends while suspended: no award.
		s.endPublicity(t, id)
		if got := s.result(t, code); got.Status != procurement.StatusInPublicity {
			t.Fatalf("awarded while suspended: %s", got.Status)
		}
		// Nor does an objection's answer reselect while suspended.
		res = complainant.do("POST", fmt.Sprintf("/api/v1/selections/%d/objections", first.ID), map[string]any{"grounds": "中选机构资质已过期，请复核。"})
		if res.status == 201 {
			t.Errorf("an objection after publicity ended was accepted")
		}
	})

	t.Run("UpheldVoidsAndCounts", func(t *testing.T) {
		creditOf := func() (complaints, upheld int) {
			var v struct {
				Breakdown struct {
					Complaints       int `json:"complaints"`
					UpheldComplaints int `json:"upheldComplaints"`
				} `json:"breakdown"`
			}
			s.anonymous().do("GET", fmt.Sprintf("/api/v1/agencies/%d/credit", winnerOrg), nil).json(t, &v)
			return v.Breakdown.Complaints, v.Breakdown.UpheldComplaints
		}
		if d, n := creditOf(); d != 0 || n != 0 {
			t.Fatalf("credit before: %d for %d", d, n)
		}
		bad := map[string]any{"decision": "dismissed", "reasoning": "不成立", "summary": "驳回", "voidSelection": true}
		if res := regulator.do("POST", path("/decide"), bad); res.status != 422 || !strings.Contains(res.body, "void_needs_upheld") {
			t.Errorf("dismissed and voided: %d %s", res.status, res.body)
		}
		res := regulator.do("POST", path("/decide"), map[string]any{"decision": "upheld", "voidSelection": true,
			"reasoning": "经调查，中选机构的资质证书在报名截止时已过期，投诉事项属实。",
			"summary":   "投诉成立：中选机构资质过期，取消其中选资格，依次递补。"})
		res.json(t, &cp)
		if res.status != 200 || cp.Status != "upheld" || cp.Suspended || !cp.SelectionVoided || len(cp.Actions) != 0 {
			t.Fatalf("decide: %d %s", res.status, res.body)
		}
		r := s.result(t, code)
		if len(r.Selections) != 2 || r.Selections[0].Status != procurement.SelectionVoided ||
			r.Selections[1].Status != procurement.SelectionInPublicity || r.Status != procurement.StatusInPublicity {
			t.Errorf("after the upheld complaint: %+v", r)
		}
		if n := s.count("SELECT count(*) FROM announcements WHERE id = ? AND suspended_at IS NOT NULL", id); n != 0 {
			t.Errorf("still suspended after the decision")
		}
		if n := s.count("SELECT count(*) FROM notifications WHERE kind = 'complaint_decided' AND (params->>'complaintId')::bigint = ?", cp.ID); n != 3 {
			t.Errorf("%d told of the decision, want the complainant, the respondent and the owner", n)
		}
		if d, n := creditOf(); d != 500 || n != 1 {
			t.Errorf("credit after: %d for %d, want 500 for 1", d, n)
		}
		if res := complainant.do("POST", path("/messages"), map[string]any{"body": "谢谢"}); res.status != 409 {
			t.Errorf("writes after the decision: %d", res.status)
		}
		if res := regulator.do("POST", path("/decide"), map[string]any{"decision": "dismissed", "reasoning": "改判", "summary": "改判"}); res.status != 409 {
			t.Errorf("decided twice: %d", res.status)
		}
		var got []string
		for _, e := range cp.Events {
			got = append(got, e.Action)
		}
		want := "complaint.file complaint.message complaint.message complaint.message complaint.accept complaint.suspend complaint.resume complaint.decide"
		if strings.Join(got, " ") != want {
			t.Errorf("history %v, want %s", got, want)
		}
		ctx := context.Background()
		for _, chain := range []string{audit.Chain("complaint", cp.ID), audit.Chain("announcement", id)} {
			if brk, err := audit.Verify(ctx, s.db.Bun, chain); err != nil || brk != nil {
				t.Errorf("chain %s: %v %v", chain, brk, err)
			}
		}
		if n := s.count("SELECT count(*) FROM audit_events WHERE chain = ? AND action IN ('announcement.suspend', 'announcement.resume', 'selection.void')",
			audit.Chain("announcement", id)); n != 3 {
			t.Errorf("the announcement's chain has %d suspend/resume/void events, want 3", n)
		}
	})

	t.Run("CountedOnTheDashboard", func(t *testing.T) {
		// The test's database is its own: this is the one complaint filed so far, upheld.
		figures, err := s.caps.supervision.Figures(context.Background(), &authz.Principal{OrgKind: identity.KindRegulator,
			Role: authz.Regulator}, supervision.FiguresQuery{From: "2020-01-01", To: "2035-12-31"})
		if err != nil {
			t.Fatal(err)
		}
		if figures.Totals.Complaints != 1 || figures.Totals.Upheld != 1 {
			t.Errorf("dashboard: %d complaints, %d upheld; want 1 and 1", figures.Totals.Complaints, figures.Totals.Upheld)
		}
	})

	t.Run("RejectedAndPublished", func(t *testing.T) {
		res := bystander.do("POST", "/api/v1/complaints", file("announcement", id, nil))
		var other complaintDoc
		res.json(t, &other)
		if res.status != 201 || other.MyRole != "complainant" {
			t.Fatalf("file about the announcement: %d %s", res.status, res.body)
		}
		var ownerView complaintDoc
		owner.do("GET", fmt.Sprintf("/api/v1/complaints/%d", other.ID), nil).json(t, &ownerView)
		if ownerView.MyRole != "respondent" {
			t.Errorf("the owner answers a complaint about its announcement: %+v", ownerView)
		}
		res = regulator.do("POST", fmt.Sprintf("/api/v1/complaints/%d/review", other.ID), map[string]any{"decision": "rejected", "note": "投诉事项不属于本部门受理范围。"})
		if res.status != 200 || !strings.Contains(res.body, `"rejected"`) {
			t.Fatalf("reject: %d %s", res.status, res.body)
		}
		if res := regulator.do("POST", fmt.Sprintf("/api/v1/complaints/%d/suspend", other.ID), nil); res.status != 409 {
			t.Errorf("suspend on a rejected complaint: %d", res.status)
		}
		var pub struct {
			Items []map[string]any
		}
		res = s.anonymous().do("GET", "/api/v1/complaint-decisions", nil)
		res.json(t, &pub)
		if res.status != 200 || len(pub.Items) != 1 || pub.Items[0]["decision"] != "upheld" ||
			!strings.Contains(fmt.Sprint(pub.Items[0]["summary"]), "投诉成立") {
			t.Fatalf("published decisions: %d %s", res.status, res.body)
		}
		if strings.Contains(res.body, grounds) || strings.Contains(res.body, "complainant") {
			t.Errorf("the published summary shows the grounds or the complainant: %s", res.body)
		}
	})
}

// TestComplaintSuspension: a suspended procedure is not closed at its
// deadline nor chosen, and resumes; a direct choice whose time ran out while
// suspended gets its working days again. A complaint about a contract
// suspends nothing and, dismissed, costs the agency nothing.
func TestComplaintSuspension(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	ctx := context.Background()
	item, users, _ := s.eligibleAgencies(t, 2)
	agency := s.signIn(users[0])
	owner := s.signIn("owner")
	regulator := s.signIn("reg.zwfw")
	grounds := "公告设定的资质条件超出项目需要，排斥潜在的中介机构，请依法审查。"
	suspended := func(t *testing.T, annID int64) int64 {
		t.Helper()
		res := agency.do("POST", "/api/v1/complaints", map[string]any{"targetKind": "announcement", "targetId": annID, "grounds": grounds})
		var cp complaintDoc
		res.json(t, &cp)
		if res.status != 201 {
			t.Fatalf("file: %d %s", res.status, res.body)
		}
		for _, step := range []struct {
			path string
			body any
		}{{"/review", map[string]any{"decision": "accepted"}}, {"/suspend", nil}} {
			if res := regulator.do("POST", fmt.Sprintf("/api/v1/complaints/%d%s", cp.ID, step.path), step.body); res.status != 200 {
				t.Fatalf("%s: %d %s", step.path, res.status, res.body)
			}
		}
		return cp.ID
	}
	status := func(annID int64) string {
		var st string
		if err := s.db.Bun.NewRaw("SELECT status FROM announcements WHERE id = ?", annID).Scan(ctx, &st); err != nil {
			t.Fatal(err)
		}
		return st
	}

	t.Run("OpenNotClosedUntilResumed", func(t *testing.T) {
		id, _ := s.publish(t, item, announcementOpts{method: procurement.MethodRandom, ceiling: 1_000_000})
		if res := s.register(t, agency, id, 0); res.status != 200 {
			t.Fatalf("register: %d %s", res.status, res.body)
		}
		cp := suspended(t, id)
		s.exec(t, "UPDATE announcements SET registration_deadline = now() - interval '1 second' WHERE id = ?", id)
		if closed, err := s.caps.procurement.Close(ctx, id); err != nil || closed {
			t.Fatalf("closed while suspended: %v %v", closed, err)
		}
		if err := s.caps.procurement.Sweep(ctx); err != nil {
			t.Fatal(err)
		}
		if st := status(id); st != procurement.StatusOpen {
			t.Fatalf("swept while suspended: %s", st)
		}
		if res := regulator.do("POST", fmt.Sprintf("/api/v1/complaints/%d/resume", cp), nil); res.status != 200 {
			t.Fatalf("resume: %d %s", res.status, res.body)
		}
		if res := regulator.do("POST", fmt.Sprintf("/api/v1/complaints/%d/resume", cp), nil); res.status != 409 {
			t.Errorf("resumed twice: %d", res.status)
		}
		if err := s.caps.procurement.Sweep(ctx); err != nil {
			t.Fatal(err)
		}
		// One registrant is too few for a draw: the round fails, as it would have at the deadline.
		if st := status(id); st != procurement.StatusFailed {
			t.Errorf("after resuming and sweeping: %s", st)
		}
	})

	t.Run("DirectChoiceHeldThenGivenTimeAgain", func(t *testing.T) {
		id, _ := s.publish(t, item, announcementOpts{method: procurement.MethodDirect, ceiling: 5_000_000})
		if res := s.register(t, agency, id, 0); res.status != 200 {
			t.Fatalf("register: %d %s", res.status, res.body)
		}
		s.passDeadline(t, id)
		if st := status(id); st != procurement.StatusClosed {
			t.Fatalf("direct after the deadline: %s", st)
		}
		regID := s.id("SELECT id FROM registrations WHERE announcement_id = ?", id)
		cp := suspended(t, id)
		choose := map[string]any{"registrationId": regID, "reason": "该机构熟悉本项目情况，报价合理。"}
		if res := owner.do("POST", fmt.Sprintf("/api/v1/announcements/%d/selection", id), choose); res.status != 409 ||
			!strings.Contains(res.body, "procedure_suspended") {
			t.Errorf("chose while suspended: %d %s", res.status, res.body)
		}
		s.exec(t, "UPDATE announcements SET choose_by = now() - interval '1 second' WHERE id = ?", id)
		if err := s.caps.procurement.Sweep(ctx); err != nil {
			t.Fatal(err)
		}
		if st := status(id); st != procurement.StatusClosed {
			t.Fatalf("the late choice failed the round while suspended: %s", st)
		}
		res := regulator.do("POST", fmt.Sprintf("/api/v1/complaints/%d/decide", cp), map[string]any{
			"decision": "dismissed", "reasoning": "资质条件符合行业规范。", "summary": "驳回投诉：资质条件合理。"})
		if res.status != 200 || !strings.Contains(res.body, `"dismissed"`) {
			t.Fatalf("dismiss: %d %s", res.status, res.body)
		}
		if n := s.count("SELECT count(*) FROM announcements WHERE id = ? AND suspended_at IS NULL AND choose_by > now()", id); n != 1 {
			t.Errorf("resumed without a new time to choose")
		}
		if res := owner.do("POST", fmt.Sprintf("/api/v1/announcements/%d/selection", id), choose); res.status != 201 {
			t.Errorf("choose after the decision: %d %s", res.status, res.body)
		}
	})

	t.Run("ContractComplaintDismissed", func(t *testing.T) {
		if err := demo.LoadProcurement(ctx, s.db.Bun, s.caps.procurement, s.caps.catalog); err != nil {
			t.Fatal(err)
		}
		cid := s.id("SELECT c.id FROM contracts c JOIN users u ON u.organisation_id = c.owner_id WHERE u.username = 'owner.jianchuan'")
		agencyOrg := s.id("SELECT agency_id FROM contracts WHERE id = ?", cid)
		body := map[string]any{"targetKind": "contract", "targetId": cid, "grounds": "中介机构未按约定派驻项目负责人，影响项目进度。"}
		if res := owner.do("POST", "/api/v1/complaints", body); res.status != 403 || !strings.Contains(res.body, "not_a_party") {
			t.Errorf("another owner complains about the contract: %d %s", res.status, res.body)
		}
		res := s.signIn("owner.jianchuan").do("POST", "/api/v1/complaints", body)
		var cp complaintDoc
		res.json(t, &cp)
		if res.status != 201 {
			t.Fatalf("file: %d %s", res.status, res.body)
		}
		if res := regulator.do("POST", fmt.Sprintf("/api/v1/complaints/%d/review", cp.ID), map[string]any{"decision": "accepted"}); res.status != 200 {
			t.Fatalf("accept: %d %s", res.status, res.body)
		}
		if res := regulator.do("POST", fmt.Sprintf("/api/v1/complaints/%d/suspend", cp.ID), nil); res.status != 409 ||
			!strings.Contains(res.body, "no_procedure_to_suspend") {
			t.Errorf("suspend on a contract complaint: %d %s", res.status, res.body)
		}
		res = regulator.do("POST", fmt.Sprintf("/api/v1/complaints/%d/decide", cp.ID), map[string]any{
			"decision": "upheld", "voidSelection": true, "reasoning": "属实", "summary": "成立"})
		if res.status != 422 || !strings.Contains(res.body, "not_a_selection") {
			t.Errorf("void on a contract complaint: %d %s", res.status, res.body)
		}
		res = regulator.do("POST", fmt.Sprintf("/api/v1/complaints/%d/decide", cp.ID), map[string]any{
			"decision": "dismissed", "reasoning": "项目负责人已按约定到岗。", "summary": "驳回投诉。"})
		if res.status != 200 {
			t.Fatalf("dismiss: %d %s", res.status, res.body)
		}
		if n := s.count("SELECT count(*) FROM credit_complaints WHERE agency_id = ?", agencyOrg); n != 0 {
			t.Errorf("a dismissed complaint counts against the agency: %d", n)
		}
	})
}
