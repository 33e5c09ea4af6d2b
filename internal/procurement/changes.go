package procurement

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"intermart/internal/audit"
)

// ChangeHook is told of every recorded state change of a procurement (the
// audit event just appended: its chain names the announcement, its action
// what happened), in the change's transaction; an error undoes the change.
// Supervision keeps its statistics and computes its red flags this way, as
// things happen, without procurement knowing of it.
type ChangeHook func(ctx context.Context, tx bun.IDB, e audit.Event) error

// OnChange registers a hook run in the transaction of every recorded change.
func (s *Service) OnChange(h ChangeHook) { s.changeHooks = append(s.changeHooks, h) }

// appendEvent records e in its audit chain and tells the change hooks.
func (s *Service) appendEvent(ctx context.Context, tx bun.IDB, e audit.Event) error {
	if err := audit.Append(ctx, tx, e); err != nil {
		return err
	}
	for _, h := range s.changeHooks {
		if err := h(ctx, tx, e); err != nil {
			return fmt.Errorf("after %s on %s: %w", e.Action, e.Chain, err)
		}
	}
	return nil
}
