package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/1sales/app/shared/api"
)

// The typed calls of the API: the bound services of desktop/app name the route and the wire types, these helpers
// send it through the client's machinery (token, one refresh on a 401, retries, error envelope). Every one of them
// is authenticated; sign-in and refresh are the Client's own methods (auth.go), transfers are in documents.go.

// Source gives the client a call goes through. A *Client is its own source; the desktop's session is a source that
// answers 401 unauthenticated while nobody is signed in, so that no request goes out.
type Source interface {
	Client() (*Client, error)
}

// Client makes a *Client a Source of itself.
func (c *Client) Client() (*Client, error) { return c, nil }

// Route is a path below /api/v1 built from escaped segments, or the reason no such path exists. Routes are made
// only by Path and RecordPath, so an ID never reaches the URL unescaped.
type Route struct {
	path string
	err  error
}

// String returns the escaped path ("" for a refused route).
func (r Route) String() string { return r.path }

// Path is the route of the segments, each escaped: Path("persons", id, "restore") is /persons/<id>/restore.
func Path(segments ...string) Route {
	var b strings.Builder
	for _, s := range segments {
		b.WriteString("/")
		b.WriteString(url.PathEscape(s))
	}
	return Route{path: b.String()}
}

// RecordPath is Path below the collection of a record type that has routes of its own:
// RecordPath(api.RecordDeal, id, "notes") is /deals/<id>/notes. Any other type is refused before a request goes
// out, as a validation error on recordType that the UI shows like the server's.
func RecordPath(t api.RecordType, segments ...string) Route {
	collection := api.RecordCollection(t)
	if collection == "" {
		return Route{err: &APIError{Status: 0, Code: api.CodeValidation,
			Message: fmt.Sprintf("no routes for record type %q", t),
			Fields:  map[string]api.FieldCode{"recordType": api.FieldInvalid}}}
	}
	return Path(append([]string{collection}, segments...)...)
}

// Query is a query string of name/value pairs; empty values are left out, so that an unset filter is not sent.
// An odd number of arguments is a programming error and panics.
func Query(pairs ...string) url.Values {
	if len(pairs)%2 == 1 {
		panic("client.Query: odd argument count")
	}
	q := url.Values{}
	for i := 0; i < len(pairs); i += 2 {
		if pairs[i+1] != "" {
			q.Set(pairs[i], pairs[i+1])
		}
	}
	return q
}

// Flag is a Query value: "true" for true, and for false "" (left out).
func Flag(b bool) string {
	if b {
		return "true"
	}
	return ""
}

// Get reads a resource. It is repeated after a lost answer or a 502/503/504.
func Get[T any](ctx context.Context, s Source, r Route, query url.Values) (T, error) {
	return send[T](ctx, s, r, call{method: http.MethodGet, query: query})
}

// Read sends a POST that only reads: a list, board or map query, the dashboard, a geocode, a preview (the question
// is too large or structured for a query string). Like a Get it is repeated after a lost answer or a 502/503/504.
func Read[T any](ctx context.Context, s Source, r Route, body any) (T, error) {
	return send[T](ctx, s, r, call{method: http.MethodPost, body: body, read: true})
}

// Post sends a POST that changes something without creating a record: a restore, a conversion, a password change.
// It carries no Idempotency-Key and is therefore never repeated once it may have reached the server.
func Post[T any](ctx context.Context, s Source, r Route, body any) (T, error) {
	return send[T](ctx, s, r, call{method: http.MethodPost, body: body})
}

// Create sends a POST that creates a record, with an Idempotency-Key. The key belongs to the logical create: the
// client's retries and the repeat after a refresh send it again, and so does an identical create after an answer
// was lost, so the server replays its first result instead of creating twice.
func Create[T any](ctx context.Context, s Source, r Route, body any) (T, error) {
	return send[T](ctx, s, r, call{method: http.MethodPost, body: body, create: true})
}

// Put replaces a whole resource (a link, the lead mapping); repeating it gives the same result, so it is repeated
// like a Get.
func Put[T any](ctx context.Context, s Source, r Route, body any) (T, error) {
	return send[T](ctx, s, r, call{method: http.MethodPut, body: body})
}

// Patch changes a resource at the version the caller saw (If-Match); a concurrent change fails with 412. It is
// repeated only when nothing reached the server: after a lost answer a repeat would fail although it went through.
func Patch[T any](ctx context.Context, s Source, r Route, version int64, body any) (T, error) {
	return send[T](ctx, s, r, call{method: http.MethodPatch, body: body, version: &version})
}

// Delete deletes (mostly: moves to the trash) a resource at the version the caller saw (If-Match), repeated like a
// Patch.
func Delete(ctx context.Context, s Source, r Route, version int64) error {
	_, err := send[struct{}](ctx, s, r, call{method: http.MethodDelete, version: &version})
	return err
}

// Unlink deletes what has no version of its own (the link between a person and an organisation) and returns the
// server's answer; it is repeated like a Get.
func Unlink[T any](ctx context.Context, s Source, r Route) (T, error) {
	return send[T](ctx, s, r, call{method: http.MethodDelete})
}

// send runs cl on r through s's client. The session is checked before the route, so that a signed-out caller always
// gets the 401 that brings up the sign-in form. T struct{} means "no answer body expected".
func send[T any](ctx context.Context, s Source, r Route, cl call) (T, error) {
	var out T
	c, err := s.Client()
	if err != nil {
		return out, err
	}
	if r.err != nil {
		return out, r.err
	}
	cl.path, cl.auth = r.path, true
	if _, none := any(&out).(*struct{}); !none {
		cl.result = &out
	}
	if err := c.do(ctx, cl); err != nil {
		var zero T
		return zero, err
	}
	return out, nil
}
