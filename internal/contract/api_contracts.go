package contract

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/web"
)

// RegisterAPI adds the contract capability's operations.
func RegisterAPI(api *web.API, s *Service) {
	registerContractAPI(api, s)
	registerDeliverableAPI(api, s)
	registerRatingAPI(api, s)
	registerExportAPI(api, s)
}

type body[T any] struct{ Body T }

type contractPath struct {
	ID int64 `path:"id"`
}

type contractList struct {
	ContractFilter
}

type registrationPost struct {
	ID   int64 `path:"id"`
	Body ContractRegistration
}

type amendmentPost struct {
	ID   int64 `path:"id"`
	Body AmendmentInput
}

type decisionPost struct {
	ID   int64 `path:"id"`
	Body AmendmentDecision
}

type terminationPost struct {
	ID   int64 `path:"id"`
	Body ContractTermination
}

type milestonesPut struct {
	ID   int64 `path:"id"`
	Body MilestonePlan
}

type paymentPost struct {
	ID   int64 `path:"id"`
	Body PaymentInput
}

// registerContractAPI adds the operations of registration, amendments,
// termination, milestones, payments and the performance view. Both parties
// hold the operations on every contract by policy ("any"); the service
// decides the party (Party): anyone else gets 404, regulators 403.
func registerContractAPI(api *web.API, s *Service) {
	op := func(id, method, path string, status int, summary string) huma.Operation {
		return huma.Operation{OperationID: id, Method: method, Path: path, DefaultStatus: status, Summary: summary, Tags: []string{"contracts"}}
	}
	const (
		ok      = http.StatusOK
		created = http.StatusCreated
	)
	detail := func(ctx context.Context, id int64, err error) (*body[*ContractDetail], error) {
		if err != nil {
			return nil, err
		}
		d, err := s.Detail(ctx, web.Principal(ctx), id)
		return &body[*ContractDetail]{d}, err
	}
	web.Register(api, op("contract.list", http.MethodGet, "/api/v1/contracts", ok,
		"The caller's organisation's contracts; every contract for regulators"), nil,
		func(ctx context.Context, in *contractList) (*web.ListOutput[ContractView], error) {
			return web.ListOf(s.List(ctx, web.Principal(ctx), in.ContractFilter))
		})
	web.Register(api, op("contract.performance", http.MethodGet, "/api/v1/performance", ok,
		"Every contract's timeline against its committed working days, for the regulators"), nil,
		func(ctx context.Context, in *contractList) (*web.ListOutput[ContractPerformance], error) {
			return web.ListOf(s.Performance(ctx, web.Principal(ctx), in.ContractFilter))
		})
	web.Register(api, op("contract.get", http.MethodGet, "/api/v1/contracts/{id}", ok,
		"A contract with its milestones, amendments and payments"), nil,
		func(ctx context.Context, in *contractPath) (*body[*ContractDetail], error) {
			return detail(ctx, in.ID, nil)
		})
	web.Register(api, op("contract.register", http.MethodPost, "/api/v1/contracts/{id}/registration", ok,
		"A party registers the contract (签约登记) with the signed document; the counterparty confirms"), nil,
		func(ctx context.Context, in *registrationPost) (*body[*ContractDetail], error) {
			_, err := s.Register(ctx, web.Principal(ctx), in.ID, in.Body)
			return detail(ctx, in.ID, err)
		})
	web.Register(api, op("contract.confirm", http.MethodPost, "/api/v1/contracts/{id}/confirmation", ok,
		"The counterparty confirms the registration: the contract becomes active"), nil,
		func(ctx context.Context, in *contractPath) (*body[*ContractDetail], error) {
			_, err := s.Confirm(ctx, web.Principal(ctx), in.ID)
			return detail(ctx, in.ID, err)
		})
	web.Register(api, op("contract.proposeAmendment", http.MethodPost, "/api/v1/contracts/{id}/amendments", created,
		"A party proposes an amendment (变更) of price, period or scope, with a reason"), nil,
		func(ctx context.Context, in *amendmentPost) (*body[*ContractDetail], error) {
			_, err := s.ProposeAmendment(ctx, web.Principal(ctx), in.ID, in.Body)
			return detail(ctx, in.ID, err)
		})
	web.Register(api, op("contract.decideAmendment", http.MethodPost, "/api/v1/amendments/{id}/decision", ok,
		"The counterparty confirms or rejects an amendment"), nil,
		func(ctx context.Context, in *decisionPost) (*body[*ContractDetail], error) {
			a, err := s.DecideAmendment(ctx, web.Principal(ctx), in.ID, in.Body)
			if err != nil {
				return nil, err
			}
			return detail(ctx, a.ContractID, nil)
		})
	web.Register(api, op("contract.terminate", http.MethodPost, "/api/v1/contracts/{id}/termination", ok,
		"A party terminates the contract, with a reason"), nil,
		func(ctx context.Context, in *terminationPost) (*body[*ContractDetail], error) {
			_, err := s.Terminate(ctx, web.Principal(ctx), in.ID, in.Body)
			return detail(ctx, in.ID, err)
		})
	web.Register(api, op("contract.replaceMilestones", http.MethodPut, "/api/v1/contracts/{id}/milestones", ok,
		"The owner replaces the milestones while no deliverable has been submitted"), nil,
		func(ctx context.Context, in *milestonesPut) (*body[*ContractDetail], error) {
			_, err := s.ReplaceMilestones(ctx, web.Principal(ctx), in.ID, in.Body)
			return detail(ctx, in.ID, err)
		})
	web.Register(api, op("contract.recordPayment", http.MethodPost, "/api/v1/contracts/{id}/payments", created,
		"The owner records a payment"), nil,
		func(ctx context.Context, in *paymentPost) (*body[*ContractDetail], error) {
			_, err := s.RecordPayment(ctx, web.Principal(ctx), in.ID, in.Body)
			return detail(ctx, in.ID, err)
		})
}
