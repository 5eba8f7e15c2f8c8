package document

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/1sales/app/backend/internal/blob"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/shared/api"
)

// The document routes that move file content are streaming routes (httpx.Streaming): the general body limit and
// request timeout do not apply; instead the upload has its own size limit (Options.MaxBytes) and both directions
// have an idle timeout, renewed on the connection as bytes move.

type idleReader struct {
	r io.Reader
	d *httpx.IdleDeadline
}

func (r *idleReader) Read(p []byte) (int, error) {
	r.d.Touch()
	return r.r.Read(p)
}

// UploadHandler handles POST /api/v1/<kind>/{recordID}/documents: the body is the file (Content-Type declared,
// Content-Length required, X-File-Name percent-encoded); 201 with the Document.
func (s *Service) UploadHandler(k record.Kind) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		a, id, err := rest.Target(r, "recordID")
		if err != nil {
			return err
		}
		rc := http.NewResponseController(w)
		// The server's write deadline counts from the request's start; the answer comes after the whole upload.
		_ = rc.SetWriteDeadline(time.Time{})
		defer func() { _ = rc.SetWriteDeadline(time.Now().Add(s.opts.IdleTimeout)) }()
		body := &idleReader{r: http.MaxBytesReader(w, r.Body, s.opts.MaxBytes), d: &httpx.IdleDeadline{Set: rc.SetReadDeadline, Idle: s.opts.IdleTimeout}}
		d, err := s.Upload(r.Context(), a, Upload{Kind: k, RecordID: id, FileName: DecodeFileName(r.Header.Get(api.HeaderFileName)),
			ContentType: r.Header.Get("Content-Type"), Size: r.ContentLength, Body: body})
		if err != nil {
			return err
		}
		return httpx.Versioned(w, http.StatusCreated, d.Version, d.API())
	}
}

// ListHandler handles GET /api/v1/<kind>/{recordID}/documents[?trashed=true].
func (s *Service) ListHandler(k record.Kind) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		a, id, err := rest.Target(r, "recordID")
		if err != nil {
			return err
		}
		trashed := false
		switch r.URL.Query().Get("trashed") {
		case "", "false":
		case "true":
			trashed = true
		default:
			return httpx.FieldError("trashed", api.FieldInvalid)
		}
		docs, err := s.List(r.Context(), a, k, id, trashed)
		if err != nil {
			return err
		}
		out := api.DocumentList{Items: make([]api.Document, len(docs))}
		for i, d := range docs {
			out.Items[i] = d.API()
		}
		return httpx.JSON(w, http.StatusOK, out)
	}
}

// UsageHandler handles GET /api/v1/me/storage.
func (s *Service) UsageHandler(w http.ResponseWriter, r *http.Request) error {
	return rest.Answer(s.Usage).Handler(w, r)
}

// content is a stored object that renews the write deadline as it is read (and so sent).
type content struct {
	blob.Object
	d *httpx.IdleDeadline
}

func (c *content) Read(p []byte) (int, error) {
	c.d.Touch()
	return c.Object.Read(p)
}

// ContentHandler handles GET /api/v1/documents/{documentID}/content: the bytes, streamed, as an attachment with
// the exact file name (RFC 5987), the checked content type, nosniff, the checksum as ETag and Repr-Digest, and
// ranges and conditional requests (If-None-Match) through http.ServeContent.
func (s *Service) ContentHandler(w http.ResponseWriter, r *http.Request) error {
	a, id, err := rest.Target(r, "documentID")
	if err != nil {
		return err
	}
	d, err := s.Get(r.Context(), a, id)
	if err != nil {
		return err
	}
	obj, err := s.store.Open(r.Context(), d.StorageKey)
	if err != nil {
		if errors.Is(err, blob.ErrNotFound) {
			return fmt.Errorf("document: %s is stored without bytes under %s: %w", d.ID, d.StorageKey, err)
		}
		if errors.Is(err, blob.ErrUnavailable) {
			return storeUnavailable(err)
		}
		return err
	}
	defer obj.Close()
	if obj.Size() != d.Size {
		return fmt.Errorf("document: %s has %d bytes in the store, %d recorded", d.ID, obj.Size(), d.Size)
	}
	h := w.Header()
	h.Set("Content-Type", d.ContentType)
	h.Set("Content-Disposition", ContentDisposition(d.FileName))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, no-cache")
	h.Set("ETag", `"`+d.Checksum()+`"`)
	h.Set("Repr-Digest", "sha-256=:"+base64.StdEncoding.EncodeToString(d.SHA256)+":")
	rc := http.NewResponseController(w)
	dl := &httpx.IdleDeadline{Set: rc.SetWriteDeadline, Idle: s.opts.IdleTimeout}
	if conditional(r) {
		http.ServeContent(&rangeErrors{ResponseWriter: w, r: r, log: s.log, size: d.Size}, r, "", d.CreatedAt, &content{Object: obj, d: dl})
		return nil
	}
	// The whole content: in chunks, renewing the write deadline before each; from a file with sendfile.
	h.Set("Content-Length", strconv.FormatInt(d.Size, 10))
	h.Set("Last-Modified", d.CreatedAt.UTC().Format(http.TimeFormat))
	h.Set("Accept-Ranges", "bytes")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return nil
	}
	var src io.Reader = obj
	if f := blob.File(obj); f != nil {
		src = f
	}
	for sent := int64(0); sent < d.Size; {
		dl.Touch()
		n, err := io.CopyN(w, src, min(sendChunk, d.Size-sent))
		sent += n
		if err != nil {
			// The status is out: all that is left is to stop. The client sees a short body.
			s.log.Info("document: download ended early", "document", d.ID, "sent", sent, "err", err)
			return nil
		}
	}
	return nil
}

// rangeErrors answers http.ServeContent's 416 (a Range outside the content, or malformed) with the error envelope
// instead of its plain text, and with Content-Range bytes */<size> also where ServeContent sends none.
type rangeErrors struct {
	http.ResponseWriter
	r        *http.Request
	log      *slog.Logger
	size     int64
	replaced bool
}

func (w *rangeErrors) WriteHeader(code int) {
	if code != http.StatusRequestedRangeNotSatisfiable {
		w.ResponseWriter.WriteHeader(code)
		return
	}
	w.replaced = true
	h := w.Header()
	h.Del("Content-Disposition")
	h.Del("Repr-Digest")
	h.Set("Content-Range", "bytes */"+strconv.FormatInt(w.size, 10))
	httpx.WriteError(w.ResponseWriter, w.r, w.log, httpx.NewError(http.StatusRequestedRangeNotSatisfiable,
		api.CodeDocumentRangeInvalid, "the requested range is not satisfiable"))
}

// Write drops ServeContent's text after a replaced 416.
func (w *rangeErrors) Write(p []byte) (int, error) {
	if w.replaced {
		return len(p), nil
	}
	return w.ResponseWriter.Write(p)
}

// ReadFrom keeps the zero-copy path (sendfile) of ranges.
func (w *rangeErrors) ReadFrom(src io.Reader) (int64, error) {
	if rf, ok := w.ResponseWriter.(io.ReaderFrom); ok && !w.replaced {
		return rf.ReadFrom(src)
	}
	return io.Copy(struct{ io.Writer }{w}, src)
}

func (w *rangeErrors) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// sendChunk is how much is sent between two renewals of the write deadline.
const sendChunk = 8 << 20

// conditional reports requests that http.ServeContent should answer: ranges and conditional requests.
func conditional(r *http.Request) bool {
	for _, h := range []string{"Range", "If-Range", "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since"} {
		if r.Header.Get(h) != "" {
			return true
		}
	}
	return false
}
