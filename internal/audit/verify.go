package audit

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Problem says what is wrong at a broken link.
type Problem string

// The ways a chain can break.
const (
	// ProblemHash: the event's stored hash is not the hash of its fields
	// (an event was edited).
	ProblemHash Problem = "hash mismatch"
	// ProblemPrev: the event's prev_hash is not the previous event's hash
	// (an event before it was replaced, or this one was moved).
	ProblemPrev Problem = "prev mismatch"
	// ProblemMissing: a seq is missing (an event was removed, from the
	// middle, or from the end according to the chain's head).
	ProblemMissing Problem = "missing seq"
	// ProblemHead: the chain's recorded head is not its last event.
	ProblemHead Problem = "head mismatch"
)

// Break is the first broken link of one chain.
type Break struct {
	Chain   string
	Seq     int64
	Problem Problem
	Detail  string
}

func (b Break) String() string {
	return fmt.Sprintf("chain %s, seq %d: %s (%s)", b.Chain, b.Seq, b.Problem, b.Detail)
}

// Summary is the outcome of checking every chain.
type Summary struct {
	Chains int64
	Events int64
	// Breaks holds the first broken link of each broken chain, in chain
	// order; empty when every chain verifies.
	Breaks []Break
}

// Verify checks one chain and returns its first broken link, or nil when
// it verifies (an unknown chain, with no events and no head, verifies).
func Verify(ctx context.Context, idb bun.IDB, chain string) (*Break, error) {
	s, err := check(ctx, idb, &chain)
	if err != nil || len(s.Breaks) == 0 {
		return nil, err
	}
	return &s.Breaks[0], nil
}

// VerifyAll checks every chain and returns the first broken link of each
// broken one; none when the whole trail verifies.
func VerifyAll(ctx context.Context, idb bun.IDB) ([]Break, error) {
	s, err := Check(ctx, idb)
	return s.Breaks, err
}

// Check checks every chain, reading the events in one pass, and counts
// the chains and events.
func Check(ctx context.Context, idb bun.IDB) (Summary, error) {
	return check(ctx, idb, nil)
}

// chainState follows one chain while its events stream by.
type chainState struct {
	name     string
	next     int64 // the seq expected next
	prev     []byte
	broken   bool
	headSeq  sql.NullInt64
	headHash []byte
}

func check(ctx context.Context, idb bun.IDB, only *string) (Summary, error) {
	var s Summary
	where, args := "", []any{}
	if only != nil {
		where, args = "WHERE e.chain = ?", []any{*only}
	}
	rows, err := idb.QueryContext(ctx, `SELECT e.chain, e.seq, e.at, e.actor_user_id, e.actor_org_id, e.action,
		e.before::text, e.after::text, e.prev_hash, e.hash, h.seq, h.hash
		FROM audit_events AS e LEFT JOIN audit_chains AS h ON h.chain = e.chain `+where+`
		ORDER BY e.chain, e.seq`, args...)
	if err != nil {
		return s, fmt.Errorf("audit: read events: %w", err)
	}
	defer rows.Close()
	var cur *chainState
	finish := func() {
		if cur == nil {
			return
		}
		s.Chains++
		if b := cur.end(); b != nil {
			s.Breaks = append(s.Breaks, *b)
		}
	}
	for rows.Next() {
		var (
			chain, action        string
			seq                  int64
			at                   time.Time
			user, org, headSeq   sql.NullInt64
			before, after        sql.NullString
			prev, hash, headHash []byte
		)
		if err := rows.Scan(&chain, &seq, &at, &user, &org, &action, &before, &after, &prev, &hash, &headSeq, &headHash); err != nil {
			return s, fmt.Errorf("audit: read events: %w", err)
		}
		s.Events++
		if cur == nil || cur.name != chain {
			finish()
			cur = &chainState{name: chain, next: 1, prev: zeroHash, headSeq: headSeq, headHash: headHash}
		}
		if cur.broken {
			continue
		}
		if b := cur.step(seq, at, user.Int64, org.Int64, action, before, after, prev, hash); b != nil {
			cur.broken = true
			s.Breaks = append(s.Breaks, *b)
		}
	}
	if err := rows.Err(); err != nil {
		return s, fmt.Errorf("audit: read events: %w", err)
	}
	finish()

	// Heads whose chain has no event left at all.
	var orphans []head
	q := "SELECT h.chain, h.seq, h.hash FROM audit_chains AS h WHERE NOT EXISTS (SELECT 1 FROM audit_events AS e WHERE e.chain = h.chain)"
	if only != nil {
		q += " AND h.chain = ?"
	}
	if err := idb.NewRaw(q+" ORDER BY h.chain", args...).Scan(ctx, &orphans); err != nil {
		return s, fmt.Errorf("audit: read chain heads: %w", err)
	}
	for _, h := range orphans {
		s.Chains++
		s.Breaks = append(s.Breaks, Break{h.Chain, 1, ProblemMissing,
			fmt.Sprintf("the chain's head is at seq %d but no event of it is left", h.Seq)})
	}
	return s, nil
}

// step checks the next event of the chain.
func (c *chainState) step(seq int64, at time.Time, user, org int64, action string, before, after sql.NullString, prev, hash []byte) *Break {
	if seq != c.next {
		return &Break{c.name, c.next, ProblemMissing, fmt.Sprintf("the event after seq %d has seq %d", c.next-1, seq)}
	}
	if !bytes.Equal(prev, c.prev) {
		return &Break{c.name, seq, ProblemPrev, fmt.Sprintf("prev_hash %s, but the previous event's hash is %s",
			hex.EncodeToString(prev), hex.EncodeToString(c.prev))}
	}
	var b, a []byte
	var err error
	if before.Valid {
		if b, err = Canonical([]byte(before.String)); err != nil {
			return &Break{c.name, seq, ProblemHash, "before: " + err.Error()}
		}
	}
	if after.Valid {
		if a, err = Canonical([]byte(after.String)); err != nil {
			return &Break{c.name, seq, ProblemHash, "after: " + err.Error()}
		}
	}
	if want := Hash(c.name, seq, at, user, org, action, b, a, prev); !bytes.Equal(want, hash) {
		return &Break{c.name, seq, ProblemHash, fmt.Sprintf("stored hash %s, the event's fields hash to %s",
			hex.EncodeToString(hash), hex.EncodeToString(want))}
	}
	c.prev = hash
	c.next++
	return nil
}

// end checks the chain's head against its last event.
func (c *chainState) end() *Break {
	if c.broken {
		return nil
	}
	last := c.next - 1
	switch {
	case !c.headSeq.Valid:
		return &Break{c.name, last, ProblemHead, "the chain has no head"}
	case c.headSeq.Int64 > last:
		return &Break{c.name, last + 1, ProblemMissing,
			fmt.Sprintf("the chain ends at seq %d but its head is at seq %d", last, c.headSeq.Int64)}
	case c.headSeq.Int64 < last || !bytes.Equal(c.headHash, c.prev):
		return &Break{c.name, c.headSeq.Int64, ProblemHead,
			fmt.Sprintf("the head (seq %d, hash %s) is not the last event (seq %d, hash %s)",
				c.headSeq.Int64, hex.EncodeToString(c.headHash), last, hex.EncodeToString(c.prev))}
	}
	return nil
}
