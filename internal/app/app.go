// Package app wires the marketplace together: configuration, database,
// object store, authorization, jobs and capabilities, behind the
// subcommands of the intermart binary. It is the only package that knows
// every capability.
package app

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/go-chi/chi/v5"

	"intermart/internal/authz"
	"intermart/internal/config"
	"intermart/internal/db"
	"intermart/internal/demo"
	"intermart/internal/jobs"
	"intermart/internal/objects"
)

// ErrUsage marks a command-line mistake (exit status 2).
var ErrUsage = errors.New("usage")

const usage = `intermart — Dali Prefecture intermediary services marketplace (大理州中介服务超市)

Usage:
  intermart serve          run the web server (applies migrations first)
  intermart migrate        apply database migrations and exit
  intermart seed --demo    load the demo data (idempotent) and print the demo sign-ins
  intermart openapi        print the OpenAPI 3.1 document
  intermart verify audit   check every audit chain and name the first broken link
  intermart verify objects check every stored file against MinIO and report mismatches and orphans
  intermart verify draw <code> [--url URL]
                           recompute an announcement's published draw
  intermart <command> --help

Configuration comes from environment variables; see 'intermart serve --help'.
`

// Run executes the subcommand in args. Logs go to stderr as JSON lines.
func Run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ErrUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return serve(ctx, rest, getenv, stdout, stderr)
	case "migrate":
		return migrate(ctx, rest, getenv, stdout, stderr)
	case "seed":
		return seed(ctx, rest, getenv, stdout, stderr)
	case "openapi":
		return printOpenAPI(stdout)
	case "verify":
		return verify(ctx, rest, getenv, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "unknown command %q\n\n%s", cmd, usage)
	return ErrUsage
}

// parse handles a subcommand's flags; --help prints the configuration table.
func parse(name string, args []string, stdout, stderr io.Writer, define func(*flag.FlagSet)) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	if define != nil {
		define(fs)
	}
	fs.Usage = func() {
		fmt.Fprintf(stdout, "Usage: intermart %s [flags]\n\n", name)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		PrintConfig(stdout)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return flag.ErrHelp
		}
		return ErrUsage
	}
	return nil
}

// PrintConfig lists every environment variable the server reads, one per
// line starting with its name.
func PrintConfig(w io.Writer) {
	fmt.Fprintln(w, "\nEnvironment variables (default in brackets):")
	for _, v := range config.Vars {
		fmt.Fprintf(w, "%s\t[%s]\n\t%s\n", v.Name, v.Default, v.Usage)
	}
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level}))
}

func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if err := parse("serve", args, stdout, stderr, nil); err != nil {
		return helpIsOK(err)
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	slog.SetDefault(log)
	s, err := NewServer(ctx, cfg, log)
	if err != nil {
		return err
	}
	if err := s.Start(ctx); err != nil {
		_ = s.Shutdown(context.Background())
		return err
	}
	fmt.Fprintf(stdout, "intermart is serving on %s\n", s.URL())
	<-ctx.Done()
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	return s.Shutdown(shutdownCtx)
}

func openDB(ctx context.Context, getenv func(string) string, stderr io.Writer) (*db.DB, *slog.Logger, error) {
	cfg, err := config.Load(getenv)
	if err != nil {
		return nil, nil, err
	}
	log := newLogger(cfg, stderr)
	d, err := db.Open(ctx, cfg.DatabaseURL, cfg.ConnectTimeout, log)
	if err != nil {
		return nil, nil, err
	}
	return d, log, nil
}

func migrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if err := parse("migrate", args, stdout, stderr, nil); err != nil {
		return helpIsOK(err)
	}
	d, log, err := openDB(ctx, getenv, stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := db.Migrate(ctx, d, log); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "migrations are up to date")
	return nil
}

func seed(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var withDemo bool
	withYear := true
	err := parse("seed", args, stdout, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&withDemo, "demo", false, "load the demo organisations and accounts")
		fs.BoolVar(&withYear, "year", true, "with --demo, also a year of marketplace history up to now (about a minute)")
	})
	if err != nil {
		return helpIsOK(err)
	}
	if !withDemo {
		fmt.Fprintln(stderr, "nothing to seed: pass --demo to load the demo data")
		return ErrUsage
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	d, err := db.Open(ctx, cfg.DatabaseURL, cfg.ConnectTimeout, log)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := db.Migrate(ctx, d, log); err != nil {
		return err
	}
	store, err := objects.Open(ctx, objectsConfig(cfg), cfg.ConnectTimeout, log)
	if err != nil {
		return err
	}
	if err := demo.Load(ctx, d.Bun, store); err != nil {
		return err
	}
	if len(cfg.SealKey) == 0 {
		fmt.Fprintln(stderr, "INTERMART_SEAL_KEY is not set: the demo announcements are left out")
	} else {
		caps := newCapabilities(d, store, cfg, log)
		if caps.queue, err = jobs.NewQueue(d); err != nil {
			return err
		}
		caps.buildProcurement(d, cfg)
		caps.buildContract(d, cfg)
		caps.buildSupervision(d, cfg)
		if err := demo.LoadProcurement(ctx, d.Bun, caps.procurement, caps.catalog); err != nil {
			return err
		}
		if err := demo.LoadContracts(ctx, caps.contract); err != nil {
			return err
		}
		if err := demo.LoadRatings(ctx, caps.contract); err != nil {
			return err
		}
		if err := demo.LoadRedFlags(ctx, d.Bun, caps.procurement, caps.catalog); err != nil {
			return err
		}
		if withYear {
			if err := loadDemoYear(ctx, d, store, cfg, log, stderr); err != nil {
				return err
			}
		}
		if err := demo.LoadComplaints(ctx, d.Bun, caps.supervision, caps.contract); err != nil {
			return err
		}
	}
	demo.PrintSignIns(stdout)
	return nil
}

// printOpenAPI builds the API as serve does, without connecting anywhere,
// and prints its document, from which the frontend's TypeScript types are
// generated.
func printOpenAPI(stdout io.Writer) error {
	enforcer, err := authz.NewEnforcer()
	if err != nil {
		return err
	}
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		return err
	}
	// The document describes every operation, the training clock's too,
	// though a server registers those only where the clock is adjustable.
	cfg.AdjustableClock = true
	log := slog.New(slog.DiscardHandler)
	caps := newCapabilities(&db.DB{}, nil, cfg, log)
	api := newAPI(chi.NewRouter(), cfg, log, enforcer, caps)
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(api.OpenAPI())
}

func helpIsOK(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}
