package supervision

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/export"
	"intermart/internal/web"
)

type redFlagList struct {
	RedFlagFilter
}

type redFlagExport struct {
	Kind   string `query:"kind" enum:"single_registrant,agency_concentration,price_near_ceiling,identical_quotes,abnormally_low_quote,direct_splitting,amendment_price_increase,late_deliverable"`
	Status string `query:"status" enum:"open,reviewed"`
}

type redFlagReviewPost struct {
	ID   int64 `path:"id"`
	Body RedFlagReview
}

type redFlagOut struct{ Body *RedFlagView }

type redFlagSettingsOut struct{ Body *RedFlagSettings }

type redFlagSettingsPut struct{ Body RedFlagSettingsInput }

// RegisterRedFlagAPI adds the regulators' red flag operations.
func RegisterRedFlagAPI(api *web.API, s *Service) {
	op := func(id, method, path string, status int, summary string) huma.Operation {
		return huma.Operation{OperationID: id, Method: method, Path: path, DefaultStatus: status, Summary: summary,
			Tags: []string{"supervision"}}
	}
	web.Register(api, op("supervision.listRedFlags", http.MethodGet, "/api/v1/supervision/red-flags", http.StatusOK,
		"Red flags of integrity risks across the marketplace, newest first"), nil,
		func(ctx context.Context, in *redFlagList) (*web.ListOutput[RedFlagView], error) {
			return web.PageOf(s.RedFlags(ctx, in.RedFlagFilter))
		})
	web.Register(api, op("supervision.reviewRedFlag", http.MethodPost, "/api/v1/supervision/red-flags/{id}/review", http.StatusOK,
		"Mark a red flag reviewed, with a note (once)"), nil,
		func(ctx context.Context, in *redFlagReviewPost) (*redFlagOut, error) {
			v, err := s.ReviewRedFlag(ctx, web.Principal(ctx), in.ID, in.Body)
			return &redFlagOut{v}, err
		})
	web.Register(api, op("supervision.redFlagConcentration", http.MethodGet, "/api/v1/supervision/red-flags/concentration", http.StatusOK,
		"Concentration of each service item's awards in the last twelve months (HHI)"), nil,
		func(ctx context.Context, _ *struct{}) (*web.ListOutput[ItemConcentration], error) {
			return web.ListOf(s.ItemConcentrations(ctx))
		})
	web.Register(api, op("supervision.getRedFlagSettings", http.MethodGet, "/api/v1/supervision/red-flag-settings", http.StatusOK,
		"The thresholds of the red flag rules"), nil,
		func(ctx context.Context, _ *struct{}) (*redFlagSettingsOut, error) {
			v, err := s.RedFlagSettings(ctx)
			return &redFlagSettingsOut{v}, err
		})
	web.Register(api, op("supervision.updateRedFlagSettings", http.MethodPut, "/api/v1/supervision/red-flag-settings", http.StatusOK,
		"Change the thresholds of the red flag rules; they apply from the next change, raised flags keep their evidence"), nil,
		func(ctx context.Context, in *redFlagSettingsPut) (*redFlagSettingsOut, error) {
			v, err := s.UpdateRedFlagSettings(ctx, web.Principal(ctx), in.Body)
			return &redFlagSettingsOut{v}, err
		})
	for _, ext := range []string{"xlsx", "csv"} {
		id := "supervision.exportRedFlagsXLSX"
		if ext == "csv" {
			id = "supervision.exportRedFlagsCSV"
		}
		o := export.Operation(op(id, http.MethodGet, "/api/v1/supervision/red-flags/export."+ext, http.StatusOK,
			"The red flag list as a "+ext+" file"), ext)
		web.Register(api, o, nil, func(ctx context.Context, in *redFlagExport) (*export.Download, error) {
			t, err := s.RedFlagTable(ctx, web.Principal(ctx), RedFlagFilter{Kind: in.Kind, Status: in.Status})
			return s.file(ctx, t, err, "red-flags", ext)
		})
	}
}
