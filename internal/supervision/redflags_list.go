package supervision

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/audit"
	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/export"
	"intermart/internal/identity"
	"intermart/internal/procurement"
	"intermart/internal/web"
)

// RedFlagFilter narrows the red flag list.
type RedFlagFilter struct {
	Kind     string `query:"kind" enum:"single_registrant,agency_concentration,price_near_ceiling,identical_quotes,abnormally_low_quote,direct_splitting,amendment_price_increase,late_deliverable" doc:"Only flags of this kind"`
	Status   string `query:"status" enum:"open,reviewed" doc:"open: not yet reviewed; reviewed: marked reviewed; absent: both"`
	Page     int    `query:"page" minimum:"1" maximum:"100000" default:"1"`
	PageSize int    `query:"pageSize" minimum:"1" maximum:"100" default:"20"`
}

// RedFlagView is a red flag as a regulator sees it, with the names of those
// it concerns and the actions the caller may take.
type RedFlagView struct {
	ID             int64          `json:"id"`
	Kind           string         `json:"kind" enum:"single_registrant,agency_concentration,price_near_ceiling,identical_quotes,abnormally_low_quote,direct_splitting,amendment_price_increase,late_deliverable"`
	Subject        string         `json:"subject" doc:"What the flag is about, e.g. announcement:12 or item:3:agency:7"`
	AnnouncementID *int64         `json:"announcementId,omitempty"`
	ContractID     *int64         `json:"contractId,omitempty"`
	OwnerID        *int64         `json:"ownerId,omitempty"`
	OwnerName      string         `json:"ownerName"`
	AgencyID       *int64         `json:"agencyId,omitempty"`
	AgencyName     string         `json:"agencyName"`
	ItemID         *int64         `json:"itemId,omitempty"`
	ItemNameZH     string         `json:"itemNameZh"`
	ItemNameEN     string         `json:"itemNameEn"`
	RegionCode     string         `json:"regionCode"`
	Title          string         `json:"title"`
	Evidence       map[string]any `json:"evidence" doc:"The facts that raised the flag; amounts in fen (see docs/redflags.md)"`
	RaisedAt       time.Time      `json:"raisedAt"`
	UpdatedAt      time.Time      `json:"updatedAt"`
	ReviewedAt     *time.Time     `json:"reviewedAt,omitempty"`
	ReviewerName   string         `json:"reviewerName,omitempty"`
	ReviewNote     string         `json:"reviewNote,omitempty"`
	Actions        []string       `json:"actions" nullable:"false" doc:"review: the caller may mark it reviewed"`
}

// RedFlagReview is a regulator's review of a flag.
type RedFlagReview struct {
	Note string `json:"note" minLength:"1" maxLength:"2000" doc:"What was looked at and concluded"`
}

var errFlagNotFound = errs.New(errs.NotFound, "red_flag_not_found", "no such red flag")

// redFlagQuery is the flags matching f, newest first.
func (s *Service) redFlagQuery(idb bun.IDB, f RedFlagFilter) *bun.SelectQuery {
	q := idb.NewSelect().Model((*RedFlag)(nil))
	if f.Kind != "" {
		q = q.Where("rf.kind = ?", f.Kind)
	}
	switch f.Status {
	case "open":
		q = q.Where("rf.reviewed_at IS NULL")
	case "reviewed":
		q = q.Where("rf.reviewed_at IS NOT NULL")
	}
	return q.Order("rf.raised_at DESC", "rf.id DESC")
}

// RedFlags lists the red flags across the marketplace, a page at a time.
func (s *Service) RedFlags(ctx context.Context, f RedFlagFilter) (*web.List[RedFlagView], error) {
	if f.PageSize <= 0 {
		f.PageSize = 20
	}
	if f.Page <= 0 {
		f.Page = 1
	}
	var rows []RedFlag
	total, err := s.redFlagQuery(s.DB, f).Limit(int64(f.PageSize)).Offset(int64((f.Page-1)*f.PageSize)).ScanAndCount(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("red flags: %w", err)
	}
	views, err := s.describeFlags(ctx, s.DB, rows)
	if err != nil {
		return nil, err
	}
	for i := range views {
		if views[i].ReviewedAt == nil && authz.May(ctx, "supervision.reviewRedFlag", 0) {
			views[i].Actions = append(views[i].Actions, "review")
		}
	}
	return &web.List[RedFlagView]{Items: views, Total: int(total)}, nil
}

// describeFlags adds the names of the organisations and items.
func (s *Service) describeFlags(ctx context.Context, idb bun.IDB, rows []RedFlag) ([]RedFlagView, error) {
	var orgs, items []int64
	for _, r := range rows {
		for _, id := range []*int64{r.OwnerID, r.AgencyID} {
			if id != nil {
				orgs = append(orgs, *id)
			}
		}
		if r.ItemID != nil {
			items = append(items, *r.ItemID)
		}
	}
	names, err := identity.OrganisationNames(ctx, idb, orgs)
	if err != nil {
		return nil, err
	}
	itemNames, err := catalog.ItemSummaries(ctx, idb, items)
	if err != nil {
		return nil, err
	}
	var reviewers []int64
	for _, r := range rows {
		if r.ReviewedBy != nil {
			reviewers = append(reviewers, *r.ReviewedBy)
		}
	}
	users, err := identity.Actors(ctx, idb, reviewers)
	if err != nil {
		return nil, err
	}
	out := make([]RedFlagView, len(rows))
	for i, r := range rows {
		v := RedFlagView{ID: r.ID, Kind: r.Kind, Subject: r.Subject, AnnouncementID: r.AnnouncementID, ContractID: r.ContractID,
			OwnerID: r.OwnerID, AgencyID: r.AgencyID, ItemID: r.ItemID, Title: r.Title, Evidence: r.Evidence,
			RaisedAt: r.RaisedAt, UpdatedAt: r.UpdatedAt, ReviewedAt: r.ReviewedAt, Actions: []string{}}
		if r.OwnerID != nil {
			v.OwnerName = names[*r.OwnerID]
		}
		if r.AgencyID != nil {
			v.AgencyName = names[*r.AgencyID]
		}
		if r.ItemID != nil {
			v.ItemNameZH, v.ItemNameEN = itemNames[*r.ItemID].NameZH, itemNames[*r.ItemID].NameEN
		}
		if r.RegionCode != nil {
			v.RegionCode = *r.RegionCode
		}
		if r.ReviewedBy != nil {
			v.ReviewerName = users[*r.ReviewedBy].DisplayName
		}
		if r.ReviewNote != nil {
			v.ReviewNote = *r.ReviewNote
		}
		out[i] = v
	}
	return out, nil
}

// ReviewRedFlag marks flag id reviewed by regulator p with a note, once.
// The review is recorded in the flag's own audit chain (red_flag:<id>).
func (s *Service) ReviewRedFlag(ctx context.Context, p *authz.Principal, id int64, in RedFlagReview) (*RedFlagView, error) {
	note := strings.TrimSpace(in.Note)
	if note == "" {
		return nil, errs.Field("body.note", "required", "a note is required")
	}
	var out *RedFlagView
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		f := new(RedFlag)
		if err := tx.NewSelect().Model(f).Where("rf.id = ?", id).For("UPDATE").Scan(ctx); err != nil {
			return db.One(err, "red flag", errFlagNotFound)
		}
		if f.ReviewedAt != nil {
			return errs.New(errs.Conflict, "red_flag_reviewed", "the red flag has already been reviewed")
		}
		now, err := s.Clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		f.ReviewedAt, f.ReviewedBy, f.ReviewNote = &now, &p.UserID, &note
		if _, err := tx.NewUpdate().Model(f).Column("reviewed_at", "reviewed_by", "review_note").WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("review red flag %d: %w", id, err)
		}
		if err := audit.Append(ctx, tx, audit.Event{Chain: audit.Chain("red_flag", id), At: now, ActorUser: p.UserID, ActorOrg: p.OrgID,
			Action: "red_flag.review", Before: map[string]any{"kind": f.Kind, "subject": f.Subject},
			After: map[string]any{"note": note}}); err != nil {
			return err
		}
		views, err := s.describeFlags(ctx, tx, []RedFlag{*f})
		if err != nil {
			return err
		}
		out = &views[0]
		return nil
	})
	return out, err
}

// redFlagExportLimit caps an export; the list is meant to be worked through, and a
// year of flags stays well under it.
const redFlagExportLimit = 50000

// RedFlagTable is the list f (every page, up to redFlagExportLimit) as exported
// to Excel and CSV, its headings in the caller's language.
func (s *Service) RedFlagTable(ctx context.Context, p *authz.Principal, f RedFlagFilter) (export.Table, error) {
	var rows []RedFlag
	if err := s.redFlagQuery(s.DB, f).Limit(redFlagExportLimit).Scan(ctx, &rows); err != nil {
		return export.Table{}, fmt.Errorf("red flags: %w", err)
	}
	views, err := s.describeFlags(ctx, s.DB, rows)
	if err != nil {
		return export.Table{}, err
	}
	en := p != nil && strings.HasPrefix(p.Language, "en")
	t := export.Table{Sheet: "风险提示", Columns: []string{"编号", "类型", "标题", "编码", "采购人", "中介机构", "服务事项", "区划",
		"提示时间", "状态", "复核时间", "复核人", "复核意见", "依据"}}
	if en {
		t.Sheet, t.Columns = "Red flags", []string{"ID", "Kind", "Title", "Code", "Owner", "Agency", "Service item", "Region",
			"Raised", "Status", "Reviewed", "Reviewer", "Review note", "Evidence"}
	}
	for _, v := range views {
		kind, status, item := flagKindZH[v.Kind], "待复核", v.ItemNameZH
		if v.ReviewedAt != nil {
			status = "已复核"
		}
		if en {
			kind, status, item = strings.ReplaceAll(v.Kind, "_", " "), "open", v.ItemNameEN
			if v.ReviewedAt != nil {
				status = "reviewed"
			}
		}
		code, _ := v.Evidence["code"].(string)
		t.Rows = append(t.Rows, []any{v.ID, kind, v.Title, code, v.OwnerName, v.AgencyName, item, v.RegionCode,
			v.RaisedAt, status, v.ReviewedAt, v.ReviewerName, v.ReviewNote, flagEvidenceText(v.Evidence)})
	}
	return t, nil
}

// flagKindZH names each kind in Chinese for the exports.
var flagKindZH = map[string]string{
	FlagSingleRegistrant:   "仅一家有效报名",
	FlagConcentration:      "中标集中度过高",
	FlagPriceNearCeiling:   "成交价接近最高限价",
	FlagIdenticalQuotes:    "报价雷同",
	FlagAbnormallyLowQuote: "异常低价",
	FlagDirectSplitting:    "疑似拆分直接选取",
	FlagAmendmentIncrease:  "变更大幅提高价格",
	FlagLateDeliverable:    "成果逾期提交",
}

// flagEvidenceText is the evidence as compact JSON, for the export's last
// column (amounts stay in fen there, as stored).
func flagEvidenceText(m map[string]any) string {
	b, err := json.Marshal(m)
	if err != nil {
		return ""
	}
	return string(b)
}

// ItemConcentration is the concentration of one service item's awards in
// the twelve months up to now: the Herfindahl–Hirschman index (HHI, 0–10000)
// of the winners' shares by number of awards, and the largest share.
type ItemConcentration struct {
	ItemID        int64  `json:"itemId"`
	ItemNameZH    string `json:"itemNameZh"`
	ItemNameEN    string `json:"itemNameEn"`
	Awards        int    `json:"awards"`
	Agencies      int    `json:"agencies" doc:"Distinct winning agencies"`
	HHI           int    `json:"hhi" minimum:"0" maximum:"10000"`
	TopAgencyID   int64  `json:"topAgencyId"`
	TopAgencyName string `json:"topAgencyName"`
	TopAwards     int    `json:"topAwards"`
	// TopSharePermille is the top agency's share of the awards in ‰.
	TopSharePermille int  `json:"topSharePermille" minimum:"0" maximum:"1000"`
	Flagged          bool `json:"flagged" doc:"The top agency's share is over the red flag settings' percentage (30 % by default) among at least their number of awards (5 by default)"`
}

// ItemConcentrations lists every service item with awards in the twelve months
// up to now by the marketplace clock, most concentrated first.
func (s *Service) ItemConcentrations(ctx context.Context) ([]ItemConcentration, error) {
	now, err := s.Clock.Now(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	rows, err := procurement.AwardsByItemAgency(ctx, s.DB, 0, now.AddDate(-1, 0, 0), now)
	if err != nil {
		return nil, err
	}
	set, err := CurrentRedFlagSettings(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	byItem := map[int64][]procurement.ItemAgencyAwards{}
	var items, orgs []int64
	for _, r := range rows {
		if byItem[r.ItemID] == nil {
			items = append(items, r.ItemID)
		}
		byItem[r.ItemID] = append(byItem[r.ItemID], r)
		orgs = append(orgs, r.AgencyID)
	}
	names, err := identity.OrganisationNames(ctx, s.DB, orgs)
	if err != nil {
		return nil, err
	}
	itemNames, err := catalog.ItemSummaries(ctx, s.DB, items)
	if err != nil {
		return nil, err
	}
	out := make([]ItemConcentration, 0, len(items))
	for _, id := range items {
		list := byItem[id] // most awards first
		c := ItemConcentration{ItemID: id, ItemNameZH: itemNames[id].NameZH, ItemNameEN: itemNames[id].NameEN,
			Agencies: len(list), TopAgencyID: list[0].AgencyID, TopAgencyName: names[list[0].AgencyID], TopAwards: list[0].Awards}
		counts := make([]int, len(list))
		for i, r := range list {
			counts[i] = r.Awards
			c.Awards += r.Awards
		}
		c.HHI = concentrationHHI(counts)
		c.TopSharePermille = c.TopAwards * 1000 / c.Awards
		c.Flagged = set.concentrated(c.TopAwards, c.Awards)
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].HHI > out[j].HHI })
	return out, nil
}
