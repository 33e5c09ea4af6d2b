package procurement

import (
	"context"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/uptrace/bun"

	"intermart/internal/agency"
	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/files"
	"intermart/internal/identity"
	"intermart/internal/jobs"
	"intermart/internal/seal"
)

// Deps are what the procurement capability is built from: the capabilities
// below it, which it calls inside its own transactions, and the
// infrastructure it uses.
type Deps struct {
	DB *bun.DB
	// Pool is the same connections as DB without database/sql: the public
	// notice list, the busiest read, goes through it (see Notices).
	Pool     *pgxpool.Pool
	Identity *identity.Service
	Catalog  *catalog.Service
	Agency   *agency.Service
	Files    *files.Service
	Clock    clock.Clock
	// Queue schedules the deadline jobs in the transaction that sets the deadline.
	Queue jobs.Inserter
	// Sealer seals the draw's secret (and the quotes) per announcement.
	Sealer *seal.Sealer
	// OCIDPrefix starts every announcement's ocid (INTERMART_OCID_PREFIX).
	OCIDPrefix string
}

// Service is the procurement capability.
type Service struct {
	Deps
	// credit and ratings give the comprehensive method the agencies'
	// credit scores and past ratings (0–10000), from the contract
	// capability above this one (see CreditScores, PastRatings).
	credit, ratings AgencyScores
	awardHooks      []AwardHook
	changeHooks     []ChangeHook
}

// AgencyScores gives agencies' scores in hundredths of a point (0–10000),
// in the caller's transaction; an agency left out has none.
type AgencyScores func(ctx context.Context, idb bun.IDB, agencyIDs []int64) (map[int64]int, error)

// CreditScores sets where the comprehensive method reads the agencies'
// credit scores. The contract capability, above procurement, keeps them;
// the application wires it at start-up.
func (s *Service) CreditScores(f AgencyScores) { s.credit = f }

// PastRatings sets where the comprehensive method reads the agencies' past
// ratings, as a score 0–10000.
func (s *Service) PastRatings(f AgencyScores) { s.ratings = f }

// NewService returns the procurement service.
func NewService(d Deps) *Service { return &Service{Deps: d} }
