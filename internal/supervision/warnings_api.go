package supervision

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/export"
	"intermart/internal/web"
)

type warningList struct {
	WarningFilter
}

type warningCountsOutput struct{ Body *WarningCounts }

type warningRulesOutput struct{ Body []WarningRule }

type warningRuleOutput struct{ Body *WarningRule }

type warningRulePut struct {
	Rule string `path:"rule" maxLength:"40"`
	Body WarningRuleInput
}

// RegisterWarningsAPI adds the early warnings' operations: the queue (a
// regulator's across the marketplace, an owner's or agency's own), its
// counts and exports, and the rules the platform administrator keeps.
func RegisterWarningsAPI(api *web.API, s *Service) {
	op := func(id, method, path string, summary string) huma.Operation {
		return huma.Operation{OperationID: id, Method: method, Path: path, DefaultStatus: http.StatusOK, Summary: summary, Tags: []string{"warnings"}}
	}
	web.Register(api, op("supervision.listWarnings", http.MethodGet, "/api/v1/warnings",
		"Early warnings (预警): every one for regulators, the caller's organisation's for owners and agencies"), nil,
		func(ctx context.Context, in *warningList) (*web.ListOutput[WarningView], error) {
			items, n, err := s.Warnings(ctx, web.Principal(ctx), in.WarningFilter)
			return web.PageOf(&web.List[WarningView]{Items: items, Total: n}, err)
		})
	web.Register(api, op("supervision.warningCounts", http.MethodGet, "/api/v1/warnings/counts",
		"How many of the warnings the caller sees are open, yellow and red"), nil,
		func(ctx context.Context, _ *struct{}) (*warningCountsOutput, error) {
			c, err := s.WarningCountsFor(ctx, web.Principal(ctx))
			return &warningCountsOutput{c}, err
		})
	for _, ext := range []string{"xlsx", "csv"} {
		id, summary := "supervision.exportWarningsXlsx", "The warning list, under the same filter, as an Excel workbook"
		if ext == "csv" {
			id, summary = "supervision.exportWarningsCsv", "The warning list, under the same filter, as CSV (UTF-8)"
		}
		web.Register(api, export.Operation(op(id, http.MethodGet, "/api/v1/warnings/export."+ext, summary), ext), nil,
			func(ctx context.Context, in *warningList) (*export.Download, error) {
				t, err := s.WarningsTable(ctx, web.Principal(ctx), in.WarningFilter)
				return s.file(ctx, t, err, "warnings", ext)
			})
	}
	web.Register(api, op("supervision.listWarningRules", http.MethodGet, "/api/v1/warning-rules",
		"The rules of early warnings: when each kind of time limit turns yellow and red"), nil,
		func(ctx context.Context, _ *struct{}) (*warningRulesOutput, error) {
			rs, err := s.WarningRules(ctx)
			return &warningRulesOutput{rs}, err
		})
	web.Register(api, op("supervision.updateWarningRule", http.MethodPut, "/api/v1/warning-rules/{rule}",
		"Change a rule of early warnings; every warning is evaluated again with it"), nil,
		func(ctx context.Context, in *warningRulePut) (*warningRuleOutput, error) {
			r, err := s.UpdateWarningRule(ctx, web.Principal(ctx), in.Rule, in.Body)
			return &warningRuleOutput{r}, err
		})
}
