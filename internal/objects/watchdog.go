package objects

import (
	"context"
	"io"
	"sync"
	"time"
)

// watchdog cancels an upload whose bytes MinIO has stopped taking. It
// counts as waiting on MinIO every moment the upload is not inside a Read
// of its source: either the client library is writing what it read (and a
// frozen MinIO stops that), or the body is sent and the answer is awaited.
type watchdog struct {
	cancel context.CancelCauseFunc
	done   chan struct{}

	mu      sync.Mutex
	reading bool      // inside a Read of the source: waiting on the uploader
	since   time.Time // when the current wait on MinIO began
	gaveUp  bool
}

// watch returns ctx cancelled once MinIO has made no progress for limit.
func watch(ctx context.Context, limit time.Duration) (context.Context, *watchdog) {
	ctx, cancel := context.WithCancelCause(ctx)
	w := &watchdog{cancel: cancel, done: make(chan struct{}), since: time.Now()}
	tick := max(limit/8, 10*time.Millisecond)
	go func() {
		t := time.NewTicker(tick)
		defer t.Stop()
		for {
			select {
			case <-w.done:
				return
			case <-ctx.Done():
				return
			case now := <-t.C:
				w.mu.Lock()
				late := !w.reading && now.Sub(w.since) > limit
				if late {
					w.gaveUp = true
				}
				w.mu.Unlock()
				if late {
					cancel(ErrStalled)
					return
				}
			}
		}
	}()
	return ctx, w
}

// reader wraps the upload's source so the watchdog knows when the wait is
// on the uploader. A spooled file stays seekable and readable at offsets,
// so the client library can stream it and retry from its start as before.
func (w *watchdog) reader(r io.Reader) io.Reader {
	if f, ok := r.(seekableFile); ok {
		return &watchedFile{watchedReader{r: f, w: w}, f}
	}
	return &watchedReader{r: r, w: w}
}

type seekableFile interface {
	io.ReadSeeker
	io.ReaderAt
}

// stalled reports whether the watchdog gave the upload up.
func (w *watchdog) stalled() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.gaveUp
}

func (w *watchdog) stop() {
	close(w.done)
	w.cancel(nil)
}

type watchedReader struct {
	r io.Reader
	w *watchdog
}

func (r *watchedReader) Read(p []byte) (int, error) {
	defer r.w.reads()()
	return r.r.Read(p)
}

// reads marks a read of the source as under way and returns its end.
func (w *watchdog) reads() func() {
	w.mu.Lock()
	w.reading = true
	w.mu.Unlock()
	return func() {
		w.mu.Lock()
		w.reading = false
		w.since = time.Now()
		w.mu.Unlock()
	}
}

type watchedFile struct {
	watchedReader
	f seekableFile
}

func (f *watchedFile) ReadAt(p []byte, off int64) (int, error) {
	defer f.w.reads()()
	return f.f.ReadAt(p, off)
}

func (f *watchedFile) Seek(offset int64, whence int) (int64, error) { return f.f.Seek(offset, whence) }
