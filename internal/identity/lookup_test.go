package identity_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"intermart/internal/db/dbtest"
	"intermart/internal/errs"
	"intermart/internal/identity"
)

func signUp(ctx context.Context, t *testing.T, svc *identity.Service) *identity.Organisation {
	t.Helper()
	org, err := svc.SignUpAgency(ctx, identity.AgencySignUp{OrganisationName: "大理洱海环境咨询有限公司",
		CreditCode: identity.CompleteCreditCode("91532901MA6K00001"), RegionCode: "532901", ContactName: "杨雪",
		ContactPhone: "0872-2123456", Username: "erhai", DisplayName: "杨雪", Password: "erhai-password"})
	if err != nil {
		t.Fatal(err)
	}
	return org
}

// TestDatabaseFailureIsNotBadInput checks that a failing region lookup is
// reported as the failure it is, not as an unknown region the user should
// correct.
func TestDatabaseFailureIsNotBadInput(t *testing.T) {
	t.Parallel()
	svc := identity.NewService(dbtest.New(t).Bun)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := svc.SignUpAgency(ctx, identity.AgencySignUp{OrganisationName: "大理洱海环境咨询有限公司",
		CreditCode: identity.CompleteCreditCode("91532901MA6K00001"), RegionCode: "532901", ContactName: "杨雪",
		ContactPhone: "0872-2123456", Username: "erhai", DisplayName: "杨雪", Password: "erhai-password"})
	if err == nil || errs.Is(err, errs.Invalid) || !errors.Is(err, context.Canceled) {
		t.Fatalf("sign-up while the database fails: %v, want the database's error, not invalid input", err)
	}
}

// TestLookups checks what identity offers other capabilities, inside their
// transaction.
func TestLookups(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := dbtest.New(t).Bun
	svc := identity.NewService(d)
	org := signUp(ctx, t, svc)

	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := identity.FindOrganisation(ctx, d, 987654, false); !errs.Is(err, errs.NotFound) {
			t.Fatalf("missing organisation: %v, want not found", err)
		}
		if err := identity.Activate(ctx, d, 987654); !errs.Is(err, errs.NotFound) {
			t.Fatalf("activate a missing organisation: %v, want not found", err)
		}
	})

	t.Run("ActivateInTheCallersTransaction", func(t *testing.T) {
		tx, err := d.BeginTx(ctx, &sql.TxOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if err := identity.Activate(ctx, tx, org.ID); err != nil {
			t.Fatal(err)
		}
		got, err := identity.FindOrganisation(ctx, tx, org.ID, false)
		if err != nil || !got.Admitted() {
			t.Fatalf("inside the transaction: %+v %v, want admitted", got, err)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		got, err = identity.FindOrganisation(ctx, d, org.ID, false)
		if err != nil || got.Admitted() {
			t.Fatalf("after the rollback: %+v %v, want still pending", got, err)
		}
	})

	t.Run("SetContact", func(t *testing.T) {
		var e *errs.Error
		if err := identity.SetContact(ctx, d, org.ID, "王芳", "not a phone"); !errors.As(err, &e) || e.Fields[0].Field != "body.contactPhone" {
			t.Fatalf("bad phone: %v", err)
		}
		if err := identity.SetContact(ctx, d, org.ID, " 王芳 ", "0872-2999999"); err != nil {
			t.Fatal(err)
		}
		got, err := identity.FindOrganisation(ctx, d, org.ID, false)
		if err != nil || got.ContactName != "王芳" || got.ContactPhone != "0872-2999999" {
			t.Fatalf("contact = %q %q, %v", got.ContactName, got.ContactPhone, err)
		}
	})

	t.Run("Names", func(t *testing.T) {
		names, err := identity.OrganisationNames(ctx, d, []int64{org.ID, 987654})
		if err != nil || len(names) != 1 || names[org.ID] != org.Name {
			t.Fatalf("names = %v, %v", names, err)
		}
		users, err := svc.Users(ctx, org.ID)
		if err != nil {
			t.Fatal(err)
		}
		actors, err := identity.Actors(ctx, d, []int64{users[0].ID})
		if a := actors[users[0].ID]; err != nil || a.DisplayName != "杨雪" || a.OrganisationName != org.Name || a.OrganisationID != org.ID {
			t.Fatalf("actors = %+v, %v", actors, err)
		}
	})
}
