// Package errs is the one error type of the marketplace. Services return
// *errs.Error for everything a user can cause; anything else is an internal
// failure. The web package maps codes to HTTP statuses in one place.
package errs

import (
	"errors"
	"fmt"
	"time"
)

// Code classifies an error for the client.
type Code string

const (
	Invalid         Code = "invalid"         // input breaks a rule: 422
	NotFound        Code = "not_found"       // 404
	Conflict        Code = "conflict"        // state forbids the change: 409
	Unauthenticated Code = "unauthenticated" // not signed in or wrong credentials: 401
	Forbidden       Code = "forbidden"       // signed in but not allowed: 403
	LockedOut       Code = "locked_out"      // too many failed attempts: 429
	TooLarge        Code = "too_large"       // an upload over its limit: 413
	TooSlow         Code = "too_slow"        // a request body arriving too slowly: 408
	Unavailable     Code = "unavailable"     // a dependency is down: 503
	Internal        Code = "internal"        // a bug or an unexpected failure: 500
)

// FieldError names one field of the input and why it was refused. Reason is a
// stable machine code the UI translates; Message is the English fallback.
type FieldError struct {
	Field   string // e.g. "body.creditCode"
	Reason  string // e.g. "credit_code_check"
	Message string
}

// Error is a domain error safe to show to the user.
type Error struct {
	Code       Code
	Reason     string // stable machine code for the whole error, e.g. "wrong_credentials"
	Message    string // English message, safe to show
	Fields     []FieldError
	RetryAfter time.Duration // for LockedOut
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
	return fmt.Sprintf("%s: %s (%s: %s)", e.Code, e.Message, e.Fields[0].Field, e.Fields[0].Message)
}

// New returns an error with a code, a machine reason and a message.
func New(code Code, reason, message string) *Error {
	return &Error{Code: code, Reason: reason, Message: message}
}

// Field returns an Invalid error about one field.
func Field(field, reason, message string) *Error {
	return &Error{Code: Invalid, Reason: "invalid_input", Message: "the input is invalid",
		Fields: []FieldError{{Field: field, Reason: reason, Message: message}}}
}

// Fields collects field errors and returns nil when there are none, so a
// Validate method can report every problem at once.
type Fields []FieldError

// Add records a problem with field.
func (f *Fields) Add(field, reason, message string) {
	*f = append(*f, FieldError{Field: field, Reason: reason, Message: message})
}

// Err returns the collected problems as one Invalid error, or nil.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Reason: "invalid_input", Message: "the input is invalid", Fields: f}
}

// CodeOf returns the code of err, Internal when it is not an *Error.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// Is reports whether err carries code.
func Is(err error, code Code) bool { return err != nil && CodeOf(err) == code }
