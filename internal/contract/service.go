package contract

import (
	"github.com/uptrace/bun"

	"intermart/internal/agency"
	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/files"
	"intermart/internal/identity"
	"intermart/internal/jobs"
	"intermart/internal/procurement"
)

// Deps are what the contract capability is built from: the capabilities
// below it, which it calls inside its own transactions, and the
// infrastructure it uses.
type Deps struct {
	DB          *bun.DB
	Identity    *identity.Service
	Catalog     *catalog.Service
	Agency      *agency.Service
	Files       *files.Service
	Procurement *procurement.Service
	Clock       clock.Clock
	// Queue schedules deadline jobs in the transaction that sets the deadline.
	Queue jobs.Inserter
	// PublicURL is the site's public address, printed in the acceptance
	// certificates' QR codes.
	PublicURL string
}

// Service is the contract capability.
type Service struct {
	Deps
	changeHooks []ChangeHook
}

// NewService returns the contract service.
func NewService(d Deps) *Service { return &Service{Deps: d} }
