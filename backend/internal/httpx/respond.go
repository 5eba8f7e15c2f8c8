package httpx

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/shared/api"
)

// HandlerFunc is an http.HandlerFunc that returns an error; Handle writes it as the envelope.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Handle adapts h to net/http: the one place where errors become responses and 5xx are logged. The query
// parameters obey the input rules (input.go) before h runs.
func Handle(log *slog.Logger, h HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := CheckQuery(r)
		if err == nil {
			err = h(w, r)
		}
		if err != nil {
			WriteError(w, r, log, err)
		}
	})
}

// WriteError writes err as the error envelope. Errors that are not *Error are internal: logged, and answered
// with a generic 500 that reveals nothing; except database errors that say the database is unreachable or a
// statement took too long, which are 503 with Retry-After (the client may retry; see db.Unavailable and
// db.TimedOut). A logged error is redacted (db.Redact): no value of a statement reaches the log. A request whose
// client went away (its context cancelled: the connection closed, even half) fails for that reason, whatever the
// error says: logged at info as "client gone" and answered 400 request.aborted, which a client still listening
// may read.
func WriteError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	e, ok := AsError(err)
	if errors.Is(r.Context().Err(), context.Canceled) && (!ok || e.Status >= 500) {
		e, ok = NewError(http.StatusBadRequest, api.CodeRequestAborted, "the client went away"), true
	}
	if ok && e.Code == api.CodeRequestAborted {
		logError(r, log, slog.LevelInfo, "client gone", err)
	}
	if !ok {
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &mbe):
			e = NewError(http.StatusRequestEntityTooLarge, api.CodeBodyTooLarge, "request body too large")
		case errors.Is(err, context.DeadlineExceeded), errors.Is(r.Context().Err(), context.DeadlineExceeded), db.TimedOut(err):
			logError(r, log, slog.LevelWarn, "request timed out", err)
			e = NewError(http.StatusServiceUnavailable, api.CodeTimeout, "the request took too long")
			e.Header = http.Header{"Retry-After": {retryAfter}}
		case db.Unavailable(err):
			logError(r, log, slog.LevelWarn, "database unavailable", err)
			e = Unavailable("the database is unavailable")
		default:
			logError(r, log, slog.LevelError, "request failed", err)
			e = NewError(http.StatusInternalServerError, api.CodeInternal, "internal error")
		}
	} else if e.Status == http.StatusServiceUnavailable {
		// An outage or overload the service answered as such (e.g. auth.busy): a warning, not an error per request.
		logError(r, log, slog.LevelWarn, "service unavailable", err)
	} else if e.Status >= 500 {
		logError(r, log, slog.LevelError, "request failed", err)
	}
	for k, vs := range e.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	JSON(w, e.Status, api.ErrorEnvelope{Error: api.Error{
		Code: e.Code, Message: e.Message, Fields: e.Fields, RequestID: RequestID(r.Context()),
	}})
}

// retryAfter is the Retry-After of a 503 (seconds).
const retryAfter = "5"

// Unavailable is a 503 service.unavailable with Retry-After.
func Unavailable(message string) *Error {
	e := NewError(http.StatusServiceUnavailable, api.CodeUnavailable, message)
	e.Header = http.Header{"Retry-After": {retryAfter}}
	return e
}

func logError(r *http.Request, log *slog.Logger, level slog.Level, msg string, err error) {
	log.Log(r.Context(), level, msg, "err", db.Redact(err), "method", r.Method, "path", LogPath(r.URL.Path),
		"requestId", RequestID(r.Context()))
}

// SecretPathPrefix starts the paths whose rest is a credential: a personal calendar feed's URL
// (/ics/<token>.ics) is its own authentication, as calendars cannot send a header.
const SecretPathPrefix = "/ics/"

// LogPath is a request's path as logs show it: the credential of a path below SecretPathPrefix is cut.
func LogPath(p string) string {
	if strings.HasPrefix(p, SecretPathPrefix) && len(p) > len(SecretPathPrefix) {
		return SecretPathPrefix + "…"
	}
	return p
}

// JSON writes v with status.
func JSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(v)
}

// NoContent answers 204.
func NoContent(w http.ResponseWriter) error {
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// SetETag sets the ETag of a versioned record.
func SetETag(w http.ResponseWriter, version int64) {
	w.Header().Set("ETag", `"`+strconv.FormatInt(version, 10)+`"`)
}

// Versioned writes a versioned record with its ETag.
func Versioned(w http.ResponseWriter, status int, version int64, v any) error {
	SetETag(w, version)
	return JSON(w, status, v)
}

// IfMatch reads the version a PATCH or DELETE is based on. A missing header is 428, a malformed one 412: a
// client must never change a record without saying which version it saw.
func IfMatch(r *http.Request) (int64, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" {
		return 0, ErrIfMatchRequired
	}
	h = strings.TrimPrefix(h, "W/")
	v, err := strconv.ParseInt(strings.Trim(h, `"`), 10, 64)
	if err != nil || v < 1 {
		return 0, ErrVersionMismatch
	}
	return v, nil
}
