package agency

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/web"
)

type orgPath struct {
	OrgID int64 `path:"orgId"`
}

type body[T any] struct{ Body T }

type withOrg[T any] struct {
	OrgID int64 `path:"orgId"`
	Body  T
}

type qualificationPath struct {
	QualificationID int64 `path:"qualificationId"`
}

type qualificationBody[T any] struct {
	QualificationID int64 `path:"qualificationId"`
	Body            T
}

type listingBody[T any] struct {
	ListingID int64 `path:"listingId"`
	Body      T
}

type practitionerPath struct {
	OrgID          int64 `path:"orgId"`
	PractitionerID int64 `path:"practitionerId"`
}

type sanctionBody struct {
	SanctionID int64 `path:"sanctionId"`
	Body       LiftInput
}

// RegisterAPI adds the agency operations: the application, reviews,
// sanctions, the public directory and notifications.
func RegisterAPI(api *web.API, svc *Service) {
	orgScope := func(_ context.Context, hc huma.Context) (int64, error) { return web.PathID(hc, "orgId") }
	by := func(param string, owner func(context.Context, int64) (int64, error)) func(context.Context, huma.Context) (int64, error) {
		return func(ctx context.Context, hc huma.Context) (int64, error) {
			id, err := web.PathID(hc, param)
			if err != nil {
				return 0, err
			}
			return owner(ctx, id)
		}
	}
	qualScope := by("qualificationId", svc.QualificationOwner)
	listingScope := by("listingId", svc.ListingOwner)
	// op declares an operation answering status on success.
	op := func(id, method, path string, status int, summary string, tags ...string) huma.Operation {
		return huma.Operation{OperationID: id, Method: method, Path: path, DefaultStatus: status, Summary: summary, Tags: tags}
	}
	const (
		ok        = http.StatusOK
		created   = http.StatusCreated
		noContent = http.StatusNoContent
	)

	// The application (入驻申请), by the agency itself.
	web.Register(api, op("agency.getApplication", http.MethodGet, "/api/v1/agencies/{orgId}/application", ok,
		"An agency's application with its review history", "agencies"), orgScope,
		func(ctx context.Context, in *orgPath) (*body[*Application], error) {
			a, err := svc.Application(ctx, in.OrgID)
			return &body[*Application]{a}, err
		})
	web.Register(api, op("agency.updateProfile", http.MethodPut, "/api/v1/agencies/{orgId}/profile", ok,
		"Fill in the agency's profile", "agencies"), orgScope,
		func(ctx context.Context, in *withOrg[ProfileInput]) (*body[*Profile], error) {
			p, err := svc.UpdateProfile(ctx, in.OrgID, in.Body)
			return &body[*Profile]{p}, err
		})
	web.Register(api, op("agency.submitApplication", http.MethodPost, "/api/v1/agencies/{orgId}/application/submit", noContent,
		"Submit the profile, qualifications and listing changes for review", "agencies"), orgScope,
		func(ctx context.Context, in *orgPath) (*web.Empty, error) {
			return nil, svc.Submit(ctx, web.Principal(ctx), in.OrgID)
		})
	web.Register(api, op("agency.addQualification", http.MethodPost, "/api/v1/agencies/{orgId}/qualifications", created,
		"Add a qualification certificate with its scan", "agencies"), orgScope,
		func(ctx context.Context, in *withOrg[QualificationInput]) (*body[*Qualification], error) {
			q, err := svc.AddQualification(ctx, in.OrgID, in.Body)
			return &body[*Qualification]{q}, err
		})
	web.Register(api, op("agency.updateQualification", http.MethodPut, "/api/v1/qualifications/{qualificationId}", ok,
		"Correct a qualification (it is reviewed again)", "agencies"), qualScope,
		func(ctx context.Context, in *qualificationBody[QualificationInput]) (*body[*Qualification], error) {
			org, err := svc.QualificationOwner(ctx, in.QualificationID)
			if err != nil {
				return nil, err
			}
			q, err := svc.UpdateQualification(ctx, org, in.QualificationID, in.Body)
			return &body[*Qualification]{q}, err
		})
	web.Register(api, op("agency.deleteQualification", http.MethodDelete, "/api/v1/qualifications/{qualificationId}", noContent,
		"Remove a draft or rejected qualification", "agencies"), qualScope,
		func(ctx context.Context, in *qualificationPath) (*web.Empty, error) {
			org, err := svc.QualificationOwner(ctx, in.QualificationID)
			if err != nil {
				return nil, err
			}
			return nil, svc.DeleteQualification(ctx, org, in.QualificationID)
		})
	web.Register(api, op("agency.addPractitioner", http.MethodPost, "/api/v1/agencies/{orgId}/practitioners", created,
		"Add a practitioner", "agencies"), orgScope,
		func(ctx context.Context, in *withOrg[PractitionerInput]) (*body[*Practitioner], error) {
			p, err := svc.AddPractitioner(ctx, in.OrgID, in.Body)
			return &body[*Practitioner]{p}, err
		})
	web.Register(api, op("agency.removePractitioner", http.MethodDelete, "/api/v1/agencies/{orgId}/practitioners/{practitionerId}", noContent,
		"Remove a practitioner", "agencies"), orgScope,
		func(ctx context.Context, in *practitionerPath) (*web.Empty, error) {
			return nil, svc.RemovePractitioner(ctx, in.OrgID, in.PractitionerID)
		})
	web.Register(api, op("agency.addListing", http.MethodPost, "/api/v1/agencies/{orgId}/listings", created,
		"Offer a catalogue item (needs the qualifications it requires)", "agencies"), orgScope,
		func(ctx context.Context, in *withOrg[ListingInput]) (*body[*Listing], error) {
			l, err := svc.AddListing(ctx, in.OrgID, in.Body)
			return &body[*Listing]{l}, err
		})
	web.Register(api, op("agency.changeListing", http.MethodPut, "/api/v1/listings/{listingId}", ok,
		"Propose new terms for a listing (approved terms stay public until approved)", "agencies"), listingScope,
		func(ctx context.Context, in *listingBody[ListingChange]) (*body[*Listing], error) {
			org, err := svc.ListingOwner(ctx, in.ListingID)
			if err != nil {
				return nil, err
			}
			l, err := svc.ChangeListing(ctx, org, in.ListingID, in.Body)
			return &body[*Listing]{l}, err
		})

	// Reviews (审核), by regulators.
	web.Register(api, op("agency.reviewQueue", http.MethodGet, "/api/v1/reviews", ok,
		"What waits for my decision", "reviews"), nil,
		func(ctx context.Context, in *ReviewFilter) (*web.ListOutput[QueueEntry], error) {
			return web.ListOf(svc.ReviewQueue(ctx, web.Principal(ctx), *in))
		})
	web.Register(api, op("agency.decideProfile", http.MethodPost, "/api/v1/agencies/{orgId}/decision", noContent,
		"Approve or reject an agency's application", "reviews"), orgScope,
		func(ctx context.Context, in *withOrg[Decision]) (*web.Empty, error) {
			return nil, svc.DecideProfile(ctx, web.Principal(ctx), in.OrgID, in.Body)
		})
	web.Register(api, op("agency.decideQualification", http.MethodPost, "/api/v1/qualifications/{qualificationId}/decision", noContent,
		"Approve or reject a qualification", "reviews"), qualScope,
		func(ctx context.Context, in *qualificationBody[Decision]) (*web.Empty, error) {
			return nil, svc.DecideQualification(ctx, web.Principal(ctx), in.QualificationID, in.Body)
		})
	web.Register(api, op("agency.decideListing", http.MethodPost, "/api/v1/listings/{listingId}/decision", noContent,
		"Approve or reject a listing (by the regulator in charge of the item)", "reviews"),
		by("listingId", svc.ListingRegulator),
		func(ctx context.Context, in *listingBody[Decision]) (*web.Empty, error) {
			return nil, svc.DecideListing(ctx, web.Principal(ctx), in.ListingID, in.Body)
		})

	// The regulators' other queues: agencies with their sanctions, and
	// qualifications about to expire (an agency sees its own).
	web.Register(api, op("agency.listAgencies", http.MethodGet, "/api/v1/agencies", ok,
		"Agencies with the sanction in force on each", "reviews"), nil,
		func(ctx context.Context, in *AgencyFilter) (*web.ListOutput[AgencyRow], error) {
			return web.ListOf(svc.Agencies(ctx, *in))
		})
	web.Register(api, op("agency.expiringQualifications", http.MethodGet, "/api/v1/qualifications/expiring", ok,
		"Approved qualifications expiring within 30 days: an agency's own, or every agency's for regulators", "reviews"), nil,
		func(ctx context.Context, _ *struct{}) (*web.ListOutput[ExpiringQualification], error) {
			return web.ListOf(svc.ExpiringQualifications(ctx, web.Principal(ctx)))
		})

	// Sanctions (暂停, 黑名单).
	web.Register(api, op("agency.imposeSanction", http.MethodPost, "/api/v1/agencies/{orgId}/sanctions", created,
		"Suspend or blacklist an agency", "sanctions"), orgScope,
		func(ctx context.Context, in *withOrg[SanctionInput]) (*body[*Sanction], error) {
			sn, err := svc.Impose(ctx, web.Principal(ctx), in.OrgID, in.Body)
			return &body[*Sanction]{sn}, err
		})
	web.Register(api, op("agency.liftSanction", http.MethodPost, "/api/v1/sanctions/{sanctionId}/lift", noContent,
		"Lift a sanction early", "sanctions"), by("sanctionId", svc.SanctionOwner),
		func(ctx context.Context, in *sanctionBody) (*web.Empty, error) {
			return nil, svc.Lift(ctx, web.Principal(ctx), in.SanctionID, in.Body)
		})

	// The public directory (中介机构名录).
	web.Register(api, op("directory.search", http.MethodGet, "/api/v1/directory/agencies", ok,
		"Search the agencies", "public"), nil,
		func(ctx context.Context, in *DirectoryFilter) (*web.ListOutput[DirectoryEntry], error) {
			return web.PageOf(svc.Directory(ctx, *in))
		})
	web.Register(api, op("directory.agency", http.MethodGet, "/api/v1/directory/agencies/{orgId}", ok,
		"An agency's public page", "public"), nil,
		func(ctx context.Context, in *orgPath) (*body[*AgencyPage], error) {
			p, err := svc.PublicPage(ctx, in.OrgID)
			return &body[*AgencyPage]{p}, err
		})

	// Notifications to the caller's organisation.
	web.Register(api, op("notifications.list", http.MethodGet, "/api/v1/notifications", ok,
		"My organisation's notifications", "notifications"), nil,
		func(ctx context.Context, _ *struct{}) (*web.ListOutput[Notification], error) {
			return web.ListOf(svc.Notifications(ctx, web.Principal(ctx).OrgID))
		})
	web.Register(api, op("notifications.readAll", http.MethodPost, "/api/v1/notifications/read-all", noContent,
		"Mark my organisation's notifications read", "notifications"), nil,
		func(ctx context.Context, _ *struct{}) (*web.Empty, error) {
			return nil, svc.MarkNotificationsRead(ctx, web.Principal(ctx).OrgID)
		})
}
