package supervision

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"intermart/internal/agency"
	"intermart/internal/audit"
	"intermart/internal/clock"
	"intermart/internal/contract"
	"intermart/internal/procurement"
	"intermart/internal/workdays"
)

// The rules of early warnings (预警), one per kind of time limit.
const (
	RuleDirectChoice  = procurement.DeadlineDirectChoice // the owner's direct choice not made
	RuleRegistration  = contract.DeadlineRegistration    // the contract not registered and confirmed in time
	RuleMilestone     = contract.DeadlineMilestone       // a milestone's deliverables overdue against the committed time limit
	RuleAcceptance    = contract.DeadlineAcceptance      // the owner's review of submitted deliverables delayed
	RuleQualification = agency.DeadlineQualification     // a qualification about to expire, or expired
	LevelYellow       = "yellow"                         // due: the time limit is near or has just passed
	LevelRed          = "red"                            // the further working days of the rule have passed too
)

// Rules lists every rule, in the order they are shown.
var Rules = []string{RuleDirectChoice, RuleRegistration, RuleMilestone, RuleAcceptance, RuleQualification}

// contractRules are the rules whose subject belongs to a contract.
var contractRules = []string{RuleRegistration, RuleMilestone, RuleAcceptance}

// WarningRule is how one kind of time limit is warned of; the platform
// administrator edits it.
type WarningRule struct {
	bun.BaseModel `bun:"table:warning_rules,alias:wr"`

	Rule                 string    `bun:"rule,pk" json:"rule" enum:"direct_choice,contract_registration,milestone_overdue,acceptance_delayed,qualification_expiring"`
	Enabled              bool      `bun:"enabled,notnull" json:"enabled" doc:"Warnings of this rule are raised"`
	DueWorkdays          int       `bun:"due_workdays,notnull" json:"dueWorkdays" minimum:"0" maximum:"60" doc:"For the owner's review of deliverables: the working days it may take after submission. Unused by the other rules, whose time limits are set where they arise"`
	YellowBeforeWorkdays int       `bun:"yellow_before_workdays,notnull" json:"yellowBeforeWorkdays" minimum:"0" maximum:"60" doc:"Yellow once the time limit is this many working days away or nearer; 0: on the day it falls due"`
	RedAfterWorkdays     int       `bun:"red_after_workdays,notnull" json:"redAfterWorkdays" minimum:"0" maximum:"60" doc:"Red once this many further working days have passed after the time limit; 0: as soon as it passes"`
	UpdatedAt            time.Time `bun:"updated_at,notnull" json:"updatedAt"`
	UpdatedBy            *int64    `bun:"updated_by" json:"-"`
}

// Warning is one late, or nearly late, thing. It is open while the thing
// is due and clears itself when it is done or no longer due.
type Warning struct {
	bun.BaseModel `bun:"table:warnings,alias:w"`

	ID             int64      `bun:"id,pk,autoincrement" json:"id"`
	Rule           string     `bun:"rule,notnull" json:"rule" enum:"direct_choice,contract_registration,milestone_overdue,acceptance_delayed,qualification_expiring"`
	SubjectID      int64      `bun:"subject_id,notnull" json:"subjectId" doc:"The announcement, contract, milestone, submission or qualification, by the rule"`
	AnnouncementID *int64     `bun:"announcement_id" json:"announcementId,omitempty"`
	ContractID     *int64     `bun:"contract_id" json:"contractId,omitempty"`
	OwnerID        *int64     `bun:"owner_id" json:"ownerId,omitempty"`
	AgencyID       *int64     `bun:"agency_id" json:"agencyId,omitempty"`
	RegionCode     *string    `bun:"region_code" json:"regionCode,omitempty"`
	Code           string     `bun:"code,notnull" json:"code" doc:"The announcement's or contract's code, or the certificate number"`
	Title          string     `bun:"title,notnull" json:"title"`
	DueAt          time.Time  `bun:"due_at,notnull" json:"dueAt" doc:"When the time limit ends (or ended)"`
	Level          string     `bun:"level,notnull" json:"level" enum:"yellow,red"`
	RaisedAt       time.Time  `bun:"raised_at,notnull" json:"raisedAt"`
	RedAt          *time.Time `bun:"red_at" json:"redAt,omitempty"`
	ClearedAt      *time.Time `bun:"cleared_at" json:"clearedAt,omitempty" doc:"When it cleared itself: done, or no longer due"`
	UpdatedAt      time.Time  `bun:"updated_at,notnull" json:"-"`
}

// scope is what an evaluation looks at: everything, or the time limits of
// one announcement or one contract.
type scope struct{ announcement, contract int64 }

func (sc scope) all() bool { return sc.announcement == 0 && sc.contract == 0 }

// candidate is a running time limit from the capability that owns it.
type candidate struct {
	rule                                           string
	subject, announcement, contract, owner, agency int64
	region, code, title                            string
	due                                            time.Time
	from                                           *time.Time
}

func nonZero(n int64) *int64 {
	if n == 0 {
		return nil
	}
	return &n
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// warningRules reads the rules by name.
func warningRules(ctx context.Context, idb bun.IDB) (map[string]WarningRule, error) {
	var rs []WarningRule
	if err := idb.NewSelect().Model(&rs).Scan(ctx); err != nil {
		return nil, fmt.Errorf("warning rules: %w", err)
	}
	out := make(map[string]WarningRule, len(rs))
	for _, r := range rs {
		out[r.Rule] = r
	}
	return out, nil
}

// calendar answers the working-day questions of one evaluation, asking
// the calendar once per day and count: deadlines fall on few days.
type calendar struct {
	idb   bun.IDB
	added map[[2]int64]time.Time
}

func (c *calendar) add(ctx context.Context, day time.Time, n int) (time.Time, error) {
	k := [2]int64{day.Unix(), int64(n)}
	if d, ok := c.added[k]; ok {
		return d, nil
	}
	d, err := workdays.Add(ctx, c.idb, day, n)
	if err != nil {
		return time.Time{}, err
	}
	c.added[k] = d
	return d, nil
}

// level is the warning a time limit deserves now: "" (none yet), yellow or
// red. Every time limit ends at the end of a Shanghai day.
func (c *calendar) level(ctx context.Context, r WarningRule, due, now time.Time) (string, error) {
	today := clock.Today(now)
	dueDay := clock.Today(due.Add(-time.Nanosecond))
	redAt := due
	if r.RedAfterWorkdays > 0 {
		d, err := c.add(ctx, dueDay, r.RedAfterWorkdays)
		if err != nil {
			return "", err
		}
		redAt = workdays.EndOf(d)
	}
	if !now.Before(redAt) {
		return LevelRed, nil
	}
	horizon, err := c.add(ctx, today, r.YellowBeforeWorkdays)
	if err != nil {
		return "", err
	}
	if !dueDay.After(horizon) || !now.Before(due) {
		return LevelYellow, nil
	}
	return "", nil
}

// candidates gathers the running time limits of sc from the capabilities
// that own them.
func candidates(ctx context.Context, idb bun.IDB, sc scope, rules map[string]WarningRule, now time.Time) ([]candidate, error) {
	var out []candidate
	// A sweep of the whole marketplace reads only the limits that can be
	// yellow by now: those ending within the largest yellow horizon.
	var until time.Time
	if sc.all() {
		most := 0
		for _, r := range rules {
			if r.Rule != RuleQualification {
				most = max(most, r.YellowBeforeWorkdays)
			}
		}
		d, err := workdays.Add(ctx, idb, now, most)
		if err != nil {
			return nil, err
		}
		until = workdays.EndOf(d)
	}
	if sc.all() || sc.announcement != 0 {
		ds, err := procurement.Deadlines(ctx, idb, sc.announcement, until)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			out = append(out, candidate{rule: d.Rule, subject: d.SubjectID, announcement: d.AnnouncementID, owner: d.OwnerID,
				region: d.RegionCode, code: d.Code, title: d.Title, due: d.Due})
		}
	}
	if sc.all() || sc.contract != 0 {
		ds, err := contract.Deadlines(ctx, idb, sc.contract, until)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			out = append(out, candidate{rule: d.Rule, subject: d.SubjectID, announcement: d.AnnouncementID, contract: d.ContractID,
				owner: d.OwnerID, agency: d.AgencyID, region: d.RegionCode, code: d.Code, title: d.Title, due: d.Due, from: d.From})
		}
	}
	if sc.all() {
		// Only qualifications ending within the yellow horizon (or ended)
		// can be warned of.
		until, err := workdays.Add(ctx, idb, now, rules[RuleQualification].YellowBeforeWorkdays)
		if err != nil {
			return nil, err
		}
		ds, err := agency.Deadlines(ctx, idb, until)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			out = append(out, candidate{rule: d.Rule, subject: d.SubjectID, agency: d.AgencyID, code: d.Code, title: d.Title, due: d.Due})
		}
	}
	return out, nil
}

// evaluate brings the warnings of sc in line with the time limits running
// now: raises those that have become due, turns them red after the rule's
// further working days, and clears those whose thing is done (or no longer
// due). It runs in the caller's transaction: the change that finished the
// late thing clears its warning with it.
func (s *Service) evaluate(ctx context.Context, idb bun.IDB, sc scope) error {
	now, err := s.Clock.Now(ctx, idb)
	if err != nil {
		return err
	}
	rules, err := warningRules(ctx, idb)
	if err != nil {
		return err
	}
	cs, err := candidates(ctx, idb, sc, rules, now)
	if err != nil {
		return err
	}
	cal := &calendar{idb: idb, added: map[[2]int64]time.Time{}}
	var due []Warning
	keep := []string{}
	for _, c := range cs {
		r, ok := rules[c.rule]
		if !ok || !r.Enabled {
			continue
		}
		if c.from != nil {
			// A time limit counted by the rule from a moment.
			d, err := cal.add(ctx, clock.Today(*c.from), r.DueWorkdays)
			if err != nil {
				return err
			}
			c.due = workdays.EndOf(d)
		}
		level, err := cal.level(ctx, r, c.due, now)
		if err != nil {
			return err
		}
		if level == "" {
			continue
		}
		w := Warning{Rule: c.rule, SubjectID: c.subject, AnnouncementID: nonZero(c.announcement), ContractID: nonZero(c.contract),
			OwnerID: nonZero(c.owner), AgencyID: nonZero(c.agency), RegionCode: nonEmpty(c.region), Code: c.code,
			Title: c.title, DueAt: c.due, Level: level, RaisedAt: now, UpdatedAt: now}
		if level == LevelRed {
			w.RedAt = &now
		}
		due = append(due, w)
		keep = append(keep, c.rule+":"+strconv.FormatInt(c.subject, 10))
	}
	if len(due) > 0 {
		_, err := idb.NewInsert().Model(&due).
			On("CONFLICT (rule, subject_id) WHERE cleared_at IS NULL DO UPDATE").
			Set("level = EXCLUDED.level, due_at = EXCLUDED.due_at, title = EXCLUDED.title, updated_at = EXCLUDED.updated_at").
			Set("red_at = CASE WHEN EXCLUDED.level = 'red' THEN coalesce(w.red_at, EXCLUDED.red_at) END").
			Where("w.level <> EXCLUDED.level OR w.due_at <> EXCLUDED.due_at OR w.title <> EXCLUDED.title").
			Returning("NULL").Exec(ctx)
		if err != nil {
			return fmt.Errorf("raise warnings: %w", err)
		}
	}
	q := idb.NewUpdate().Model((*Warning)(nil)).Set("cleared_at = ?, updated_at = ?", now, now).
		Where("cleared_at IS NULL").Where("NOT (rule || ':' || subject_id = ANY(?))", pgdialect.Array(keep))
	switch {
	case sc.announcement != 0:
		q = q.Where("rule = ? AND announcement_id = ?", RuleDirectChoice, sc.announcement)
	case sc.contract != 0:
		q = q.Where("rule IN (?) AND contract_id = ?", bun.In(contractRules), sc.contract)
	}
	if _, err := q.Exec(ctx); err != nil {
		return fmt.Errorf("clear warnings: %w", err)
	}
	return nil
}

// sweepLock keeps two servers from sweeping at once (their inserts would
// wait on each other's rows anyway).
const sweepLock = 0x7761726e // "warn"

// SweepTx evaluates every warning of the marketplace in tx: the periodic
// job and the training clock's moves call it.
func (s *Service) SweepTx(ctx context.Context, idb bun.IDB) error {
	if _, err := idb.NewRaw("SELECT pg_advisory_xact_lock(?)", sweepLock).Exec(ctx); err != nil {
		return fmt.Errorf("warnings sweep lock: %w", err)
	}
	return s.evaluate(ctx, idb, scope{})
}

// OnClockAdvance is the training clock's hook: moving the marketplace
// clock raises and clears warnings in the move's transaction.
func (s *Service) OnClockAdvance(ctx context.Context, idb bun.IDB, _ time.Time) error {
	return s.SweepTx(ctx, idb)
}

// OnProcurementChange is procurement's change hook: a change of an
// announcement re-evaluates its direct choice.
func (s *Service) OnProcurementChange(ctx context.Context, tx bun.IDB, e audit.Event) error {
	if id, ok := chainID(e.Chain, "announcement"); ok {
		return s.evaluate(ctx, tx, scope{announcement: id})
	}
	return nil
}

// OnContractChange is the contract capability's change hook: a change of a
// contract re-evaluates its registration, milestones and reviews.
func (s *Service) OnContractChange(ctx context.Context, tx bun.IDB, e audit.Event) error {
	if e.Action == "file.download" {
		return nil
	}
	if id, ok := chainID(e.Chain, "contract"); ok {
		return s.evaluate(ctx, tx, scope{contract: id})
	}
	return nil
}
