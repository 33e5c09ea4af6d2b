package procurement

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/agency"
	"intermart/internal/audit"
	"intermart/internal/clock"
	"intermart/internal/identity"
	"intermart/internal/workdays"
)

// Why a round fails (流标).
const (
	FailTooFew        = "too_few_eligible_registrants"
	FailNoChoice      = "no_direct_choice" // the owner did not choose by choose_by
	FailNoneRemaining = "no_registrant_remaining"
)

// chain is the audit chain of an announcement.
func chain(id int64) string { return audit.Chain("announcement", id) }

// notice is what every procurement notification carries, so the UI can
// word it and link to the announcement.
func notice(a *Announcement, extra map[string]any) map[string]any {
	p := map[string]any{"announcementId": a.ID, "title": a.Title}
	if a.Code != nil {
		p["code"] = *a.Code
	}
	for k, v := range extra {
		p[k] = v
	}
	return p
}

// Close closes registration of announcement id when its deadline has
// passed by the marketplace clock, and does everything that follows in the
// same transaction: quotes opened, eligibility judged again, the round
// failed or the method applied. It reports whether it closed the
// announcement; an announcement already closed (by another server, or an
// earlier run) or not yet due is left alone, so any number of servers and
// retries close it exactly once.
func (s *Service) Close(ctx context.Context, id int64) (bool, error) {
	var closed bool
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		closed, err = s.closeTx(ctx, tx, id)
		return err
	})
	return closed, err
}

func (s *Service) closeTx(ctx context.Context, tx bun.Tx, id int64) (bool, error) {
	now, err := s.Clock.Now(ctx, tx)
	if err != nil {
		return false, err
	}
	nowExpr, err := clock.Expr(ctx, s.Clock, tx)
	if err != nil {
		return false, err
	}
	var rows []Announcement
	err = tx.NewUpdate().Model(&rows).ModelTableExpr("announcements AS a").
		Set("status = ?, closed_at = ?, updated_at = ?", StatusClosed, now, now).
		Where("a.id = ? AND a.status = ? AND a.registration_deadline <= ?", id, StatusOpen, nowExpr).
		Where("a.suspended_at IS NULL").
		Returning("a.*").Scan(ctx)
	if err != nil {
		return false, fmt.Errorf("close announcement %d: %w", id, err)
	}
	if len(rows) == 0 {
		return false, nil
	}
	a := &rows[0]
	regs, err := s.openRegistrations(ctx, tx, a, now)
	if err != nil {
		return false, err
	}
	eligible := 0
	summary := []map[string]any{}
	for _, r := range regs {
		if *r.Eligible {
			eligible++
		}
		summary = append(summary, map[string]any{"registrationId": r.ID, "agencyId": r.AgencyID, "eligible": *r.Eligible})
	}
	if err := s.appendEvent(ctx, tx, audit.Event{Chain: chain(a.ID), At: now, Action: "announcement.close",
		Before: map[string]any{"status": StatusOpen},
		After:  map[string]any{"status": StatusClosed, "registrants": summary}}); err != nil {
		return false, err
	}
	if err := agency.Notify(ctx, tx, a.OwnerID, "registration_closed",
		notice(a, map[string]any{"registrants": len(regs), "eligible": eligible}), now); err != nil {
		return false, err
	}
	rules, err := currentRules(ctx, tx)
	if err != nil {
		return false, err
	}
	least := rules.MinRegistrants
	if a.Method == MethodDirect {
		least = rules.MinRegistrantsDirect
	}
	if eligible < least {
		return true, s.fail(ctx, tx, a, now, FailTooFew, regs)
	}
	if a.Method == MethodDirect {
		chooseBy, err := workdays.DeadlineAfter(ctx, tx, now, rules.DirectChoiceWorkdays)
		if err != nil {
			return false, err
		}
		_, err = tx.NewUpdate().Model((*Announcement)(nil)).Set("choose_by = ?", chooseBy).Where("id = ?", a.ID).Exec(ctx)
		return true, err
	}
	secret, err := s.drawSecret(a)
	if err != nil {
		return false, err
	}
	var entrants []*entrant
	for _, r := range regs {
		if *r.Eligible {
			e := &entrant{reg: r.Registration, code: r.creditCode}
			if r.QuoteFen != nil {
				e.quote = *r.QuoteFen
			}
			entrants = append(entrants, e)
		}
	}
	if err := s.withScores(ctx, tx, a, entrants); err != nil {
		return false, err
	}
	res, err := rank(a, entrants, secret, now)
	if err != nil {
		return false, err
	}
	for i, e := range res.order {
		n := i + 1
		e.reg.Rank = &n
		q := tx.NewUpdate().Model((*Registration)(nil)).Set("rank = ?", n).Where("id = ?", e.reg.ID)
		if a.Method == MethodComprehensive {
			score := e.score
			e.reg.Score = &score
			q = q.Set("score = ?", score)
		}
		if _, err := q.Exec(ctx); err != nil {
			return false, fmt.Errorf("rank registration %d: %w", e.reg.ID, err)
		}
	}
	winner := res.order[0]
	return true, s.selectWinner(ctx, tx, a, now, selectionOf(a, winner, res, 1, now), regs, 0, 0)
}

// closingRegistration is a registration opened at closing, with its
// agency's credit code.
type closingRegistration struct {
	*Registration
	creditCode string
}

// openRegistrations opens the sealed quotes of an announcement that has
// just closed and judges each registrant's eligibility again.
func (s *Service) openRegistrations(ctx context.Context, tx bun.Tx, a *Announcement, now time.Time) ([]closingRegistration, error) {
	var regs []*Registration
	if err := tx.NewSelect().Model(&regs).Where("announcement_id = ? AND status = ?", a.ID, RegistrationActive).
		Order("id").For("UPDATE").Scan(ctx); err != nil {
		return nil, fmt.Errorf("registrations of announcement %d: %w", a.ID, err)
	}
	out := make([]closingRegistration, 0, len(regs))
	for _, r := range regs {
		if r.QuoteSealed != nil {
			plain, err := s.Sealer.Open(a.ID, r.QuoteSealed, quoteAAD(a.ID, r.AgencyID))
			if err != nil {
				return nil, fmt.Errorf("open quote of registration %d: %w", r.ID, err)
			}
			q, err := strconv.ParseInt(string(plain), 10, 64)
			if err != nil {
				return nil, fmt.Errorf("quote of registration %d: %w", r.ID, err)
			}
			r.QuoteFen = &q
		}
		if r.JustificationSealed != nil {
			plain, err := s.Sealer.Open(a.ID, r.JustificationSealed, justificationAAD(a.ID, r.AgencyID))
			if err != nil {
				return nil, fmt.Errorf("open justification of registration %d: %w", r.ID, err)
			}
			j := string(plain)
			r.Justification = &j
		}
		reasons, err := eligibility(ctx, tx, a, r.AgencyID, now)
		if err != nil {
			return nil, err
		}
		if UsesQuotes(a.Method) && (r.QuoteFen == nil || *r.QuoteFen > a.CeilingFen) {
			reasons = append(reasons, ReasonNoQuote)
		}
		ok := len(reasons) == 0
		r.Eligible = &ok
		if !ok {
			reason := reasons[0]
			r.IneligibleReason = &reason
		}
		if _, err := tx.NewUpdate().Model(r).Column("quote_fen", "justification", "eligible", "ineligible_reason").
			WherePK().Exec(ctx); err != nil {
			return nil, fmt.Errorf("open registration %d: %w", r.ID, err)
		}
		org, err := identity.FindOrganisation(ctx, tx, r.AgencyID, false)
		if err != nil {
			return nil, err
		}
		out = append(out, closingRegistration{Registration: r, creditCode: org.CreditCode})
	}
	return out, nil
}

// drawSecret unseals the announcement's draw secret and checks it against
// the commitment published with the announcement.
func (s *Service) drawSecret(a *Announcement) ([]byte, error) {
	if a.DrawSecretSealed == nil {
		return nil, fmt.Errorf("announcement %d has no sealed draw secret", a.ID)
	}
	secret, err := s.Sealer.Open(a.ID, a.DrawSecretSealed, DrawAAD(a.ID))
	if err != nil {
		return nil, fmt.Errorf("open draw secret of announcement %d: %w", a.ID, err)
	}
	sum := sha256.Sum256(secret)
	if !bytes.Equal(sum[:], a.DrawCommitment) {
		return nil, fmt.Errorf("the draw secret of announcement %d does not match its commitment", a.ID)
	}
	return secret, nil
}

// fail ends the round (流标): the owner and every registrant are told.
func (s *Service) fail(ctx context.Context, tx bun.Tx, a *Announcement, now time.Time, reason string, regs []closingRegistration) error {
	before := a.Status
	if _, err := tx.NewUpdate().Model((*Announcement)(nil)).
		Set("status = ?, failed_at = ?, fail_reason = ?, updated_at = ?", StatusFailed, now, reason, now).
		Where("id = ?", a.ID).Exec(ctx); err != nil {
		return fmt.Errorf("fail announcement %d: %w", a.ID, err)
	}
	if err := s.appendEvent(ctx, tx, audit.Event{Chain: chain(a.ID), At: now, Action: "announcement.fail",
		Before: map[string]any{"status": before}, After: map[string]any{"status": StatusFailed, "reason": reason}}); err != nil {
		return err
	}
	return notifyAll(ctx, tx, a, regs, "announcement_failed", map[string]any{"reason": reason}, now)
}

// notifyAll tells the owner and every registrant.
func notifyAll(ctx context.Context, tx bun.Tx, a *Announcement, regs []closingRegistration, kind string, extra map[string]any, now time.Time) error {
	if err := agency.Notify(ctx, tx, a.OwnerID, kind, notice(a, extra), now); err != nil {
		return err
	}
	for _, r := range regs {
		if err := agency.Notify(ctx, tx, r.AgencyID, kind, notice(a, extra), now); err != nil {
			return err
		}
	}
	return nil
}

// registrants are an announcement's active registrations with their credit
// codes, after closing.
func registrants(ctx context.Context, idb bun.IDB, announcementID int64) ([]closingRegistration, error) {
	var regs []*Registration
	if err := idb.NewSelect().Model(&regs).Where("announcement_id = ? AND status = ?", announcementID, RegistrationActive).
		Order("id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("registrations of announcement %d: %w", announcementID, err)
	}
	out := make([]closingRegistration, 0, len(regs))
	for _, r := range regs {
		org, err := identity.FindOrganisation(ctx, idb, r.AgencyID, false)
		if err != nil {
			return nil, err
		}
		out = append(out, closingRegistration{Registration: r, creditCode: org.CreditCode})
	}
	return out, nil
}

// Sweep does what the marketplace clock has made due: it closes the
// announcements past their deadline, fails direct selections the owner did
// not make in time, and awards selections whose publicity has ended with no
// objection pending. Each in its own transaction, each exactly once
// however many servers sweep. The periodic job and the training clock run it.
func (s *Service) Sweep(ctx context.Context) error {
	return s.sweep(ctx, s.DB, func(fn func(ctx context.Context, tx bun.Tx) error) error {
		return s.DB.RunInTx(ctx, nil, fn)
	})
}

// SweepTx is Sweep inside the caller's transaction (the training clock
// advancing), so what becomes due is done with the advance.
func (s *Service) SweepTx(ctx context.Context, tx bun.Tx) error {
	return s.sweep(ctx, tx, func(fn func(ctx context.Context, tx bun.Tx) error) error { return fn(ctx, tx) })
}

func (s *Service) sweep(ctx context.Context, idb bun.IDB, inTx func(func(ctx context.Context, tx bun.Tx) error) error) error {
	now, err := clock.Expr(ctx, s.Clock, idb)
	if err != nil {
		return err
	}
	var due []int64
	if err := idb.NewSelect().Model((*Announcement)(nil)).Column("id").
		Where("status = ? AND registration_deadline <= ? AND suspended_at IS NULL", StatusOpen, now).Order("id").Limit(1000).Scan(ctx, &due); err != nil {
		return fmt.Errorf("announcements due to close: %w", err)
	}
	for _, id := range due {
		if err := inTx(func(ctx context.Context, tx bun.Tx) error { _, err := s.closeTx(ctx, tx, id); return err }); err != nil {
			return err
		}
	}
	var late []int64
	if err := idb.NewSelect().Model((*Announcement)(nil)).Column("id").
		Where("status = ? AND method = ? AND choose_by <= ? AND suspended_at IS NULL", StatusClosed, MethodDirect, now).Order("id").Limit(1000).Scan(ctx, &late); err != nil {
		return fmt.Errorf("direct choices due: %w", err)
	}
	for _, id := range late {
		if err := inTx(func(ctx context.Context, tx bun.Tx) error { return s.expireChoiceTx(ctx, tx, id) }); err != nil {
			return err
		}
	}
	var ended []int64
	if err := idb.NewSelect().Model((*Selection)(nil)).Column("announcement_id").
		Where("status = ? AND publicity_ends_at <= ?", SelectionInPublicity, now).
		Where("NOT EXISTS (SELECT 1 FROM objections o WHERE o.selection_id = sel.id AND o.status = ?)", ObjectionPending).
		Where(notSuspended).
		Order("announcement_id").Limit(1000).Scan(ctx, &ended); err != nil {
		return fmt.Errorf("publicities ended: %w", err)
	}
	for _, id := range ended {
		if err := inTx(func(ctx context.Context, tx bun.Tx) error { _, err := s.awardTx(ctx, tx, id); return err }); err != nil {
			return err
		}
	}
	return nil
}

// expireChoiceTx fails a direct selection whose owner let choose_by pass.
func (s *Service) expireChoiceTx(ctx context.Context, tx bun.Tx, id int64) error {
	now, err := s.Clock.Now(ctx, tx)
	if err != nil {
		return err
	}
	a := new(Announcement)
	err = tx.NewSelect().Model(a).Where("a.id = ? AND a.status = ? AND a.method = ? AND a.choose_by <= ? AND a.suspended_at IS NULL",
		id, StatusClosed, MethodDirect, now).For("UPDATE").Scan(ctx)
	if err != nil {
		if isNoRows(err) {
			return nil
		}
		return fmt.Errorf("lock announcement %d: %w", id, err)
	}
	regs, err := registrants(ctx, tx, id)
	if err != nil {
		return err
	}
	return s.fail(ctx, tx, a, now, FailNoChoice, regs)
}
