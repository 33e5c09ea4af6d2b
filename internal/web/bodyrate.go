package web

import (
	"errors"
	"io"
	"net/http"
	"os"
	"time"
)

// ErrBodyTooSlow is what reading a request body returns once it arrives
// more slowly than the minimum rate. It is a timeout (huma answers 408).
var ErrBodyTooSlow error = bodyTooSlow{}

type bodyTooSlow struct{}

func (bodyTooSlow) Error() string   { return "request body arrives too slowly" }
func (bodyTooSlow) Timeout() bool   { return true }
func (bodyTooSlow) Temporary() bool { return false }

// MinBodyRate cuts off request bodies that arrive more slowly than rate
// bytes per second, averaged over window: each window's worth of bytes
// (rate × window) must arrive within window, counting only the time spent
// waiting for the client. It moves the connection's read deadline forward
// only as bytes arrive, so a client sending a byte now and then, or
// stopping altogether, loses its connection instead of holding it, its
// goroutine and its upload's buffers forever. Time the server spends on its
// own work between reads (writing to MinIO) is not counted against the
// client.
//
// http.Server's ReadHeaderTimeout bounds the headers; this bounds the body,
// which ReadTimeout could only bound as a whole (too short for a large file
// on a slow line, too long for a trickle).
func MinBodyRate(rate int64, window time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Body != nil && r.Body != http.NoBody && r.ContentLength != 0 {
				rc := http.NewResponseController(w)
				b := &rateBody{body: r.Body, rc: rc, want: rate * int64(window/time.Millisecond) / 1000, window: window}
				b.owed, b.budget = max(b.want, 1), window
				// Also bounds what the server discards of a body that the
				// handler did not read.
				_ = rc.SetReadDeadline(time.Now().Add(window))
				r.Body = b
			}
			next.ServeHTTP(w, r)
		})
	}
}

type rateBody struct {
	body   io.ReadCloser
	rc     *http.ResponseController
	want   int64         // bytes each window must bring
	window time.Duration //
	owed   int64         // bytes still due in this window
	budget time.Duration // waiting time left for them
	failed bool
}

func (b *rateBody) Read(p []byte) (int, error) {
	if b.failed {
		return 0, ErrBodyTooSlow
	}
	start := time.Now()
	_ = b.rc.SetReadDeadline(start.Add(b.budget))
	n, err := b.body.Read(p)
	b.budget -= time.Since(start)
	b.owed -= int64(n)
	if b.owed <= 0 {
		b.owed, b.budget = max(b.want, 1), b.window
	}
	if err != nil {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			b.failed = true
			return n, ErrBodyTooSlow
		}
		// The body is complete (or broken): lift the deadline, so that
		// the server's wait for the connection's next request, which
		// starts now while the handler still works, cannot time out and
		// cancel the request.
		_ = b.rc.SetReadDeadline(time.Time{})
	}
	return n, err
}

func (b *rateBody) Close() error { return b.body.Close() }
