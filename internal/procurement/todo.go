package procurement

import (
	"context"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/clock"
)

// The owners' procurement queues (announcements?todo=…), counted on the
// to-do board.
const (
	TodoChoose     = "choose"     // a direct selection closed, the owner's choice due before choose_by
	TodoObjections = "objections" // a selection with an objection the owner has not answered
)

// todoFilter narrows q (announcements a) to the queue todo, at the
// marketplace clock's now.
func (s *Service) todoFilter(ctx context.Context, q *bun.SelectQuery, todo string) (*bun.SelectQuery, error) {
	switch todo {
	case TodoChoose:
		now, err := clock.Expr(ctx, s.Clock, s.DB)
		if err != nil {
			return nil, err
		}
		return q.Where("a.method = ? AND a.status = ? AND a.choose_by > ?", MethodDirect, StatusClosed, now), nil
	case TodoObjections:
		return q.Where(`EXISTS (SELECT 1 FROM objections o JOIN selections sel ON sel.id = o.selection_id
			WHERE sel.announcement_id = a.id AND o.status = ?)`, ObjectionPending), nil
	}
	return q, nil
}

// TodoCounts counts the owner's announcements awaiting its direct choice
// and those with an objection to answer: the rows Announcements lists for p
// with the same todo filter, so the board and the list cannot differ.
func (s *Service) TodoCounts(ctx context.Context, p *authz.Principal) (choose, objections int, err error) {
	rows, err := s.Announcements(ctx, p, AnnouncementFilter{Todo: TodoChoose})
	if err != nil {
		return 0, 0, err
	}
	choose = len(rows)
	if rows, err = s.Announcements(ctx, p, AnnouncementFilter{Todo: TodoObjections}); err != nil {
		return 0, 0, err
	}
	return choose, len(rows), nil
}
