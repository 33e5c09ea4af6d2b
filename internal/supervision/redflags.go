package supervision

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/audit"
	"intermart/internal/contract"
	"intermart/internal/procurement"
)

// Red flag kinds (风险提示). Each rule is in docs/redflags.md.
const (
	FlagSingleRegistrant   = "single_registrant"        // a selection made among one eligible registrant
	FlagConcentration      = "agency_concentration"     // one agency wins over 30 % of an item's awards in 12 months
	FlagPriceNearCeiling   = "price_near_ceiling"       // a price-competitive award at ≥ 95 % of the ceiling
	FlagIdenticalQuotes    = "identical_quotes"         // two or more opened quotes of the same amount
	FlagAbnormallyLowQuote = "abnormally_low_quote"     // a quote under the rules' abnormally-low percentage of the ceiling
	FlagDirectSplitting    = "direct_splitting"         // an owner's direct selections just under the limit, repeated
	FlagAmendmentIncrease  = "amendment_price_increase" // a confirmed amendment raising the price over the rules' percentage
	FlagLateDeliverable    = "late_deliverable"         // deliverables submitted after the milestone's due date
)

// FlagKinds lists every kind, in the order the UI shows them.
var FlagKinds = []string{FlagSingleRegistrant, FlagConcentration, FlagPriceNearCeiling, FlagIdenticalQuotes,
	FlagAbnormallyLowQuote, FlagDirectSplitting, FlagAmendmentIncrease, FlagLateDeliverable}

// RedFlag is a red flag as stored.
type RedFlag struct {
	bun.BaseModel `bun:"table:red_flags,alias:rf"`

	ID             int64          `bun:"id,pk,autoincrement"`
	Kind           string         `bun:"kind,notnull"`
	Subject        string         `bun:"subject,notnull"`
	AnnouncementID *int64         `bun:"announcement_id"`
	ContractID     *int64         `bun:"contract_id"`
	OwnerID        *int64         `bun:"owner_id"`
	AgencyID       *int64         `bun:"agency_id"`
	ItemID         *int64         `bun:"item_id"`
	RegionCode     *string        `bun:"region_code"`
	Title          string         `bun:"title,notnull"`
	Evidence       map[string]any `bun:"evidence,type:jsonb,notnull"`
	RaisedAt       time.Time      `bun:"raised_at,notnull"`
	UpdatedAt      time.Time      `bun:"updated_at,notnull"`
	ReviewedAt     *time.Time     `bun:"reviewed_at"`
	ReviewedBy     *int64         `bun:"reviewed_by"`
	ReviewNote     *string        `bun:"review_note"`
}

// WatchRedFlags registers the red flags' change hooks: every flag is
// raised in the transaction of the change that triggers it.
func (s *Service) WatchRedFlags() {
	s.Procurement.OnChange(s.procurementFlags)
	s.Contract.OnChange(s.contractFlags)
}

// chainID is the id of chain "kind:id".
func flagChainID(chain string) int64 {
	_, id, _ := strings.Cut(chain, ":")
	n, _ := strconv.ParseInt(id, 10, 64)
	return n
}

// eventField reads a numeric or text field of an event's After.
func flagEventField(after any, key string) string {
	b, err := json.Marshal(after)
	if err != nil {
		return ""
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return ""
	}
	switch v := m[key].(type) {
	case string:
		return v
	case float64:
		return strconv.FormatInt(int64(v), 10)
	}
	return ""
}

func flagPtr[T any](v T) *T { return &v }

// raise stores flag f, or, when a flag of its kind about its subject is
// still open, brings that one's evidence up to date.
func raiseFlag(ctx context.Context, idb bun.IDB, f *RedFlag) error {
	f.UpdatedAt = f.RaisedAt
	if f.Evidence == nil {
		f.Evidence = map[string]any{}
	}
	_, err := idb.NewInsert().Model(f).
		On("CONFLICT (kind, subject) WHERE reviewed_at IS NULL DO UPDATE").
		Set("evidence = EXCLUDED.evidence, title = EXCLUDED.title, updated_at = EXCLUDED.updated_at").
		Set("announcement_id = coalesce(EXCLUDED.announcement_id, rf.announcement_id)").
		Set("contract_id = coalesce(EXCLUDED.contract_id, rf.contract_id)").
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("raise %s flag on %s: %w", f.Kind, f.Subject, err)
	}
	return nil
}

// announcementFlag is a flag about announcement a.
func announcementFlag(kind string, a *procurement.IntegrityAnnouncement, at time.Time, evidence map[string]any) *RedFlag {
	evidence["announcementId"] = a.ID
	evidence["code"] = a.Code
	evidence["method"] = a.Method
	evidence["ceilingFen"] = a.CeilingFen
	return &RedFlag{Kind: kind, Subject: audit.Chain("announcement", a.ID), AnnouncementID: flagPtr(a.ID), OwnerID: flagPtr(a.OwnerID),
		ItemID: flagPtr(a.ItemID), RegionCode: flagPtr(a.RegionCode), Title: a.Title, Evidence: evidence, RaisedAt: at}
}

// procurementFlags raises the flags a procurement's change may trigger.
func (s *Service) procurementFlags(ctx context.Context, tx bun.IDB, e audit.Event) error {
	switch e.Action {
	case "announcement.close", "announcement.select", "announcement.award":
	default:
		return nil
	}
	a, err := procurement.IntegrityAnnouncementOf(ctx, tx, flagChainID(e.Chain))
	if err != nil {
		return err
	}
	switch e.Action {
	case "announcement.close":
		return quoteFlags(ctx, tx, a, e.At)
	case "announcement.select":
		if err := singleRegistrantFlag(ctx, tx, a, e.At); err != nil {
			return err
		}
		return splittingFlag(ctx, tx, a, e.At)
	default: // announcement.award
		if err := nearCeilingFlag(ctx, tx, a, e.At); err != nil {
			return err
		}
		return concentrationFlag(ctx, tx, a, e.At)
	}
}

// quoteFlags looks at the quotes opened at closing: identical amounts, and
// amounts under the abnormally-low percentage of the ceiling. It runs only
// after registration has closed (procurement.OpenedRegistrants returns
// nothing before), so no flag can tell anything of a sealed quote.
func quoteFlags(ctx context.Context, tx bun.IDB, a *procurement.IntegrityAnnouncement, at time.Time) error {
	if !procurement.UsesQuotes(a.Method) {
		return nil
	}
	regs, err := procurement.OpenedRegistrants(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	rules, err := procurement.CurrentRules(ctx, tx)
	if err != nil {
		return err
	}
	byQuote := map[int64][]procurement.OpenedRegistrant{}
	var low []procurement.OpenedRegistrant
	for _, r := range regs {
		if r.QuoteFen == nil {
			continue
		}
		byQuote[*r.QuoteFen] = append(byQuote[*r.QuoteFen], r)
		if *r.QuoteFen*100 < a.CeilingFen*int64(rules.AbnormalLowPercent) {
			low = append(low, r)
		}
	}
	var same []procurement.OpenedRegistrant
	for _, r := range regs {
		if r.QuoteFen != nil && len(byQuote[*r.QuoteFen]) > 1 {
			same = append(same, r)
		}
	}
	if len(same) > 0 {
		if err := raiseFlag(ctx, tx, announcementFlag(FlagIdenticalQuotes, a, at, map[string]any{"registrants": same})); err != nil {
			return err
		}
	}
	if len(low) > 0 {
		return raiseFlag(ctx, tx, announcementFlag(FlagAbnormallyLowQuote, a, at,
			map[string]any{"registrants": low, "abnormalLowPercent": rules.AbnormalLowPercent}))
	}
	return nil
}

// singleRegistrantFlag: a selection made when only one registrant was
// eligible, so there was no competition.
func singleRegistrantFlag(ctx context.Context, tx bun.IDB, a *procurement.IntegrityAnnouncement, at time.Time) error {
	regs, err := procurement.OpenedRegistrants(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	eligible := 0
	var agency int64
	for _, r := range regs {
		if r.Eligible {
			eligible++
			agency = r.AgencyID
		}
	}
	if eligible != 1 {
		return nil
	}
	f := announcementFlag(FlagSingleRegistrant, a, at, map[string]any{"registrants": len(regs), "eligible": eligible})
	f.AgencyID = flagPtr(agency)
	return raiseFlag(ctx, tx, f)
}

// splittingFlag: an owner's direct selection just under the direct
// selection limit, the second or later for the same item within the
// window: a purchase possibly split to stay under the limit.
func splittingFlag(ctx context.Context, tx bun.IDB, a *procurement.IntegrityAnnouncement, at time.Time) error {
	if a.Method != procurement.MethodDirect {
		return nil
	}
	rules, err := procurement.CurrentRules(ctx, tx)
	if err != nil {
		return err
	}
	set, err := CurrentRedFlagSettings(ctx, tx)
	if err != nil {
		return err
	}
	minCeiling := (rules.DirectLimitFen*int64(set.SplittingNearPercent) + 99) / 100
	if a.CeilingFen < minCeiling {
		return nil
	}
	list, err := procurement.DirectSelectionsFrom(ctx, tx, a.OwnerID, a.ItemID, minCeiling,
		at.AddDate(0, 0, -set.SplittingWindowDays), at)
	if err != nil {
		return err
	}
	if len(list) < set.SplittingMinCount {
		return nil
	}
	var total int64
	for _, d := range list {
		total += d.CeilingFen
	}
	f := announcementFlag(FlagDirectSplitting, a, at, map[string]any{"directSelections": list, "directLimitFen": rules.DirectLimitFen,
		"minCeilingFen": minCeiling, "nearPercent": set.SplittingNearPercent, "windowDays": set.SplittingWindowDays,
		"minCount": set.SplittingMinCount, "totalCeilingFen": total})
	f.Subject = fmt.Sprintf("owner:%d:item:%d", a.OwnerID, a.ItemID)
	return raiseFlag(ctx, tx, f)
}

// nearCeilingFlag: a lowest-price or comprehensive award whose deal price
// is at least the settings' near-ceiling percentage of the ceiling.
func nearCeilingFlag(ctx context.Context, tx bun.IDB, a *procurement.IntegrityAnnouncement, at time.Time) error {
	if !procurement.UsesQuotes(a.Method) {
		return nil
	}
	sel, err := procurement.CurrentSelection(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	if sel.DealPriceFen == nil {
		return nil
	}
	set, err := CurrentRedFlagSettings(ctx, tx)
	if err != nil {
		return err
	}
	if *sel.DealPriceFen*100 < a.CeilingFen*int64(set.NearCeilingPercent) {
		return nil
	}
	f := announcementFlag(FlagPriceNearCeiling, a, at, map[string]any{"selectionId": sel.ID, "dealPriceFen": *sel.DealPriceFen,
		"percentOfCeiling": *sel.DealPriceFen * 100 / a.CeilingFen, "nearCeilingPercent": set.NearCeilingPercent})
	f.AgencyID = flagPtr(sel.WinnerAgencyID)
	return raiseFlag(ctx, tx, f)
}

// hhi is the Herfindahl–Hirschman index of counts, 0–10000: the sum of the
// squared percentage shares, computed in integers.
func concentrationHHI(counts []int) int {
	total := 0
	for _, n := range counts {
		total += n
	}
	if total == 0 {
		return 0
	}
	var sum int64
	for _, n := range counts {
		sum += int64(n) * int64(n)
	}
	return int((sum*10000 + int64(total*total)/2) / int64(total*total))
}

// concentrationFlag: the winner of this award holds more than the
// settings' share of its item's awards in the twelve months up to now,
// among at least the settings' number of awards.
func concentrationFlag(ctx context.Context, tx bun.IDB, a *procurement.IntegrityAnnouncement, at time.Time) error {
	sel, err := procurement.CurrentSelection(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	from := at.AddDate(-1, 0, 0)
	rows, err := procurement.AwardsByItemAgency(ctx, tx, a.ItemID, from, at)
	if err != nil {
		return err
	}
	set, err := CurrentRedFlagSettings(ctx, tx)
	if err != nil {
		return err
	}
	total, won := 0, 0
	counts := make([]int, 0, len(rows))
	for _, r := range rows {
		total += r.Awards
		counts = append(counts, r.Awards)
		if r.AgencyID == sel.WinnerAgencyID {
			won = r.Awards
		}
	}
	if !set.concentrated(won, total) {
		return nil
	}
	f := announcementFlag(FlagConcentration, a, at, map[string]any{"awards": won, "itemAwards": total,
		"sharePermille": won * 1000 / total, "hhi": concentrationHHI(counts), "agencies": len(rows),
		"windowFrom": from, "windowTo": at, "sharePercent": set.ConcentrationSharePercent, "minAwards": set.ConcentrationMinAwards})
	f.Subject = fmt.Sprintf("item:%d:agency:%d", a.ItemID, sel.WinnerAgencyID)
	f.AgencyID = flagPtr(sel.WinnerAgencyID)
	return raiseFlag(ctx, tx, f)
}

// contractFlags raises the flags a contract's change may trigger.
func (s *Service) contractFlags(ctx context.Context, tx bun.IDB, e audit.Event) error {
	switch e.Action {
	case "contract.amendment_decide":
		if flagEventField(e.After, "status") != contract.AmendmentConfirmed {
			return nil
		}
		id, _ := strconv.ParseInt(flagEventField(e.After, "amendmentId"), 10, 64)
		return s.amendmentFlag(ctx, tx, id, e.At)
	case "submission.submit":
		id, _ := strconv.ParseInt(flagEventField(e.After, "submission"), 10, 64)
		return s.lateDeliverableFlag(ctx, tx, id, e.At)
	}
	return nil
}

// contractFlag is a flag about contract c.
func contractFlag(kind, subject string, c *contract.Contract, at time.Time, evidence map[string]any) *RedFlag {
	evidence["contractId"] = c.ID
	evidence["code"] = c.Code
	return &RedFlag{Kind: kind, Subject: subject, AnnouncementID: flagPtr(c.AnnouncementID), ContractID: flagPtr(c.ID),
		OwnerID: flagPtr(c.OwnerID), AgencyID: flagPtr(c.AgencyID), ItemID: flagPtr(c.ItemID), RegionCode: flagPtr(c.RegionCode),
		Title: c.Title, Evidence: evidence, RaisedAt: at}
}

// amendmentFlag: a confirmed amendment raising the price by more than the
// contract rules' price_increase_flag_percent.
func (s *Service) amendmentFlag(ctx context.Context, tx bun.IDB, id int64, at time.Time) error {
	am, err := contract.AmendmentOf(ctx, tx, id)
	if err != nil {
		return err
	}
	if am.Kind != contract.AmendPrice || am.OldPriceFen == nil || am.NewPriceFen == nil || *am.OldPriceFen <= 0 {
		return nil
	}
	rules, err := contract.CurrentRules(ctx, tx)
	if err != nil {
		return err
	}
	old, next := *am.OldPriceFen, *am.NewPriceFen
	if (next-old)*100 <= old*int64(rules.PriceIncreaseFlagPercent) {
		return nil
	}
	c, err := s.Contract.Get(ctx, tx, am.ContractID)
	if err != nil {
		return err
	}
	return raiseFlag(ctx, tx, contractFlag(FlagAmendmentIncrease, audit.Chain("amendment", am.ID), c, at, map[string]any{
		"amendmentId": am.ID, "oldPriceFen": old, "newPriceFen": next, "increasePermille": (next - old) * 1000 / old,
		"flagPercent": rules.PriceIncreaseFlagPercent, "reason": am.Reason}))
}

// lateDeliverableFlag: deliverables submitted after their milestone's due
// date (Asia/Shanghai calendar days).
func (s *Service) lateDeliverableFlag(ctx context.Context, tx bun.IDB, id int64, at time.Time) error {
	st, err := contract.SubmissionTimingOf(ctx, tx, id)
	if err != nil {
		return err
	}
	if st.DaysLate <= 0 {
		return nil
	}
	c, err := s.Contract.Get(ctx, tx, st.ContractID)
	if err != nil {
		return err
	}
	return raiseFlag(ctx, tx, contractFlag(FlagLateDeliverable, audit.Chain("milestone", st.MilestoneID), c, at, map[string]any{
		"submissionId": st.SubmissionID, "milestoneId": st.MilestoneID, "milestoneName": st.MilestoneName,
		"version": st.Version, "dueOn": st.DueOn, "submittedOn": st.SubmittedOn, "daysLate": st.DaysLate}))
}
