// Package httpx holds the HTTP plumbing shared by every domain package: the one error type and envelope, strict
// JSON decoding, ETag/If-Match handling and the middleware chain.
package httpx

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/shared/api"
)

// Error is an error with an HTTP status, a stable code and optional per-field codes. Domain packages return it
// (or wrap it); Handle turns it into the envelope.
type Error struct {
	Status  int
	Code    api.ErrorCode
	Message string
	Fields  map[string]api.FieldCode
	// Header holds extra response headers, e.g. Retry-After.
	Header http.Header
	cause  error
}

func (e *Error) Error() string {
	if e.cause != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.cause)
	}
	return string(e.Code) + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.cause }

// WithCause returns a copy of e that wraps cause: the answer stays e's, the log of a 5xx names the cause.
func (e *Error) WithCause(cause error) *Error {
	c := *e
	c.cause = cause
	return &c
}

// NewError builds an Error.
func NewError(status int, code api.ErrorCode, message string) *Error {
	return &Error{Status: status, Code: code, Message: message}
}

// Validation is a 422 with per-field codes. Build it with Field and return it when it has fields.
type Validation struct{ fields map[string]api.FieldCode }

// Field records a code for a field; the first code per field wins.
func (v *Validation) Field(name string, code api.FieldCode) {
	if v.fields == nil {
		v.fields = map[string]api.FieldCode{}
	}
	if _, ok := v.fields[name]; !ok {
		v.fields[name] = code
	}
}

// Fields are the codes recorded so far by field (nil: none).
func (v *Validation) Fields() map[string]api.FieldCode { return v.fields }

// Err returns nil when no field failed, else the 422 error.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Status: http.StatusUnprocessableEntity, Code: api.CodeValidation, Message: "validation failed", Fields: v.fields}
}

// FieldError is a 422 for a single field.
func FieldError(field string, code api.FieldCode) error {
	var v Validation
	v.Field(field, code)
	return v.Err()
}

// Common errors.
var (
	ErrNotFound        = NewError(http.StatusNotFound, api.CodeNotFound, "not found")
	ErrForbidden       = NewError(http.StatusForbidden, api.CodeForbidden, "not allowed")
	ErrUnauthenticated = NewError(http.StatusUnauthorized, api.CodeUnauthenticated, "sign-in required")
	ErrVersionMismatch = NewError(http.StatusPreconditionFailed, api.CodeVersionMismatch, "the record was changed by someone else")
	ErrIfMatchRequired = NewError(http.StatusPreconditionRequired, api.CodePreconditionNeeded, "If-Match with the record's version is required")
)

// Missing answers a failed read of one row: no row is ErrNotFound (the same 404 whether it does not exist or the
// caller may not see it), any other error is wrapped with what was read (what, e.g. "pipeline: get <id>").
func Missing(err error, what string) error {
	if db.IsNoRows(err) {
		return ErrNotFound
	}
	return fmt.Errorf("%s: %w", what, err)
}

// Conflict is a 409 with an optional field code.
func Conflict(message, field string, code api.FieldCode) error {
	e := NewError(http.StatusConflict, api.CodeConflict, message)
	if field != "" {
		e.Fields = map[string]api.FieldCode{field: code}
	}
	return e
}

// AsError finds an *Error in err's chain.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
