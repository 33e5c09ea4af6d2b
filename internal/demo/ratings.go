package demo

import (
	"context"

	"intermart/internal/contract"
)

// LoadRatings completes two of the demo contracts, rates one of them both
// ways and leaves the other to be rated, and computes every agency's credit
// score (see contract.Service.SeedRatingDemo).
func LoadRatings(ctx context.Context, svc *contract.Service) error {
	return svc.SeedRatingDemo(ctx)
}
