package web

import (
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

// SessionScheme is the OpenAPI security scheme of the session cookie.
const SessionScheme = "session"

// describe completes op's OpenAPI description from what is known where it is
// registered, so the document cannot drift from the server: the session is
// required where the policy refuses anonymous callers, and every problem
// response the shared plumbing can give is listed (with those the operation
// declares itself in op.Errors).
func describe[I, O any](api *API, op *huma.Operation, scoped bool) {
	var signIn, forbid bool
	if api.Access != nil {
		signIn, forbid = api.Access(op.OperationID)
	}
	if op.Security == nil {
		if signIn {
			op.Security = []map[string][]string{{SessionScheme: {}}}
		} else {
			// Anyone may call it; a session may change what it answers.
			op.Security = []map[string][]string{{}, {SessionScheme: {}}}
		}
	}
	in := reflect.TypeFor[I]()
	params, body := inputShape(in)
	body = body || op.RequestBody != nil
	write := op.Method != http.MethodGet && op.Method != http.MethodHead
	codes := slices.Clone(op.Errors)
	add := func(ok bool, status int) {
		if ok {
			codes = append(codes, status)
		}
	}
	add(signIn, http.StatusUnauthorized)
	// Signed-in callers without the right, and cross-origin writes.
	add(forbid || write, http.StatusForbidden)
	add(scoped || strings.Contains(op.Path, "{"), http.StatusNotFound)
	// A write on an object or with input may find it in the wrong state.
	add(write && (params || body), http.StatusConflict)
	add(body, http.StatusBadRequest) // malformed JSON
	add(body, http.StatusRequestEntityTooLarge)
	add(params || body, http.StatusUnprocessableEntity)
	_, limited := RateLimitOf(op)
	add(limited, http.StatusTooManyRequests)
	codes = append(codes, http.StatusServiceUnavailable)
	slices.Sort(codes)
	op.Errors = slices.Compact(codes)
}

// inputShape reports whether an input type has parameters (path, query,
// header or cookie) and a body.
func inputShape(t reflect.Type) (params, body bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return false, false
	}
	for i := range t.NumField() {
		f := t.Field(i)
		switch {
		case f.Anonymous:
			p, b := inputShape(f.Type)
			params, body = params || p, body || b
		case f.Name == "Body":
			body = true
		case f.Tag.Get("path") != "" || f.Tag.Get("query") != "" || f.Tag.Get("header") != "" || f.Tag.Get("cookie") != "":
			params = true
		}
	}
	return params, body
}

// checkPaging refuses, at start-up, a paged operation whose page parameters
// are unbounded: a page number large enough overflows the offset.
func checkPaging[I any](operationID string) {
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Anonymous {
				walk(f.Type)
				continue
			}
			switch strings.Split(f.Tag.Get("query"), ",")[0] {
			case "page", "pageSize", "limit", "offset":
				if f.Tag.Get("minimum") == "" || f.Tag.Get("maximum") == "" {
					panic(fmt.Sprintf("operation %s: query parameter %s needs a minimum and a maximum", operationID, f.Name))
				}
			}
		}
	}
	walk(reflect.TypeFor[I]())
}
