package contract

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"intermart/internal/agency"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/identity"
	"intermart/internal/jobs"
)

// The credit score formula, credit-v1 (docs/credit.md). Every figure is in
// hundredths of a point, integer arithmetic throughout.
const (
	CreditFormula = "credit-v1"
	// CreditAssessmentMax is the regulator assessment's share: 70 points.
	// No assessment is recorded on the platform yet, so an agency has it in
	// full; the supervision issue's assessments will lower it.
	CreditAssessmentMax = 7000
	// CreditBehaviourMax is on-time delivery's share: 10 points.
	CreditBehaviourMax = 1000
	// CreditRatingsMax is the owners' ratings' share: 20 points.
	CreditRatingsMax = 2000
	// CreditRatingsNeutral is the ratings' share of an agency nobody has
	// rated yet: as if rated 3 of 5.
	CreditRatingsNeutral = CreditRatingsMax * 3 / 5
	// CreditSuspension and CreditBlacklist are deducted for each sanction
	// that started within CreditSanctionYears and was not lifted early.
	CreditSuspension    = 1000
	CreditBlacklist     = 3000
	CreditSanctionYears = 3
	// PastRatingNeutral is the comprehensive method's rating component of
	// an agency nobody has rated yet (3 of 5).
	PastRatingNeutral = 6000
)

// CreditBreakdown is how a credit score is made up (docs/credit.md).
type CreditBreakdown struct {
	Formula string `json:"formula" doc:"The formula's version"`
	// Assessment is the regulator assessment, of CreditAssessmentMax.
	Assessment int `json:"assessment" doc:"Regulator assessment, of 7000 (70 points)"`
	// Behaviour is on-time delivery, of CreditBehaviourMax.
	Behaviour          int `json:"behaviour" doc:"Platform behaviour (on-time completion), of 1000 (10 points)"`
	ContractsCompleted int `json:"contractsCompleted"`
	ContractsOnTime    int `json:"contractsOnTime"`
	// Ratings is the owners' ratings, of CreditRatingsMax.
	Ratings     int `json:"ratings" doc:"Owners' ratings, of 2000 (20 points)"`
	RatingCount int `json:"ratingCount"`
	RatingSum   int `json:"ratingSum" doc:"Sum of every dimension of every rating"`
	// Sanctions and Complaints are deducted.
	Sanctions        int `json:"sanctions" doc:"Deducted for sanctions of the last three years not lifted early"`
	Suspensions      int `json:"suspensions"`
	Blacklistings    int `json:"blacklistings"`
	Complaints       int `json:"complaints" doc:"Deducted for complaints upheld against the agency in the last three years"`
	UpheldComplaints int `json:"upheldComplaints"`
}

// CreditView is an agency's public credit score with its breakdown and its
// rating averages.
type CreditView struct {
	AgencyID   int64               `json:"agencyId"`
	Score      int                 `json:"score" doc:"Hundredths of a point, 0–10000 (8430 = 84.30)"`
	Breakdown  CreditBreakdown     `json:"breakdown"`
	ComputedAt time.Time           `json:"computedAt"`
	Ratings    AgencyRatingSummary `json:"ratings"`
}

// creditInputs are the facts of one agency the formula reads.
type creditInputs struct {
	completed, onTime      int
	ratingCount, ratingSum int
	suspensions, blacklist int
	upheldComplaints       int
}

// creditScore applies credit-v1 to the inputs.
func creditScore(in creditInputs) (int, CreditBreakdown) {
	b := CreditBreakdown{Formula: CreditFormula, Assessment: CreditAssessmentMax,
		ContractsCompleted: in.completed, ContractsOnTime: in.onTime, RatingCount: in.ratingCount, RatingSum: in.ratingSum,
		Suspensions: in.suspensions, Blacklistings: in.blacklist, UpheldComplaints: in.upheldComplaints}
	b.Behaviour = CreditBehaviourMax
	if in.completed > 0 {
		b.Behaviour = CreditBehaviourMax * in.onTime / in.completed
	}
	b.Ratings = CreditRatingsNeutral
	if in.ratingCount > 0 {
		b.Ratings = CreditRatingsMax * in.ratingSum / (25 * in.ratingCount)
	}
	b.Sanctions = in.suspensions*CreditSuspension + in.blacklist*CreditBlacklist
	b.Complaints = in.upheldComplaints * CreditComplaint
	score := b.Assessment + b.Behaviour + b.Ratings - b.Sanctions - b.Complaints
	return min(max(score, 0), 10000), b
}

// gatherCredit reads the formula's inputs for the agencies at now.
func gatherCredit(ctx context.Context, idb bun.IDB, agencyIDs []int64, now time.Time) (map[int64]*creditInputs, error) {
	out := map[int64]*creditInputs{}
	for _, id := range agencyIDs {
		out[id] = &creditInputs{}
	}
	if len(agencyIDs) == 0 {
		return out, nil
	}
	var done []struct {
		AgencyID          int64
		Completed, OnTime int
	}
	// On time: completed on or before the due date, judged in Shanghai.
	err := idb.NewSelect().Model((*Contract)(nil)).
		ColumnExpr("agency_id, count(*) AS completed").
		ColumnExpr("count(*) FILTER (WHERE due_on IS NULL OR (completed_at AT TIME ZONE 'Asia/Shanghai')::date <= due_on) AS on_time").
		Where("agency_id IN (?)", bun.In(agencyIDs)).Where("status = ?", StatusCompleted).
		Group("agency_id").Scan(ctx, &done)
	if err != nil {
		return nil, fmt.Errorf("completed contracts: %w", err)
	}
	for _, d := range done {
		out[d.AgencyID].completed, out[d.AgencyID].onTime = d.Completed, d.OnTime
	}
	var rated []struct {
		AgencyID int64
		N, Sum   int
	}
	err = idb.NewSelect().Model((*AgencyRating)(nil)).
		ColumnExpr("agency_id, count(*) AS n, sum(quality + timeliness + attitude + fees + conduct) AS sum").
		Where("agency_id IN (?)", bun.In(agencyIDs)).Group("agency_id").Scan(ctx, &rated)
	if err != nil {
		return nil, fmt.Errorf("ratings of agencies: %w", err)
	}
	for _, r := range rated {
		out[r.AgencyID].ratingCount, out[r.AgencyID].ratingSum = r.N, r.Sum
	}
	upheld, err := upheldComplaints(ctx, idb, agencyIDs, now.AddDate(-CreditSanctionYears, 0, 0), now)
	if err != nil {
		return nil, err
	}
	for id, n := range upheld {
		out[id].upheldComplaints = n
	}
	sanctions, err := agency.SanctionsOf(ctx, idb, agencyIDs, now.AddDate(-CreditSanctionYears, 0, 0), now)
	if err != nil {
		return nil, err
	}
	for _, sn := range sanctions {
		if sn.LiftedAt != nil || sn.StartsAt.After(now) {
			continue
		}
		switch sn.Kind {
		case agency.Suspension:
			out[sn.OrganisationID].suspensions++
		case agency.Blacklist:
			out[sn.OrganisationID].blacklist++
		}
	}
	return out, nil
}

// RecomputeCredits computes and stores the credit scores of the agencies at
// now, in the caller's transaction, and returns them.
func RecomputeCredits(ctx context.Context, idb bun.IDB, agencyIDs []int64, now time.Time) (map[int64]*CreditScore, error) {
	inputs, err := gatherCredit(ctx, idb, agencyIDs, now)
	if err != nil {
		return nil, err
	}
	out := map[int64]*CreditScore{}
	for _, id := range agencyIDs {
		score, b := creditScore(*inputs[id])
		raw, err := json.Marshal(b)
		if err != nil {
			return nil, err
		}
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, err
		}
		cs := &CreditScore{AgencyID: id, Score: score, Breakdown: m, ComputedAt: now}
		_, err = idb.NewInsert().Model(cs).
			On("CONFLICT (agency_id) DO UPDATE").Set("score = EXCLUDED.score, breakdown = EXCLUDED.breakdown, computed_at = EXCLUDED.computed_at").
			Exec(ctx)
		if err != nil {
			return nil, fmt.Errorf("store credit score of agency %d: %w", id, err)
		}
		out[id] = cs
	}
	return out, nil
}

// RecomputeCredit computes and stores one agency's credit score.
func RecomputeCredit(ctx context.Context, idb bun.IDB, agencyID int64, now time.Time) (*CreditScore, error) {
	m, err := RecomputeCredits(ctx, idb, []int64{agencyID}, now)
	if err != nil {
		return nil, err
	}
	return m[agencyID], nil
}

// OnSanctionChanged recomputes the credit score of an agency whose sanction
// was imposed or lifted, in that transaction (agency.Service.OnSanctionChanged).
func OnSanctionChanged(ctx context.Context, idb bun.IDB, agencyID int64, now time.Time) error {
	_, err := RecomputeCredit(ctx, idb, agencyID, now)
	return err
}

// RecomputeAllCredits recomputes every agency's credit score at the
// marketplace clock's now: the periodic job, and the demo's seed.
func (s *Service) RecomputeAllCredits(ctx context.Context) (int, error) {
	n := 0
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		now, err := s.Clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		orgs, err := identity.Organisations(ctx, tx, identity.OrganisationFilter{Kind: "agency"})
		if err != nil {
			return err
		}
		ids := make([]int64, len(orgs))
		for i, o := range orgs {
			ids[i] = o.ID
		}
		_, err = RecomputeCredits(ctx, tx, ids, now)
		n = len(ids)
		return err
	})
	return n, err
}

// CreditScores gives the agencies' stored credit scores, computing (and
// storing) those not computed yet, in the caller's transaction: the
// comprehensive method's credit component (procurement.Service.CreditScores).
func (s *Service) CreditScores(ctx context.Context, idb bun.IDB, agencyIDs []int64) (map[int64]int, error) {
	out := map[int64]int{}
	if len(agencyIDs) == 0 {
		return out, nil
	}
	var stored []CreditScore
	if err := idb.NewSelect().Model(&stored).Where("agency_id IN (?)", bun.In(agencyIDs)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("credit scores: %w", err)
	}
	for _, cs := range stored {
		out[cs.AgencyID] = cs.Score
	}
	var missing []int64
	for _, id := range agencyIDs {
		if _, ok := out[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		now, err := s.Clock.Now(ctx, idb)
		if err != nil {
			return nil, err
		}
		computed, err := RecomputeCredits(ctx, idb, missing, now)
		if err != nil {
			return nil, err
		}
		for id, cs := range computed {
			out[id] = cs.Score
		}
	}
	return out, nil
}

// PastRatings gives the agencies' past ratings as the comprehensive
// method's rating component: the mean of every dimension of every rating,
// 1–5 mapped to 0–10000 as mean ÷ 5 (PastRatingNeutral with none yet).
func PastRatings(ctx context.Context, idb bun.IDB, agencyIDs []int64) (map[int64]int, error) {
	out := map[int64]int{}
	inputs, err := gatherRatings(ctx, idb, agencyIDs)
	if err != nil {
		return nil, err
	}
	for _, id := range agencyIDs {
		out[id] = PastRatingNeutral
		if r, ok := inputs[id]; ok && r.N > 0 {
			out[id] = 10000 * r.Sum / (25 * r.N)
		}
	}
	return out, nil
}

type ratingSum struct{ N, Sum int }

func gatherRatings(ctx context.Context, idb bun.IDB, agencyIDs []int64) (map[int64]ratingSum, error) {
	out := map[int64]ratingSum{}
	if len(agencyIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		AgencyID int64
		N, Sum   int
	}
	err := idb.NewSelect().Model((*AgencyRating)(nil)).
		ColumnExpr("agency_id, count(*) AS n, sum(quality + timeliness + attitude + fees + conduct) AS sum").
		Where("agency_id IN (?)", bun.In(agencyIDs)).Group("agency_id").Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("ratings of agencies: %w", err)
	}
	for _, r := range rows {
		out[r.AgencyID] = ratingSum{r.N, r.Sum}
	}
	return out, nil
}

var errAgencyNotFound = errs.New(errs.NotFound, "agency_not_found", "no such agency")

// Credit is agency id's public credit score, breakdown and rating averages;
// computed now if it never was.
func (s *Service) Credit(ctx context.Context, id int64) (*CreditView, error) {
	org, err := identity.FindOrganisation(ctx, s.DB, id, false)
	if errs.Is(err, errs.NotFound) || (err == nil && org.Kind != "agency") {
		return nil, errAgencyNotFound
	}
	if err != nil {
		return nil, err
	}
	cs := new(CreditScore)
	err = s.DB.NewSelect().Model(cs).Where("agency_id = ?", id).Scan(ctx)
	if db.IsNoRows(err) {
		err = s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			now, err := s.Clock.Now(ctx, tx)
			if err != nil {
				return err
			}
			cs, err = RecomputeCredit(ctx, tx, id, now)
			return err
		})
	}
	if err != nil {
		return nil, fmt.Errorf("credit score of agency %d: %w", id, err)
	}
	v := &CreditView{AgencyID: id, Score: cs.Score, ComputedAt: cs.ComputedAt}
	raw, err := json.Marshal(cs.Breakdown)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, &v.Breakdown); err != nil {
		return nil, err
	}
	ratings, err := AgencyRatings(ctx, s.DB, []int64{id})
	if err != nil {
		return nil, err
	}
	v.Ratings = ratings[id]
	return v, nil
}

// CreditArgs is the periodic recomputation of every credit score: sanctions
// leave the three-year window and end by themselves, and contracts complete,
// without an event of this capability's.
type CreditArgs struct{}

// Kind names the job.
func (CreditArgs) Kind() string { return "contract.credit" }

type creditWorker struct {
	river.WorkerDefaults[CreditArgs]
	svc *Service
}

func (w *creditWorker) Work(ctx context.Context, _ *river.Job[CreditArgs]) error {
	_, err := w.svc.RecomputeAllCredits(ctx)
	return err
}

// RegisterCreditJobs adds the hourly recomputation of the credit scores,
// run at start as well.
func RegisterCreditJobs(setup *jobs.Setup, svc *Service) {
	river.AddWorker(setup.Workers, &creditWorker{svc: svc})
	setup.Periodic = append(setup.Periodic, river.NewPeriodicJob(
		river.PeriodicInterval(time.Hour),
		func() (river.JobArgs, *river.InsertOpts) { return CreditArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true},
	))
}
