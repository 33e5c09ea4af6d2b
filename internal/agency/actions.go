package agency

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/errs"
	"intermart/internal/identity"
)

// Actions the reader of an object may take on it, listed in the object's
// "actions" so the UI offers exactly these. Each is decided by the check the
// authorization middleware makes for its operation (authz.May, on the
// organisation the operation's scope resolver would find) and then by the
// rule the operation itself applies, so an action listed is never refused.
const (
	ActionApprove  = "approve"  // agency.decideProfile, decideQualification, decideListing
	ActionReject   = "reject"   // the same, rejecting
	ActionSanction = "sanction" // agency.imposeSanction, on an application
	ActionLift     = "lift"     // agency.liftSanction, on a sanction
)

var (
	errQualificationsPending = errs.New(errs.Conflict, "qualifications_pending", "decide on every submitted qualification first")
	errQualificationNotSent  = errs.New(errs.Conflict, "not_submitted", "only a submitted qualification can be decided")
	errListingNotSubmitted   = errs.New(errs.Conflict, "not_submitted", "only a submitted listing can be decided")
	errProfileNotApproved    = errs.New(errs.Conflict, "profile_not_approved", "the listing waits until the agency's application is approved")
	errNotQualified          = errs.New(errs.Conflict, "not_qualified", "the agency holds no approved, valid qualification this item requires")
	errNotAdmitted           = errs.New(errs.Conflict, "agency_not_approved", "only an approved agency can be sanctioned; reject its application instead")
	errNotImposer            = errs.New(errs.Forbidden, "not_imposing_regulator", "only the regulator that imposed the sanction, or the government service bureau, may lift it")
	errSanctionNotInForce    = errs.New(errs.Conflict, "sanction_not_in_force", "the sanction is not in force")
)

// profileDecidable is the rule of DecideProfile: the application is
// submitted and, to approve it, no qualification still waits.
func profileDecidable(p *Profile, pendingQualifications int, decision string) error {
	if p.Status != StatusSubmitted {
		return errNotSubmitted
	}
	if decision == ActionApprove && pendingQualifications > 0 {
		return errQualificationsPending
	}
	return nil
}

// qualificationDecidable is the rule of DecideQualification.
func qualificationDecidable(q *Qualification) error {
	if q.Status != StatusSubmitted {
		return errQualificationNotSent
	}
	return nil
}

// listingDecidable is the rule of DecideListing, but for the
// qualifications an approval needs (listingQualified): the listing is
// submitted, and its agency admitted. Until the agency is approved its
// listings wait: neither approved nor rejected by the item's regulator.
func listingDecidable(l *Listing, agencyAdmitted bool) error {
	if l.PendingStatus == nil || *l.PendingStatus != StatusSubmitted {
		return errListingNotSubmitted
	}
	if !agencyAdmitted {
		return errProfileNotApproved
	}
	return nil
}

// listingQualified is the rest of the approval rule: the agency holds
// approved, unexpired qualifications for the item on day today.
func listingQualified(ctx context.Context, idb bun.IDB, l *Listing, today time.Time) error {
	missing, err := missingQualifications(ctx, idb, l.OrganisationID, l.ItemID, today, true)
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		return errNotQualified
	}
	return nil
}

// sanctionable is the rule of Impose: only an agency in the marketplace
// (approved) is sanctioned.
func sanctionable(org *identity.Organisation) error {
	if !org.Admitted() {
		return errNotAdmitted
	}
	return nil
}

// liftable is the rule of Lift: separation of duties (MayLift), and the
// sanction still in force.
func liftable(actor *authz.Principal, sn *Sanction) error {
	if !MayLift(actor, sn) {
		return errNotImposer
	}
	if !sn.InForce {
		return errSanctionNotInForce
	}
	return nil
}

// decisions lists the decisions the caller of ctx may make with operation
// op on an object of organisation org, the rule deciding each.
func decisions(ctx context.Context, op string, org int64, rule func(decision string) error) ([]string, error) {
	if !authz.May(ctx, op, org) {
		return nil, nil
	}
	var out []string
	for _, d := range []string{ActionApprove, ActionReject} {
		err := rule(d)
		if err != nil && !errs.Is(err, errs.Conflict) && !errs.Is(err, errs.Forbidden) {
			return nil, err
		}
		if err == nil {
			out = append(out, d)
		}
	}
	return out, nil
}

// listingActions lists what the caller of ctx may decide on listing l of
// an agency admitted or not.
func listingActions(ctx context.Context, idb bun.IDB, l *Listing, admitted bool, today time.Time) ([]string, error) {
	return decisions(ctx, "agency.decideListing", l.RegulatorID, func(d string) error {
		if err := listingDecidable(l, admitted); err != nil || d != ActionApprove {
			return err
		}
		return listingQualified(ctx, idb, l, today)
	})
}

// sanctionActions lists what the caller of ctx may do about sn.
func sanctionActions(ctx context.Context, sn *Sanction) []string {
	if authz.May(ctx, "agency.liftSanction", sn.OrganisationID) && liftable(authz.PrincipalFrom(ctx), sn) == nil {
		return []string{ActionLift}
	}
	return nil
}

// withActions fills in what the caller of ctx may do on the application
// and on each of its parts.
func withActions(ctx context.Context, idb bun.IDB, app *Application, today time.Time) error {
	org := app.Organisation.ID
	pending := 0
	var err error
	for i := range app.Qualifications {
		q := &app.Qualifications[i]
		if q.Status == StatusSubmitted {
			pending++
		}
		if q.Actions, err = decisions(ctx, "agency.decideQualification", org, func(string) error { return qualificationDecidable(q) }); err != nil {
			return err
		}
	}
	if app.Actions, err = decisions(ctx, "agency.decideProfile", org, func(d string) error {
		return profileDecidable(&app.Profile, pending, d)
	}); err != nil {
		return err
	}
	if authz.May(ctx, "agency.imposeSanction", org) && sanctionable(&app.Organisation) == nil {
		app.Actions = append(app.Actions, ActionSanction)
	}
	for i := range app.Listings {
		if app.Listings[i].Actions, err = listingActions(ctx, idb, &app.Listings[i], app.Organisation.Admitted(), today); err != nil {
			return err
		}
	}
	for i := range app.Sanctions {
		app.Sanctions[i].Actions = sanctionActions(ctx, &app.Sanctions[i])
	}
	return nil
}
