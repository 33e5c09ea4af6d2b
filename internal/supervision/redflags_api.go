package supervision

import (
	"bytes"
	"context"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/web"
)

type redFlagList struct {
	RedFlagFilter
}

type redFlagExport struct {
	Kind   string `query:"kind" enum:"single_registrant,agency_concentration,price_near_ceiling,identical_quotes,abnormally_low_quote,direct_splitting,amendment_price_increase,late_deliverable"`
	Status string `query:"status" enum:"open,reviewed"`
}

type redFlagReviewPost struct {
	ID   int64 `path:"id"`
	Body RedFlagReview
}

type redFlagOut struct{ Body *RedFlagView }

// RedFlagDownload is a file answered by an export operation, with its type and
// the name the browser saves it under.
type RedFlagDownload struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	CacheControl       string `header:"Cache-Control"`
	Body               []byte
}

// Content types of the exports.
const (
	flagXLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	flagCSVType  = "text/csv; charset=utf-8"
)

// download answers t in the format ext ("xlsx" or "csv") under name.
func redFlagDownload(t Table, name, ext string) (*RedFlagDownload, error) {
	var buf bytes.Buffer
	out := &RedFlagDownload{CacheControl: "no-store",
		ContentDisposition: fmt.Sprintf(`attachment; filename="%s.%s"`, name, ext)}
	if ext == "xlsx" {
		out.ContentType = flagXLSXType
		if err := WriteXLSX(&buf, t); err != nil {
			return nil, err
		}
	} else {
		out.ContentType = flagCSVType
		if err := WriteCSV(&buf, t); err != nil {
			return nil, err
		}
	}
	out.Body = buf.Bytes()
	return out, nil
}

// RegisterRedFlagAPI adds the regulators' red flag operations.
func RegisterRedFlagAPI(api *web.API, s *Service) {
	op := func(id, method, path string, status int, summary string) huma.Operation {
		return huma.Operation{OperationID: id, Method: method, Path: path, DefaultStatus: status, Summary: summary,
			Tags: []string{"supervision"}}
	}
	web.Register(api, op("supervision.listRedFlags", http.MethodGet, "/api/v1/supervision/red-flags", http.StatusOK,
		"Red flags of integrity risks across the marketplace, newest first"), nil,
		func(ctx context.Context, in *redFlagList) (*web.ListOutput[RedFlagView], error) {
			return web.PageOf(s.RedFlags(ctx, in.RedFlagFilter))
		})
	web.Register(api, op("supervision.reviewRedFlag", http.MethodPost, "/api/v1/supervision/red-flags/{id}/review", http.StatusOK,
		"Mark a red flag reviewed, with a note (once)"), nil,
		func(ctx context.Context, in *redFlagReviewPost) (*redFlagOut, error) {
			v, err := s.ReviewRedFlag(ctx, web.Principal(ctx), in.ID, in.Body)
			return &redFlagOut{v}, err
		})
	web.Register(api, op("supervision.redFlagConcentration", http.MethodGet, "/api/v1/supervision/red-flags/concentration", http.StatusOK,
		"Concentration of each service item's awards in the last twelve months (HHI)"), nil,
		func(ctx context.Context, _ *struct{}) (*web.ListOutput[ItemConcentration], error) {
			return web.ListOf(s.ItemConcentrations(ctx))
		})
	for _, ext := range []string{"xlsx", "csv"} {
		id := "supervision.exportRedFlagsXLSX"
		if ext == "csv" {
			id = "supervision.exportRedFlagsCSV"
		}
		o := op(id, http.MethodGet, "/api/v1/supervision/red-flags/export."+ext, http.StatusOK,
			"The red flag list as a "+ext+" file")
		o.Responses = map[string]*huma.Response{"200": {Description: "The file", Content: map[string]*huma.MediaType{
			map[string]string{"xlsx": flagXLSXType, "csv": "text/csv"}[ext]: {Schema: &huma.Schema{Type: "string", Format: "binary"}}}}}
		web.Register(api, o, nil, func(ctx context.Context, in *redFlagExport) (*RedFlagDownload, error) {
			t, err := s.RedFlagTable(ctx, web.Principal(ctx), RedFlagFilter{Kind: in.Kind, Status: in.Status})
			if err != nil {
				return nil, err
			}
			return redFlagDownload(t, "red-flags", ext)
		})
	}
}
