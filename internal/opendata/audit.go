package opendata

import (
	"context"
	"encoding/hex"
	"time"

	"intermart/internal/audit"
	"intermart/internal/errs"
	"intermart/internal/identity"
)

// The audit view (审计追溯): for any announcement or contract, its whole
// chain of audit events and whether the chain verifies, for regulators.

// AuditEvent is one event of a chain as regulators read it.
type AuditEvent struct {
	Seq       int64     `json:"seq"`
	At        time.Time `json:"at"`
	Action    string    `json:"action" doc:"What happened, e.g. announcement.publish"`
	ActorName string    `json:"actorName,omitempty" doc:"Who acted; absent for the system (a deadline job)"`
	ActorOrg  string    `json:"actorOrg,omitempty" doc:"The organisation the actor acted for"`
	Before    any       `json:"before,omitempty" doc:"The state (or changed part) before, as recorded"`
	After     any       `json:"after,omitempty" doc:"The state (or changed part) after, as recorded"`
	PrevHash  string    `json:"prevHash" doc:"SHA-256 of the previous event, hex"`
	Hash      string    `json:"hash" doc:"SHA-256 of this event's canonical encoding (docs/audit.md), hex"`
}

// AuditBreak is the first broken link of a chain that does not verify.
type AuditBreak struct {
	Seq     int64  `json:"seq"`
	Problem string `json:"problem" enum:"hash mismatch,prev mismatch,missing seq,head mismatch"`
	Detail  string `json:"detail"`
}

// AuditTrail is the history of one announcement or contract.
type AuditTrail struct {
	Chain    string       `json:"chain" doc:"e.g. announcement:12"`
	Verified bool         `json:"verified" doc:"Every event's hash and link check out, up to the recorded head"`
	Break    *AuditBreak  `json:"break,omitempty" doc:"Where the chain breaks, when it does not verify"`
	Events   []AuditEvent `json:"events" nullable:"false"`
}

// Audit kinds.
const (
	AuditAnnouncement = "announcement"
	AuditContract     = "contract"
)

// AuditTrail returns the chain of the announcement or contract id, verified
// now. The subject must exist; its events are shown as recorded (they hold
// nothing sealed: registrations enter an announcement's chain only when
// registration closes).
func (s *Service) AuditTrail(ctx context.Context, kind string, id int64) (*AuditTrail, error) {
	var err error
	switch kind {
	case AuditAnnouncement:
		_, err = s.Procurement.AnnouncementOwner(ctx, id)
	case AuditContract:
		_, err = s.Contract.Get(ctx, s.DB, id)
	default:
		return nil, errs.Field("path.kind", "audit_kind", "must be announcement or contract")
	}
	if err != nil {
		return nil, err
	}
	chain := audit.Chain(kind, id)
	events, err := audit.History(ctx, s.DB, chain)
	if err != nil {
		return nil, err
	}
	brk, err := audit.Verify(ctx, s.DB, chain)
	if err != nil {
		return nil, err
	}
	users := make([]int64, 0, len(events))
	for _, e := range events {
		if e.ActorUser != 0 {
			users = append(users, e.ActorUser)
		}
	}
	actors, err := identity.Actors(ctx, s.DB, users)
	if err != nil {
		return nil, err
	}
	t := &AuditTrail{Chain: chain, Verified: brk == nil, Events: make([]AuditEvent, 0, len(events))}
	if brk != nil {
		t.Break = &AuditBreak{Seq: brk.Seq, Problem: string(brk.Problem), Detail: brk.Detail}
	}
	for _, e := range events {
		v := AuditEvent{Seq: e.Seq, At: e.At.UTC(), Action: e.Action, Before: e.Before, After: e.After,
			PrevHash: hex.EncodeToString(e.PrevHash), Hash: hex.EncodeToString(e.Hash)}
		if a, ok := actors[e.ActorUser]; ok {
			v.ActorName, v.ActorOrg = a.DisplayName, a.OrganisationName
		}
		t.Events = append(t.Events, v)
	}
	return t, nil
}
