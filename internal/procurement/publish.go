package procurement

import (
	"context"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"intermart/internal/agency"
	"intermart/internal/audit"
	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/draw"
	"intermart/internal/errs"
)

// Notification kinds of the announcement side (agency.Notification).
const (
	NoticePublished = "announcement_published"
	NoticeCancelled = "announcement_cancelled"
)

// CodePrefix starts every announcement's human code: 大理中介 (DaLi ZhongJie).
const CodePrefix = "DLZJ"

// DrawAAD is the additional data the draw's secret is sealed with.
func DrawAAD(announcementID int64) []byte {
	return []byte("draw:" + strconv.FormatInt(announcementID, 10))
}

// snapshot is what the audit trail records of an announcement's state.
func snapshot(a *Announcement) map[string]any {
	m := map[string]any{"status": a.Status, "round": a.Round, "title": a.Title, "method": a.Method,
		"ceilingFen": a.CeilingFen, "serviceWorkdays": a.ServiceWorkdays, "projectServiceId": a.ProjectServiceID}
	if a.Code != nil {
		m["code"] = *a.Code
	}
	if a.StatedPriceFen != nil {
		m["statedPriceFen"] = *a.StatedPriceFen
	}
	if a.RegistrationDeadline != nil {
		m["registrationDeadline"] = a.RegistrationDeadline.UTC().Format(time.RFC3339)
	}
	if a.PreviousID != nil {
		m["previousId"] = *a.PreviousID
	}
	if a.CancelReason != nil {
		m["cancelReason"] = *a.CancelReason
	}
	if len(a.DrawCommitment) > 0 {
		m["drawCommitment"] = hex.EncodeToString(a.DrawCommitment)
	}
	return m
}

// record appends an audit event to the announcement's chain, in tx.
func (s *Service) record(ctx context.Context, tx bun.IDB, actor *authz.Principal, id int64, action string, at time.Time, before, after any) error {
	e := audit.Event{Chain: audit.Chain("announcement", id), At: at, Action: action}
	if before != nil {
		e.Before = before
	}
	if after != nil {
		e.After = after
	}
	if actor != nil {
		e.ActorUser, e.ActorOrg = actor.UserID, actor.OrgID
	}
	return s.appendEvent(ctx, tx, e)
}

// nextCode gives the next human code of the Shanghai year of now.
func nextCode(ctx context.Context, tx bun.IDB, now time.Time) (string, error) {
	year := now.In(clock.Shanghai).Year()
	var n int
	err := tx.NewRaw(`INSERT INTO announcement_code_counters AS c (year, last) VALUES (?, 1)
		ON CONFLICT (year) DO UPDATE SET last = c.last + 1 RETURNING last`, year).Scan(ctx, &n)
	if err != nil {
		return "", fmt.Errorf("number announcement of %d: %w", year, err)
	}
	return fmt.Sprintf("%s-%d-%06d", CodePrefix, year, n), nil
}

// Publish publishes a draft of organisation org: the rules are checked once
// more at the database clock's time; the announcement gets its code, ocid
// and draw commitment (the secret sealed until the draw); the item's
// qualification requirements are copied; the closing job is scheduled at
// the deadline; the agencies listing the item are told. All in one
// transaction.
func (s *Service) Publish(ctx context.Context, actor *authz.Principal, org, id int64) (*AnnouncementView, error) {
	if s.Sealer == nil {
		return nil, fmt.Errorf("publish announcement %d: no sealer configured", id)
	}
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		a, now, err := s.lockFor(ctx, tx, org, id, ActionPublish)
		if err != nil {
			return err
		}
		rules, err := CurrentRules(ctx, tx)
		if err != nil {
			return err
		}
		in, err := inputOf(ctx, tx, a)
		if err != nil {
			return err
		}
		d, err := validate(ctx, tx, org, in, rules, now, true)
		if err != nil {
			return err
		}
		before := snapshot(a)
		code, err := nextCode(ctx, tx, now)
		if err != nil {
			return err
		}
		secret, err := draw.NewSecret()
		if err != nil {
			return err
		}
		sealed, err := s.Sealer.Seal(a.ID, secret, DrawAAD(a.ID))
		if err != nil {
			return err
		}
		commitment, err := hex.DecodeString(draw.Commit(secret))
		if err != nil {
			return err
		}
		ocid := s.OCIDPrefix + code
		a.Code, a.OCID, a.Status, a.PublishedAt = &code, &ocid, StatusOpen, &now
		a.DrawCommitment, a.DrawSecretSealed = commitment, sealed
		_, err = tx.NewUpdate().Model(a).Column("code", "ocid", "status", "published_at", "draw_commitment", "draw_secret_sealed").
			Set("updated_at = now()").WherePK().Exec(ctx)
		if err != nil {
			return fmt.Errorf("publish announcement %d: %w", id, err)
		}
		for _, r := range d.item.Requirements {
			if _, err := tx.NewRaw("INSERT INTO announcement_requirements (announcement_id, type_id, level_code) VALUES (?, ?, ?)",
				id, r.TypeID, r.MinLevelCode).Exec(ctx); err != nil {
				return fmt.Errorf("copy requirements of announcement %d: %w", id, err)
			}
		}
		_, err = s.Queue.InsertTx(ctx, tx, CloseArgs{AnnouncementID: id}, &river.InsertOpts{
			ScheduledAt: *a.RegistrationDeadline, UniqueOpts: river.UniqueOpts{ByArgs: true}})
		if err != nil {
			return err
		}
		if err := s.record(ctx, tx, actor, id, "announcement.publish", now, before, snapshot(a)); err != nil {
			return err
		}
		agencies, err := agency.ListedFor(ctx, tx, a.ItemID)
		if err != nil {
			return err
		}
		params := noticeParams(a, d.item)
		for _, ag := range agencies {
			if avoided(d.Avoidances, ag) {
				continue
			}
			if err := agency.Notify(ctx, tx, ag, NoticePublished, params, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Announcement(ctx, id)
}

func avoided(list []AvoidanceInput, org int64) bool {
	for _, a := range list {
		if a.AgencyID == org {
			return true
		}
	}
	return false
}

// noticeParams are what a notification about a needs to be worded.
func noticeParams(a *Announcement, item *catalog.ServiceItem) map[string]any {
	p := map[string]any{"announcementId": a.ID, "title": a.Title, "itemCode": item.Code,
		"itemNameZh": item.NameZH, "itemNameEn": item.NameEN}
	if a.Code != nil {
		p["code"] = *a.Code
	}
	if a.RegistrationDeadline != nil {
		p["registrationDeadline"] = a.RegistrationDeadline.UTC().Format(time.RFC3339)
	}
	return p
}

// inputOf reads a stored draft back as the input it was made from.
func inputOf(ctx context.Context, idb bun.IDB, a *Announcement) (AnnouncementInput, error) {
	in := AnnouncementInput{ProjectServiceID: a.ProjectServiceID, Title: a.Title, Description: a.Description,
		PractitionerRequirements: a.PractitionerRequirements, CeilingFen: a.CeilingFen, StatedPriceFen: a.StatedPriceFen,
		Method: a.Method, WeightPrice: a.WeightPrice, WeightCredit: a.WeightCredit, WeightRating: a.WeightRating,
		ServiceWorkdays: a.ServiceWorkdays, RegistrationDeadline: a.RegistrationDeadline}
	err := idb.NewRaw("SELECT agency_id, reason FROM announcement_avoidances WHERE announcement_id = ? ORDER BY agency_id", a.ID).Scan(ctx, &in.Avoidances)
	if err != nil {
		return in, fmt.Errorf("avoidances of announcement %d: %w", a.ID, err)
	}
	if err := idb.NewRaw("SELECT file_id FROM announcement_files WHERE announcement_id = ? ORDER BY file_id", a.ID).Scan(ctx, &in.FileIDs); err != nil {
		return in, fmt.Errorf("attachments of announcement %d: %w", a.ID, err)
	}
	return in, nil
}

// Cancel cancels an open announcement of organisation org before its
// deadline, with a reason; every registrant is told.
func (s *Service) Cancel(ctx context.Context, actor *authz.Principal, org, id int64, in CancelInput) (*AnnouncementView, error) {
	reason := strings.TrimSpace(in.Reason)
	var f errs.Fields
	checkLength(&f, "body.reason", reason, 2, 500)
	if err := f.Err(); err != nil {
		return nil, err
	}
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		a, now, err := s.lockFor(ctx, tx, org, id, ActionCancel)
		if err != nil {
			return err
		}
		before := snapshot(a)
		a.Status, a.CancelledAt, a.CancelReason = StatusCancelled, &now, &reason
		if _, err := tx.NewUpdate().Model(a).Column("status", "cancelled_at", "cancel_reason").Set("updated_at = now()").WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("cancel announcement %d: %w", id, err)
		}
		if err := s.record(ctx, tx, actor, id, "announcement.cancel", now, before, snapshot(a)); err != nil {
			return err
		}
		var registrants []int64
		err = tx.NewSelect().Model((*Registration)(nil)).Column("agency_id").
			Where("announcement_id = ? AND status = ?", id, RegistrationActive).OrderExpr("agency_id").Scan(ctx, &registrants)
		if err != nil {
			return fmt.Errorf("registrants of announcement %d: %w", id, err)
		}
		item, err := catalog.FindItem(ctx, tx, a.ItemID)
		if err != nil {
			return err
		}
		params := noticeParams(a, item)
		params["reason"] = reason
		for _, r := range registrants {
			if err := agency.Notify(ctx, tx, r, NoticeCancelled, params, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Announcement(ctx, id)
}

// Relist drafts the next round of a failed announcement of organisation
// org, prefilled from it; the owner sets a new deadline and publishes it.
func (s *Service) Relist(ctx context.Context, actor *authz.Principal, org, id int64) (*AnnouncementView, error) {
	var next int64
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		a, _, err := s.lockFor(ctx, tx, org, id, ActionRelist)
		if err != nil {
			return err
		}
		in, err := inputOf(ctx, tx, a)
		if err != nil {
			return err
		}
		// The old deadline has passed; the owner sets the new round's.
		in.RegistrationDeadline = nil
		next, err = s.createDraft(ctx, tx, actor, in, a)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.Announcement(ctx, next)
}
