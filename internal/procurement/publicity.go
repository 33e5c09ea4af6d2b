package procurement

import (
	"context"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"intermart/internal/agency"
	"intermart/internal/audit"
	"intermart/internal/authz"
	"intermart/internal/db"
	"intermart/internal/draw"
	"intermart/internal/errs"
	"intermart/internal/identity"
	"intermart/internal/workdays"
)

var (
	errSelectionNotFound = errs.New(errs.NotFound, "selection_not_found", "no such selection")
	errObjectionNotFound = errs.New(errs.NotFound, "objection_not_found", "no such objection")
	errNotChoosing       = errs.New(errs.Conflict, "not_awaiting_choice", "the announcement is not awaiting the owner's direct choice")
	errNotInPublicity    = errs.New(errs.Conflict, "not_in_publicity", "the selection is no longer in publicity")
	errNotRegistrant     = errs.New(errs.Forbidden, "not_a_registrant", "only another registrant may object to this selection")
	errAlreadyObjected   = errs.New(errs.Conflict, "already_objected", "the agency has already objected to this selection")
	errAlreadyAnswered   = errs.New(errs.Conflict, "already_answered", "the objection has already been answered")
)

func isNoRows(err error) bool { return db.IsNoRows(err) }

// selectionOf is the selection of winner as the seq-th of announcement a.
func selectionOf(a *Announcement, winner *entrant, res *ranked, seq int, now time.Time) *Selection {
	sel := &Selection{AnnouncementID: a.ID, Seq: seq, Method: a.Method, WinnerID: winner.reg.ID,
		Status: SelectionInPublicity, SelectedAt: now}
	switch a.Method {
	case MethodRandom:
		sel.DealPriceFen = a.StatedPriceFen
	case MethodLowest, MethodComprehensive:
		q := winner.quote
		sel.DealPriceFen = &q
	}
	if res != nil {
		if pub, ok := res.draws[winner.reg.ID]; ok {
			sel.DrawSecret, _ = hex.DecodeString(*pub.Secret)
			sel.DrawCandidates, sel.DrawOrder = pub.Candidates, pub.Order
		}
	}
	return sel
}

// selectWinner stores sel, puts the announcement in publicity for the
// rules' working days and tells the owner and every registrant.
func (s *Service) selectWinner(ctx context.Context, tx bun.Tx, a *Announcement, now time.Time, sel *Selection,
	regs []closingRegistration, actorUser, actorOrg int64) error {
	rules, err := currentRules(ctx, tx)
	if err != nil {
		return err
	}
	if sel.PublicityEndsAt, err = workdays.DeadlineAfter(ctx, tx, now, rules.PublicityWorkdays); err != nil {
		return err
	}
	if actorUser != 0 {
		sel.SelectedBy = &actorUser
	}
	if _, err := tx.NewInsert().Model(sel).Returning("id").Exec(ctx, &sel.ID); err != nil {
		return fmt.Errorf("store selection of announcement %d: %w", a.ID, err)
	}
	before := a.Status
	if _, err := tx.NewUpdate().Model((*Announcement)(nil)).Set("status = ?, updated_at = ?", StatusInPublicity, now).
		Where("id = ?", a.ID).Exec(ctx); err != nil {
		return fmt.Errorf("publicise announcement %d: %w", a.ID, err)
	}
	after := map[string]any{"status": StatusInPublicity, "selectionId": sel.ID, "seq": sel.Seq,
		"winnerRegistrationId": sel.WinnerID, "dealPriceFen": sel.DealPriceFen, "publicityEndsAt": sel.PublicityEndsAt}
	if sel.Reason != nil {
		after["reason"] = *sel.Reason
	}
	if sel.DrawSecret != nil {
		after["drawSecret"] = hex.EncodeToString(sel.DrawSecret)
		after["drawOrder"] = sel.DrawOrder
	}
	if err := s.appendEvent(ctx, tx, audit.Event{Chain: chain(a.ID), At: now, ActorUser: actorUser, ActorOrg: actorOrg,
		Action: "announcement.select", Before: map[string]any{"status": before}, After: after}); err != nil {
		return err
	}
	return notifyAll(ctx, tx, a, regs, "selection_made",
		map[string]any{"selectionId": sel.ID, "publicityEndsAt": sel.PublicityEndsAt}, now)
}

// ChoiceInput is the owner's direct choice (直接选取) with its reason.
type ChoiceInput struct {
	RegistrationID int64  `json:"registrationId" minimum:"1"`
	Reason         string `json:"reason" minLength:"1" maxLength:"2000" doc:"Why this agency: required, published with the result"`
}

// Choose records the owner's direct choice of an eligible registrant after
// registration has closed and before choose_by.
func (s *Service) Choose(ctx context.Context, actor *authz.Principal, id int64, in ChoiceInput) (*Selection, error) {
	in.Reason = strings.TrimSpace(in.Reason)
	var f errs.Fields
	if n := utf8.RuneCountInString(in.Reason); n < 2 || n > 2000 {
		f.Add("body.reason", "reason_required", "a written reason of 2 to 2000 characters is required")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	var sel *Selection
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		now, err := s.Clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		a := new(Announcement)
		if err := db.One(tx.NewSelect().Model(a).Where("a.id = ?", id).For("UPDATE").Scan(ctx),
			"lock announcement", errAnnouncementNotFound); err != nil {
			return err
		}
		if a.Method != MethodDirect || a.Status != StatusClosed || a.ChooseBy == nil || !now.Before(*a.ChooseBy) {
			return errNotChoosing
		}
		if a.SuspendedAt != nil {
			return errSuspended
		}
		regs, err := registrants(ctx, tx, id)
		if err != nil {
			return err
		}
		var chosen *closingRegistration
		for i := range regs {
			if regs[i].ID == in.RegistrationID {
				chosen = &regs[i]
			}
		}
		if chosen == nil || chosen.Eligible == nil || !*chosen.Eligible {
			return errs.Field("body.registrationId", "not_eligible_registrant", "choose an eligible registrant of this announcement")
		}
		voided, err := tx.NewSelect().Model((*Selection)(nil)).
			Where("announcement_id = ? AND winner_id = ? AND status = ?", id, chosen.ID, SelectionVoided).Exists(ctx)
		if err != nil {
			return err
		}
		if voided {
			return errs.Field("body.registrationId", "selection_voided", "this registrant's selection was voided on an objection")
		}
		var seq int
		if err := tx.NewSelect().Model((*Selection)(nil)).ColumnExpr("coalesce(max(seq), 0) + 1").
			Where("announcement_id = ?", id).Scan(ctx, &seq); err != nil {
			return err
		}
		reason := in.Reason
		sel = &Selection{AnnouncementID: id, Seq: seq, Method: MethodDirect, WinnerID: chosen.ID, Reason: &reason,
			Status: SelectionInPublicity, SelectedAt: now}
		return s.selectWinner(ctx, tx, a, now, sel, regs, actor.UserID, actor.OrgID)
	})
	return sel, err
}

// ObjectionInput is a registrant's objection (质疑) to a selection.
type ObjectionInput struct {
	Grounds string `json:"grounds" minLength:"10" maxLength:"5000" doc:"The facts and reasons of the objection"`
}

// ObjectionView is an objection as the owner, the regulator and the
// objecting agency see it.
type ObjectionView struct {
	ID             int64      `json:"id"`
	SelectionID    int64      `json:"selectionId"`
	AnnouncementID int64      `json:"announcementId"`
	AgencyID       int64      `json:"agencyId"`
	AgencyName     string     `json:"agencyName"`
	Grounds        string     `json:"grounds"`
	Status         string     `json:"status" enum:"pending,upheld,dismissed"`
	Answer         string     `json:"answer,omitempty"`
	AnswerBy       time.Time  `json:"answerBy"`
	AnsweredAt     *time.Time `json:"answeredAt,omitempty"`
	CreatedAt      time.Time  `json:"createdAt"`
	Actions        []string   `json:"actions" nullable:"false" doc:"What the caller may do: answer"`
}

// FileObjection records the objection of the actor's agency, a registrant
// other than the winner, during publicity. The owner must answer within the
// rules' working days.
func (s *Service) FileObjection(ctx context.Context, actor *authz.Principal, selectionID int64, in ObjectionInput) (*ObjectionView, error) {
	in.Grounds = strings.TrimSpace(in.Grounds)
	if n := utf8.RuneCountInString(in.Grounds); n < 10 || n > 5000 {
		return nil, errs.Field("body.grounds", "grounds_length", "the grounds must be 10 to 5000 characters")
	}
	var oid int64
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		now, err := s.Clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		sel := new(Selection)
		if err := db.One(tx.NewSelect().Model(sel).Where("sel.id = ?", selectionID).Scan(ctx),
			"read selection", errSelectionNotFound); err != nil {
			return err
		}
		a := new(Announcement)
		if err := tx.NewSelect().Model(a).Where("a.id = ?", sel.AnnouncementID).For("UPDATE").Scan(ctx); err != nil {
			return fmt.Errorf("lock announcement: %w", err)
		}
		if err := tx.NewSelect().Model(sel).WherePK().Scan(ctx); err != nil {
			return err
		}
		if sel.Status != SelectionInPublicity || !now.Before(sel.PublicityEndsAt) {
			return errNotInPublicity
		}
		reg := new(Registration)
		err = tx.NewSelect().Model(reg).Where("announcement_id = ? AND agency_id = ? AND status = ?",
			a.ID, actor.OrgID, RegistrationActive).Scan(ctx)
		if isNoRows(err) || (err == nil && reg.ID == sel.WinnerID) {
			return errNotRegistrant
		}
		if err != nil {
			return err
		}
		rules, err := currentRules(ctx, tx)
		if err != nil {
			return err
		}
		answerBy, err := workdays.DeadlineAfter(ctx, tx, now, rules.ObjectionAnswerWorkdays)
		if err != nil {
			return err
		}
		o := &Objection{SelectionID: sel.ID, RegistrationID: reg.ID, Grounds: in.Grounds, Status: ObjectionPending,
			AnswerBy: answerBy, CreatedAt: now}
		_, err = tx.NewInsert().Model(o).Column("selection_id", "registration_id", "grounds", "status", "answer_by", "created_at").
			Returning("id").Exec(ctx, &o.ID)
		if c, ok := db.UniqueViolation(err); ok && strings.Contains(c, "selection_id") {
			return errAlreadyObjected
		}
		if err != nil {
			return fmt.Errorf("store objection: %w", err)
		}
		oid = o.ID
		if err := s.appendEvent(ctx, tx, audit.Event{Chain: chain(a.ID), At: now, ActorUser: actor.UserID, ActorOrg: actor.OrgID,
			Action: "objection.file", After: map[string]any{"objectionId": o.ID, "selectionId": sel.ID, "registrationId": reg.ID,
				"grounds": o.Grounds, "answerBy": answerBy}}); err != nil {
			return err
		}
		return agency.Notify(ctx, tx, a.OwnerID, "objection_filed",
			notice(a, map[string]any{"objectionId": o.ID, "selectionId": sel.ID, "answerBy": answerBy}), now)
	})
	if err != nil {
		return nil, err
	}
	return s.objection(ctx, actor, oid)
}

// AnswerInput is the owner's answer to an objection.
type AnswerInput struct {
	Decision string `json:"decision" enum:"upheld,dismissed" doc:"upheld voids the selection; dismissed lets it stand"`
	Answer   string `json:"answer" minLength:"1" maxLength:"5000"`
}

// AnswerObjection records the owner's answer. An upheld objection voids the
// selection; the next ranked eligible registrant is selected with a fresh
// publicity (the next in the draw's order for a random draw), the owner
// chooses again for a direct selection, or the round fails when none
// remains.
func (s *Service) AnswerObjection(ctx context.Context, actor *authz.Principal, objectionID int64, in AnswerInput) (*ObjectionView, error) {
	in.Answer = strings.TrimSpace(in.Answer)
	var f errs.Fields
	if in.Decision != ObjectionUpheld && in.Decision != ObjectionDismissed {
		f.Add("body.decision", "decision", "upheld or dismissed")
	}
	if n := utf8.RuneCountInString(in.Answer); n < 2 || n > 5000 {
		f.Add("body.answer", "answer_required", "a written answer of 2 to 5000 characters is required")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		now, err := s.Clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		annID, err := s.objectionAnnouncement(ctx, tx, objectionID)
		if err != nil {
			return err
		}
		a := new(Announcement)
		if err := tx.NewSelect().Model(a).Where("a.id = ?", annID).For("UPDATE").Scan(ctx); err != nil {
			return fmt.Errorf("lock announcement: %w", err)
		}
		o := new(Objection)
		if err := tx.NewSelect().Model(o).Where("o.id = ?", objectionID).Scan(ctx); err != nil {
			return err
		}
		if o.Status != ObjectionPending {
			return errAlreadyAnswered
		}
		if a.SuspendedAt != nil {
			return errSuspended
		}
		sel := new(Selection)
		if err := tx.NewSelect().Model(sel).Where("sel.id = ?", o.SelectionID).Scan(ctx); err != nil {
			return err
		}
		if sel.Status != SelectionInPublicity {
			return errNotInPublicity
		}
		if _, err := tx.NewUpdate().Model(o).Set("status = ?, answer = ?, answered_at = ?, answered_by = ?",
			in.Decision, in.Answer, now, actor.UserID).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("answer objection: %w", err)
		}
		if err := s.appendEvent(ctx, tx, audit.Event{Chain: chain(a.ID), At: now, ActorUser: actor.UserID, ActorOrg: actor.OrgID,
			Action: "objection.answer", Before: map[string]any{"objectionId": o.ID, "status": ObjectionPending},
			After: map[string]any{"objectionId": o.ID, "status": in.Decision, "answer": in.Answer}}); err != nil {
			return err
		}
		var objector Registration
		if err := tx.NewSelect().Model(&objector).Where("r.id = ?", o.RegistrationID).Scan(ctx); err != nil {
			return err
		}
		if err := agency.Notify(ctx, tx, objector.AgencyID, "objection_answered",
			notice(a, map[string]any{"objectionId": o.ID, "decision": in.Decision}), now); err != nil {
			return err
		}
		if in.Decision == ObjectionUpheld {
			return s.voidAndReselect(ctx, tx, a, sel, now, actor)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.objection(ctx, actor, objectionID)
}

// voidAndReselect voids sel and selects the next ranked eligible
// registrant not selected before, or fails the round.
func (s *Service) voidAndReselect(ctx context.Context, tx bun.Tx, a *Announcement, sel *Selection, now time.Time, actor *authz.Principal) error {
	if _, err := tx.NewUpdate().Model(sel).Set("status = ?, voided_at = ?", SelectionVoided, now).WherePK().Exec(ctx); err != nil {
		return fmt.Errorf("void selection %d: %w", sel.ID, err)
	}
	// Objections still pending on the voided selection lapse with it.
	if _, err := tx.NewUpdate().Model((*Objection)(nil)).
		Set("status = ?, answer = ?, answered_at = ?", ObjectionUpheld, "the selection was voided on another objection", now).
		Where("selection_id = ? AND status = ?", sel.ID, ObjectionPending).Exec(ctx); err != nil {
		return err
	}
	regs, err := registrants(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	if err := s.appendEvent(ctx, tx, audit.Event{Chain: chain(a.ID), At: now, ActorUser: actor.UserID, ActorOrg: actor.OrgID,
		Action: "selection.void", Before: map[string]any{"selectionId": sel.ID, "status": SelectionInPublicity},
		After: map[string]any{"selectionId": sel.ID, "status": SelectionVoided}}); err != nil {
		return err
	}
	if err := notifyAll(ctx, tx, a, regs, "selection_voided", map[string]any{"selectionId": sel.ID}, now); err != nil {
		return err
	}
	var winners []int64
	if err := tx.NewSelect().Model((*Selection)(nil)).Column("winner_id").Where("announcement_id = ?", a.ID).Scan(ctx, &winners); err != nil {
		return err
	}
	won := map[int64]bool{}
	for _, w := range winners {
		won[w] = true
	}
	remaining := 0
	var next *closingRegistration
	for i := range regs {
		r := &regs[i]
		if r.Eligible == nil || !*r.Eligible || won[r.ID] {
			continue
		}
		remaining++
		if r.Rank != nil && (next == nil || *r.Rank < *next.Rank) {
			next = r
		}
	}
	if remaining == 0 {
		return s.fail(ctx, tx, a, now, FailNoneRemaining, regs)
	}
	if a.Method == MethodDirect {
		rules, err := currentRules(ctx, tx)
		if err != nil {
			return err
		}
		chooseBy, err := workdays.DeadlineAfter(ctx, tx, now, rules.DirectChoiceWorkdays)
		if err != nil {
			return err
		}
		_, err = tx.NewUpdate().Model((*Announcement)(nil)).Set("status = ?, choose_by = ?, updated_at = ?", StatusClosed, chooseBy, now).
			Where("id = ?", a.ID).Exec(ctx)
		if err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, audit.Event{Chain: chain(a.ID), At: now, Action: "announcement.reopen_choice",
			Before: map[string]any{"status": StatusInPublicity}, After: map[string]any{"status": StatusClosed, "chooseBy": chooseBy}})
	}
	e := &entrant{reg: next.Registration, code: next.creditCode}
	if next.QuoteFen != nil {
		e.quote = *next.QuoteFen
	}
	newSel := selectionOf(a, e, nil, sel.Seq+1, now)
	// The draw that ordered the new winner, where one did.
	if err := s.attachDraw(ctx, tx, a, newSel, regs); err != nil {
		return err
	}
	a.Status = StatusInPublicity
	return s.selectWinner(ctx, tx, a, now, newSel, regs, 0, 0)
}

// attachDraw gives a reselection the draw (random) or tie-break that
// ordered its winner among the ranked registrants, recomputed from the
// announcement's secret.
func (s *Service) attachDraw(ctx context.Context, tx bun.Tx, a *Announcement, sel *Selection, regs []closingRegistration) error {
	secret, err := s.drawSecret(a)
	if err != nil {
		return err
	}
	var entrants []*entrant
	for _, r := range regs {
		if r.Eligible != nil && *r.Eligible {
			e := &entrant{reg: r.Registration, code: r.creditCode, fixed: r.Score}
			if r.QuoteFen != nil {
				e.quote = *r.QuoteFen
			}
			entrants = append(entrants, e)
		}
	}
	res, err := rank(a, entrants, secret, sel.SelectedAt)
	if err != nil {
		return err
	}
	if pub, ok := res.draws[sel.WinnerID]; ok {
		sel.DrawSecret, _ = hex.DecodeString(*pub.Secret)
		sel.DrawCandidates, sel.DrawOrder = pub.Candidates, pub.Order
	}
	return nil
}

// awardTx awards the announcement whose selection's publicity has ended
// with no objection pending; exactly once (the conditional update).
func (s *Service) awardTx(ctx context.Context, tx bun.Tx, annID int64) (bool, error) {
	now, err := s.Clock.Now(ctx, tx)
	if err != nil {
		return false, err
	}
	var sels []Selection
	err = tx.NewUpdate().Model(&sels).ModelTableExpr("selections AS sel").Set("status = ?", SelectionAwarded).
		Where("sel.announcement_id = ? AND sel.status = ? AND sel.publicity_ends_at <= ?", annID, SelectionInPublicity, now).
		Where("NOT EXISTS (SELECT 1 FROM objections o WHERE o.selection_id = sel.id AND o.status = ?)", ObjectionPending).
		Where(notSuspended).
		Returning("sel.*").Scan(ctx)
	if err != nil {
		return false, fmt.Errorf("award selection of announcement %d: %w", annID, err)
	}
	if len(sels) == 0 {
		return false, nil
	}
	a := new(Announcement)
	if err := tx.NewSelect().Model(a).Where("a.id = ?", annID).For("UPDATE").Scan(ctx); err != nil {
		return false, err
	}
	if _, err := tx.NewUpdate().Model((*Announcement)(nil)).Set("status = ?, awarded_at = ?, updated_at = ?", StatusAwarded, now, now).
		Where("id = ?", annID).Exec(ctx); err != nil {
		return false, err
	}
	if err := s.appendEvent(ctx, tx, audit.Event{Chain: chain(annID), At: now, Action: "announcement.award",
		Before: map[string]any{"status": a.Status}, After: map[string]any{"status": StatusAwarded, "selectionId": sels[0].ID}}); err != nil {
		return false, err
	}
	if err := s.awarded(ctx, tx, a, &sels[0], now); err != nil {
		return false, err
	}
	regs, err := registrants(ctx, tx, annID)
	if err != nil {
		return false, err
	}
	return true, notifyAll(ctx, tx, a, regs, "announcement_awarded",
		map[string]any{"selectionId": sels[0].ID, "winnerRegistrationId": sels[0].WinnerID}, now)
}

// objectionAnnouncement is the announcement an objection is about.
func (s *Service) objectionAnnouncement(ctx context.Context, idb bun.IDB, objectionID int64) (int64, error) {
	var id int64
	err := idb.NewSelect().TableExpr("objections AS o").ColumnExpr("sel.announcement_id").
		Join("JOIN selections AS sel ON sel.id = o.selection_id").Where("o.id = ?", objectionID).Scan(ctx, &id)
	return id, db.One(err, "objection's announcement", errObjectionNotFound)
}

// objection returns one objection as actor sees it.
func (s *Service) objection(ctx context.Context, actor *authz.Principal, id int64) (*ObjectionView, error) {
	list, err := s.objections(ctx, actor, "o.id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, errObjectionNotFound
	}
	return &list[0], nil
}

// Objections lists the objections to the selections of announcement id,
// for its owner and the regulators.
func (s *Service) Objections(ctx context.Context, actor *authz.Principal, id int64) ([]ObjectionView, error) {
	return s.objections(ctx, actor, "sel.announcement_id = ?", id)
}

func (s *Service) objections(ctx context.Context, actor *authz.Principal, where string, arg int64) ([]ObjectionView, error) {
	var rows []struct {
		Objection `bun:",extend"`
		AnnID     int64  `bun:"ann_id"`
		OwnerID   int64  `bun:"owner_id"`
		AgencyID  int64  `bun:"agency_id"`
		SelStatus string `bun:"sel_status"`
	}
	err := s.DB.NewSelect().Model(&rows).ColumnExpr("o.*, sel.announcement_id AS ann_id, a.owner_id, r.agency_id, sel.status AS sel_status").
		Join("JOIN selections AS sel ON sel.id = o.selection_id").
		Join("JOIN announcements AS a ON a.id = sel.announcement_id").
		Join("JOIN registrations AS r ON r.id = o.registration_id").
		Where(where, arg).Order("o.id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("objections: %w", err)
	}
	ids := make([]int64, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.AgencyID)
	}
	names, err := identity.OrganisationNames(ctx, s.DB, ids)
	if err != nil {
		return nil, err
	}
	out := make([]ObjectionView, 0, len(rows))
	for _, r := range rows {
		v := ObjectionView{ID: r.ID, SelectionID: r.SelectionID, AnnouncementID: r.AnnID, AgencyID: r.AgencyID,
			AgencyName: names[r.AgencyID], Grounds: r.Grounds, Status: r.Status, AnswerBy: r.AnswerBy,
			AnsweredAt: r.AnsweredAt, CreatedAt: r.CreatedAt, Actions: []string{}}
		if r.Answer != nil {
			v.Answer = *r.Answer
		}
		if actor != nil && actor.OrgID == r.OwnerID && r.Status == ObjectionPending && r.SelStatus == SelectionInPublicity &&
			authz.May(ctx, "procurement.answerObjection", r.OwnerID) {
			v.Actions = append(v.Actions, "answer")
		}
		out = append(out, v)
	}
	return out, nil
}

// drawPublic is the published draw of a selection.
func drawPublic(a *Announcement, sel *Selection, tieRank int) draw.Public {
	code := ""
	if a.Code != nil {
		code = *a.Code
	}
	p := draw.Public{Version: draw.Version, AnnouncementCode: code, TieRank: tieRank,
		Commitment: hex.EncodeToString(a.DrawCommitment), Candidates: []string{}, Order: []string{}}
	if sel != nil && sel.DrawSecret != nil {
		secret := hex.EncodeToString(sel.DrawSecret)
		at := sel.SelectedAt.UTC()
		p.Secret, p.Candidates, p.Order, p.DrawnAt = &secret, sel.DrawCandidates, sel.DrawOrder, &at
	}
	return p
}
