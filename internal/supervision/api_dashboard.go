package supervision

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/export"
	"intermart/internal/web"
)

// figuresInput is the query of the dashboard and its exports.
type figuresInput struct {
	From   string `query:"from" doc:"First day of the period, YYYY-MM-DD (Asia/Shanghai); default 1 January of the end's year"`
	To     string `query:"to" doc:"Last day of the period, YYYY-MM-DD (Asia/Shanghai); default today"`
	Region string `query:"region" doc:"Only this region (code)"`
	Owner  int64  `query:"owner" doc:"Only this owner organisation"`
	Agency int64  `query:"agency" doc:"Only this agency"`
	Item   int64  `query:"item" doc:"Only this service item"`
	By     string `query:"by" doc:"Break the figures down by region, owner, agency or item"`
}

func (in figuresInput) query() FiguresQuery {
	return FiguresQuery{From: in.From, To: in.To, Region: in.Region, OwnerID: in.Owner, AgencyID: in.Agency, ItemID: in.Item, By: in.By}
}

// FiguresParams are the query parameters of the dashboard and its exports.
type FiguresParams = figuresInput

// factsInput is the query of a drill-down list and its exports.
type factsInput struct {
	FiguresParams
	Figure string `query:"figure" doc:"The figure whose list this is: published, selected, deals, awaiting_price, registered, completed, on_time, late, complaints or upheld"`
}

func (in factsInput) query() FactQuery {
	return FactQuery{FiguresQuery: in.FiguresParams.query(), Figure: in.Figure}
}

// FactsParams are the query parameters of a drill-down list's exports.
type FactsParams = factsInput

type factsPage struct {
	FactsParams
	Page     int `query:"page" minimum:"1" maximum:"100000" default:"1"`
	PageSize int `query:"pageSize" minimum:"1" maximum:"200" default:"20"`
}

// file answers t as the export ext named name-YYYYMMDD.ext, the
// marketplace's day.
func (s *Service) file(ctx context.Context, t export.Table, err error, name, ext string) (*export.Download, error) {
	if err != nil {
		return nil, err
	}
	now, err := s.Clock.Now(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	return export.Answer(t, name, ext, now)
}

// fileName is the export's name: what and the period, ASCII only.
func fileName(what, from, to string) string {
	name := "intermart-" + what
	if from != "" {
		name += "-from-" + from
	}
	if to != "" {
		name += "-to-" + to
	}
	return name
}

// RegisterDashboardAPI adds the regulators' dashboard: the figures of a
// period, the list behind each figure, and both as Excel and CSV.
func RegisterDashboardAPI(api *web.API, s *Service) {
	op := func(id, path, summary string) huma.Operation {
		return huma.Operation{OperationID: id, Method: http.MethodGet, Path: path, DefaultStatus: http.StatusOK,
			Summary: summary, Tags: []string{"supervision"}}
	}
	type figuresBody struct{ Body *Figures }
	web.Register(api, op("supervision.dashboard", "/api/v1/supervision/dashboard",
		"The statistics of a period (DESIGN.md's definitions), the monthly trend and a breakdown, for regulators"), nil,
		func(ctx context.Context, in *figuresInput) (*figuresBody, error) {
			f, err := s.Figures(ctx, web.Principal(ctx), in.query())
			return &figuresBody{f}, err
		})
	for _, ext := range []string{"xlsx", "csv"} {
		web.Register(api, export.Operation(op("supervision.exportDashboard"+upper(ext), "/api/v1/supervision/dashboard/export."+ext,
			"The dashboard as "+ext+": the period, each month and each group, one row each"), ext), nil,
			func(ctx context.Context, in *figuresInput) (*export.Download, error) {
				t, err := s.DashboardTable(ctx, web.Principal(ctx), in.query())
				return s.file(ctx, t, err, fileName("dashboard", in.From, in.To), ext)
			})
	}
	web.Register(api, op("supervision.dashboardFacts", "/api/v1/supervision/dashboard/facts",
		"The list behind one figure of the dashboard, newest first, for regulators"), nil,
		func(ctx context.Context, in *factsPage) (*web.ListOutput[FactRow], error) {
			q := in.FactsParams.query()
			q.Page, q.PageSize = in.Page, in.PageSize
			rows, n, err := s.Facts(ctx, web.Principal(ctx), q)
			if err != nil {
				return nil, err
			}
			return web.PageOf(&web.List[FactRow]{Items: rows, Total: n}, nil)
		})
	for _, ext := range []string{"xlsx", "csv"} {
		web.Register(api, export.Operation(op("supervision.exportDashboardFacts"+upper(ext), "/api/v1/supervision/dashboard/facts/export."+ext,
			"The list behind one figure as "+ext+", every row"), ext), nil,
			func(ctx context.Context, in *factsInput) (*export.Download, error) {
				t, err := s.FactsTable(ctx, web.Principal(ctx), in.query())
				figure := in.Figure
				if figure == "" {
					figure = FigurePublished
				}
				return s.file(ctx, t, err, fileName("dashboard-"+figure, in.From, in.To), ext)
			})
	}
}

func upper(ext string) string {
	if ext == "csv" {
		return "CSV"
	}
	return "XLSX"
}
