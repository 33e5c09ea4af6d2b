package opendata

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/web"
)

type body[T any] struct{ Body T }

type recordPath struct {
	OCID string `path:"ocid" maxLength:"100" doc:"The process's Open Contracting ID"`
}

type auditPath struct {
	Kind string `path:"kind" enum:"announcement,contract"`
	ID   int64  `path:"id" minimum:"1"`
}

// RegisterAPI adds the open-data operations, anonymous, and the regulators'
// audit view.
func RegisterAPI(api *web.API, svc *Service) {
	op := func(id, method, path string, summary string, tags ...string) huma.Operation {
		return huma.Operation{OperationID: id, Method: method, Path: path, DefaultStatus: http.StatusOK, Summary: summary, Tags: tags}
	}
	web.Register(api, op("ocds.listReleases", http.MethodGet, "/api/v1/ocds/releases",
		"OCDS 1.1.5 release package: every release in date order, paged by links.next", "Open data"), nil,
		func(ctx context.Context, in *ReleasesQuery) (*body[*ReleasePackage], error) {
			p, err := svc.Releases(ctx, *in)
			return &body[*ReleasePackage]{p}, err
		})
	web.Register(api, op("ocds.getRecord", http.MethodGet, "/api/v1/ocds/records/{ocid}",
		"OCDS 1.1.5 record package of one process: its releases and compiled release", "Open data"), nil,
		func(ctx context.Context, in *recordPath) (*body[*RecordPackage], error) {
			p, err := svc.Record(ctx, in.OCID)
			return &body[*RecordPackage]{p}, err
		})
	web.Register(api, op("audit.getTrail", http.MethodGet, "/api/v1/audit/{kind}/{id}",
		"An announcement's or contract's audit events and whether its chain verifies", "Audit"), nil,
		func(ctx context.Context, in *auditPath) (*body[*AuditTrail], error) {
			t, err := svc.AuditTrail(ctx, in.Kind, in.ID)
			return &body[*AuditTrail]{t}, err
		})
}
