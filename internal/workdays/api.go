package workdays

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/web"
)

type yearInput struct {
	Year int `query:"year" minimum:"1900" maximum:"9000" doc:"The calendar year; this year (by the marketplace clock, in Shanghai) when absent"`
}

type dateInput struct {
	Date string `path:"date" maxLength:"10" doc:"The day, YYYY-MM-DD"`
}

type addInput struct{ Body NewException }

type changeInput struct {
	Date string `path:"date" maxLength:"10" doc:"The day, YYYY-MM-DD"`
	Body ExceptionChange
}

type exceptionOutput struct{ Body *Exception }

// RegisterAPI adds the calendar's operations: anyone reads a year's
// calendar; the platform administrator keeps it, every change recorded.
func RegisterAPI(api *web.API, svc *Service) {
	h := &handlers{svc: svc}
	tags := []string{"calendar"}
	web.Register(api, huma.Operation{OperationID: "workdays.listYear", Method: http.MethodGet, Path: "/api/v1/workdays",
		Summary: "The working-day calendar of a year (工作日历)", Tags: tags,
		Description: "Every day of the year the calendar lists: public holidays on weekdays (holiday) and weekend days " +
			"that are working days (workday, 调休). Any other day is a working day when it is Monday to Friday."}, nil, h.listYear)
	web.Register(api, huma.Operation{OperationID: "workdays.listChanges", Method: http.MethodGet, Path: "/api/v1/workdays/changes",
		Summary: "Recorded changes of a year's calendar", Tags: tags}, nil, h.listChanges)
	web.Register(api, huma.Operation{OperationID: "workdays.add", Method: http.MethodPost, Path: "/api/v1/workdays",
		Summary: "List a holiday or an adjusted working day", Tags: tags, DefaultStatus: http.StatusCreated,
		Description: "A holiday must be a weekday and a working day a weekend day (holiday_on_weekend, workday_on_weekday); " +
			"a day listed already is refused (date_taken)."}, nil, h.add)
	web.Register(api, huma.Operation{OperationID: "workdays.change", Method: http.MethodPut, Path: "/api/v1/workdays/{date}",
		Summary: "Change what the calendar says of a listed day", Tags: tags}, nil, h.change)
	web.Register(api, huma.Operation{OperationID: "workdays.remove", Method: http.MethodDelete, Path: "/api/v1/workdays/{date}",
		Summary: "Take a day off the calendar", Tags: tags, DefaultStatus: http.StatusNoContent}, nil, h.remove)
}

type handlers struct{ svc *Service }

func (h *handlers) listYear(ctx context.Context, in *yearInput) (*web.ListOutput[Exception], error) {
	return web.ListOf(h.svc.Year(ctx, in.Year))
}

func (h *handlers) listChanges(ctx context.Context, in *yearInput) (*web.ListOutput[Change], error) {
	return web.ListOf(h.svc.Changes(ctx, in.Year))
}

func (h *handlers) add(ctx context.Context, in *addInput) (*exceptionOutput, error) {
	e, err := h.svc.Add(ctx, web.Principal(ctx), in.Body)
	return &exceptionOutput{Body: e}, err
}

func (h *handlers) change(ctx context.Context, in *changeInput) (*exceptionOutput, error) {
	e, err := h.svc.Change(ctx, web.Principal(ctx), in.Date, in.Body)
	return &exceptionOutput{Body: e}, err
}

func (h *handlers) remove(ctx context.Context, in *dateInput) (*web.Empty, error) {
	return nil, h.svc.Remove(ctx, web.Principal(ctx), in.Date)
}
