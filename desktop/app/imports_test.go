package app_test

import (
	"bytes"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/1sales/app/desktop/app"
	"github.com/1sales/app/desktop/settings"
	"github.com/1sales/app/shared/api"
)

// importRoutes are the import routes of the route tables (routes_test.go) that send JSON; the upload and the
// failed rows stream files and are proven below.
func importRoutes() []route {
	settings := api.ImportSettings{Columns: []api.ImportMapping{{Column: 0, Target: "lastName"}, {Column: 1, Target: "custom.f1", Number: api.NumberDE}},
		Duplicates: api.ImportDuplicates{Target: "email", Action: api.DuplicateUpdate}, OwnerID: "u2"}
	job := api.ImportJob{ID: "i1", RecordType: api.RecordPerson, FileName: "Kunden.xlsx", Format: api.ImportXLSX, Status: api.ImportRunning,
		Rows: 100, RowsDone: 40, RowsPerSecond: 20, SecondsLeft: 3, Created: 38, Failed: 2, CreatedByName: "Claudia Becker", Version: 3}
	analysis := api.ImportAnalysis{ID: "i1", RecordType: api.RecordPerson, FileName: "Kunden.csv", Format: api.ImportCSV,
		Encoding: api.EncodingWindows1252, Delimiter: ";", HeaderRow: 2, Rows: 3, Sheets: []string{},
		Columns: []api.ImportColumn{{Index: 0, Header: "Name", Samples: []string{"Müller"}, Target: "lastName"}}}
	return []route{
		{name: "reanalyse import", method: "POST", path: "/api/v1/imports/i1/analysis", status: 200, answer: analysis,
			body: `{"headerRow":2,"encoding":"windows-1252","delimiter":";"}`,
			call: func(d *app.App) (any, error) {
				return d.Imports.Reanalyse("i1", api.ImportReadOptions{HeaderRow: 2, Encoding: api.EncodingWindows1252, Delimiter: ";"})
			}},
		{name: "preview import", method: "POST", path: "/api/v1/imports/i%2F1/preview", status: 200,
			body: `{"columns":[{"column":0,"target":"lastName","number":"","date":""},{"column":1,"target":"custom.f1","number":"de","date":""}],"duplicates":{"target":"email","action":"update"},"ownerId":"u2"}`,
			answer: api.ImportPreview{Rows: []api.ImportPreviewRow{{Row: 2, Outcome: api.ImportRowFailed,
				Cells: []api.ImportCell{{Column: 0, Target: "lastName", Value: "", Error: api.FieldRequired}}}}},
			call: func(d *app.App) (any, error) { return d.Imports.Preview("i/1", settings) }},
		{name: "preview without columns sends an empty mapping", method: "POST", path: "/api/v1/imports/i1/preview", status: 200,
			body: `{"columns":[]}`, answer: api.ImportPreview{Rows: []api.ImportPreviewRow{}},
			call: func(d *app.App) (any, error) { return d.Imports.Preview("i1", api.ImportSettings{}) }},
		{name: "start import", method: "POST", path: "/api/v1/imports/i1/start", status: 202, answer: job,
			body: `{"duplicates":{"target":"email","action":"update"},"ownerId":"u2"}`,
			call: func(d *app.App) (any, error) { return d.Imports.Start("i1", settings) }},
		{name: "import job", method: "GET", path: "/api/v1/imports/i1", status: 200, answer: job,
			call: func(d *app.App) (any, error) { return d.Imports.Get("i1") }},
		{name: "list imports", method: "GET", path: "/api/v1/imports", status: 200, answer: api.ImportJobList{Items: []api.ImportJob{job}},
			call: func(d *app.App) (any, error) { return d.Imports.List() }},
		{name: "undo import", method: "POST", path: "/api/v1/imports/i1/undo", status: 200,
			answer: api.ImportUndoResult{Job: job, Trashed: 38, Reverted: 1, Kept: 1},
			call:   func(d *app.App) (any, error) { return d.Imports.Undo("i1") }},
	}
}

// importDesk is an App signed in at rec whose native dialogs the test answers.
func importDesk(t *testing.T, rec *recorder) (*app.App, *fakeDialogs, *settings.File) {
	t.Helper()
	dialogs := &fakeDialogs{}
	set := settings.New(filepath.Join(t.TempDir(), "settings.json"))
	a := startApp(t, app.Config{Settings: set, Dialogs: dialogs})
	signIn(t, a, rec.URL)
	return a, dialogs, set
}

func TestImportServiceNeedsASession(t *testing.T) {
	needsASession(t, func(d *desk) map[string]any { return map[string]any{"Imports": d.Imports} })
}

func TestImportUploadStreamsTheFileWithItsNameAndType(t *testing.T) {
	var expect, length string
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		expect, length = r.Header.Get("Expect"), r.Header.Get("Content-Length")
		if r.URL.Query().Get("fileName") == "kaputt.xlsx" {
			writeErr(w, 422, api.CodeImportFileInvalid, map[string]api.FieldCode{"file": api.FieldMismatch})
			return
		}
		writeOK(w, 201, api.ImportAnalysis{ID: "i1", RecordType: api.RecordPerson, FileName: r.URL.Query().Get("fileName"),
			Format: api.ImportCSV, Rows: 2})
	})
	d, dialogs, _ := importDesk(t, rec)
	dir := t.TempDir()
	content := []byte("Name;Vorname\r\nMüller;Anna\r\nSchulz;Bernd\r\n")
	path := filepath.Join(dir, "Kunden Nord.csv")
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}

	an, err := d.Imports.Upload(api.RecordPerson, path)
	if err != nil || an.ID != "i1" || an.FileName != "Kunden Nord.csv" {
		t.Fatalf("Upload: %+v %v", an, err)
	}
	reqs := rec.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	r := reqs[0]
	q, _ := url.ParseQuery(r.query)
	if r.method != "POST" || r.path != "/api/v1/imports" || q.Get("recordType") != "person" || q.Get("fileName") != "Kunden Nord.csv" {
		t.Fatalf("sent %s %s?%s", r.method, r.path, r.query)
	}
	if r.body != string(content) || r.header.Get("Content-Type") != "application/octet-stream" ||
		r.header.Get("Authorization") != "Bearer access-1" {
		t.Fatalf("body %q, headers %v", r.body, r.header)
	}
	// Streamed with its length announced, not chunked, and asking before the bytes go.
	if expect != "100-continue" || length != "42" {
		t.Fatalf("Expect %q, Content-Length %q", expect, length)
	}

	// The server's refusal arrives with its fields.
	bad := filepath.Join(dir, "kaputt.xlsx")
	if err := os.WriteFile(bad, []byte("%PDF-1.4"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = d.Imports.Upload(api.RecordPerson, bad)
	if ae := apiErr(t, err, 422, api.CodeImportFileInvalid); ae.Fields["file"] != api.FieldMismatch {
		t.Fatalf("fields %v", ae.Fields)
	}

	// The native dialog: filtered to the files an import reads; cancelled uploads nothing; a chosen file goes up.
	n := len(rec.requests())
	an, err = d.Imports.PickAndUpload(api.RecordOrganization)
	if err != nil || an.ID != "" || len(rec.requests()) != n {
		t.Fatalf("cancelled: %+v %v", an, err)
	}
	if len(dialogs.filters) != 1 || !strings.Contains(dialogs.filters[0].Pattern, "*.xlsx") || !strings.Contains(dialogs.filters[0].Pattern, "*.csv") {
		t.Fatalf("filters %+v", dialogs.filters)
	}
	dialogs.open = []string{path}
	an, err = d.Imports.PickAndUpload(api.RecordOrganization)
	if err != nil || an.ID != "i1" {
		t.Fatalf("picked: %+v %v", an, err)
	}
	if last := rec.requests()[n]; !strings.Contains(last.query, "recordType=organization") {
		t.Fatalf("picked upload %s", last.query)
	}
}

func TestImportUploadRefusesTooLargeAndMissingFilesBeforeSending(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { writeOK(w, 201, api.ImportAnalysis{ID: "i1"}) })
	d, _, _ := importDesk(t, rec)
	dir := t.TempDir()
	big := filepath.Join(dir, "riesig.csv")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: one byte over the limit without writing 50 MB.
	if err := f.Truncate(api.MaxImportBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = d.Imports.Upload(api.RecordPerson, big)
	if ae := apiErr(t, err, 413, api.CodeBodyTooLarge); ae.Fields["file"] != api.FieldTooLarge {
		t.Fatalf("fields %v", ae.Fields)
	}
	_, err = d.Imports.Upload(api.RecordPerson, filepath.Join(dir, "fehlt.csv"))
	if ae := apiErr(t, err, 0, api.CodeFileUnreadable); ae.Fields["path"] != api.FieldUnreadable {
		t.Fatalf("fields %v", ae.Fields)
	}
	_, err = d.Imports.Upload(api.RecordPerson, dir)
	apiErr(t, err, 0, api.CodeFileUnreadable)
	if reqs := rec.requests(); len(reqs) != 0 {
		t.Fatalf("sent %d requests", len(reqs))
	}
}

func TestSaveFailedRowsProposesTheServersNameInTheUILanguage(t *testing.T) {
	xlsx := []byte("PK\x03\x04 fehlerhafte Zeilen")
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/imports/fehlt/failed-rows" {
			writeErr(w, 404, api.CodeNotFound, nil)
			return
		}
		suffix := map[string]string{"de": "Fehler", "en": "errors"}[r.URL.Query().Get("lang")]
		name := "Kunden Süd-" + suffix + "." + r.URL.Query().Get("format")
		w.Header().Set("Content-Disposition", `attachment; filename="Kunden S_d-`+suffix+`.xlsx"; filename*=UTF-8''`+url.PathEscape(name))
		_, _ = w.Write(xlsx)
	})
	d, dialogs, _ := importDesk(t, rec)
	dir := t.TempDir()

	dest := filepath.Join(dir, "gespeichert.xlsx")
	dialogs.save = dest
	got, err := d.Imports.SaveFailedRows("i1", api.ImportXLSX)
	if err != nil || got != dest {
		t.Fatalf("SaveFailedRows: %q %v", got, err)
	}
	if dialogs.saveName != "Kunden Süd-Fehler.xlsx" {
		t.Fatalf("proposed %q", dialogs.saveName)
	}
	if b, _ := os.ReadFile(dest); !bytes.Equal(b, xlsx) {
		t.Fatalf("saved %q", b)
	}
	if r := rec.requests()[0]; r.method != "GET" || r.path != "/api/v1/imports/i1/failed-rows" || r.query != "format=xlsx&lang=de" {
		t.Fatalf("sent %s %s?%s", r.method, r.path, r.query)
	}

	// In English the reasons (and the name) are English; cancelling saves nothing.
	if err := d.Session.SetLanguage("en"); err != nil {
		t.Fatal(err)
	}
	dialogs.save = ""
	if got, err := d.Imports.SaveFailedRows("i1", api.ImportCSV); got != "" || err != nil {
		t.Fatalf("cancelled: %q %v", got, err)
	}
	if r := rec.requests()[1]; r.query != "format=csv&lang=en" || dialogs.saveName != "Kunden Süd-errors.csv" {
		t.Fatalf("sent %s, proposed %q", r.query, dialogs.saveName)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("files left in %s: %v", dir, entries)
	}

	// A refusal comes before the dialog.
	dialogs.saveName = ""
	_, err = d.Imports.SaveFailedRows("fehlt", api.ImportXLSX)
	apiErr(t, err, 404, api.CodeNotFound)
	if dialogs.saveName != "" {
		t.Fatal("the dialog was shown for a refused download")
	}
}
