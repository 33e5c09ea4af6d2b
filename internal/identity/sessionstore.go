package identity

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/alexedwards/scs/postgresstore"
)

// SessionStore is scs's PostgreSQL store (the sessions table) made to pass
// the request's context to every query, so the request deadline also bounds
// loading and saving the session: with PostgreSQL frozen, a signed-in request
// ends in 503 instead of hanging.
type SessionStore struct {
	*postgresstore.PostgresStore
	db *sql.DB
}

// NewSessionStore returns the store. Expired rows are purged by the
// identity.purge job, on one server at a time, not by the store itself.
func NewSessionStore(db *sql.DB) *SessionStore {
	return &SessionStore{PostgresStore: postgresstore.NewWithCleanupInterval(db, 0), db: db}
}

// FindCtx returns the data of an unexpired session.
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	err := s.db.QueryRowContext(ctx, "SELECT data FROM sessions WHERE token = $1 AND current_timestamp < expiry", token).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return b, true, nil
}

// CommitCtx saves a session.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
		ON CONFLICT (token) DO UPDATE SET data = EXCLUDED.data, expiry = EXCLUDED.expiry`, token, b, expiry)
	return err
}

// DeleteCtx removes a session.
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := s.db.ExecContext(ctx, "DELETE FROM sessions WHERE token = $1", token)
	return err
}
