package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humachi"
	"github.com/go-chi/chi/v5"
)

type textInput struct {
	Q    string `query:"q"`
	Body struct {
		Name  string     `json:"name"`
		Tags  []string   `json:"tags,omitempty"`
		Day   string     `json:"day,omitempty" format:"date"`
		At    *time.Time `json:"at,omitempty"`
		Count int64      `json:"count,omitempty"`
		Inner struct {
			Note string `json:"note"`
		} `json:"inner"`
	}
}

// newTestAPI is an API on a chi router, as the server builds it, with
// operations that echo a list, take text, and are rate limited.
func newTestAPI(t *testing.T) *httptest.Server {
	t.Helper()
	r := chi.NewRouter()
	r.Use(ClientAddr(nil))
	hc := huma.DefaultConfig("test", "1")
	hc.Formats = Formats(hc.Formats)
	hc.CreateHooks = nil
	api := &API{API: humachi.New(r, hc), Log: slog.New(slog.DiscardHandler), MaxBodyBytes: 1 << 20}
	api.UseMiddleware(RateLimits(api.Log))
	Register(api, huma.Operation{OperationID: "empty", Method: http.MethodGet, Path: "/empty"}, nil,
		func(context.Context, *struct{}) (*ListOutput[string], error) { return ListOf[string](nil, nil) })
	Register(api, huma.Operation{OperationID: "text", Method: http.MethodPost, Path: "/text"}, nil,
		func(context.Context, *textInput) (*Empty, error) { return nil, nil })
	Register(api, huma.Operation{OperationID: "limited", Method: http.MethodPost, Path: "/limited",
		Metadata: Limited(2, time.Minute)}, nil,
		func(context.Context, *struct{}) (*Empty, error) { return nil, nil })
	Register(api, huma.Operation{OperationID: "when", Method: http.MethodGet, Path: "/when"}, nil,
		func(context.Context, *struct {
			At time.Time `query:"at"`
		}) (*Empty, error) {
			return nil, nil
		})
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return srv
}

func call(t *testing.T, srv *httptest.Server, method, path, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestEmptyListIsAnArray(t *testing.T) {
	srv := newTestAPI(t)
	status, body := call(t, srv, "GET", "/empty", "")
	if status != 200 || strings.TrimSpace(body) != `{"items":[],"total":0}` {
		t.Fatalf("got %d %s, want 200 {\"items\":[],\"total\":0}", status, body)
	}
}

func TestInputPostgreSQLCannotStore(t *testing.T) {
	srv := newTestAPI(t)
	cases := []struct {
		name, query, body, location, reason string
	}{
		{"NULInQuery", "?q=a%00b", `{"name":"x","inner":{"note":""}}`, "query.q", "nul_character"},
		{"NULInBody", "", `{"name":"a\u0000b","inner":{"note":""}}`, "body.name", "nul_character"},
		{"NULInNestedBody", "", `{"name":"x","inner":{"note":"\u0000"}}`, "body.inner.note", "nul_character"},
		{"NULInArray", "", `{"name":"x","tags":["ok","\u0000"],"inner":{"note":""}}`, "body.tags[1]", "nul_character"},
		{"InvalidUTF8InQuery", "?q=%ff", `{"name":"x","inner":{"note":""}}`, "query.q", "invalid_utf8"},
		{"YearZeroDate", "", `{"name":"x","day":"0000-01-01","inner":{"note":""}}`, "body.day", "date_out_of_range"},
		{"YearZeroTime", "", `{"name":"x","at":"0000-01-01T00:00:00Z","inner":{"note":""}}`, "body.at", "date_out_of_range"},
		{"OffsetIntoYear10000", "", `{"name":"x","at":"9999-12-31T23:59:59-14:00","inner":{"note":""}}`, "body.at", "date_out_of_range"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, body := call(t, srv, "POST", "/text"+tc.query, tc.body)
			var p struct {
				Errors []struct{ Location, Reason string }
			}
			_ = json.Unmarshal([]byte(body), &p)
			if status != 422 || len(p.Errors) != 1 || p.Errors[0].Location != tc.location || p.Errors[0].Reason != tc.reason {
				t.Fatalf("got %d %s, want 422 with %s %s", status, body, tc.location, tc.reason)
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		if status, body := call(t, srv, "POST", "/text?q=大理", `{"name":"洱海","day":"2026-11-30","inner":{"note":"n"}}`); status != 204 {
			t.Fatalf("got %d %s", status, body)
		}
	})
}

func TestDecodingErrorsNameNoGoTypes(t *testing.T) {
	srv := newTestAPI(t)
	for name, body := range map[string]string{
		"IntegerOverflow": `{"name":"x","count":1e30,"inner":{"note":""}}`,
		"Malformed":       `{"name":"x",`,
	} {
		t.Run(name, func(t *testing.T) {
			status, res := call(t, srv, "POST", "/text", body)
			if status < 400 || status >= 500 {
				t.Fatalf("got %d %s, want 4xx", status, res)
			}
			for _, leak := range []string{"Go struct", "int64", "textInput", "json:"} {
				if strings.Contains(res, leak) {
					t.Fatalf("the problem names %q: %s", leak, res)
				}
			}
		})
	}
	status, res := call(t, srv, "GET", "/when?at=yesterday", "")
	if status != 422 || strings.Contains(res, "2006") || !strings.Contains(res, "2026-11-30T14:00:00+08:00") {
		t.Fatalf("a time parameter: got %d %s, want 422 with an example, not Go's layout", status, res)
	}
	status, res = call(t, srv, "POST", "/text", `{"name":"x","count":1e30,"inner":{"note":""}}`)
	if status != 422 || !strings.Contains(res, `"location":"body.count"`) {
		t.Fatalf("got %d %s, want 422 at body.count", status, res)
	}
}

func TestRateLimitFromOperationMetadata(t *testing.T) {
	srv := newTestAPI(t)
	for i := range 2 {
		if status, body := call(t, srv, "POST", "/limited", ""); status != 204 {
			t.Fatalf("call %d: got %d %s", i+1, status, body)
		}
	}
	status, body := call(t, srv, "POST", "/limited", "")
	if status != 429 || !strings.Contains(body, "rate_limited") {
		t.Fatalf("third call: got %d %s, want 429 rate_limited", status, body)
	}
	if status, body := call(t, srv, "GET", "/empty", ""); status != 200 {
		t.Fatalf("an operation without a limit: got %d %s", status, body)
	}
}

func TestPagingNeedsBounds(t *testing.T) {
	type unbounded struct {
		Page int `query:"page" minimum:"1"`
	}
	defer func() {
		if recover() == nil {
			t.Fatal("registering an unbounded page parameter did not panic")
		}
	}()
	checkPaging[unbounded]("op")
}
