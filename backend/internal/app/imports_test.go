package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/importer"
	"github.com/1sales/app/shared/api"
)

// upload sends a file to POST /api/v1/imports as the raw body.
func (c *client) upload(rt api.RecordType, name string, body []byte) *apptest.Response {
	c.t.Helper()
	return c.env.Do(apptest.Request{Method: "POST", Path: "/api/v1/imports?recordType=" + string(rt) + "&fileName=" + url.QueryEscape(name),
		Token: c.token, Body: body, Header: map[string]string{"Content-Type": "application/octet-stream"}})
}

// analysed uploads a file and expects its analysis.
func (c *client) analysed(rt api.RecordType, name string, body []byte) api.ImportAnalysis {
	c.t.Helper()
	resp := c.upload(rt, name, body)
	if resp.Status != http.StatusCreated {
		c.t.Fatalf("upload %s: %d %s", name, resp.Status, resp.Body)
	}
	var an api.ImportAnalysis
	resp.Decode(c.t, &an)
	return an
}

// runImports lets the backend's import worker run every started import to its end.
func runImports(t *testing.T, env *apptest.Env) {
	t.Helper()
	for {
		found, err := env.App.ImportWorker().Step(context.Background())
		if err != nil {
			t.Fatalf("import worker: %v", err)
		}
		if !found {
			return
		}
	}
}

// imported starts an analysed import with settings, runs it and returns the finished job.
func (c *client) imported(id string, settings api.ImportSettings) api.ImportJob {
	c.t.Helper()
	job := answer[api.ImportJob](c, "POST", "/api/v1/imports/"+id+"/start", settings, http.StatusAccepted)
	if job.Status != api.ImportQueued {
		c.t.Fatalf("started job: %+v", job)
	}
	runImports(c.t, c.env)
	return answer[api.ImportJob](c, "GET", "/api/v1/imports/"+id, nil, http.StatusOK)
}

// windows1252 encodes s as German Excel saves a CSV file.
func windows1252(t *testing.T, s string) []byte {
	t.Helper()
	out, err := charmap.Windows1252.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(out)
}

// xlsxFile writes rows as the first sheet of a workbook, numbers as numbers.
func xlsxFile(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func importColumn(an api.ImportAnalysis, header string) api.ImportColumn {
	for _, c := range an.Columns {
		if c.Header == header {
			return c
		}
	}
	return api.ImportColumn{Index: -1}
}

func personByEmail(c *client, email string) (api.Person, bool) {
	c.t.Helper()
	page := c.persons(api.ListQuery{Search: email, Limit: 10})
	for _, p := range page.Items {
		for _, e := range p.Emails {
			if strings.EqualFold(e.Value, email) {
				return answer[api.Person](c, "GET", "/api/v1/persons/"+p.ID, nil, http.StatusOK), true
			}
		}
	}
	return api.Person{}, false
}

// A German Excel CSV (Windows-1252, semicolons, decimal commas, dd.mm.yyyy) imports as it is: the analysis
// detects its encoding, delimiter and value forms and matches the German headers; the persons come in with their
// organisations (created, and found by name), custom fields in canonical form, and one history entry each,
// "importiert aus Kunden.csv".
func TestGermanExcelCSVImportsPersonsWithOrganisations(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	umsatz := admin.createField(api.RecordPerson, "Umsatz", api.FieldKindNumber, false)
	news := admin.createField(api.RecordPerson, "Newsletter", api.FieldKindBool, false)
	kdnr := admin.createField(api.RecordPerson, "Kundennummer", api.FieldKindText, false)
	existing := admin.createOrg(api.OrganizationCreate{Name: "Schäfer AG"})

	file := windows1252(t, strings.Join([]string{
		"Anrede;Vorname;Nachname;E-Mail;Telefon;Straße;PLZ;Ort;Firma;Umsatz;Kunde seit;Newsletter;Kundennummer",
		"Herr;Jürgen;Müller;juergen.mueller@example.de;040 1234567;Mönckebergstraße 7;20095;Hamburg;Müller Haustechnik GmbH;1.234,56;01.02.2020;Ja;K-1001",
		"Frau;Anna;Schäfer;anna.schaefer@example.de;0221 998877;Hohe Straße 1;50667;Köln;schäfer ag;12,5;15.11.2019;nein;K-1002",
		"Herr;Günther;Weiß;g.weiss@example.de;;;;;Müller Haustechnik GmbH;;03.03.2021;x;K-1003",
	}, "\r\n")+"\r\n")
	an := admin.analysed(api.RecordPerson, "Kunden.csv", file)
	if an.Format != api.ImportCSV || an.Encoding != api.EncodingWindows1252 || an.Delimiter != ";" || an.Rows != 3 || an.HeaderRow != 1 {
		t.Fatalf("analysis: %+v", an)
	}
	for header, want := range map[string]string{"Anrede": "salutation", "Vorname": "firstName", "Nachname": "lastName",
		"E-Mail": "email", "Telefon": "phone", "Straße": "street", "PLZ": "postalCode", "Ort": "city", "Firma": "organization",
		"Umsatz": "custom." + umsatz.ID, "Newsletter": "custom." + news.ID, "Kundennummer": "custom." + kdnr.ID, "Kunde seit": ""} {
		if got := importColumn(an, header).Target; got != want {
			t.Errorf("column %s: target %q, want %q", header, got, want)
		}
	}
	if c := importColumn(an, "Umsatz"); c.Number != api.NumberDE || !slices.Equal(c.Samples, []string{"1.234,56", "12,5"}) {
		t.Errorf("Umsatz: %+v", c)
	}
	if c := importColumn(an, "Kunde seit"); c.Date != api.DateDMY {
		t.Errorf("Kunde seit: %+v", c)
	}
	if an.Suggested.Duplicates.Target != "email" || an.Suggested.Duplicates.Action != api.DuplicateSkip {
		t.Errorf("suggested duplicates: %+v", an.Suggested.Duplicates)
	}

	preview := answer[api.ImportPreview](admin, "POST", "/api/v1/imports/"+an.ID+"/preview", an.Suggested, http.StatusOK)
	if len(preview.Rows) != 3 || preview.Rows[0].Row != 2 || preview.Rows[0].Outcome != api.ImportRowCreated {
		t.Fatalf("preview: %+v", preview)
	}
	for _, c := range preview.Rows[0].Cells {
		if c.Target == "custom."+umsatz.ID && c.Value != "1234.56" {
			t.Errorf("preview Umsatz: %+v", c)
		}
	}

	job := admin.imported(an.ID, an.Suggested)
	if job.Status != api.ImportDone || job.Created != 3 || job.Failed != 0 || job.RowsDone != 3 || !job.CanUndo || job.CreatedByName != "Claudia Becker" {
		t.Fatalf("job: %+v", job)
	}
	p, ok := personByEmail(admin, "juergen.mueller@example.de")
	if !ok {
		t.Fatal("Jürgen Müller was not imported")
	}
	if p.FirstName != "Jürgen" || p.LastName != "Müller" || p.Salutation != api.SalutationHerr || p.Address.Street != "Mönckebergstraße 7" ||
		p.Address.City != "Hamburg" || p.Custom[umsatz.ID] != "1234.56" || p.Custom[news.ID] != "true" || p.Custom[kdnr.ID] != "K-1001" ||
		len(p.Phones) != 1 || p.Phones[0].Value != "040 1234567" || len(p.Organizations) != 1 || p.Organizations[0].OrganizationName != "Müller Haustechnik GmbH" {
		t.Fatalf("Jürgen: %+v", p)
	}
	anna, _ := personByEmail(admin, "anna.schaefer@example.de")
	if anna.Custom[umsatz.ID] != "12.5" || anna.Custom[news.ID] != "false" || len(anna.Organizations) != 1 || anna.Organizations[0].OrganizationID != existing.ID {
		t.Fatalf("Anna (found Schäfer AG by name, case ignored): %+v", anna)
	}
	g, _ := personByEmail(admin, "g.weiss@example.de")
	if len(g.Organizations) != 1 || g.Organizations[0].OrganizationID != p.Organizations[0].OrganizationID {
		t.Fatalf("Günther shares the organisation the import created once: %+v vs %+v", g.Organizations, p.Organizations)
	}
	hist := answer[api.HistoryList](admin, "GET", "/api/v1/persons/"+p.ID+"/history", nil, http.StatusOK)
	if len(hist.Items) != 1 || hist.Items[0].Action != api.HistoryImported || hist.Items[0].Source != "Kunden.csv" ||
		hist.Items[0].ActorName != "Claudia Becker" {
		t.Fatalf("history: %+v", hist.Items)
	}
	orgHist := answer[api.HistoryList](admin, "GET", "/api/v1/organizations/"+p.Organizations[0].OrganizationID+"/history", nil, http.StatusOK)
	if !slices.ContainsFunc(orgHist.Items, func(e api.HistoryEntry) bool { return e.Action == api.HistoryImported && e.Source == "Kunden.csv" }) {
		t.Fatalf("organisation history: %+v", orgHist.Items)
	}
	list := answer[api.ImportJobList](admin, "GET", "/api/v1/imports", nil, http.StatusOK)
	if len(list.Items) != 1 || list.Items[0].ID != an.ID {
		t.Fatalf("list: %+v", list)
	}
}

func csvText(rows ...[]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = ';'
	_ = w.WriteAll(rows)
	return b.Bytes()
}

// mapping maps columns by index to targets (numbers in German form).
func mapping(targets ...string) []api.ImportMapping {
	var out []api.ImportMapping
	for i, t := range targets {
		if t != "" {
			out = append(out, api.ImportMapping{Column: i, Target: t, Number: api.NumberDE, Date: api.DateDMY})
		}
	}
	return out
}

// An XLSX workbook imports like a CSV file: its first sheet, cells as the spreadsheet shows them (numbers as
// numbers, dates as days), organisations by their own file.
func TestXLSXImportsOrganisations(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	staff := admin.createField(api.RecordOrganization, "Mitarbeiter", api.FieldKindNumber, false)
	file := xlsxFile(t, [][]any{
		{"Firma", "E-Mail", "Website", "Branche", "PLZ", "Ort", "Land", "Mitarbeiter", "Gegründet"},
		{"Nordwind Logistik GmbH", "info@nordwind.example", "nordwind.example", "Logistik", "20457", "Hamburg", "Deutschland", 120, time.Date(1998, 4, 1, 0, 0, 0, 0, time.UTC)},
		{"Alpenblick AG", "kontakt@alpenblick.example", "", "Tourismus", "6020", "Innsbruck", "Österreich", 35.5, time.Date(2005, 10, 20, 0, 0, 0, 0, time.UTC)},
	})
	an := admin.analysed(api.RecordOrganization, "Firmen.xlsx", file)
	if an.Format != api.ImportXLSX || an.Sheet != "Sheet1" || !slices.Equal(an.Sheets, []string{"Sheet1"}) || an.Rows != 2 || an.Encoding != "" {
		t.Fatalf("analysis: %+v", an)
	}
	if c := importColumn(an, "Firma"); c.Target != "name" {
		t.Errorf("Firma: %+v", c)
	}
	if c := importColumn(an, "Mitarbeiter"); c.Target != "custom."+staff.ID || c.Number != api.NumberEN {
		t.Errorf("Mitarbeiter: %+v", c)
	}
	if c := importColumn(an, "Gegründet"); c.Date != api.DateYMD {
		t.Errorf("Gegründet: %+v", c)
	}
	if an.Suggested.Duplicates.Target != "name" {
		t.Errorf("suggested duplicates: %+v", an.Suggested)
	}
	job := admin.imported(an.ID, an.Suggested)
	if job.Status != api.ImportDone || job.Created != 2 || job.Failed != 0 {
		t.Fatalf("job: %+v", job)
	}
	orgs := answer[api.OrganizationPage](admin, "POST", "/api/v1/organizations/query", api.ListQuery{Search: "Alpenblick"}, http.StatusOK)
	if len(orgs.Items) != 1 || orgs.Items[0].Address.Country != "AT" || orgs.Items[0].Custom[staff.ID] != "35.5" || orgs.Items[0].Industry != "Tourismus" {
		t.Fatalf("Alpenblick: %+v", orgs.Items)
	}
}

// Each duplicate rule: by e-mail (case ignored) or by a chosen field (a customer number), skip, update or create
// anyway; and two rows of one file with the same key follow the rule against each other.
func TestImportDuplicateRules(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	kdnr := admin.createField(api.RecordPerson, "Kundennummer", api.FieldKindText, false)
	tag := func(t *testing.T) string { return strings.Split(t.Name(), "/")[1] }
	erika := func(t *testing.T) string { return "erika." + tag(t) + "@muster.example" }
	maxMail := func(t *testing.T) string { return "max." + tag(t) + "@example.de" }
	setup := func(t *testing.T) api.Person {
		return admin.createPerson(api.PersonCreate{FirstName: "Erika", LastName: "Muster", Emails: []api.ContactPoint{{Value: erika(t)}},
			Custom: api.CustomValues{kdnr.ID: "K-" + tag(t)}})
	}
	file := func(t *testing.T, kd string) []byte {
		return csvText([]string{"Vorname", "Nachname", "E-Mail", "Kundennummer"},
			[]string{"Erika", "Mustermann", strings.ToUpper(erika(t)), kd},
			[]string{"Max", "Neu", maxMail(t), "K-new-" + tag(t)},
			[]string{"Max", "Neuer", maxMail(t), "K-new-" + tag(t)})
	}
	run := func(t *testing.T, kd string, dup api.ImportDuplicates) api.ImportJob {
		an := admin.analysed(api.RecordPerson, "Dubletten.csv", file(t, kd))
		s := an.Suggested
		s.Duplicates = dup
		return admin.imported(an.ID, s)
	}
	count := func(email string) int {
		return admin.persons(api.ListQuery{Search: email}).Total
	}
	t.Run("email-skip", func(t *testing.T) {
		p := setup(t)
		job := run(t, "", api.ImportDuplicates{Target: "email", Action: api.DuplicateSkip})
		if job.Created != 1 || job.Skipped != 2 || job.Updated != 0 {
			t.Fatalf("job: %+v", job)
		}
		if got := answer[api.Person](admin, "GET", "/api/v1/persons/"+p.ID, nil, http.StatusOK); got.LastName != "Muster" || got.Version != p.Version {
			t.Fatalf("a skipped row changed the person: %+v", got)
		}
		if n := count(maxMail(t)); n != 1 {
			t.Fatalf("the second Max row was not skipped as a duplicate of the first: %d", n)
		}
	})
	t.Run("email-update", func(t *testing.T) {
		p := setup(t)
		job := run(t, "", api.ImportDuplicates{Target: "email", Action: api.DuplicateUpdate})
		if job.Created != 1 || job.Updated != 2 || job.Skipped != 0 || job.Failed != 0 {
			t.Fatalf("job: %+v", job)
		}
		got := answer[api.Person](admin, "GET", "/api/v1/persons/"+p.ID, nil, http.StatusOK)
		if got.LastName != "Mustermann" || got.FirstName != "Erika" || len(got.Emails) != 1 {
			t.Fatalf("updated person: %+v", got)
		}
		hist := answer[api.HistoryList](admin, "GET", "/api/v1/persons/"+p.ID+"/history", nil, http.StatusOK)
		if hist.Items[0].Action != api.HistoryImported || hist.Items[0].Source != "Dubletten.csv" ||
			!slices.ContainsFunc(hist.Items[0].Changes, func(c api.FieldChange) bool {
				return c.Field == "lastName" && c.Old == "Muster" && c.New == "Mustermann"
			}) {
			t.Fatalf("history: %+v", hist.Items[0])
		}
		if n := count(maxMail(t)); n != 1 {
			t.Fatalf("Max: %d persons", n)
		}
		maxi, _ := personByEmail(admin, maxMail(t))
		if maxi.LastName != "Neuer" {
			t.Fatalf("the second Max row did not update the first's person: %+v", maxi)
		}
	})
	t.Run("email-create", func(t *testing.T) {
		setup(t)
		job := run(t, "", api.ImportDuplicates{Target: "email", Action: api.DuplicateCreate})
		if job.Created != 3 {
			t.Fatalf("job: %+v", job)
		}
		if n := count(erika(t)); n < 2 {
			t.Fatalf("create anyway made no second Erika: %d", n)
		}
	})
	t.Run("field-update", func(t *testing.T) {
		p := setup(t)
		job := run(t, "K-field-update", api.ImportDuplicates{Target: "custom." + kdnr.ID, Action: api.DuplicateUpdate})
		if job.Updated < 1 || job.Failed != 0 {
			t.Fatalf("job: %+v", job)
		}
		got := answer[api.Person](admin, "GET", "/api/v1/persons/"+p.ID, nil, http.StatusOK)
		if got.LastName != "Mustermann" {
			t.Fatalf("matched by Kundennummer, not updated: %+v", got)
		}
	})
	t.Run("field-skip", func(t *testing.T) {
		p := setup(t)
		job := run(t, "K-field-skip", api.ImportDuplicates{Target: "custom." + kdnr.ID, Action: api.DuplicateSkip})
		if job.Skipped < 1 {
			t.Fatalf("job: %+v", job)
		}
		if got := answer[api.Person](admin, "GET", "/api/v1/persons/"+p.ID, nil, http.StatusOK); got.Version != p.Version {
			t.Fatalf("skipped person changed: %+v", got)
		}
	})
}

// A file with bad rows imports the good ones and reports the bad ones, each with its reasons: the job's counts,
// and the failed-rows file (XLSX and CSV, German and English) with the original columns and a column "Fehler",
// which imports again once fixed.
func TestBadRowsAreReportedAndGoodOnesImported(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	umsatz := admin.createField(api.RecordPerson, "Umsatz", api.FieldKindNumber, false)
	file := []byte(strings.Join([]string{
		"Vorname;Nachname;E-Mail;Umsatz;Besitzer",
		"Gute;Zeile;gut@example.de;1.000,50;Jonas Schmidt",
		"Böse;Mail;keine-mail;5;",
		"Falsche;Zahl;zahl@example.de;viel;",
		"Zu;Viele;viele@example.de;1;;Extra",
		"Un;Bekannt;unbekannt@example.de;2;Niemand Hier",
		";;;3;",
		"Noch;Gut;gut2@example.de;;markus.weber@nordlicht.example",
		"=cmd;Formel;formel@example.de;abc;",
	}, "\n"))
	an := admin.analysed(api.RecordPerson, "Fehlerhaft.csv", file)
	if an.Encoding != api.EncodingUTF8 || an.Rows != 8 {
		t.Fatalf("analysis: %+v", an)
	}
	s := an.Suggested
	s.Columns = mapping("firstName", "lastName", "email", "custom."+umsatz.ID, "owner")
	preview := answer[api.ImportPreview](admin, "POST", "/api/v1/imports/"+an.ID+"/preview", s, http.StatusOK)
	want := []api.ImportOutcome{api.ImportRowCreated, api.ImportRowFailed, api.ImportRowFailed, api.ImportRowFailed,
		api.ImportRowFailed, api.ImportRowFailed, api.ImportRowCreated, api.ImportRowFailed}
	for i, r := range preview.Rows {
		if r.Outcome != want[i] {
			t.Errorf("preview row %d: %+v", r.Row, r)
		}
	}
	cellError := func(r api.ImportPreviewRow, target string) api.FieldCode {
		for _, c := range r.Cells {
			if c.Target == target {
				return c.Error
			}
		}
		return r.Errors[target]
	}
	if cellError(preview.Rows[1], "email") != api.FieldInvalid || cellError(preview.Rows[2], "custom."+umsatz.ID) != api.FieldType ||
		preview.Rows[3].Errors["row"] != api.FieldColumns || cellError(preview.Rows[4], "owner") != api.FieldNotFound ||
		cellError(preview.Rows[5], "lastName") != api.FieldRequired {
		t.Fatalf("preview errors: %+v", preview.Rows)
	}
	job := admin.imported(an.ID, s)
	if job.Status != api.ImportDone || job.Created != 2 || job.Failed != 6 || job.RowsDone != 8 {
		t.Fatalf("job: %+v", job)
	}
	gut, _ := personByEmail(admin, "gut@example.de")
	if gut.Custom[umsatz.ID] != "1000.5" || gut.OwnerName != "Jonas Schmidt" {
		t.Fatalf("good row: %+v", gut)
	}

	resp := admin.call("GET", "/api/v1/imports/"+an.ID+"/failed-rows?format=csv&lang=de", nil, http.StatusOK, nil)
	if !bytes.HasPrefix(resp.Body, []byte{0xEF, 0xBB, 0xBF}) || !strings.Contains(resp.Header.Get("Content-Disposition"), "Fehlerhaft-Fehler.csv") {
		t.Fatalf("failed rows file: %s %q", resp.Header, resp.Body[:min(len(resp.Body), 80)])
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(resp.Body, []byte{0xEF, 0xBB, 0xBF})))
	r.Comma, r.FieldsPerRecord = ';', -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 7 || !slices.Equal(rows[0], []string{"Vorname", "Nachname", "E-Mail", "Umsatz", "Besitzer", "Fehler"}) {
		t.Fatalf("failed rows: %q", rows)
	}
	if rows[1][0] != "Böse" || rows[1][5] != "E-Mail: ungültig" || rows[4][5] != "Besitzer: nicht gefunden" ||
		rows[6][0] != "'=cmd" || !strings.Contains(rows[6][5], "Umsatz: ") {
		t.Fatalf("failed rows: %q", rows)
	}
	resp = admin.call("GET", "/api/v1/imports/"+an.ID+"/failed-rows?format=xlsx&lang=en", nil, http.StatusOK, nil)
	f, err := excelize.OpenReader(bytes.NewReader(resp.Body))
	if err != nil {
		t.Fatal(err)
	}
	xrows, _ := f.GetRows(f.GetSheetName(0))
	if len(xrows) != 7 || xrows[0][5] != "Error" || xrows[1][5] != "E-mail: invalid" || xrows[6][0] != "=cmd" {
		t.Fatalf("failed rows as XLSX: %q", xrows)
	}
	if typ, _ := f.GetCellType(f.GetSheetName(0), "A7"); typ == excelize.CellTypeFormula {
		t.Fatal("a value became a formula")
	}

	// Fixed and imported again: the column "Fehler" is left out, the quote before "=" is taken off.
	fixed := bytes.Replace(bytes.Replace(rows2csv(rows), []byte("keine-mail"), []byte("boese@example.de"), 1), []byte(";viel;"), []byte(";7;"), 1)
	again := admin.analysed(api.RecordPerson, "Fehlerhaft-Fehler.csv", fixed)
	if c := importColumn(again, "Fehler"); c.Target != "" {
		t.Fatalf("the reasons column is matched: %+v", c)
	}
	s2 := again.Suggested
	s2.Columns = mapping("firstName", "lastName", "email", "custom."+umsatz.ID, "owner")
	job = admin.imported(again.ID, s2)
	if job.Created != 2 || job.Failed != 4 {
		t.Fatalf("second import: %+v", job)
	}
	if p, ok := personByEmail(admin, "formel@example.de"); ok {
		t.Fatalf("the formula row imported with abc as Umsatz: %+v", p)
	}
}

func rows2csv(rows [][]string) []byte {
	var b bytes.Buffer
	b.Write([]byte{0xEF, 0xBB, 0xBF})
	w := csv.NewWriter(&b)
	w.Comma = ';'
	_ = w.WriteAll(rows)
	return b.Bytes()
}

// Undo: the records an import created go to the trash, the records it updated are set back where nobody changed
// them since, and one changed since is kept; the answer counts each.
func TestUndoOfAnImport(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	keep := admin.createPerson(api.PersonCreate{FirstName: "Karl", LastName: "Alt", Emails: []api.ContactPoint{{Value: "karl@example.de"}}})
	back := admin.createPerson(api.PersonCreate{FirstName: "Berta", LastName: "Alt", Emails: []api.ContactPoint{{Value: "berta@example.de"}}, JobTitle: "Einkauf"})
	an := admin.analysed(api.RecordPerson, "Rückgängig.csv", csvText(
		[]string{"Vorname", "Nachname", "E-Mail", "Firma"},
		[]string{"Karl", "Neu", "karl@example.de", ""},
		[]string{"Berta", "Neu", "berta@example.de", ""},
		[]string{"Clara", "Frisch", "clara@example.de", "Frisch & Co"},
		[]string{"Dora", "Frisch", "dora@example.de", ""}))
	s := an.Suggested
	s.Duplicates = api.ImportDuplicates{Target: "email", Action: api.DuplicateUpdate}
	job := admin.imported(an.ID, s)
	if job.Created != 2 || job.Updated != 2 {
		t.Fatalf("job: %+v", job)
	}
	clara, _ := personByEmail(admin, "clara@example.de")
	karl := answer[api.Person](admin, "GET", "/api/v1/persons/"+keep.ID, nil, http.StatusOK)
	admin.call("PATCH", "/api/v1/persons/"+keep.ID, api.PersonPatch{JobTitle: ptr("Chef")}, http.StatusOK, nil, "If-Match", etagOf(karl.Version))

	res := answer[api.ImportUndoResult](admin, "POST", "/api/v1/imports/"+an.ID+"/undo", nil, http.StatusOK)
	if res.Trashed != 3 || res.Reverted != 1 || res.Kept != 1 || res.Gone != 0 || res.Job.Status != api.ImportUndone || res.Job.CanUndo {
		t.Fatalf("undo: %+v", res)
	}
	if got := answer[api.Person](admin, "GET", "/api/v1/persons/"+back.ID, nil, http.StatusOK); got.LastName != "Alt" || got.JobTitle != "Einkauf" {
		t.Fatalf("Berta not set back: %+v", got)
	}
	if got := answer[api.Person](admin, "GET", "/api/v1/persons/"+keep.ID, nil, http.StatusOK); got.LastName != "Neu" || got.JobTitle != "Chef" {
		t.Fatalf("Karl changed since, but his import's values were undone: %+v", got)
	}
	admin.call("GET", "/api/v1/persons/"+clara.ID, nil, http.StatusNotFound, nil)
	trash := answer[api.TrashList](admin, "GET", "/api/v1/trash", nil, http.StatusOK)
	names := map[string]bool{}
	for _, it := range trash.Items {
		names[it.Name] = true
	}
	if !names["Clara Frisch"] || !names["Dora Frisch"] || !names["Frisch & Co"] {
		t.Fatalf("trash: %+v", trash.Items)
	}
	admin.call("POST", "/api/v1/persons/"+clara.ID+"/restore", nil, http.StatusOK, nil)
	if e := admin.call("POST", "/api/v1/imports/"+an.ID+"/undo", nil, http.StatusConflict, nil).Error(t); e.Code != api.CodeImportState {
		t.Fatalf("second undo: %+v", e)
	}
}

// Records come in owned by users inside the importer's create scope: a field rep's import refuses rows owned by
// another rep, row by row.
func TestImportOwnersOutsideTheScopeAreRefusedPerRow(t *testing.T) {
	env := apptest.Start(t)
	jonas := signIn(t, env, apptest.FieldRepNord)
	an := jonas.analysed(api.RecordPerson, "Meine.csv", csvText(
		[]string{"Vorname", "Nachname", "Besitzer"},
		[]string{"Eigene", "Person", "Jonas Schmidt"},
		[]string{"Fremde", "Person", "lena.fischer@nordlicht.example"},
		[]string{"Ohne", "Besitzer", ""}))
	job := jonas.imported(an.ID, an.Suggested)
	if job.Created != 2 || job.Failed != 1 {
		t.Fatalf("job: %+v", job)
	}
	resp := jonas.call("GET", "/api/v1/imports/"+an.ID+"/failed-rows?format=csv", nil, http.StatusOK, nil)
	if !strings.Contains(string(resp.Body), "Fremde;Person;lena.fischer@nordlicht.example;Besitzer: nicht erlaubt") {
		t.Fatalf("failed rows: %s", resp.Body)
	}
	// A default owner outside the scope is refused for the whole import.
	an = jonas.analysed(api.RecordPerson, "Meine.csv", csvText([]string{"Nachname"}, []string{"X"}))
	s := an.Suggested
	s.OwnerID = env.Demo.Users[apptest.FieldRepSued].String()
	if e := jonas.call("POST", "/api/v1/imports/"+an.ID+"/start", s, http.StatusUnprocessableEntity, nil).Error(t); e.Fields["ownerId"] != api.FieldForbidden {
		t.Fatalf("start: %+v", e)
	}
	// Nobody else sees, runs or undoes Jonas's import (an admin may look at it).
	lena := signIn(t, env, apptest.FieldRepSued)
	lena.call("GET", "/api/v1/imports/"+an.ID, nil, http.StatusNotFound, nil)
	lena.call("POST", "/api/v1/imports/"+an.ID+"/start", an.Suggested, http.StatusNotFound, nil)
	admin := signIn(t, env, apptest.Admin)
	admin.call("GET", "/api/v1/imports/"+an.ID, nil, http.StatusOK, nil)
	admin.call("POST", "/api/v1/imports/"+an.ID+"/start", an.Suggested, http.StatusForbidden, nil)
}

// A role that cannot create records of a type may not import them: refused at upload, and at start when the role
// lost the right in between.
func TestImportNeedsTheCreateRight(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	sabine := signIn(t, env, apptest.InsideSales)
	an := sabine.analysed(api.RecordPerson, "Innen.csv", csvText([]string{"Nachname"}, []string{"A"}))
	var roles api.RoleList
	admin.call("GET", "/api/v1/roles", nil, http.StatusOK, &roles)
	for _, r := range roles.Items {
		if r.Name != "Innendienst" {
			continue
		}
		grants := slices.DeleteFunc(slices.Clone(r.Grants), func(g api.Grant) bool {
			return g.RecordType == api.RecordPerson && g.Action == api.ActionCreate
		})
		admin.call("PATCH", "/api/v1/roles/"+r.ID, api.RolePatch{Grants: &grants}, http.StatusOK, nil, "If-Match", etagOf(r.Version))
	}
	sabine = signIn(t, env, apptest.InsideSales)
	if e := sabine.upload(api.RecordPerson, "Innen.csv", csvText([]string{"Nachname"}, []string{"A"})).Error(t); e.Code != api.CodeForbidden {
		t.Fatalf("upload: %+v", e)
	}
	sabine.call("POST", "/api/v1/imports/"+an.ID+"/start", an.Suggested, http.StatusForbidden, nil)
	sabine.analysed(api.RecordOrganization, "Firmen.csv", csvText([]string{"Firma"}, []string{"A GmbH"}))
}

// Files that cannot be imported, and settings that cannot work, are refused with a clear code, never a 500.
func TestBadImportFilesAndSettingsAreRefused(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\n")
	zipped := xlsxFile(t, [][]any{{"Nachname"}, {"A"}})
	for _, c := range []struct {
		name, file string
		body       []byte
		status     int
		code       api.ErrorCode
		field      string
		fieldCode  api.FieldCode
	}{
		{"empty", "leer.csv", nil, 422, api.CodeImportFileInvalid, "file", api.FieldEmpty},
		{"blank lines", "leer.csv", []byte("\r\n;;\r\n  \n"), 422, api.CodeImportFileInvalid, "file", api.FieldEmpty},
		{"header only", "kopf.csv", []byte("Vorname;Nachname\r\n"), 422, api.CodeImportFileInvalid, "file", api.FieldNoRows},
		{"header only xlsx", "kopf.xlsx", xlsxFile(t, [][]any{{"Vorname", "Nachname"}}), 422, api.CodeImportFileInvalid, "file", api.FieldNoRows},
		{"pdf named xlsx", "kunden.xlsx", pdf, 422, api.CodeImportFileInvalid, "file", api.FieldMismatch},
		{"pdf named csv", "kunden.csv", pdf, 422, api.CodeImportFileInvalid, "file", api.FieldMismatch},
		{"xlsx named csv", "kunden.csv", zipped, 422, api.CodeImportFileInvalid, "file", api.FieldMismatch},
		{"broken xlsx", "kunden.xlsx", append([]byte("PK\x03\x04"), bytes.Repeat([]byte("x"), 100)...), 422, api.CodeImportFileInvalid, "file", api.FieldInvalid},
		{"other type", "kunden.pdf", pdf, 422, api.CodeImportFileInvalid, "fileName", api.FieldType},
		{"old excel", "kunden.xls", []byte{0xD0, 0xCF, 0x11, 0xE0}, 422, api.CodeImportFileInvalid, "fileName", api.FieldType},
		{"no name", "", []byte("a\n1\n"), 422, api.CodeValidation, "fileName", api.FieldRequired},
		{"too big", "gross.csv", bytes.Repeat([]byte("a;b\n"), api.MaxImportBytes/4+1), 413, api.CodeBodyTooLarge, "file", api.FieldTooLarge},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp := admin.upload(api.RecordPerson, c.file, c.body)
			e := resp.Error(t)
			if resp.Status != c.status || e.Code != c.code || e.Fields[c.field] != c.fieldCode {
				t.Fatalf("got %d %+v", resp.Status, e)
			}
		})
	}
	if e := admin.upload("activity", "a.csv", []byte("a\n1\n")).Error(t); e.Fields["recordType"] != api.FieldInvalid {
		t.Fatalf("record type: %+v", e)
	}

	an := admin.analysed(api.RecordPerson, "Kunden.csv", []byte("Vorname;Nachname;E-Mail;Zahl\nA;B;a@b.de;1\nC;D;c@d.de;2;zu viel\n"))
	for _, c := range []struct {
		name     string
		settings api.ImportSettings
		fields   map[string]api.FieldCode
	}{
		{"two columns to one field", api.ImportSettings{Columns: []api.ImportMapping{{Column: 0, Target: "lastName"}, {Column: 1, Target: "lastName"}},
			Duplicates: api.ImportDuplicates{Action: api.DuplicateSkip}}, map[string]api.FieldCode{"columns[1].target": api.FieldDuplicate}},
		{"unknown field", api.ImportSettings{Columns: []api.ImportMapping{{Column: 1, Target: "lastName"}, {Column: 2, Target: "shoeSize"}},
			Duplicates: api.ImportDuplicates{Action: api.DuplicateSkip}}, map[string]api.FieldCode{"columns[1].target": api.FieldUnknown}},
		{"no name nor e-mail", api.ImportSettings{Columns: []api.ImportMapping{{Column: 3, Target: "jobTitle"}},
			Duplicates: api.ImportDuplicates{Action: api.DuplicateSkip}}, map[string]api.FieldCode{"lastName": api.FieldRequired}},
		{"no such column", api.ImportSettings{Columns: []api.ImportMapping{{Column: 9, Target: "lastName"}},
			Duplicates: api.ImportDuplicates{Action: api.DuplicateSkip}}, map[string]api.FieldCode{"columns[0].column": api.FieldInvalid, "lastName": api.FieldRequired}},
		{"duplicate rule on an unmapped field", api.ImportSettings{Columns: []api.ImportMapping{{Column: 1, Target: "lastName"}},
			Duplicates: api.ImportDuplicates{Target: "email", Action: api.DuplicateSkip}}, map[string]api.FieldCode{"duplicates.target": api.FieldRequired}},
		{"no duplicate action", api.ImportSettings{Columns: []api.ImportMapping{{Column: 1, Target: "lastName"}}},
			map[string]api.FieldCode{"duplicates.action": api.FieldInvalid}},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, route := range []string{"preview", "start"} {
				e := admin.call("POST", "/api/v1/imports/"+an.ID+"/"+route, c.settings, http.StatusUnprocessableEntity, nil).Error(t)
				if e.Code != api.CodeValidation || !maps.Equal(e.Fields, c.fields) {
					t.Fatalf("%s: %+v", route, e)
				}
			}
		})
	}
	// A custom number field's column needs its form.
	num := admin.createField(api.RecordPerson, "Zahl", api.FieldKindNumber, false)
	e := admin.call("POST", "/api/v1/imports/"+an.ID+"/preview", api.ImportSettings{Columns: []api.ImportMapping{{Column: 1, Target: "lastName"},
		{Column: 3, Target: "custom." + num.ID}}, Duplicates: api.ImportDuplicates{Action: api.DuplicateSkip}}, http.StatusUnprocessableEntity, nil).Error(t)
	if e.Fields["columns[1].number"] != api.FieldRequired {
		t.Fatalf("number form: %+v", e)
	}
	// Started once, then never again; the ragged row fails alone.
	job := admin.imported(an.ID, an.Suggested)
	if job.Created != 1 || job.Failed != 1 {
		t.Fatalf("job: %+v", job)
	}
	if e := admin.call("POST", "/api/v1/imports/"+an.ID+"/start", an.Suggested, http.StatusConflict, nil).Error(t); e.Code != api.CodeImportState {
		t.Fatalf("second start: %+v", e)
	}
	admin.call("POST", "/api/v1/imports/"+an.ID+"/preview", an.Suggested, http.StatusConflict, nil)
	admin.call("GET", "/api/v1/imports/"+an.ID+"/failed-rows?format=pdf", nil, http.StatusUnprocessableEntity, nil)
	admin.call("GET", "/api/v1/imports/"+uuid.NewString(), nil, http.StatusNotFound, nil)
}

// An import whose worker dies (its instance stops after a batch) is resumed by another worker once its lease ran
// out, after the last batch committed: every row once, nothing twice. Progress reaches the importer's desktop
// through the change feed.
func TestImportResumesAfterItsWorkerDied(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	stream := env.OpenStream("", admin.token, "")
	stream.Ready()
	rows := [][]string{{"Vorname", "Nachname", "E-Mail"}}
	for i := range 25 {
		rows = append(rows, []string{"Person", fmt.Sprint("Nummer ", i), fmt.Sprintf("p%d@resume.example", i)})
	}
	an := admin.analysed(api.RecordPerson, "Viele.csv", csvText(rows...))
	admin.call("POST", "/api/v1/imports/"+an.ID+"/start", an.Suggested, http.StatusAccepted, nil)
	dying := env.App.ImportWorker().With(importer.WorkerOptions{Batch: 10, Lease: time.Second})
	dying.StopAfter(func(_ uuid.UUID, batch int) bool { return batch == 1 })
	if found, err := dying.Step(context.Background()); !found || err != nil {
		t.Fatalf("first worker: %v %v", found, err)
	}
	job := answer[api.ImportJob](admin, "GET", "/api/v1/imports/"+an.ID, nil, http.StatusOK)
	if job.Status != api.ImportRunning || job.RowsDone != 10 || job.Created != 10 {
		t.Fatalf("after the first batch: %+v", job)
	}
	if found, _ := env.App.ImportWorker().Step(context.Background()); found {
		t.Fatal("an import with a running lease was taken over")
	}
	time.Sleep(1100 * time.Millisecond)
	other := env.App.ImportWorker().With(importer.WorkerOptions{Batch: 10, Lease: time.Minute})
	if found, err := other.Step(context.Background()); !found || err != nil {
		t.Fatalf("second worker: %v %v", found, err)
	}
	job = answer[api.ImportJob](admin, "GET", "/api/v1/imports/"+an.ID, nil, http.StatusOK)
	if job.Status != api.ImportDone || job.RowsDone != 25 || job.Created != 25 || job.RowsPerSecond <= 0 {
		t.Fatalf("job: %+v", job)
	}
	if n := admin.persons(api.ListQuery{Search: "resume.example", Limit: 200}).Total; n != 25 {
		t.Fatalf("%d persons, want 25", n)
	}
	stream.WaitChange(5*time.Second, func(e api.ChangeEvent) bool {
		return e.Topic == api.TopicImport && e.RecordID == an.ID && e.Change == api.ChangeUpdated
	})
}

// Leads and deals import into their pipelines and stages (by name, or the settings'); a deal finds its person by
// e-mail address and its organisation by name (or creates it), and a row with neither fails.
func TestLeadsAndDealsImportIntoTheirPipelines(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	leadPipe, dealPipe := makePipeline(admin, api.RecordLead, "Anfragen", 10, 40), makePipeline(admin, api.RecordDeal, "Verkauf", 10, 50, 90)
	leadStage, dealStage := leadPipe.Stages[1], dealPipe.Stages[1]

	an := admin.analysed(api.RecordLead, "Messe.csv", csvText(
		[]string{"Firma", "Vorname", "Nachname", "E-Mail", "PLZ", "Ort", "Quelle", "Phase"},
		[]string{"Lindner Bau GmbH", "Anna", "Schulz", "anna@lindner.example", "20095", "Hamburg", "Messe Hamburg", strings.ToUpper(leadStage.Name)},
		[]string{"", "Otto", "Ohnefirma", "otto@example.de", "", "", "", ""},
		[]string{"Falsch GmbH", "", "", "", "", "", "", "Gibt es nicht"}))
	if importColumn(an, "Firma").Target != "company" || importColumn(an, "Phase").Target != "stage" || importColumn(an, "Quelle").Target != "source" {
		t.Fatalf("lead columns: %+v", an.Columns)
	}
	job := admin.imported(an.ID, an.Suggested)
	if job.Created != 2 || job.Failed != 1 {
		t.Fatalf("lead job: %+v", job)
	}
	leads := answer[api.LeadPage](admin, "POST", "/api/v1/leads/query", api.ListQuery{Search: "Lindner"}, http.StatusOK)
	if len(leads.Items) != 1 || leads.Items[0].Title != "Lindner Bau GmbH" || leads.Items[0].PersonName != "Anna Schulz" ||
		leads.Items[0].StageID != leadStage.ID || leads.Items[0].Source != "Messe Hamburg" || leads.Items[0].Status != api.LeadOpen {
		t.Fatalf("lead: %+v", leads.Items)
	}
	otto := answer[api.LeadPage](admin, "POST", "/api/v1/leads/query", api.ListQuery{Search: "Ohnefirma"}, http.StatusOK)
	if len(otto.Items) != 1 || otto.Items[0].Title != "Otto Ohnefirma" || otto.Items[0].StageID != leadPipe.Stages[0].ID {
		t.Fatalf("a lead without company is named after its person, in the first stage: %+v", otto.Items)
	}

	person := admin.createPerson(api.PersonCreate{FirstName: "Karla", LastName: "Kundin", Emails: []api.ContactPoint{{Value: "karla@kunde.example"}}})
	org := admin.createOrg(api.OrganizationCreate{Name: "Kunde AG"})
	an = admin.analysed(api.RecordDeal, "Chancen.csv", csvText(
		[]string{"Titel", "Wert", "Abschlussdatum", "Kontakt E-Mail", "Firma", "Phase"},
		[]string{"Kopierer", "12.500,00", "31.12.2026", "KARLA@kunde.example", "kunde ag", dealStage.Name},
		[]string{"Drucker", "99,90", "", "", "Neue Firma GmbH", ""},
		[]string{"Beamer", "1", "", "unbekannt@example.de", "", ""},
		[]string{"Tafel", "1", "", "", "", ""}))
	if c := importColumn(an, "Wert"); c.Target != "value" || c.Number != api.NumberDE {
		t.Fatalf("Wert: %+v", c)
	}
	if c := importColumn(an, "Abschlussdatum"); c.Target != "expectedCloseDate" || c.Date != api.DateDMY {
		t.Fatalf("Abschlussdatum: %+v", c)
	}
	job = admin.imported(an.ID, an.Suggested)
	if job.Created != 2 || job.Failed != 2 {
		t.Fatalf("deal job: %+v", job)
	}
	deals := answer[api.DealPage](admin, "POST", "/api/v1/deals/query", api.ListQuery{Search: "Kopierer"}, http.StatusOK)
	if len(deals.Items) != 1 || deals.Items[0].Value != "12500.00" || deals.Items[0].ExpectedCloseDate != "2026-12-31" ||
		deals.Items[0].PersonID != person.ID || deals.Items[0].OrganizationID != org.ID || deals.Items[0].StageID != dealStage.ID {
		t.Fatalf("deal: %+v", deals.Items)
	}
	drucker := answer[api.DealPage](admin, "POST", "/api/v1/deals/query", api.ListQuery{Search: "Drucker"}, http.StatusOK)
	if len(drucker.Items) != 1 || drucker.Items[0].OrganizationName != "Neue Firma GmbH" || drucker.Items[0].Value != "99.90" {
		t.Fatalf("Drucker: %+v", drucker.Items)
	}
	resp := admin.call("GET", "/api/v1/imports/"+an.ID+"/failed-rows?format=csv", nil, http.StatusOK, nil)
	if !strings.Contains(string(resp.Body), "Person: nicht gefunden") || !strings.Contains(string(resp.Body), "Organisation: fehlt") {
		t.Fatalf("failed rows: %s", resp.Body)
	}
	res := answer[api.ImportUndoResult](admin, "POST", "/api/v1/imports/"+an.ID+"/undo", nil, http.StatusOK)
	if res.Trashed != 3 {
		t.Fatalf("undo (two deals and the organisation made for one): %+v", res)
	}
}

// An exported list imported again changes nothing (issue 15's round trip): the export's file, CSV for German Excel
// and XLSX, is matched column by column by the analysis (its headers are the UI's words), and with the duplicate
// rule "update by e-mail" every row finds its person and writes nothing: no record created, no version moved, no
// history entry added.
func TestExportedPersonsImportAgainUnchanged(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	kdnr := admin.createField(api.RecordPerson, "Kundennummer", api.FieldKindText, false)
	revenue := admin.createField(api.RecordPerson, "Umsatz", api.FieldKindNumber, false)
	letters := admin.createField(api.RecordPerson, "Newsletter", api.FieldKindBool, false)
	city := "Rundreise-" + uuid.NewString()[:8]
	org := admin.createOrg(api.OrganizationCreate{Name: "Rundreise Söhne & Töchter GmbH"})
	var want []api.Person
	for i, name := range []string{"Müller", "Größe", "Weiß"} {
		want = append(want, admin.createPerson(api.PersonCreate{Salutation: api.SalutationFrau, Title: "Dr.", FirstName: "Jürgen",
			LastName: name, JobTitle: "Einkäuferin", Emails: []api.ContactPoint{{Value: fmt.Sprintf("rund.%d@%s.example", i, strings.ToLower(city))}},
			Phones:        []api.ContactPoint{{Value: fmt.Sprintf("+49 89 12345-%d", i)}},
			Address:       api.Address{Street: "Hauptstraße 1", PostalCode: "80331", City: city, Country: "DE"},
			Organizations: []api.MembershipInput{{OrganizationID: org.ID, Primary: true}},
			Custom:        api.CustomValues{kdnr.ID: fmt.Sprintf("K-%d", 1000+i), revenue.ID: fmt.Sprintf("%d.5", 12345+i), letters.ID: []string{"true", "false", "true"}[i]}}))
	}
	// A person with two of everything: the export writes them into one cell each ("a; b"), the main one first.
	second := admin.createOrg(api.OrganizationCreate{Name: "Zweitfirma Rundreise AG"})
	want = append(want, admin.createPerson(api.PersonCreate{FirstName: "Änne", LastName: "Zwilling",
		Emails:        []api.ContactPoint{{Value: "zwei.1@" + strings.ToLower(city) + ".example"}, {Value: "zwei.2@" + strings.ToLower(city) + ".example", Kind: api.ContactPrivate}},
		Phones:        []api.ContactPoint{{Value: "+49 30 111"}, {Value: "+49 171 222", Kind: api.ContactMobile}},
		Address:       api.Address{City: city},
		Organizations: []api.MembershipInput{{OrganizationID: second.ID}, {OrganizationID: org.ID, Primary: true}}}))
	history := func(p api.Person) int {
		return len(answer[api.HistoryList](admin, "GET", "/api/v1/persons/"+p.ID+"/history", nil, http.StatusOK).Items)
	}
	before := map[string]int{}
	for _, p := range want {
		before[p.ID] = history(p)
	}
	q := api.ListQuery{City: city, Sort: "name"}
	for _, run := range []struct {
		format  api.ExportFormat
		lang    api.Language
		headers []string
	}{
		{api.ExportCSV, api.LanguageDE, []string{"Anrede", "Vorname", "Nachname", "E-Mail-Adressen", "Telefonnummern", "Organisationen", "Kundennummer", "Umsatz", "Newsletter", "Ort"}},
		{api.ExportXLSX, api.LanguageDE, []string{"Anrede", "Vorname", "Nachname", "E-Mail-Adressen", "Telefonnummern", "Organisationen", "PLZ"}},
		{api.ExportXLSX, api.LanguageEN, []string{"Salutation", "First name", "Last name", "E-mail addresses", "Phone numbers", "Organisations", "Postcode", "Newsletter"}},
	} {
		t.Run(string(run.format)+"-"+string(run.lang), func(t *testing.T) {
			file := admin.export("/api/v1/persons/export", api.ExportRequest{Query: q,
				ExportOptions: api.ExportOptions{Format: run.format, Language: run.lang}}).ok(t, len(want))
			an := admin.analysed(api.RecordPerson, "Personen."+string(run.format), file.body)
			for _, header := range run.headers {
				if c := importColumn(an, header); c.Target == "" {
					t.Errorf("the export's column %q is not matched: %+v", header, c)
				}
			}
			s := an.Suggested
			s.Duplicates = api.ImportDuplicates{Target: string(api.TargetEmail), Action: api.DuplicateUpdate}
			job := admin.imported(an.ID, s)
			if job.Created != 0 || job.Failed != 0 || job.Updated != 0 || job.Skipped != len(want) {
				t.Fatalf("the round trip's job: %+v", job)
			}
			if page := admin.persons(q); page.Total != len(want) {
				t.Fatalf("%d persons in %s after the round trip", page.Total, city)
			}
			for _, p := range want {
				got := answer[api.Person](admin, "GET", "/api/v1/persons/"+p.ID, nil, http.StatusOK)
				if got.Version != p.Version {
					t.Errorf("%s: version %d -> %d: %+v", p.LastName, p.Version, got.Version, got)
				}
				if n := history(p); n != before[p.ID] {
					t.Errorf("%s: %d history entries, %d before", p.LastName, n, before[p.ID])
				}
			}
		})
	}
}
