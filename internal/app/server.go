package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/alexedwards/scs/postgresstore"
	"github.com/alexedwards/scs/v2"

	"intermart/internal/agency"
	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/config"
	"intermart/internal/db"
	"intermart/internal/files"
	"intermart/internal/identity"
	"intermart/internal/jobs"
	"intermart/internal/objects"
	"intermart/internal/web"
)

// Server is one running marketplace server. It keeps no state of its own:
// sessions, jobs and data live in PostgreSQL and MinIO, so any number of
// servers can run side by side.
type Server struct {
	cfg     config.Config
	log     *slog.Logger
	db      *db.DB
	objects *objects.Store
	jobs    *jobs.Client
	api     *web.API
	handler http.Handler
	http    *http.Server
	ln      net.Listener
}

// capabilities are the services the API is built from.
type capabilities struct {
	identity *identity.Service
	sessions *identity.Sessions
	files    *files.Service
	catalog  *catalog.Service
	agency   *agency.Service
}

func newCapabilities(d *db.DB, store *objects.Store, cfg config.Config, log *slog.Logger) capabilities {
	var c capabilities
	c.identity = identity.NewService(d.Bun)
	c.files = files.NewService(d.Bun, store, cfg.MaxUploadBytes)
	c.catalog = catalog.NewService(d.Bun)
	c.agency = agency.NewService(d.Bun, c.catalog, c.files, clock.Database{})
	sm := scs.New()
	// Expired rows are purged by the identity.purge job, on one server at a time.
	sm.Store = postgresstore.NewWithCleanupInterval(d.SQL, 0)
	sm.Lifetime = cfg.SessionLifetime
	sm.IdleTimeout = 0
	sm.Cookie.Name = "intermart_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = cfg.SecureCookies
	sm.Cookie.Path = "/"
	c.sessions = identity.NewSessions(c.identity, sm, log)
	return c
}

// NewServer connects to PostgreSQL and MinIO (retrying while they start),
// applies migrations, ensures the bucket and builds the HTTP handler.
func NewServer(ctx context.Context, cfg config.Config, log *slog.Logger) (*Server, error) {
	d, err := db.Open(ctx, cfg.DatabaseURL, cfg.ConnectTimeout, log, db.MaxConns(cfg.DBMaxConns))
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: log, db: d}
	if err := db.Migrate(ctx, d, log); err != nil {
		d.Close()
		return nil, err
	}
	s.objects, err = objects.Open(ctx, objectsConfig(cfg), cfg.ConnectTimeout, log)
	if err != nil {
		d.Close()
		return nil, err
	}
	enforcer, err := authz.NewEnforcer()
	if err != nil {
		d.Close()
		return nil, err
	}
	caps := newCapabilities(d, s.objects, cfg, log)
	setup := jobs.NewSetup()
	identity.RegisterJobs(setup, caps.identity)
	agency.RegisterJobs(setup, caps.agency)
	s.jobs, err = jobs.New(d.Pool, setup, log)
	if err != nil {
		d.Close()
		return nil, err
	}
	s.handler, s.api = routes(cfg, log, enforcer, caps, s.ready)
	return s, nil
}

// Start listens on the configured address and serves in the background.
func (s *Server) Start(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	s.ln = ln
	s.http = &http.Server{Handler: s.handler, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	go func() {
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("http server", "err", err)
		}
	}()
	if err := s.jobs.Start(ctx); err != nil {
		return fmt.Errorf("start river: %w", err)
	}
	s.log.Info("serving", "url", s.URL())
	return nil
}

// URL is where the server listens, e.g. http://127.0.0.1:8080.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() }

// Shutdown lets requests and jobs in flight finish, then closes connections.
func (s *Server) Shutdown(ctx context.Context) error {
	var errList []error
	if s.http != nil {
		errList = append(errList, s.http.Shutdown(ctx))
		errList = append(errList, jobs.Stop(ctx, s.jobs))
	}
	s.db.Close()
	return errors.Join(errList...)
}

// ready reports whether PostgreSQL and MinIO answer, for /readyz.
func (s *Server) ready(ctx context.Context) map[string]string {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	status := map[string]string{"postgresql": "ok", "minio": "ok"}
	if err := s.db.Pool.Ping(ctx); err != nil {
		status["postgresql"] = err.Error()
	}
	if err := s.objects.Ping(ctx); err != nil {
		status["minio"] = err.Error()
	}
	return status
}

func objectsConfig(cfg config.Config) objects.Config {
	return objects.Config{Endpoint: cfg.S3Endpoint, AccessKey: cfg.S3AccessKey,
		SecretKey: cfg.S3SecretKey, Bucket: cfg.S3Bucket, TLS: cfg.S3TLS, PublicURL: cfg.S3PublicURL}
}
