package app

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/audit"
	"intermart/internal/config"
	"intermart/internal/draw"
	"intermart/internal/files"
	"intermart/internal/objects"
)

// ErrNotVerified marks a verification that found a difference (exit status 1).
var ErrNotVerified = errors.New("not verified")

const verifyUsage = `Usage:
  intermart verify audit                      check every audit chain in the configured database
  intermart verify draw <code> [--url URL]    recompute the published draw of announcement <code>
  intermart verify objects                    check every stored file against MinIO (exists, size, SHA-256) and look for orphans

verify exits 0 when everything verifies, 1 naming the first difference, 2 on a usage error.
`

// verify runs the verification tools: the audit chains and the draw.
func verify(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, verifyUsage)
		return ErrUsage
	}
	switch args[0] {
	case "audit":
		return verifyAudit(ctx, args[1:], getenv, stdout, stderr)
	case "draw":
		return verifyDraw(ctx, args[1:], getenv, stdout, stderr)
	case "objects":
		return verifyObjects(ctx, args[1:], getenv, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, verifyUsage)
		return nil
	}
	fmt.Fprintf(stderr, "unknown verification %q\n\n%s", args[0], verifyUsage)
	return ErrUsage
}

// verifyAudit checks every chain of the audit trail and prints each
// chain's first broken link, or a summary when all verify.
func verifyAudit(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if err := parse("verify audit", args, stdout, stderr, nil); err != nil {
		return helpIsOK(err)
	}
	d, _, err := openDB(ctx, getenv, stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	var s audit.Summary
	// One snapshot: events appended while the check reads are not half seen.
	err = d.Bun.RunInTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}, func(ctx context.Context, tx bun.Tx) error {
		s, err = audit.Check(ctx, tx)
		return err
	})
	if err != nil {
		return err
	}
	if len(s.Breaks) == 0 {
		fmt.Fprintf(stdout, "audit trail verified: %d chains, %d events, every link intact\n", s.Chains, s.Events)
		return nil
	}
	for _, b := range s.Breaks {
		fmt.Fprintf(stdout, "BROKEN %s\n", b)
	}
	fmt.Fprintf(stdout, "audit trail NOT verified: %d of %d chains broken (%d events read)\n", len(s.Breaks), s.Chains, s.Events)
	return fmt.Errorf("%w: audit chain %s breaks at seq %d: %s", ErrNotVerified, s.Breaks[0].Chain, s.Breaks[0].Seq, s.Breaks[0].Problem)
}

// verifyDraw fetches the published draw of an announcement and recomputes it.
func verifyDraw(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var base string
	fs := flag.NewFlagSet("verify draw", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&base, "url", defaultURL(getenv), "the marketplace's address")
	fs.Usage = func() {
		fmt.Fprintf(stdout, "Usage: intermart verify draw <announcement code> [--url URL]\n\n")
		fs.SetOutput(stdout)
		fs.PrintDefaults()
	}
	// Flags may come before or after the code.
	if err := fs.Parse(args); err != nil {
		return helpIsOK(flagErr(err))
	}
	rest := fs.Args()
	if len(rest) > 0 {
		code := rest[0]
		if err := fs.Parse(rest[1:]); err != nil {
			return helpIsOK(flagErr(err))
		}
		rest = append([]string{code}, fs.Args()...)
	}
	if len(rest) != 1 || rest[0] == "" {
		fs.SetOutput(stderr)
		fmt.Fprintln(stderr, "verify draw takes exactly one announcement code")
		return ErrUsage
	}
	code := rest[0]
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		fmt.Fprintf(stderr, "--url %q must be an http(s):// address\n", base)
		return ErrUsage
	}
	p, err := fetchDraw(ctx, u.String()+"/api/v1/notices/"+url.PathEscape(code)+"/draw")
	if err != nil {
		return err
	}
	if p.AnnouncementCode != code {
		return fmt.Errorf("%w: asked for the draw of %s, the server sent that of %q", ErrNotVerified, code, p.AnnouncementCode)
	}
	if !p.Drawn() {
		fmt.Fprintf(stdout, "draw of %s not made yet; commitment %s\n", code, p.Commitment)
		return fmt.Errorf("%w: the draw of %s has not been made yet, there is nothing to recompute", ErrNotVerified, code)
	}
	if err := p.Verify(); err != nil {
		fmt.Fprintf(stdout, "draw of %s NOT verified: %v\n", p.Code(), err)
		return fmt.Errorf("%w: draw of %s: %w", ErrNotVerified, p.Code(), err)
	}
	fmt.Fprintf(stdout, "draw of %s verified (%s): the secret matches the commitment and the order is the recomputed one\n", p.Code(), p.Version)
	fmt.Fprintf(stdout, "  commitment  %s\n  secret      %s\n  candidates  %d\n  order      ", p.Commitment, *p.Secret, len(p.Candidates))
	for i, c := range p.Order {
		fmt.Fprintf(stdout, " %d. %s", i+1, c)
	}
	fmt.Fprintln(stdout)
	return nil
}

// flagErr keeps --help as it is and makes every other flag error a usage error.
func flagErr(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	return ErrUsage
}

// defaultURL is where this machine's server listens, from INTERMART_ADDR.
func defaultURL(getenv func(string) string) string {
	addr := getenv("INTERMART_ADDR")
	if addr == "" {
		for _, v := range config.Vars {
			if v.Name == "INTERMART_ADDR" {
				addr = v.Default
			}
		}
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// fetchDraw reads a published draw document.
func fetchDraw(ctx context.Context, target string) (draw.Public, error) {
	var p draw.Public
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return p, err
	}
	req.Header.Set("Accept", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return p, fmt.Errorf("fetch the draw: %w", err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 8<<20))
	if err != nil {
		return p, fmt.Errorf("fetch the draw: %w", err)
	}
	if res.StatusCode != http.StatusOK {
		var problem struct{ Title, Detail string }
		_ = json.Unmarshal(body, &problem)
		msg := strings.TrimSpace(problem.Title + ": " + problem.Detail)
		if problem.Title == "" {
			msg = http.StatusText(res.StatusCode)
		}
		return p, fmt.Errorf("GET %s: %d %s", target, res.StatusCode, msg)
	}
	if err := json.Unmarshal(body, &p); err != nil {
		return p, fmt.Errorf("GET %s: not a draw document: %w", target, err)
	}
	return p, nil
}

// verifyObjects checks every file record against MinIO and lists the
// object versions no record refers to.
func verifyObjects(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if err := parse("verify objects", args, stdout, stderr, nil); err != nil {
		return helpIsOK(err)
	}
	d, log, err := openDB(ctx, getenv, stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	store, err := objects.Open(ctx, objectsConfig(cfg), cfg.ConnectTimeout, log)
	if err != nil {
		return err
	}
	v, err := files.Verify(ctx, d.Bun, store)
	if err != nil {
		return err
	}
	if len(v.Problems) == 0 {
		fmt.Fprintf(stdout, "objects verified: %d files, %d bytes hashed, no orphan\n", v.Files, v.Bytes)
		return nil
	}
	for _, p := range v.Problems {
		fmt.Fprintf(stdout, "%s\n", p)
	}
	fmt.Fprintf(stdout, "objects NOT verified: %d problems among %d files\n", len(v.Problems), v.Files)
	return fmt.Errorf("%w: %s", ErrNotVerified, v.Problems[0])
}
