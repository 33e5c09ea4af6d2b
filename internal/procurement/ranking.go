package procurement

import (
	"context"

	"fmt"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/draw"
)

// Scores are integers in hundredths of a point (0–10000): no floating
// point decides a winner.
const fullScore = 10000

// entrant is an eligible registrant as the selection ranks it.
type entrant struct {
	reg   *Registration
	code  string // the agency's unified social credit code, its draw-v1 candidate
	quote int64  // fen; 0 for the methods without quotes
	score int    // comprehensive: the weighted score; lowest: 0
	// credit and rating are the comprehensive method's other components
	// (0–10000), nil where the agency has none.
	credit, rating *int
	// fixed is the comprehensive score stored at closing, which a
	// reselection keeps rather than recomputing with newer scores.
	fixed *int
}

// ranked is the outcome of applying a method: the entrants in rank order
// (the first is selected, the next would be on a reselection) and, for each
// registration decided by a draw, the published draw that decided it.
type ranked struct {
	order []*entrant
	draws map[int64]draw.Public
}

// priceScore is the price component: the lowest valid quote ÷ this quote ×
// 100 points, in hundredths, rounded down.
func priceScore(lowest, quote int64) int {
	return int(lowest * fullScore / quote)
}

// comprehensiveScore weighs the components that exist. Credit scores and
// past ratings come from the contract capability (CreditScores,
// PastRatings); a missing component's weight is redistributed over the
// present ones in proportion
// (so with price alone the score is the price score). With no weight on a
// present component every entrant scores 0 and the draw decides.
func comprehensiveScore(a *Announcement, price int, credit, rating *int) int {
	num, den := 0, 0
	add := func(weight *int, s *int) {
		if weight == nil || s == nil {
			return
		}
		num += *weight * *s
		den += *weight
	}
	add(a.WeightPrice, &price)
	add(a.WeightCredit, credit)
	add(a.WeightRating, rating)
	if den == 0 {
		return 0
	}
	return num / den
}

// rank applies the announcement's method to its eligible entrants with the
// draw secret. Random: the draw-v1 order of all entrants. Lowest price:
// ascending quote. Comprehensive: descending score. Entrants tied on the
// price methods are ordered by a draw-v1 tie-break at the rank the tie
// starts (draw.TieBreak), published like the draw.
func rank(a *Announcement, entrants []*entrant, secret []byte, at time.Time) (*ranked, error) {
	code := ""
	if a.Code != nil {
		code = *a.Code
	}
	out := &ranked{draws: map[int64]draw.Public{}}
	byCode := map[string]*entrant{}
	codes := make([]string, len(entrants))
	for i, e := range entrants {
		byCode[e.code] = e
		codes[i] = e.code
	}
	if a.Method == MethodRandom {
		pub, err := draw.Publish(secret, code, 0, codes, at)
		if err != nil {
			return nil, fmt.Errorf("draw of announcement %d: %w", a.ID, err)
		}
		for _, c := range pub.Order {
			out.order = append(out.order, byCode[c])
			out.draws[byCode[c].reg.ID] = pub
		}
		return out, nil
	}
	if a.Method == MethodComprehensive {
		lowest := entrants[0].quote
		for _, e := range entrants {
			lowest = min(lowest, e.quote)
		}
		for _, e := range entrants {
			if e.fixed != nil {
				e.score = *e.fixed
				continue
			}
			e.score = comprehensiveScore(a, priceScore(lowest, e.quote), e.credit, e.rating)
		}
	}
	// better orders by the method's measure alone; equal ones are tied.
	better := func(x, y *entrant) int {
		if a.Method == MethodComprehensive && x.score != y.score {
			return y.score - x.score
		}
		switch {
		case x.quote < y.quote:
			return -1
		case x.quote > y.quote:
			return 1
		}
		return 0
	}
	sorted := slices.Clone(entrants)
	slices.SortFunc(sorted, func(x, y *entrant) int {
		if c := better(x, y); c != 0 {
			return c
		}
		return compareStrings(x.code, y.code)
	})
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && better(sorted[i], sorted[j]) == 0 {
			j++
		}
		if j-i == 1 {
			out.order = append(out.order, sorted[i])
			i = j
			continue
		}
		tied := make([]string, 0, j-i)
		for _, e := range sorted[i:j] {
			tied = append(tied, e.code)
		}
		pub, err := draw.Publish(secret, code, i+1, tied, at)
		if err != nil {
			return nil, fmt.Errorf("tie-break of announcement %d at rank %d: %w", a.ID, i+1, err)
		}
		for _, c := range pub.Order {
			out.order = append(out.order, byCode[c])
			out.draws[byCode[c].reg.ID] = pub
		}
		i = j
	}
	return out, nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// withScores gives the comprehensive method's entrants their credit scores
// and past ratings, where the hooks are wired.
func (s *Service) withScores(ctx context.Context, idb bun.IDB, a *Announcement, entrants []*entrant) error {
	if a.Method != MethodComprehensive || len(entrants) == 0 {
		return nil
	}
	ids := make([]int64, len(entrants))
	for i, e := range entrants {
		ids[i] = e.reg.AgencyID
	}
	for _, c := range []struct {
		weight *int
		hook   AgencyScores
		set    func(e *entrant, v int)
	}{
		{a.WeightCredit, s.credit, func(e *entrant, v int) { e.credit = &v }},
		{a.WeightRating, s.ratings, func(e *entrant, v int) { e.rating = &v }},
	} {
		if c.weight == nil || c.hook == nil {
			continue
		}
		scores, err := c.hook(ctx, idb, ids)
		if err != nil {
			return fmt.Errorf("scores of the entrants of announcement %d: %w", a.ID, err)
		}
		for _, e := range entrants {
			if v, ok := scores[e.reg.AgencyID]; ok {
				c.set(e, min(max(v, 0), fullScore))
			}
		}
	}
	return nil
}
