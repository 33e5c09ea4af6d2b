// Package opendata publishes the marketplace's procurements in the Open
// Contracting Data Standard (OCDS 1.1.5): release packages paged by date
// and a record per ocid with its compiled release. It reads only what the
// capabilities below it have made public, through their exported
// functions, so nothing sealed can be published early.
package opendata

import (
	"github.com/uptrace/bun"

	"intermart/internal/clock"
	"intermart/internal/contract"
	"intermart/internal/identity"
	"intermart/internal/procurement"
)

// Deps are what open data is built from.
type Deps struct {
	DB          *bun.DB
	Identity    *identity.Service
	Procurement *procurement.Service
	Contract    *contract.Service
	Clock       clock.Clock
	// OCIDPrefix starts every ocid (INTERMART_OCID_PREFIX).
	OCIDPrefix string
	// PublicURL is the site's public address, for the packages' URIs.
	PublicURL string
}

// Service is the open-data capability.
type Service struct {
	Deps
}

// NewService returns the open-data service.
func NewService(d Deps) *Service { return &Service{Deps: d} }
