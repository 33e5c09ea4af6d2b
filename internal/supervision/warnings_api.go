package supervision

import (
	"bytes"
	"context"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/clock"
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

// Download is an exported file: its bytes, with the headers that make the
// browser save it under its name.
type Download struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	CacheControl       string `header:"Cache-Control"`
	Body               []byte
}

// Content types of the exports.
const (
	ContentTypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	ContentTypeCSV  = "text/csv; charset=utf-8"
)

// download answers with t written by write, named name-YYYYMMDD.ext (the
// marketplace's date in Shanghai).
func (s *Service) download(ctx context.Context, t Table, name, ext, contentType string, write func(*bytes.Buffer, Table) error) (*Download, error) {
	now, err := s.Clock.Now(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := write(&buf, t); err != nil {
		return nil, fmt.Errorf("write %s: %w", ext, err)
	}
	file := fmt.Sprintf("%s-%s.%s", name, now.In(clock.Shanghai).Format("20060102"), ext)
	return &Download{ContentType: contentType, ContentDisposition: fmt.Sprintf(`attachment; filename="%s"`, file),
		CacheControl: "no-store", Body: buf.Bytes()}, nil
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
	export := func(ctx context.Context, f WarningFilter, ext, contentType string, write func(*bytes.Buffer, Table) error) (*Download, error) {
		t, err := s.WarningsTable(ctx, web.Principal(ctx), f)
		if err != nil {
			return nil, err
		}
		return s.download(ctx, t, "warnings", ext, contentType, write)
	}
	xlsx := op("supervision.exportWarningsXlsx", http.MethodGet, "/api/v1/warnings/export.xlsx",
		"The warning list, under the same filter, as an Excel workbook")
	xlsx.Responses = map[string]*huma.Response{"200": {Description: "The workbook", Content: map[string]*huma.MediaType{ContentTypeXLSX: {}}}}
	web.Register(api, xlsx, nil, func(ctx context.Context, in *warningList) (*Download, error) {
		return export(ctx, in.WarningFilter, "xlsx", ContentTypeXLSX, func(b *bytes.Buffer, t Table) error { return WriteXLSX(b, t) })
	})
	csv := op("supervision.exportWarningsCsv", http.MethodGet, "/api/v1/warnings/export.csv",
		"The warning list, under the same filter, as CSV (UTF-8)")
	csv.Responses = map[string]*huma.Response{"200": {Description: "The CSV file", Content: map[string]*huma.MediaType{"text/csv": {}}}}
	web.Register(api, csv, nil, func(ctx context.Context, in *warningList) (*Download, error) {
		return export(ctx, in.WarningFilter, "csv", ContentTypeCSV, func(b *bytes.Buffer, t Table) error { return WriteCSV(b, t) })
	})
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
