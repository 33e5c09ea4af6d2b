package app

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humachi"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"intermart/frontend"
	"intermart/internal/agency"
	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/config"
	"intermart/internal/contract"
	"intermart/internal/files"
	"intermart/internal/identity"
	"intermart/internal/opendata"
	"intermart/internal/procurement"
	"intermart/internal/supervision"
	"intermart/internal/trainingclock"
	"intermart/internal/web"
	"intermart/internal/workdays"
	"intermart/internal/workspace"
)

// Version is the API version shown in the OpenAPI document.
const Version = "0.1.0"

// routes declares every route of the public server in one place: health
// probes at the root, the API under /api/v1, the SPA for everything else.
// /metrics and the profiler are not here: they are served on the operators'
// own listener (INTERMART_METRICS_ADDR), see Server.Start.
func routes(cfg config.Config, log *slog.Logger, enforcer *authz.Enforcer, caps capabilities,
	ready func(context.Context) map[string]string, metrics *web.Metrics) (http.Handler, *web.API) {
	r := chi.NewRouter()
	// HEAD is answered as GET without the body (net/http drops it), as
	// HTTP asks of every GET resource: a link checker or a cache
	// revalidating a public page gets the headers it would get with GET.
	r.Use(web.RequestID, web.RequestLog(log), middleware.Recoverer,
		web.SecurityHeaders(web.ContentSecurityPolicy(cfg.S3Origin())), metrics.Middleware, web.ClientAddr(cfg.TrustedProxies), web.NoteRequester,
		middleware.GetHead)

	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, 200, map[string]string{"status": "ok"}) })
	r.Get("/readyz", func(w http.ResponseWriter, r *http.Request) {
		status := ready(r.Context())
		code := http.StatusOK
		for _, v := range status {
			if v != "ok" {
				code = http.StatusServiceUnavailable
			}
		}
		writeJSON(w, code, status)
	})

	var api *web.API
	r.Group(func(r chi.Router) {
		r.Use(web.CrossOrigin, web.LimitBody(cfg.MaxBodyBytes, map[string]int64{files.UploadPath: cfg.MaxUploadBytes + 1024,
			contract.DeliverableUploadPath: cfg.MaxDeliverableBytes + 1024}),
			web.Deadline(cfg.RequestTimeout, files.UploadPath, contract.DeliverableUploadPath), web.NoStore,
			caps.sessions.Middleware, web.NoteRequester)
		api = newAPI(r, cfg, log, enforcer, caps)
	})
	r.Handle("/api/v1/docs", web.Docs(api))
	spa := web.SPA(frontend.Dist())
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			web.NotFound(w, r)
			return
		}
		spa.ServeHTTP(w, r)
	})
	return r, api
}

// newAPI builds the huma API on r with every capability's operations behind
// the rate limits and the authorization middleware. The same function builds
// the served API and the printed OpenAPI document, so they cannot differ.
func newAPI(r chi.Router, cfg config.Config, log *slog.Logger, enforcer *authz.Enforcer, caps capabilities) *web.API {
	hc := huma.DefaultConfig("intermart API", Version)
	hc.Info.Description = "API of the Dali Prefecture intermediary services marketplace (大理州中介服务超市).\n\n" +
		"Sign in with `POST /api/v1/auth/signin`: the answer sets the session cookie `intermart_session`, " +
		"which every operation marked with the `session` scheme needs (401 without it). " +
		"Writes must come from the same origin (403 otherwise). " +
		"Every error is `application/problem+json` (RFC 9457) with a stable `code`, `reason` and, " +
		"for refused input, `errors[]` naming each field's `location` and `reason`."
	hc.Info.License = &huma.License{Name: "Proprietary: Dali Bai Autonomous Prefecture government"}
	hc.Info.Contact = &huma.Contact{Name: "Platform administrator"}
	hc.Servers = []*huma.Server{{URL: "/", Description: "The server that serves this document"}}
	hc.OpenAPIPath = "/api/v1/openapi"
	hc.DocsPath = "" // served by web.Docs without third-party scripts
	hc.SchemasPath = ""
	hc.CreateHooks = nil // no $schema links in bodies: the generated TypeScript stays clean
	hc.Formats = web.Formats(hc.Formats)
	hc.Transformers = []huma.Transformer{web.SizedJSON}
	hc.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		web.SessionScheme: {Type: "apiKey", In: "cookie", Name: sessionCookie,
			Description: "The session started by auth.signIn."},
	}
	api := &web.API{API: humachi.New(r, hc), Log: log, MaxBodyBytes: cfg.MaxBodyBytes,
		Access: func(op string) (signIn, forbid bool) {
			anonymous, err1 := enforcer.Allow(nil, op, 0)
			// A member of one organisation acting on another's object:
			// allowed only when every signed-in user may do it anywhere.
			member, err2 := enforcer.Allow(&authz.Principal{OrgID: 1, Role: authz.Member}, op, 2)
			return err1 != nil || !anonymous, err2 != nil || !member
		}}
	api.UseMiddleware(web.RateLimits(log), authz.Middleware(enforcer, log))
	for _, register := range caps.apis() {
		register(api)
	}
	registerSite(api, cfg.Site, caps.training)
	return api
}

// sessionCookie is the session cookie's name.
const sessionCookie = "intermart_session"

// apis is the one list of the capabilities' operations, in the order of the
// API document.
func (c capabilities) apis() []func(*web.API) {
	return []func(*web.API){
		func(api *web.API) { identity.RegisterAPI(api, c.identity, c.sessions) },
		func(api *web.API) { files.RegisterAPI(api, c.files) },
		func(api *web.API) { catalog.RegisterAPI(api, c.catalog) },
		func(api *web.API) { agency.RegisterAPI(api, c.agency) },
		func(api *web.API) { workspace.RegisterAPI(api, c.todo) },
		func(api *web.API) { procurement.RegisterAPI(api, c.procurement) },
		func(api *web.API) { workdays.RegisterAPI(api, c.workdays) },
		func(api *web.API) { procurement.RegisterCompetitionAPI(api, c.procurement) },
		func(api *web.API) { trainingclock.RegisterAPI(api, c.training) },
		func(api *web.API) { contract.RegisterAPI(api, c.contract) },
		func(api *web.API) { supervision.RegisterDashboardAPI(api, c.supervision) },
		func(api *web.API) { opendata.RegisterAPI(api, c.opendata) },
		func(api *web.API) { supervision.RegisterRedFlagAPI(api, c.supervision) },
		func(api *web.API) { supervision.RegisterWarningsAPI(api, c.supervision) },
		func(api *web.API) { supervision.RegisterComplaintsAPI(api, c.supervision) },
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
