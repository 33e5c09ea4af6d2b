package catalog

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/authz"
	"intermart/internal/web"
)

type typePath struct {
	TypeID int64 `path:"typeId"`
}

type typeOutput struct{ Body *QualificationType }

type createTypeInput struct{ Body NewQualificationType }

type updateTypeInput struct {
	TypeID int64 `path:"typeId"`
	Body   QualificationTypeUpdate
}

type listItemsInput struct {
	Category        string `query:"category" maxLength:"40" doc:"Only items of this category"`
	Q               string `query:"q" maxLength:"100" doc:"Part of the code or of the Chinese or English name"`
	RegulatorID     int64  `query:"regulatorId" doc:"Only items this regulator is in charge of"`
	IncludeInactive bool   `query:"includeInactive" doc:"Include retired items; honoured for the platform admin and regulators only"`
}

type itemPath struct {
	ItemID int64 `path:"itemId"`
}

type itemOutput struct{ Body *ServiceItem }

type createItemInput struct{ Body ItemInput }

type updateItemInput struct {
	ItemID int64 `path:"itemId"`
	Body   ItemInput
}

// RegisterAPI adds the catalogue operations to api. The catalogue concerns
// no particular organisation, so no operation has a scope.
func RegisterAPI(api *web.API, svc *Service) {
	h := &handlers{svc: svc}
	tags := []string{"catalogue"}
	web.Register(api, huma.Operation{OperationID: "catalog.listCategories", Method: http.MethodGet, Path: "/api/v1/catalog/categories",
		Summary: "Categories of service items", Tags: tags}, nil, h.listCategories)
	web.Register(api, huma.Operation{OperationID: "catalog.listQualificationTypes", Method: http.MethodGet, Path: "/api/v1/catalog/qualification-types",
		Summary: "Qualification types with their levels", Tags: tags}, nil, h.listTypes)
	web.Register(api, huma.Operation{OperationID: "catalog.createQualificationType", Method: http.MethodPost, Path: "/api/v1/catalog/qualification-types",
		Summary: "Add a qualification type", Tags: tags, DefaultStatus: http.StatusCreated}, nil, h.createType)
	web.Register(api, huma.Operation{OperationID: "catalog.updateQualificationType", Method: http.MethodPut, Path: "/api/v1/catalog/qualification-types/{typeId}",
		Summary: "Rename a qualification type and edit its levels", Tags: tags,
		Description: "Levels are matched by code: new codes are added, existing ones renamed and ranked by their position. " +
			"Leaving out a level that an item requires or an agency holds is refused (level_in_use)."}, nil, h.updateType)
	web.Register(api, huma.Operation{OperationID: "catalog.listItems", Method: http.MethodGet, Path: "/api/v1/catalog/items",
		Summary: "Service items (中介服务事项)", Tags: tags,
		Description: "Active items by code. Retired items are included only for the platform admin and regulators, on request."}, nil, h.listItems)
	web.Register(api, huma.Operation{OperationID: "catalog.getItem", Method: http.MethodGet, Path: "/api/v1/catalog/items/{itemId}",
		Summary: "One service item with its requirements", Tags: tags}, nil, h.getItem)
	web.Register(api, huma.Operation{OperationID: "catalog.createItem", Method: http.MethodPost, Path: "/api/v1/catalog/items",
		Summary: "Add a service item", Tags: tags, DefaultStatus: http.StatusCreated}, nil, h.createItem)
	web.Register(api, huma.Operation{OperationID: "catalog.updateItem", Method: http.MethodPut, Path: "/api/v1/catalog/items/{itemId}",
		Summary: "Replace a service item and its requirements", Tags: tags,
		Description: "Every field is replaced, requirements included; active false retires the item."}, nil, h.updateItem)
}

type handlers struct{ svc *Service }

func (h *handlers) listCategories(ctx context.Context, _ *struct{}) (*web.ListOutput[Category], error) {
	return web.ListOf(h.svc.Categories(ctx))
}

func (h *handlers) listTypes(ctx context.Context, _ *struct{}) (*web.ListOutput[QualificationType], error) {
	return web.ListOf(h.svc.QualificationTypes(ctx))
}

func (h *handlers) createType(ctx context.Context, in *createTypeInput) (*typeOutput, error) {
	t, err := h.svc.CreateQualificationType(ctx, in.Body)
	return &typeOutput{Body: t}, err
}

func (h *handlers) updateType(ctx context.Context, in *updateTypeInput) (*typeOutput, error) {
	t, err := h.svc.UpdateQualificationType(ctx, in.TypeID, in.Body)
	return &typeOutput{Body: t}, err
}

func (h *handlers) listItems(ctx context.Context, in *listItemsInput) (*web.ListOutput[ServiceItem], error) {
	role := authz.RoleOf(web.Principal(ctx))
	return web.ListOf(h.svc.Items(ctx, ItemFilter{Category: in.Category, Query: in.Q, RegulatorID: in.RegulatorID,
		IncludeInactive: in.IncludeInactive && (role == authz.PlatformAdmin || role == authz.Regulator)}))
}

func (h *handlers) getItem(ctx context.Context, in *itemPath) (*itemOutput, error) {
	it, err := h.svc.Item(ctx, in.ItemID)
	return &itemOutput{Body: it}, err
}

func (h *handlers) createItem(ctx context.Context, in *createItemInput) (*itemOutput, error) {
	it, err := h.svc.CreateItem(ctx, in.Body)
	return &itemOutput{Body: it}, err
}

func (h *handlers) updateItem(ctx context.Context, in *updateItemInput) (*itemOutput, error) {
	it, err := h.svc.UpdateItem(ctx, in.ItemID, in.Body)
	return &itemOutput{Body: it}, err
}
