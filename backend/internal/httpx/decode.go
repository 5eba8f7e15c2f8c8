package httpx

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/1sales/app/shared/api"
)

// Decode reads a JSON body into dst strictly: JSON content type, unknown fields refused, one value only, and
// type errors reported per field.
func Decode(r *http.Request, dst any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return NewError(http.StatusUnsupportedMediaType, api.CodeUnsupportedMedia, "send application/json")
		}
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		return NewError(http.StatusBadRequest, api.CodeMalformedJSON, "body must hold exactly one JSON value")
	}
	return nil
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
		e.Fields = map[string]string{field: api.FieldType}
		return e
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return NewError(http.StatusBadRequest, api.CodeMalformedJSON, "malformed JSON")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		e := NewError(http.StatusBadRequest, api.CodeUnknownField, "unknown field "+name)
		e.Fields = map[string]string{name: api.FieldUnknown}
		return e
	default:
		return NewError(http.StatusBadRequest, api.CodeMalformedJSON, "malformed JSON")
	}
}
