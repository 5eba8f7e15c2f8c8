package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/1sales/app/shared/api"
)

// DefaultTransferIdleTimeout ends an upload or download that moved no byte for this long.
const DefaultTransferIdleTimeout = time.Minute

// ContentTypeOf guesses a file's media type from its extension (the server checks it against the content);
// unknown extensions are sent as application/octet-stream, for which the server takes the type it detects.
func ContentTypeOf(path string) string {
	if t := mime.TypeByExtension(strings.ToLower(filepath.Ext(path))); t != "" {
		if essence, _, err := mime.ParseMediaType(t); err == nil {
			return essence
		}
	}
	return "application/octet-stream"
}

// UploadDocument streams the file at path to a record: never more than a small buffer of it in memory, with
// Content-Length (the server reserves the quota from it) and Expect: 100-continue, so that a refusal (quota, size,
// permission) arrives before the bytes are sent. It is not repeated on a network error (the server releases a
// broken upload by itself); after a 401 it is sent once more with the renewed token, reading the file anew.
func (c *Client) UploadDocument(ctx context.Context, recordType api.RecordType, recordID, path string) (api.Document, error) {
	route := RecordPath(recordType, recordID, "documents")
	if route.err != nil {
		return api.Document{}, route.err
	}
	if _, err := regularFile(path); err != nil {
		return api.Document{}, err
	}
	return upload[api.Document](ctx, c, path, route.path,
		map[string]string{"Content-Type": ContentTypeOf(path), api.HeaderFileName: url.PathEscape(filepath.Base(path))})
}

// regularFile is the file at path, or the error that it cannot be read (422 file.unreadable, fields{"path"}).
func regularFile(path string) (os.FileInfo, error) {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		if err == nil {
			err = errors.New("not a regular file")
		}
		return nil, &APIError{Code: api.CodeFileUnreadable, Message: fmt.Sprintf("%s: %v", path, err),
			Fields: map[string]api.FieldCode{"path": api.FieldUnreadable}}
	}
	return fi, nil
}

// upload streams the file at path to POST route (with header and Expect: 100-continue) and reads the answer into a
// T: the file is opened anew for every attempt (stream).
func upload[T any](ctx context.Context, c *Client, path, route string, header map[string]string) (T, error) {
	header["Expect"] = "100-continue"
	var out T
	err := c.stream(ctx, streamCall{
		method: http.MethodPost, path: route, header: header,
		body: func() (io.ReadCloser, int64, error) {
			f, err := os.Open(path)
			if err != nil {
				return nil, 0, err
			}
			st, err := f.Stat()
			if err != nil {
				f.Close()
				return nil, 0, err
			}
			return f, st.Size(), nil
		},
		result: &out,
	})
	return out, err
}

// Downloaded describes a document written to disk.
type Downloaded struct {
	Path   string
	Size   int64
	SHA256 string
}

// DownloadDocument streams a document's content into dest: into a temporary file beside it first, checked
// against the checksum the server sends as ETag, synced, then renamed to dest, so that dest is never a partial
// or corrupt file.
func (c *Client) DownloadDocument(ctx context.Context, id, dest string) (Downloaded, error) {
	var out Downloaded
	err := c.stream(ctx, streamCall{method: http.MethodGet, path: Path("documents", id, "content").path,
		sink: func(resp *http.Response, body io.Reader) error {
			d, err := writeChecked(body, dest, strings.Trim(strings.TrimPrefix(resp.Header.Get("ETag"), "W/"), `"`))
			out = d
			return err
		}})
	return out, err
}

func writeChecked(body io.Reader, dest, wantSHA string) (Downloaded, error) {
	h := sha256.New()
	var sum string
	d, err := writeFile(io.TeeReader(body, h), dest, func() error {
		sum = hex.EncodeToString(h.Sum(nil))
		if len(wantSHA) == 64 && !strings.EqualFold(wantSHA, sum) {
			return &APIError{Code: api.CodeDocumentChecksumMismatch, Message: fmt.Sprintf("received %s, the server announced %s", sum, wantSHA)}
		}
		return nil
	})
	d.SHA256 = sum
	return d, err
}

// writeFile writes body into dest through a temporary file beside it, which becomes dest only when the whole body
// arrived and complete (a check of what arrived) agrees, synced: dest is never a partial file.
func writeFile(body io.Reader, dest string, complete func() error) (Downloaded, error) {
	unwritable := func(err error) error {
		return &APIError{Code: api.CodeFileUnwritable, Message: fmt.Sprintf("%s: %v", dest, err), Fields: map[string]api.FieldCode{"path": api.FieldUnwritable}}
	}
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Downloaded{}, unwritable(err)
	}
	f, err := os.CreateTemp(dir, ".1sales-download-*")
	if err != nil {
		return Downloaded{}, unwritable(err)
	}
	done := false
	defer func() {
		if !done {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	buf := make([]byte, 256<<10)
	n, err := io.CopyBuffer(writerOnly{f}, body, buf)
	if err != nil {
		var ae *APIError
		if errors.As(err, &ae) {
			return Downloaded{}, err
		}
		if errors.Is(err, errReadBody) {
			return Downloaded{}, networkError(err)
		}
		return Downloaded{}, unwritable(err)
	}
	if err := complete(); err != nil {
		return Downloaded{}, err
	}
	if err := f.Sync(); err != nil {
		return Downloaded{}, unwritable(err)
	}
	if err := f.Close(); err != nil {
		return Downloaded{}, unwritable(err)
	}
	if err := os.Rename(f.Name(), dest); err != nil {
		return Downloaded{}, unwritable(err)
	}
	done = true
	return Downloaded{Path: dest, Size: n}, nil
}

// writerOnly hides *os.File's ReadFrom, so that the copy reads through the body's reader chain (hash, counter).
type writerOnly struct{ io.Writer }

// streamCall is a request whose body or answer is a file.
type streamCall struct {
	method, path string // path escaped (see Path)
	header       map[string]string
	// body opens the request body for one attempt, with its length.
	body func() (io.ReadCloser, int64, error)
	// result receives a 2xx JSON answer.
	result any
	// sink receives a 2xx answer's body as a stream.
	sink func(resp *http.Response, body io.Reader) error
	// idle ends the request when no byte moved for this long; 0: Options.TransferIdleTimeout.
	idle time.Duration
}

type contentLengthKey struct{}

// errReadBody marks failures to read the answer's body (network), as opposed to writing it.
var errReadBody = errors.New("reading the answer")

// newStreamClient is a resty client for transfers: same server, transport and error envelope as the main one,
// but no overall timeout (a large file on a slow line takes long; the idle watchdog ends a stalled one) and no
// automatic retries.
func newStreamClient(opts Options) *resty.Client {
	rc := newResty(opts).
		SetLogger(restyLogger{opts.Logger}).
		// resty passes an io.Reader body to net/http without a length (it would read it into memory to learn it):
		// set the length the call announces, so the upload goes with Content-Length, not chunked.
		SetPreRequestHook(func(_ *resty.Client, r *http.Request) error {
			if n, ok := r.Context().Value(contentLengthKey{}).(int64); ok {
				r.ContentLength = n
				if n == 0 {
					r.Body = http.NoBody
				}
			}
			return nil
		})
	if opts.Transport != nil {
		rc.SetTransport(opts.Transport)
	}
	return rc
}

// stream runs a transfer: one attempt, and one more with a renewed token after a 401.
func (c *Client) stream(ctx context.Context, sc streamCall) error {
	for refreshed := false; ; refreshed = true {
		token := c.accessToken()
		status, err := c.streamOnce(ctx, sc, token)
		if status == http.StatusUnauthorized && !refreshed {
			if rerr := c.refreshAfter(ctx, token); rerr != nil {
				return rerr
			}
			continue
		}
		return err
	}
}

func (c *Client) streamOnce(ctx context.Context, sc streamCall, token string) (int, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	idle := sc.idle
	if idle <= 0 {
		idle = c.opts.TransferIdleTimeout
	}
	stalled := &APIError{Code: api.CodeTransferStalled, Message: "no data moved for " + idle.String()}
	dog := newWatchdog(idle, func() { cancel(errStalled) })
	defer dog.stop()

	req := c.streamRC.R().SetHeaders(sc.header)
	if token != "" {
		req.SetAuthToken(token)
	}
	if sc.body != nil {
		rc, size, err := sc.body()
		if err != nil {
			return 0, &APIError{Code: api.CodeFileUnreadable, Message: err.Error(), Fields: map[string]api.FieldCode{"path": api.FieldUnreadable}}
		}
		defer rc.Close()
		ctx = context.WithValue(ctx, contentLengthKey{}, size)
		req.SetBody(&watchedReader{r: rc, dog: dog})
	}
	if sc.sink != nil {
		req.SetDoNotParseResponse(true)
	} else if sc.result != nil {
		req.SetResult(sc.result)
	}
	req.SetContext(ctx)
	dog.feed()
	resp, err := req.Execute(sc.method, sc.path)
	if err != nil && (resp == nil || resp.RawResponse == nil) {
		if errors.Is(context.Cause(ctx), errStalled) {
			return 0, stalled
		}
		c.log.Warn("api: transfer failed", "method", sc.method, "path", sc.path, "err", err)
		return 0, networkError(err)
	}
	status := resp.StatusCode()
	if sc.sink == nil {
		if resp.IsError() {
			env, _ := resp.Error().(*api.ErrorEnvelope)
			return status, fromEnvelope(status, env)
		}
		if err != nil {
			return status, &APIError{Status: status, Code: api.CodeInternal, Message: "decode answer: " + err.Error()}
		}
		return status, nil
	}
	raw := resp.RawBody()
	defer raw.Close()
	if status >= 400 {
		var env api.ErrorEnvelope
		b, _ := io.ReadAll(io.LimitReader(raw, 64<<10))
		if json.Unmarshal(b, &env) != nil {
			return status, fromEnvelope(status, nil)
		}
		return status, fromEnvelope(status, &env)
	}
	err = sc.sink(resp.RawResponse, &watchedReader{r: raw, dog: dog, mark: errReadBody})
	if err != nil && errors.Is(context.Cause(ctx), errStalled) {
		return status, stalled
	}
	return status, err
}

var errStalled = errors.New("transfer stalled")

// watchdog calls fire when feed was not called for idle.
type watchdog struct {
	t    *time.Timer
	idle time.Duration
	mu   sync.Mutex
	last time.Time
}

func newWatchdog(idle time.Duration, fire func()) *watchdog {
	w := &watchdog{idle: idle, last: time.Now()}
	w.t = time.AfterFunc(idle, func() {
		w.mu.Lock()
		since := time.Since(w.last)
		w.mu.Unlock()
		if since >= w.idle {
			fire()
			return
		}
		w.t.Reset(w.idle - since)
	})
	return w
}

func (w *watchdog) feed() {
	w.mu.Lock()
	w.last = time.Now()
	w.mu.Unlock()
}

func (w *watchdog) stop() { w.t.Stop() }

// watchedReader feeds the watchdog on every read and marks its errors.
type watchedReader struct {
	r    io.Reader
	dog  *watchdog
	mark error
}

func (r *watchedReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if n > 0 {
		r.dog.feed()
	}
	if err != nil && !errors.Is(err, io.EOF) && r.mark != nil {
		err = fmt.Errorf("%w: %w", r.mark, err)
	}
	return n, err
}
