package app_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/shared/api"
)

// TestInputProbeFindingsAreClientErrors replays what a probe of issue 11 answered with 500 (or without the
// envelope), each now a 4xx with the envelope and a field code.
func TestInputProbeFindingsAreClientErrors(t *testing.T) {
	env := apptest.Start(t)
	fx := fixture{env: env, t: t}
	admin := signIn(t, env, apptest.Admin)
	person, org := fx.person(apptest.Admin).String(), fx.org(apptest.Admin).String()
	deal, lead := fx.deal(apptest.Admin).String(), fx.lead(apptest.Admin).String()
	field := admin.createField(api.RecordPerson, "Kundennummer", api.FieldKindText, false).ID
	typeID := fx.activityType().String()
	var doc api.Document
	if r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/persons/" + person + "/documents", Token: admin.token,
		Body: "Zwölf Kopierer.\n", Header: uploadHeader}); r.Status != 201 {
		t.Fatalf("upload: %d %s", r.Status, r.Body)
	} else {
		r.Decode(t, &doc)
	}
	etag := func(table, id string) map[string]string {
		var v int64
		if err := env.DB.Owner.NewRaw("SELECT version FROM ? WHERE id = ?", bunIdent(table), id).Scan(context.Background(), &v); err != nil {
			t.Fatal(err)
		}
		return map[string]string{"If-Match": fmt.Sprintf(`"%d"`, v)}
	}
	cc, rng := api.FieldControlCharacter, api.FieldRange
	long := strings.Repeat("x", 5000)
	cases := []struct {
		name       string
		method     string
		path       string
		body       any
		header     map[string]string
		wantStatus int
		wantCode   api.ErrorCode
		wantFields map[string]api.FieldCode
	}{
		{"NUL in a note", "POST", "/api/v1/persons/" + person + "/notes", `{"body":"Anruf\u0000"}`, nil,
			422, api.CodeValidation, map[string]api.FieldCode{"body": cc}},
		{"NUL in a custom text value", "PATCH", "/api/v1/persons/" + person, `{"custom":{"` + field + `":"K-\u0000"}}`, etag("persons", person),
			422, api.CodeValidation, map[string]api.FieldCode{"custom." + field: cc}},
		{"NUL in a membership role", "PUT", "/api/v1/persons/" + person + "/organizations/" + org, `{"role":"Ein\u0000kauf"}`, nil,
			422, api.CodeValidation, map[string]api.FieldCode{"role": cc}},
		{"NUL in a person patch", "PATCH", "/api/v1/persons/" + person, `{"lastName":"M\u0000ller"}`, etag("persons", person),
			422, api.CodeValidation, map[string]api.FieldCode{"lastName": cc}},
		{"NUL in an e-mail of a person patch", "PATCH", "/api/v1/persons/" + person, `{"emails":[{"value":"a@b.de","kind":"work"},{"value":"c\u0000@d.de","kind":"work"}]}`,
			etag("persons", person), 422, api.CodeValidation, map[string]api.FieldCode{"emails[1].value": cc}},
		{"NUL in an organisation patch", "PATCH", "/api/v1/organizations/" + org, `{"address":{"city":"K\u0000ln"}}`, etag("organizations", org),
			422, api.CodeValidation, map[string]api.FieldCode{"address.city": cc}},
		{"NUL in a deal patch", "PATCH", "/api/v1/deals/" + deal, `{"title":"\u0000"}`, etag("deals", deal),
			422, api.CodeValidation, map[string]api.FieldCode{"title": cc}},
		{"NUL in a lead patch", "PATCH", "/api/v1/leads/" + lead, `{"source":"Messe\u0000"}`, etag("leads", lead),
			422, api.CodeValidation, map[string]api.FieldCode{"source": cc}},
		{"bidi override in a new organisation", "POST", "/api/v1/organizations", `{"name":"Rechnung\u202efdp.exe"}`, nil,
			422, api.CodeValidation, map[string]api.FieldCode{"name": cc}},
		{"invalid UTF-8 in a new person", "POST", "/api/v1/persons", "{\"lastName\":\"M\xfcller\"}", nil,
			422, api.CodeValidation, map[string]api.FieldCode{"lastName": cc}},
		{"activity in year 0000", "POST", "/api/v1/activities", `{"title":"Anruf","typeId":"` + typeID + `","dueAt":"0000-01-01T00:00:00Z"}`, nil,
			422, api.CodeValidation, map[string]api.FieldCode{"dueAt": rng}},
		{"activity in year 9999", "POST", "/api/v1/activities", `{"title":"Anruf","typeId":"` + typeID + `","dueAt":"9999-12-31T23:59:59Z"}`, nil,
			422, api.CodeValidation, map[string]api.FieldCode{"dueAt": rng}},
		{"deal closing in year 0000", "PATCH", "/api/v1/deals/" + deal, `{"expectedCloseDate":"0000-01-01"}`, etag("deals", deal),
			422, api.CodeValidation, map[string]api.FieldCode{"expectedCloseDate": rng}},
		{"list from year 0000", "POST", "/api/v1/persons/query", `{"createdFrom":"0000-01-01"}`, nil,
			422, api.CodeValidation, map[string]api.FieldCode{"createdFrom": rng}},
		{"activities due up to year 9999", "POST", "/api/v1/activities/query", `{"dueTo":"9999-12-31"}`, nil,
			422, api.CodeValidation, map[string]api.FieldCode{"dueTo": rng}},
		{`sort "-"`, "POST", "/api/v1/persons/query", `{"sort":"-"}`, nil, 422, api.CodeValidation, map[string]api.FieldCode{"sort": api.FieldInvalid}},
		{`sort "--name"`, "POST", "/api/v1/deals/query", `{"sort":"--name"}`, nil, 422, api.CodeValidation, map[string]api.FieldCode{"sort": api.FieldInvalid}},
		{"unknown field of 5,000 characters", "POST", "/api/v1/organizations", `{"name":"Firma","` + long + `":1}`, nil,
			400, api.CodeUnknownField, map[string]api.FieldCode{strings.Repeat("x", 64) + "…": api.FieldUnknown}},
		{"NUL in a query parameter", "GET", "/api/v1/search?q=M%00ller", nil, nil, 422, api.CodeValidation, map[string]api.FieldCode{"q": cc}},
		{"range beyond the content", "GET", "/api/v1/documents/" + doc.ID + "/content", nil, map[string]string{"Range": "bytes=500-600"},
			416, api.CodeDocumentRangeInvalid, nil},
		{"malformed range", "GET", "/api/v1/documents/" + doc.ID + "/content", nil, map[string]string{"Range": "bytes=x-y"},
			416, api.CodeDocumentRangeInvalid, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := env.Do(apptest.Request{Method: tc.method, Path: tc.path, Token: admin.token, Body: tc.body, Header: tc.header})
			if resp.Status != tc.wantStatus {
				t.Fatalf("status %d %s, want %d", resp.Status, resp.Body, tc.wantStatus)
			}
			e := resp.Error(t)
			if e.Code != tc.wantCode || e.RequestID == "" || len(e.Fields) != len(tc.wantFields) {
				t.Fatalf("envelope %+v, want code %s with fields %v", e, tc.wantCode, tc.wantFields)
			}
			for name, code := range tc.wantFields {
				if e.Fields[name] != code {
					t.Errorf("field %s: %q, want %q (all: %v)", name, e.Fields[name], code, e.Fields)
				}
			}
			if len(resp.Body) > 1000 {
				t.Errorf("answer of %d bytes echoes the input", len(resp.Body))
			}
			if tc.wantStatus == http.StatusRequestedRangeNotSatisfiable {
				if got, want := resp.Header.Get("Content-Range"), fmt.Sprintf("bytes */%d", doc.Size); got != want {
					t.Errorf("Content-Range %q, want %q", got, want)
				}
				if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
					t.Errorf("Content-Type %q", ct)
				}
			}
		})
	}
	// Nothing of it was stored: the records are as they were.
	if n := countRows(t, env, "SELECT count(*) FROM notes WHERE record_id = ?", person); n != 0 {
		t.Errorf("%d notes stored", n)
	}
	if n := countRows(t, env, "SELECT count(*) FROM persons WHERE id = ? AND version = 1", person); n != 1 {
		t.Errorf("the person was changed")
	}
	// A range inside the content still works.
	if r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/documents/" + doc.ID + "/content", Token: admin.token,
		Header: map[string]string{"Range": "bytes=0-4"}}); r.Status != http.StatusPartialContent || string(r.Body) != "Zwöl" {
		t.Fatalf("range: %d %q", r.Status, r.Body)
	}
}

// logRecorder keeps what the backend logs.
type logRecorder struct {
	mu      sync.Mutex
	records []string
}

func (l *logRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (l *logRecorder) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *logRecorder) WithGroup(string) slog.Handler            { return l }
func (l *logRecorder) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.records = append(l.records, r.Level.String()+" "+r.Message)
	return nil
}

func (l *logRecorder) lines() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.records...)
}

// TestAHalfClosedConnectionIsNoServerError sends requests over a raw connection whose client closes its writing
// side: with less body than announced, or after the whole request. The backend answers no 5xx and logs no error,
// only "client gone" at info.
func TestAHalfClosedConnectionIsNoServerError(t *testing.T) {
	logs := &logRecorder{}
	env := apptest.StartLogged(t, slog.New(logs))
	token := env.Token(apptest.Admin)
	cases := []struct {
		name       string
		path       string
		header     string
		body       string
		length     int
		wantStatus int // 0: any status below 500
	}{
		{"body cut short", "/api/v1/persons", "", `{"firstName":"Eva","lastN`, 200, http.StatusBadRequest},
		{"body cut short under an Idempotency-Key", "/api/v1/persons", "Idempotency-Key: halb-1\r\n", `{"firstName":"Eva"`, 200, http.StatusBadRequest},
		{"whole request, then half-closed", "/api/v1/persons/query", "", `{"search":"Müller"}`, 0, 0},
		{"whole create, then half-closed", "/api/v1/persons", "", `{"firstName":"Eva","lastName":"Halb"}`, 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := len(logs.lines())
			conn, err := net.Dial("tcp", env.Server.Listener.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			_ = conn.SetDeadline(time.Now().Add(20 * time.Second))
			length := tc.length
			if length == 0 {
				length = len(tc.body)
			}
			fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: backend\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\n%sContent-Length: %d\r\n\r\n%s",
				tc.path, token, tc.header, length, tc.body)
			if err := conn.(*net.TCPConn).CloseWrite(); err != nil {
				t.Fatal(err)
			}
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			status := 0
			var body []byte
			if err == nil { // a client that went away may also get no answer at all
				status = resp.StatusCode
				body, _ = io.ReadAll(resp.Body)
				resp.Body.Close()
			}
			if status >= 500 || tc.wantStatus != 0 && status != tc.wantStatus {
				t.Fatalf("status %d %s (%v), want %d", status, body, err, tc.wantStatus)
			}
			if tc.wantStatus == http.StatusBadRequest && !strings.Contains(string(body), string(api.CodeRequestAborted)) {
				t.Fatalf("body %s, want %s", body, api.CodeRequestAborted)
			}
			// The access log line follows the answer: wait for it, then look at everything logged meanwhile.
			deadline := time.Now().Add(5 * time.Second)
			for !strings.Contains(strings.Join(logs.lines()[before:], "\n"), "INFO request") && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			lines := logs.lines()[before:]
			for _, l := range lines {
				if !strings.HasPrefix(l, "INFO ") && !strings.HasPrefix(l, "DEBUG ") {
					t.Errorf("logged %q", l)
				}
			}
			if status == http.StatusBadRequest && !slices.Contains(lines, "INFO client gone") {
				t.Errorf("no \"client gone\" in %q", lines)
			}
		})
	}
}
