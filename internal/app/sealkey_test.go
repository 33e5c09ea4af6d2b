package app

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"intermart/internal/config"
)

// TestServeRefusesWithoutSealKey checks that the server does not start
// without INTERMART_SEAL_KEY and says how to make one, before it connects
// anywhere.
func TestServeRefusesWithoutSealKey(t *testing.T) {
	t.Parallel()
	env := map[string]string{
		"INTERMART_ADDR": "127.0.0.1:0",
		// Nothing listens here: the refusal must come before connecting.
		"INTERMART_DATABASE_URL":    "postgres://intermart:intermart@127.0.0.1:1/none?sslmode=disable",
		"INTERMART_CONNECT_TIMEOUT": "1ms",
	}
	var stdout, stderr bytes.Buffer
	err := Run(context.Background(), []string{"serve"}, func(k string) string { return env[k] }, &stdout, &stderr)
	var ce *config.Error
	if !errors.As(err, &ce) || ce.Var != "INTERMART_SEAL_KEY" {
		t.Fatalf("serve without a seal key: err = %v, want one naming INTERMART_SEAL_KEY", err)
	}
	if !strings.Contains(err.Error(), "openssl rand -base64 32") {
		t.Fatalf("err = %q does not say how to generate a key", err)
	}
}

// TestServerSealer checks that the running server holds the sealer built
// from the configured key.
func TestServerSealer(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	sealer := s.caps.sealer
	if sealer == nil {
		t.Fatal("the server has no sealer")
	}
	sealed, err := sealer.Seal(1, []byte("100"), []byte("registration:1"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := sealer.Open(1, sealed, []byte("registration:1")); err != nil || string(got) != "100" {
		t.Fatalf("Open = %q, %v", got, err)
	}
}
