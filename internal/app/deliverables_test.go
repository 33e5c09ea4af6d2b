package app

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// contractFixture is an active contract of "owner" with the agency that won
// a random draw, with two milestones, the second final.
type contractFixture struct {
	id, first, final int64
	code             string
	agency           string // a user of the contracted agency
	otherAgency      string // a user of an agency that lost the draw
}

// activeContract inserts a contract as registration and confirmation leave
// it, on a real award.
func (s *testServer) activeContract(t testing.TB) contractFixture {
	t.Helper()
	item, users, _ := s.eligibleAgencies(t, 3)
	ann, code := s.publish(t, item, announcementOpts{method: "random"})
	for _, u := range users {
		if res := s.register(t, s.signIn(u), ann, 0); res.status != 200 {
			t.Fatalf("register: %d %s", res.status, res.body)
		}
	}
	s.passDeadline(t, ann)
	sel := s.id("SELECT id FROM selections WHERE announcement_id = ?", ann)
	agencyOrg := s.id("SELECT r.agency_id FROM selections s JOIN registrations r ON r.id = s.winner_id WHERE s.id = ?", sel)
	fx := contractFixture{code: "HT-" + code}
	for _, u := range users {
		if s.id("SELECT organisation_id FROM users WHERE username = ?", u) == agencyOrg {
			fx.agency = u
		} else {
			fx.otherAgency = u
		}
	}
	ownerUser := s.id("SELECT id FROM users WHERE username = 'owner'")
	docBody := []byte("%PDF-1.7\n合同正本")
	stored, err := s.objects.Put(context.Background(), fmt.Sprintf("contract_document/%s.pdf", code), bytes.NewReader(docBody), int64(len(docBody)), "application/pdf")
	if err != nil {
		t.Fatal(err)
	}
	doc := s.id(`INSERT INTO files (organisation_id, purpose, object_key, version_id, sha256, size_bytes, content_type, filename, uploaded_by)
		SELECT organisation_id, 'contract_document', ?, ?, ?, ?, 'application/pdf', 'contract.pdf', id
		FROM users WHERE id = ? RETURNING id`, stored.Key, stored.VersionID, stored.SHA256, stored.Size, ownerUser)
	fx.id = s.id(`INSERT INTO contracts (code, announcement_id, selection_id, owner_id, agency_id, item_id, region_code, title,
		ceiling_fen, price_fen, service_workdays, status, register_by, document_file_id, signed_on, starts_on, due_on,
		registered_by_org, registered_by, registered_at, confirmed_at)
		SELECT ?, a.id, ?, a.owner_id, ?, ?, '532901', '洱海保护治理项目环境影响评价', 5000000, 4500000, 30, 'active', now(), ?,
		current_date, current_date, current_date + 45, a.owner_id, ?, now(), now() FROM announcements a WHERE a.id = ? RETURNING id`,
		fx.code, sel, agencyOrg, item, doc, ownerUser, ann)
	fx.first = s.id("INSERT INTO milestones (contract_id, seq, name, workdays, due_on) VALUES (?, 1, '初稿', 15, current_date + 20) RETURNING id", fx.id)
	fx.final = s.id("INSERT INTO milestones (contract_id, seq, name, workdays, due_on, final) VALUES (?, 2, '终稿', 30, current_date + 45, true) RETURNING id", fx.id)
	return fx
}

// putDeliverable streams body into a submission; size -1 sends it chunked.
func (c *client) putDeliverable(submission int64, filename string, body io.Reader, size int64) response {
	c.s.t.Helper()
	req, err := http.NewRequest("PUT", fmt.Sprintf("%s/api/v1/submissions/%d/files?filename=%s", c.s.URL(), submission, url.QueryEscape(filename)), body)
	if err != nil {
		c.s.t.Fatal(err)
	}
	req.ContentLength = size
	req.Header.Set("Content-Type", "application/octet-stream")
	resp, err := c.http.Do(req)
	if err != nil {
		c.s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

type deliverableFile struct {
	ID          int64  `json:"id"`
	SHA256      string `json:"sha256"`
	Size        int64  `json:"size"`
	ContentType string `json:"contentType"`
}

func (s *testServer) deliver(t *testing.T, c *client, submission int64, filename string, body []byte) deliverableFile {
	t.Helper()
	res := c.putDeliverable(submission, filename, bytes.NewReader(body), int64(len(body)))
	if res.status != 201 {
		t.Fatalf("upload %s: %d %s", filename, res.status, res.body)
	}
	var f deliverableFile
	res.json(t, &f)
	return f
}

func (s *testServer) openSubmission(t testing.TB, c *client, milestone int64) (id int64, version int) {
	t.Helper()
	res := c.do("POST", fmt.Sprintf("/api/v1/milestones/%d/submissions", milestone), map[string]string{"note": "请审阅"})
	if res.status != 201 {
		t.Fatalf("open submission: %d %s", res.status, res.body)
	}
	var sub struct {
		ID      int64
		Version int
	}
	res.json(t, &sub)
	return sub.ID, sub.Version
}

// zipWith builds a ZIP archive holding the named entries.
func zipWith(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, n := range names {
		f, err := w.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(f, "<x>%s</x>", n)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sha(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// TestDeliverables walks deliverables from upload to final acceptance: the
// types recognised by content, the parties' sides, a return with comments,
// a new version, retention that MinIO enforces, audited download links, the
// certificate and the public authenticity check.
func TestDeliverables(t *testing.T) {
	t.Parallel()
	s := startServer(t, map[string]string{"INTERMART_MAX_DELIVERABLE_BYTES": "1048576"})
	fx := s.activeContract(t)
	agency, owner := s.signIn(fx.agency), s.signIn("owner")
	otherAgency, otherOwner, regulator := s.signIn(fx.otherAgency), s.signIn("owner.zjt"), s.signIn("reg.zwfw")
	ctx := context.Background()

	// Only the contracted agency opens a version.
	for _, c := range []struct {
		who    *client
		status int
	}{{otherAgency, 404}, {owner, 403}, {regulator, 403}} {
		if res := c.who.do("POST", fmt.Sprintf("/api/v1/milestones/%d/submissions", fx.first), map[string]string{}); res.status != c.status {
			t.Errorf("open by a non-party: %d %s, want %d", res.status, res.body, c.status)
		}
	}
	sub1, v := s.openSubmission(t, agency, fx.first)
	if v != 1 {
		t.Fatalf("first version = %d", v)
	}
	if res := agency.do("POST", fmt.Sprintf("/api/v1/milestones/%d/submissions", fx.first), map[string]string{}); res.status != 409 {
		t.Errorf("a second open version: %d %s, want 409", res.status, res.body)
	}

	// Types by content, never by name.
	pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("环评报告 "), 3000)...)
	docx := zipWith(t, "[Content_Types].xml", "_rels/.rels", "word/document.xml")
	ofd := zipWith(t, "OFD.xml", "Doc_0/Document.xml")
	dwg := append([]byte("AC1032"), bytes.Repeat([]byte{0}, 500)...)
	for _, c := range []struct {
		name string
		body []byte
		want string
	}{{"报告.pdf", pdf, "application/pdf"}, {"报告.docx", docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"报告.ofd", ofd, "application/ofd"}, {"总图.dwg", dwg, "image/vnd.dwg"}, {"数据.zip", zipWith(t, "data.csv"), "application/zip"}} {
		if f := s.deliver(t, agency, sub1, c.name, c.body); f.ContentType != c.want || f.SHA256 != sha(c.body) {
			t.Errorf("%s: type %s sha %s, want %s %s", c.name, f.ContentType, f.SHA256, c.want, sha(c.body))
		}
	}
	before := s.count("SELECT count(*) FROM files WHERE purpose = 'deliverable'")
	if res := agency.putDeliverable(sub1, "report.pdf", strings.NewReader("MZ\x90\x00 an executable named .pdf"), -1); res.status != 422 || !strings.Contains(res.body, "file_type_deliverable") {
		t.Errorf("an executable named .pdf: %d %s, want 422 file_type_deliverable", res.status, res.body)
	}
	// Over the limit: refused while streaming, without a declared length.
	big := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{'x'}, 2<<20)...)
	if res := agency.putDeliverable(sub1, "big.pdf", bytes.NewReader(big), -1); res.status != 413 {
		t.Errorf("oversized chunked upload: %d %s, want 413", res.status, res.body)
	}
	if res := agency.putDeliverable(sub1, "big.pdf", bytes.NewReader(big), int64(len(big))); res.status != 413 {
		t.Errorf("oversized upload: %d %s, want 413", res.status, res.body)
	}
	if res := otherAgency.putDeliverable(sub1, "x.pdf", bytes.NewReader(pdf), int64(len(pdf))); res.status != 404 {
		t.Errorf("upload by another agency: %d %s, want 404", res.status, res.body)
	}
	if n := s.count("SELECT count(*) FROM files WHERE purpose = 'deliverable'"); n != before {
		t.Errorf("refused uploads stored %d files", n-before)
	}

	// Who sees the list and gets links.
	list := fmt.Sprintf("/api/v1/contracts/%d/deliverables", fx.id)
	for _, c := range []struct {
		name   string
		who    *client
		status int
	}{{"agency", agency, 200}, {"owner", owner, 200}, {"regulator", regulator, 200}, {"other agency", otherAgency, 404}, {"other owner", otherOwner, 404}} {
		if res := c.who.do("GET", list, nil); res.status != c.status {
			t.Errorf("%s lists the deliverables: %d, want %d", c.name, res.status, c.status)
		}
	}
	fileID := s.id("SELECT file_id FROM submission_files WHERE submission_id = ? ORDER BY file_id LIMIT 1", sub1)
	link := fmt.Sprintf("/api/v1/deliverables/%d/link", fileID)
	downloads := s.count("SELECT count(*) FROM audit_events WHERE chain = ? AND action = 'file.download'", fmt.Sprintf("contract:%d", fx.id))
	for _, c := range []struct {
		name   string
		who    *client
		status int
	}{{"agency", agency, 200}, {"owner", owner, 200}, {"regulator", regulator, 200}, {"other agency", otherAgency, 404}, {"other owner", otherOwner, 404}} {
		if res := c.who.do("POST", link, nil); res.status != c.status {
			t.Errorf("%s asks for a link: %d %s, want %d", c.name, res.status, res.body, c.status)
		}
	}
	if n := s.count("SELECT count(*) FROM audit_events WHERE chain = ? AND action = 'file.download'", fmt.Sprintf("contract:%d", fx.id)); n != downloads+3 {
		t.Errorf("%d downloads recorded, want 3", n-downloads)
	}
	// A file that never belonged to a contract gets no link here.
	scan := s.upload(agency, "scan.png", pngBytes)
	if res := agency.do("POST", fmt.Sprintf("/api/v1/deliverables/%d/link", scan.ID), nil); res.status != 404 {
		t.Errorf("link to a file of no contract: %d, want 404", res.status)
	}

	// Submit: retention that MinIO enforces.
	if res := agency.do("POST", fmt.Sprintf("/api/v1/submissions/%d/submit", sub1), nil); res.status != 200 {
		t.Fatalf("submit: %d %s", res.status, res.body)
	}
	var key, version string
	if err := s.db.Bun.NewRaw("SELECT object_key, version_id FROM files WHERE id = ?", fileID).Scan(ctx, &key, &version); err != nil {
		t.Fatal(err)
	}
	if err := s.objects.Remove(ctx, key, version); err == nil {
		t.Error("MinIO deleted a submitted version")
	}
	if res := agency.putDeliverable(sub1, "late.pdf", bytes.NewReader(pdf), int64(len(pdf))); res.status != 409 {
		t.Errorf("upload to a submitted version: %d %s, want 409", res.status, res.body)
	}

	// Review: the owner only; a return needs comments.
	decide := fmt.Sprintf("/api/v1/submissions/%d/decision", sub1)
	for _, c := range []struct {
		name   string
		who    *client
		status int
	}{{"agency", agency, 403}, {"regulator", regulator, 403}, {"other owner", otherOwner, 404}} {
		if res := c.who.do("POST", decide, map[string]any{"accept": true}); res.status != c.status {
			t.Errorf("acceptance by the %s: %d %s, want %d", c.name, res.status, res.body, c.status)
		}
	}
	if res := owner.do("POST", decide, map[string]any{"accept": false, "comments": " "}); res.status != 422 || !strings.Contains(res.body, "comments_required") {
		t.Errorf("return without comments: %d %s", res.status, res.body)
	}
	if s.count("SELECT count(*) FROM submissions WHERE id = ? AND status = 'submitted'", sub1) != 1 {
		t.Fatal("refused decisions changed the submission")
	}
	if res := owner.do("POST", decide, map[string]any{"accept": false, "comments": "第三章监测数据不全，请补充。"}); res.status != 200 {
		t.Fatalf("return: %d %s", res.status, res.body)
	}
	sub2, v := s.openSubmission(t, agency, fx.first)
	if v != 2 {
		t.Fatalf("version after a return = %d, want 2", v)
	}
	s.deliver(t, agency, sub2, "报告-修订.pdf", append(pdf, '\n'))
	s.mustPost(t, agency, fmt.Sprintf("/api/v1/submissions/%d/submit", sub2), nil)
	s.mustPost(t, owner, fmt.Sprintf("/api/v1/submissions/%d/decision", sub2), map[string]any{"accept": true})
	if s.count("SELECT count(*) FROM contracts WHERE id = ? AND status = 'active'", fx.id) != 1 {
		t.Fatal("accepting a milestone that is not final completed the contract")
	}

	// The final milestone: acceptance completes the contract.
	sub3, _ := s.openSubmission(t, agency, fx.final)
	final := append([]byte("%PDF-1.7\n终稿 "), bytes.Repeat([]byte("final "), 1000)...)
	s.deliver(t, agency, sub3, "终稿.pdf", final)
	s.mustPost(t, agency, fmt.Sprintf("/api/v1/submissions/%d/submit", sub3), nil)
	s.mustPost(t, owner, fmt.Sprintf("/api/v1/submissions/%d/decision", sub3), map[string]any{"accept": true, "comments": "同意验收"})
	if s.count("SELECT count(*) FROM contracts WHERE id = ? AND status = 'completed' AND completed_at IS NOT NULL", fx.id) != 1 {
		t.Fatal("final acceptance did not complete the contract")
	}
	var d struct {
		Certificate struct {
			Code   string
			FileID int64
		}
	}
	owner.do("GET", list, nil).json(t, &d)
	if d.Certificate.Code == "" {
		t.Fatal("no certificate after final acceptance")
	}
	if err := s.db.Bun.NewRaw("SELECT object_key, version_id FROM files WHERE id = ? AND purpose = 'acceptance_certificate'", d.Certificate.FileID).Scan(ctx, &key, &version); err != nil {
		t.Fatal(err)
	}
	if err := s.objects.Remove(ctx, key, version); err == nil {
		t.Error("MinIO deleted the certificate")
	}
	r, err := s.objects.Get(ctx, key, version)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := io.ReadAll(r)
	r.Close()
	if !bytes.HasPrefix(cert, []byte("%PDF-")) || !bytes.Contains(cert, []byte(sha(final))) {
		t.Error("the certificate is not a PDF naming the accepted file's SHA-256")
	}

	// The public check: the accepted file is recognised, a changed byte is not.
	anon := s.anonymous()
	var a struct {
		Accepted  bool
		Contracts []struct{ Code, Owner, Agency string }
	}
	anon.do("GET", "/api/v1/authenticity/"+sha(final), nil).json(t, &a)
	if !a.Accepted || len(a.Contracts) != 1 || a.Contracts[0].Code != fx.code || a.Contracts[0].Owner == "" {
		t.Errorf("the accepted file: %+v", a)
	}
	changed := bytes.Clone(final)
	changed[len(changed)-1] ^= 1
	a.Accepted = true
	anon.do("GET", "/api/v1/authenticity/"+sha(changed), nil).json(t, &a)
	if a.Accepted {
		t.Error("a file with one byte changed is recognised")
	}
	// The returned version's file was never accepted.
	anon.do("GET", "/api/v1/authenticity/"+sha(pdf), nil).json(t, &a)
	if a.Accepted {
		t.Error("a returned file is recognised as accepted")
	}
	if res := anon.do("GET", "/api/v1/authenticity/NOT-A-HASH", nil); res.status != 422 {
		t.Errorf("a malformed hash: %d, want 422", res.status)
	}
	var c struct {
		Files []struct{ SHA256 string }
	}
	anon.do("GET", "/api/v1/certificates/"+d.Certificate.Code, nil).json(t, &c)
	if len(c.Files) != 2 {
		t.Errorf("the certificate lists %d files, want the 2 accepted", len(c.Files))
	}
	if res := anon.do("GET", "/api/v1/certificates/AC-NOSUCHCODE", nil); res.status != 404 {
		t.Errorf("an unknown certificate: %d, want 404", res.status)
	}
}

func (s *testServer) mustPost(t *testing.T, c *client, path string, body any) {
	t.Helper()
	if res := c.do("POST", path, body); res.status != 200 && res.status != 201 {
		t.Fatalf("POST %s: %d %s", path, res.status, res.body)
	}
}
