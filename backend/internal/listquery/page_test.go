package listquery

import (
	"encoding/base64"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// fieldCode is the code validation gave field ("" for none).
func fieldCode(t *testing.T, v *httpx.Validation, field string) api.FieldCode {
	t.Helper()
	e, ok := httpx.AsError(v.Err())
	if !ok {
		return ""
	}
	return e.Fields[field]
}

func TestPageLimitTakesTheDefaultOrABoundedSize(t *testing.T) {
	for _, tc := range []struct {
		limit, want int
		invalid     bool
	}{{0, 50, false}, {1, 1, false}, {200, 200, false}, {201, 0, true}, {-1, 0, true}} {
		var v httpx.Validation
		got := PageLimit(&v, tc.limit, 50, 200)
		if code := fieldCode(t, &v, "limit"); (code == api.FieldInvalid) != tc.invalid || !tc.invalid && got != tc.want {
			t.Errorf("PageLimit(%d) = %d, limit: %q", tc.limit, got, code)
		}
	}
}

func TestACursorComesBackAsItWentOut(t *testing.T) {
	id := uuid.New()
	var v httpx.Validation
	if c := DecodeCursor[cursor](&v, EncodeCursor(cursor{V: "Müller", ID: id})); c == nil || c.V != "Müller" || c.ID != id || v.Err() != nil {
		t.Fatalf("round trip: %+v %v", c, v.Err())
	}
	if c := DecodeCursor[cursor](&v, ""); c != nil || v.Err() != nil {
		t.Fatalf("no cursor: %+v %v", c, v.Err())
	}
	for _, text := range []string{"%%%", base64.RawURLEncoding.EncodeToString([]byte("[1]")),
		EncodeCursor(cursor{V: "x"})} { // not base64, not the cursor's JSON, no row
		var v httpx.Validation
		if c := DecodeCursor[cursor](&v, text); c != nil || fieldCode(t, &v, "cursor") != api.FieldInvalid {
			t.Errorf("%q: %+v, cursor: %q", text, c, fieldCode(t, &v, "cursor"))
		}
	}
}

func TestDayBoundsTakeWholeDaysInBerlin(t *testing.T) {
	day := time.Date(2026, 3, 29, 0, 0, 0, 0, berlin) // the day clocks go forward: 23 hours
	for _, tc := range []struct {
		field string
		want  Bound
	}{
		{"createdFrom", Bound{Column: "created_at", Op: ">=", At: day}},
		{"createdTo", Bound{Column: "created_at", Op: "<", At: day.AddDate(0, 0, 1)}},
	} {
		var v httpx.Validation
		b, ok := DayBound(&v, tc.field, "2026-03-29", "created_at")
		if !ok || b.Column != tc.want.Column || b.Op != tc.want.Op || !b.At.Equal(tc.want.At) {
			t.Errorf("%s: %+v %v, want %+v", tc.field, b, ok, tc.want)
		}
	}
	if got := day.AddDate(0, 0, 1).Sub(day); got != 23*time.Hour {
		t.Fatalf("the test day has %v", got)
	}
	var v httpx.Validation
	if _, ok := DayBound(&v, "dueTo", "2026-02-30", "due_at"); ok || fieldCode(t, &v, "dueTo") != api.FieldInvalid {
		t.Fatalf("an impossible day: ok=%v %v", ok, v.Err())
	}
}

func TestNextPageCutsTheExtraRowAndPointsAfterTheLast(t *testing.T) {
	after := func(n int) string { return string(rune('a' + n)) }
	for _, tc := range []struct {
		rows []int
		want int
		next string
	}{{nil, 0, ""}, {[]int{0, 1}, 2, ""}, {[]int{0, 1, 2}, 2, "b"}} {
		rows, next := NextPage(tc.rows, 2, after)
		if len(rows) != tc.want || next != tc.next {
			t.Errorf("%v: %v %q", tc.rows, rows, next)
		}
	}
}
