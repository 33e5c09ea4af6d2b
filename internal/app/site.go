package app

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/config"
	"intermart/internal/web"
)

type siteOutput struct {
	Body config.Site
}

// registerSite serves what the page footer says about who runs the site: the
// operator's configuration, not any capability's data.
func registerSite(api *web.API, site config.Site) {
	web.Register(api, huma.Operation{OperationID: "site.info", Method: http.MethodGet, Path: "/api/v1/site",
		Summary: "Sponsoring unit, contact and filing numbers for the page footer", Tags: []string{"public"},
		Description: "Empty fields are not configured: the sponsor and contact then fall back to the interface's " +
			"translated defaults, and the filing numbers are not shown."}, nil,
		func(context.Context, *struct{}) (*siteOutput, error) { return &siteOutput{Body: site}, nil })
}
