package db

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// Column is a column a bulk insert writes: its name, its SQL type and a row's value as text (nil: NULL).
type Column[T any] struct {
	Name, Type string
	Value      func(T) *string
}

// Text is s as a column value.
func Text(s string) *string { return &s }

// InsertAll inserts rows into table in one statement: an array of text values per column, unnested and cast,
// which costs a fraction of a row of parameters each (a lead delivery, an import's batch). returning, when not
// "", names the columns to read back into dest (rows in the order of the statement's output, which for an
// INSERT … SELECT unnest is not promised: match them by a column, such as an ID the caller chose).
func InsertAll[T any](ctx context.Context, tx bun.IDB, table string, cols []Column[T], rows []T, returning string, dest any) error {
	if len(rows) == 0 {
		return nil
	}
	names := make([]string, len(cols))
	casts := make([]string, len(cols))
	args := make([]any, len(cols))
	for i, c := range cols {
		values := make([]*string, len(rows))
		for j, r := range rows {
			values[j] = c.Value(r)
		}
		names[i], casts[i], args[i] = c.Name, "n."+c.Name+"::"+c.Type, pgdialect.Array(values)
	}
	list := strings.Join(names, ", ")
	q := "INSERT INTO " + table + " (" + list + ") SELECT " + strings.Join(casts, ", ") +
		" FROM unnest(" + strings.TrimSuffix(strings.Repeat("?::text[], ", len(names)), ", ") + ") AS n (" + list + ")"
	if returning == "" {
		if _, err := tx.NewRaw(q, args...).Exec(ctx); err != nil {
			return fmt.Errorf("db: insert %d rows into %s: %w", len(rows), table, err)
		}
		return nil
	}
	if err := tx.NewRaw(q+" RETURNING "+returning, args...).Scan(ctx, dest); err != nil {
		return fmt.Errorf("db: insert %d rows into %s: %w", len(rows), table, err)
	}
	return nil
}

// JSON is v as JSON text, as a column value (for values that always encode: strings, maps and slices of them).
func JSON(v any) *string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("db: JSON of a value that does not encode: " + err.Error())
	}
	return Text(string(b))
}

// TextArray is ss as a PostgreSQL array literal of texts, as a column value of type text[].
func TextArray(ss []string) *string {
	var b strings.Builder
	b.WriteByte('{')
	for i, s := range ss {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.WriteString(strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return Text(b.String())
}
