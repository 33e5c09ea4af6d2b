package app

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/audit"
	"intermart/internal/db"
	"intermart/internal/db/dbtest"
	"intermart/internal/draw"
)

// runCLI runs the binary's Run with env and returns its output and error.
func runCLI(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := Run(context.Background(), args, func(k string) string { return env[k] }, &stdout, &stderr)
	return stdout.String() + stderr.String(), err
}

func TestVerifyAudit(t *testing.T) {
	t.Parallel()
	url := dbtest.URL(t)
	d, err := db.Open(context.Background(), url, 10*time.Second, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := context.Background()
	at := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
	for _, chain := range []string{"announcement:1", "announcement:2", "contract:1"} {
		for i := range 3 {
			err := d.Bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
				return audit.Append(ctx, tx, audit.Event{Chain: chain, At: at.Add(time.Duration(i) * time.Hour), ActorUser: 5, ActorOrg: 2,
					Action: "announcement.step", After: map[string]int{"step": i}})
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	env := map[string]string{"INTERMART_DATABASE_URL": url}

	out, err := runCLI(t, env, "verify", "audit")
	if err != nil {
		t.Fatalf("verify audit on an intact trail: %v\n%s", err, out)
	}
	if !strings.Contains(out, "3 chains, 9 events") {
		t.Fatalf("output %q lacks the summary", out)
	}

	// The database owner disables the trigger and edits one event.
	for _, s := range []string{
		"ALTER TABLE audit_events DISABLE TRIGGER USER",
		`UPDATE audit_events SET after = '{"step": 7}' WHERE chain = 'announcement:2' AND seq = 2`,
		"ALTER TABLE audit_events ENABLE TRIGGER USER",
	} {
		if _, err := d.Bun.ExecContext(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	out, err = runCLI(t, env, "verify", "audit")
	if !errors.Is(err, ErrNotVerified) {
		t.Fatalf("verify audit on a tampered trail: err = %v, want ErrNotVerified\n%s", err, out)
	}
	for _, want := range []string{"chain announcement:2, seq 2: hash mismatch", "1 of 3 chains broken"} {
		if !strings.Contains(out, want) && !strings.Contains(err.Error(), want) {
			t.Fatalf("output %q and error %q do not say %q", out, err, want)
		}
	}
	if !strings.Contains(err.Error(), "announcement:2") || !strings.Contains(err.Error(), "seq 2") {
		t.Fatalf("err = %q does not name the broken link", err)
	}
	if strings.Contains(out, "announcement:1,") || strings.Contains(out, "contract:1,") {
		t.Fatalf("intact chains reported broken: %s", out)
	}
}

// drawServer serves published draw documents as the procurement API will.
func drawServer(t *testing.T, docs map[string]any) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		code, ok := strings.CutPrefix(r.URL.Path, "/api/v1/notices/")
		code, ok2 := strings.CutSuffix(code, "/draw")
		doc, found := docs[code]
		if !ok || !ok2 || !found {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"title":"Not Found","status":404,"detail":"no such announcement"}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(doc)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestVerifyDraw(t *testing.T) {
	t.Parallel()
	secret, _ := hex.DecodeString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
	candidates := []string{"91532901MA6Q00003N", "91532923MA6Q00007Y", "91532924MA6Q00011U", "91532929MA6Q000026", "91532932MA6Q00005R"}
	drawnAt := time.Date(2026, 12, 10, 2, 0, 0, 0, time.UTC)
	publish := func(code string) draw.Public {
		p, err := draw.Publish(secret, code, 0, candidates, drawnAt)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	honest := publish("DLZJ-2026-000123")
	reordered := publish("DLZJ-2026-000124")
	reordered.Order[0], reordered.Order[1] = reordered.Order[1], reordered.Order[0]
	wrongSecret := publish("DLZJ-2026-000125")
	other := hex.EncodeToString(append(secret[:31:31], 0xff))
	wrongSecret.Secret = &other
	notYet := publish("DLZJ-2026-000126")
	notYet.Secret, notYet.Candidates, notYet.Order, notYet.DrawnAt = nil, []string{}, []string{}, nil
	tie, err := draw.Publish(secret, "DLZJ-2026-000127", 1, candidates[:2], drawnAt)
	if err != nil {
		t.Fatal(err)
	}
	base := drawServer(t, map[string]any{
		"DLZJ-2026-000123": honest, "DLZJ-2026-000124": reordered, "DLZJ-2026-000125": wrongSecret,
		"DLZJ-2026-000126": notYet, "DLZJ-2026-000127": tie, "DLZJ-2026-000128": honest,
	})

	cases := []struct {
		name    string
		args    []string
		wantErr error
		want    []string
	}{
		{"OK", []string{"DLZJ-2026-000123", "--url", base}, nil,
			[]string{"verified", "1. 91532932MA6Q00005R", "2. 91532923MA6Q00007Y"}},
		{"OKFlagFirst", []string{"--url", base + "/", "DLZJ-2026-000123"}, nil, []string{"verified"}},
		{"OKTieBreak", []string{"DLZJ-2026-000127", "--url", base}, nil, []string{"DLZJ-2026-000127|tie|1 verified"}},
		{"ErrOrderChanged", []string{"DLZJ-2026-000124", "--url", base}, draw.ErrOrder, []string{"position 1", "NOT verified"}},
		{"ErrSecretDoesNotMatch", []string{"DLZJ-2026-000125", "--url", base}, draw.ErrCommitment, []string{"does not match the commitment"}},
		{"ErrNotDrawnYet", []string{"DLZJ-2026-000126", "--url", base}, ErrNotVerified, []string{"not made yet"}},
		{"ErrOtherAnnouncement", []string{"DLZJ-2026-000128", "--url", base}, ErrNotVerified, []string{"the server sent that of"}},
		{"ErrUnknown", []string{"DLZJ-2026-999999", "--url", base}, nil, []string{"404", "no such announcement"}},
		{"ErrNoCode", []string{"--url", base}, ErrUsage, nil},
		{"ErrTwoCodes", []string{"A", "B", "--url", base}, ErrUsage, nil},
		{"ErrBadURL", []string{"DLZJ-2026-000123", "--url", "ftp://x"}, ErrUsage, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out, err := runCLI(t, nil, append([]string{"verify", "draw"}, tc.args...)...)
			switch {
			case strings.HasPrefix(tc.name, "OK"):
				if err != nil {
					t.Fatalf("err = %v\n%s", err, out)
				}
			case tc.wantErr == nil:
				if err == nil || errors.Is(err, ErrUsage) {
					t.Fatalf("err = %v, want a failure", err)
				}
			default:
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v\n%s", err, tc.wantErr, out)
				}
			}
			all := out
			if err != nil {
				all += err.Error()
			}
			for _, w := range tc.want {
				if !strings.Contains(all, w) {
					t.Fatalf("output %q lacks %q", all, w)
				}
			}
		})
	}
	t.Run("DefaultURL", func(t *testing.T) {
		for addr, want := range map[string]string{"": "http://127.0.0.1:8080", "0.0.0.0:9000": "http://127.0.0.1:9000", "[::1]:80": "http://[::1]:80"} {
			if got := defaultURL(func(string) string { return addr }); got != want {
				t.Errorf("defaultURL(%q) = %q, want %q", addr, got, want)
			}
		}
	})
}
