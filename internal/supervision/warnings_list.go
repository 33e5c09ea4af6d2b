package supervision

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/clock"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/export"
	"intermart/internal/identity"
)

// WarningFilter selects warnings of the queue.
type WarningFilter struct {
	Rule     string `query:"rule" enum:"direct_choice,contract_registration,milestone_overdue,acceptance_delayed,qualification_expiring" doc:"Only this rule's"`
	Level    string `query:"level" enum:"yellow,red" doc:"Only yellow or only red ones"`
	State    string `query:"state" enum:"open,cleared" doc:"Open (the default) or cleared ones"`
	Region   string `query:"region" maxLength:"12" doc:"Only those of this region (division code)"`
	Query    string `query:"q" maxLength:"100" doc:"Part of the code or title"`
	Page     int    `query:"page" minimum:"1" maximum:"100000" doc:"Page number, from 1"`
	PageSize int    `query:"pageSize" minimum:"1" maximum:"200" doc:"Warnings per page (50 by default)"`
}

// WarningView is a warning as its queue shows it.
type WarningView struct {
	Warning
	OwnerName  string `bun:"owner_name" json:"ownerName,omitempty"`
	AgencyName string `bun:"agency_name" json:"agencyName,omitempty"`
	RegionZh   string `bun:"region_name_zh" json:"regionNameZh,omitempty"`
	RegionEn   string `bun:"region_name_en" json:"regionNameEn,omitempty"`
}

// WarningCounts are how many warnings are open for the caller.
type WarningCounts struct {
	Yellow int `json:"yellow" minimum:"0"`
	Red    int `json:"red" minimum:"0"`
}

var errWarningsForbidden = errs.New(errs.Forbidden, "warnings_forbidden", "warnings are shown to regulators, owners and agencies")

// visible restricts q to the warnings p may see: every one for regulators,
// an owner's or an agency's own otherwise.
func visible(q *bun.SelectQuery, p *authz.Principal) (*bun.SelectQuery, error) {
	if p == nil {
		return nil, errWarningsForbidden
	}
	switch p.OrgKind {
	case identity.KindRegulator:
		return q, nil
	case identity.KindOwner:
		return q.Where("w.owner_id = ?", p.OrgID), nil
	case identity.KindAgency:
		return q.Where("w.agency_id = ?", p.OrgID), nil
	}
	return nil, errWarningsForbidden
}

func (s *Service) warningQuery(idb bun.IDB, p *authz.Principal, f WarningFilter) (*bun.SelectQuery, error) {
	q := idb.NewSelect().TableExpr("warnings AS w").ColumnExpr("w.*").
		ColumnExpr("coalesce(ow.name, '') AS owner_name, coalesce(ag.name, '') AS agency_name").
		ColumnExpr("coalesce(rg.name_zh, '') AS region_name_zh, coalesce(rg.name_en, '') AS region_name_en").
		Join("LEFT JOIN (?) AS ow ON ow.id = w.owner_id", identity.OrganisationNamesQuery(idb)).
		Join("LEFT JOIN (?) AS ag ON ag.id = w.agency_id", identity.OrganisationNamesQuery(idb)).
		Join("LEFT JOIN (?) AS rg ON rg.code = w.region_code", identity.RegionNamesQuery(idb))
	q, err := visible(q, p)
	if err != nil {
		return nil, err
	}
	if f.State == "cleared" {
		q = q.Where("w.cleared_at IS NOT NULL")
	} else {
		q = q.Where("w.cleared_at IS NULL")
	}
	if f.Rule != "" {
		q = q.Where("w.rule = ?", f.Rule)
	}
	if f.Level != "" {
		q = q.Where("w.level = ?", f.Level)
	}
	if f.Region != "" {
		q = q.Where("w.region_code = ?", f.Region)
	}
	if t := strings.TrimSpace(f.Query); t != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(t) + "%"
		q = q.Where("(w.code ILIKE ? OR w.title ILIKE ?)", like, like)
	}
	if f.State == "cleared" {
		return q.OrderExpr("w.cleared_at DESC, w.id DESC"), nil
	}
	// Red first, then the longest overdue.
	return q.OrderExpr("w.level = 'red' DESC, w.due_at, w.id"), nil
}

// Warnings lists the warnings p may see, a page at a time: open ones red
// first and the longest overdue first; cleared ones latest first.
func (s *Service) Warnings(ctx context.Context, p *authz.Principal, f WarningFilter) ([]WarningView, int, error) {
	q, err := s.warningQuery(s.DB, p, f)
	if err != nil {
		return nil, 0, err
	}
	size := f.PageSize
	if size == 0 {
		size = 50
	}
	page := max(f.Page, 1)
	out := []WarningView{}
	n, err := q.Limit(int64(size)).Offset(int64((page-1)*size)).ScanAndCount(ctx, &out)
	if err != nil {
		return nil, 0, fmt.Errorf("warnings: %w", err)
	}
	return out, int(n), nil
}

// maxWarningExportRows bounds an export of the warning list.
const maxWarningExportRows = 100000

// WarningsTable is the list p may see under f, whole (up to maxWarningExportRows),
// as an export table with headers and words in p's language.
func (s *Service) WarningsTable(ctx context.Context, p *authz.Principal, f WarningFilter) (export.Table, error) {
	q, err := s.warningQuery(s.DB, p, f)
	if err != nil {
		return export.Table{}, err
	}
	var rows []WarningView
	if err := q.Limit(maxWarningExportRows).Scan(ctx, &rows); err != nil {
		return export.Table{}, fmt.Errorf("warnings export: %w", err)
	}
	en := p.Language == identity.LangEN
	w := warningWords[identity.LangZH]
	if en {
		w = warningWords[identity.LangEN]
	}
	t := export.Table{Sheet: w["sheet"], Columns: strings.Split(w["columns"], "|")}
	for _, r := range rows {
		region := r.RegionZh
		if en {
			region = r.RegionEn
		}
		// A time limit ends at 24:00 of its last day, which is what is shown.
		lastDay := r.DueAt.Add(-time.Nanosecond).In(clock.Shanghai).Format(time.DateOnly)
		t.Rows = append(t.Rows, []any{w[r.Level], w[r.Rule], r.Code, r.Title, region, r.OwnerName, r.AgencyName,
			lastDay, r.RaisedAt, r.RedAt, r.ClearedAt})
	}
	return t, nil
}

// warningWords are the export's words, in both languages.
var warningWords = map[string]map[string]string{
	identity.LangZH: {
		"sheet":   "预警",
		"columns": "等级|规则|编号|事项|地区|项目业主|中介机构|期限（当日24时止）|预警时间|转红时间|解除时间",
		"yellow":  "黄色", "red": "红色",
		RuleDirectChoice:  "直接选取逾期",
		RuleRegistration:  "合同未按时登记",
		RuleMilestone:     "履约节点逾期",
		RuleAcceptance:    "验收延迟",
		RuleQualification: "资质即将到期",
	},
	identity.LangEN: {
		"sheet":   "Warnings",
		"columns": "Level|Rule|Code|Subject|Region|Owner|Agency|Due (end of day)|Raised|Red since|Cleared",
		"yellow":  "Yellow", "red": "Red",
		RuleDirectChoice:  "Direct choice overdue",
		RuleRegistration:  "Contract not registered in time",
		RuleMilestone:     "Milestone overdue",
		RuleAcceptance:    "Acceptance delayed",
		RuleQualification: "Qualification expiring",
	},
}

// WarningCountsFor counts the open warnings p may see.
func (s *Service) WarningCountsFor(ctx context.Context, p *authz.Principal) (*WarningCounts, error) {
	q, err := visible(s.DB.NewSelect().TableExpr("warnings AS w").
		ColumnExpr("count(*) FILTER (WHERE w.level = 'yellow') AS yellow, count(*) FILTER (WHERE w.level = 'red') AS red").
		Where("w.cleared_at IS NULL"), p)
	if err != nil {
		return nil, err
	}
	out := &WarningCounts{}
	if err := q.Scan(ctx, &out.Yellow, &out.Red); err != nil {
		return nil, fmt.Errorf("warning counts: %w", err)
	}
	return out, nil
}

// WarningRules lists the rules, in the order they are shown.
func (s *Service) WarningRules(ctx context.Context) ([]WarningRule, error) {
	rules, err := warningRules(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	out := make([]WarningRule, 0, len(Rules))
	for _, r := range Rules {
		out = append(out, rules[r])
	}
	return out, nil
}

// WarningRuleInput is the platform administrator's change of a rule.
type WarningRuleInput struct {
	Enabled              bool `json:"enabled"`
	DueWorkdays          int  `json:"dueWorkdays" minimum:"0" maximum:"60"`
	YellowBeforeWorkdays int  `json:"yellowBeforeWorkdays" minimum:"0" maximum:"60"`
	RedAfterWorkdays     int  `json:"redAfterWorkdays" minimum:"0" maximum:"60"`
}

// Validate checks the working days (also checked by the API's schema).
func (in WarningRuleInput) Validate(rule string) error {
	var f errs.Fields
	if rule == RuleAcceptance && in.DueWorkdays < 1 {
		f.Add("body.dueWorkdays", "review_workdays_required", "the owner's review takes at least 1 working day")
	}
	for _, c := range []struct {
		field string
		n     int
	}{{"body.dueWorkdays", in.DueWorkdays}, {"body.yellowBeforeWorkdays", in.YellowBeforeWorkdays}, {"body.redAfterWorkdays", in.RedAfterWorkdays}} {
		if c.n < 0 || c.n > 60 {
			f.Add(c.field, "workdays_range", "working days must be 0 to 60")
		}
	}
	return f.Err()
}

var errRuleNotFound = errs.New(errs.NotFound, "warning_rule_not_found", "no such warning rule")

// UpdateWarningRule changes a rule and evaluates every warning again with
// it, in the same transaction.
func (s *Service) UpdateWarningRule(ctx context.Context, actor *authz.Principal, rule string, in WarningRuleInput) (*WarningRule, error) {
	if err := in.Validate(rule); err != nil {
		return nil, err
	}
	out := &WarningRule{}
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		now, err := s.Clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		due := in.DueWorkdays
		if rule != RuleAcceptance {
			due = 0
		}
		err = tx.NewUpdate().Model(out).
			Set("enabled = ?, due_workdays = ?, yellow_before_workdays = ?, red_after_workdays = ?", in.Enabled, due, in.YellowBeforeWorkdays, in.RedAfterWorkdays).
			Set("updated_at = ?, updated_by = ?", now.Truncate(time.Microsecond), actor.UserID).
			Where("rule = ?", rule).Returning("*").Scan(ctx)
		if err := db.One(err, "update warning rule "+rule, errRuleNotFound); err != nil {
			return err
		}
		return s.SweepTx(ctx, tx)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
