package listquery

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// The pieces every keyset-paged list shares, the record lists (Compile) and the activities (package activity)
// alike: the page size, the cursor and the calendar-day bounds of its filters.

// PageLimit is the size of a page a query asks for: def when it asks for none (0), else 1 to max; any other
// number is the field limit's invalid.
func PageLimit(v *httpx.Validation, limit, def, max int) int {
	switch {
	case limit == 0:
		return def
	case limit < 1 || limit > max:
		v.Field("limit", api.FieldInvalid)
	}
	return limit
}

// A Cursor is where a keyset page continues: the sort values of the last row of the page before, and its ID.
// It travels as opaque text (EncodeCursor); C is a struct with JSON tags.
type Cursor interface {
	RowID() uuid.UUID
}

// EncodeCursor makes the text of a cursor.
func EncodeCursor(c Cursor) string {
	raw, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(raw)
}

// DecodeCursor reads the text of a cursor ("": none, nil). Text that is no cursor of this list, or one without a
// row ID, is the field cursor's invalid.
func DecodeCursor[C Cursor](v *httpx.Validation, text string) *C {
	if text == "" {
		return nil
	}
	var c C
	raw, err := base64.RawURLEncoding.DecodeString(text)
	if err != nil || json.Unmarshal(raw, &c) != nil || c.RowID() == uuid.Nil {
		v.Field("cursor", api.FieldInvalid)
		return nil
	}
	return &c
}

// NextPage cuts rows (a page selected with one row more than limit, to know whether another follows) to the page,
// with the cursor after its last row, or "" when it is the last page.
func NextPage[T any](rows []T, limit int, after func(T) string) ([]T, string) {
	if len(rows) <= limit {
		return rows, ""
	}
	rows = rows[:limit]
	return rows, after(rows[len(rows)-1])
}

// A Bound is a condition on a timestamp column: column op at (op ">=" or "<").
type Bound struct {
	Column, Op string
	At         time.Time
}

// Apply adds the bound to q, the column in terms of alias.
func (b Bound) Apply(q bun.QueryBuilder, alias string) bun.QueryBuilder {
	return q.Where("? "+b.Op+" ?", bun.Ident(alias+"."+b.Column), b.At)
}

// Between is the bound of the calendar days from (inclusive, from its midnight on) up to (exclusive) to.
func Between(column string, from, to time.Time) []Bound {
	return []Bound{{Column: column, Op: ">=", At: from}, {Column: column, Op: "<", At: to}}
}

// DayBound is the bound of a filter by calendar day (YYYY-MM-DD, Europe/Berlin) on a timestamp column: a field
// whose name ends in "To" takes the day whole (up to the next midnight), any other starts at the day's midnight.
// A day that is no date is the field's invalid (ok false).
func DayBound(v *httpx.Validation, field, day, column string) (Bound, bool) {
	d, err := time.ParseInLocation("2006-01-02", day, berlin)
	if err != nil {
		v.Field(field, api.FieldInvalid)
		return Bound{}, false
	}
	if strings.HasSuffix(field, "To") {
		return Bound{Column: column, Op: "<", At: d.AddDate(0, 0, 1)}, true
	}
	return Bound{Column: column, Op: ">=", At: d}, true
}
