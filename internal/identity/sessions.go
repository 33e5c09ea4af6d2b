package identity

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"

	"intermart/internal/authz"
	"intermart/internal/db"
	"intermart/internal/problem"
)

// Session keys.
const (
	sessionUserID     = "user_id"
	sessionPasswordAt = "password_at" // the user's password_changed_at when the session began (µs)
)

// Sessions binds the session manager to the identity service.
type Sessions struct {
	Manager *scs.SessionManager
	svc     *Service
	log     *slog.Logger
}

// NewSessions wires server-side sessions stored in PostgreSQL.
func NewSessions(svc *Service, m *scs.SessionManager, log *slog.Logger) *Sessions {
	return &Sessions{Manager: m, svc: svc, log: log}
}

// Begin renews the session token (so a token planted before sign-in is
// useless after it) and binds the session to u.
func (s *Sessions) Begin(ctx context.Context, u *User) error {
	if err := s.Manager.RenewToken(ctx); err != nil {
		return err
	}
	s.Manager.Put(ctx, sessionUserID, u.ID)
	s.Manager.Put(ctx, sessionPasswordAt, u.PasswordChangedAt.UnixMicro())
	return nil
}

// End destroys the session.
func (s *Sessions) End(ctx context.Context) error { return s.Manager.Destroy(ctx) }

// KeepAfterPasswordChange rebinds the current session to the new password,
// so the user who changed it stays signed in while their other sessions end.
func (s *Sessions) KeepAfterPasswordChange(ctx context.Context, userID int64) error {
	u, err := s.svc.User(ctx, userID)
	if err != nil {
		return err
	}
	s.Manager.Put(ctx, sessionPasswordAt, u.PasswordChangedAt.UnixMicro())
	return s.Manager.RenewToken(ctx)
}

// Middleware loads each request's session and signed-in user. A request
// without the session cookie is anonymous, and when its method cannot begin
// a session (signing in is a POST) it goes on without one: the public
// reads, the busiest requests there are, do no session work at all.
func (s *Sessions) Middleware(next http.Handler) http.Handler {
	withSession := s.Manager.LoadAndSave(s.Authenticate(next))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			if _, err := r.Cookie(s.Manager.Cookie.Name); err != nil {
				w.Header().Add("Vary", "Cookie")
				next.ServeHTTP(w, r)
				return
			}
		}
		withSession.ServeHTTP(w, r)
	})
}

type principalRow struct {
	UserID            int64     `bun:"user_id"`
	OrgID             int64     `bun:"organisation_id"`
	OrgKind           string    `bun:"kind"`
	Role              string    `bun:"role"`
	Language          string    `bun:"language"`
	Disabled          bool      `bun:"disabled"`
	PasswordChangedAt time.Time `bun:"password_changed_at"`
	Reviewer          bool      `bun:"reviews_agencies"`
	MustChange        bool      `bun:"must_change_password"`
}

// accountPaths are what a user whose password was reset may still call:
// their session, sign-out, language and the password change itself.
const accountPaths = "/api/v1/auth/"

// Authenticate loads the signed-in user of each request into its context.
// The user is read afresh every time, so disabling an account or changing
// its password takes effect at once on every server.
func (s *Sessions) Authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		userID := s.Manager.GetInt64(ctx, sessionUserID)
		if userID == 0 {
			next.ServeHTTP(w, r)
			return
		}
		var row principalRow
		err := s.svc.db.NewRaw(`SELECT u.id AS user_id, u.organisation_id, o.kind, u.role, u.language,
				u.disabled_at IS NOT NULL AS disabled, u.password_changed_at, o.reviews_agencies, u.must_change_password
			FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = ?`, userID).Scan(ctx, &row)
		if err != nil && !db.IsNoRows(err) {
			problem.WriteHTTP(w, problem.From(fmt.Errorf("load session user: %w", err), s.log))
			return
		}
		if err != nil || row.Disabled || row.PasswordChangedAt.UnixMicro() != s.Manager.GetInt64(ctx, sessionPasswordAt) {
			_ = s.Manager.Destroy(ctx)
			next.ServeHTTP(w, r)
			return
		}
		if row.MustChange && !strings.HasPrefix(r.URL.Path, accountPaths) {
			// Until they choose their own password, the user acts as a
			// visitor anywhere else: public pages still work, nothing more.
			next.ServeHTTP(w, r)
			return
		}
		p := principal(row.UserID, row.OrgID, row.OrgKind, row.Role, row.Language, row.Reviewer)
		next.ServeHTTP(w, r.WithContext(authz.WithPrincipal(ctx, p)))
	})
}

// principal is the policy's view of a user of an organisation.
func principal(userID, orgID int64, orgKind, role, language string, reviewsAgencies bool) *authz.Principal {
	return &authz.Principal{UserID: userID, OrgID: orgID, OrgKind: orgKind, Role: role, Language: language,
		Reviewer: role == authz.Regulator && reviewsAgencies}
}
