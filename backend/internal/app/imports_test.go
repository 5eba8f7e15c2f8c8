package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/1sales/app/backend/internal/apptest"
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

var _ = fmt.Sprint
