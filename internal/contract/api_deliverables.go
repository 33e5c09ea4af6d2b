package contract

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/web"
)

// DeliverableUploadPath is where a submission's files are streamed; its body
// limit is the deliverables' limit, enforced while streaming.
const DeliverableUploadPath = "/api/v1/submissions/{id}/files"

type idPath struct {
	ID int64 `path:"id"`
}

type openInput struct {
	ID   int64 `path:"id" doc:"The milestone"`
	Body struct {
		Note string `json:"note,omitempty" maxLength:"2000" doc:"A note to the owner"`
	}
}

type decisionInput struct {
	ID   int64 `path:"id"`
	Body SubmissionDecision
}

type deliverableUploadInput struct {
	ID       int64  `path:"id"`
	Filename string `query:"filename" required:"true" maxLength:"200" doc:"The file's name as the user knows it"`
	body     io.Reader
	size     int64
}

// Resolve hands the raw body to the handler unread, with its declared
// length (-1 when sent chunked).
func (in *deliverableUploadInput) Resolve(hc huma.Context) []error {
	in.body = hc.BodyReader()
	in.size = -1
	if n, err := strconv.ParseInt(hc.Header("Content-Length"), 10, 64); err == nil && n >= 0 {
		in.size = n
	}
	return nil
}

type shaPath struct {
	SHA256 string `path:"sha256" maxLength:"64" doc:"The file's SHA-256, lower-case hex"`
}

type codePath struct {
	Code string `path:"code" maxLength:"40"`
}

type out[T any] struct{ Body T }

type linkOutput struct {
	Body struct {
		URL       string    `json:"url" doc:"Presigned download link"`
		ExpiresAt time.Time `json:"expiresAt"`
	}
}

// registerDeliverableAPI adds the deliverables, their review, the
// downloads and the public authenticity check.
func registerDeliverableAPI(api *web.API, s *Service) {
	op := func(id, method, path string, status int, summary, description string) huma.Operation {
		return huma.Operation{OperationID: id, Method: method, Path: path, DefaultStatus: status, Summary: summary,
			Description: description, Tags: []string{"deliverables"}}
	}
	// The public lookups are limited per client address, as the other
	// lookups that scripts would guess at.
	public := func(o huma.Operation) huma.Operation {
		o.Metadata = web.Limited(60, time.Minute)
		return o
	}
	web.Register(api, op("deliverables.list", http.MethodGet, "/api/v1/contracts/{id}/deliverables", http.StatusOK,
		"A contract's milestones with their submitted versions and files",
		"For the contract's owner and agency, and regulators; anyone else gets 404. Each version lists what the caller may do."),
		nil, func(ctx context.Context, in *idPath) (*out[*Deliverables], error) {
			d, err := s.Deliverables(ctx, web.Principal(ctx), in.ID)
			return &out[*Deliverables]{d}, err
		})
	web.Register(api, op("deliverables.open", http.MethodPost, "/api/v1/milestones/{id}/submissions", http.StatusCreated,
		"Open a new version of a milestone's deliverables",
		"The contracted agency opens version 1, or a new version after a return; one is open at a time (409 submission_open)."),
		nil, func(ctx context.Context, in *openInput) (*out[*Submission], error) {
			sub, err := s.OpenSubmission(ctx, web.Principal(ctx), in.ID, in.Body.Note)
			return &out[*Submission]{sub}, err
		})
	web.Register(api, huma.Operation{OperationID: "deliverables.upload", Method: http.MethodPut, Path: DeliverableUploadPath,
		Summary: "Upload a file to an open version", Tags: []string{"deliverables"}, DefaultStatus: http.StatusCreated,
		Description: "The request body is the file itself, streamed to the object store with its SHA-256 computed on the way. " +
			"PDF, OFD, Word, Excel (OOXML and legacy), JPEG, PNG, TIFF, DWG and ZIP are accepted, recognised by content (422 file_type_deliverable); " +
			"a file over the deliverables' limit is refused with 413 while it streams. When the object store does not answer the answer is " +
			"503 with Retry-After and nothing is stored.",
		RequestBody: &huma.RequestBody{Required: true, Content: map[string]*huma.MediaType{
			"application/octet-stream": {Schema: &huma.Schema{Type: "string", Format: "binary"}},
		}},
	}, nil, func(ctx context.Context, in *deliverableUploadInput) (*out[*DeliverableFile], error) {
		f, err := s.Upload(ctx, web.Principal(ctx), in.ID, in.Filename, in.body, in.size)
		return &out[*DeliverableFile]{f}, err
	})
	web.Register(api, op("deliverables.submit", http.MethodPost, "/api/v1/submissions/{id}/submit", http.StatusOK,
		"Submit a version for the owner's review",
		"Its files are put under object-lock retention (the rules' retention years) and can no longer be deleted or replaced."),
		nil, func(ctx context.Context, in *idPath) (*out[*Submission], error) {
			sub, err := s.Submit(ctx, web.Principal(ctx), in.ID)
			return &out[*Submission]{sub}, err
		})
	web.Register(api, op("deliverables.decide", http.MethodPost, "/api/v1/submissions/{id}/decision", http.StatusOK,
		"Accept or return a submitted version",
		"The owner only. Returning needs comments. Accepting the final milestone's version is final acceptance (验收): "+
			"the contract is completed and its acceptance certificate issued."),
		nil, func(ctx context.Context, in *decisionInput) (*out[*Submission], error) {
			sub, err := s.Decide(ctx, web.Principal(ctx), in.ID, in.Body)
			return &out[*Submission]{sub}, err
		})
	web.Register(api, op("deliverables.link", http.MethodPost, "/api/v1/deliverables/{id}/link", http.StatusOK,
		"Get a short-lived download link to a deliverable or certificate",
		"For the contract's parties and regulators, valid five minutes, and recorded in the contract's audit trail."),
		nil, func(ctx context.Context, in *idPath) (*linkOutput, error) {
			u, exp, err := s.Link(ctx, web.Principal(ctx), in.ID)
			if err != nil {
				return nil, err
			}
			o := &linkOutput{}
			o.Body.URL, o.Body.ExpiresAt = u, exp
			return o, nil
		})
	web.Register(api, public(op("authenticity.check", http.MethodGet, "/api/v1/authenticity/{sha256}", http.StatusOK,
		"Is a file with this SHA-256 an accepted deliverable?",
		"Public, rate-limited. The file is hashed by the caller and never sent; the answer names the contracts, never the content.")),
		nil, func(ctx context.Context, in *shaPath) (*out[*Authenticity], error) {
			a, err := s.CheckAuthenticity(ctx, in.SHA256)
			return &out[*Authenticity]{a}, err
		})
	web.Register(api, public(op("authenticity.certificate", http.MethodGet, "/api/v1/certificates/{code}", http.StatusOK,
		"An acceptance certificate: the contract and its accepted files' hashes",
		"Public, rate-limited: the page the certificate's QR code links to.")),
		nil, func(ctx context.Context, in *codePath) (*out[*Certificate], error) {
			c, err := s.Certificate(ctx, in.Code)
			return &out[*Certificate]{c}, err
		})
}
