package contract

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"intermart/internal/authz"
	"intermart/internal/clock"
	"intermart/internal/identity"
)

// SeedDemo moves the demo contracts on through the real operations, each
// in its own state: those of direct selections stay awaiting registration
// (their price is agreed there: the contract browser test registers 剑川's,
// the fulfilment browser test 巍山's); of the
// others the first is registered by its owner and awaits the agency's
// confirmation, the rest are registered by their agencies, confirmed by
// their owners (so active with their derived milestones) and partly paid. document
// makes each contract's signed PDF. Contracts already registered are left
// as they are. It is for the demo data only.
func (s *Service) SeedDemo(ctx context.Context, document func(c *Contract) []byte) error {
	var list []Contract
	if err := s.DB.NewSelect().Model(&list).Order("c.id").Scan(ctx); err != nil {
		return fmt.Errorf("demo contracts: %w", err)
	}
	now, err := s.Clock.Now(ctx, s.DB)
	if err != nil {
		return err
	}
	today := clock.Today(now).Format(time.DateOnly)
	first := true
	for i := range list {
		c := &list[i]
		if c.PriceFen == nil || c.Status != StatusAwaitingRegistration {
			continue
		}
		pending := first
		first = false
		owner, err := s.demoUser(ctx, c.OwnerID, identity.KindOwner)
		if err != nil {
			return err
		}
		agencyUser, err := s.demoUser(ctx, c.AgencyID, identity.KindAgency)
		if err != nil {
			return err
		}
		registrar, confirmer := agencyUser, owner
		if pending {
			registrar = owner
		}
		pdf := document(c)
		f, err := s.Files.Upload(ctx, registrar, PurposeContractDocument, c.Code+".pdf", bytes.NewReader(pdf), int64(len(pdf)))
		if err != nil {
			return fmt.Errorf("demo contract %s document: %w", c.Code, err)
		}
		in := ContractRegistration{DocumentFileID: f.ID, SignedOn: today, StartsOn: today}
		if _, err := s.Register(ctx, registrar, c.ID, in); err != nil {
			return fmt.Errorf("register demo contract %s: %w", c.Code, err)
		}
		if pending {
			continue
		}
		got, err := s.Confirm(ctx, confirmer, c.ID)
		if err != nil {
			return fmt.Errorf("confirm demo contract %s: %w", c.Code, err)
		}
		if _, err := s.RecordPayment(ctx, owner, c.ID, PaymentInput{AmountFen: *got.PriceFen * 3 / 10, PaidOn: today, Note: "预付款（合同价款的30%）"}); err != nil {
			return fmt.Errorf("demo payment of %s: %w", c.Code, err)
		}
	}
	return nil
}

// demoUser is the first enabled user of organisation org.
func (s *Service) demoUser(ctx context.Context, org int64, kind string) (*authz.Principal, error) {
	users, err := s.Identity.Users(ctx, org)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		if !u.Disabled {
			return &authz.Principal{UserID: u.ID, OrgID: org, Role: u.Role, OrgKind: kind}, nil
		}
	}
	return nil, fmt.Errorf("organisation %d has no enabled user", org)
}
