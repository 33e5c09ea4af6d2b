package app

import (
	"bytes"
	"fmt"
	"testing"
)

// TestDeliverableNotices: each deliverable step tells the other party, in
// the same transaction: a submission the owner, a return (with its
// comments), an acceptance and the final acceptance the agency. A refused
// decision tells nobody.
func TestDeliverableNotices(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	fx := s.activeContract(t)
	agency, owner := s.signIn(fx.agency), s.signIn("owner")
	kinds := func(kind string) int {
		return s.count("SELECT count(*) FROM notifications WHERE kind = ? AND (params->>'contractId')::bigint = ?", kind, fx.id)
	}
	pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("法律意见书 "), 200)...)

	sub1, _ := s.openSubmission(t, agency, fx.first)
	s.deliver(t, agency, sub1, "初稿.pdf", pdf)
	s.mustPost(t, agency, fmt.Sprintf("/api/v1/submissions/%d/submit", sub1), nil)
	s.hasNotice(t, "owner", "deliverable_submitted", "milestoneName", "初稿")
	s.hasNotice(t, "owner", "deliverable_submitted", "version", "1")

	// A refused return (no comments) tells nobody.
	if res := owner.do("POST", fmt.Sprintf("/api/v1/submissions/%d/decision", sub1), map[string]any{"accept": false}); res.status != 422 {
		t.Fatalf("return without comments: %d %s", res.status, res.body)
	}
	if n := kinds("deliverable_returned"); n != 0 {
		t.Fatalf("a refused return sent %d notices", n)
	}
	s.mustPost(t, owner, fmt.Sprintf("/api/v1/submissions/%d/decision", sub1), map[string]any{"accept": false, "comments": "缺少风险提示"})
	s.hasNotice(t, fx.agency, "deliverable_returned", "comments", "缺少风险提示")

	sub2, _ := s.openSubmission(t, agency, fx.first)
	s.deliver(t, agency, sub2, "修订稿.pdf", append(pdf, '\n'))
	s.mustPost(t, agency, fmt.Sprintf("/api/v1/submissions/%d/submit", sub2), nil)
	s.hasNotice(t, "owner", "deliverable_submitted", "version", "2")
	s.mustPost(t, owner, fmt.Sprintf("/api/v1/submissions/%d/decision", sub2), map[string]any{"accept": true})
	s.hasNotice(t, fx.agency, "deliverable_accepted", "milestoneName", "初稿")
	if n := kinds("contract_accepted"); n != 0 {
		t.Fatalf("accepting a milestone that is not final sent %d final-acceptance notices", n)
	}

	sub3, _ := s.openSubmission(t, agency, fx.final)
	s.deliver(t, agency, sub3, "终稿.pdf", append(pdf, 'x'))
	s.mustPost(t, agency, fmt.Sprintf("/api/v1/submissions/%d/submit", sub3), nil)
	s.mustPost(t, owner, fmt.Sprintf("/api/v1/submissions/%d/decision", sub3), map[string]any{"accept": true})
	s.hasNotice(t, fx.agency, "deliverable_accepted", "milestoneName", "终稿")
	code := ""
	if err := s.db.Bun.NewRaw("SELECT code FROM acceptance_certificates WHERE contract_id = ?", fx.id).Scan(t.Context(), &code); err != nil {
		t.Fatal(err)
	}
	s.hasNotice(t, fx.agency, "contract_accepted", "certificate", code)
	// Each step told exactly one organisation, the other party.
	for kind, want := range map[string]int{"deliverable_submitted": 3, "deliverable_returned": 1, "deliverable_accepted": 2, "contract_accepted": 1} {
		if n := kinds(kind); n != want {
			t.Errorf("%d %s notices, want %d", n, kind, want)
		}
	}
	if n := s.count(`SELECT count(*) FROM notifications WHERE kind LIKE 'deliverable_%' AND (params->>'contractId')::bigint = ?
		AND organisation_id <> CASE WHEN kind = 'deliverable_submitted' THEN (SELECT owner_id FROM contracts WHERE id = ?)
		ELSE (SELECT agency_id FROM contracts WHERE id = ?) END`, fx.id, fx.id, fx.id); n != 0 {
		t.Errorf("%d deliverable notices went to the wrong party", n)
	}
}
