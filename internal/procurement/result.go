package procurement

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/db"
	"intermart/internal/draw"
	"intermart/internal/errs"
	"intermart/internal/identity"
)

var (
	errNotClosed = errs.New(errs.Conflict, "registration_not_closed", "registrants and quotes are sealed until registration closes")
)

// ResultRegistrant is a registrant as the published result shows it, once
// registration has closed: who, whether eligible, and for the price
// methods the opened quote and score.
type ResultRegistrant struct {
	RegistrationID   int64  `json:"registrationId"`
	AgencyID         int64  `json:"agencyId"`
	AgencyName       string `json:"agencyName"`
	CreditCode       string `json:"creditCode"`
	Eligible         bool   `json:"eligible"`
	IneligibleReason string `json:"ineligibleReason,omitempty"`
	QuoteFen         *int64 `json:"quoteFen,omitempty" doc:"The opened quote (lowest-price and comprehensive methods)"`
	PriceScore       *int   `json:"priceScore,omitempty" doc:"Comprehensive: lowest quote ÷ this quote × 100, in hundredths of a point"`
	Score            *int   `json:"score,omitempty" doc:"Comprehensive: the weighted score, in hundredths of a point"`
	Rank             *int   `json:"rank,omitempty"`
}

// ResultSelection is one selection of the announcement, current or voided.
type ResultSelection struct {
	ID                   int64      `json:"id"`
	Seq                  int        `json:"seq"`
	Status               string     `json:"status" enum:"in_publicity,voided,awarded"`
	WinnerRegistrationID int64      `json:"winnerRegistrationId"`
	WinnerName           string     `json:"winnerName"`
	WinnerCreditCode     string     `json:"winnerCreditCode"`
	DealPriceFen         *int64     `json:"dealPriceFen,omitempty"`
	Reason               string     `json:"reason,omitempty" doc:"The owner's reason for a direct choice"`
	SelectedAt           time.Time  `json:"selectedAt"`
	PublicityEndsAt      time.Time  `json:"publicityEndsAt"`
	VoidedAt             *time.Time `json:"voidedAt,omitempty"`
	Drawn                bool       `json:"drawn" doc:"A draw (or a tie-break) decided it; see the draw document"`
}

// Weights are a comprehensive review's weights, percent.
type Weights struct {
	Price  int `json:"price"`
	Credit int `json:"credit"`
	Rating int `json:"rating"`
}

// Result is the published result of an announcement (公示), public once
// registration has closed.
type Result struct {
	AnnouncementID       int64              `json:"announcementId"`
	Code                 string             `json:"code"`
	Title                string             `json:"title"`
	Method               string             `json:"method" enum:"direct,random,lowest,comprehensive"`
	Status               string             `json:"status" enum:"draft,open,closed,failed,in_publicity,awarded,cancelled"`
	Round                int                `json:"round"`
	CeilingFen           int64              `json:"ceilingFen"`
	StatedPriceFen       *int64             `json:"statedPriceFen,omitempty"`
	Weights              *Weights           `json:"weights,omitempty"`
	ScoredComponents     []string           `json:"scoredComponents,omitempty" doc:"Comprehensive: the components that exist and were scored; the weight of a missing one is redistributed over these in proportion"`
	RegistrationDeadline time.Time          `json:"registrationDeadline"`
	ClosedAt             *time.Time         `json:"closedAt,omitempty"`
	ChooseBy             *time.Time         `json:"chooseBy,omitempty"`
	FailedAt             *time.Time         `json:"failedAt,omitempty"`
	FailReason           string             `json:"failReason,omitempty"`
	AwardedAt            *time.Time         `json:"awardedAt,omitempty"`
	Registrants          []ResultRegistrant `json:"registrants" nullable:"false"`
	Selections           []ResultSelection  `json:"selections" nullable:"false"`
	Actions              []string           `json:"actions" nullable:"false" doc:"What the caller may do: choose (the owner's direct choice)"`
}

// closedStates are the states in which registrants are public.
var closedStates = []string{StatusClosed, StatusFailed, StatusInPublicity, StatusAwarded}

func isClosed(status string) bool {
	for _, s := range closedStates {
		if s == status {
			return true
		}
	}
	return false
}

// NoticeResult is the public result of the announcement with code.
func (s *Service) NoticeResult(ctx context.Context, code string) (*Result, error) {
	a := new(Announcement)
	err := s.DB.NewSelect().Model(a).Where("a.code = ? AND a.status <> ?", code, StatusDraft).Scan(ctx)
	if err := db.One(err, "notice", errNoticeNotFound); err != nil {
		return nil, err
	}
	return s.result(ctx, s.DB, a)
}

// AnnouncementResult is NoticeResult by id, for the owner and regulators.
func (s *Service) AnnouncementResult(ctx context.Context, id int64) (*Result, error) {
	a := new(Announcement)
	err := s.DB.NewSelect().Model(a).Where("a.id = ? AND a.status <> ?", id, StatusDraft).Scan(ctx)
	if err := db.One(err, "announcement", errAnnouncementNotFound); err != nil {
		return nil, err
	}
	return s.result(ctx, s.DB, a)
}

func (s *Service) result(ctx context.Context, idb bun.IDB, a *Announcement) (*Result, error) {
	if !isClosed(a.Status) {
		return nil, errNotClosed
	}
	regs, err := registrants(ctx, idb, a.ID)
	if err != nil {
		return nil, err
	}
	var sels []Selection
	if err := idb.NewSelect().Model(&sels).Where("announcement_id = ?", a.ID).Order("seq").Scan(ctx); err != nil {
		return nil, fmt.Errorf("selections of announcement %d: %w", a.ID, err)
	}
	ids := make([]int64, 0, len(regs))
	for _, r := range regs {
		ids = append(ids, r.AgencyID)
	}
	names, err := identity.OrganisationNames(ctx, idb, ids)
	if err != nil {
		return nil, err
	}
	res := &Result{AnnouncementID: a.ID, Title: a.Title, Method: a.Method, Status: a.Status, Round: a.Round,
		CeilingFen: a.CeilingFen, StatedPriceFen: a.StatedPriceFen, RegistrationDeadline: *a.RegistrationDeadline,
		ClosedAt: a.ClosedAt, ChooseBy: a.ChooseBy, FailedAt: a.FailedAt, AwardedAt: a.AwardedAt,
		Registrants: []ResultRegistrant{}, Selections: []ResultSelection{}, Actions: []string{}}
	if a.Code != nil {
		res.Code = *a.Code
	}
	if a.FailReason != nil {
		res.FailReason = *a.FailReason
	}
	if a.Method == MethodComprehensive {
		w := Weights{}
		if a.WeightPrice != nil {
			w.Price = *a.WeightPrice
		}
		if a.WeightCredit != nil {
			w.Credit = *a.WeightCredit
		}
		if a.WeightRating != nil {
			w.Rating = *a.WeightRating
		}
		res.Weights = &w
		res.ScoredComponents = []string{"price"}
		if s.credit != nil && a.WeightCredit != nil {
			res.ScoredComponents = append(res.ScoredComponents, "credit")
		}
		if s.ratings != nil && a.WeightRating != nil {
			res.ScoredComponents = append(res.ScoredComponents, "rating")
		}
	}
	var lowest int64
	for _, r := range regs {
		if r.Eligible != nil && *r.Eligible && r.QuoteFen != nil && (lowest == 0 || *r.QuoteFen < lowest) {
			lowest = *r.QuoteFen
		}
	}
	byID := map[int64]closingRegistration{}
	for _, r := range regs {
		byID[r.ID] = r
		v := ResultRegistrant{RegistrationID: r.ID, AgencyID: r.AgencyID, AgencyName: names[r.AgencyID],
			CreditCode: r.creditCode, Eligible: r.Eligible != nil && *r.Eligible, Rank: r.Rank, Score: r.Score}
		if r.IneligibleReason != nil {
			v.IneligibleReason = *r.IneligibleReason
		}
		if UsesQuotes(a.Method) {
			v.QuoteFen = r.QuoteFen
		}
		if a.Method == MethodComprehensive && v.Eligible && r.QuoteFen != nil && lowest > 0 {
			ps := priceScore(lowest, *r.QuoteFen)
			v.PriceScore = &ps
		}
		res.Registrants = append(res.Registrants, v)
	}
	for _, sel := range sels {
		w := byID[sel.WinnerID]
		v := ResultSelection{ID: sel.ID, Seq: sel.Seq, Status: sel.Status, WinnerRegistrationID: sel.WinnerID,
			WinnerName: names[w.AgencyID], WinnerCreditCode: w.creditCode, DealPriceFen: sel.DealPriceFen,
			SelectedAt: sel.SelectedAt, PublicityEndsAt: sel.PublicityEndsAt, VoidedAt: sel.VoidedAt, Drawn: sel.DrawSecret != nil}
		if sel.Reason != nil {
			v.Reason = *sel.Reason
		}
		res.Selections = append(res.Selections, v)
	}
	if a.Status == StatusClosed && a.Method == MethodDirect && authz.May(ctx, "procurement.choose", a.OwnerID) {
		if p := authz.PrincipalFrom(ctx); p != nil && p.OrgID == a.OwnerID {
			res.Actions = append(res.Actions, "choose")
		}
	}
	return res, nil
}

// Registrations lists an announcement's registrants for its owner and the
// regulators, once registration has closed; before, it is refused.
func (s *Service) Registrations(ctx context.Context, id int64) ([]ResultRegistrant, error) {
	res, err := s.AnnouncementResult(ctx, id)
	if err != nil {
		return nil, err
	}
	return res.Registrants, nil
}

// NoticeDraw is the published draw of the announcement with code, in the
// draw-v1 document: the commitment from publication, and the secret,
// candidates and order once the draw (or the tie-break that decided the
// current selection) has been made.
func (s *Service) NoticeDraw(ctx context.Context, code string) (*draw.Public, error) {
	a := new(Announcement)
	err := s.DB.NewSelect().Model(a).Where("a.code = ? AND a.status <> ?", code, StatusDraft).Scan(ctx)
	if err := db.One(err, "notice", errNoticeNotFound); err != nil {
		return nil, err
	}
	var sels []Selection
	if err := s.DB.NewSelect().Model(&sels).Where("announcement_id = ? AND draw_secret IS NOT NULL", a.ID).
		OrderExpr("status = 'voided', seq DESC").Limit(1).Scan(ctx); err != nil {
		return nil, fmt.Errorf("draw of announcement %d: %w", a.ID, err)
	}
	if len(sels) == 0 {
		p := drawPublic(a, nil, 0)
		return &p, nil
	}
	sel := &sels[0]
	tieRank := 0
	if a.Method != MethodRandom {
		regs, err := registrants(ctx, s.DB, a.ID)
		if err != nil {
			return nil, err
		}
		inDraw := map[string]bool{}
		for _, c := range sel.DrawCandidates {
			inDraw[c] = true
		}
		for _, r := range regs {
			if inDraw[r.creditCode] && r.Rank != nil {
				// The tie starts at the best rank among the tied.
				if tieRank == 0 {
					tieRank = *r.Rank
				}
				tieRank = min(tieRank, *r.Rank)
			}
		}
	}
	p := drawPublic(a, sel, tieRank)
	return &p, nil
}
