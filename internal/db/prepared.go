package db

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/uptrace/bun"
)

// Prepared is database/sql beneath a bun.IDB, in the same transaction.
// Statements sent through it keep their arguments as parameters ($1, $2 …),
// so their text is the same at every call and pgx's statement cache keeps
// them prepared: one round trip and a cached plan. bun writes arguments
// into the text instead, which makes every call a new statement to parse
// (an extra round trip). Query hooks do not see these statements; use it on
// hot paths whose SQL is fixed.
type Prepared interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// PreparedOf is the database/sql handle of idb (its transaction, connection
// or pool).
func PreparedOf(idb bun.IDB) Prepared {
	switch v := idb.(type) {
	case bun.Tx:
		return v.Tx
	case *bun.Tx:
		return v.Tx
	case bun.Conn:
		return v.Conn
	case *bun.Conn:
		return v.Conn
	case *bun.DB:
		return v.DB
	}
	panic(fmt.Sprintf("db.PreparedOf: unknown bun.IDB %T", idb))
}
