package httpx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"time"
)

type ctxKey int

const requestIDKey ctxKey = iota

// RequestID returns the request's ID ("" outside a request).
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// WithRequestID takes a sane X-Request-ID from the caller (a load balancer) or makes one, and echoes it.
func WithRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if !validRequestID.MatchString(id) {
			var b [12]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-ID", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey, id)))
	})
}

// LogRequestID wraps a log handler so that every record logged with a request's context carries its request ID
// (requestId), also those of packages that know nothing of HTTP, such as the database's query log.
func LogRequestID(h slog.Handler) slog.Handler { return requestIDHandler{h} }

type requestIDHandler struct{ slog.Handler }

func (h requestIDHandler) Handle(ctx context.Context, r slog.Record) error {
	if id := RequestID(ctx); id != "" {
		has := false
		r.Attrs(func(a slog.Attr) bool {
			has = a.Key == "requestId"
			return !has
		})
		if !has {
			r.AddAttrs(slog.String("requestId", id))
		}
	}
	return h.Handler.Handle(ctx, r)
}

func (h requestIDHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return requestIDHandler{h.Handler.WithAttrs(attrs)}
}

func (h requestIDHandler) WithGroup(name string) slog.Handler {
	return requestIDHandler{h.Handler.WithGroup(name)}
}

// WithNoStore marks every answer Cache-Control: no-store: answers are per user and change with every write, and a
// proxy or a client cache must keep no copy of a customer's data. A handler may still set its own.
func WithNoStore(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// statusRecorder remembers the status for the access log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// ReadFrom keeps the server's zero-copy path (sendfile) for bodies copied from files.
func (s *statusRecorder) ReadFrom(r io.Reader) (int64, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	if rf, ok := s.ResponseWriter.(io.ReaderFrom); ok {
		return rf.ReadFrom(r)
	}
	return io.Copy(struct{ io.Writer }{s.ResponseWriter}, r)
}

// Observer is told of every finished request: its status and how long it took (the metrics).
type Observer func(r *http.Request, status int, took time.Duration)

// WithLogAndRecover logs every request, tells observe (nil: nobody) and turns a panic into a logged 500 envelope.
// The log line carries how the client reached the server (proto, PeerOf), never its address.
func WithLogAndRecover(log *slog.Logger, observe Observer, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				WriteError(rec, r, log, fmt.Errorf("panic: %v\n%s", p, debug.Stack()))
			}
			took := time.Since(start)
			log.InfoContext(r.Context(), "request", "method", r.Method, "path", LogPath(r.URL.Path), "status", rec.status,
				"durationMs", took.Milliseconds(), "proto", PeerOf(r).Proto, "requestId", RequestID(r.Context()))
			if observe != nil {
				observe(r, rec.status, took)
			}
		}()
		next.ServeHTTP(rec, r)
	})
}

// WithBodyLimit caps request bodies; reading past the cap fails with *http.MaxBytesError (413 envelope).
func WithBodyLimit(log *slog.Logger, limit int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > limit {
			WriteError(w, r, log, &http.MaxBytesError{Limit: limit})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

// streaming marks a handler that moves large bodies (file uploads and downloads): it enforces its own size limit
// and idle timeouts, so WithBodyLimit and WithTimeout must not wrap it.
type streaming struct{ http.Handler }

// Streaming marks h as a streaming handler.
func Streaming(h http.Handler) http.Handler { return streaming{h} }

// IsStreaming reports whether h was marked by Streaming.
func IsStreaming(h http.Handler) bool {
	_, ok := h.(streaming)
	return ok
}

// WithTimeout bounds the time a handler may take; the context is cancelled when it runs out so database calls
// stop too.
func WithTimeout(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
