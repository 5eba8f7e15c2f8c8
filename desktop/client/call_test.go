package client_test

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"testing"

	"github.com/google/uuid"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// helperCall is one typed helper called on a route; it returns what the helper returned.
type helperCall func(ctx context.Context, c *client.Client, r client.Route) (any, error)

var (
	body = api.UnitCreate{Name: "Außendienst", ParentID: "root"}

	getUnit = func(ctx context.Context, c *client.Client, r client.Route) (any, error) {
		return client.Get[api.Unit](ctx, c, r, nil)
	}
	postUnit = func(ctx context.Context, c *client.Client, r client.Route) (any, error) {
		return client.Post[api.Unit](ctx, c, r, body)
	}
	createUnit = func(ctx context.Context, c *client.Client, r client.Route) (any, error) {
		return client.Create[api.Unit](ctx, c, r, body)
	}
	putUnit = func(ctx context.Context, c *client.Client, r client.Route) (any, error) {
		return client.Put[api.Unit](ctx, c, r, body)
	}
	patchUnit = func(ctx context.Context, c *client.Client, r client.Route) (any, error) {
		return client.Patch[api.Unit](ctx, c, r, 7, api.UnitPatch{Name: ptr("Innendienst")})
	}
	deleteUnit = func(ctx context.Context, c *client.Client, r client.Route) (any, error) {
		return nil, client.Delete(ctx, c, r, 7)
	}
	unlinkUnit = func(ctx context.Context, c *client.Client, r client.Route) (any, error) {
		return client.Unlink[api.Unit](ctx, c, r)
	}
)

func ptr[T any](v T) *T { return &v }

func TestHelpersSendMethodVersionKeyAndBody(t *testing.T) {
	const bodyJSON = `{"name":"Außendienst","parentId":"root"}`
	tests := []struct {
		name     string
		call     helperCall
		method   string
		ifMatch  string
		key      bool
		wantBody string
	}{
		{"get", getUnit, "GET", "", false, ""},
		{"post", postUnit, "POST", "", false, bodyJSON},
		{"create", createUnit, "POST", "", true, bodyJSON},
		{"put", putUnit, "PUT", "", false, bodyJSON},
		{"patch", patchUnit, "PATCH", `"7"`, false, `{"name":"Innendienst"}`},
		{"delete", deleteUnit, "DELETE", `"7"`, false, ""},
		{"unlink", unlinkUnit, "DELETE", "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if r.URL.Path == "/api/v1/auth/login" {
					writeJSON(w, 200, session(1))
					return
				}
				writeJSON(w, 200, api.Unit{ID: "n1"})
			})
			c := newClient(s, client.Options{})
			signIn(t, c)
			if _, err := tt.call(context.Background(), c, client.Path("units", "n 1")); err != nil {
				t.Fatalf("call: %v", err)
			}
			reqs := s.requests()[1:]
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.method != tt.method || r.path != "/api/v1/units/n%201" || r.query != "" {
				t.Errorf("sent %s %s?%s, want %s /api/v1/units/n%%201", r.method, r.path, r.query, tt.method)
			}
			if got := r.header.Get("Authorization"); got != "Bearer access-1" {
				t.Errorf("Authorization %q", got)
			}
			if got := r.header.Get("If-Match"); got != tt.ifMatch {
				t.Errorf("If-Match %q, want %q", got, tt.ifMatch)
			}
			key := r.header.Get("Idempotency-Key")
			if _, err := uuid.Parse(key); (err == nil) != tt.key {
				t.Errorf("Idempotency-Key %q, want one: %v", key, tt.key)
			}
			if r.body != tt.wantBody {
				t.Errorf("body %q, want %q", r.body, tt.wantBody)
			}
			if ct := r.header.Get("Content-Type"); (tt.wantBody != "") != (ct == "application/json") {
				t.Errorf("Content-Type %q with body %q", ct, r.body)
			}
		})
	}
}

func TestHelpersMapTheAnswer(t *testing.T) {
	unit := api.Unit{ID: "n1", Name: "Außendienst", Version: 2}
	tests := []struct {
		name   string
		call   helperCall
		answer func(w http.ResponseWriter)
		want   any
		// wantErr is the error, nil for success.
		wantErr *client.APIError
	}{
		{"200 decoded", getUnit, func(w http.ResponseWriter) { writeJSON(w, 200, unit) }, unit, nil},
		{"201 decoded", createUnit, func(w http.ResponseWriter) { writeJSON(w, 201, unit) }, unit, nil},
		{"204 of a delete", deleteUnit, func(w http.ResponseWriter) { w.WriteHeader(204) }, nil, nil},
		// A delete expects no answer body: whatever comes with a 2xx is not decoded.
		{"delete reads no answer body", deleteUnit, func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"id":`))
		}, nil, nil},
		{"404 envelope", getUnit, func(w http.ResponseWriter) { writeErr(w, 404, api.CodeNotFound, nil) }, api.Unit{},
			&client.APIError{Status: 404, Code: api.CodeNotFound, Message: "msg " + string(api.CodeNotFound), RequestID: "req-1"}},
		{"412 envelope with fields", patchUnit,
			func(w http.ResponseWriter) {
				writeErr(w, 412, api.CodeVersionMismatch, map[string]api.FieldCode{"version": "stale"})
			},
			api.Unit{}, &client.APIError{Status: 412, Code: api.CodeVersionMismatch, Message: "msg " + string(api.CodeVersionMismatch),
				Fields: map[string]api.FieldCode{"version": "stale"}, RequestID: "req-1"}},
		{"409 of a delete", deleteUnit, func(w http.ResponseWriter) { writeErr(w, 409, api.CodeConflict, nil) }, nil,
			&client.APIError{Status: 409, Code: api.CodeConflict, Message: "msg " + string(api.CodeConflict), RequestID: "req-1"}},
		{"error without envelope", putUnit, func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadRequest)
		}, api.Unit{}, &client.APIError{Status: 400, Code: "http.status_400", Message: "Bad Request"}},
		{"2xx that cannot be decoded", getUnit, func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"id":`))
		}, api.Unit{}, &client.APIError{Status: 200, Code: api.CodeInternal}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { tt.answer(w) })
			got, err := tt.call(context.Background(), newClient(s, client.Options{}), client.Path("units", "n1"))
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
			} else {
				ae, ok := client.AsAPIError(err)
				if !ok {
					t.Fatalf("err = %v, want %+v", err, *tt.wantErr)
				}
				if tt.wantErr.Message == "" { // only status and code are stable
					ae = &client.APIError{Status: ae.Status, Code: ae.Code}
				}
				if !reflect.DeepEqual(*ae, *tt.wantErr) {
					t.Fatalf("err = %+v, want %+v", *ae, *tt.wantErr)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("result = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestHelpersRepeatOnlyWhatIsSafeToRepeat: after a 503 a helper's request goes out again only when a repeat cannot
// do the change twice, and a repeated create carries the same Idempotency-Key.
func TestHelpersRepeatOnlyWhatIsSafeToRepeat(t *testing.T) {
	tests := []struct {
		name      string
		call      helperCall
		wantCalls int
	}{
		{"get is repeated", getUnit, 2},
		{"post without key is not", postUnit, 1},
		{"create is repeated with its key", createUnit, 2},
		{"put is repeated", putUnit, 2},
		{"patch with If-Match is not", patchUnit, 1},
		{"delete with If-Match is not", deleteUnit, 1},
		{"unlink is repeated", unlinkUnit, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 1 {
					writeErr(w, 503, api.CodeUnavailable, nil)
					return
				}
				writeJSON(w, 200, api.Unit{ID: "n1"})
			})
			_, err := tt.call(context.Background(), newClient(s, client.Options{Retries: 1}), client.Path("units", "n1"))
			reqs := s.requests()
			if len(reqs) != tt.wantCalls {
				t.Fatalf("server saw %d requests, want %d (err %v)", len(reqs), tt.wantCalls, err)
			}
			if tt.wantCalls == 1 {
				if ae, ok := client.AsAPIError(err); !ok || ae.Status != 503 {
					t.Fatalf("err = %v, want the 503", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v after the repeat", err)
			}
			if k0, k1 := reqs[0].header.Get("Idempotency-Key"), reqs[1].header.Get("Idempotency-Key"); k0 != k1 {
				t.Fatalf("the repeat changed the Idempotency-Key from %q to %q", k0, k1)
			}
		})
	}
}

func TestHelpersEncodeTheQuery(t *testing.T) {
	tests := []struct {
		name  string
		query url.Values
		want  string
	}{
		{"nil", nil, ""},
		{"empty values left out", client.Query("recordType", "", "archived", client.Flag(false)), ""},
		{"sorted by name", client.Query("recordType", "person", "archived", client.Flag(true)), "archived=true&recordType=person"},
		{"escaped", url.Values{"q": {"Müller & Söhne"}}, "q=M%C3%BCller+%26+S%C3%B6hne"},
		{"reserved characters", client.Query("q", "a=b?c#d/e"), "q=a%3Db%3Fc%23d%2Fe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { writeJSON(w, 200, api.TrashList{}) })
			if _, err := client.Get[api.TrashList](context.Background(), newClient(s, client.Options{}), client.Path("trash"), tt.query); err != nil {
				t.Fatal(err)
			}
			if r := s.requests()[0]; r.path != "/api/v1/trash" || r.query != tt.want {
				t.Fatalf("sent %s?%s, want /api/v1/trash?%s", r.path, r.query, tt.want)
			}
		})
	}
}

func TestPathEscapesEverySegment(t *testing.T) {
	tests := []struct {
		name  string
		route client.Route
		want  string // as the server receives it, below /api/v1
	}{
		{"constant", client.Path("lead-mapping"), "/lead-mapping"},
		{"id with a space and a slash", client.Path("persons", "p 1/2", "restore"), "/persons/p%201%2F2/restore"},
		{"query and fragment characters stay in the path", client.Path("deals", "d?x=1#y"), "/deals/d%3Fx=1%23y"},
		{"percent and braces", client.Path("notes", "100%{id}"), "/notes/100%25%7Bid%7D"},
		{"non-ASCII", client.Path("units", "Süd"), "/units/S%C3%BCd"},
		{"two ids", client.Path("persons", "p/1", "organizations", "o 2"), "/persons/p%2F1/organizations/o%202"},
		{"record type", client.RecordPath(api.RecordOrganization, "o/1", "notes"), "/organizations/o%2F1/notes"},
		{"record collection", client.RecordPath(api.RecordLead, "map"), "/leads/map"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { writeJSON(w, 200, api.Unit{}) })
			if _, err := client.Get[api.Unit](context.Background(), newClient(s, client.Options{}), tt.route, nil); err != nil {
				t.Fatal(err)
			}
			if r := s.requests()[0]; r.path != "/api/v1"+tt.want || r.query != "" {
				t.Fatalf("server got %s?%s, want /api/v1%s", r.path, r.query, tt.want)
			}
		})
	}
}

// deny is a Source with nobody signed in.
type deny struct{}

func (deny) Client() (*client.Client, error) {
	return nil, &client.APIError{Status: 401, Code: api.CodeUnauthenticated, Message: "not signed in"}
}

func TestRefusalsComeBeforeAnyRequest(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) { writeJSON(w, 200, api.NoteList{}) })
	c := newClient(s, client.Options{})
	ctx := context.Background()
	tests := []struct {
		name       string
		call       func() error
		wantStatus int
		wantCode   api.ErrorCode
	}{
		{"record type without routes", func() error {
			_, err := client.Get[api.NoteList](ctx, c, client.RecordPath(api.RecordActivity, "a1", "notes"), nil)
			return err
		}, 0, api.CodeValidation},
		{"empty record type", func() error {
			return client.Delete(ctx, c, client.RecordPath("", "x"), 1)
		}, 0, api.CodeValidation},
		{"signed out", func() error {
			_, err := client.Create[api.Note](ctx, deny{}, client.Path("persons", "p1", "notes"), api.NoteCreate{Body: "x"})
			return err
		}, 401, api.CodeUnauthenticated},
		// The session is asked first: signed out, the UI shows the sign-in form whatever else is wrong.
		{"signed out and a record type without routes", func() error {
			_, err := client.Get[api.NoteList](ctx, deny{}, client.RecordPath("persons", "p1", "notes"), nil)
			return err
		}, 401, api.CodeUnauthenticated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ae, ok := client.AsAPIError(tt.call())
			if !ok || ae.Status != tt.wantStatus || ae.Code != tt.wantCode {
				t.Fatalf("err = %v, want %d %s", ae, tt.wantStatus, tt.wantCode)
			}
			if tt.wantCode == api.CodeValidation && ae.Fields["recordType"] != api.FieldInvalid {
				t.Fatalf("fields = %v, want recordType invalid", ae.Fields)
			}
		})
	}
	if n := len(s.requests()); n != 0 {
		t.Fatalf("server saw %d requests, want none", n)
	}
}

func TestQueryPanicsOnAnOddArgumentCount(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	client.Query("recordType")
}
