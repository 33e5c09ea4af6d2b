package trainingclock

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/web"
)

type statusOutput struct{ Body *Status }

type advanceInput struct{ Body Move }

// RegisterAPI adds the training clock's operations, only when the clock is
// adjustable: on any other system they do not exist (404).
func RegisterAPI(api *web.API, svc *Service) {
	if !svc.Enabled() {
		return
	}
	tags := []string{"training clock"}
	web.Register(api, huma.Operation{OperationID: "trainingClock.get", Method: http.MethodGet, Path: "/api/v1/training-clock",
		Summary: "The training clock: real time, marketplace time and offset", Tags: tags,
		Description: "Exists only where INTERMART_ADJUSTABLE_CLOCK is true."}, nil,
		func(ctx context.Context, _ *struct{}) (*statusOutput, error) {
			st, err := svc.Status(ctx)
			return &statusOutput{Body: st}, err
		})
	web.Register(api, huma.Operation{OperationID: "trainingClock.advance", Method: http.MethodPost, Path: "/api/v1/training-clock/advance",
		Summary: "Move the marketplace clock forward", Tags: tags,
		Description: "Exactly one of seconds, workingDays (the same time of day that many working days later) and to " +
			"(a later marketplace time). The clock never moves back (clock_backwards). Exists only where " +
			"INTERMART_ADJUSTABLE_CLOCK is true."}, nil,
		func(ctx context.Context, in *advanceInput) (*statusOutput, error) {
			st, err := svc.Advance(ctx, web.Principal(ctx), in.Body)
			return &statusOutput{Body: st}, err
		})
}
