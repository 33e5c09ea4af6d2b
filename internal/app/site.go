package app

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/config"
	"intermart/internal/trainingclock"
	"intermart/internal/web"
)

type siteInfo struct {
	config.Site
	TrainingClock trainingclock.Info `json:"trainingClock" doc:"Whether the training clock is on and how far ahead it runs, for the banner every page shows"`
}

type siteOutput struct {
	Body siteInfo
}

// registerSite serves what the page footer says about who runs the site (the
// operator's configuration, not any capability's data) and the training
// clock's offset for the banner on every page.
func registerSite(api *web.API, site config.Site, training *trainingclock.Service) {
	web.Register(api, huma.Operation{OperationID: "site.info", Method: http.MethodGet, Path: "/api/v1/site",
		Summary: "Sponsoring unit, contact and filing numbers for the page footer; the training clock", Tags: []string{"public"},
		Description: "Empty fields are not configured: the sponsor and contact then fall back to the interface's " +
			"translated defaults, and the filing numbers are not shown. trainingClock.enabled is true only where " +
			"INTERMART_ADJUSTABLE_CLOCK is, and every page then shows how far ahead the marketplace clock runs."}, nil,
		func(ctx context.Context, _ *struct{}) (*siteOutput, error) {
			info, err := training.Info(ctx)
			return &siteOutput{Body: siteInfo{Site: site, TrainingClock: info}}, err
		})
}
