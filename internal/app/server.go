package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"

	"intermart/internal/agency"
	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/config"
	"intermart/internal/contract"
	"intermart/internal/db"
	"intermart/internal/files"
	"intermart/internal/identity"
	"intermart/internal/jobs"
	"intermart/internal/objects"
	"intermart/internal/opendata"
	"intermart/internal/procurement"
	"intermart/internal/seal"
	"intermart/internal/supervision"
	"intermart/internal/trainingclock"
	"intermart/internal/web"
	"intermart/internal/workdays"
	"intermart/internal/workspace"
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
	metrics *web.Metrics
	caps    capabilities
	handler http.Handler
	http    *http.Server
	ln      net.Listener
	// The operators' listener (/metrics, /debug/pprof/), when configured.
	opsHTTP *http.Server
	opsLn   net.Listener
}

// capabilities are the services the API is built from.
type capabilities struct {
	identity *identity.Service
	sessions *identity.Sessions
	files    *files.Service
	catalog  *catalog.Service
	agency   *agency.Service
	todo     *workspace.Service
	// procurement is built once the queue exists (it schedules deadline jobs).
	procurement *procurement.Service
	// contract follows the awards; built after procurement.
	contract *contract.Service
	// supervision and opendata sit on top: they learn of the changes below
	// through the change hooks and read through exported functions.
	supervision *supervision.Service
	opendata    *opendata.Service
	workdays    *workdays.Service
	// training is the training clock (moved only where the clock is
	// adjustable); clock is the marketplace clock every service reads.
	training *trainingclock.Service
	clock    clock.Clock
	// queue schedules jobs in the caller's bun transaction, for services
	// whose changes cause background work.
	queue jobs.Inserter
	// sealer seals and opens quotes with per-announcement keys derived from
	// INTERMART_SEAL_KEY; nil only where the API is built without serving
	// (printing the OpenAPI document).
	sealer *seal.Sealer
}

func newCapabilities(d *db.DB, store *objects.Store, cfg config.Config, log *slog.Logger) capabilities {
	var c capabilities
	if len(cfg.SealKey) > 0 {
		// config.Load accepts only 32-byte keys, which seal.New takes.
		c.sealer, _ = seal.New(cfg.SealKey)
	}
	// The marketplace clock: the database's now(), plus the training
	// clock's offset where INTERMART_ADJUSTABLE_CLOCK is true. Every
	// service that judges time reads this one.
	c.clock = clock.Database{Adjustable: cfg.AdjustableClock}
	c.training = trainingclock.NewService(d.Bun, cfg.AdjustableClock)
	c.identity = identity.NewService(d.Bun).WithClock(c.clock)
	c.files = files.NewService(d.Bun, store, cfg.MaxUploadBytes).WithDeliverableLimit(cfg.MaxDeliverableBytes).WithLimits(files.Limits{
		PerUser: cfg.UploadsPerUser, PerServer: cfg.UploadsPerServer,
		PendingFiles: cfg.PendingUploadFiles, PendingBytes: cfg.PendingUploadBytes,
		Approved: func(ctx context.Context, org int64) (bool, error) {
			o, err := c.identity.Organisation(ctx, org)
			return err == nil && o.Status == identity.StatusActive, err
		},
	})
	c.catalog = catalog.NewService(d.Bun)
	// The catalogue may not call upward: the capabilities that refer to
	// service items tell it which are in use, so their codes stay fixed.
	c.catalog.OnItemsInUse(agency.ItemsInUse)
	c.catalog.OnItemsInUse(procurement.ItemsInUse)
	c.agency = agency.NewService(d.Bun, c.catalog, c.files, c.clock)
	c.todo = workspace.NewService(c.identity, c.agency)
	c.workdays = workdays.NewService(d.Bun, c.clock)
	sm := scs.New()
	sm.Store = identity.NewSessionStore(d.SQL)
	sm.Lifetime = cfg.SessionLifetime
	sm.IdleTimeout = 0
	sm.Cookie.Name = "intermart_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = cfg.SecureCookies
	sm.Cookie.Path = "/"
	sm.ErrorFunc = web.SessionError(log)
	c.sessions = identity.NewSessions(c.identity, sm, log)
	return c
}

// buildProcurement builds the procurement capability once the queue exists
// (it schedules deadline jobs).
func (c *capabilities) buildProcurement(d *db.DB, cfg config.Config) {
	c.procurement = procurement.NewService(procurement.Deps{DB: d.Bun, Pool: d.Pool, Identity: c.identity,
		Catalog: c.catalog, Agency: c.agency, Files: c.files, Clock: c.clock, Queue: c.queue,
		Sealer: c.sealer, OCIDPrefix: cfg.OCIDPrefix})
	// Moving the training clock does what it makes due, in the move's transaction.
	c.training.OnAdvance(c.procurement.OnClockAdvance)
	c.todo.WithProcurement(c.procurement.TodoCounts)
}

// buildContract builds the contract capability once procurement exists:
// every award creates its contract in the award's transaction, and moving
// the training clock warns of the registrations it has made late.
func (c *capabilities) buildContract(d *db.DB, cfg config.Config) {
	c.contract = contract.NewService(contract.Deps{DB: d.Bun, Identity: c.identity, Catalog: c.catalog,
		Agency: c.agency, Files: c.files, Procurement: c.procurement, Clock: c.clock, Queue: c.queue,
		PublicURL: cfg.PublicURL})
	c.procurement.OnAwarded(c.contract.FromAward)
	c.training.OnAdvance(c.contract.OnClockAdvance)
	c.todo.WithContracts(c.contract.TodoCounts)
	c.wireCredit()
}

// wireCredit lets the capabilities below the contract one use its credit
// scores and ratings without importing it: the comprehensive method reads
// them, and a sanction imposed or lifted recomputes the agency's score.
func (c *capabilities) wireCredit() {
	c.procurement.CreditScores(c.contract.CreditScores)
	c.procurement.PastRatings(contract.PastRatings)
	c.agency.OnSanctionChanged(contract.OnSanctionChanged)
}

// buildSupervision builds the regulators' capability and open data, the
// top of the stack, once the contract capability exists.
func (c *capabilities) buildSupervision(d *db.DB, cfg config.Config) {
	c.supervision = supervision.NewService(supervision.Deps{DB: d.Bun, Identity: c.identity, Catalog: c.catalog,
		Agency: c.agency, Files: c.files, Procurement: c.procurement, Contract: c.contract, Workdays: c.workdays,
		Clock: c.clock, Queue: c.queue})
	c.supervision.WatchDeadlines()
	c.training.OnAdvance(c.supervision.OnClockAdvance)
	c.todo.WithSupervision(c.supervision.TodoCounts)
	c.opendata = opendata.NewService(opendata.Deps{DB: d.Bun, Identity: c.identity, Procurement: c.procurement,
		Contract: c.contract, Clock: c.clock, OCIDPrefix: cfg.OCIDPrefix, PublicURL: cfg.PublicURL})
	c.supervision.Watch()
	c.supervision.WatchRedFlags()
}

// NewServer connects to PostgreSQL and MinIO (retrying while they start),
// applies migrations, ensures the bucket and builds the HTTP handler.
func NewServer(ctx context.Context, cfg config.Config, log *slog.Logger) (*Server, error) {
	if len(cfg.SealKey) == 0 {
		return nil, config.ErrNoSealKey
	}
	d, err := db.Open(ctx, cfg.DatabaseURL, cfg.ConnectTimeout, log, db.StatementTimeout(cfg.StatementTimeout), db.MaxConns(cfg.DBMaxConns))
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: log, db: d, metrics: web.NewMetrics()}
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
	if caps.queue, err = jobs.NewQueue(d); err != nil {
		d.Close()
		return nil, err
	}
	caps.buildProcurement(d, cfg)
	caps.buildContract(d, cfg)
	caps.buildSupervision(d, cfg)
	s.caps = caps
	setup := jobs.NewSetup()
	identity.RegisterJobs(setup, caps.identity)
	agency.RegisterJobs(setup, caps.agency)
	files.RegisterJobs(setup, caps.files, cfg.OrphanGrace, log)
	procurement.RegisterJobs(setup, caps.procurement)
	contract.RegisterJobs(setup, caps.contract)
	contract.RegisterCreditJobs(setup, caps.contract)
	supervision.RegisterJobs(setup, caps.supervision)
	s.jobs, err = jobs.New(d, setup, log)
	if err != nil {
		d.Close()
		return nil, err
	}
	s.handler, s.api = routes(cfg, log, enforcer, caps, s.ready, s.metrics)
	return s, nil
}

// Start listens on the configured address and serves in the background.
func (s *Server) Start(ctx context.Context) error {
	// The server's live heap is small, tens of MiB, and nearly all its
	// garbage is one request's: collecting at five times the live heap
	// rather than twice took a fifth off the notice list's CPU
	// (docs/benchmarks.md). An operator's GOGC still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	s.ln = ln
	// Headers have a deadline; bodies a minimum rate (web.MinBodyRate).
	s.http = &http.Server{Handler: web.MinBodyRate(s.cfg.MinBodyRate, s.cfg.BodyRateWindow)(s.handler),
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout, IdleTimeout: 2 * time.Minute}
	go func() {
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("http server", "err", err)
		}
	}()
	if s.cfg.MetricsAddr != "" {
		opsLn, err := net.Listen("tcp", s.cfg.MetricsAddr)
		if err != nil {
			return fmt.Errorf("listen on %s (INTERMART_METRICS_ADDR): %w", s.cfg.MetricsAddr, err)
		}
		s.opsLn = opsLn
		// No write timeout: a CPU profile streams for as long as it was asked to.
		s.opsHTTP = &http.Server{Handler: s.metrics.OperatorHandler(), ReadHeaderTimeout: 10 * time.Second}
		go func() {
			if err := s.opsHTTP.Serve(opsLn); err != nil && !errors.Is(err, http.ErrServerClosed) {
				s.log.Error("metrics server", "err", err)
			}
		}()
		s.log.Info("serving metrics and pprof", "url", s.MetricsURL())
	}
	if err := s.jobs.Start(ctx); err != nil {
		return fmt.Errorf("start river: %w", err)
	}
	s.log.Info("serving", "url", s.URL())
	return nil
}

// URL is where the server listens, e.g. http://127.0.0.1:8080.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() }

// MetricsURL is where the operators' listener serves, "" when it is off.
func (s *Server) MetricsURL() string {
	if s.opsLn == nil {
		return ""
	}
	return "http://" + s.opsLn.Addr().String()
}

// Shutdown lets requests and jobs in flight finish, then closes connections.
func (s *Server) Shutdown(ctx context.Context) error {
	var errList []error
	if s.opsHTTP != nil {
		errList = append(errList, s.opsHTTP.Shutdown(ctx))
	}
	if s.http != nil {
		errList = append(errList, s.http.Shutdown(ctx))
		errList = append(errList, jobs.Stop(ctx, s.jobs))
	}
	s.db.Close()
	return errors.Join(errList...)
}

// readyCheckTimeout bounds each dependency check of /readyz on its own, so a
// frozen PostgreSQL cannot hide how MinIO is doing, and the probe answers
// before a load balancer's own timeout.
const readyCheckTimeout = 2 * time.Second

// ready reports "ok" or "fail" for PostgreSQL and MinIO, for /readyz. The
// reason of a failure goes to the log only: it names users and addresses.
func (s *Server) ready(ctx context.Context) map[string]string {
	checks := map[string]func(context.Context) error{
		// Through database/sql, which keeps the pool's connections.
		"postgresql": s.db.SQL.PingContext,
		"minio":      s.objects.Ping,
	}
	status := make(map[string]string, len(checks))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for name, check := range checks {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(ctx, readyCheckTimeout)
			defer cancel()
			result := "ok"
			if err := check(ctx); err != nil {
				web.LogFrom(ctx, s.log).Warn("readiness check failed", "dependency", name, "err", err.Error())
				result = "fail"
			}
			mu.Lock()
			status[name] = result
			mu.Unlock()
		})
	}
	wg.Wait()
	return status
}

func objectsConfig(cfg config.Config) objects.Config {
	return objects.Config{Endpoint: cfg.S3Endpoint, AccessKey: cfg.S3AccessKey,
		SecretKey: cfg.S3SecretKey, Bucket: cfg.S3Bucket, TLS: cfg.S3TLS, PublicURL: cfg.S3PublicURL}
}
