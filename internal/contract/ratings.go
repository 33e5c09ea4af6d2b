package contract

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/agency"
	"intermart/internal/audit"
	"intermart/internal/authz"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/identity"
)

// Notification kinds of ratings (agency.Notification).
const (
	NoticeAgencyRated = "agency_rated" // the owner rated the agency
	NoticeOwnerRated  = "owner_rated"  // the agency rated the owner
)

// Rating actions on a contract, as listed in RatingsView.Actions.
const (
	ActionRateAgency = "rateAgency"
	ActionRateOwner  = "rateOwner"
)

// AgencyRatingInput is the owner's rating of the agency: five dimensions,
// 1–5, and a comment.
type AgencyRatingInput struct {
	Quality    int    `json:"quality" doc:"服务质量, 1–5"`
	Timeliness int    `json:"timeliness" doc:"服务时效, 1–5"`
	Attitude   int    `json:"attitude" doc:"服务态度, 1–5"`
	Fees       int    `json:"fees" doc:"服务收费, 1–5"`
	Conduct    int    `json:"conduct" doc:"服务规范, 1–5"`
	Comment    string `json:"comment,omitempty" maxLength:"2000"`
}

// OwnerRatingInput is the agency's rating of the owner.
type OwnerRatingInput struct {
	Clarity     int    `json:"clarity" doc:"Clarity of the requirements, 1–5"`
	Cooperation int    `json:"cooperation" doc:"Cooperation, 1–5"`
	Payment     int    `json:"payment" doc:"Timely payment, 1–5"`
	Comment     string `json:"comment,omitempty" maxLength:"2000"`
}

// RatingsView is what a party or a regulator sees of a contract's ratings:
// both sides' ratings once given, the window, and what the caller may do.
type RatingsView struct {
	ContractID   int64              `json:"contractId"`
	Status       string             `json:"status"`
	OpensAt      *time.Time         `json:"opensAt,omitempty" doc:"Completion; ratings open then"`
	ClosesAt     *time.Time         `json:"closesAt,omitempty" doc:"The end of the rating window (rating_days calendar days after completion)"`
	AgencyRating *AgencyRatingInput `json:"agencyRating,omitempty" doc:"The owner's rating of the agency, once given"`
	AgencyRated  *time.Time         `json:"agencyRatedAt,omitempty"`
	OwnerRating  *OwnerRatingInput  `json:"ownerRating,omitempty" doc:"The agency's rating of the owner, once given"`
	OwnerRated   *time.Time         `json:"ownerRatedAt,omitempty"`
	OwnerSummary OwnerRatingSummary `json:"ownerSummary" doc:"The owner's averages over all its contracts"`
	Actions      []string           `json:"actions" enum:"rateAgency,rateOwner"`
}

// AgencyRatingSummary is an agency's public averages, in hundredths of a
// point (450 = 4.50), over all the ratings owners gave it.
type AgencyRatingSummary struct {
	Count      int `json:"count"`
	Quality    int `json:"quality"`
	Timeliness int `json:"timeliness"`
	Attitude   int `json:"attitude"`
	Fees       int `json:"fees"`
	Conduct    int `json:"conduct"`
	// Overall is the mean of all five dimensions.
	Overall int `json:"overall"`
}

// OwnerRatingSummary is an owner's averages, in hundredths of a point, over
// the ratings agencies gave it.
type OwnerRatingSummary struct {
	Count       int `json:"count"`
	Clarity     int `json:"clarity"`
	Cooperation int `json:"cooperation"`
	Payment     int `json:"payment"`
	Overall     int `json:"overall"`
}

var (
	errAlreadyRated = errs.New(errs.Conflict, "already_rated", "this side has already rated this contract; a rating is final")
	errNotCompleted = errs.New(errs.Conflict, "contract_not_completed", "ratings open when the contract is completed")
)

// ratingContract reads contract id for a rating, locked against a
// concurrent one, and the rules' window.
func ratingContract(ctx context.Context, idb bun.IDB, id int64, lock bool) (*Contract, error) {
	c := new(Contract)
	q := idb.NewSelect().Model(c).Where("c.id = ?", id)
	if lock {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); db.IsNoRows(err) {
		return nil, errContractNotFound
	} else if err != nil {
		return nil, fmt.Errorf("get contract %d: %w", id, err)
	}
	return c, nil
}

func ratingDays(ctx context.Context, idb bun.IDB) (int, error) {
	r := new(Rules)
	if err := idb.NewSelect().Model(r).Scan(ctx); err != nil {
		return 0, fmt.Errorf("contract rules: %w", err)
	}
	return r.RatingDays, nil
}

// ratingWindow is when ratings of c close, nil before completion.
func ratingWindow(c *Contract, days int) *time.Time {
	if c.Status != StatusCompleted || c.CompletedAt == nil {
		return nil
	}
	end := c.CompletedAt.AddDate(0, 0, days)
	return &end
}

// checkOpen refuses a rating of c at now: not completed (409), or the
// window closed (a field error on the body, reason rating_window_closed).
func checkOpen(c *Contract, days int, now time.Time) error {
	end := ratingWindow(c, days)
	if end == nil {
		return errNotCompleted
	}
	if now.After(*end) {
		return errs.Field("body", "rating_window_closed",
			fmt.Sprintf("ratings closed %d days after completion, on %s", days, end.UTC().Format(time.RFC3339)))
	}
	return nil
}

// checkScores adds a field error for every score outside 1–5.
func checkScores(f *errs.Fields, scores map[string]int) {
	for field, v := range scores {
		if v < 1 || v > 5 {
			f.Add("body."+field, "rating_range", "a rating is a whole number from 1 to 5")
		}
	}
}

// CheckComment refuses a comment over 2000 characters.
func checkComment(f *errs.Fields, comment string) {
	if len([]rune(comment)) > 2000 {
		f.Add("body.comment", "comment_too_long", "at most 2000 characters")
	}
}

// ContractAgency is the agency organisation of contract id (the scope of the
// owner's rating of it is the owner; of the agency's, the agency).
func (s *Service) ContractAgency(ctx context.Context, id int64) (int64, error) {
	c, err := ratingContract(ctx, s.DB, id, false)
	if err != nil {
		return 0, err
	}
	return c.AgencyID, nil
}

// ContractOwner is the owner organisation of contract id.
func (s *Service) ContractOwner(ctx context.Context, id int64) (int64, error) {
	c, err := ratingContract(ctx, s.DB, id, false)
	if err != nil {
		return 0, err
	}
	return c.OwnerID, nil
}

// RateAgency stores the owner's rating of the agency of contract id, once,
// while the window is open, and recomputes the agency's credit score in the
// same transaction. Casbin has checked that the caller is of the owner.
func (s *Service) RateAgency(ctx context.Context, p *authz.Principal, id int64, in AgencyRatingInput) (*RatingsView, error) {
	var f errs.Fields
	checkScores(&f, map[string]int{"quality": in.Quality, "timeliness": in.Timeliness, "attitude": in.Attitude,
		"fees": in.Fees, "conduct": in.Conduct})
	checkComment(&f, in.Comment)
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		c, err := ratingContract(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if p == nil || p.OrgID != c.OwnerID {
			return errContractNotFound
		}
		if err := f.Err(); err != nil {
			return err
		}
		now, days, err := s.nowAndDays(ctx, tx)
		if err != nil {
			return err
		}
		if err := checkOpen(c, days, now); err != nil {
			return err
		}
		r := &AgencyRating{ContractID: c.ID, AgencyID: c.AgencyID, Quality: in.Quality, Timeliness: in.Timeliness,
			Attitude: in.Attitude, Fees: in.Fees, Conduct: in.Conduct, Comment: strings.TrimSpace(in.Comment),
			RatedBy: p.UserID, CreatedAt: now}
		res, err := tx.NewInsert().Model(r).On("CONFLICT (contract_id) DO NOTHING").Exec(ctx)
		if err != nil {
			return fmt.Errorf("rate agency of contract %d: %w", c.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errAlreadyRated
		}
		if err := s.appendEvent(ctx, tx, audit.Event{Chain: chain(c.ID), At: now, ActorUser: p.UserID, ActorOrg: p.OrgID,
			Action: "contract.rate_agency", After: in}); err != nil {
			return err
		}
		if err := agency.Notify(ctx, tx, c.AgencyID, NoticeAgencyRated, ratingNotice(c, in.overall()), now); err != nil {
			return err
		}
		_, err = RecomputeCredit(ctx, tx, c.AgencyID, now)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.Ratings(ctx, p, id)
}

// RateOwner stores the agency's rating of the owner of contract id, once,
// while the window is open. Casbin has checked that the caller is of the
// agency.
func (s *Service) RateOwner(ctx context.Context, p *authz.Principal, id int64, in OwnerRatingInput) (*RatingsView, error) {
	var f errs.Fields
	checkScores(&f, map[string]int{"clarity": in.Clarity, "cooperation": in.Cooperation, "payment": in.Payment})
	checkComment(&f, in.Comment)
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		c, err := ratingContract(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if p == nil || p.OrgID != c.AgencyID {
			return errContractNotFound
		}
		if err := f.Err(); err != nil {
			return err
		}
		now, days, err := s.nowAndDays(ctx, tx)
		if err != nil {
			return err
		}
		if err := checkOpen(c, days, now); err != nil {
			return err
		}
		r := &OwnerRating{ContractID: c.ID, OwnerID: c.OwnerID, Clarity: in.Clarity, Cooperation: in.Cooperation,
			Payment: in.Payment, Comment: strings.TrimSpace(in.Comment), RatedBy: p.UserID, CreatedAt: now}
		res, err := tx.NewInsert().Model(r).On("CONFLICT (contract_id) DO NOTHING").Exec(ctx)
		if err != nil {
			return fmt.Errorf("rate owner of contract %d: %w", c.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errAlreadyRated
		}
		if err := s.appendEvent(ctx, tx, audit.Event{Chain: chain(c.ID), At: now, ActorUser: p.UserID, ActorOrg: p.OrgID,
			Action: "contract.rate_owner", After: in}); err != nil {
			return err
		}
		return agency.Notify(ctx, tx, c.OwnerID, NoticeOwnerRated, ratingNotice(c, (in.Clarity+in.Cooperation+in.Payment)*100/3), now)
	})
	if err != nil {
		return nil, err
	}
	return s.Ratings(ctx, p, id)
}

func (in AgencyRatingInput) overall() int {
	return (in.Quality + in.Timeliness + in.Attitude + in.Fees + in.Conduct) * 100 / 5
}

func ratingNotice(c *Contract, overall int) map[string]any {
	return map[string]any{"contractId": c.ID, "contractCode": c.Code, "title": c.Title, "overall": overall}
}

func (s *Service) nowAndDays(ctx context.Context, tx bun.IDB) (time.Time, int, error) {
	now, err := s.Clock.Now(ctx, tx)
	if err != nil {
		return time.Time{}, 0, err
	}
	days, err := ratingDays(ctx, tx)
	return now, days, err
}

// Ratings is contract id's ratings as the caller sees them: its parties and
// regulators; anyone else is told the contract does not exist.
func (s *Service) Ratings(ctx context.Context, p *authz.Principal, id int64) (*RatingsView, error) {
	c, err := ratingContract(ctx, s.DB, id, false)
	if err != nil {
		return nil, err
	}
	if p == nil || (p.OrgID != c.OwnerID && p.OrgID != c.AgencyID && p.Role != authz.Regulator) {
		return nil, errContractNotFound
	}
	now, days, err := s.nowAndDays(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	v := &RatingsView{ContractID: c.ID, Status: c.Status, OpensAt: c.CompletedAt, ClosesAt: ratingWindow(c, days), Actions: []string{}}
	ar := new(AgencyRating)
	if err := s.DB.NewSelect().Model(ar).Where("contract_id = ?", id).Scan(ctx); err == nil {
		v.AgencyRating = &AgencyRatingInput{Quality: ar.Quality, Timeliness: ar.Timeliness, Attitude: ar.Attitude,
			Fees: ar.Fees, Conduct: ar.Conduct, Comment: ar.Comment}
		v.AgencyRated = &ar.CreatedAt
	} else if !db.IsNoRows(err) {
		return nil, fmt.Errorf("agency rating of contract %d: %w", id, err)
	}
	or := new(OwnerRating)
	if err := s.DB.NewSelect().Model(or).Where("contract_id = ?", id).Scan(ctx); err == nil {
		v.OwnerRating = &OwnerRatingInput{Clarity: or.Clarity, Cooperation: or.Cooperation, Payment: or.Payment, Comment: or.Comment}
		v.OwnerRated = &or.CreatedAt
	} else if !db.IsNoRows(err) {
		return nil, fmt.Errorf("owner rating of contract %d: %w", id, err)
	}
	owners, err := OwnerRatings(ctx, s.DB, []int64{c.OwnerID})
	if err != nil {
		return nil, err
	}
	v.OwnerSummary = owners[c.OwnerID]
	open := checkOpen(c, days, now) == nil
	if open && v.AgencyRating == nil && p.OrgID == c.OwnerID && authz.May(ctx, "contract.rateAgency", c.OwnerID) {
		v.Actions = append(v.Actions, ActionRateAgency)
	}
	if open && v.OwnerRating == nil && p.OrgID == c.AgencyID && authz.May(ctx, "contract.rateOwner", c.AgencyID) {
		v.Actions = append(v.Actions, ActionRateOwner)
	}
	return v, nil
}

// AgencyRatings gives the agencies' averages over their ratings (absent:
// none yet), in the caller's transaction.
func AgencyRatings(ctx context.Context, idb bun.IDB, agencyIDs []int64) (map[int64]AgencyRatingSummary, error) {
	out := map[int64]AgencyRatingSummary{}
	if len(agencyIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		AgencyID                                        int64
		N, Quality, Timeliness, Attitude, Fees, Conduct int
	}
	err := idb.NewSelect().Model((*AgencyRating)(nil)).
		ColumnExpr("agency_id, count(*) AS n, sum(quality) AS quality, sum(timeliness) AS timeliness").
		ColumnExpr("sum(attitude) AS attitude, sum(fees) AS fees, sum(conduct) AS conduct").
		Where("agency_id IN (?)", bun.In(agencyIDs)).Group("agency_id").Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("agency ratings: %w", err)
	}
	for _, r := range rows {
		out[r.AgencyID] = AgencyRatingSummary{Count: r.N, Quality: r.Quality * 100 / r.N, Timeliness: r.Timeliness * 100 / r.N,
			Attitude: r.Attitude * 100 / r.N, Fees: r.Fees * 100 / r.N, Conduct: r.Conduct * 100 / r.N,
			Overall: (r.Quality + r.Timeliness + r.Attitude + r.Fees + r.Conduct) * 100 / (5 * r.N)}
	}
	return out, nil
}

// OwnerRatings gives the owners' averages over the agencies' ratings of
// them (zero counts where there are none), in the caller's transaction.
func OwnerRatings(ctx context.Context, idb bun.IDB, ownerIDs []int64) (map[int64]OwnerRatingSummary, error) {
	out := map[int64]OwnerRatingSummary{}
	if len(ownerIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		OwnerID                          int64
		N, Clarity, Cooperation, Payment int
	}
	err := idb.NewSelect().Model((*OwnerRating)(nil)).
		ColumnExpr("owner_id, count(*) AS n, sum(clarity) AS clarity, sum(cooperation) AS cooperation, sum(payment) AS payment").
		Where("owner_id IN (?)", bun.In(ownerIDs)).Group("owner_id").Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("owner ratings: %w", err)
	}
	for _, r := range rows {
		out[r.OwnerID] = OwnerRatingSummary{Count: r.N, Clarity: r.Clarity * 100 / r.N, Cooperation: r.Cooperation * 100 / r.N,
			Payment: r.Payment * 100 / r.N, Overall: (r.Clarity + r.Cooperation + r.Payment) * 100 / (3 * r.N)}
	}
	return out, nil
}

// SeedRatingDemo makes sure a demo contract is completed, as final
// acceptance would (the newest active one, when none is completed yet), and
// rates both ways every completed contract but the newest, which is left
// inside its window for the demo's users to rate. Then it computes every
// agency's credit score. Loading again changes nothing. It is for the demo
// data only.
func (s *Service) SeedRatingDemo(ctx context.Context) error {
	var completed []Contract
	if err := s.DB.NewSelect().Model(&completed).Where("c.status = ?", StatusCompleted).Order("c.id DESC").Scan(ctx); err != nil {
		return fmt.Errorf("demo completed contracts: %w", err)
	}
	if len(completed) == 0 {
		var active []Contract
		if err := s.DB.NewSelect().Model(&active).Where("c.status = ?", StatusActive).Order("c.id DESC").Scan(ctx); err != nil {
			return fmt.Errorf("demo active contracts: %w", err)
		}
		// The demo keeps an active contract for its users (and the
		// deliverables' browser test) to deliver on: with only one, the
		// contract awaiting confirmation is confirmed and completed instead.
		if len(active) < 2 {
			c, err := s.confirmDemoPending(ctx)
			if err != nil {
				return err
			}
			if c != nil {
				active = []Contract{*c}
			}
		}
		for i := range active[:min(len(active), 1)] {
			c := &active[i]
			err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
				now, err := s.Clock.Now(ctx, tx)
				if err != nil {
					return err
				}
				return s.Complete(ctx, tx, c, now)
			})
			if err != nil {
				return fmt.Errorf("complete demo contract %s: %w", c.Code, err)
			}
		}
	}
	for i := range completed {
		c := &completed[i]
		if i == 0 {
			continue
		}
		if err := s.seedRatings(ctx, c); err != nil {
			return err
		}
	}
	_, err := s.RecomputeAllCredits(ctx)
	return err
}

// confirmDemoPending confirms, as its counterparty, the oldest demo contract
// awaiting confirmation, and returns it (nil when there is none).
func (s *Service) confirmDemoPending(ctx context.Context) (*Contract, error) {
	var pending []Contract
	if err := s.DB.NewSelect().Model(&pending).Where("c.status = ?", StatusPendingConfirmation).Order("c.id").Limit(1).Scan(ctx); err != nil {
		return nil, fmt.Errorf("demo contracts awaiting confirmation: %w", err)
	}
	if len(pending) == 0 {
		return nil, nil
	}
	c := &pending[0]
	org, kind := c.OwnerID, identity.KindOwner
	if c.RegisteredByOrg != nil && *c.RegisteredByOrg == c.OwnerID {
		org, kind = c.AgencyID, identity.KindAgency
	}
	confirmer, err := s.demoUser(ctx, org, kind)
	if err != nil {
		return nil, err
	}
	if _, err := s.Confirm(ctx, confirmer, c.ID); err != nil {
		return nil, fmt.Errorf("confirm demo contract %s: %w", c.Code, err)
	}
	return s.Get(ctx, s.DB, c.ID)
}

// seedRatings rates demo contract c both ways where a side has not, while
// its window is open.
func (s *Service) seedRatings(ctx context.Context, c *Contract) error {
	v, err := s.Ratings(ctx, &authz.Principal{OrgID: c.OwnerID}, c.ID)
	if err != nil {
		return err
	}
	if v.ClosesAt == nil {
		return nil
	}
	now, err := s.Clock.Now(ctx, s.DB)
	if err != nil || now.After(*v.ClosesAt) {
		return err
	}
	if v.AgencyRating == nil {
		owner, err := s.demoUser(ctx, c.OwnerID, identity.KindOwner)
		if err != nil {
			return err
		}
		if _, err := s.RateAgency(ctx, owner, c.ID, AgencyRatingInput{Quality: 5, Timeliness: 4, Attitude: 5, Fees: 4,
			Conduct: 5, Comment: "报告内容完整，按期提交，沟通顺畅。"}); err != nil {
			return fmt.Errorf("demo rating of the agency of %s: %w", c.Code, err)
		}
	}
	if v.OwnerRating == nil {
		agencyUser, err := s.demoUser(ctx, c.AgencyID, identity.KindAgency)
		if err != nil {
			return err
		}
		if _, err := s.RateOwner(ctx, agencyUser, c.ID, OwnerRatingInput{Clarity: 4, Cooperation: 5, Payment: 4,
			Comment: "需求清楚，配合积极。"}); err != nil {
			return fmt.Errorf("demo rating of the owner of %s: %w", c.Code, err)
		}
	}
	return nil
}
