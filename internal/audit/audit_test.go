package audit_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/audit"
	"intermart/internal/db"
	"intermart/internal/db/dbtest"
)

var t0 = time.Date(2026, 12, 1, 2, 3, 4, 123456789, time.UTC)

// mustAppend appends e in its own transaction.
func mustAppend(tb testing.TB, d *db.DB, e audit.Event) {
	tb.Helper()
	err := d.Bun.RunInTx(context.Background(), nil, func(ctx context.Context, tx bun.Tx) error {
		return audit.Append(ctx, tx, e)
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// mustChain appends n events to chain.
func mustChain(tb testing.TB, d *db.DB, chain string, n int) {
	tb.Helper()
	for i := 1; i <= n; i++ {
		mustAppend(tb, d, audit.Event{Chain: chain, At: t0.Add(time.Duration(i) * time.Minute), ActorUser: 7, ActorOrg: 3,
			Action: "announcement.step", Before: map[string]any{"step": i - 1}, After: map[string]any{"step": i, "note": "第" + fmt.Sprint(i) + "步"}})
	}
}

// asOwner runs SQL with the append-only triggers off, as a database owner
// tampering with the trail would.
func asOwner(tb testing.TB, d *db.DB, sql string, args ...any) {
	tb.Helper()
	ctx := context.Background()
	err := d.Bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for _, s := range []string{"ALTER TABLE audit_events DISABLE TRIGGER USER", "ALTER TABLE audit_chains DISABLE TRIGGER USER"} {
			if _, err := tx.ExecContext(ctx, s); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, sql, args...); err != nil {
			return err
		}
		for _, s := range []string{"ALTER TABLE audit_events ENABLE TRIGGER USER", "ALTER TABLE audit_chains ENABLE TRIGGER USER"} {
			if _, err := tx.ExecContext(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

func TestAppend(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	ctx := context.Background()
	mustAppend(t, d, audit.Event{Chain: "announcement:1", At: t0, ActorUser: 7, ActorOrg: 3, Action: "announcement.create",
		After: map[string]any{"title": "环境影响评价", "ceilingFen": int64(9007199254740993), "ratio": 0.5, "tags": []string{"a", "b"}}})
	mustAppend(t, d, audit.Event{Chain: "announcement:1", At: t0.Add(time.Hour), Action: "announcement.close",
		Before: json.RawMessage(`{"status":"open","b":1e2,"a":[1.50,true,null]}`), After: struct {
			Status string `json:"status"`
		}{"closed"}})
	got, err := audit.History(ctx, d.Bun, "announcement:1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("History = %d events, want 2", len(got))
	}
	e1, e2 := got[0], got[1]
	if e1.Seq != 1 || e2.Seq != 2 || e1.ActorUser != 7 || e1.ActorOrg != 3 || e2.ActorUser != 0 || e2.ActorOrg != 0 {
		t.Fatalf("events = %+v", got)
	}
	if !e1.At.Equal(t0.Truncate(time.Microsecond)) || e1.At.Location() != time.UTC {
		t.Fatalf("At = %v, want %v in UTC", e1.At, t0.Truncate(time.Microsecond))
	}
	if e1.Before != nil {
		t.Fatalf("Before = %#v, want nil", e1.Before)
	}
	if got, want := string(e1.After.(json.RawMessage)), `{"ceilingFen":9007199254740993,"ratio":0.5,"tags":["a","b"],"title":"环境影响评价"}`; got != want {
		t.Fatalf("After = %s, want %s", got, want)
	}
	if got, want := string(e2.Before.(json.RawMessage)), `{"a":[1.5,true,null],"b":100,"status":"open"}`; got != want {
		t.Fatalf("Before = %s, want %s", got, want)
	}
	if string(e1.PrevHash) != string(make([]byte, 32)) || string(e2.PrevHash) != string(e1.Hash) {
		t.Fatal("the chain is not linked")
	}
	want := audit.Hash("announcement:1", 1, t0.Truncate(time.Microsecond), 7, 3, "announcement.create", nil,
		[]byte(`{"ceilingFen":9007199254740993,"ratio":0.5,"tags":["a","b"],"title":"环境影响评价"}`), make([]byte, 32))
	if string(e1.Hash) != string(want) {
		t.Fatalf("hash = %x, want %x", e1.Hash, want)
	}
	if b, err := audit.Verify(ctx, d.Bun, "announcement:1"); err != nil || b != nil {
		t.Fatalf("Verify = %v, %v; want nil, nil", b, err)
	}
	if seq, hash, err := audit.Head(ctx, d.Bun, "announcement:1"); err != nil || seq != 2 || string(hash) != string(e2.Hash) {
		t.Fatalf("Head = %d, %x, %v; want 2, %x", seq, hash, err, e2.Hash)
	}
	if seq, hash, err := audit.Head(ctx, d.Bun, "announcement:404"); err != nil || seq != 0 || hash != nil {
		t.Fatalf("Head of an empty chain = %d, %x, %v", seq, hash, err)
	}

	t.Run("ErrInvalid", func(t *testing.T) {
		for name, e := range map[string]audit.Event{
			"NoChain":         {At: t0, Action: "x"},
			"NoAction":        {Chain: "c:1", At: t0},
			"NoTime":          {Chain: "c:1", Action: "x"},
			"NewlineInChain":  {Chain: "c:1\nseq", At: t0, Action: "x"},
			"NegativeActor":   {Chain: "c:1", At: t0, Action: "x", ActorUser: -1},
			"Unencodable":     {Chain: "c:1", At: t0, Action: "x", After: func() {}},
			"InvalidRawJSON":  {Chain: "c:1", At: t0, Action: "x", After: json.RawMessage(`{"a":`)},
			"LongAction":      {Chain: "c:1", At: t0, Action: strings.Repeat("a", 101)},
			"NonUTF8InAction": {Chain: "c:1", At: t0, Action: "\xff"},
		} {
			err := d.Bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error { return audit.Append(ctx, tx, e) })
			if !errors.Is(err, audit.ErrInvalid) {
				t.Errorf("%s: err = %v, want ErrInvalid", name, err)
			}
		}
		if h, _ := audit.History(ctx, d.Bun, "c:1"); len(h) != 0 {
			t.Fatalf("invalid events stored: %+v", h)
		}
	})
	t.Run("AppendOnly", func(t *testing.T) {
		for _, s := range []string{
			"UPDATE audit_events SET action = 'x' WHERE chain = 'announcement:1'",
			"DELETE FROM audit_events WHERE chain = 'announcement:1' AND seq = 2",
			"TRUNCATE audit_events",
			"UPDATE audit_chains SET seq = 1 WHERE chain = 'announcement:1'",
			"DELETE FROM audit_chains",
		} {
			if _, err := d.Bun.ExecContext(ctx, s); err == nil || !strings.Contains(err.Error(), "audit") {
				t.Errorf("%s: err = %v, want the trigger's refusal", s, err)
			}
		}
		if h, _ := audit.History(ctx, d.Bun, "announcement:1"); len(h) != 2 || h[0].Action != "announcement.create" {
			t.Fatalf("events changed: %+v", h)
		}
	})
}

func TestRollbackLeavesNoEvent(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	ctx := context.Background()
	boom := errors.New("the change failed")
	err := d.Bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := audit.Append(ctx, tx, audit.Event{Chain: "announcement:9", At: t0, Action: "announcement.publish"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if h, err := audit.History(ctx, d.Bun, "announcement:9"); err != nil || len(h) != 0 {
		t.Fatalf("History = %+v, %v; want none", h, err)
	}
	s, err := audit.Check(ctx, d.Bun)
	if err != nil || s.Chains != 0 || s.Events != 0 {
		t.Fatalf("Check = %+v, %v; want an empty trail", s, err)
	}
	mustAppend(t, d, audit.Event{Chain: "announcement:9", At: t0, Action: "announcement.publish"})
	if h, _ := audit.History(ctx, d.Bun, "announcement:9"); len(h) != 1 || h[0].Seq != 1 {
		t.Fatalf("after the rollback the chain starts at %+v, want seq 1", h)
	}
}

// TestConcurrentAppends checks that many transactions appending to one
// chain at once make one gapless chain.
func TestConcurrentAppends(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	ctx := context.Background()
	const n = 40
	var wg sync.WaitGroup
	errc := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			errc <- d.Bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
				return audit.Append(ctx, tx, audit.Event{Chain: "announcement:5", At: t0, ActorUser: int64(i + 1), Action: "registration.create",
					After: map[string]int{"agency": i}})
			})
		})
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		if err != nil {
			t.Fatal(err)
		}
	}
	h, err := audit.History(ctx, d.Bun, "announcement:5")
	if err != nil {
		t.Fatal(err)
	}
	actors := map[int64]bool{}
	for i, e := range h {
		if e.Seq != int64(i+1) {
			t.Fatalf("event %d has seq %d", i, e.Seq)
		}
		actors[e.ActorUser] = true
	}
	if len(h) != n || len(actors) != n {
		t.Fatalf("%d events from %d actors, want %d", len(h), len(actors), n)
	}
	if b, err := audit.Verify(ctx, d.Bun, "announcement:5"); err != nil || b != nil {
		t.Fatalf("Verify = %v, %v", b, err)
	}
}

// TestChainsDoNotWaitOnEachOther holds a transaction open on chain A and
// appends to chain B meanwhile; a second appender to chain A must wait.
func TestChainsDoNotWaitOnEachOther(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	ctx := context.Background()
	mustChain(t, d, "announcement:1", 1)
	mustChain(t, d, "announcement:2", 1)

	holder, err := d.Bun.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Rollback() //nolint:errcheck
	if err := audit.Append(ctx, holder, audit.Event{Chain: "announcement:1", At: t0, Action: "announcement.close"}); err != nil {
		t.Fatal(err)
	}

	// With a lock timeout, waiting at all would fail the append.
	appendWithin := func(chain string) error {
		return d.Bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if _, err := tx.ExecContext(ctx, "SET LOCAL lock_timeout = '2s'"); err != nil {
				return err
			}
			return audit.Append(ctx, tx, audit.Event{Chain: chain, At: t0, Action: "announcement.close"})
		})
	}
	if err := appendWithin("announcement:2"); err != nil {
		t.Fatalf("append to another chain while announcement:1 is held: %v", err)
	}
	if err := appendWithin("announcement:1"); err == nil || !strings.Contains(err.Error(), "lock timeout") {
		t.Fatalf("append to the held chain: err = %v, want a lock timeout", err)
	}
	if err := holder.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := appendWithin("announcement:1"); err != nil {
		t.Fatalf("append once the holder committed: %v", err)
	}
	for chain, want := range map[string]int{"announcement:1": 3, "announcement:2": 2} {
		h, _ := audit.History(ctx, d.Bun, chain)
		if len(h) != want {
			t.Fatalf("%s has %d events, want %d", chain, len(h), want)
		}
	}
}

// TestTampering edits the stored trail as a database owner who disabled the
// triggers would, and checks that verification names the first broken link.
func TestTampering(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		tamper  string
		args    []any
		seq     int64
		problem audit.Problem
	}{
		{"AfterJSON", `UPDATE audit_events SET after = jsonb_set(after, '{note}', '"改过"') WHERE chain = ? AND seq = 3`, nil, 3, audit.ProblemHash},
		{"Time", `UPDATE audit_events SET at = at + interval '1 microsecond' WHERE chain = ? AND seq = 2`, nil, 2, audit.ProblemHash},
		{"Actor", `UPDATE audit_events SET actor_user_id = NULL WHERE chain = ? AND seq = 4`, nil, 4, audit.ProblemHash},
		// Rewriting an event with a correct hash of its own still breaks
		// the link from the next one.
		{"RehashedEvent", `UPDATE audit_events SET action = 'announcement.cancel', hash = sha256(hash) WHERE chain = ? AND seq = 2`, nil, 2, audit.ProblemHash},
		{"MiddleRemoved", `DELETE FROM audit_events WHERE chain = ? AND seq = 3`, nil, 3, audit.ProblemMissing},
		{"LastRemoved", `DELETE FROM audit_events WHERE chain = ? AND seq = 5`, nil, 5, audit.ProblemMissing},
		{"ChainRemoved", `DELETE FROM audit_events WHERE chain = ?`, nil, 1, audit.ProblemMissing},
		{"PrevChanged", `UPDATE audit_events SET prev_hash = sha256(prev_hash) WHERE chain = ? AND seq = 4`, nil, 4, audit.ProblemPrev},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := dbtest.New(t)
			ctx := context.Background()
			mustChain(t, d, "announcement:1", 5)
			mustChain(t, d, "announcement:2", 5)
			asOwner(t, d, tc.tamper, "announcement:1")
			b, err := audit.Verify(ctx, d.Bun, "announcement:1")
			if err != nil {
				t.Fatal(err)
			}
			if b == nil || b.Chain != "announcement:1" || b.Seq != tc.seq || b.Problem != tc.problem {
				t.Fatalf("Verify = %v, want chain announcement:1, seq %d: %s", b, tc.seq, tc.problem)
			}
			breaks, err := audit.VerifyAll(ctx, d.Bun)
			if err != nil || len(breaks) != 1 || breaks[0] != *b {
				t.Fatalf("VerifyAll = %v, %v; want only %v", breaks, err, b)
			}
		})
	}

	t.Run("RehashedEventBreaksTheNextLink", func(t *testing.T) {
		t.Parallel()
		d := dbtest.New(t)
		ctx := context.Background()
		mustChain(t, d, "announcement:1", 3)
		// A tamperer who knows the encoding recomputes event 2's hash;
		// event 3 still points at the old one.
		h, _ := audit.History(ctx, d.Bun, "announcement:1")
		e := h[1]
		newHash := audit.Hash(e.Chain, e.Seq, e.At, e.ActorUser, e.ActorOrg, "announcement.cancel",
			[]byte(e.Before.(json.RawMessage)), []byte(e.After.(json.RawMessage)), e.PrevHash)
		asOwner(t, d, `UPDATE audit_events SET action = 'announcement.cancel', hash = ? WHERE chain = 'announcement:1' AND seq = 2`, newHash)
		b, err := audit.Verify(ctx, d.Bun, "announcement:1")
		if err != nil || b == nil || b.Seq != 3 || b.Problem != audit.ProblemPrev {
			t.Fatalf("Verify = %v, %v; want seq 3: prev mismatch", b, err)
		}
	})
}

func TestCheckCounts(t *testing.T) {
	t.Parallel()
	d := dbtest.New(t)
	mustChain(t, d, "announcement:1", 3)
	mustChain(t, d, "contract:1", 2)
	s, err := audit.Check(context.Background(), d.Bun)
	if err != nil {
		t.Fatal(err)
	}
	if s.Chains != 2 || s.Events != 5 || len(s.Breaks) != 0 {
		t.Fatalf("Check = %+v, want 2 chains, 5 events, no break", s)
	}
	var n sql.NullInt64
	_ = d.Bun.QueryRowContext(context.Background(), "SELECT count(*) FROM audit_chains").Scan(&n)
	if n.Int64 != 2 {
		t.Fatalf("%d chain heads, want 2", n.Int64)
	}
}
