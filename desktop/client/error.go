package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/1sales/app/shared/api"
)

// CodeHTTP prefixes codes for error answers that did not carry the envelope (a proxy's HTML page, say); the UI
// words them from the status. The desktop's other codes are api.ErrorCodes (shared/api/error.go).
const CodeHTTP = "http.status_"

// APIError is every error the client returns. Bound methods hand it to the frontend, which receives Error()'s JSON
// and parses it, so the shape of that JSON is part of the contract with the UI.
type APIError struct {
	// Status is the HTTP status, 0 when no answer arrived (network) or the desktop itself refused the input.
	Status int `json:"status"`
	// Code is an api.ErrorCode, the server's or the desktop's own, or CodeHTTP and the status (http.status_502).
	Code    api.ErrorCode            `json:"code"`
	Message string                   `json:"message"`
	Fields  map[string]api.FieldCode `json:"fields"`
	// RequestID names the server's log entry, for support; empty for local errors.
	RequestID string `json:"requestId,omitempty"`
}

// Error returns the JSON object {"status","code","message","fields"[,"requestId"]}; fields is always an object.
func (e *APIError) Error() string {
	out := *e
	if out.Fields == nil {
		out.Fields = map[string]api.FieldCode{}
	}
	b, err := json.Marshal(out)
	if err != nil { // cannot happen for strings and ints; keep the contract anyway
		return fmt.Sprintf(`{"status":%d,"code":%q,"message":%q,"fields":{}}`, e.Status, e.Code, e.Message)
	}
	return string(b)
}

// AsAPIError finds an *APIError in err's chain.
func AsAPIError(err error) (*APIError, bool) {
	var ae *APIError
	ok := errors.As(err, &ae)
	return ae, ok
}

// IsNetwork reports whether err means "no answer from the server".
func IsNetwork(err error) bool {
	ae, ok := AsAPIError(err)
	return ok && ae.Status == 0 && ae.Code == api.CodeNetworkUnreachable
}

// networkError turns a transport failure into the error the UI shows as "server cannot be reached", or, when the
// server's certificate was refused, as what was wrong with it (tls.*: unknown authority, expired, another host).
func networkError(err error) *APIError {
	if code := tlsCode(err); code != "" {
		return &APIError{Status: 0, Code: code, Message: err.Error()}
	}
	return &APIError{Status: 0, Code: api.CodeNetworkUnreachable, Message: err.Error()}
}

// fromEnvelope builds the error of an HTTP error answer. Answers without the envelope (from a proxy or a server
// that is not ours) still get a stable code derived from the status.
func fromEnvelope(status int, env *api.ErrorEnvelope) *APIError {
	if env == nil || env.Error.Code == "" {
		return &APIError{Status: status, Code: api.ErrorCode(fmt.Sprintf("%s%d", CodeHTTP, status)), Message: http.StatusText(status)}
	}
	return &APIError{
		Status:    status,
		Code:      env.Error.Code,
		Message:   env.Error.Message,
		Fields:    env.Error.Fields,
		RequestID: env.Error.RequestID,
	}
}
