package procurement

import (
	"testing"
	"time"

	"intermart/internal/errs"
)

// TestTransitions is the owner's part of the lifecycle as a table: for
// every state and every action, allowed or refused with which reason.
func TestTransitions(t *testing.T) {
	now := time.Date(2026, 10, 10, 2, 0, 0, 0, time.UTC)
	later, earlier := now.Add(time.Hour), now.Add(-time.Hour)
	states := []string{StatusDraft, StatusOpen, StatusClosed, StatusFailed, StatusInPublicity, StatusAwarded, StatusCancelled}
	actions := []string{ActionEdit, ActionDelete, ActionPublish, ActionCancel, ActionRelist}
	// want[state][action] is "" when allowed, else the reason refusing it.
	want := map[string]map[string]string{
		StatusDraft:       {ActionEdit: "", ActionDelete: "", ActionPublish: "", ActionCancel: "announcement_not_open", ActionRelist: "announcement_not_failed"},
		StatusOpen:        {ActionEdit: "announcement_not_draft", ActionDelete: "announcement_not_draft", ActionPublish: "announcement_not_draft", ActionCancel: "", ActionRelist: "announcement_not_failed"},
		StatusFailed:      {ActionCancel: "announcement_not_open", ActionRelist: ""},
		StatusClosed:      {ActionCancel: "announcement_not_open", ActionRelist: "announcement_not_failed"},
		StatusInPublicity: {ActionCancel: "announcement_not_open", ActionRelist: "announcement_not_failed"},
		StatusAwarded:     {ActionCancel: "announcement_not_open", ActionRelist: "announcement_not_failed"},
		StatusCancelled:   {ActionCancel: "announcement_not_open", ActionRelist: "announcement_not_failed"},
	}
	for _, state := range states {
		for _, action := range actions {
			expected, ok := want[state][action]
			if !ok {
				expected = "announcement_not_draft" // edit, delete, publish of anything but a draft
			}
			t.Run(state+"/"+action, func(t *testing.T) {
				a := &Announcement{Status: state, RegistrationDeadline: &later}
				err := allowed(a, action, now, false)
				if expected == "" {
					if err != nil {
						t.Fatalf("refused: %v", err)
					}
					return
				}
				e, ok := err.(*errs.Error)
				if !ok || e.Code != errs.Conflict || e.Reason != expected {
					t.Fatalf("err = %v, want 409 %s", err, expected)
				}
			})
		}
	}
	t.Run("CancelAtTheDeadline", func(t *testing.T) {
		a := &Announcement{Status: StatusOpen, RegistrationDeadline: &earlier}
		if err := allowed(a, ActionCancel, now, false); err != errDeadlinePassed {
			t.Fatalf("err = %v, want registration_closed", err)
		}
		a.RegistrationDeadline = &now
		if err := allowed(a, ActionCancel, now, false); err != errDeadlinePassed {
			t.Fatalf("at the deadline itself: err = %v, want registration_closed", err)
		}
	})
	t.Run("RelistedOnce", func(t *testing.T) {
		if err := allowed(&Announcement{Status: StatusFailed}, ActionRelist, now, true); err != errAlreadyRelisted {
			t.Fatalf("err = %v, want already_relisted", err)
		}
	})
	t.Run("UnknownAction", func(t *testing.T) {
		if err := allowed(&Announcement{Status: StatusDraft}, "award", now, false); !errs.Is(err, errs.Invalid) {
			t.Fatalf("err = %v", err)
		}
	})
}
