package identity

import (
	"context"
	"fmt"
	"time"

	"github.com/alexedwards/argon2id"

	"intermart/internal/db"
	"intermart/internal/errs"
)

// Lockout: after this many failed sign-ins for one account name, or many
// more from one address, within the window, sign-in is refused until the
// window has passed. Counted in PostgreSQL, so it holds across servers.
const (
	LockoutWindow      = 15 * time.Minute
	MaxFailuresPerName = 5
	MaxFailuresPerAddr = 30
)

// dummyHash is compared against when the account does not exist, so a wrong
// username takes as long as a wrong password and reveals nothing.
var dummyHash = func() string {
	h, err := argon2id.CreateHash("intermart-no-such-user", argon2id.DefaultParams)
	if err != nil {
		panic(err)
	}
	return h
}()

// SignIn checks a username and password. It answers the same
// "wrong_credentials" whether or not the account exists.
func (s *Service) SignIn(ctx context.Context, username, password, remoteAddr string) (*User, error) {
	username = NormalizeUsername(username)
	if err := s.checkLockout(ctx, username, remoteAddr); err != nil {
		return nil, err
	}
	u := new(User)
	err := s.db.NewSelect().Model(u).Where("username = ?", username).Scan(ctx)
	if err != nil && !db.IsNoRows(err) {
		return nil, fmt.Errorf("find user: %w", err)
	}
	hash := dummyHash
	if err == nil {
		hash = u.PasswordHash
	}
	match, cmpErr := argon2id.ComparePasswordAndHash(password, hash)
	if cmpErr != nil {
		return nil, fmt.Errorf("compare password: %w", cmpErr)
	}
	if err != nil || !match {
		if _, err := s.db.NewRaw("INSERT INTO sign_in_failures (username, remote_addr) VALUES (?, ?)", username, remoteAddr).Exec(ctx); err != nil {
			return nil, fmt.Errorf("record failed sign-in: %w", err)
		}
		return nil, errs.New(errs.Unauthenticated, "wrong_credentials", "the username or password is not correct")
	}
	if u.DisabledAt != nil {
		return nil, errs.New(errs.Forbidden, "account_disabled", "this account has been disabled; ask your organisation's administrator")
	}
	if _, err := s.db.NewRaw("DELETE FROM sign_in_failures WHERE username = ?", username).Exec(ctx); err != nil {
		return nil, fmt.Errorf("clear failed sign-ins: %w", err)
	}
	return u, nil
}

// checkLockout refuses a sign-in while too many recent failures stand
// against the name or the address, saying how long to wait. The window is
// judged by the database clock.
func (s *Service) checkLockout(ctx context.Context, username, remoteAddr string) error {
	var waitName, waitAddr float64
	err := s.db.NewRaw(`SELECT
		coalesce((SELECT extract(epoch FROM min(failed_at) + ?::interval - now()) FROM (
			SELECT failed_at FROM sign_in_failures WHERE username = ? AND failed_at > now() - ?::interval
			ORDER BY failed_at DESC LIMIT ?) recent HAVING count(*) >= ?), 0),
		coalesce((SELECT extract(epoch FROM min(failed_at) + ?::interval - now()) FROM (
			SELECT failed_at FROM sign_in_failures WHERE remote_addr = ? AND failed_at > now() - ?::interval
			ORDER BY failed_at DESC LIMIT ?) recent HAVING count(*) >= ?), 0)`,
		interval(LockoutWindow), username, interval(LockoutWindow), MaxFailuresPerName, MaxFailuresPerName,
		interval(LockoutWindow), remoteAddr, interval(LockoutWindow), MaxFailuresPerAddr, MaxFailuresPerAddr,
	).Scan(ctx, &waitName, &waitAddr)
	if err != nil {
		return fmt.Errorf("check lockout: %w", err)
	}
	wait := max(waitName, waitAddr)
	if wait <= 0 {
		return nil
	}
	e := errs.New(errs.LockedOut, "locked_out", fmt.Sprintf("too many failed sign-ins: try again in %d minutes", int(wait/60)+1))
	e.RetryAfter = time.Duration(wait * float64(time.Second))
	return e
}

// PurgeSignInFailures deletes failures older than the lockout window.
func (s *Service) PurgeSignInFailures(ctx context.Context) (int64, error) {
	res, err := s.db.NewRaw("DELETE FROM sign_in_failures WHERE failed_at < now() - ?::interval", interval(LockoutWindow)).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("purge sign-in failures: %w", err)
	}
	return res.RowsAffected()
}

// PurgeExpiredSessions deletes sessions past their expiry.
func (s *Service) PurgeExpiredSessions(ctx context.Context) (int64, error) {
	res, err := s.db.NewRaw("DELETE FROM sessions WHERE expiry < now()").Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("purge sessions: %w", err)
	}
	return res.RowsAffected()
}

func interval(d time.Duration) string { return fmt.Sprintf("%d seconds", int(d.Seconds())) }
