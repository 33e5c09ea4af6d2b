package db

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
)

// QueryHook sees each statement sent on the process's connections, whether
// through bun and database/sql or through the pgx pool directly, with its
// arguments. The benchmarks use it to send pgbench exactly what a request
// sent.
type QueryHook func(ctx context.Context, sql string, args []any)

// queryTracer is the pool's pgx tracer. Without hooks, the normal case, a
// statement costs it one atomic load.
type queryTracer struct {
	mu    sync.Mutex
	hooks atomic.Pointer[[]*QueryHook]
}

func (t *queryTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryStartData) context.Context {
	if hooks := t.hooks.Load(); hooks != nil {
		for _, h := range *hooks {
			(*h)(ctx, data.SQL, data.Args)
		}
	}
	return ctx
}

func (t *queryTracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// OnQuery calls hook with every statement from now until the returned
// function is called.
func (d *DB) OnQuery(hook QueryHook) (remove func()) {
	t := d.tracer
	h := &hook
	t.mu.Lock()
	defer t.mu.Unlock()
	var hooks []*QueryHook
	if old := t.hooks.Load(); old != nil {
		hooks = append(hooks, *old...)
	}
	hooks = append(hooks, h)
	t.hooks.Store(&hooks)
	return func() {
		t.mu.Lock()
		defer t.mu.Unlock()
		var kept []*QueryHook
		for _, o := range *t.hooks.Load() {
			if o != h {
				kept = append(kept, o)
			}
		}
		if len(kept) == 0 {
			t.hooks.Store(nil)
		} else {
			t.hooks.Store(&kept)
		}
	}
}
