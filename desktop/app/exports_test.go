package app_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/1sales/app/desktop/app"
	"github.com/1sales/app/desktop/settings"
	"github.com/1sales/app/shared/api"
)

// exportRoutes are the export routes of the route tables (routes_test.go) that answer JSON; the exports
// themselves are proven below.
func exportRoutes() []route {
	page := api.ExportPage{Items: []api.Export{{ID: "e1", UserName: "Claudia Becker", RecordType: api.RecordPerson, Format: api.ExportXLSX,
		Filter: `{"city": "München"}`, Columns: []string{"lastName"}, Rows: 12, Completed: true}}, NextCursor: "c2"}
	return []route{
		{name: "list exports", method: "GET", path: "/api/v1/exports", query: "cursor=c1", status: 200, answer: page,
			call: func(d *app.App) (any, error) { return d.Exports.List("c1") }},
	}
}

// exportBackend serves the export routes on top of the stand-in auth backend: a CSV (excel style, with its row
// count as a trailer) in several flushed parts, a "workbook" (bytes with the count as a header), or a CSV cut
// off before its end when the query searches "abbruch".
type exportBackend struct {
	*backend
	mu       sync.Mutex
	requests []api.ExportRequest
}

const exportCSV = "\uFEFFNachname;Notiz\r\nMüller;\"Zeile 1\nZeile 2\"\r\nSchmidt;\"a;b\"\r\n"

func newExportBackend(t *testing.T) *exportBackend {
	b := &exportBackend{backend: &backend{access: map[string]bool{}, refresh: map[string]bool{}}}
	b.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v1/persons/export" && r.URL.Path != "/api/v1/activities/export" {
			b.serve(w, r)
			return
		}
		b.backend.mu.Lock()
		b.paths = append(b.paths, r.Method+" "+r.URL.Path)
		ok := b.access[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")]
		b.backend.mu.Unlock()
		if !ok {
			writeEnvelope(w, 401, api.CodeUnauthenticated)
			return
		}
		var in api.ExportRequest
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			writeEnvelope(w, 400, api.CodeMalformedJSON)
			return
		}
		b.mu.Lock()
		b.requests = append(b.requests, in)
		b.mu.Unlock()
		if in.Query.Search == "verboten" {
			writeEnvelope(w, 403, api.CodeForbidden)
			return
		}
		if in.Format == api.ExportXLSX {
			w.Header().Set("Content-Disposition", `attachment; filename=Personen-2026-12-07.xlsx; filename*=UTF-8''Personen-2026-12-07.xlsx`)
			w.Header().Set(api.HeaderExportRows, "2")
			_, _ = w.Write([]byte("PK\x03\x04 workbook"))
			return
		}
		w.Header().Set("Content-Disposition", `attachment; filename=Personen-2026-12-07.csv; filename*=UTF-8''Personen-2026-12-07.csv`)
		w.Header().Set("Trailer", api.HeaderExportRows)
		w.WriteHeader(200)
		half := len(exportCSV) / 2
		_, _ = w.Write([]byte(exportCSV[:half]))
		w.(http.Flusher).Flush()
		time.Sleep(250 * time.Millisecond) // a progress report in between
		if in.Query.Search == "abbruch" {
			panic(http.ErrAbortHandler) // the server fails while writing: the connection is cut
		}
		_, _ = w.Write([]byte(exportCSV[half:]))
		w.Header().Set(api.HeaderExportRows, "2")
	}))
	t.Cleanup(b.Close)
	return b
}

// exportDesk is a signed-in App with a download folder, a stand-in opener and save dialog, and its events.
type exportDesk struct {
	*app.App
	downloads, opened string
	dialogs           *fakeDialogs
	settings          *settings.File
	mu                sync.Mutex
	progress          []app.ExportProgress
}

func newExportDesk(t *testing.T, server string) *exportDesk {
	t.Helper()
	dir := t.TempDir()
	d := &exportDesk{downloads: filepath.Join(dir, "Downloads"), opened: filepath.Join(dir, "opened.txt"), dialogs: &fakeDialogs{},
		settings: settings.New(filepath.Join(dir, "settings.json"))}
	t.Setenv("XDG_DOWNLOAD_DIR", d.downloads)
	script := opener(t, dir, d.opened, "")
	d.App = startApp(t, app.Config{Settings: d.settings, OpenCommand: script, Dialogs: d.dialogs,
		Emit: func(e string, data ...any) {
			if e != app.EventExportProgress {
				return
			}
			d.mu.Lock()
			defer d.mu.Unlock()
			d.progress = append(d.progress, data[0].(app.ExportProgress))
		}})
	signIn(t, d.App, server)
	return d
}

func (d *exportDesk) openedPath(t *testing.T) string {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if b, err := os.ReadFile(d.opened); err == nil && len(b) > 0 {
			_ = os.Remove(d.opened)
			return string(b)
		}
	}
	t.Fatal("the open command was not invoked")
	return ""
}

func TestExportGoesToTheDownloadFolderWithProgressAndOpens(t *testing.T) {
	b := newExportBackend(t)
	d := newExportDesk(t, b.URL)
	if on, _ := d.Exports.ToDownloads(); !on {
		t.Fatal("exports do not go to the download folder by default")
	}
	q := api.ListQuery{City: "München", Sort: "-createdAt"}
	res, err := d.Exports.Export(api.RecordPerson, q, api.ExportOptions{Format: api.ExportCSV, Columns: []string{"lastName"}})
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(d.downloads, "Personen-2026-12-07.csv")
	if res.Path != want || res.FileName != "Personen-2026-12-07.csv" || res.Rows != 2 || res.Bytes != int64(len(exportCSV)) {
		t.Fatalf("result %+v", res)
	}
	if got, _ := os.ReadFile(want); string(got) != exportCSV {
		t.Fatalf("file %q", got)
	}
	// The request: the list's query and the options, the UI's language filled in.
	if r := b.requests[0]; r.Query.City != "München" || r.Query.Sort != "-createdAt" || r.Language != api.LanguageDE || r.Columns[0] != "lastName" {
		t.Fatalf("request %+v", r)
	}
	// Progress while it arrived: a part of the rows (the line break inside quotes is no row), then the whole.
	d.mu.Lock()
	progress := append([]app.ExportProgress(nil), d.progress...)
	d.mu.Unlock()
	if len(progress) < 2 || progress[0].Rows != 0 || progress[0].Total != -1 || progress[0].Bytes == 0 ||
		progress[len(progress)-1] != (app.ExportProgress{RecordType: api.RecordPerson, Bytes: int64(len(exportCSV)), Rows: 2, Total: 2}) {
		t.Fatalf("progress %+v", progress)
	}
	// A second export of the same day does not overwrite the first.
	res2, err := d.Exports.Export(api.RecordPerson, q, api.ExportOptions{Format: api.ExportXLSX})
	if err != nil {
		t.Fatal(err)
	}
	if res2.Path != filepath.Join(d.downloads, "Personen-2026-12-07.xlsx") || res2.Rows != 2 {
		t.Fatalf("xlsx %+v", res2)
	}
	res3, _ := d.Exports.Export(api.RecordPerson, q, api.ExportOptions{Format: api.ExportCSV})
	if res3.Path != filepath.Join(d.downloads, "Personen-2026-12-07 (2).csv") {
		t.Fatalf("second csv %+v", res3)
	}
	// Open and the folder open what was exported, nothing else.
	if err := d.Exports.Open(res.Path); err != nil {
		t.Fatal(err)
	}
	if got := d.openedPath(t); got != res.Path {
		t.Fatalf("opened %q", got)
	}
	if err := d.Exports.OpenFolder(res.Path); err != nil {
		t.Fatal(err)
	}
	if got := d.openedPath(t); got != d.downloads {
		t.Fatalf("opened folder %q", got)
	}
	apiErr(t, d.Exports.Open("/etc/passwd"), 0, api.CodeValidation)
}

func TestExportAsksWhereWhenTheSettingIsOffAndNothingHappensWhenCancelled(t *testing.T) {
	b := newExportBackend(t)
	d := newExportDesk(t, b.URL)
	if err := d.Exports.SetToDownloads(false); err != nil {
		t.Fatal(err)
	}
	if on, _ := d.Exports.ToDownloads(); on {
		t.Fatal("the setting did not stick")
	}
	if err := d.Session.SetLanguage("en"); err != nil {
		t.Fatal(err)
	}
	// Cancelled: no request, no file.
	res, err := d.Exports.ExportActivities(api.ActivityQuery{Assignee: "me"}, api.ExportOptions{Format: api.ExportCSV})
	if err != nil || res.Path != "" {
		t.Fatalf("cancelled: %+v %v", res, err)
	}
	if !strings.HasPrefix(d.dialogs.saveName, "Activities-") || !strings.HasSuffix(d.dialogs.saveName, ".csv") {
		t.Fatalf("proposed name %q", d.dialogs.saveName)
	}
	if len(b.requests) != 0 {
		t.Fatalf("requests %+v", b.requests)
	}
	// Chosen: the file is where the user said.
	d.dialogs.save = filepath.Join(t.TempDir(), "meine Aktivitäten.csv")
	res, err = d.Exports.ExportActivities(api.ActivityQuery{Assignee: "me"}, api.ExportOptions{Format: api.ExportCSV})
	if err != nil || res.Path != d.dialogs.save || res.Rows != 2 {
		t.Fatalf("chosen: %+v %v", res, err)
	}
	if b.requests[0].Language != api.LanguageEN {
		t.Fatalf("language %q", b.requests[0].Language)
	}
}

func TestExportCutShortKeepsNoFileAndErrorsAreTheServers(t *testing.T) {
	b := newExportBackend(t)
	d := newExportDesk(t, b.URL)
	_, err := d.Exports.Export(api.RecordPerson, api.ListQuery{Search: "abbruch"}, api.ExportOptions{Format: api.ExportCSV})
	apiErr(t, err, 0, api.CodeExportIncomplete)
	_, err = d.Exports.Export(api.RecordPerson, api.ListQuery{Search: "verboten"}, api.ExportOptions{})
	apiErr(t, err, 403, api.CodeForbidden)
	_, err = d.Exports.Export(api.RecordActivity, api.ListQuery{}, api.ExportOptions{})
	apiErr(t, err, 0, api.CodeValidation) // activities have an export of their own
	if entries, _ := os.ReadDir(d.downloads); len(entries) != 0 {
		t.Fatalf("left in the download folder: %v", entries)
	}
}
