package contract

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/web"
)

type agencyRatingPut struct {
	ID   int64 `path:"id"`
	Body AgencyRatingInput
}

type ownerRatingPut struct {
	ID   int64 `path:"id"`
	Body OwnerRatingInput
}

type orgPath struct {
	OrgID int64 `path:"orgId"`
}

// registerRatingAPI adds the two sides' ratings of a contract and the
// agencies' public credit scores and owners' rating averages.
func registerRatingAPI(api *web.API, svc *Service) {
	by := func(owner func(context.Context, int64) (int64, error)) func(context.Context, huma.Context) (int64, error) {
		return func(ctx context.Context, hc huma.Context) (int64, error) {
			id, err := web.PathID(hc, "id")
			if err != nil {
				return 0, err
			}
			return owner(ctx, id)
		}
	}
	op := func(id, method, path, summary string) huma.Operation {
		return huma.Operation{OperationID: id, Method: method, Path: path, DefaultStatus: http.StatusOK, Summary: summary,
			Tags: []string{"contracts"}}
	}
	web.Register(api, op("contract.getRatings", http.MethodGet, "/api/v1/contracts/{id}/ratings",
		"Both sides' ratings of a completed contract, the window and what the caller may rate"), nil,
		func(ctx context.Context, in *contractPath) (*body[*RatingsView], error) {
			v, err := svc.Ratings(ctx, web.Principal(ctx), in.ID)
			return &body[*RatingsView]{v}, err
		})
	web.Register(api, op("contract.rateAgency", http.MethodPut, "/api/v1/contracts/{id}/agency-rating",
		"The owner's rating of the agency, once, within the window after completion"), by(svc.ContractOwner),
		func(ctx context.Context, in *agencyRatingPut) (*body[*RatingsView], error) {
			v, err := svc.RateAgency(ctx, web.Principal(ctx), in.ID, in.Body)
			return &body[*RatingsView]{v}, err
		})
	web.Register(api, op("contract.rateOwner", http.MethodPut, "/api/v1/contracts/{id}/owner-rating",
		"The agency's rating of the owner, once, within the window after completion"), by(svc.ContractAgency),
		func(ctx context.Context, in *ownerRatingPut) (*body[*RatingsView], error) {
			v, err := svc.RateOwner(ctx, web.Principal(ctx), in.ID, in.Body)
			return &body[*RatingsView]{v}, err
		})
	web.Register(api, op("contract.agencyCredit", http.MethodGet, "/api/v1/agencies/{orgId}/credit",
		"An agency's credit score with its breakdown, and its rating averages (public)"), nil,
		func(ctx context.Context, in *orgPath) (*body[*CreditView], error) {
			v, err := svc.Credit(ctx, in.OrgID)
			return &body[*CreditView]{v}, err
		})
	web.Register(api, op("contract.ownerRatings", http.MethodGet, "/api/v1/organisations/{orgId}/owner-ratings",
		"An owner's rating averages given by agencies (public)"), nil,
		func(ctx context.Context, in *orgPath) (*body[OwnerRatingSummary], error) {
			m, err := OwnerRatings(ctx, svc.DB, []int64{in.OrgID})
			return &body[OwnerRatingSummary]{m[in.OrgID]}, err
		})
}
