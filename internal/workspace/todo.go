// Package workspace gathers each role's to-do board (待办): how many things
// wait in each of the queues the user works, counted by the capabilities
// that own them. It owns no tables; the capabilities above it
// (procurement, contracts, supervision) add their queues here.
package workspace

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/agency"
	"intermart/internal/authz"
	"intermart/internal/identity"
	"intermart/internal/web"
)

// Task keys: each names one queue, and the UI links it to that queue's page
// with the same filter as the count (frontend/src/pages/workspace/todo.ts).
const (
	ApplicationReviews     = "applicationReviews"     // agency.reviewQueue?subject=profile
	ListingReviews         = "listingReviews"         // agency.reviewQueue?subject=listing
	PendingAgencies        = "pendingAgencies"        // agency.listAgencies?status=pending_review
	SanctionsInForce       = "sanctionsInForce"       // agency.listAgencies?sanction=in_force
	ExpiringQualifications = "expiringQualifications" // agency.expiringQualifications
	Returned               = "returned"               // agency.getApplication, its rejected rows
	UnreadNotifications    = "unreadNotifications"    // notifications.list, its unread rows
	OrganisationUsers      = "organisationUsers"      // identity.listUsers of the caller's organisation
	ContractsToRegister    = "contractsToRegister"    // contract.list?todo=register
	ContractsToConfirm     = "contractsToConfirm"     // contract.list?todo=confirm
	AmendmentsToDecide     = "amendmentsToDecide"     // contract.list?todo=amendment
	ChoicesDue             = "choicesDue"             // procurement.listAnnouncements?todo=choose
	ObjectionsToAnswer     = "objectionsToAnswer"     // procurement.listAnnouncements?todo=objections
	RedFlagsToReview       = "redFlagsToReview"       // supervision.listRedFlags?status=open
	ComplaintsToAccept     = "complaintsToAccept"     // supervision.listComplaints?status=filed
	ComplaintsToDecide     = "complaintsToDecide"     // supervision.listComplaints?status=accepted
	RedWarnings            = "redWarnings"            // supervision.listWarnings?level=red
)

// ContractQueues counts the contracts waiting for the caller's party: to
// register, to confirm, with an amendment to decide (contract.Service's
// TodoCounts). The contract capability is built after the board.
type ContractQueues func(ctx context.Context, p *authz.Principal) (register, confirm, amendment int, err error)

// WithContracts adds the contract queues to the owners' and agencies'
// boards.
func (s *Service) WithContracts(q ContractQueues) { s.contracts = q }

// ProcurementQueues counts the owner's announcements awaiting its direct
// choice and those with an objection to answer (procurement.Service's
// TodoCounts).
type ProcurementQueues func(ctx context.Context, p *authz.Principal) (choose, objections int, err error)

// WithProcurement adds the procurement queues to the owners' boards.
func (s *Service) WithProcurement(q ProcurementQueues) { s.procurement = q }

// SupervisionQueues counts red flags to review and complaints to accept or
// decide (regulators' only), and the open red warnings the caller sees
// (supervision.Service's TodoCounts).
type SupervisionQueues func(ctx context.Context, p *authz.Principal) (flags, toAccept, toDecide, redWarnings int, err error)

// WithSupervision adds the supervision queues: all four to the regulators'
// boards, the red warnings to the owners' and agencies'.
func (s *Service) WithSupervision(q SupervisionQueues) { s.supervision = q }

// Task is one line of the board: how many rows wait in a queue.
type Task struct {
	Key   string `json:"key" enum:"applicationReviews,listingReviews,pendingAgencies,sanctionsInForce,expiringQualifications,returned,unreadNotifications,organisationUsers,contractsToRegister,contractsToConfirm,amendmentsToDecide,choicesDue,objectionsToAnswer,redFlagsToReview,complaintsToAccept,complaintsToDecide,redWarnings"`
	Count int    `json:"count" doc:"Equals the rows of the queue the task names"`
}

// Todo is the caller's board.
type Todo struct {
	Tasks []Task `json:"tasks" doc:"In the order the board shows them"`
	// ApplicationStatus is where an agency's own application stands.
	ApplicationStatus string `json:"applicationStatus,omitempty" enum:"draft,submitted,approved,rejected"`
}

// Service computes boards from the capabilities' own queue functions.
type Service struct {
	identity  *identity.Service
	agency    *agency.Service
	contracts ContractQueues
	// procurement and supervision are nil until those capabilities are
	// wired.
	procurement ProcurementQueues
	supervision SupervisionQueues
}

// NewService returns the workspace service.
func NewService(id *identity.Service, ag *agency.Service) *Service {
	return &Service{identity: id, agency: ag}
}

// Todo returns p's board. Each count is the length of what the queue's own
// operation returns for p with the same filter, so the two cannot differ.
func (s *Service) Todo(ctx context.Context, p *authz.Principal) (*Todo, error) {
	out := &Todo{Tasks: []Task{}}
	add := func(key string, n int, err error) error {
		if err == nil {
			out.Tasks = append(out.Tasks, Task{Key: key, Count: n})
		}
		return err
	}
	reviews := func(subject string) (int, error) {
		q, err := s.agency.ReviewQueue(ctx, p, agency.ReviewFilter{Subject: subject})
		return len(q), err
	}
	agencies := func(f agency.AgencyFilter) (int, error) {
		list, err := s.agency.Agencies(ctx, f)
		return len(list), err
	}
	expiring := func() (int, error) {
		list, err := s.agency.ExpiringQualifications(ctx, p)
		return len(list), err
	}
	var steps []func() error
	switch p.Role {
	case authz.PlatformAdmin, authz.Regulator:
		if p.Role == authz.PlatformAdmin || p.Reviewer {
			steps = append(steps,
				func() error { n, err := reviews("profile"); return add(ApplicationReviews, n, err) })
		}
		steps = append(steps,
			func() error { n, err := reviews("listing"); return add(ListingReviews, n, err) })
		if p.Role == authz.PlatformAdmin || p.Reviewer {
			steps = append(steps, func() error {
				n, err := agencies(agency.AgencyFilter{Status: identity.StatusPendingReview})
				return add(PendingAgencies, n, err)
			})
		}
		if p.Role == authz.Regulator {
			steps = append(steps, func() error { n, err := expiring(); return add(ExpiringQualifications, n, err) })
		}
		steps = append(steps, func() error {
			n, err := agencies(agency.AgencyFilter{Sanction: agency.SanctionInForce})
			return add(SanctionsInForce, n, err)
		})
	case authz.AgencyAdmin, authz.AgencyStaff:
		steps = append(steps,
			func() error {
				app, err := s.agency.Application(ctx, p.OrgID)
				if err != nil {
					return err
				}
				out.ApplicationStatus = app.Profile.Status
				return add(Returned, agency.Returned(app), nil)
			},
			func() error { n, err := expiring(); return add(ExpiringQualifications, n, err) },
			func() error {
				n, err := s.agency.UnreadNotifications(ctx, p.OrgID)
				return add(UnreadNotifications, n, err)
			})
	case authz.OwnerAdmin, authz.OwnerStaff:
		// Announcements, contracts and warnings join here when they exist.
		steps = append(steps, func() error {
			users, err := s.identity.Users(ctx, p.OrgID)
			return add(OrganisationUsers, len(users), err)
		})
	}
	if s.contracts != nil && (p.Role == authz.OwnerAdmin || p.Role == authz.OwnerStaff || p.Role == authz.AgencyAdmin || p.Role == authz.AgencyStaff) {
		steps = append(steps, func() error {
			r, c, a, err := s.contracts(ctx, p)
			if err != nil {
				return err
			}
			out.Tasks = append(out.Tasks, Task{Key: ContractsToRegister, Count: r}, Task{Key: ContractsToConfirm, Count: c},
				Task{Key: AmendmentsToDecide, Count: a})
			return nil
		})
	}
	if s.procurement != nil && (p.Role == authz.OwnerAdmin || p.Role == authz.OwnerStaff) {
		steps = append(steps, func() error {
			choose, objections, err := s.procurement(ctx, p)
			if err != nil {
				return err
			}
			out.Tasks = append(out.Tasks, Task{Key: ChoicesDue, Count: choose}, Task{Key: ObjectionsToAnswer, Count: objections})
			return nil
		})
	}
	if s.supervision != nil && p.Role != authz.PlatformAdmin {
		steps = append(steps, func() error {
			flags, toAccept, toDecide, red, err := s.supervision(ctx, p)
			if err != nil {
				return err
			}
			if p.Role == authz.Regulator {
				out.Tasks = append(out.Tasks, Task{Key: RedFlagsToReview, Count: flags},
					Task{Key: ComplaintsToAccept, Count: toAccept}, Task{Key: ComplaintsToDecide, Count: toDecide})
			}
			out.Tasks = append(out.Tasks, Task{Key: RedWarnings, Count: red})
			return nil
		})
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// RegisterAPI adds the to-do operation.
func RegisterAPI(api *web.API, svc *Service) {
	web.Register(api, huma.Operation{OperationID: "workspace.todo", Method: http.MethodGet, Path: "/api/v1/todo",
		Summary: "My to-do board: how many rows wait in each of my queues", Tags: []string{"workspace"},
		Description: "Each task's count equals the rows its queue's operation returns to the caller with the same filter."}, nil,
		func(ctx context.Context, _ *struct{}) (*struct{ Body *Todo }, error) {
			t, err := svc.Todo(ctx, web.Principal(ctx))
			return &struct{ Body *Todo }{t}, err
		})
}
