package supervision

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/web"
)

type complaintPath struct {
	ID int64 `path:"id"`
}

type complaintOutput struct{ Body *ComplaintView }

type complaintPost struct{ Body ComplaintInput }

type reviewPost struct {
	ID   int64 `path:"id"`
	Body ReviewInput
}

type decisionPost struct {
	ID   int64 `path:"id"`
	Body DecisionInput
}

type messagePost struct {
	ID   int64 `path:"id"`
	Body MessageInput
}

// RegisterComplaintsAPI adds the complaints' operations. A complaint has
// two parties and the procedure's owner besides, so the policy grants the
// operations on any complaint and the service answers 404 to anyone who is
// none of them; the regulators' steps are the regulators' alone.
func RegisterComplaintsAPI(api *web.API, svc *Service) {
	registerComplaintExportAPI(api, svc)
	op := func(id, method, path string, status int, summary string) huma.Operation {
		return huma.Operation{OperationID: id, Method: method, Path: path, DefaultStatus: status, Summary: summary, Tags: []string{"complaints"}}
	}
	const (
		ok      = http.StatusOK
		created = http.StatusCreated
	)
	web.Register(api, op("supervision.listComplaints", http.MethodGet, "/api/v1/complaints", ok,
		"Complaints: every one for a regulator, the organisation's own for anyone else"), nil,
		func(ctx context.Context, in *ComplaintFilter) (*web.ListOutput[ComplaintView], error) {
			return web.ListOf(svc.Complaints(ctx, web.Principal(ctx), *in))
		})
	web.Register(api, op("supervision.fileComplaint", http.MethodPost, "/api/v1/complaints", created,
		"File a complaint about an announcement, a selection or a contract"), nil,
		func(ctx context.Context, in *complaintPost) (*complaintOutput, error) {
			v, err := svc.FileComplaint(ctx, web.Principal(ctx), in.Body)
			return &complaintOutput{Body: v}, err
		})
	web.Register(api, op("supervision.getComplaint", http.MethodGet, "/api/v1/complaints/{id}", ok,
		"A complaint with its evidence, thread and history"), nil,
		func(ctx context.Context, in *complaintPath) (*complaintOutput, error) {
			v, err := svc.Complaint(ctx, web.Principal(ctx), in.ID)
			return &complaintOutput{Body: v}, err
		})
	web.Register(api, op("supervision.postComplaintMessage", http.MethodPost, "/api/v1/complaints/{id}/messages", created,
		"Write in a complaint's thread"), nil,
		func(ctx context.Context, in *messagePost) (*complaintOutput, error) {
			v, err := svc.PostMessage(ctx, web.Principal(ctx), in.ID, in.Body)
			return &complaintOutput{Body: v}, err
		})
	web.Register(api, op("supervision.reviewComplaint", http.MethodPost, "/api/v1/complaints/{id}/review", ok,
		"Accept a complaint for review, or reject it with a reason"), nil,
		func(ctx context.Context, in *reviewPost) (*complaintOutput, error) {
			v, err := svc.ReviewComplaint(ctx, web.Principal(ctx), in.ID, in.Body)
			return &complaintOutput{Body: v}, err
		})
	web.Register(api, op("supervision.suspendProcedure", http.MethodPost, "/api/v1/complaints/{id}/suspend", ok,
		"Suspend the procedure an accepted complaint is about"), nil,
		func(ctx context.Context, in *complaintPath) (*complaintOutput, error) {
			v, err := svc.SuspendProcedure(ctx, web.Principal(ctx), in.ID)
			return &complaintOutput{Body: v}, err
		})
	web.Register(api, op("supervision.resumeProcedure", http.MethodPost, "/api/v1/complaints/{id}/resume", ok,
		"Lift the complaint's suspension of its procedure"), nil,
		func(ctx context.Context, in *complaintPath) (*complaintOutput, error) {
			v, err := svc.ResumeProcedure(ctx, web.Principal(ctx), in.ID)
			return &complaintOutput{Body: v}, err
		})
	web.Register(api, op("supervision.decideComplaint", http.MethodPost, "/api/v1/complaints/{id}/decide", ok,
		"Decide an accepted complaint: upheld or dismissed"), nil,
		func(ctx context.Context, in *decisionPost) (*complaintOutput, error) {
			v, err := svc.DecideComplaint(ctx, web.Principal(ctx), in.ID, in.Body)
			return &complaintOutput{Body: v}, err
		})
	web.Register(api, op("supervision.complaintDecisions", http.MethodGet, "/api/v1/complaint-decisions", ok,
		"Decided complaints, published in summary"), nil,
		func(ctx context.Context, in *DecisionFilter) (*web.ListOutput[PublicDecision], error) {
			return web.ListOf(svc.PublicDecisions(ctx, *in))
		})
}
