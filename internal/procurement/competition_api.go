package procurement

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/draw"
	"intermart/internal/web"
)

type announcementPath struct {
	ID int64 `path:"id"`
}

type registrationPut struct {
	ID             int64  `path:"id"`
	IdempotencyKey string `header:"Idempotency-Key" maxLength:"100" doc:"Makes the request safe to retry: a repeat with the same key and body answers as the first did"`
	Body           RegistrationInput
}

type choicePost struct {
	ID   int64 `path:"id"`
	Body ChoiceInput
}

type objectionPost struct {
	ID   int64 `path:"id"`
	Body ObjectionInput
}

type answerPost struct {
	ID   int64 `path:"id"`
	Body AnswerInput
}

// ObjectionOwner is the owner organisation of the announcement objection id
// is about.
func (s *Service) ObjectionOwner(ctx context.Context, id int64) (int64, error) {
	ann, err := s.objectionAnnouncement(ctx, s.DB, id)
	if err != nil {
		return 0, err
	}
	return s.AnnouncementOwner(ctx, ann)
}

// RegisterCompetitionAPI adds the competition's operations: the agencies'
// opportunities and registrations, the owner's direct choice, objections
// and their answers, and the public result and draw.
func RegisterCompetitionAPI(api *web.API, svc *Service) {
	by := func(owner func(*Service) func(context.Context, int64) (int64, error)) func(context.Context, huma.Context) (int64, error) {
		return func(ctx context.Context, hc huma.Context) (int64, error) {
			id, err := web.PathID(hc, "id")
			if err != nil {
				return 0, err
			}
			return owner(svc)(ctx, id)
		}
	}
	announcementScope := by(func(s *Service) func(context.Context, int64) (int64, error) { return s.AnnouncementOwner })
	objectionScope := by(func(s *Service) func(context.Context, int64) (int64, error) { return s.ObjectionOwner })
	op := func(id, method, path string, status int, summary string) huma.Operation {
		return huma.Operation{OperationID: id, Method: method, Path: path, DefaultStatus: status, Summary: summary, Tags: []string{"procurement"}}
	}
	const (
		ok        = http.StatusOK
		created   = http.StatusCreated
		noContent = http.StatusNoContent
	)

	web.Register(api, op("procurement.listOpportunities", http.MethodGet, "/api/v1/opportunities", ok,
		"Open announcements the caller's agency is eligible for"), nil,
		func(ctx context.Context, _ *struct{}) (*web.ListOutput[Opportunity], error) {
			return web.ListOf(svc.Opportunities(ctx, web.Principal(ctx)))
		})
	web.Register(api, op("procurement.listMyRegistrations", http.MethodGet, "/api/v1/registrations", ok,
		"The caller's agency's registrations, with its own quotes"), nil,
		func(ctx context.Context, _ *struct{}) (*web.ListOutput[MyRegistration], error) {
			return web.ListOf(svc.MyRegistrations(ctx, web.Principal(ctx)))
		})
	web.Register(api, op("procurement.register", http.MethodPut, "/api/v1/announcements/{id}/registration", ok,
		"Register for an announcement with a sealed quote, or change the registration, until the deadline"), nil,
		func(ctx context.Context, in *registrationPut) (*body[*MyRegistration], error) {
			r, err := svc.Register(ctx, web.Principal(ctx), in.ID, in.IdempotencyKey, in.Body)
			return &body[*MyRegistration]{r}, err
		})
	web.Register(api, op("procurement.withdraw", http.MethodDelete, "/api/v1/announcements/{id}/registration", noContent,
		"Withdraw the registration before the deadline"), nil,
		func(ctx context.Context, in *announcementPath) (*web.Empty, error) {
			return nil, svc.Withdraw(ctx, web.Principal(ctx), in.ID)
		})
	web.Register(api, op("procurement.listRegistrations", http.MethodGet, "/api/v1/announcements/{id}/registrations", ok,
		"The registrants of an announcement, once registration has closed"), announcementScope,
		func(ctx context.Context, in *announcementPath) (*web.ListOutput[ResultRegistrant], error) {
			return web.ListOf(svc.Registrations(ctx, in.ID))
		})
	web.Register(api, op("procurement.listObjections", http.MethodGet, "/api/v1/announcements/{id}/objections", ok,
		"The objections to an announcement's selections"), announcementScope,
		func(ctx context.Context, in *announcementPath) (*web.ListOutput[ObjectionView], error) {
			return web.ListOf(svc.Objections(ctx, web.Principal(ctx), in.ID))
		})
	web.Register(api, op("procurement.choose", http.MethodPost, "/api/v1/announcements/{id}/selection", created,
		"The owner's direct choice of an eligible registrant, with a written reason"), announcementScope,
		func(ctx context.Context, in *choicePost) (*body[*Result], error) {
			if _, err := svc.Choose(ctx, web.Principal(ctx), in.ID, in.Body); err != nil {
				return nil, err
			}
			r, err := svc.AnnouncementResult(ctx, in.ID)
			return &body[*Result]{r}, err
		})
	web.Register(api, op("procurement.fileObjection", http.MethodPost, "/api/v1/selections/{id}/objections", created,
		"A registrant's objection to a selection during publicity"), nil,
		func(ctx context.Context, in *objectionPost) (*body[*ObjectionView], error) {
			o, err := svc.FileObjection(ctx, web.Principal(ctx), in.ID, in.Body)
			return &body[*ObjectionView]{o}, err
		})
	web.Register(api, op("procurement.answerObjection", http.MethodPost, "/api/v1/objections/{id}/answer", ok,
		"The owner's answer to an objection: upheld voids the selection"), objectionScope,
		func(ctx context.Context, in *answerPost) (*body[*ObjectionView], error) {
			o, err := svc.AnswerObjection(ctx, web.Principal(ctx), in.ID, in.Body)
			return &body[*ObjectionView]{o}, err
		})
	web.Register(api, op("procurement.noticeResult", http.MethodGet, "/api/v1/notices/{code}/result", ok,
		"The published result: registrants, quotes and scores, selections"), nil,
		func(ctx context.Context, in *codePath) (*body[*Result], error) {
			r, err := svc.NoticeResult(ctx, in.Code)
			return &body[*Result]{r}, err
		})
	web.Register(api, op("procurement.noticeDraw", http.MethodGet, "/api/v1/notices/{code}/draw", ok,
		"The draw-v1 document: commitment, and once drawn the secret, candidates and order"), nil,
		func(ctx context.Context, in *codePath) (*body[*draw.Public], error) {
			p, err := svc.NoticeDraw(ctx, in.Code)
			return &body[*draw.Public]{p}, err
		})
}
