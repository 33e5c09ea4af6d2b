package app

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humachi"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-chi/httprate"

	"intermart/frontend"
	"intermart/internal/agency"
	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/config"
	"intermart/internal/errs"
	"intermart/internal/files"
	"intermart/internal/identity"
	"intermart/internal/problem"
	"intermart/internal/web"
)

// Version is the API version shown in the OpenAPI document.
const Version = "0.1.0"

// routes declares every route of the server in one place: health probes and
// metrics at the root, the API under /api/v1, the SPA for everything else.
func routes(cfg config.Config, log *slog.Logger, enforcer *authz.Enforcer, caps capabilities,
	ready func(context.Context) map[string]string) (http.Handler, *web.API) {
	metrics := web.NewMetrics()
	r := chi.NewRouter()
	r.Use(middleware.RequestID, web.RequestLog(log), middleware.Recoverer,
		web.SecurityHeaders(web.ContentSecurityPolicy(cfg.S3Origin())), metrics.Middleware, web.ClientAddr)

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
	r.Handle("/metrics", metrics.Handler())

	var api *web.API
	r.Group(func(r chi.Router) {
		r.Use(web.CrossOrigin, signUpAndSignInLimit(), web.LimitBody(cfg.MaxBodyBytes, map[string]int64{files.UploadPath: cfg.MaxUploadBytes + 1024}),
			caps.sessions.Middleware)
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
// the authorization middleware.
func newAPI(r chi.Router, cfg config.Config, log *slog.Logger, enforcer *authz.Enforcer, caps capabilities) *web.API {
	hc := huma.DefaultConfig("intermart API", Version)
	hc.Info.Description = "API of the Dali Prefecture intermediary services marketplace (大理州中介服务超市)."
	hc.OpenAPIPath = "/api/v1/openapi"
	hc.DocsPath = "" // served by web.Docs without third-party scripts
	hc.SchemasPath = ""
	hc.CreateHooks = nil // no $schema links in bodies: the generated TypeScript stays clean
	hc.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"session": {Type: "apiKey", In: "cookie", Name: "intermart_session"},
	}
	api := &web.API{API: humachi.New(r, hc), Log: log, MaxBodyBytes: cfg.MaxBodyBytes}
	api.UseMiddleware(authz.Middleware(enforcer, log))
	identity.RegisterAPI(api, caps.identity, caps.sessions)
	files.RegisterAPI(api, caps.files)
	catalog.RegisterAPI(api, caps.catalog)
	agency.RegisterAPI(api, caps.agency)
	return api
}

// signUpAndSignInLimit slows down scripted guessing per address before it
// reaches the database-backed lockout.
func signUpAndSignInLimit() func(http.Handler) http.Handler {
	limit := httprate.Limit(60, time.Minute, httprate.WithKeyFuncs(httprate.KeyByIP),
		httprate.WithLimitHandler(func(w http.ResponseWriter, r *http.Request) {
			e := errs.New(errs.LockedOut, "rate_limited", "too many requests: wait a minute and try again")
			e.RetryAfter = time.Minute
			problem.WriteHTTP(w, problem.From(e, nil))
		}))
	return func(next http.Handler) http.Handler {
		limited := limit(next)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost && (r.URL.Path == "/api/v1/auth/signin" || r.URL.Path == "/api/v1/agency-signups") {
				limited.ServeHTTP(w, r)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
