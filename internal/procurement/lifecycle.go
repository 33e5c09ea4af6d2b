package procurement

import (
	"time"

	"intermart/internal/errs"
)

// The transitions of an announcement that its owner makes (DESIGN.md's
// lifecycle): a draft is edited, deleted or published; an open
// announcement is cancelled with a reason before its deadline; a failed
// round is relisted once, as the next round. Closing, selection, publicity
// and the award are the deadline's and the selection's.
const (
	ActionEdit    = "edit"
	ActionDelete  = "delete"
	ActionPublish = "publish"
	ActionCancel  = "cancel"
	ActionRelist  = "relist"
)

var (
	errNotDraft        = errs.New(errs.Conflict, "announcement_not_draft", "only a draft announcement can be changed, deleted or published")
	errNotOpen         = errs.New(errs.Conflict, "announcement_not_open", "only an open announcement can be cancelled")
	errDeadlinePassed  = errs.New(errs.Conflict, "registration_closed", "the registration deadline has passed: the announcement can no longer be cancelled")
	errNotFailed       = errs.New(errs.Conflict, "announcement_not_failed", "only a failed round can be relisted")
	errAlreadyRelisted = errs.New(errs.Conflict, "already_relisted", "this round has already been relisted")
	errUnknownAction   = errs.New(errs.Invalid, "unknown_action", "no such action on an announcement")
)

// allowed is the rule of every owner's transition: whether action may be
// taken on a at now. relisted says whether a later round already follows a.
// It answers nil or an errs value (409) that names what stands in the way.
func allowed(a *Announcement, action string, now time.Time, relisted bool) error {
	switch action {
	case ActionEdit, ActionDelete, ActionPublish:
		if a.Status != StatusDraft {
			return errNotDraft
		}
	case ActionCancel:
		if a.Status != StatusOpen {
			return errNotOpen
		}
		if a.RegistrationDeadline == nil || !now.Before(*a.RegistrationDeadline) {
			return errDeadlinePassed
		}
	case ActionRelist:
		if a.Status != StatusFailed {
			return errNotFailed
		}
		if relisted {
			return errAlreadyRelisted
		}
	default:
		return errUnknownAction
	}
	return nil
}
