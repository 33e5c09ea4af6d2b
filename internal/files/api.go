package files

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/web"
)

// UploadPath is where files are posted; the body limit there is the upload
// limit, enforced while streaming.
const UploadPath = "/api/v1/files"

type uploadInput struct {
	Purpose  string `query:"purpose" required:"true" enum:"qualification_scan,announcement_attachment,contract_document,complaint_evidence" doc:"What the file is for"`
	Filename string `query:"filename" required:"true" maxLength:"200" doc:"The file's name as the user knows it"`
	body     io.Reader
	size     int64
}

// Resolve hands the raw body to the handler without huma reading it into
// memory first, with its declared length (-1 when sent chunked).
func (in *uploadInput) Resolve(hc huma.Context) []error {
	in.body = hc.BodyReader()
	in.size = -1
	if n, err := strconv.ParseInt(hc.Header("Content-Length"), 10, 64); err == nil && n >= 0 {
		in.size = n
	}
	return nil
}

type fileOutput struct{ Body *File }

type linkInput struct {
	FileID int64 `path:"fileId"`
	Inline bool  `query:"inline" doc:"Show in the browser (preview beside a form) rather than download"`
}

type linkOutput struct {
	Body struct {
		URL       string    `json:"url" doc:"Presigned download link"`
		ExpiresAt time.Time `json:"expiresAt"`
	}
}

// RegisterAPI adds the file operations.
func RegisterAPI(api *web.API, svc *Service) {
	fileScope := func(ctx context.Context, hc huma.Context) (int64, error) {
		id, err := web.PathID(hc, "fileId")
		if err != nil {
			return 0, err
		}
		return svc.Owner(ctx, id)
	}
	web.Register(api, huma.Operation{OperationID: "files.upload", Method: http.MethodPost, Path: UploadPath,
		Summary: "Upload a document", Tags: []string{"files"}, DefaultStatus: http.StatusCreated,
		Description: "The request body is the file itself. PDF, JPEG and PNG are accepted, recognised by content; " +
			"larger files than the limit are refused with 413 while they stream, and a body arriving more slowly than the " +
			"minimum rate is cut off (408). Uploads in progress are capped per user (429) and per server (503), both with " +
			"Retry-After; an agency not yet approved may store only a small quota of files (409 upload_quota_pending). " +
			"The file name is NFKC-normalised and refused (422) with invisible or control characters, path separators, . or ..",
		RequestBody: &huma.RequestBody{Required: true, Content: map[string]*huma.MediaType{
			"application/octet-stream": {Schema: &huma.Schema{Type: "string", Format: "binary"}},
		}},
	}, nil, func(ctx context.Context, in *uploadInput) (*fileOutput, error) {
		f, err := svc.Upload(ctx, web.Principal(ctx), in.Purpose, in.Filename, in.body, in.size)
		return &fileOutput{Body: f}, err
	})
	web.Register(api, huma.Operation{OperationID: "files.link", Method: http.MethodPost, Path: "/api/v1/files/{fileId}/link",
		Summary: "Get a short-lived download link", Tags: []string{"files"},
		Description: "Issued only after the authorization check, valid for five minutes, and recorded."},
		fileScope, func(ctx context.Context, in *linkInput) (*linkOutput, error) {
			u, exp, err := svc.Link(ctx, web.Principal(ctx), in.FileID, in.Inline)
			if err != nil {
				return nil, err
			}
			out := &linkOutput{}
			out.Body.URL, out.Body.ExpiresAt = u, exp
			return out, nil
		})
}
