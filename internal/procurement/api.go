package procurement

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/web"
)

type body[T any] struct{ Body T }

type idPath struct {
	ID int64 `path:"id"`
}

type withID[T any] struct {
	ID   int64 `path:"id"`
	Body T
}

type servicePath struct {
	ID        int64 `path:"id"`
	ServiceID int64 `path:"serviceId"`
}

type serviceBody struct {
	ID        int64 `path:"id"`
	ServiceID int64 `path:"serviceId"`
	Body      ProjectServiceChange
}

type codePath struct {
	Code string `path:"code" maxLength:"40"`
}

// RegisterAPI adds the announcement side of procurement: the rules, the
// owners' project library, announcements from draft to publication,
// cancellation and relisting, and the public notices.
func RegisterAPI(api *web.API, svc *Service) {
	registerExportAPI(api, svc)
	by := func(owner func(context.Context, int64) (int64, error)) func(context.Context, huma.Context) (int64, error) {
		return func(ctx context.Context, hc huma.Context) (int64, error) {
			id, err := web.PathID(hc, "id")
			if err != nil {
				return 0, err
			}
			return owner(ctx, id)
		}
	}
	projectScope := by(svc.ProjectOwner)
	announcementScope := by(svc.AnnouncementOwner)
	op := func(id, method, path string, status int, summary string, tags ...string) huma.Operation {
		return huma.Operation{OperationID: id, Method: method, Path: path, DefaultStatus: status, Summary: summary, Tags: tags}
	}
	const (
		ok        = http.StatusOK
		created   = http.StatusCreated
		noContent = http.StatusNoContent
	)

	// The marketplace rules: public to read, kept by the platform admin.
	web.Register(api, op("procurement.getRules", http.MethodGet, "/api/v1/procurement-rules", ok,
		"The marketplace rules: limits and working-day periods", "procurement"), nil,
		func(ctx context.Context, _ *struct{}) (*body[*Rules], error) {
			r, err := svc.Rules(ctx)
			return &body[*Rules]{r}, err
		})
	web.Register(api, op("procurement.updateRules", http.MethodPut, "/api/v1/procurement-rules", ok,
		"Change the marketplace rules", "procurement"), nil,
		func(ctx context.Context, in *body[RulesInput]) (*body[*Rules], error) {
			r, err := svc.UpdateRules(ctx, web.Principal(ctx), in.Body)
			return &body[*Rules]{r}, err
		})

	// The project library (投资项目库).
	web.Register(api, op("procurement.listProjects", http.MethodGet, "/api/v1/projects", ok,
		"Investment projects: the caller's organisation's, or every owner's for regulators", "projects"), nil,
		func(ctx context.Context, in *ProjectFilter) (*web.ListOutput[ProjectView], error) {
			return web.ListOf(svc.Projects(ctx, web.Principal(ctx), *in))
		})
	web.Register(api, op("procurement.createProject", http.MethodPost, "/api/v1/projects", created,
		"Add an investment project to my organisation's library", "projects"), nil,
		func(ctx context.Context, in *body[ProjectInput]) (*body[*ProjectView], error) {
			p, err := svc.CreateProject(ctx, web.Principal(ctx), in.Body)
			return &body[*ProjectView]{p}, err
		})
	web.Register(api, op("procurement.getProject", http.MethodGet, "/api/v1/projects/{id}", ok,
		"A project with its planned services and their state", "projects"), projectScope,
		func(ctx context.Context, in *idPath) (*body[*ProjectView], error) {
			p, err := svc.Project(ctx, in.ID)
			return &body[*ProjectView]{p}, err
		})
	web.Register(api, op("procurement.updateProject", http.MethodPut, "/api/v1/projects/{id}", ok,
		"Change a project", "projects"), projectScope,
		func(ctx context.Context, in *withID[ProjectInput]) (*body[*ProjectView], error) {
			p, err := svc.UpdateProject(ctx, web.Principal(ctx).OrgID, in.ID, in.Body)
			return &body[*ProjectView]{p}, err
		})
	web.Register(api, op("procurement.addProjectService", http.MethodPost, "/api/v1/projects/{id}/services", created,
		"Plan an intermediary service the project will need", "projects"), projectScope,
		func(ctx context.Context, in *withID[ProjectServiceInput]) (*body[*ProjectView], error) {
			p, err := svc.AddProjectService(ctx, web.Principal(ctx).OrgID, in.ID, in.Body)
			return &body[*ProjectView]{p}, err
		})
	web.Register(api, op("procurement.updateProjectService", http.MethodPut, "/api/v1/projects/{id}/services/{serviceId}", ok,
		"Change a planned service's date and note", "projects"), projectScope,
		func(ctx context.Context, in *serviceBody) (*body[*ProjectView], error) {
			p, err := svc.UpdateProjectService(ctx, web.Principal(ctx).OrgID, in.ID, in.ServiceID, in.Body)
			return &body[*ProjectView]{p}, err
		})
	web.Register(api, op("procurement.deleteProjectService", http.MethodDelete, "/api/v1/projects/{id}/services/{serviceId}", noContent,
		"Remove a planned service no announcement refers to", "projects"), projectScope,
		func(ctx context.Context, in *servicePath) (*web.Empty, error) {
			return nil, svc.DeleteProjectService(ctx, web.Principal(ctx).OrgID, in.ID, in.ServiceID)
		})

	// Announcements (采购公告), by their owner; regulators read them.
	web.Register(api, op("procurement.listAnnouncements", http.MethodGet, "/api/v1/announcements", ok,
		"Announcements: the caller's organisation's, or every owner's for regulators", "announcements"), nil,
		func(ctx context.Context, in *AnnouncementFilter) (*web.ListOutput[AnnouncementRow], error) {
			return web.ListOf(svc.Announcements(ctx, web.Principal(ctx), *in))
		})
	web.Register(api, op("procurement.createAnnouncement", http.MethodPost, "/api/v1/announcements", created,
		"Draft an announcement for a planned service", "announcements"), nil,
		func(ctx context.Context, in *body[AnnouncementInput]) (*body[*AnnouncementView], error) {
			a, err := svc.CreateAnnouncement(ctx, web.Principal(ctx), in.Body)
			return &body[*AnnouncementView]{a}, err
		})
	web.Register(api, op("procurement.getAnnouncement", http.MethodGet, "/api/v1/announcements/{id}", ok,
		"An announcement with the actions the caller may take", "announcements"), announcementScope,
		func(ctx context.Context, in *idPath) (*body[*AnnouncementView], error) {
			a, err := svc.Announcement(ctx, in.ID)
			return &body[*AnnouncementView]{a}, err
		})
	web.Register(api, op("procurement.updateAnnouncement", http.MethodPut, "/api/v1/announcements/{id}", ok,
		"Change a draft", "announcements"), announcementScope,
		func(ctx context.Context, in *withID[AnnouncementInput]) (*body[*AnnouncementView], error) {
			p := web.Principal(ctx)
			a, err := svc.UpdateAnnouncement(ctx, p, p.OrgID, in.ID, in.Body)
			return &body[*AnnouncementView]{a}, err
		})
	web.Register(api, op("procurement.deleteAnnouncement", http.MethodDelete, "/api/v1/announcements/{id}", noContent,
		"Delete a draft", "announcements"), announcementScope,
		func(ctx context.Context, in *idPath) (*web.Empty, error) {
			p := web.Principal(ctx)
			return nil, svc.DeleteAnnouncement(ctx, p, p.OrgID, in.ID)
		})
	web.Register(api, op("procurement.publishAnnouncement", http.MethodPost, "/api/v1/announcements/{id}/publish", ok,
		"Publish a draft: it gets its code and draw commitment, and registration opens until the deadline", "announcements"), announcementScope,
		func(ctx context.Context, in *idPath) (*body[*AnnouncementView], error) {
			p := web.Principal(ctx)
			a, err := svc.Publish(ctx, p, p.OrgID, in.ID)
			return &body[*AnnouncementView]{a}, err
		})
	web.Register(api, op("procurement.cancelAnnouncement", http.MethodPost, "/api/v1/announcements/{id}/cancel", ok,
		"Cancel an open announcement before its deadline, with a reason; registrants are told", "announcements"), announcementScope,
		func(ctx context.Context, in *withID[CancelInput]) (*body[*AnnouncementView], error) {
			p := web.Principal(ctx)
			a, err := svc.Cancel(ctx, p, p.OrgID, in.ID, in.Body)
			return &body[*AnnouncementView]{a}, err
		})
	web.Register(api, op("procurement.relistAnnouncement", http.MethodPost, "/api/v1/announcements/{id}/relist", created,
		"Draft the next round of a failed announcement, prefilled from it", "announcements"), announcementScope,
		func(ctx context.Context, in *idPath) (*body[*AnnouncementView], error) {
			p := web.Principal(ctx)
			a, err := svc.Relist(ctx, p, p.OrgID, in.ID)
			return &body[*AnnouncementView]{a}, err
		})

	// The public notices.
	web.Register(api, op("notices.list", http.MethodGet, "/api/v1/notices", ok,
		"Published announcements, newest first, a page at a time", "public"), nil,
		func(ctx context.Context, in *NoticeFilter) (*web.KeysetOutput[NoticeRow], error) {
			return web.KeysetOf(svc.Notices(ctx, *in))
		})
	web.Register(api, op("notices.get", http.MethodGet, "/api/v1/notices/{code}", ok,
		"A published announcement: terms, deadline, requirements and the number of registrants", "public"), nil,
		func(ctx context.Context, in *codePath) (*body[*NoticeDetail], error) {
			d, err := svc.Notice(ctx, in.Code)
			return &body[*NoticeDetail]{d}, err
		})
}
