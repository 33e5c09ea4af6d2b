package agency

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/clock"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/identity"
)

// Application is everything an agency has submitted, with its review history.
type Application struct {
	Organisation   identity.Organisation `json:"organisation"`
	Profile        Profile               `json:"profile"`
	Qualifications []Qualification       `json:"qualifications"`
	Practitioners  []Practitioner        `json:"practitioners"`
	Listings       []Listing             `json:"listings"`
	Sanctions      []Sanction            `json:"sanctions"`
	History        []ReviewEvent         `json:"history"`
	// Actions are those the reader may take (see actions.go).
	Actions []string `json:"actions,omitempty" enum:"approve,reject,sanction" doc:"What the reader may do: approve or reject the application, impose a sanction; absent when nothing"`
}

// ProfileInput is what the agency fills in about itself.
type ProfileInput struct {
	LegalRepresentative string `json:"legalRepresentative" maxLength:"50"`
	Address             string `json:"address" maxLength:"200"`
	Introduction        string `json:"introduction" maxLength:"2000"`
	ContactName         string `json:"contactName" maxLength:"50"`
	ContactPhone        string `json:"contactPhone" maxLength:"20"`
}

// organisation loads an agency organisation, refusing other kinds.
func (s *Service) organisation(ctx context.Context, idb bun.IDB, orgID int64) (*identity.Organisation, error) {
	org, err := identity.FindOrganisation(ctx, idb, orgID, false)
	if errs.Is(err, errs.NotFound) || (err == nil && org.Kind != identity.KindAgency) {
		return nil, errAgencyNotFound
	}
	if err != nil {
		return nil, err
	}
	return org, nil
}

// profile returns the agency's profile, creating an empty draft the first
// time it is asked for.
func (s *Service) profile(ctx context.Context, idb bun.IDB, orgID int64) (*Profile, error) {
	if _, err := idb.NewInsert().Model(&Profile{OrganisationID: orgID, Status: StatusDraft}).
		On("CONFLICT (organisation_id) DO NOTHING").Exec(ctx); err != nil {
		return nil, fmt.Errorf("create profile: %w", err)
	}
	p := new(Profile)
	if err := idb.NewSelect().Model(p).Where("organisation_id = ?", orgID).Scan(ctx); err != nil {
		return nil, fmt.Errorf("get profile: %w", err)
	}
	return p, nil
}

// readProfile returns the agency's profile, or an empty draft when it has
// never been written: reading changes nothing.
func (s *Service) readProfile(ctx context.Context, orgID int64) (*Profile, error) {
	p := new(Profile)
	err := s.db.NewSelect().Model(p).Where("organisation_id = ?", orgID).Scan(ctx)
	if db.IsNoRows(err) {
		return &Profile{OrganisationID: orgID, Status: StatusDraft}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("get profile: %w", err)
	}
	return p, nil
}

// Application returns an agency's whole application.
func (s *Service) Application(ctx context.Context, orgID int64) (*Application, error) {
	org, err := s.organisation(ctx, s.db, orgID)
	if err != nil {
		return nil, err
	}
	now, err := s.clock.Now(ctx, s.db)
	if err != nil {
		return nil, err
	}
	app := &Application{Organisation: *org}
	p, err := s.readProfile(ctx, orgID)
	if err != nil {
		return nil, err
	}
	app.Profile = *p
	if app.Qualifications, err = s.qualifications(ctx, s.db, orgID, clock.Today(now), false); err != nil {
		return nil, err
	}
	if app.Practitioners, err = s.practitioners(ctx, orgID); err != nil {
		return nil, err
	}
	if app.Listings, err = s.listings(ctx, s.db, orgID); err != nil {
		return nil, err
	}
	if app.Sanctions, err = s.sanctions(ctx, orgID, now); err != nil {
		return nil, err
	}
	if app.History, err = s.history(ctx, s.db, orgID); err != nil {
		return nil, err
	}
	if err := withActions(ctx, s.db, app, clock.Today(now)); err != nil {
		return nil, err
	}
	return app, nil
}

// UpdateProfile changes the profile while it is not under review or approved.
func (s *Service) UpdateProfile(ctx context.Context, orgID int64, in ProfileInput) (*Profile, error) {
	var f errs.Fields
	checkText(&f, "body.legalRepresentative", in.LegalRepresentative, 0, 50)
	checkText(&f, "body.address", in.Address, 0, 200)
	identity.CheckContact(&f, in.ContactName, in.ContactPhone)
	if err := f.Err(); err != nil {
		return nil, err
	}
	var out *Profile
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := s.organisation(ctx, tx, orgID); err != nil {
			return err
		}
		p, err := s.profile(ctx, tx, orgID)
		if err != nil {
			return err
		}
		if p.Status == StatusSubmitted {
			return errs.New(errs.Conflict, "under_review", "the application is under review and cannot change now")
		}
		// What the public reads was reviewed; after approval only the
		// contact may change here.
		if p.Status == StatusApproved && (p.LegalRepresentative != strings.TrimSpace(in.LegalRepresentative) ||
			p.Address != strings.TrimSpace(in.Address) || p.Introduction != strings.TrimSpace(in.Introduction)) {
			return errs.New(errs.Conflict, "profile_locked", "an approved profile keeps its reviewed details; only the contact can change")
		}
		p.LegalRepresentative = strings.TrimSpace(in.LegalRepresentative)
		p.Address = strings.TrimSpace(in.Address)
		p.Introduction = strings.TrimSpace(in.Introduction)
		if p.Status == StatusRejected {
			p.Status = StatusDraft
		}
		_, err = tx.NewUpdate().Model(p).
			Column("legal_representative", "address", "introduction", "status").
			Set("updated_at = now()").WherePK().Exec(ctx)
		if err != nil {
			return fmt.Errorf("update profile: %w", err)
		}
		if err := identity.SetContact(ctx, tx, orgID, in.ContactName, in.ContactPhone); err != nil {
			return err
		}
		out = p
		return nil
	})
	return out, err
}

// Submit sends the profile, every qualification and every listing change
// that is not yet under review to the regulators, in one step.
func (s *Service) Submit(ctx context.Context, actor *authz.Principal, orgID int64) error {
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		p, err := s.profile(ctx, tx, orgID)
		if err != nil {
			return err
		}
		now, err := s.clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		var f errs.Fields
		if p.LegalRepresentative == "" {
			f.Add("profile.legalRepresentative", "required", "name the legal representative before submitting")
		}
		if p.Address == "" {
			f.Add("profile.address", "required", "give the address before submitting")
		}
		if err := f.Err(); err != nil {
			return err
		}
		submitted := 0
		if p.Status == StatusDraft || p.Status == StatusRejected {
			if _, err := tx.NewUpdate().Model(p).Set("status = ?", StatusSubmitted).Set("submitted_at = ?", now).
				Set("updated_at = now()").WherePK().Exec(ctx); err != nil {
				return fmt.Errorf("submit profile: %w", err)
			}
			if err := s.record(ctx, tx, now, orgID, "profile", orgID, "submitted", "", actor.UserID, p); err != nil {
				return err
			}
			submitted++
		}
		var quals []Qualification
		// A qualification's submission time is its updated_at while it
		// waits: the review queue orders by it.
		err = tx.NewUpdate().Model(&quals).Set("status = ?", StatusSubmitted).Set("updated_at = ?", now).
			Where("organisation_id = ? AND status IN (?)", orgID, bun.In([]string{StatusDraft, StatusRejected})).
			Returning("*").Scan(ctx)
		if err != nil {
			return fmt.Errorf("submit qualifications: %w", err)
		}
		for i := range quals {
			if err := s.record(ctx, tx, now, orgID, "qualification", quals[i].ID, "submitted", "", actor.UserID, quals[i]); err != nil {
				return err
			}
		}
		var listings []Listing
		err = tx.NewUpdate().Model(&listings).Set("pending_status = ?", StatusSubmitted).Set("pending_submitted_at = ?", now).
			Set("updated_at = now()").
			Where("organisation_id = ? AND pending_status IN (?)", orgID, bun.In([]string{StatusDraft, StatusRejected})).
			Returning("*").Scan(ctx)
		if err != nil {
			return fmt.Errorf("submit listings: %w", err)
		}
		for i := range listings {
			if err := s.record(ctx, tx, now, orgID, "listing", listings[i].ID, "submitted", "", actor.UserID, listings[i]); err != nil {
				return err
			}
		}
		if submitted+len(quals)+len(listings) == 0 {
			return errs.New(errs.Conflict, "nothing_to_submit", "nothing has changed since the last submission")
		}
		return nil
	})
}

// record appends a review event, at now by the marketplace clock, with a
// snapshot of what was decided on.
func (s *Service) record(ctx context.Context, idb bun.IDB, now time.Time, orgID int64, subject string, subjectID int64, action, reason string, actorID int64, snapshot any) error {
	ev := &ReviewEvent{OrganisationID: orgID, Subject: subject, SubjectID: subjectID, Action: action,
		Reason: reason, ActorID: actorID, Snapshot: snapshot, CreatedAt: now}
	if _, err := idb.NewInsert().Model(ev).Exec(ctx); err != nil {
		return fmt.Errorf("record review event: %w", err)
	}
	return nil
}

// history lists an agency's review events, newest first, saying who acted.
func (s *Service) history(ctx context.Context, idb bun.IDB, orgID int64) ([]ReviewEvent, error) {
	var events []ReviewEvent
	err := idb.NewSelect().Model(&events).
		Where("e.organisation_id = ?", orgID).OrderExpr("e.created_at DESC, e.id DESC").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("review history: %w", err)
	}
	ids := make([]int64, len(events))
	for i := range events {
		ids[i] = events[i].ActorID
	}
	actors, err := identity.Actors(ctx, idb, ids)
	if err != nil {
		return nil, err
	}
	for i := range events {
		a := actors[events[i].ActorID]
		events[i].ActorName, events[i].ActorOrg = a.DisplayName, a.OrganisationName
	}
	return events, nil
}

func checkText(f *errs.Fields, field, s string, min, max int) {
	n := len([]rune(strings.TrimSpace(s)))
	if n < min || n > max {
		f.Add(field, "length", "the text is too short or too long")
	}
}
