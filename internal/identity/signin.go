package identity

import (
	"context"
	"fmt"
	"time"

	"github.com/alexedwards/argon2id"
	"github.com/uptrace/bun"

	"intermart/internal/db"
	"intermart/internal/errs"
)

// Sign-in throttle. Wrong passwords are counted per account name and client
// address together, so an attacker guessing at "admin" from one address
// slows down only their own attempts: the real admin signing in from
// another address is not held up. After the free attempts every further one
// must wait a delay that doubles with each failure, up to MaxDelay; nothing
// is locked outright. One address trying many names is slowed the same way
// after more free attempts. Failures older than ThrottleWindow are
// forgotten. Counted in PostgreSQL, so the throttle holds across servers,
// and judged by the marketplace clock.
const (
	ThrottleWindow     = time.Hour
	FreeFailures       = 5  // per name and address
	FreeFailuresByAddr = 30 // per address, over all names
	FirstDelay         = 15 * time.Second
	MaxDelay           = 15 * time.Minute
)

// ThrottleDelay is how long to wait after the last of failures wrong
// attempts, free of them allowed without delay.
func ThrottleDelay(failures, free int) time.Duration {
	if failures < free {
		return 0
	}
	d := FirstDelay
	for n := free; n < failures && d < MaxDelay; n++ {
		d *= 2
	}
	return min(d, MaxDelay)
}

// dummyHash is compared against when the account does not exist, so a wrong
// username takes as long as a wrong password and reveals nothing.
var dummyHash = func() string {
	h, err := argon2id.CreateHash("intermart-no-such-user", argon2id.DefaultParams)
	if err != nil {
		panic(err)
	}
	return h
}()

// SignIn checks a username and password from a client address. It answers
// the same "wrong_credentials" whether or not the account exists.
func (s *Service) SignIn(ctx context.Context, username, password, remoteAddr string) (*User, error) {
	username = NormalizeUsername(username)
	now, err := s.clock.Now(ctx, s.db)
	if err != nil {
		return nil, err
	}
	if err := s.checkThrottle(ctx, s.db, now, username, remoteAddr); err != nil {
		return nil, err
	}
	u := new(User)
	err = s.db.NewSelect().Model(u).Where("username = ?", username).Scan(ctx)
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
		if err := s.recordFailure(ctx, s.db, now, username, remoteAddr); err != nil {
			return nil, err
		}
		return nil, errs.New(errs.Unauthenticated, "wrong_credentials", "the username or password is not correct")
	}
	if u.DisabledAt != nil {
		return nil, errs.New(errs.Forbidden, "account_disabled", "this account has been disabled; ask your organisation's administrator")
	}
	if err := s.clearFailures(ctx, s.db, username, remoteAddr); err != nil {
		return nil, err
	}
	return u, nil
}

// checkThrottle refuses an attempt that comes before the delay the recent
// failures of this name from this address (or of this address) call for,
// saying how long to wait.
func (s *Service) checkThrottle(ctx context.Context, idb bun.IDB, now time.Time, username, remoteAddr string) error {
	var (
		byPair, byAddr     int
		lastPair, lastAddr *time.Time
	)
	err := idb.NewRaw(`SELECT count(*) FILTER (WHERE username = ?), max(failed_at) FILTER (WHERE username = ?), count(*), max(failed_at)
		FROM sign_in_failures WHERE remote_addr = ? AND failed_at > ?`,
		username, username, remoteAddr, now.Add(-ThrottleWindow)).Scan(ctx, &byPair, &lastPair, &byAddr, &lastAddr)
	if err != nil {
		return fmt.Errorf("check sign-in throttle: %w", err)
	}
	var wait time.Duration
	if lastPair != nil {
		wait = lastPair.Add(ThrottleDelay(byPair, FreeFailures)).Sub(now)
	}
	if lastAddr != nil {
		wait = max(wait, lastAddr.Add(ThrottleDelay(byAddr, FreeFailuresByAddr)).Sub(now))
	}
	if wait <= 0 {
		return nil
	}
	wait = wait.Round(time.Second) + time.Second
	e := errs.New(errs.LockedOut, "locked_out", fmt.Sprintf("too many failed sign-ins: try again in %d seconds", int(wait.Seconds())))
	e.RetryAfter = wait
	return e
}

func (s *Service) recordFailure(ctx context.Context, idb bun.IDB, now time.Time, username, remoteAddr string) error {
	_, err := idb.NewRaw("INSERT INTO sign_in_failures (username, remote_addr, failed_at) VALUES (?, ?, ?)", username, remoteAddr, now).Exec(ctx)
	if err != nil {
		return fmt.Errorf("record failed sign-in: %w", err)
	}
	return nil
}

// clearFailures forgets the failures of a name from an address once the
// right password came from there; others' failures stay counted.
func (s *Service) clearFailures(ctx context.Context, idb bun.IDB, username, remoteAddr string) error {
	_, err := idb.NewRaw("DELETE FROM sign_in_failures WHERE username = ? AND remote_addr = ?", username, remoteAddr).Exec(ctx)
	if err != nil {
		return fmt.Errorf("clear failed sign-ins: %w", err)
	}
	return nil
}

// PurgeSignInFailures deletes failures older than the throttle window.
func (s *Service) PurgeSignInFailures(ctx context.Context) (int64, error) {
	now, err := s.clock.Now(ctx, s.db)
	if err != nil {
		return 0, err
	}
	res, err := s.db.NewRaw("DELETE FROM sign_in_failures WHERE failed_at < ?", now.Add(-ThrottleWindow)).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("purge sign-in failures: %w", err)
	}
	return res.RowsAffected()
}

// PurgeExpiredSessions deletes sessions past their expiry. The session
// store itself judges expiry by the database's now(), so this does too.
func (s *Service) PurgeExpiredSessions(ctx context.Context) (int64, error) {
	res, err := s.db.NewRaw("DELETE FROM sessions WHERE expiry < now()").Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("purge sessions: %w", err)
	}
	return res.RowsAffected()
}
