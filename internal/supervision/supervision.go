// Package supervision is the regulators' capability: the statistics of the
// dashboard, early warnings before deadlines are missed, complaints, red
// flags of integrity risks and the exports of every list. It sits above
// the contract capability and learns of what happens below it through the
// change hooks of procurement and contract, in the same transactions, so
// its figures and flags are never behind the facts they describe.
package supervision

import (
	"github.com/uptrace/bun"

	"intermart/internal/agency"
	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/contract"
	"intermart/internal/files"
	"intermart/internal/identity"
	"intermart/internal/jobs"
	"intermart/internal/procurement"
	"intermart/internal/workdays"
)

// Deps are what the supervision capability is built from: the capabilities
// below it, which it calls inside its own transactions, and the
// infrastructure it uses.
type Deps struct {
	DB          *bun.DB
	Identity    *identity.Service
	Catalog     *catalog.Service
	Agency      *agency.Service
	Files       *files.Service
	Procurement *procurement.Service
	Contract    *contract.Service
	Workdays    *workdays.Service
	Clock       clock.Clock
	// Queue schedules deadline jobs in the transaction that sets the deadline.
	Queue jobs.Inserter
}

// Service is the supervision capability.
type Service struct {
	Deps
}

// NewService returns the supervision service.
func NewService(d Deps) *Service { return &Service{Deps: d} }
