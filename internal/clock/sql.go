package clock

import (
	"context"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/schema"
)

// sqlClock is a clock PostgreSQL can read itself, inside the statement that
// needs the time.
type sqlClock interface {
	sqlNow() schema.QueryWithArgs
}

// sqlNow is now(), or marketplace_now() (now() plus the stored offset) for
// the adjustable training clock. With the clock not adjustable the text is
// exactly now(), so statements and their plans stay as they were.
func (c Database) sqlNow() schema.QueryWithArgs {
	if c.Adjustable {
		return bun.SafeQuery("marketplace_now()")
	}
	return bun.SafeQuery("now()")
}

// InSQL reports whether Expr of c is the same SQL at every call (the
// database's now() or marketplace_now()), so a statement built with it can be kept and sent again.
func InSQL(c Clock) bool {
	_, ok := c.(sqlClock)
	return ok
}

// Expr is the clock's current time as a SQL expression, for a read that
// would otherwise spend a round trip of its own on Now: the database clock
// is now() (marketplace_now() when adjustable), read by the statement itself (and, since the text of the
// statement then stays the same, its prepared plan is reused); any other
// clock is its time as a literal.
func Expr(ctx context.Context, c Clock, db bun.IDB) (schema.QueryWithArgs, error) {
	if s, ok := c.(sqlClock); ok {
		return s.sqlNow(), nil
	}
	t, err := c.Now(ctx, db)
	if err != nil {
		return schema.QueryWithArgs{}, err
	}
	return bun.SafeQuery("?::timestamptz", t), nil
}

// TodayExpr is Today as SQL: the date in Shanghai at the time now stands for.
func TodayExpr(now schema.QueryWithArgs) schema.QueryWithArgs {
	return bun.SafeQuery("(? AT TIME ZONE 'Asia/Shanghai')::date", now)
}
