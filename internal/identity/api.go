package identity

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/authz"
	"intermart/internal/web"
)

// Session is who is signed in, for the UI.
type Session struct {
	User         User         `json:"user"`
	Organisation Organisation `json:"organisation"`
	// Permissions come from the same policy that checks every request, so
	// the UI offers what the server allows and nothing else.
	Permissions []authz.Permission `json:"permissions" nullable:"false" doc:"The operations the user may call (operation IDs of this document), each with its scope"`
}

type sessionOutput struct{ Body Session }

type signInInput struct {
	Body struct {
		Username string `json:"username" maxLength:"40"`
		Password string `json:"password" maxLength:"128"`
	}
}

type changePasswordInput struct {
	Body struct {
		CurrentPassword string `json:"currentPassword" maxLength:"128"`
		NewPassword     string `json:"newPassword" maxLength:"128"`
	}
}

type languageInput struct {
	Body struct {
		Language string `json:"language" enum:"zh-CN,en-US"`
	}
}

type summaryOutput struct{ Body Summary }

type signUpInput struct{ Body AgencySignUp }

type signUpOutput struct {
	Body struct {
		OrganisationID int64  `json:"organisationId"`
		Status         string `json:"status" enum:"active,pending_review"`
	}
}

type listOrganisationsInput struct {
	Kind   string `query:"kind" enum:"platform,regulator,owner,agency," doc:"Only organisations of this kind"`
	Status string `query:"status" enum:"active,pending_review," doc:"Only organisations in this status"`
	Q      string `query:"q" maxLength:"100" doc:"Part of the name or credit code"`
}

type orgPath struct {
	OrgID int64 `path:"orgId"`
}

type orgOutput struct{ Body *Organisation }

type createOrgInput struct{ Body NewOrganisation }

type createUserInput struct {
	OrgID int64 `path:"orgId"`
	Body  NewUser
}

type userPath struct {
	UserID int64 `path:"userId"`
}

type userOutput struct{ Body *User }

type updateOrgInput struct {
	OrgID int64 `path:"orgId"`
	Body  OrganisationUpdate
}

type resetPasswordInput struct {
	UserID int64 `path:"userId"`
	Body   PasswordReset
}

type resetPasswordOutput struct {
	Body struct {
		Password string `json:"password" doc:"The temporary password, shown to the administrator this once"`
	}
}

type changeRoleInput struct {
	UserID int64 `path:"userId"`
	Body   RoleChange
}

// RegisterAPI adds the identity operations to api.
func RegisterAPI(api *web.API, svc *Service, sessions *Sessions) {
	h := &handlers{svc: svc, sessions: sessions}
	orgScope := func(_ context.Context, hc huma.Context) (int64, error) { return web.PathID(hc, "orgId") }
	userScope := func(ctx context.Context, hc huma.Context) (int64, error) {
		id, err := web.PathID(hc, "userId")
		if err != nil {
			return 0, err
		}
		return svc.UserOrganisation(ctx, id)
	}

	web.Register(api, huma.Operation{OperationID: "auth.signIn", Method: http.MethodPost, Path: "/api/v1/auth/signin",
		Summary: "Sign in", Tags: []string{"auth"}, Errors: []int{http.StatusUnauthorized, http.StatusTooManyRequests},
		Metadata: web.Limited(60, time.Minute),
		Description: "Starts a session (cookie). Wrong credentials answer 401 whether or not the account exists; " +
			"repeated failures answer 429 with Retry-After."}, nil, h.signIn)
	web.Register(api, huma.Operation{OperationID: "auth.session", Method: http.MethodGet, Path: "/api/v1/auth/session",
		Summary: "Who is signed in", Tags: []string{"auth"}}, nil, h.session)
	web.Register(api, huma.Operation{OperationID: "auth.signOut", Method: http.MethodPost, Path: "/api/v1/auth/signout",
		Summary: "Sign out", Tags: []string{"auth"}, DefaultStatus: http.StatusNoContent}, nil, h.signOut)
	web.Register(api, huma.Operation{OperationID: "auth.changePassword", Method: http.MethodPut, Path: "/api/v1/auth/password",
		Summary: "Change my password", Tags: []string{"auth"}, DefaultStatus: http.StatusNoContent,
		Description: "Other sessions of the user end; this one continues."}, nil, h.changePassword)
	web.Register(api, huma.Operation{OperationID: "auth.setLanguage", Method: http.MethodPut, Path: "/api/v1/auth/language",
		Summary: "Remember my language", Tags: []string{"auth"}, DefaultStatus: http.StatusNoContent}, nil, h.setLanguage)

	web.Register(api, huma.Operation{OperationID: "identity.listRegions", Method: http.MethodGet, Path: "/api/v1/regions",
		Summary: "Dali Prefecture's divisions", Tags: []string{"public"}}, nil, h.regions)
	web.Register(api, huma.Operation{OperationID: "portal.summary", Method: http.MethodGet, Path: "/api/v1/portal/summary",
		Summary: "Counts shown on the public portal", Tags: []string{"public"}}, nil, h.summary)
	web.Register(api, huma.Operation{OperationID: "identity.signUpAgency", Method: http.MethodPost, Path: "/api/v1/agency-signups",
		Summary: "An agency applies to join (入驻申请)", Tags: []string{"public"}, DefaultStatus: http.StatusCreated,
		Metadata:    web.Limited(60, time.Minute),
		Description: "Creates the agency organisation, pending review, and its first administrator."}, nil, h.signUpAgency)

	web.Register(api, huma.Operation{OperationID: "identity.listOrganisations", Method: http.MethodGet, Path: "/api/v1/organisations",
		Summary: "List organisations", Tags: []string{"organisations"}}, nil, h.listOrganisations)
	web.Register(api, huma.Operation{OperationID: "identity.createOrganisation", Method: http.MethodPost, Path: "/api/v1/organisations",
		Summary: "Create an owner or regulator with its first admin", Tags: []string{"organisations"}, DefaultStatus: http.StatusCreated}, nil, h.createOrganisation)
	web.Register(api, huma.Operation{OperationID: "identity.getOrganisation", Method: http.MethodGet, Path: "/api/v1/organisations/{orgId}",
		Summary: "Get an organisation", Tags: []string{"organisations"}}, orgScope, h.getOrganisation)
	web.Register(api, huma.Operation{OperationID: "identity.updateOrganisation", Method: http.MethodPut, Path: "/api/v1/organisations/{orgId}",
		Summary: "Correct an organisation's name and credit code", Tags: []string{"organisations"},
		Description: "The same checks as at registration apply (name unique within the kind in its normalised form, credit code check character). " +
			"Each changed value is recorded with who changed it and when."}, orgScope, h.updateOrganisation)
	web.Register(api, huma.Operation{OperationID: "identity.listOrganisationChanges", Method: http.MethodGet, Path: "/api/v1/organisations/{orgId}/changes",
		Summary: "What was changed on an organisation and its users (变更记录)", Tags: []string{"organisations"},
		Description: "Name and credit-code corrections, role changes and password resets, newest first."}, orgScope, h.listOrganisationChanges)
	web.Register(api, huma.Operation{OperationID: "identity.listUsers", Method: http.MethodGet, Path: "/api/v1/organisations/{orgId}/users",
		Summary: "List an organisation's users", Tags: []string{"organisations"}}, orgScope, h.listUsers)
	web.Register(api, huma.Operation{OperationID: "identity.createUser", Method: http.MethodPost, Path: "/api/v1/organisations/{orgId}/users",
		Summary: "Add a user to an organisation", Tags: []string{"organisations"}, DefaultStatus: http.StatusCreated}, orgScope, h.createUser)
	web.Register(api, huma.Operation{OperationID: "identity.resetPassword", Method: http.MethodPut, Path: "/api/v1/users/{userId}/password",
		Summary: "Reset a user's password", Tags: []string{"organisations"},
		Description: "Sets the given temporary password, or generates one (generate: true) and returns it this once. " +
			"The user's sessions end; at the next sign-in they must choose a new password before anything else."}, userScope, h.resetPassword)
	web.Register(api, huma.Operation{OperationID: "identity.changeRole", Method: http.MethodPut, Path: "/api/v1/users/{userId}/role",
		Summary: "Change a user's role", Tags: []string{"organisations"},
		Description: "Only a role of the organisation's kind; the organisation's last enabled administrator keeps the role. " +
			"The user's sessions act with the new role from their next request."}, userScope, h.changeRole)
	web.Register(api, huma.Operation{OperationID: "identity.disableUser", Method: http.MethodPost, Path: "/api/v1/users/{userId}/disable",
		Summary: "Disable a user", Tags: []string{"organisations"}}, userScope, h.disableUser)
	web.Register(api, huma.Operation{OperationID: "identity.enableUser", Method: http.MethodPost, Path: "/api/v1/users/{userId}/enable",
		Summary: "Enable a user", Tags: []string{"organisations"}}, userScope, h.enableUser)
}

type handlers struct {
	svc      *Service
	sessions *Sessions
}

func (h *handlers) sessionOf(ctx context.Context, userID int64) (*sessionOutput, error) {
	u, err := h.svc.User(ctx, userID)
	if err != nil {
		return nil, err
	}
	org, err := h.svc.Organisation(ctx, u.OrganisationID)
	if err != nil {
		return nil, err
	}
	// At sign-in the request is still anonymous: ask for the user signing in.
	p := principal(u.ID, org.ID, org.Kind, u.Role, u.Language, org.ReviewsAgencies)
	perms, err := authz.PermissionsOf(authz.WithPrincipal(ctx, p))
	if err != nil {
		return nil, err
	}
	return &sessionOutput{Body: Session{User: *u, Organisation: *org, Permissions: perms}}, nil
}

func (h *handlers) signIn(ctx context.Context, in *signInInput) (*sessionOutput, error) {
	u, err := h.svc.SignIn(ctx, in.Body.Username, in.Body.Password, web.ClientAddrFrom(ctx))
	if err != nil {
		return nil, err
	}
	if err := h.sessions.Begin(ctx, u); err != nil {
		return nil, err
	}
	return h.sessionOf(ctx, u.ID)
}

func (h *handlers) session(ctx context.Context, _ *struct{}) (*sessionOutput, error) {
	return h.sessionOf(ctx, web.Principal(ctx).UserID)
}

func (h *handlers) signOut(ctx context.Context, _ *struct{}) (*web.Empty, error) {
	return nil, h.sessions.End(ctx)
}

func (h *handlers) changePassword(ctx context.Context, in *changePasswordInput) (*web.Empty, error) {
	userID := web.Principal(ctx).UserID
	if err := h.svc.ChangePassword(ctx, userID, in.Body.CurrentPassword, in.Body.NewPassword, web.ClientAddrFrom(ctx)); err != nil {
		return nil, err
	}
	return nil, h.sessions.KeepAfterPasswordChange(ctx, userID)
}

func (h *handlers) setLanguage(ctx context.Context, in *languageInput) (*web.Empty, error) {
	return nil, h.svc.SetLanguage(ctx, web.Principal(ctx).UserID, in.Body.Language)
}

func (h *handlers) regions(ctx context.Context, _ *struct{}) (*web.ListOutput[Region], error) {
	return web.ListOf(h.svc.Regions(ctx))
}

func (h *handlers) summary(ctx context.Context, _ *struct{}) (*summaryOutput, error) {
	s, err := h.svc.PortalSummary(ctx)
	return &summaryOutput{Body: s}, err
}

func (h *handlers) signUpAgency(ctx context.Context, in *signUpInput) (*signUpOutput, error) {
	org, err := h.svc.SignUpAgency(ctx, in.Body)
	if err != nil {
		return nil, err
	}
	out := &signUpOutput{}
	out.Body.OrganisationID, out.Body.Status = org.ID, org.Status
	return out, nil
}

func (h *handlers) listOrganisations(ctx context.Context, in *listOrganisationsInput) (*web.ListOutput[Organisation], error) {
	return web.ListOf(h.svc.ListOrganisations(ctx, OrganisationFilter{Kind: in.Kind, Status: in.Status, Query: in.Q}))
}

func (h *handlers) createOrganisation(ctx context.Context, in *createOrgInput) (*orgOutput, error) {
	org, err := h.svc.CreateOrganisation(ctx, in.Body)
	return &orgOutput{Body: org}, err
}

func (h *handlers) getOrganisation(ctx context.Context, in *orgPath) (*orgOutput, error) {
	org, err := h.svc.Organisation(ctx, in.OrgID)
	return &orgOutput{Body: org}, err
}

func (h *handlers) listUsers(ctx context.Context, in *orgPath) (*web.ListOutput[User], error) {
	if _, err := h.svc.Organisation(ctx, in.OrgID); err != nil {
		return nil, err
	}
	return web.ListOf(h.svc.Users(ctx, in.OrgID))
}

func (h *handlers) createUser(ctx context.Context, in *createUserInput) (*userOutput, error) {
	u, err := h.svc.CreateUser(ctx, in.OrgID, in.Body)
	return &userOutput{Body: u}, err
}

func (h *handlers) disableUser(ctx context.Context, in *userPath) (*userOutput, error) {
	u, err := h.svc.SetDisabled(ctx, web.Principal(ctx), in.UserID, true)
	return &userOutput{Body: u}, err
}

func (h *handlers) enableUser(ctx context.Context, in *userPath) (*userOutput, error) {
	u, err := h.svc.SetDisabled(ctx, web.Principal(ctx), in.UserID, false)
	return &userOutput{Body: u}, err
}

func (h *handlers) updateOrganisation(ctx context.Context, in *updateOrgInput) (*orgOutput, error) {
	org, err := h.svc.UpdateOrganisation(ctx, web.Principal(ctx), in.OrgID, in.Body)
	return &orgOutput{Body: org}, err
}

func (h *handlers) listOrganisationChanges(ctx context.Context, in *orgPath) (*web.ListOutput[OrganisationChange], error) {
	return web.ListOf(h.svc.OrganisationChanges(ctx, in.OrgID))
}

func (h *handlers) resetPassword(ctx context.Context, in *resetPasswordInput) (*resetPasswordOutput, error) {
	password, err := h.svc.ResetPassword(ctx, web.Principal(ctx), in.UserID, in.Body)
	if err != nil {
		return nil, err
	}
	out := &resetPasswordOutput{}
	out.Body.Password = password
	return out, nil
}

func (h *handlers) changeRole(ctx context.Context, in *changeRoleInput) (*userOutput, error) {
	u, err := h.svc.ChangeRole(ctx, web.Principal(ctx), in.UserID, in.Body)
	return &userOutput{Body: u}, err
}
