package httpx_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

type address struct {
	City string `json:"city"`
}

type email struct {
	Value string `json:"value"`
}

type Embedded struct {
	Nickname string `json:"nickname"`
}

// body has every shape the walk must reach: plain, pointer, nested, slice, map, any, embedded, skipped and
// untagged fields, times and days.
type body struct {
	Embedded
	Name      string            `json:"name"`
	Note      *string           `json:"note,omitempty"`
	Address   address           `json:"address"`
	Home      *address          `json:"home,omitempty"`
	Emails    []email           `json:"emails"`
	Custom    map[string]string `json:"custom"`
	Extra     any               `json:"extra"`
	Tags      []string          `json:"tags"`
	DueAt     time.Time         `json:"dueAt"`
	DoneAt    *time.Time        `json:"doneAt"`
	CloseDate string            `json:"closeDate" input:"date"`
	Days      []string          `json:"days" input:"date"`
	Skipped   string            `json:"-"`
	Untagged  string
	Raw       []byte `json:"raw"`
	Count     int    `json:"count"`
}

func decode(t *testing.T, raw string) error {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(raw))
	r.Header.Set("Content-Type", "application/json")
	var b body
	return httpx.Decode(r, &b)
}

func fieldsOf(t *testing.T, err error) map[string]api.FieldCode {
	t.Helper()
	if err == nil {
		return nil
	}
	e, ok := httpx.AsError(err)
	if !ok {
		t.Fatalf("not an *httpx.Error: %v", err)
	}
	if e.Status != http.StatusUnprocessableEntity || e.Code != api.CodeValidation {
		t.Fatalf("got %d %s, want 422 %s", e.Status, e.Code, api.CodeValidation)
	}
	return e.Fields
}

func TestDecodeRefusesControlCharactersAndDatesOutOfRange(t *testing.T) {
	long := strings.Repeat("Grüße aus München. ", 527)[:10000]
	cc, rng := api.FieldControlCharacter, api.FieldRange
	cases := []struct {
		name string
		body string
		want map[string]api.FieldCode // nil: accepted
	}{
		{"plain text with tab, newline and return", `{"name":"Anna\tMüller","note":"Zeile 1\r\nZeile 2"}`, nil},
		{"10,000 characters are no concern of the decoder", `{"name":"` + long + `"}`, nil},
		{"emoji, CJK and right-to-left text", `{"name":"😀 東京 مرحبا שלום"}`, nil},
		{"marks are not overrides", `{"name":"abc\u200e\u200f\u061c"}`, nil},
		{"NUL in a field", `{"name":"a\u0000b"}`, map[string]api.FieldCode{"name": cc}},
		{"NUL in a 10,000 character text", `{"name":"` + long + `\u0000"}`, map[string]api.FieldCode{"name": cc}},
		{"other C0 controls", `{"name":"\u0007","note":"\u001b[31m"}`, map[string]api.FieldCode{"name": cc, "note": cc}},
		{"DEL", `{"name":"a\u007f"}`, map[string]api.FieldCode{"name": cc}},
		{"C1 control", `{"name":"a\u0085"}`, map[string]api.FieldCode{"name": cc}},
		{"bidi override", `{"name":"invoice\u202egpj.exe"}`, map[string]api.FieldCode{"name": cc}},
		{"bidi embedding", `{"name":"\u202a"}`, map[string]api.FieldCode{"name": cc}},
		{"bidi isolate", `{"name":"\u2066x\u2069"}`, map[string]api.FieldCode{"name": cc}},
		{"invalid UTF-8", "{\"name\":\"a\xffb\"}", map[string]api.FieldCode{"name": cc}},
		{"lone surrogate", `{"name":"\ud800"}`, map[string]api.FieldCode{"name": cc}},
		{"nested struct", `{"address":{"city":"K\u0000ln"}}`, map[string]api.FieldCode{"address.city": cc}},
		{"pointer to struct", `{"home":{"city":"\u2067"}}`, map[string]api.FieldCode{"home.city": cc}},
		{"slice of structs", `{"emails":[{"value":"a@b.de"},{"value":"x\u0000@b.de"}]}`, map[string]api.FieldCode{"emails[1].value": cc}},
		{"slice of strings", `{"tags":["ok","\u0000"]}`, map[string]api.FieldCode{"tags[1]": cc}},
		{"map value", `{"custom":{"f1":"ok","f2":"\u0000"}}`, map[string]api.FieldCode{"custom.f2": cc}},
		{"map key is not echoed", `{"custom":{"f\u0000":"ok"}}`, map[string]api.FieldCode{"custom": cc}},
		{"long map key is capped", `{"custom":{"` + strings.Repeat("k", 100) + `":"\u0000"}}`,
			map[string]api.FieldCode{"custom." + strings.Repeat("k", 64) + "…": cc}},
		{"any: object", `{"extra":{"a":[1,"\u0000"]}}`, map[string]api.FieldCode{"extra.a[1]": cc}},
		{"any: string", `{"extra":"\u202e"}`, map[string]api.FieldCode{"extra": cc}},
		{"embedded struct", `{"nickname":"\u0000"}`, map[string]api.FieldCode{"nickname": cc}},
		{"untagged field by its Go name", `{"Untagged":"\u0000"}`, map[string]api.FieldCode{"Untagged": cc}},
		{"bytes are not text", `{"raw":"AAA="}`, nil},
		{"time in range", `{"dueAt":"2026-03-01T09:00:00+01:00","doneAt":"1900-01-01T00:00:00Z"}`, nil},
		{"time in year 0000", `{"dueAt":"0000-01-01T00:00:00Z"}`, map[string]api.FieldCode{"dueAt": rng}},
		{"time in year 9999", `{"doneAt":"9999-12-31T23:59:59Z"}`, map[string]api.FieldCode{"doneAt": rng}},
		{"time before 1900", `{"dueAt":"1899-12-31T23:59:59Z"}`, map[string]api.FieldCode{"dueAt": rng}},
		{"time after 2200 in UTC", `{"dueAt":"2200-12-31T23:00:00-02:00"}`, map[string]api.FieldCode{"dueAt": rng}},
		{"day in range", `{"closeDate":"2200-12-31","days":["1900-01-01"]}`, nil},
		{"day in year 0000", `{"closeDate":"0000-01-01"}`, map[string]api.FieldCode{"closeDate": rng}},
		{"day in year 9999, spaced", `{"closeDate":" 9999-12-31 "}`, map[string]api.FieldCode{"closeDate": rng}},
		{"days in a slice", `{"days":["2026-01-01","0001-01-01"]}`, map[string]api.FieldCode{"days[1]": rng}},
		{"a malformed day is the domain's", `{"closeDate":"2026-02-30"}`, nil},
		{"an untagged string is no day", `{"name":"0000-01-01"}`, nil},
		{"control characters win over the range", `{"closeDate":"0000-01-01\u0000"}`, map[string]api.FieldCode{"closeDate": cc}},
		{"every field is named", `{"name":"\u0000","address":{"city":"\u0001"},"dueAt":"0000-01-01T00:00:00Z"}`,
			map[string]api.FieldCode{"name": cc, "address.city": cc, "dueAt": rng}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := fieldsOf(t, decode(t, tc.body))
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("fields %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCheckInputBoundsTheFieldsItLists(t *testing.T) {
	m := map[string]string{}
	for i := range 1000 {
		m[strings.Repeat("k", i%50)+string(rune('a'+i%26))+strings.Repeat("x", i/26)] = "\x00"
	}
	fields := fieldsOf(t, httpx.CheckInput(&m))
	if len(fields) == 0 || len(fields) > 20 {
		t.Fatalf("%d fields listed", len(fields))
	}
	// A bare value (not in a struct) is named "body".
	s := "\x00"
	if f := fieldsOf(t, httpx.CheckInput(&s)); f["body"] != api.FieldControlCharacter {
		t.Fatalf("fields %v", f)
	}
}

func TestTextOK(t *testing.T) {
	for s, want := range map[string]bool{
		"": true, "Müller & Söhne": true, "a\tb\nc\r": true, "\u00a0nbsp": true, "\ufeffbom": true,
		"\x00": false, "\x1f": false, "\x7f": false, "\u0080": false, "\u009f": false, "\u202a": false,
		"\u202e": false, "\u2066": false, "\u2069": false, "\xc3": false, "\ufffd": false,
	} {
		if got := httpx.TextOK(s); got != want {
			t.Errorf("TextOK(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestUnknownFieldNameIsCapped(t *testing.T) {
	name := strings.Repeat("n", 5000)
	err := decode(t, `{"`+name+`":1}`)
	e, ok := httpx.AsError(err)
	if !ok || e.Status != http.StatusBadRequest || e.Code != api.CodeUnknownField {
		t.Fatalf("got %v", err)
	}
	want := strings.Repeat("n", 64) + "…"
	if e.Fields[want] != api.FieldUnknown || len(e.Fields) != 1 || e.Message != "unknown field "+want {
		t.Fatalf("fields %v, message %q", e.Fields, e.Message)
	}
	// A short name is echoed as it is.
	if e, _ := httpx.AsError(decode(t, `{"colour":1}`)); e.Fields["colour"] != api.FieldUnknown {
		t.Fatalf("fields %v", e.Fields)
	}
}

// cutReader yields its text, then fails as net/http does when the connection ends before Content-Length.
type cutReader struct{ s io.Reader }

func (c cutReader) Read(p []byte) (int, error) {
	n, err := c.s.Read(p)
	if errors.Is(err, io.EOF) {
		return n, io.ErrUnexpectedEOF
	}
	return n, err
}

func TestDecodeTellsABodyCutShortFromMalformedJSON(t *testing.T) {
	for _, tc := range []struct {
		name     string
		body     io.Reader
		wantCode api.ErrorCode
	}{
		{"cut short", cutReader{strings.NewReader(`{"name":"An`)}, api.CodeRequestAborted},
		{"cut short after a whole value", cutReader{strings.NewReader(`{"name":"Anna"}`)}, api.CodeRequestAborted},
		{"truncated JSON", strings.NewReader(`{"name":"An`), api.CodeMalformedJSON},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", tc.body)
			var b body
			e, ok := httpx.AsError(httpx.Decode(r, &b))
			if !ok || e.Status != http.StatusBadRequest || e.Code != tc.wantCode {
				t.Fatalf("got %+v, want 400 %s", e, tc.wantCode)
			}
		})
	}
}

func TestHandleAppliesTheInputRulesToTheQuery(t *testing.T) {
	ran := false
	h := httpx.Handle(slog.New(slog.DiscardHandler), func(w http.ResponseWriter, r *http.Request) error {
		ran = true
		return httpx.NoContent(w)
	})
	for _, tc := range []struct {
		query      string
		wantStatus int
		wantFields map[string]api.FieldCode
	}{
		{"", 204, nil},
		{"?q=M%C3%BCller&recordType=person", 204, nil},
		{"?q=a%00b", 422, map[string]api.FieldCode{"q": api.FieldControlCharacter}},
		{"?q=ok&recordType=%E2%80%AEnosrep", 422, map[string]api.FieldCode{"recordType": api.FieldControlCharacter}},
		{"?q=%FF", 422, map[string]api.FieldCode{"q": api.FieldControlCharacter}},
		{"?a%00b=1", 422, map[string]api.FieldCode{"query": api.FieldControlCharacter}},
	} {
		t.Run(tc.query, func(t *testing.T) {
			ran = false
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/x"+tc.query, nil))
			if w.Code != tc.wantStatus || ran != (tc.wantStatus == 204) {
				t.Fatalf("status %d (handler ran: %v), want %d", w.Code, ran, tc.wantStatus)
			}
			if tc.wantFields == nil {
				return
			}
			var env api.ErrorEnvelope
			if err := json.Unmarshal(w.Body.Bytes(), &env); err != nil || !reflect.DeepEqual(env.Error.Fields, tc.wantFields) {
				t.Fatalf("body %s (%v), want fields %v", w.Body, err, tc.wantFields)
			}
		})
	}
}

func TestAClientThatWentAwayIsNoServerError(t *testing.T) {
	info := []slog.Level{slog.LevelInfo}
	for _, tc := range []struct {
		name     string
		cancel   bool
		err      error
		want     int
		wantCode api.ErrorCode
		wantLog  []slog.Level
	}{
		{"database call cancelled", true, fmt.Errorf("person: list: %w", context.Canceled), 400, api.CodeRequestAborted, info},
		{"driver error after the cancel", true, errors.New("pgdriver: canceling statement due to user request"), 400, api.CodeRequestAborted, info},
		{"a 4xx stays what it is", true, httpx.ErrNotFound, 404, api.CodeNotFound, nil},
		{"body cut short", false, httpx.BodyError(io.ErrUnexpectedEOF), 400, api.CodeRequestAborted, info},
		{"the same error without a cancel is internal", false, errors.New("pgdriver: boom"), 500, api.CodeInternal, []slog.Level{slog.LevelError}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logged []slog.Level
			log := slog.New(levelRecorder{&logged})
			ctx, cancel := context.WithCancel(context.Background())
			if tc.cancel {
				cancel()
			}
			defer cancel()
			w := httptest.NewRecorder()
			httpx.WriteError(w, httptest.NewRequest(http.MethodPost, "/", nil).WithContext(ctx), log, tc.err)
			var env api.ErrorEnvelope
			if err := json.Unmarshal(w.Body.Bytes(), &env); err != nil || w.Code != tc.want || env.Error.Code != tc.wantCode {
				t.Fatalf("got %d %s, want %d %s", w.Code, w.Body, tc.want, tc.wantCode)
			}
			if !reflect.DeepEqual(logged, tc.wantLog) {
				t.Fatalf("logged at %v", logged)
			}
		})
	}
}

type levelRecorder struct{ levels *[]slog.Level }

func (l levelRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (l levelRecorder) Handle(_ context.Context, r slog.Record) error {
	*l.levels = append(*l.levels, r.Level)
	return nil
}
func (l levelRecorder) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l levelRecorder) WithGroup(string) slog.Handler      { return l }
