package db

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// queryLog logs statements: slow ones as warnings, all of them at debug level, failed ones with their redacted
// error. It logs the statement's shape (Shape), never its values: names, e-mail addresses and street addresses
// are customer data. The request ID comes from the logger's handler, which reads it from the context
// (httpx.LogRequestID).
type queryLog struct {
	log  *slog.Logger
	slow time.Duration
}

func (h *queryLog) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }

func (h *queryLog) AfterQuery(ctx context.Context, e *bun.QueryEvent) {
	took := time.Since(e.StartTime)
	failed := e.Err != nil && !errors.Is(e.Err, sql.ErrNoRows)
	level, msg := slog.LevelDebug, "query"
	switch {
	case took >= h.slow:
		level, msg = slog.LevelWarn, "slow query"
	case failed:
		msg = "query failed"
	}
	if !h.log.Enabled(ctx, level) {
		return
	}
	attrs := []slog.Attr{slog.String("operation", e.Operation()), slog.String("statement", Shape(e.Query)),
		slog.Int64("durationMs", took.Milliseconds())}
	if failed {
		attrs = append(attrs, slog.String("err", Redact(e.Err)))
	}
	h.log.LogAttrs(ctx, level, msg, attrs...)
}

// maxShape bounds a logged statement (a list of thousands of IDs is thousands of placeholders).
const maxShape = 4000

// Shape is query with every literal replaced by ?: strings (and with them UUIDs, dates, arrays, JSON and bytea,
// which bun writes as quoted strings), dollar-quoted strings and numbers. Quoted identifiers and comments stay.
// bun formats every bound value into the statement as such a literal, so what remains is the statement's code.
func Shape(query string) string {
	var b strings.Builder
	b.Grow(min(len(query), maxShape))
	prevIdent := false // the last byte written continues an identifier or keyword (so a digit is part of it)
	for i := 0; i < len(query) && b.Len() < maxShape; {
		c := query[i]
		switch {
		case c == '\'':
			escapes := i > 0 && (query[i-1] == 'E' || query[i-1] == 'e') && (i < 2 || !isIdent(query[i-2]))
			i = skipQuoted(query, i, escapes)
			b.WriteByte('?')
			prevIdent = false
		case c == '"':
			j := skipQuoted(query, i, false)
			b.WriteString(query[i:j])
			i = j
			prevIdent = true
		case c == '-' && strings.HasPrefix(query[i:], "--"):
			j := strings.IndexByte(query[i:], '\n')
			if j < 0 {
				j = len(query) - i
			}
			b.WriteString(query[i : i+j])
			i += j
		case c == '/' && strings.HasPrefix(query[i:], "/*"):
			j := strings.Index(query[i+2:], "*/")
			if j < 0 {
				j = len(query) - i - 4
			}
			b.WriteString(query[i : i+j+4])
			i += j + 4
		case c == '$' && !prevIdent:
			if end, ok := dollarQuoted(query, i); ok {
				b.WriteByte('?')
				i = end
				prevIdent = false
				continue
			}
			b.WriteByte(c)
			i++
			prevIdent = true // $1
		case !prevIdent && (isDigit(c) || c == '.' && i+1 < len(query) && isDigit(query[i+1])):
			i = skipNumber(query, i)
			b.WriteByte('?')
			prevIdent = false
		default:
			b.WriteByte(c)
			i++
			prevIdent = isIdent(c)
		}
	}
	if b.Len() >= maxShape {
		return b.String()[:maxShape] + "…"
	}
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdent(c byte) bool {
	return c == '_' || c == '$' || isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// skipQuoted returns the index after the quoted text that starts at i (a doubled quote is part of it; with escapes,
// so is a backslash-escaped one).
func skipQuoted(s string, i int, escapes bool) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch {
		case escapes && s[j] == '\\':
			j++
		case s[j] == q && j+1 < len(s) && s[j+1] == q:
			j++
		case s[j] == q:
			return j + 1
		}
	}
	return len(s)
}

// dollarQuoted recognises $tag$…$tag$ at i and returns the index after it.
func dollarQuoted(s string, i int) (int, bool) {
	j := i + 1
	for j < len(s) && s[j] != '$' {
		if !isIdent(s[j]) || isDigit(s[j]) && j == i+1 {
			return 0, false
		}
		j++
	}
	if j >= len(s) {
		return 0, false
	}
	tag := s[i : j+1]
	end := strings.Index(s[j+1:], tag)
	if end < 0 {
		return len(s), true
	}
	return j + 1 + end + len(tag), true
}

// skipNumber returns the index after the numeric literal at i (digits, a fraction, an exponent).
func skipNumber(s string, i int) int {
	j := i
	for j < len(s) && (isDigit(s[j]) || s[j] == '.') {
		j++
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		k := j + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if k < len(s) && isDigit(s[k]) {
			j = k
			for j < len(s) && isDigit(s[j]) {
				j++
			}
		}
	}
	return j
}
