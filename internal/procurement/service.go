package procurement

import (
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
	DB       *bun.DB
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
	awardHooks []AwardHook
}

// NewService returns the procurement service.
func NewService(d Deps) *Service { return &Service{Deps: d} }
