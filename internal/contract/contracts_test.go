package contract_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/agency"
	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/contract"
	"intermart/internal/db/dbtest"
	"intermart/internal/demo"
	"intermart/internal/errs"
	"intermart/internal/files"
	"intermart/internal/identity"
	"intermart/internal/jobs"
	"intermart/internal/objects/objtest"
	"intermart/internal/procurement"
	"intermart/internal/seal"
	"intermart/internal/workdays"
)

var ctx = context.Background()

// world is the demo marketplace, its announcements advanced through the
// real procurement flow (so the awarded ones have their contracts through
// the award hook), on a fixed clock.
type world struct {
	t     *testing.T
	db    *bun.DB
	svc   *contract.Service
	files *files.Service
	clock *clock.Fixed
}

func shanghai(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, clock.Shanghai).UTC()
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
	w := &world{t: t, db: d.Bun, clock: clock.NewFixed(shanghai(2026, 9, 24, 10))}
	ids := identity.NewService(d.Bun)
	cat := catalog.NewService(d.Bun)
	w.files = files.NewService(d.Bun, store, 1<<20)
	ag := agency.NewService(d.Bun, cat, w.files, w.clock)
	proc := procurement.NewService(procurement.Deps{DB: d.Bun, Identity: ids, Catalog: cat, Agency: ag, Files: w.files,
		Clock: w.clock, Queue: queue, Sealer: sealer, OCIDPrefix: "ocds-test-"})
	w.svc = contract.NewService(contract.Deps{DB: d.Bun, Identity: ids, Catalog: cat, Agency: ag, Files: w.files,
		Procurement: proc, Clock: w.clock, Queue: queue})
	proc.OnAwarded(w.svc.FromAward)
	if err := demo.LoadProcurement(ctx, d.Bun, proc, cat); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) id(query string, args ...any) int64 {
	w.t.Helper()
	var n int64
	if err := w.db.NewRaw(query, args...).Scan(ctx, &n); err != nil {
		w.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// userOf is a user of organisation org.
func (w *world) userOf(org int64) *authz.Principal {
	w.t.Helper()
	var p struct {
		ID   int64  `bun:"id"`
		Org  int64  `bun:"organisation_id"`
		Role string `bun:"role"`
		Kind string `bun:"kind"`
	}
	err := w.db.NewRaw(`SELECT u.id, u.organisation_id, u.role, o.kind FROM users u JOIN organisations o ON o.id = u.organisation_id
		WHERE u.organisation_id = ? ORDER BY u.id LIMIT 1`, org).Scan(ctx, &p)
	if err != nil {
		w.t.Fatal(err)
	}
	return &authz.Principal{UserID: p.ID, OrgID: p.Org, Role: p.Role, OrgKind: p.Kind}
}

// contractOf returns an awarded contract; direct says whether of a direct
// selection (no price yet).
func (w *world) contractOf(direct bool) *contract.Contract {
	w.t.Helper()
	cond := "price_fen IS NOT NULL"
	if direct {
		cond = "price_fen IS NULL"
	}
	id := w.id("SELECT min(id) FROM contracts WHERE status = 'awaiting_registration' AND " + cond)
	c, err := w.svc.Get(ctx, w.db, id)
	if err != nil {
		w.t.Fatal(err)
	}
	return c
}

const pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

func (w *world) upload(p *authz.Principal, purpose, content string) int64 {
	w.t.Helper()
	f, err := w.files.Upload(ctx, p, purpose, "contract.pdf", strings.NewReader(content), int64(len(content)))
	if err != nil {
		w.t.Fatalf("upload: %v", err)
	}
	return f.ID
}

func (w *world) registration(p *authz.Principal) contract.ContractRegistration {
	return contract.ContractRegistration{DocumentFileID: w.upload(p, files.PurposeContractDocument, pdf),
		SignedOn: "2026-09-23", StartsOn: "2026-09-24"}
}

// active registers c by its owner and confirms it by its agency.
func (w *world) active(c *contract.Contract) (owner, agencyUser *authz.Principal) {
	w.t.Helper()
	owner, agencyUser = w.userOf(c.OwnerID), w.userOf(c.AgencyID)
	in := w.registration(owner)
	if c.PriceFen == nil {
		price := c.CeilingFen - 100
		in.PriceFen = &price
	}
	if _, err := w.svc.Register(ctx, owner, c.ID, in); err != nil {
		w.t.Fatal(err)
	}
	if _, err := w.svc.Confirm(ctx, agencyUser, c.ID); err != nil {
		w.t.Fatal(err)
	}
	return owner, agencyUser
}

func wantReason(t *testing.T, err error, code errs.Code, reason string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s %s", code, reason)
	}
	e, ok := err.(*errs.Error)
	if !ok {
		t.Fatalf("got %v, want an errs.Error %s", err, reason)
	}
	if e.Code != code {
		t.Fatalf("got code %s (%v), want %s %s", e.Code, err, code, reason)
	}
	if e.Reason == reason {
		return
	}
	for _, f := range e.Fields {
		if f.Reason == reason {
			return
		}
	}
	t.Fatalf("got %v (%+v), want reason %s", err, e.Fields, reason)
}

func (w *world) notices(org int64, kind string) int {
	w.t.Helper()
	return int(w.id("SELECT count(*) FROM notifications WHERE organisation_id = ? AND kind = ?", org, kind))
}

func TestContractsFromAwards(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	awarded := w.id("SELECT count(*) FROM selections WHERE status = 'awarded'")
	if awarded == 0 {
		t.Fatal("the demo has no awards")
	}
	if got := w.id("SELECT count(*) FROM contracts"); got != awarded {
		t.Fatalf("got %d contracts, want one per award (%d)", got, awarded)
	}
	var rows []struct {
		ID         int64     `bun:"id"`
		Match      bool      `bun:"match"`
		AwardedAt  time.Time `bun:"awarded_at"`
		RegisterBy time.Time `bun:"register_by"`
		Status     string    `bun:"status"`
		Audited    bool      `bun:"audited"`
	}
	err := w.db.NewRaw(`SELECT c.id, c.status, a.awarded_at, c.register_by,
			(c.owner_id = a.owner_id AND c.agency_id = r.agency_id AND c.item_id = a.item_id AND c.ceiling_fen = a.ceiling_fen
			 AND c.service_workdays = a.service_workdays AND c.price_fen IS NOT DISTINCT FROM s.deal_price_fen) AS match,
			EXISTS (SELECT 1 FROM audit_events e WHERE e.chain = 'contract:' || c.id) AS audited
		FROM contracts c JOIN selections s ON s.id = c.selection_id JOIN announcements a ON a.id = c.announcement_id
		JOIN registrations r ON r.id = s.winner_id`).Scan(ctx, &rows)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		want, err := workdays.DeadlineAfter(ctx, w.db, r.AwardedAt, 5)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Match || r.Status != contract.StatusAwaitingRegistration || !r.RegisterBy.Equal(want) || !r.Audited {
			t.Errorf("contract %d: match %v, status %s, register by %s (want %s), audited %v", r.ID, r.Match, r.Status, r.RegisterBy, want, r.Audited)
		}
	}
	c := w.contractOf(false)
	if n := w.notices(c.OwnerID, contract.NoticeAwaitingRegistration); n == 0 {
		t.Error("the owner was not told the contract awaits registration")
	}
}

type ctxT = context.Context

func (w *world) now() time.Time {
	w.t.Helper()
	now, err := w.clock.Now(ctx, w.db)
	if err != nil {
		w.t.Fatal(err)
	}
	return now
}

type bunTx = bun.Tx

func ptr[T any](v T) *T { return &v }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }
