package objects_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"intermart/internal/objects"
	"intermart/internal/objects/objtest"
	"intermart/internal/testproxy"
)

// TestPutGivesUpOnAFrozenStore: a MinIO that accepts the connection but
// stops taking bytes (SIGSTOP, a dead network path) does not hold an upload
// for ever: Put returns ErrStalled, which the API answers with 503. A slow
// uploader, on the other hand, is not MinIO's fault and is not cut off.
func TestPutGivesUpOnAFrozenStore(t *testing.T) {
	cfg := objtest.Config(t)
	proxy := testproxy.New(t, cfg.Endpoint)
	cfg.Endpoint = proxy.Addr()
	cfg.StallTimeout = time.Second
	store, err := objects.Open(context.Background(), cfg, 10*time.Second, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	pdf := bytes.Repeat([]byte("%PDF-1.7 "), 256<<10) // 2.25 MiB, more than the sockets buffer

	// A slow uploader: pauses three times as long as the stall timeout.
	r, w := io.Pipe()
	go func() {
		for i := range 3 {
			if i > 0 {
				time.Sleep(3 * time.Second)
			}
			_, _ = w.Write(pdf[:4096])
		}
		w.Close()
	}()
	if _, err := store.Put(context.Background(), "tests/slow", r, 3*4096, "application/pdf"); err != nil {
		t.Fatalf("a slow uploader was cut off: %v", err)
	}

	proxy.Freeze()
	defer proxy.Thaw()
	for _, c := range []struct {
		name string
		size int64
	}{{"KnownSize", int64(len(pdf))}, {"Chunked", -1}} {
		t.Run(c.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				_, err := store.Put(context.Background(), "tests/frozen-"+c.name, bytes.NewReader(pdf), c.size, "application/pdf")
				done <- err
			}()
			select {
			case err := <-done:
				if !errors.Is(err, objects.ErrStalled) || !errors.Is(err, context.DeadlineExceeded) {
					t.Fatalf("Put on a frozen store: %v, want ErrStalled", err)
				}
			case <-time.After(time.Minute):
				t.Fatal("Put on a frozen store still waits after a minute")
			}
		})
	}
}
