// Package audit keeps the tamper-evident audit trail (审计日志): every state
// change of a procurement (and later of a contract) appends an event whose
// hash covers the previous event's hash, so that changing, removing or
// inserting an event anywhere breaks the chain, and Verify names where.
//
// There is one chain per subject — "announcement:123", "contract:45" — and
// appending locks only that chain, so unrelated procurements never wait on
// one another. Append runs in the caller's transaction: the event is stored
// with the change it records, or not at all.
//
// The package has no business rules and owns its tables (audit_events,
// audit_chains). The hashed encoding is documented on Hash and in
// docs/audit.md.
package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"intermart/internal/db"
)

// Event is one recorded state change.
type Event struct {
	// Chain names the subject, e.g. "announcement:123" (see Chain).
	Chain string
	// Seq is the event's position in its chain, 1, 2, 3, …; Append sets it.
	Seq int64
	// At is when the change happened, by the marketplace clock. It is kept
	// to the microsecond (PostgreSQL's precision), in UTC.
	At time.Time
	// ActorUser and ActorOrg are who acted; 0 for the system (a job).
	ActorUser int64
	ActorOrg  int64
	// Action says what happened, e.g. "announcement.publish".
	Action string
	// Before and After are the subject's state (or the changed part)
	// before and after, any value encoding/json can encode; nil when there
	// is none. Events read back hold them as canonical JSON
	// (json.RawMessage; see Canonical).
	Before any
	After  any
	// PrevHash and Hash link the chain; set by Append and when reading.
	PrevHash []byte
	Hash     []byte
}

// Chain names the chain of one subject: Chain("announcement", 123) is
// "announcement:123".
func Chain(kind string, id int64) string { return kind + ":" + strconv.FormatInt(id, 10) }

// zeroHash is the prev_hash of the first event of every chain.
var zeroHash = make([]byte, sha256.Size)

// HashVersion starts the text every hash covers; a new encoding would get
// a new version.
const HashVersion = "intermart-audit-v1"

// Hash returns the SHA-256 of the event's canonical encoding, the UTF-8
// text of ten lines, each ended by "\n":
//
//	intermart-audit-v1
//	chain                 e.g. announcement:123
//	seq                   decimal, e.g. 1
//	at                    UTC, RFC 3339 with the fraction trimmed (Go's RFC3339Nano), e.g. 2026-12-01T02:03:04.123456Z
//	actor user id         decimal, or empty for the system
//	actor organisation id decimal, or empty for the system
//	action                e.g. announcement.publish
//	before                canonical JSON (see Canonical), or empty when absent
//	after                 canonical JSON, or empty when absent
//	prev_hash             64 lower-case hex digits; 64 zeros for seq 1
//
// No field can contain a newline (chains and actions have no control
// characters, canonical JSON escapes them), so the lines cannot be confused.
// before and after must already be canonical.
func Hash(chain string, seq int64, at time.Time, actorUser, actorOrg int64, action string, before, after, prevHash []byte) []byte {
	var b strings.Builder
	line := func(s string) { b.WriteString(s); b.WriteByte('\n') }
	id := func(n int64) string {
		if n == 0 {
			return ""
		}
		return strconv.FormatInt(n, 10)
	}
	line(HashVersion)
	line(chain)
	line(strconv.FormatInt(seq, 10))
	line(at.UTC().Format(time.RFC3339Nano))
	line(id(actorUser))
	line(id(actorOrg))
	line(action)
	line(string(before))
	line(string(after))
	line(hex.EncodeToString(prevHash))
	sum := sha256.Sum256([]byte(b.String()))
	return sum[:]
}

// ErrInvalid is returned for an event Append cannot record as given.
var ErrInvalid = errors.New("audit: invalid event")

func checkName(what, s string, max int) error {
	if s == "" || len(s) > max || !utf8.ValidString(s) || strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return fmt.Errorf("%w: %s %q must be 1 to %d bytes of UTF-8 without control characters", ErrInvalid, what, s, max)
	}
	return nil
}

// lockClass is the first key of the advisory locks that serialise appends
// to one chain ('audt'); the second is hashtext(chain).
const lockClass = 0x61756474

// stored is the audit_events row.
type stored struct {
	bun.BaseModel `bun:"table:audit_events"`

	ID          int64           `bun:"id,pk,autoincrement"`
	Chain       string          `bun:"chain,type:text,notnull"`
	Seq         int64           `bun:"seq,notnull"`
	At          time.Time       `bun:"at,type:timestamptz,notnull"`
	ActorUserID int64           `bun:"actor_user_id,nullzero"`
	ActorOrgID  int64           `bun:"actor_org_id,nullzero"`
	Action      string          `bun:"action,type:text,notnull"`
	Before      json.RawMessage `bun:"before,type:jsonb,nullzero"`
	After       json.RawMessage `bun:"after,type:jsonb,nullzero"`
	PrevHash    []byte          `bun:"prev_hash,type:bytea,notnull"`
	Hash        []byte          `bun:"hash,type:bytea,notnull"`
}

// head is the audit_chains row.
type head struct {
	bun.BaseModel `bun:"table:audit_chains"`

	Chain string `bun:"chain,pk,type:text"`
	Seq   int64  `bun:"seq,notnull"`
	Hash  []byte `bun:"hash,type:bytea,notnull"`
}

// Append records e at the end of its chain, in idb's transaction (run it
// in the transaction of the change it records, at the default READ
// COMMITTED isolation). It waits only for other transactions appending to
// the same chain, until they end; a rolled-back transaction leaves no
// event. Seq, PrevHash and Hash of e are ignored and set by Append.
func Append(ctx context.Context, idb bun.IDB, e Event) error {
	if err := checkName("chain", e.Chain, 200); err != nil {
		return err
	}
	if err := checkName("action", e.Action, 100); err != nil {
		return err
	}
	if e.At.IsZero() {
		return fmt.Errorf("%w: the time is missing", ErrInvalid)
	}
	if e.ActorUser < 0 || e.ActorOrg < 0 {
		return fmt.Errorf("%w: actor ids must be positive, or 0 for the system", ErrInvalid)
	}
	before, err := Canonical(e.Before)
	if err != nil {
		return fmt.Errorf("%w: before: %w", ErrInvalid, err)
	}
	after, err := Canonical(e.After)
	if err != nil {
		return fmt.Errorf("%w: after: %w", ErrInvalid, err)
	}
	at := e.At.UTC().Truncate(time.Microsecond)

	// One lock per chain, held until the caller's transaction ends: the
	// next appender of this chain reads the head only after this one has
	// committed (or rolled back). Unrelated chains take other locks.
	if _, err := idb.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?, hashtext(?))", lockClass, e.Chain); err != nil {
		return fmt.Errorf("audit: lock chain %s: %w", e.Chain, err)
	}
	var h head
	seq, prev := int64(1), zeroHash
	err = idb.NewSelect().Model(&h).Where("chain = ?", e.Chain).Scan(ctx)
	switch {
	case err == nil:
		seq, prev = h.Seq+1, h.Hash
	case db.IsNoRows(err):
	default:
		return fmt.Errorf("audit: read head of chain %s: %w", e.Chain, err)
	}
	row := stored{
		Chain: e.Chain, Seq: seq, At: at, ActorUserID: e.ActorUser, ActorOrgID: e.ActorOrg, Action: e.Action,
		Before: before, After: after, PrevHash: prev,
		Hash: Hash(e.Chain, seq, at, e.ActorUser, e.ActorOrg, e.Action, before, after, prev),
	}
	if _, err := idb.NewInsert().Model(&row).Exec(ctx); err != nil {
		return fmt.Errorf("audit: append to chain %s: %w", e.Chain, err)
	}
	_, err = idb.NewInsert().Model(&head{Chain: e.Chain, Seq: seq, Hash: row.Hash}).
		On("CONFLICT (chain) DO UPDATE").Set("seq = EXCLUDED.seq, hash = EXCLUDED.hash").Exec(ctx)
	if err != nil {
		return fmt.Errorf("audit: move head of chain %s: %w", e.Chain, err)
	}
	return nil
}

// Head returns the seq and hash of the last event of chain, e.g. to
// publish with a result notice so that the chain up to there can be checked
// against a copy held outside the database. An empty chain is seq 0 and a
// nil hash.
func Head(ctx context.Context, idb bun.IDB, chain string) (int64, []byte, error) {
	var h head
	err := idb.NewSelect().Model(&h).Where("chain = ?", chain).Scan(ctx)
	switch {
	case err == nil:
		return h.Seq, h.Hash, nil
	case db.IsNoRows(err):
		return 0, nil, nil
	default:
		return 0, nil, fmt.Errorf("audit: read head of chain %s: %w", chain, err)
	}
}

// History returns the events of chain in order; none is an empty list.
func History(ctx context.Context, idb bun.IDB, chain string) ([]Event, error) {
	var rows []stored
	if err := idb.NewSelect().Model(&rows).Where("chain = ?", chain).Order("seq").Scan(ctx); err != nil {
		return nil, fmt.Errorf("audit: read chain %s: %w", chain, err)
	}
	out := make([]Event, len(rows))
	for i, r := range rows {
		out[i] = r.event()
	}
	return out, nil
}

func (r stored) event() Event {
	e := Event{Chain: r.Chain, Seq: r.Seq, At: r.At.UTC(), ActorUser: r.ActorUserID, ActorOrg: r.ActorOrgID,
		Action: r.Action, PrevHash: r.PrevHash, Hash: r.Hash}
	// jsonb gives its own spelling back; events carry the canonical one.
	if c, err := Canonical(r.Before); err == nil && c != nil {
		e.Before = json.RawMessage(c)
	}
	if c, err := Canonical(r.After); err == nil && c != nil {
		e.After = json.RawMessage(c)
	}
	return e
}
