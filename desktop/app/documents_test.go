package app_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/1sales/app/desktop/app"
	"github.com/1sales/app/shared/api"
)

// documentRoutes are the document routes of the route tables (routes_test.go); GET /documents/{id} has no bound
// method of its own and is proven by Open and SaveAs below.
func documentRoutes() []route {
	doc := api.Document{ID: "d1", RecordType: api.RecordDeal, RecordID: "r1", FileName: "Angebot.pdf", ContentType: "application/pdf",
		Size: 1234, SHA256: "ab", UploadedByName: "Claudia Becker", CanDelete: true, Version: 2}
	list := api.DocumentList{Items: []api.Document{doc}}
	return []route{
		{name: "list documents", method: "GET", path: "/api/v1/deals/r1/documents", status: 200, answer: list,
			call: func(d *app.App) (any, error) {
				return d.Documents.List(api.RecordDeal, "r1")
			}},
		{name: "list trashed documents", method: "GET", path: "/api/v1/persons/p%2F1/documents", query: "trashed=true", status: 200,
			answer: list, call: func(d *app.App) (any, error) {
				return d.Documents.ListTrashed(api.RecordPerson, "p/1")
			}},
		{name: "delete document", method: "DELETE", path: "/api/v1/documents/d1", ifMatch: `"2"`, status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Documents.Delete("d1", 2) }},
		{name: "restore document", method: "POST", path: "/api/v1/documents/d1/restore", status: 200, answer: doc,
			call: func(d *app.App) (any, error) { return d.Documents.Restore("d1") }},
		{name: "storage", method: "GET", path: "/api/v1/me/storage", status: 200,
			answer: api.StorageUsage{UsedBytes: 1400000, LimitBytes: 1073741824},
			call:   func(d *app.App) (any, error) { return d.Documents.Storage() }},
	}
}

// docBackend serves the document routes on top of the stand-in auth backend: documents by id with content, and
// uploads that are refused for names starting with "nein".
type docBackend struct {
	*backend
	mu        sync.Mutex
	docs      map[string]docWithContent
	downloads int
	uploaded  []string
}

type docWithContent struct {
	api.Document
	content []byte
}

func newDocBackend(t *testing.T) *docBackend {
	b := &docBackend{backend: &backend{access: map[string]bool{}, refresh: map[string]bool{}}, docs: map[string]docWithContent{}}
	b.Server = httptest.NewServer(http.HandlerFunc(b.serveDocs))
	t.Cleanup(b.Close)
	return b
}

func (b *docBackend) add(id, name string, content []byte) {
	sum := sha256.Sum256(content)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.docs[id] = docWithContent{api.Document{ID: id, FileName: name, Size: int64(len(content)), SHA256: hex.EncodeToString(sum[:]), Version: 1}, content}
}

func (b *docBackend) serveDocs(w http.ResponseWriter, r *http.Request) {
	authorized := func() bool {
		b.backend.mu.Lock()
		defer b.backend.mu.Unlock()
		return b.access[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")]
	}
	isDocRoute := strings.HasPrefix(r.URL.Path, "/api/v1/documents/") || strings.HasSuffix(r.URL.Path, "/documents") ||
		r.URL.Path == "/api/v1/me/storage"
	if !isDocRoute {
		b.serve(w, r)
		return
	}
	b.backend.mu.Lock()
	b.paths = append(b.paths, r.Method+" "+r.URL.Path)
	b.backend.mu.Unlock()
	if !authorized() {
		writeEnvelope(w, 401, api.CodeUnauthenticated)
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	switch {
	case r.Method == "POST" && strings.HasSuffix(r.URL.Path, "/documents"):
		name, _ := url.PathUnescape(r.Header.Get(api.HeaderFileName))
		if strings.HasPrefix(name, "nein") {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(415)
			_ = json.NewEncoder(w).Encode(api.ErrorEnvelope{Error: api.Error{Code: api.CodeDocumentTypeMismatch, Message: "mismatch",
				Fields: map[string]api.FieldCode{"contentType": api.FieldMismatch}}})
			return
		}
		content, _ := io.ReadAll(r.Body)
		id := "u" + strconv.Itoa(len(b.uploaded)+1)
		b.uploaded = append(b.uploaded, name)
		sum := sha256.Sum256(content)
		d := api.Document{ID: id, FileName: name, Size: int64(len(content)), SHA256: hex.EncodeToString(sum[:]), Version: 1}
		b.docs[id] = docWithContent{d, content}
		writeOK(w, 201, d)
	case r.Method == "GET" && r.URL.Path == "/api/v1/me/storage":
		writeOK(w, 200, api.StorageUsage{UsedBytes: 1400000, LimitBytes: 1 << 30})
	case r.Method == "GET" && strings.HasSuffix(r.URL.Path, "/content"):
		d, ok := b.docs[strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/api/v1/documents/"), "/content")]
		if !ok {
			writeEnvelope(w, 404, api.CodeNotFound)
			return
		}
		b.downloads++
		w.Header().Set("ETag", `"`+d.SHA256+`"`)
		_, _ = w.Write(d.content)
	case r.Method == "GET" && strings.HasPrefix(r.URL.Path, "/api/v1/documents/"):
		d, ok := b.docs[strings.TrimPrefix(r.URL.Path, "/api/v1/documents/")]
		if !ok {
			writeEnvelope(w, 404, api.CodeNotFound)
			return
		}
		writeOK(w, 200, d.Document)
	default:
		writeEnvelope(w, 404, api.CodeNotFound)
	}
}

func writeOK(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeEnvelope(w http.ResponseWriter, status int, code api.ErrorCode) {
	writeOK(w, status, api.ErrorEnvelope{Error: api.Error{Code: code, Message: string(code)}})
}

// fakeDialogs answers the native dialogs as the test says.
type fakeDialogs struct {
	open     []string
	save     string
	saveName string
	filters  []app.FileFilter
}

func (f *fakeDialogs) OpenFiles(context.Context, string) ([]string, error) { return f.open, nil }
func (f *fakeDialogs) OpenFile(_ context.Context, _ string, filters []app.FileFilter) (string, error) {
	f.filters = filters
	if len(f.open) == 0 {
		return "", nil
	}
	return f.open[0], nil
}
func (f *fakeDialogs) SaveFile(_ context.Context, _, name string) (string, error) {
	f.saveName = name
	return f.save, nil
}

// docDesk is a signed-in App whose opener is a script that writes the path it was given to a file.
type docDesk struct {
	*app.App
	cache, opened string
	dialogs       *fakeDialogs
}

func newDocDesk(t *testing.T, server string) *docDesk {
	t.Helper()
	dir := t.TempDir()
	dd := &docDesk{cache: filepath.Join(dir, "cache"), opened: filepath.Join(dir, "opened.txt"), dialogs: &fakeDialogs{}}
	// Like xdg-open, it fails with status 4 for a type no application takes (here: *.unbekannt).
	script := opener(t, dir, dd.opened, "case \"$1\" in *.unbekannt) exit 4;; esac\n")
	dd.App = startApp(t, app.Config{OpenCommand: script, CacheDir: dd.cache, Dialogs: dd.dialogs})
	signIn(t, dd.App, server)
	return dd
}

func (dd *docDesk) openedPath(t *testing.T) string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		b, err := os.ReadFile(dd.opened)
		if err == nil && len(b) > 0 {
			_ = os.Remove(dd.opened)
			return string(b)
		}
		if time.Now().After(deadline) {
			t.Fatal("the open command was not invoked")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestDocumentServiceNeedsASession(t *testing.T) {
	needsASession(t, func(d *desk) map[string]any { return map[string]any{"Documents": d.Documents} })
}

func TestOpenDownloadsIntoTheCacheOnceAndRunsTheOpenCommand(t *testing.T) {
	b := newDocBackend(t)
	dd := newDocDesk(t, b.URL)
	content := []byte("%PDF-1.7 Angebot über 12 Kopierer")
	b.add("d1", "Angebot Müller.pdf", content)

	path, err := dd.Documents.Open("d1")
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if want := filepath.Join(dd.cache, "d1", "Angebot Müller.pdf"); path != want {
		t.Fatalf("path %s, want %s", path, want)
	}
	if got, _ := os.ReadFile(path); string(got) != string(content) {
		t.Fatalf("cached content %q", got)
	}
	if got := dd.openedPath(t); got != path {
		t.Fatalf("opened %q, want %q", got, path)
	}
	// Documents never change: the second open uses the cached file.
	if _, err := dd.Documents.Open("d1"); err != nil {
		t.Fatal(err)
	}
	dd.openedPath(t)
	if b.downloads != 1 {
		t.Fatalf("%d downloads, want 1", b.downloads)
	}

	// A name from the server cannot lead outside the cache folder.
	b.add("d2", "../../ausbruch.pdf", content)
	path, err = dd.Documents.Open("d2")
	if err != nil {
		t.Fatal(err)
	}
	if rel, err := filepath.Rel(dd.cache, path); err != nil || strings.HasPrefix(rel, "..") || filepath.Dir(rel) != "d2" {
		t.Fatalf("opened outside the cache: %s", path)
	}
	dd.openedPath(t)

	// Programs are not opened with one click.
	b.add("d3", "rechnung.pdf.exe", []byte("MZ"))
	_, err = dd.Documents.Open("d3")
	apiErr(t, err, 0, api.CodeDocumentOpenBlocked)
	if b.downloads != 2 {
		t.Fatalf("%d downloads, want 2", b.downloads)
	}

	// A type the system has no application for is reported as such (the UI offers "Speichern unter").
	b.add("d4", "Messdaten.unbekannt", content)
	_, err = dd.Documents.Open("d4")
	apiErr(t, err, 0, api.CodeDocumentNoApplication)
}

func TestUploadFilesReportsEveryFileAndPickAndSaveUseTheDialogs(t *testing.T) {
	b := newDocBackend(t)
	dd := newDocDesk(t, b.URL)
	dir := t.TempDir()
	ok1 := filepath.Join(dir, "Angebot.pdf")
	no := filepath.Join(dir, "nein.png")
	for _, p := range []string{ok1, no} {
		if err := os.WriteFile(p, []byte("Inhalt von "+filepath.Base(p)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	res, err := dd.Documents.UploadFiles(api.RecordDeal, "r1", []string{ok1, no, filepath.Join(dir, "fehlt.txt")})
	if err != nil {
		t.Fatalf("UploadFiles: %v", err)
	}
	if len(res.Uploaded) != 1 || res.Uploaded[0].FileName != "Angebot.pdf" || len(res.Failed) != 2 {
		t.Fatalf("result %+v", res)
	}
	if f := res.Failed[0]; f.FileName != "nein.png" || f.Status != 415 || f.Code != string(api.CodeDocumentTypeMismatch) || f.Fields["contentType"] != string(api.FieldMismatch) {
		t.Fatalf("refused %+v", f)
	}
	if f := res.Failed[1]; f.Code != string(api.CodeFileUnreadable) {
		t.Fatalf("missing file %+v", f)
	}

	// The native dialog: cancelled uploads nothing, chosen files are uploaded.
	res, err = dd.Documents.PickAndUpload(api.RecordDeal, "r1")
	if err != nil || len(res.Uploaded)+len(res.Failed) != 0 {
		t.Fatalf("cancelled dialog: %+v %v", res, err)
	}
	dd.dialogs.open = []string{ok1}
	res, err = dd.Documents.PickAndUpload(api.RecordDeal, "r1")
	if err != nil || len(res.Uploaded) != 1 {
		t.Fatalf("picked: %+v %v", res, err)
	}

	// Save as: the dialog proposes the name; the file lands where the user chose; cancelling saves nothing.
	dest := filepath.Join(dir, "gespeichert", "Kopie.pdf")
	dd.dialogs.save = dest
	got, err := dd.Documents.SaveAs(res.Uploaded[0].ID)
	if err != nil || got != dest || dd.dialogs.saveName != "Angebot.pdf" {
		t.Fatalf("SaveAs: %q %v (proposed %q)", got, err, dd.dialogs.saveName)
	}
	if b, _ := os.ReadFile(dest); string(b) != "Inhalt von Angebot.pdf" {
		t.Fatalf("saved %q", b)
	}
	dd.dialogs.save = ""
	if got, err := dd.Documents.SaveAs(res.Uploaded[0].ID); got != "" || err != nil {
		t.Fatalf("cancelled SaveAs: %q %v", got, err)
	}

	u, err := dd.Documents.Storage()
	if err != nil || u.UsedBytes != 1400000 || u.LimitBytes != 1<<30 {
		t.Fatalf("Storage: %+v %v", u, err)
	}
}
