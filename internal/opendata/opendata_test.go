package opendata

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"intermart/internal/agency"
	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/contract"
	"intermart/internal/db/dbtest"
	"intermart/internal/demo"
	"intermart/internal/files"
	"intermart/internal/identity"
	"intermart/internal/jobs"
	"intermart/internal/objects/objtest"
	"intermart/internal/procurement"
	"intermart/internal/seal"
)

var ctx = context.Background()

// world is the demo marketplace — announcements in every state, contracts
// awaiting registration, active and completed — driven through the
// services, with open data on top.
type world struct {
	t   *testing.T
	db  *bun.DB
	svc *Service
}

func newWorld(t *testing.T) *world {
	t.Helper()
	d := dbtest.New(t)
	store := objtest.New(t)
	if err := demo.Load(ctx, d.Bun, store); err != nil {
		t.Fatal(err)
	}
	queue, err := jobs.NewQueue(d)
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := seal.New(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.Database{}
	ids := identity.NewService(d.Bun)
	cat := catalog.NewService(d.Bun)
	fs := files.NewService(d.Bun, store, 1<<20)
	ag := agency.NewService(d.Bun, cat, fs, clk)
	proc := procurement.NewService(procurement.Deps{DB: d.Bun, Identity: ids, Catalog: cat, Agency: ag, Files: fs,
		Clock: clk, Queue: queue, Sealer: sealer, OCIDPrefix: "ocds-test-"})
	con := contract.NewService(contract.Deps{DB: d.Bun, Identity: ids, Catalog: cat, Agency: ag, Files: fs,
		Procurement: proc, Clock: clk, Queue: queue})
	proc.OnAwarded(con.FromAward)
	if err := demo.LoadProcurement(ctx, d.Bun, proc, cat); err != nil {
		t.Fatal(err)
	}
	if err := demo.LoadContracts(ctx, con); err != nil {
		t.Fatal(err)
	}
	return &world{t: t, db: d.Bun, svc: NewService(Deps{DB: d.Bun, Identity: ids, Procurement: proc, Contract: con,
		Clock: clk, OCIDPrefix: "ocds-test-", PublicURL: "https://intermart.example"})}
}

func (w *world) strings(query string, args ...any) []string {
	w.t.Helper()
	var out []string
	if err := w.db.NewRaw(query, args...).Scan(ctx, &out); err != nil {
		w.t.Fatalf("%s: %v", query, err)
	}
	return out
}

func (w *world) count(query string, args ...any) int {
	w.t.Helper()
	var n int
	if err := w.db.NewRaw(query, args...).Scan(ctx, &n); err != nil {
		w.t.Fatalf("%s: %v", query, err)
	}
	return n
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// allReleases follows links.next from the first page to the last,
// validating every page.
func (w *world) allReleases(limit int) []Release {
	w.t.Helper()
	releaseSchema, _ := ocdsSchemas(w.t)
	var all []Release
	q := ReleasesQuery{Limit: limit}
	for page := 0; ; page++ {
		if page > 1000 {
			w.t.Fatal("links.next never ends")
		}
		pkg, err := w.svc.Releases(ctx, q)
		if err != nil {
			w.t.Fatal(err)
		}
		if len(pkg.Releases) > limit {
			w.t.Fatalf("page of %d releases, limit %d", len(pkg.Releases), limit)
		}
		validate(w.t, releaseSchema, mustJSON(w.t, pkg))
		all = append(all, pkg.Releases...)
		if pkg.Links == nil {
			break
		}
		u, err := url.Parse(pkg.Links.Next)
		if err != nil || !strings.HasPrefix(pkg.Links.Next, "https://intermart.example/api/v1/ocds/releases?") {
			w.t.Fatalf("links.next %q", pkg.Links.Next)
		}
		q = ReleasesQuery{Cursor: u.Query().Get("cursor"), Limit: limit}
	}
	return all
}

func TestReleasesValidateAndPageByDate(t *testing.T) {
	w := newWorld(t)
	all := w.allReleases(7)
	ids := map[string]bool{}
	for i, r := range all {
		if ids[r.ID] {
			t.Errorf("release %s twice", r.ID)
		}
		ids[r.ID] = true
		if i > 0 && r.Date.Before(all[i-1].Date) {
			t.Errorf("release %s dated %s after %s dated %s", r.ID, r.Date, all[i-1].ID, all[i-1].Date)
		}
	}
	// One release per stage that has happened, counted independently.
	want := w.count(`SELECT
		(SELECT count(*) FROM announcements WHERE status <> 'draft')
		+ (SELECT count(*) FROM announcements WHERE status = 'cancelled')
		+ (SELECT count(*) FROM announcements WHERE status IN ('closed', 'failed', 'in_publicity', 'awarded'))
		+ (SELECT count(*) FROM announcements WHERE status = 'failed')
		+ (SELECT count(*) FROM announcements WHERE status = 'awarded')
		+ (SELECT count(*) FROM contracts WHERE status IN ('active', 'completed', 'terminated'))
		+ (SELECT count(*) FROM contracts WHERE status IN ('completed', 'terminated'))`)
	if len(all) != want {
		t.Errorf("got %d releases, want %d", len(all), want)
	}
	tags := map[string]int{}
	for _, r := range all {
		tags[r.Tag[0]]++
	}
	for _, tag := range []string{"tender", "tenderUpdate", "award", "contract"} {
		if tags[tag] == 0 {
			t.Errorf("no %s release in the demo data: %v", tag, tags)
		}
	}
	// A bigger page gives the same releases in the same order.
	again := w.allReleases(100)
	if len(again) != len(all) {
		t.Fatalf("pages of 100: %d releases, pages of 7: %d", len(again), len(all))
	}
	for i := range all {
		if all[i].ID != again[i].ID {
			t.Fatalf("release %d: %s in pages of 7, %s in pages of 100", i, all[i].ID, again[i].ID)
		}
	}
	// since starts at a date.
	mid := all[len(all)/2].Date
	pkg, err := w.svc.Releases(ctx, ReleasesQuery{Since: mid.Format("2006-01-02T15:04:05.999999Z07:00"), Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(pkg.Releases) == 0 || pkg.Releases[0].Date.Before(mid) {
		t.Errorf("since %s: first release %+v", mid, pkg.Releases)
	}
	if _, err := w.svc.Releases(ctx, ReleasesQuery{Cursor: "bm90IGEgY3Vyc29y"}); err == nil || !strings.Contains(err.Error(), "cursor") {
		t.Errorf("a made-up cursor: %v", err)
	}
	if _, err := w.svc.Releases(ctx, ReleasesQuery{Since: "yesterday"}); err == nil {
		t.Error("since=yesterday accepted")
	}
}

func TestRecordsValidateWithBidsAndCompiledRelease(t *testing.T) {
	w := newWorld(t)
	_, recordSchema := ocdsSchemas(t)
	ocids := w.strings(`SELECT ocid FROM announcements WHERE status <> 'draft' ORDER BY id`)
	if len(ocids) == 0 {
		t.Fatal("no published announcement in the demo data")
	}
	for _, ocid := range ocids {
		pkg, err := w.svc.Record(ctx, ocid)
		if err != nil {
			t.Fatalf("record %s: %v", ocid, err)
		}
		validate(t, recordSchema, mustJSON(t, pkg))
		rec := pkg.Records[0]
		if rec.OCID != ocid || rec.CompiledRelease == nil || rec.CompiledRelease.Tag[0] != "compiled" {
			t.Errorf("record %s: ocid %s, compiled %+v", ocid, rec.OCID, rec.CompiledRelease)
		}
	}

	// A lowest-price announcement in publicity or awarded: its quotes are
	// public, each bid's value is the opened quote, to the fen.
	var lowest struct {
		OCID string `bun:"ocid"`
		ID   int64  `bun:"id"`
	}
	if err := w.db.NewRaw(`SELECT ocid, id FROM announcements WHERE method = 'lowest' AND status IN ('in_publicity', 'awarded')
		ORDER BY id LIMIT 1`).Scan(ctx, &lowest); err != nil {
		t.Fatalf("no lowest-price announcement past its deadline in the demo: %v", err)
	}
	pkg, err := w.svc.Record(ctx, lowest.OCID)
	if err != nil {
		t.Fatal(err)
	}
	compiled := pkg.Records[0].CompiledRelease
	quotes := w.strings(`SELECT (quote_fen / 100)::text || '.' || lpad((quote_fen % 100)::text, 2, '0') FROM registrations
		WHERE announcement_id = ? AND status = 'registered' ORDER BY id`, lowest.ID)
	if compiled.Bids == nil || len(compiled.Bids.Details) != len(quotes) || len(quotes) == 0 {
		t.Fatalf("bids %+v, want %d quotes", compiled.Bids, len(quotes))
	}
	for i, b := range compiled.Bids.Details {
		if got := string(mustJSON(t, b.Value.Amount)); got != quotes[i] {
			t.Errorf("bid %s: amount %s, want %s", b.ID, got, quotes[i])
		}
	}
	roles := map[string]bool{}
	for _, p := range compiled.Parties {
		for _, r := range p.Roles {
			roles[r] = true
		}
	}
	for _, r := range []string{"buyer", "procuringEntity", "tenderer", "supplier", "reviewBody"} {
		if !roles[r] {
			t.Errorf("no party with role %s in %s: %+v", r, lowest.OCID, compiled.Parties)
		}
	}
	if len(compiled.Awards) == 0 || compiled.Awards[0].Value == nil {
		t.Errorf("awards %+v", compiled.Awards)
	}

	// An active contract appears in its process's record.
	code := w.strings(`SELECT c.code FROM contracts c WHERE c.status = 'active' ORDER BY c.id LIMIT 1`)
	ocid := w.strings(`SELECT a.ocid FROM contracts c JOIN announcements a ON a.id = c.announcement_id WHERE c.code = ?`, code[0])
	pkg, err = w.svc.Record(ctx, ocid[0])
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range pkg.Records[0].CompiledRelease.Contracts {
		found = found || (c.ID == code[0] && c.Status == "active" && c.Value != nil)
	}
	if !found {
		t.Errorf("contract %s not in the record of %s: %+v", code[0], ocid[0], pkg.Records[0].CompiledRelease.Contracts)
	}

	// Terminated, it ends in a contractTermination release; the record
	// still validates.
	var owner authz.Principal
	if err := w.db.NewRaw(`SELECT u.id AS user_id, u.organisation_id AS org_id, u.role, 'owner' AS org_kind FROM users u
		JOIN contracts c ON c.owner_id = u.organisation_id WHERE c.code = ? ORDER BY u.id LIMIT 1`, code[0]).Scan(ctx,
		&owner.UserID, &owner.OrgID, &owner.Role, &owner.OrgKind); err != nil {
		t.Fatal(err)
	}
	id := w.count(`SELECT id FROM contracts WHERE code = ?`, code[0])
	// A payment is an implementation transaction from the owner to the agency.
	today := w.strings(`SELECT to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`)[0]
	before := w.count(`SELECT count(*) FROM contract_payments WHERE contract_id = ?`, id)
	if _, err := w.svc.Contract.RecordPayment(ctx, &owner, int64(id), contract.PaymentInput{AmountFen: 1234567, PaidOn: today}); err != nil {
		t.Fatal(err)
	}
	pkg, err = w.svc.Record(ctx, ocid[0])
	if err != nil {
		t.Fatal(err)
	}
	validate(t, recordSchema, mustJSON(t, pkg))
	var paid []Transaction
	for _, c := range pkg.Records[0].CompiledRelease.Contracts {
		if c.ID == code[0] && c.Implementation != nil {
			paid = c.Implementation.Transactions
		}
	}
	if len(paid) != before+1 {
		t.Fatalf("%d transactions, want %d", len(paid), before+1)
	}
	mine := paid[len(paid)-1]
	if string(mustJSON(t, mine.Value.Amount)) != "12345.67" || mine.Payer == nil || mine.Payee == nil ||
		mine.Date.In(clock.Shanghai).Format("2006-01-02 15:04") != today+" 00:00" {
		t.Errorf("transaction %+v, want 12345.67 paid on %s", mine, today)
	}
	roles = map[string]bool{}
	for _, p := range pkg.Records[0].CompiledRelease.Parties {
		for _, r := range p.Roles {
			roles[r+" "+p.ID] = true
		}
	}
	if !roles["payer "+mine.Payer.ID] || !roles["payee "+mine.Payee.ID] {
		t.Errorf("payer and payee not among the parties: %v", roles)
	}
	if _, err := w.svc.Contract.Terminate(ctx, &owner, int64(id), contract.ContractTermination{Reason: "项目取消 project cancelled"}); err != nil {
		t.Fatal(err)
	}
	pkg, err = w.svc.Record(ctx, ocid[0])
	if err != nil {
		t.Fatal(err)
	}
	validate(t, recordSchema, mustJSON(t, pkg))
	releases := pkg.Records[0].Releases
	if last := releases[len(releases)-1]; last.Tag[0] != "contractTermination" || len(last.Contracts) != 1 || last.Contracts[0].Status != "terminated" {
		t.Errorf("last release after termination: %+v", last)
	}
	if c := pkg.Records[0].CompiledRelease.Contracts; len(c) != 1 || c[0].Status != "terminated" {
		t.Errorf("compiled contracts after termination: %+v", c)
	}

	if _, err := w.svc.Record(ctx, "ocds-test-nothing"); err == nil {
		t.Error("a record of an unknown ocid")
	}
}

// Before the deadline nothing about registrations is published: not who
// registered, not how many, not a quote.
func TestNothingSealedBeforeTheDeadline(t *testing.T) {
	w := newWorld(t)
	var open []struct {
		ID   int64  `bun:"id"`
		OCID string `bun:"ocid"`
	}
	if err := w.db.NewRaw(`SELECT id, ocid FROM announcements WHERE status = 'open' AND registrant_count > 0
		AND registration_deadline > now() ORDER BY id`).Scan(ctx, &open); err != nil {
		t.Fatal(err)
	}
	if len(open) == 0 {
		t.Fatal("the demo has no open announcement with registrations")
	}
	all := w.allReleases(100)
	for _, a := range open {
		secrets := w.strings(`SELECT o.name FROM registrations r JOIN organisations o ON o.id = r.agency_id WHERE r.announcement_id = ?
			UNION ALL SELECT o.credit_code FROM registrations r JOIN organisations o ON o.id = r.agency_id WHERE r.announcement_id = ?`, a.ID, a.ID)
		if len(secrets) == 0 {
			t.Fatalf("announcement %d: no registrants", a.ID)
		}
		var docs [][]byte
		for _, r := range all {
			if r.OCID == a.OCID {
				docs = append(docs, mustJSON(t, r))
			}
		}
		rec, err := w.svc.Record(ctx, a.OCID)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, mustJSON(t, rec))
		if len(docs) != 2 {
			t.Errorf("%s: %d releases, want only the tender", a.OCID, len(docs)-1)
		}
		for _, doc := range docs {
			for _, s := range secrets {
				if bytes.Contains(doc, []byte(s)) {
					t.Errorf("%s publishes %q before the deadline: %s", a.OCID, s, doc)
				}
			}
			for _, key := range []string{`"bids"`, `"tenderers"`, `"numberOfTenderers"`, `"awards"`, `"tenderer"`} {
				if bytes.Contains(doc, []byte(key)) {
					t.Errorf("%s has %s before the deadline: %s", a.OCID, key, doc)
				}
			}
		}
	}
}
