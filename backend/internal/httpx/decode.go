package httpx

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/1sales/app/shared/api"
)

// Decode reads a JSON body into dst strictly: JSON content type, unknown fields refused, one value only, type
// errors reported per field, and the input rules (input.go: no control characters in text, dates in range)
// applied to everything decoded. A body the client did not finish sending is request.aborted.
func Decode(r *http.Request, dst any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return NewError(http.StatusUnsupportedMediaType, api.CodeUnsupportedMedia, "send application/json")
		}
	}
	body := &bodyReader{r: r.Body}
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		if body.err != nil {
			return BodyError(body.err)
		}
		return decodeError(err)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		if body.err != nil {
			return BodyError(body.err)
		}
		return NewError(http.StatusBadRequest, api.CodeMalformedJSON, "body must hold exactly one JSON value")
	}
	return CheckInput(dst)
}

// bodyReader remembers the error reading the body failed with (io.EOF is the end, not an error), so that a body
// cut short is told apart from malformed JSON.
type bodyReader struct {
	r   io.Reader
	err error
}

func (b *bodyReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) && b.err == nil {
		b.err = err
	}
	return n, err
}

// BodyError maps an error reading a request body: past the body limit 413, anything else (the client closed the
// connection or sent less than its Content-Length) 400 request.aborted.
func BodyError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return NewError(http.StatusRequestEntityTooLarge, api.CodeBodyTooLarge, "request body too large")
	}
	e := NewError(http.StatusBadRequest, api.CodeRequestAborted, "the request body ended early")
	e.cause = err
	return e
}

func decodeError(err error) error {
	var mbe *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &mbe):
		return NewError(http.StatusRequestEntityTooLarge, api.CodeBodyTooLarge, "request body too large")
	case errors.Is(err, io.EOF):
		return NewError(http.StatusBadRequest, api.CodeMalformedJSON, "request body is empty")
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			field = "body"
		}
		e := NewError(http.StatusBadRequest, api.CodeMalformedJSON, "wrong JSON type")
		e.Fields = map[string]api.FieldCode{field: api.FieldType}
		return e
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return NewError(http.StatusBadRequest, api.CodeMalformedJSON, "malformed JSON")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		// The name is the client's: echoed capped, and quoted (Go syntax) when it holds what text may not.
		name := capName(strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`))
		if !TextOK(name) {
			name = strconv.Quote(name)
		}
		e := NewError(http.StatusBadRequest, api.CodeUnknownField, "unknown field "+name)
		e.Fields = map[string]api.FieldCode{name: api.FieldUnknown}
		return e
	default:
		return NewError(http.StatusBadRequest, api.CodeMalformedJSON, "malformed JSON")
	}
}
