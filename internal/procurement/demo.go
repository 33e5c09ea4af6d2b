package procurement

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/agency"
)

// Demo stages an announcement can be moved to by SeedCompetition.
const (
	DemoOpen        = "open"         // a few registrations, still open
	DemoFailed      = "failed"       // the deadline passed with too few registrants
	DemoInPublicity = "in_publicity" // closed and selected, publicity running
	DemoAwarded     = "awarded"      // publicity over, awarded
)

// SeedCompetition moves a published demo announcement on, as if time had
// passed: eligible agencies of its item register (quotes sealed, between
// 70 % and 98 % of the ceiling), and for the later stages the deadline is
// put in the past and the announcement closed, selected (the owner's
// direct choice made with a reason) and, for awarded, its publicity ended.
// Everything goes through the same closing, selection and award as a live
// announcement. It is for the demo data only.
func (s *Service) SeedCompetition(ctx context.Context, id int64, stage string, want int) error {
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		now, err := s.Clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		a := new(Announcement)
		if err := tx.NewSelect().Model(a).Where("a.id = ? AND a.status = ?", id, StatusOpen).For("UPDATE").Scan(ctx); err != nil {
			return fmt.Errorf("demo announcement %d: %w", id, err)
		}
		if stage == DemoFailed {
			want = min(want, 1)
		}
		listed, err := agency.ListedFor(ctx, tx, a.ItemID)
		if err != nil {
			return err
		}
		n := 0
		for i, org := range listed {
			if n == want {
				break
			}
			reasons, err := eligibility(ctx, tx, a, org, now)
			if err != nil {
				return err
			}
			if len(reasons) > 0 {
				continue
			}
			r := &Registration{AnnouncementID: id, AgencyID: org, RegisteredBy: a.CreatedBy, Status: RegistrationActive,
				CreatedAt: now, UpdatedAt: now}
			if UsesQuotes(a.Method) {
				quote := a.CeilingFen * int64(70+(i*7+int(id))%29) / 100
				if r.QuoteSealed, err = s.Sealer.Seal(id, []byte(strconv.FormatInt(quote, 10)), quoteAAD(id, org)); err != nil {
					return err
				}
			}
			if _, err := tx.NewInsert().Model(r).Column("announcement_id", "agency_id", "registered_by", "status",
				"quote_sealed", "created_at", "updated_at").Exec(ctx); err != nil {
				return fmt.Errorf("demo registration: %w", err)
			}
			n++
		}
		if _, err := tx.NewUpdate().Model((*Announcement)(nil)).Set("registrant_count = ?", n).Where("id = ?", id).Exec(ctx); err != nil {
			return err
		}
		if stage == DemoOpen {
			return nil
		}
		// The deadline passed a few days ago.
		deadline := now.Add(-72 * time.Hour)
		if _, err := tx.NewUpdate().Model((*Announcement)(nil)).
			Set("registration_deadline = ?, published_at = least(published_at, ?)", deadline, deadline.Add(-5*24*time.Hour)).
			Where("id = ?", id).Exec(ctx); err != nil {
			return err
		}
		if _, err := s.closeTx(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.NewSelect().Model(a).WherePK().Scan(ctx); err != nil {
			return err
		}
		if a.Status == StatusClosed && a.Method == MethodDirect {
			regs, err := registrants(ctx, tx, id)
			if err != nil {
				return err
			}
			reason := "该机构熟悉本项目所在区域情况，服务承诺时限最短，报价在最高限价以内。"
			sel := &Selection{AnnouncementID: id, Seq: 1, Method: MethodDirect, WinnerID: regs[0].ID, Reason: &reason,
				Status: SelectionInPublicity, SelectedAt: now}
			if err := s.selectWinner(ctx, tx, a, now, sel, regs, a.CreatedBy, a.OwnerID); err != nil {
				return err
			}
		}
		if stage != DemoAwarded {
			return nil
		}
		if _, err := tx.NewUpdate().Model((*Selection)(nil)).Set("publicity_ends_at = ?", now.Add(-time.Second)).
			Where("announcement_id = ? AND status = ?", id, SelectionInPublicity).Exec(ctx); err != nil {
			return err
		}
		_, err = s.awardTx(ctx, tx, id)
		return err
	})
}
