package db_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"github.com/uptrace/bun"

	"intermart/internal/db"
	"intermart/internal/db/dbtest"
	"intermart/internal/errs"
)

type user struct {
	bun.BaseModel `bun:"table:users,alias:u"`
	ID            int64 `bun:"id,pk"`
}

func TestDriverErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := dbtest.New(t).Bun
	notFound := errs.New(errs.NotFound, "thing_not_found", "no such thing")

	t.Run("One", func(t *testing.T) {
		if err := db.One(nil, "get", notFound); err != nil {
			t.Fatalf("nil: %v", err)
		}
		if err := db.One(sql.ErrNoRows, "get", notFound); err != notFound {
			t.Fatalf("no rows: %v, want %v", err, notFound)
		}
		boom := errors.New("connection reset")
		if err := db.One(boom, "get thing 7", notFound); !errors.Is(err, boom) || errs.CodeOf(err) != errs.Internal {
			t.Fatalf("failure: %v, want it wrapped and internal", err)
		}
	})

	t.Run("OwnerErrNotFound", func(t *testing.T) {
		org, err := db.Owner(ctx, d, (*user)(nil), 987654, notFound)
		if org != 0 || err != notFound {
			t.Fatalf("missing row: %d %v, want not found", org, err)
		}
	})

	t.Run("Violation", func(t *testing.T) {
		taken := errs.Field("body.code", "code_taken", "taken")
		_, err := d.NewRaw("INSERT INTO regions (code, name_zh, name_en, level, sort_order) VALUES ('532901', 'x', 'x', 'county', 99)").Exec(ctx)
		if got := db.Violation(err, "add region", map[string]error{"regions_pkey": taken}); got != taken {
			t.Fatalf("duplicate key: %v, want %v", got, taken)
		}
		if got := db.Violation(err, "add region", nil); !errors.Is(got, err) || errs.CodeOf(got) != errs.Internal {
			t.Fatalf("unlisted constraint: %v, want the wrapped driver error", got)
		}
		if got := db.Violation(nil, "add region", nil); got != nil {
			t.Fatalf("nil: %v", got)
		}
	})
}
