package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/1sales/app/shared/api"
)

// Error codes that only the desktop produces. The UI translates them like the server's codes.
const (
	// CodeNetwork: the server could not be reached or did not answer in time (Status 0).
	CodeNetwork = "network.unreachable"
	// CodeHTTP prefixes codes for error answers that did not carry the envelope (a proxy's HTML page, say).
	CodeHTTP = "http.status_"
)

// APIError is every error the client returns. Bound methods hand it to the frontend, which receives Error()'s JSON
// and parses it, so the shape of that JSON is part of the contract with the UI.
type APIError struct {
	// Status is the HTTP status, 0 when no answer arrived (network) or the desktop itself refused the input.
	Status  int               `json:"status"`
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields"`
	// RequestID names the server's log entry, for support; empty for local errors.
	RequestID string `json:"requestId,omitempty"`
}

// Error returns the JSON object {"status","code","message","fields"[,"requestId"]}; fields is always an object.
func (e *APIError) Error() string {
	out := *e
	if out.Fields == nil {
		out.Fields = map[string]string{}
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
	return ok && ae.Status == 0 && ae.Code == CodeNetwork
}

// networkError turns a transport failure into the error the UI shows as "server cannot be reached".
func networkError(err error) *APIError {
	return &APIError{Status: 0, Code: CodeNetwork, Message: err.Error()}
}

// fromEnvelope builds the error of an HTTP error answer. Answers without the envelope (from a proxy or a server
// that is not ours) still get a stable code derived from the status.
func fromEnvelope(status int, env *api.ErrorEnvelope) *APIError {
	if env == nil || env.Error.Code == "" {
		return &APIError{Status: status, Code: fmt.Sprintf("%s%d", CodeHTTP, status), Message: http.StatusText(status)}
	}
	return &APIError{
		Status:    status,
		Code:      env.Error.Code,
		Message:   env.Error.Message,
		Fields:    env.Error.Fields,
		RequestID: env.Error.RequestID,
	}
}
