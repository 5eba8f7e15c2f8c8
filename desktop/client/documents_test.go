package client_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// fileServer is a stand-in backend for transfers: it signs in, takes uploads the way the real one does (reading
// the body as a stream and checking it against Content-Length) and serves content with its checksum as ETag.
type fileServer struct {
	*httptest.Server
	mu       sync.Mutex
	uploads  []received
	content  []byte
	etag     string // overrides the checksum when set
	cutAfter int    // closes the connection after so many body bytes when > 0
	expired  bool   // the next authenticated request gets 401
	logins   int
}

type received struct {
	header        http.Header
	contentLength int64
	chunked       bool
	name          string
	sha256        string
	size          int
	token         string
}

func newFileServer(t *testing.T) *fileServer {
	fs := &fileServer{}
	fs.Server = httptest.NewServer(http.HandlerFunc(fs.serve))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *fileServer) serve(w http.ResponseWriter, r *http.Request) {
	fs.mu.Lock()
	switch r.URL.Path {
	case "/api/v1/auth/login", "/api/v1/auth/refresh":
		fs.logins++
		s := session(fs.logins)
		fs.mu.Unlock()
		writeJSON(w, 200, s)
		return
	}
	if fs.expired {
		fs.expired = false
		fs.mu.Unlock()
		writeErr(w, 401, api.CodeUnauthenticated, nil)
		return
	}
	fs.mu.Unlock()
	switch {
	case r.Method == "POST":
		name, _ := url.PathUnescape(r.Header.Get(api.HeaderFileName))
		h := sha256.New()
		n, err := io.Copy(h, r.Body)
		if err != nil || n != r.ContentLength {
			writeErr(w, 400, api.CodeDocumentIncomplete, nil)
			return
		}
		rec := received{header: r.Header.Clone(), contentLength: r.ContentLength, chunked: len(r.TransferEncoding) > 0,
			name: name, sha256: hex.EncodeToString(h.Sum(nil)), size: int(n), token: r.Header.Get("Authorization")}
		fs.mu.Lock()
		fs.uploads = append(fs.uploads, rec)
		fs.mu.Unlock()
		writeJSON(w, 201, api.Document{ID: "d1", FileName: name, Size: n, SHA256: rec.sha256, Version: 1})
	case r.URL.Path == "/api/v1/documents/d1/content":
		sum := sha256.Sum256(fs.content)
		etag := hex.EncodeToString(sum[:])
		if fs.etag != "" {
			etag = fs.etag
		}
		w.Header().Set("ETag", `"`+etag+`"`)
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Length", strconv.Itoa(len(fs.content)))
		if fs.cutAfter > 0 {
			_, _ = w.Write(fs.content[:fs.cutAfter])
			w.(http.Flusher).Flush()
			conn, _, _ := http.NewResponseController(w).Hijack()
			conn.Close()
			return
		}
		_, _ = w.Write(fs.content)
	default:
		writeErr(w, 404, api.CodeNotFound, nil)
	}
}

func signedInClient(t *testing.T, fs *fileServer) *client.Client {
	c := client.New(client.Options{ServerURL: fs.URL, RetryWait: time.Millisecond})
	if _, err := c.Login(context.Background(), api.LoginRequest{Email: "claudia.becker@nordlicht.example", Password: "pw"}); err != nil {
		t.Fatal(err)
	}
	return c
}

func randomFile(t *testing.T, dir, name string, n int) ([]byte, string) {
	t.Helper()
	b := make([]byte, n)
	_, _ = rand.Read(b)
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return b, p
}

func TestUploadStreamsTheFileWithItsLengthNameAndType(t *testing.T) {
	fs := newFileServer(t)
	c := signedInClient(t, fs)
	content, path := randomFile(t, t.TempDir(), "Angebot Müller & Söhne.pdf", 5<<20)

	d, err := c.UploadDocument(context.Background(), api.RecordDeal, "r1", path)
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	sum := sha256.Sum256(content)
	if len(fs.uploads) != 1 {
		t.Fatalf("%d uploads", len(fs.uploads))
	}
	u := fs.uploads[0]
	if u.chunked || u.contentLength != int64(len(content)) || u.size != len(content) || u.sha256 != hex.EncodeToString(sum[:]) {
		t.Fatalf("received %+v (want %d bytes with Content-Length)", u, len(content))
	}
	if u.name != "Angebot Müller & Söhne.pdf" || u.header.Get(api.HeaderFileName) != "Angebot%20M%C3%BCller%20&%20S%C3%B6hne.pdf" {
		t.Fatalf("file name %q (header %q)", u.name, u.header.Get(api.HeaderFileName))
	}
	if ct := u.header.Get("Content-Type"); ct != "application/pdf" {
		t.Fatalf("Content-Type %q", ct)
	}
	if u.header.Get("Expect") != "100-continue" || u.header.Get("Idempotency-Key") != "" {
		t.Fatalf("headers %v", u.header)
	}
	if d.FileName != u.name || d.SHA256 != u.sha256 {
		t.Fatalf("answer %+v", d)
	}
}

func TestUploadAfterAnExpiredTokenIsSentAgainWhole(t *testing.T) {
	fs := newFileServer(t)
	c := signedInClient(t, fs)
	content, path := randomFile(t, t.TempDir(), "notiz.txt", 300<<10)
	fs.expired = true
	if _, err := c.UploadDocument(context.Background(), api.RecordPerson, "p1", path); err != nil {
		t.Fatalf("upload: %v", err)
	}
	if len(fs.uploads) != 1 || fs.uploads[0].size != len(content) || fs.uploads[0].token != "Bearer access-2" {
		t.Fatalf("uploads %+v", fs.uploads)
	}
}

func TestUploadRefusalsArriveAsAPIErrors(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.Path == "/api/v1/auth/login" {
			writeJSON(w, 200, session(1))
			return
		}
		writeErr(w, 413, api.CodeQuotaExceeded, map[string]api.FieldCode{"file": api.FieldQuota})
	})
	c := newClient(s, client.Options{})
	signIn(t, c)
	_, path := randomFile(t, t.TempDir(), "gross.bin", 64<<10)
	_, err := c.UploadDocument(context.Background(), api.RecordLead, "l1", path)
	ae, ok := client.AsAPIError(err)
	if !ok || ae.Status != 413 || ae.Code != api.CodeQuotaExceeded || ae.Fields["file"] != api.FieldQuota {
		t.Fatalf("err = %v", err)
	}
	// A file that is not there is refused before any request.
	before := len(s.requests())
	_, err = c.UploadDocument(context.Background(), api.RecordLead, "l1", filepath.Join(t.TempDir(), "fehlt.pdf"))
	if ae, ok := client.AsAPIError(err); !ok || ae.Code != api.CodeFileUnreadable {
		t.Fatalf("missing file: %v", err)
	}
	if len(s.requests()) != before {
		t.Fatal("a request went out for a missing file")
	}
}

func TestDownloadIsWrittenWholeAndCheckedOrNotAtAll(t *testing.T) {
	fs := newFileServer(t)
	c := signedInClient(t, fs)
	dir := t.TempDir()
	fs.content = bytes.Repeat([]byte("Vertrag "), 200_000) // 1.6 MB
	dest := filepath.Join(dir, "sub", "Vertrag.pdf")
	d, err := c.DownloadDocument(context.Background(), "d1", dest)
	if err != nil {
		t.Fatalf("download: %v", err)
	}
	got, _ := os.ReadFile(dest)
	if !bytes.Equal(got, fs.content) || d.Size != int64(len(fs.content)) || d.Path != dest {
		t.Fatalf("downloaded %d bytes to %s (%+v)", len(got), dest, d)
	}

	// A checksum that does not match: nothing is kept, not even a temporary file.
	fs.etag = "0000000000000000000000000000000000000000000000000000000000000000"
	dest2 := filepath.Join(dir, "falsch.pdf")
	_, err = c.DownloadDocument(context.Background(), "d1", dest2)
	if ae, ok := client.AsAPIError(err); !ok || ae.Code != api.CodeDocumentChecksumMismatch {
		t.Fatalf("wrong checksum: %v", err)
	}
	// The connection breaks midway: a network error, nothing kept.
	fs.etag, fs.cutAfter = "", 100_000
	dest3 := filepath.Join(dir, "abgebrochen.pdf")
	_, err = c.DownloadDocument(context.Background(), "d1", dest3)
	if !client.IsNetwork(err) {
		t.Fatalf("broken connection: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "sub" {
		t.Fatalf("left in the folder: %v", entries)
	}
	// An error answer keeps its envelope.
	_, err = c.DownloadDocument(context.Background(), "nope", filepath.Join(dir, "x"))
	if ae, ok := client.AsAPIError(err); !ok || ae.Status != 404 || ae.Code != api.CodeNotFound {
		t.Fatalf("404: %v", err)
	}
}

func TestStalledDownloadIsGivenUp(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/auth/login" {
			writeJSON(w, 200, session(1))
			return
		}
		w.Header().Set("Content-Length", "1000")
		_, _ = w.Write(make([]byte, 10))
		w.(http.Flusher).Flush()
		<-release
	}))
	defer srv.Close()
	defer close(release)
	c := client.New(client.Options{ServerURL: srv.URL, TransferIdleTimeout: 200 * time.Millisecond})
	if _, err := c.Login(context.Background(), api.LoginRequest{Email: "a@b.c", Password: "pw"}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err := c.DownloadDocument(context.Background(), "d1", filepath.Join(t.TempDir(), "x"))
	if ae, ok := client.AsAPIError(err); !ok || ae.Code != api.CodeTransferStalled {
		t.Fatalf("err = %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatalf("gave up after %v", time.Since(start))
	}
}

func TestContentTypeOfGuessesFromTheExtension(t *testing.T) {
	for name, want := range map[string]string{"a.pdf": "application/pdf", "B.PNG": "image/png", "x.unbekannt": "application/octet-stream",
		"ohne": "application/octet-stream"} {
		if got := client.ContentTypeOf(name); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}
