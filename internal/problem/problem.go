// Package problem renders every API error as RFC 9457 problem+json. It is the
// one place where an errs.Code becomes an HTTP status, and where huma's own
// validation errors get the same shape, so the UI reads one format.
package problem

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/db"
	"intermart/internal/errs"
)

// Problem is the body of every error response.
type Problem struct {
	Type     string    `json:"type,omitempty" format:"uri" default:"about:blank" doc:"A URI reference to human-readable documentation for the error."`
	Title    string    `json:"title,omitempty" doc:"Short summary of the problem type."`
	Status   int       `json:"status,omitempty" doc:"HTTP status code"`
	Code     string    `json:"code,omitempty" doc:"Stable machine code of the error class: invalid, not_found, conflict, unauthenticated, forbidden, locked_out, too_large, too_slow, unavailable, internal"`
	Reason   string    `json:"reason,omitempty" doc:"Stable machine code of this error, for translation"`
	Detail   string    `json:"detail,omitempty" doc:"English explanation specific to this occurrence"`
	Instance string    `json:"instance,omitempty" doc:"Request ID of this occurrence"`
	Errors   []*Detail `json:"errors,omitempty" doc:"The fields that were refused, and why"`

	headers http.Header
}

// Detail names one refused field.
type Detail struct {
	Location string `json:"location,omitempty" doc:"Where the error occurred, e.g. body.creditCode"`
	Reason   string `json:"reason,omitempty" doc:"Stable machine code of the reason, for translation"`
	Message  string `json:"message,omitempty" doc:"English explanation"`
}

func (p *Problem) Error() string             { return p.Detail }
func (p *Problem) GetStatus() int            { return p.Status }
func (p *Problem) ContentType(string) string { return "application/problem+json" }
func (p *Problem) GetHeaders() http.Header   { return p.headers }

var statusOf = map[errs.Code]int{
	errs.Invalid:         http.StatusUnprocessableEntity,
	errs.NotFound:        http.StatusNotFound,
	errs.Conflict:        http.StatusConflict,
	errs.Unauthenticated: http.StatusUnauthorized,
	errs.Forbidden:       http.StatusForbidden,
	errs.LockedOut:       http.StatusTooManyRequests,
	errs.TooLarge:        http.StatusRequestEntityTooLarge,
	errs.TooSlow:         http.StatusRequestTimeout,
	errs.Unavailable:     http.StatusServiceUnavailable,
	errs.Internal:        http.StatusInternalServerError,
}

func codeOf(status int) string {
	switch status {
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		return string(errs.Invalid)
	case http.StatusUnauthorized:
		return string(errs.Unauthenticated)
	case http.StatusForbidden:
		return string(errs.Forbidden)
	case http.StatusNotFound:
		return string(errs.NotFound)
	case http.StatusConflict:
		return string(errs.Conflict)
	case http.StatusRequestEntityTooLarge:
		return "too_large"
	case http.StatusRequestTimeout:
		return string(errs.TooSlow)
	case http.StatusTooManyRequests:
		return string(errs.LockedOut)
	case http.StatusServiceUnavailable:
		return string(errs.Unavailable)
	}
	if status >= 500 {
		return string(errs.Internal)
	}
	return ""
}

// From turns any error into a Problem. Domain errors keep their message and
// fields; anything else is logged and answered with a bare 500.
func From(err error, log *slog.Logger) *Problem {
	if log == nil {
		log = slog.Default()
	}
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	var e *errs.Error
	if !errors.As(err, &e) && db.Unavailable(err) {
		// The one place where a lost or frozen dependency becomes 503: the
		// client may try again, the operator reads the detail in the log.
		log.Warn("dependency unavailable", "err", err.Error())
		e = Unavailable()
	}
	if e == nil {
		log.Error("internal error", "err", err.Error())
		return &Problem{Status: 500, Title: http.StatusText(500), Code: string(errs.Internal), Detail: "an internal error occurred"}
	}
	status := statusOf[e.Code]
	p = &Problem{Status: status, Title: http.StatusText(status), Code: string(e.Code), Reason: e.Reason, Detail: e.Message}
	for _, f := range e.Fields {
		p.Errors = append(p.Errors, &Detail{Location: f.Field, Reason: f.Reason, Message: f.Message})
	}
	if e.RetryAfter > 0 {
		p.headers = http.Header{"Retry-After": {strconv.Itoa(int(e.RetryAfter.Seconds() + 0.5))}}
	}
	return p
}

// RetryAfterUnavailable is the pause a client is asked to take when a
// dependency is unavailable.
const RetryAfterUnavailable = 5 * time.Second

// Unavailable is the error of a request that could not reach the database or
// the object store, or ran out of time waiting for them.
func Unavailable() *errs.Error {
	e := errs.New(errs.Unavailable, "service_unavailable", "the service is temporarily unavailable: try again shortly")
	e.RetryAfter = RetryAfterUnavailable
	return e
}

// newError replaces huma's error constructor so its own validation and
// parsing errors carry the same codes as ours, and so an unexpected error's
// text never reaches the client.
func newError(status int, msg string, list ...error) huma.StatusError {
	p := &Problem{Status: status, Title: http.StatusText(status), Code: codeOf(status), Detail: msg}
	if status >= 500 {
		for _, err := range list {
			if err != nil {
				slog.Error("internal error", "status", status, "detail", msg, "err", err.Error())
			}
		}
		p.Detail = "an internal error occurred"
		return p
	}
	for _, err := range list {
		if err == nil {
			continue
		}
		var d huma.ErrorDetailer
		if errors.As(err, &d) {
			hd := d.ErrorDetail()
			loc, msg := hd.Location, hd.Message
			// The JSON decoder (web.Formats) names the field inside the
			// body in its message: "body.a.b: expected …".
			if l, m, ok := strings.Cut(msg, ": "); ok && loc == "body" && strings.HasPrefix(l, "body") && !strings.ContainsAny(l, " \t") {
				loc, msg = l, m
			}
			// huma names Go's layout ("2006-01-02T15:04:05Z07:00"); show an example.
			if layout, ok := strings.CutPrefix(msg, "invalid date/time for format "); ok {
				msg = "expected a date or time as in " + time.Date(2026, 11, 30, 14, 0, 0, 0, time.FixedZone("CST", 8*3600)).Format(layout)
			}
			// The refused value is not echoed: it may be a password.
			p.Errors = append(p.Errors, &Detail{Location: loc, Reason: "invalid", Message: msg})
			continue
		}
		// Not huma's own detail: its text may name Go types, so it is
		// logged rather than shown.
		slog.Debug("request refused", "status", status, "err", err.Error())
		p.Errors = append(p.Errors, &Detail{Reason: "invalid", Message: msg})
	}
	if status == http.StatusBadRequest && p.Reason == "" {
		p.Reason = "malformed_request"
	}
	return p
}

func init() {
	// huma reads these package variables when it registers operations and
	// when it reports its own errors; setting them here, once, before any
	// API is built, gives every response one shape.
	huma.NewError = newError
	huma.NewErrorWithContext = func(_ huma.Context, status int, msg string, list ...error) huma.StatusError {
		return newError(status, msg, list...)
	}
}

// Write sends p as the response, for middleware that answers before a handler.
func Write(hc huma.Context, p *Problem) {
	for k, vs := range p.headers {
		for _, v := range vs {
			hc.AppendHeader(k, v)
		}
	}
	hc.SetHeader("Content-Type", "application/problem+json")
	hc.SetStatus(p.Status)
	_ = json.NewEncoder(hc.BodyWriter()).Encode(p)
}

// WriteHTTP sends p on a plain net/http response, for chi middleware.
func WriteHTTP(w http.ResponseWriter, p *Problem) {
	for k, vs := range p.headers {
		w.Header()[k] = vs
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}

// WithStatus returns p answered with another status (e.g. 413).
func (p *Problem) WithStatus(status int) *Problem {
	p.Status, p.Title, p.Code = status, http.StatusText(status), codeOf(status)
	return p
}
