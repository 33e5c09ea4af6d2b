package identity_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"intermart/internal/clock"
	"intermart/internal/db/dbtest"
	"intermart/internal/errs"
	"intermart/internal/identity"
)

var ctx = context.Background()

const (
	adminPassword = "the-real-admin-password"
	attacker      = "203.0.113.9"
	office        = "198.51.100.7"
)

// newService returns the identity service over a fresh database with a
// fixed clock, and the ID of a regulator admin "reg.admin".
func newService(t *testing.T) (*identity.Service, *clock.Fixed, int64) {
	t.Helper()
	d := dbtest.New(t)
	c := clock.NewFixed(time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC))
	svc := identity.NewService(d.Bun).WithClock(c)
	org, err := svc.CreateOrganisation(ctx, identity.NewOrganisation{Kind: identity.KindRegulator, Name: "大理州政务服务管理局",
		CreditCode: identity.CompleteCreditCode("11532900MB0100001"), RegionCode: "532900",
		Admin: identity.NewUser{Username: "reg.admin", DisplayName: "杨建华", Password: adminPassword}})
	if err != nil {
		t.Fatal(err)
	}
	users, err := svc.Users(ctx, org.ID)
	if err != nil || len(users) != 1 {
		t.Fatalf("users = %v, %v", users, err)
	}
	return svc, c, users[0].ID
}

// retryAfter returns the wait a throttled attempt was told, failing when
// the attempt was not throttled.
func retryAfter(t *testing.T, err error) time.Duration {
	t.Helper()
	var e *errs.Error
	if !errors.As(err, &e) || e.Code != errs.LockedOut {
		t.Fatalf("err = %v, want locked_out", err)
	}
	return e.RetryAfter
}

func fail(t *testing.T, svc *identity.Service, username, addr string) {
	t.Helper()
	_, err := svc.SignIn(ctx, username, "a-wrong-guess", addr)
	if errs.CodeOf(err) != errs.Unauthenticated {
		t.Fatalf("wrong password for %s from %s: err = %v, want wrong credentials", username, addr, err)
	}
}

func TestThrottleDelay(t *testing.T) {
	t.Parallel()
	cases := []struct {
		failures int
		want     time.Duration
	}{
		{0, 0}, {4, 0}, {5, 15 * time.Second}, {6, 30 * time.Second}, {7, time.Minute},
		{10, 8 * time.Minute}, {11, identity.MaxDelay}, {500, identity.MaxDelay},
	}
	for _, c := range cases {
		if got := identity.ThrottleDelay(c.failures, identity.FreeFailures); got != c.want {
			t.Errorf("ThrottleDelay(%d) = %v, want %v", c.failures, got, c.want)
		}
	}
}

func TestSignInThrottle(t *testing.T) {
	t.Parallel()

	t.Run("AttackerDoesNotLockOutTheAdmin", func(t *testing.T) {
		svc, _, _ := newService(t)
		for i := 0; i < identity.FreeFailures+3; i++ {
			_, err := svc.SignIn(ctx, "reg.admin", "a-wrong-guess", attacker)
			if err == nil {
				t.Fatal("a wrong password was accepted")
			}
		}
		if _, err := svc.SignIn(ctx, "reg.admin", adminPassword, office); err != nil {
			t.Fatalf("the admin from the office after an attack from elsewhere: %v", err)
		}
		// The attacker, even with the right password, waits.
		_, err := svc.SignIn(ctx, "reg.admin", adminPassword, attacker)
		retryAfter(t, err)
	})

	t.Run("DelayGrows", func(t *testing.T) {
		svc, c, _ := newService(t)
		for i := 0; i < identity.FreeFailures; i++ {
			fail(t, svc, "reg.admin", attacker)
		}
		var waits []time.Duration
		for i := 0; i < 4; i++ {
			_, err := svc.SignIn(ctx, "reg.admin", "a-wrong-guess", attacker)
			wait := retryAfter(t, err)
			waits = append(waits, wait)
			if i > 0 && wait <= waits[i-1] {
				t.Fatalf("waits %v: the delay does not grow", waits)
			}
			c.Set(mustNow(t, c).Add(wait))
			fail(t, svc, "reg.admin", attacker) // after waiting, one more guess is let through
		}
		if waits[0] > time.Minute || waits[3] < 4*waits[0] {
			t.Fatalf("waits %v, want a short first delay that doubles", waits)
		}
		// Once the wait is over, the right password signs in and clears the count.
		_, err := svc.SignIn(ctx, "reg.admin", adminPassword, attacker)
		c.Set(mustNow(t, c).Add(retryAfter(t, err)))
		if _, err := svc.SignIn(ctx, "reg.admin", adminPassword, attacker); err != nil {
			t.Fatalf("after the wait: %v", err)
		}
		fail(t, svc, "reg.admin", attacker)
	})

	t.Run("OneAddressManyNames", func(t *testing.T) {
		svc, _, _ := newService(t)
		for i := 0; i < identity.FreeFailuresByAddr; i++ {
			fail(t, svc, "guess"+string(rune('a'+i%26))+string(rune('a'+i/26)), attacker)
		}
		_, err := svc.SignIn(ctx, "reg.admin", adminPassword, attacker)
		retryAfter(t, err)
		if _, err := svc.SignIn(ctx, "reg.admin", adminPassword, office); err != nil {
			t.Fatalf("from another address: %v", err)
		}
	})

	t.Run("WindowPasses", func(t *testing.T) {
		svc, c, _ := newService(t)
		for i := 0; i < 12; i++ {
			_, _ = svc.SignIn(ctx, "reg.admin", "a-wrong-guess", attacker)
		}
		c.Set(mustNow(t, c).Add(identity.ThrottleWindow + time.Second))
		if _, err := svc.SignIn(ctx, "reg.admin", adminPassword, attacker); err != nil {
			t.Fatalf("after the window: %v", err)
		}
		if n, err := svc.PurgeSignInFailures(ctx); err != nil {
			t.Fatal(err)
		} else if n != 0 {
			t.Fatalf("purged %d, want 0: the successful sign-in cleared them", n)
		}
	})

	t.Run("WrongCurrentPasswordCounts", func(t *testing.T) {
		svc, _, userID := newService(t)
		for i := 0; i < identity.FreeFailures; i++ {
			err := svc.ChangePassword(ctx, userID, "a-wrong-guess", "a-brand-new-password", attacker)
			if errs.CodeOf(err) != errs.Invalid {
				t.Fatalf("attempt %d: err = %v, want current_password_wrong", i+1, err)
			}
		}
		retryAfter(t, svc.ChangePassword(ctx, userID, adminPassword, "a-brand-new-password", attacker))
		_, err := svc.SignIn(ctx, "reg.admin", adminPassword, attacker)
		retryAfter(t, err)
		if _, err := svc.SignIn(ctx, "reg.admin", adminPassword, office); err != nil {
			t.Fatalf("from the office: %v", err)
		}
	})
}

func mustNow(t *testing.T, c clock.Clock) time.Time {
	t.Helper()
	now, err := c.Now(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	return now
}
