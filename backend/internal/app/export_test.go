package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/shared/api"
)

// exported is an export's answer: status, headers, the trailer and the body.
type exported struct {
	status  int
	header  http.Header
	trailer http.Header
	body    []byte
}

// export posts an export and reads the whole answer (with its trailer, which apptest's client does not keep).
func (c *client) export(path string, body any) exported {
	c.t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", c.env.Server.URL+path, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("%s: read: %v", path, err)
	}
	return exported{status: resp.StatusCode, header: resp.Header, trailer: resp.Trailer, body: b}
}

// ok expects a 200 and the row count in the header (xlsx) or trailer (csv).
func (e exported) ok(t *testing.T, rows int) exported {
	t.Helper()
	if e.status != 200 {
		t.Fatalf("export: %d %s", e.status, e.body)
	}
	n := e.header.Get(api.HeaderExportRows)
	if n == "" {
		n = e.trailer.Get(api.HeaderExportRows)
	}
	if n != strconv.Itoa(rows) {
		t.Fatalf("row count %q, want %d", n, rows)
	}
	return e
}

// csvRows parses a CSV export (a BOM and semicolons for the excel style).
func (e exported) csvRows(t *testing.T, comma rune) [][]string {
	t.Helper()
	b := e.body
	if comma == ';' {
		if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
			t.Fatalf("no BOM: %q", b[:min(10, len(b))])
		}
		b = b[3:]
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = comma
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	return recs
}

// xlsxRows opens an XLSX export: its sheet's rows as text (as shown) and the workbook for typed checks.
func (e exported) xlsxRows(t *testing.T) (*excelize.File, string, [][]string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(e.body))
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	t.Cleanup(func() { _ = f.Close() })
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return f, sheet, rows
}

// listAll pages through a list route as the UI does.
func listAll[P any, W any](c *client, path string, q api.ListQuery, items func(P) ([]W, string)) []W {
	c.t.Helper()
	var out []W
	for {
		page := answer[P](c, "POST", path, q, 200)
		got, next := items(page)
		out = append(out, got...)
		if next == "" {
			return out
		}
		q.Cursor = next
	}
}

func persons(c *client, q api.ListQuery) []api.Person {
	q.Limit = 137 // pages of another size than the export's
	return listAll(c, "/api/v1/persons/query", q, func(p api.PersonPage) ([]api.Person, string) { return p.Items, p.NextCursor })
}

// exportFixture: custom fields of every kind and 1,050 persons in one city (more than one batch of the export),
// of Lena and of Jonas, with values in the custom fields, a formula as a name and an organisation of Jonas's.
type exportFixture struct {
	number, text, flag api.CustomField
	city               string
}

func newExportFixture(t *testing.T, env *apptest.Env, adm *client) exportFixture {
	fx := exportFixture{city: "Exportstadt",
		number: adm.createField(api.RecordPerson, "Umsatz", api.FieldKindNumber, false),
		text:   adm.createField(api.RecordPerson, "Kundennummer", api.FieldKindText, false),
		flag:   adm.createField(api.RecordPerson, "Newsletter", api.FieldKindBool, false)}
	lena, jonas := env.Demo.Users[apptest.FieldRepSued], env.Demo.Users[apptest.FieldRepNord]
	_, err := env.DB.Owner.NewRaw(`INSERT INTO persons (tenant_id, owner_id, first_name, last_name, sort_name, search_text,
			emails, email_keys, city, postal_code, custom, created_at, updated_at)
		SELECT ?, CASE WHEN i % 3 = 0 THEN ?::uuid ELSE ?::uuid END, 'Vera' || i, 'Export' || lpad(i::text, 4, '0'),
			'Export' || lpad(i::text, 4, '0') || ' Vera' || i, 'export' || i,
			jsonb_build_array(jsonb_build_object('value', 'v' || i || '@export.example', 'kind', 'work')),
			ARRAY['v' || i || '@export.example'], ?, '80331',
			jsonb_build_object(?::text, trim_scale(i * 10.5)::text, ?::text, 'K-' || i, ?::text, CASE WHEN i % 2 = 0 THEN 'true' ELSE 'false' END),
			now() - i * interval '1 minute', now() - i * interval '1 minute'
		FROM generate_series(1, 1050) AS i`,
		env.Demo.TenantID, jonas, lena, fx.city, fx.number.ID, fx.text.ID, fx.flag.ID).Exec(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

func TestExportOfAFilteredSortedPersonListHoldsTheListsRowsAsCSVAndXLSX(t *testing.T) {
	env := apptest.Start(t)
	adm := signIn(t, env, apptest.Admin)
	fx := newExportFixture(t, env, adm)
	// A person whose fields a spreadsheet would run, a negative number and an organisation.
	org := adm.createOrg(api.OrganizationCreate{Name: "Formel & Söhne"})
	evil := adm.createPerson(api.PersonCreate{FirstName: "@SUMME(A1)", LastName: "=HYPERLINK(\"http://x\")",
		Emails: []api.ContactPoint{{Value: "evil@export.example"}}, Address: api.Address{City: fx.city},
		Phones:        []api.ContactPoint{{Value: "+49 89 1234"}, {Value: "089 5678"}},
		Organizations: []api.MembershipInput{{OrganizationID: org.ID, Primary: true}},
		Custom:        api.CustomValues{fx.number.ID: "-12.5", fx.text.ID: "-1+2"}})
	q := api.ListQuery{City: fx.city, Sort: "-createdAt"}
	want := persons(adm, q)
	if len(want) != 1051 {
		t.Fatalf("the list has %d persons", len(want))
	}

	t.Run("csv, German Excel", func(t *testing.T) {
		e := adm.export("/api/v1/persons/export", api.ExportRequest{Query: q, ExportOptions: api.ExportOptions{Format: api.ExportCSV}}).ok(t, 1051)
		if ct := e.header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Fatalf("content type %q", ct)
		}
		if cd := e.header.Get("Content-Disposition"); !strings.Contains(cd, `filename=Personen-`+time.Now().In(mustBerlin()).Format("2006-01-02")+`.csv;`) {
			t.Fatalf("content disposition %q", cd)
		}
		if !bytes.Contains(e.body, []byte("\r\n")) {
			t.Fatal("no CRLF")
		}
		recs := e.csvRows(t, ';')
		wantHeader := []string{"Anrede", "Titel", "Vorname", "Nachname", "Position", "E-Mail-Adressen", "Telefonnummern",
			"Straße", "PLZ", "Ort", "Land", "Organisationen", "Besitzer", "Angelegt am", "Zuletzt geändert am",
			"Umsatz", "Kundennummer", "Newsletter"}
		if !slices.Equal(recs[0], wantHeader) {
			t.Fatalf("header %q", recs[0])
		}
		if len(recs)-1 != len(want) {
			t.Fatalf("%d rows, the list %d", len(recs)-1, len(want))
		}
		berlin, _ := time.LoadLocation("Europe/Berlin")
		for i, p := range want {
			r := recs[i+1]
			yes := map[string]string{"true": "Ja", "false": "Nein", "": ""}[p.Custom[fx.flag.ID]]
			wantRow := []string{"", p.Title, p.FirstName, p.LastName, p.JobTitle, p.Emails[0].Value, "", "", p.Address.PostalCode,
				p.Address.City, "", "", p.OwnerName, p.CreatedAt.In(berlin).Format("02.01.2006 15:04"),
				p.UpdatedAt.In(berlin).Format("02.01.2006 15:04"), strings.Replace(p.Custom[fx.number.ID], ".", ",", 1),
				p.Custom[fx.text.ID], yes}
			if p.ID == evil.ID {
				wantRow[2], wantRow[3], wantRow[6], wantRow[11] = "'@SUMME(A1)", "'=HYPERLINK(\"http://x\")", "'+49 89 1234; 089 5678", "Formel & Söhne"
				wantRow[15], wantRow[16] = "-12,5", "'-1+2"
			}
			if !slices.Equal(r, wantRow) {
				t.Fatalf("row %d:\n got %q\nwant %q", i+1, r, wantRow)
			}
		}
	})

	t.Run("xlsx, English, chosen columns", func(t *testing.T) {
		cols := []string{"lastName", api.ExportCustomPrefix + fx.number.ID, "createdAt", "emails", api.ExportCustomPrefix + fx.flag.ID}
		e := adm.export("/api/v1/persons/export", api.ExportRequest{Query: q, ExportOptions: api.ExportOptions{
			Columns: cols, Language: api.LanguageEN}}).ok(t, 1051)
		if ct := e.header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Fatalf("content type %q", ct)
		}
		f, sheet, rows := e.xlsxRows(t)
		if sheet != "Persons" || !slices.Equal(rows[0], []string{"Last name", "Umsatz", "Created on", "E-mail addresses", "Newsletter"}) {
			t.Fatalf("sheet %q, header %q", sheet, rows[0])
		}
		if len(rows)-1 != len(want) {
			t.Fatalf("%d rows, the list %d", len(rows)-1, len(want))
		}
		for i, p := range want {
			cell := func(col int) string { c, _ := excelize.CoordinatesToCellName(col, i+2); return c }
			if rows[i+1][0] != p.LastName || rows[i+1][3] != p.Emails[0].Value {
				t.Fatalf("row %d: %q, want %s %s", i+1, rows[i+1], p.LastName, p.Emails[0].Value)
			}
			// The number is a number, the time a date-time.
			if raw, _ := f.GetCellValue(sheet, cell(2), excelize.Options{RawCellValue: true}); raw != p.Custom[fx.number.ID] {
				t.Fatalf("row %d: number %q, want %q", i+1, raw, p.Custom[fx.number.ID])
			}
			if typ, _ := f.GetCellType(sheet, cell(2)); typ != excelize.CellTypeUnset {
				t.Fatalf("row %d: the number is of type %v", i+1, typ)
			}
			if got, _ := f.GetCellValue(sheet, cell(3)); got != p.CreatedAt.In(mustBerlin()).Format("2006-01-02 15:04") {
				t.Fatalf("row %d: created %q", i+1, got)
			}
			if p.ID == evil.ID {
				if typ, _ := f.GetCellType(sheet, cell(1)); typ != excelize.CellTypeInlineString {
					t.Fatalf("the formula-like name is of type %v", typ)
				}
				if fm, _ := f.GetCellFormula(sheet, cell(1)); fm != "" || rows[i+1][0] != `=HYPERLINK("http://x")` {
					t.Fatalf("the name became a formula %q (%q)", fm, rows[i+1][0])
				}
			}
		}
	})

	t.Run("csv, comma", func(t *testing.T) {
		e := adm.export("/api/v1/persons/export", api.ExportRequest{Query: q, ExportOptions: api.ExportOptions{
			Format: api.ExportCSV, CSVStyle: api.CSVComma, Language: api.LanguageEN, Columns: []string{"lastName", "createdAt",
				api.ExportCustomPrefix + fx.number.ID}}}).ok(t, 1051)
		if bytes.HasPrefix(e.body, []byte("\xEF\xBB\xBF")) {
			t.Fatal("a BOM")
		}
		recs := e.csvRows(t, ',')
		if got := recs[2]; got[0] != want[1].LastName || got[2] != want[1].Custom[fx.number.ID] || got[1] != want[1].CreatedAt.In(mustBerlin()).Format("2006-01-02 15:04") {
			t.Fatalf("second row %q", got)
		}
	})

	t.Run("every export is recorded for the admins", func(t *testing.T) {
		page := answer[api.ExportPage](adm, "GET", "/api/v1/exports?limit=2", nil, 200)
		if len(page.Items) != 2 || page.NextCursor == "" {
			t.Fatalf("page %+v", page)
		}
		last := page.Items[0]
		if last.RecordType != api.RecordPerson || last.Format != api.ExportCSV || last.Rows != 1051 || !last.Completed ||
			last.UserName != "Claudia Becker" || last.Filter != `{"city": "Exportstadt", "sort": "-createdAt"}` || len(last.Columns) != 3 {
			t.Fatalf("newest export %+v", last)
		}
		if page.Items[1].Format != api.ExportXLSX || page.Items[1].CreatedAt.After(last.CreatedAt) {
			t.Fatalf("not newest first: %+v", page.Items[1])
		}
		rest := answer[api.ExportPage](adm, "GET", "/api/v1/exports?cursor="+page.NextCursor, nil, 200)
		if len(rest.Items) != 1 || rest.Items[0].Columns[0] != "salutation" {
			t.Fatalf("the rest %+v", rest.Items)
		}
	})
}

func mustBerlin() *time.Location {
	l, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return l
}

func TestExportHoldsOnlyWhatTheUserMayBothSeeAndExport(t *testing.T) {
	env := apptest.Start(t)
	adm := signIn(t, env, apptest.Admin)
	fx := newExportFixture(t, env, adm)
	q := api.ListQuery{City: fx.city}
	cols := api.ExportOptions{Format: api.ExportCSV, Columns: []string{"lastName", "owner"}}

	t.Run("a field rep exports their own records", func(t *testing.T) {
		jonas := signIn(t, env, apptest.FieldRepNord)
		want := persons(jonas, q)
		if len(want) != 350 {
			t.Fatalf("Jonas lists %d", len(want))
		}
		recs := jonas.export("/api/v1/persons/export", api.ExportRequest{Query: q, ExportOptions: cols}).ok(t, 350).csvRows(t, ';')
		for i, p := range want {
			if recs[i+1][0] != p.LastName || recs[i+1][1] != "Jonas Schmidt" {
				t.Fatalf("row %d: %q", i+1, recs[i+1])
			}
		}
	})

	// A role that sees every person but exports only its own, and one that exports nothing.
	role := func(name string, export api.Scope) string {
		grants := []api.Grant{{RecordType: api.RecordPerson, Action: api.ActionView, Scope: api.ScopeAll},
			{RecordType: api.RecordActivity, Action: api.ActionView, Scope: api.ScopeAll}}
		if export != api.ScopeNone {
			grants = append(grants, api.Grant{RecordType: api.RecordPerson, Action: api.ActionExport, Scope: export})
		}
		return answer[api.Role](adm, "POST", "/api/v1/roles", api.RoleCreate{Name: name, Grants: grants}, 201).ID
	}
	user := func(email, roleID string) *client {
		adm.call("POST", "/api/v1/users", api.UserCreate{Email: email, Name: "Export " + email[:4], Password: apptest.Password,
			UnitID: env.Demo.Units["Außendienst Süd"].String(), RoleID: roleID}, 201, nil)
		return signIn(t, env, email)
	}

	t.Run("view all, export own", func(t *testing.T) {
		u := user("ownexport@nordlicht.example", role("Sieht alles, exportiert eigene", api.ScopeOwn))
		if all := persons(u, q); len(all) != 1050 {
			t.Fatalf("the list has %d", len(all))
		}
		var me api.Me
		u.call("GET", "/api/v1/me", nil, 200, &me)
		mine := adm.createPerson(api.PersonCreate{LastName: "Eigene", Address: api.Address{City: fx.city}, OwnerID: me.User.ID})
		recs := u.export("/api/v1/persons/export", api.ExportRequest{Query: q, ExportOptions: cols}).ok(t, 1).csvRows(t, ';')
		if recs[1][0] != mine.LastName {
			t.Fatalf("rows %q", recs)
		}
	})

	t.Run("no export right: 403 before anything is read", func(t *testing.T) {
		u := user("noexport@nordlicht.example", role("Kein Export", api.ScopeNone))
		for _, path := range []string{"/api/v1/persons/export", "/api/v1/activities/export", "/api/v1/deals/export"} {
			for _, body := range []any{api.ExportRequest{Query: q}, "{not json", map[string]any{"query": map[string]any{"sort": "x"}}} {
				e := u.export(path, body)
				if e.status != 403 || !strings.Contains(string(e.body), string(api.CodeForbidden)) {
					t.Fatalf("%s %v: %d %s", path, body, e.status, e.body)
				}
			}
		}
		// The list itself is open to the role (Lena's and Jonas's persons, and the one made above).
		if n := len(persons(u, q)); n != 1051 {
			t.Fatalf("list %d", n)
		}
	})
}

func TestExportWritesHiddenLinkedRecordsEmpty(t *testing.T) {
	env := apptest.Start(t)
	adm := signIn(t, env, apptest.Admin)
	lena, jonas := signIn(t, env, apptest.FieldRepSued), signIn(t, env, apptest.FieldRepNord)
	f := fixture{env: env, t: t}
	pl, stages := f.stagesOf("deal")
	// Lena's deal on an organisation and a person of Jonas's, which she may not see.
	orgJ := jonas.createOrg(api.OrganizationCreate{Name: "Geheim GmbH"})
	personJ := jonas.createPerson(api.PersonCreate{LastName: "Geheim"})
	f.exec(`INSERT INTO deals (tenant_id, owner_id, title, value, organization_id, person_id, pipeline_id, stage_id, expected_close)
		VALUES (?, ?, 'Kopierer', 12345.6, ?, ?, ?, ?, '2027-01-31') RETURNING id`,
		env.Demo.TenantID, f.user(lena.email()), orgJ.ID, personJ.ID, pl, stages[0])
	list := answer[api.DealPage](lena, "POST", "/api/v1/deals/query", api.ListQuery{PipelineID: pl.String()}, 200)
	if len(list.Items) != 1 || !list.Items[0].OrganizationHidden || !list.Items[0].PersonHidden {
		t.Fatalf("the list %+v", list.Items)
	}
	body := api.ExportRequest{Query: api.ListQuery{PipelineID: pl.String()}, ExportOptions: api.ExportOptions{Format: api.ExportCSV,
		Columns: []string{"title", "value", "pipeline", "stage", "status", "expectedCloseDate", "person", "organization", "owner"}}}
	recs := lena.export("/api/v1/deals/export", body).ok(t, 1).csvRows(t, ';')
	pipelineName := answer[api.Pipeline](adm, "GET", "/api/v1/pipelines/"+pl.String(), nil, 200).Name
	if want := []string{"Kopierer", "12345,60", pipelineName, "Erstkontakt", "Offen", "31.01.2027", "", "", "Lena Fischer"}; !slices.Equal(recs[1], want) {
		t.Fatalf("Lena's row %q, want %q", recs[1], want)
	}
	// The admin sees both names.
	recs = adm.export("/api/v1/deals/export", body).ok(t, 1).csvRows(t, ';')
	if recs[1][6] != "Geheim" || recs[1][7] != "Geheim GmbH" {
		t.Fatalf("the admin's row %q", recs[1])
	}
	// The amount as a number with two decimals in a workbook, the day as a date.
	body.Format = api.ExportXLSX
	wb, sheet, rows := adm.export("/api/v1/deals/export", body).ok(t, 1).xlsxRows(t)
	if raw, _ := wb.GetCellValue(sheet, "B2", excelize.Options{RawCellValue: true}); raw != "12345.6" || rows[1][1] != "12,345.60" {
		t.Fatalf("value %q shown %q", raw, rows[1][1])
	}
	if raw, _ := wb.GetCellValue(sheet, "F2", excelize.Options{RawCellValue: true}); raw != "46418" || rows[1][5] != "31.01.2027" {
		t.Fatalf("expected close %q shown %q", raw, rows[1][5])
	}

	// Activities: a link the reader may not see is empty too.
	typeID := f.activityType()
	f.exec(`INSERT INTO activities (tenant_id, type_id, title, due_at, assignee_id, organization_id, done, done_at) VALUES (?, ?, 'Anruf', now(), ?, ?, true, now()) RETURNING id`,
		env.Demo.TenantID, typeID, f.user(lena.email()), orgJ.ID)
	aq := api.ActivityQuery{TypeID: typeID.String()}
	recs = lena.export("/api/v1/activities/export", api.ActivityExportRequest{Query: aq, ExportOptions: api.ExportOptions{
		Format: api.ExportCSV, Columns: []string{"title", "done", "organization", "assignee"}}}).ok(t, 1).csvRows(t, ';')
	if want := []string{"Anruf", "Ja", "", "Lena Fischer"}; !slices.Equal(recs[1], want) {
		t.Fatalf("activity %q", recs[1])
	}
}

func TestExportRefusesBadInputWithFieldCodes(t *testing.T) {
	env := apptest.Start(t)
	adm := signIn(t, env, apptest.Admin)
	field := adm.createField(api.RecordPerson, "Archiviert", api.FieldKindText, false)
	adm.call("DELETE", "/api/v1/custom-fields/"+field.ID, nil, 204, nil, "If-Match", `"1"`)
	orgField := adm.createField(api.RecordOrganization, "Nur Firmen", api.FieldKindText, false)
	for _, tc := range []struct {
		name   string
		path   string
		body   any
		status int
		fields map[string]api.FieldCode
	}{
		{"unknown column", "/api/v1/persons/export", api.ExportRequest{ExportOptions: api.ExportOptions{Columns: []string{"lastName", "shoeSize"}}},
			422, map[string]api.FieldCode{"columns[1]": api.FieldUnknown}},
		{"a column of another type", "/api/v1/persons/export", api.ExportRequest{ExportOptions: api.ExportOptions{Columns: []string{"industry"}}},
			422, map[string]api.FieldCode{"columns[0]": api.FieldUnknown}},
		{"another type's custom field, an archived one, no ID", "/api/v1/persons/export", api.ExportRequest{ExportOptions: api.ExportOptions{
			Columns: []string{"custom." + orgField.ID, "custom." + field.ID, "custom.x"}}},
			422, map[string]api.FieldCode{"columns[0]": api.FieldUnknown, "columns[1]": api.FieldUnknown, "columns[2]": api.FieldUnknown}},
		{"a column twice", "/api/v1/organizations/export", api.ExportRequest{ExportOptions: api.ExportOptions{Columns: []string{"name", "name"}}},
			422, map[string]api.FieldCode{"columns[1]": api.FieldDuplicate}},
		{"unknown format, style and language", "/api/v1/deals/export", api.ExportRequest{ExportOptions: api.ExportOptions{Format: "pdf", CSVStyle: "tab", Language: "fr"}},
			422, map[string]api.FieldCode{"format": api.FieldInvalid, "csvStyle": api.FieldInvalid, "language": api.FieldInvalid}},
		{"bad query", "/api/v1/leads/export", api.ExportRequest{Query: api.ListQuery{Sort: "shoeSize", CreatedFrom: "gestern"}},
			422, map[string]api.FieldCode{"query.sort": api.FieldInvalid, "query.createdFrom": api.FieldInvalid}},
		{"bad activity query", "/api/v1/activities/export", api.ActivityExportRequest{Query: api.ActivityQuery{Due: "soon"}},
			422, map[string]api.FieldCode{"query.due": api.FieldInvalid}},
		{"a control character", "/api/v1/persons/export", api.ExportRequest{Query: api.ListQuery{Search: "a\x00b"}},
			422, map[string]api.FieldCode{"query.search": api.FieldControlCharacter}},
		{"unknown field", "/api/v1/persons/export", map[string]any{"query": map[string]any{}, "sheet": "x"}, 400,
			map[string]api.FieldCode{"sheet": api.FieldUnknown}},
		{"not JSON", "/api/v1/persons/export", "{", 400, nil},
		{"a body too large", "/api/v1/persons/export", api.ExportRequest{Query: api.ListQuery{Search: strings.Repeat("x", 2<<20)}}, 413, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := adm.export(tc.path, tc.body)
			if e.status != tc.status {
				t.Fatalf("%d %s", e.status, e.body)
			}
			var env api.ErrorEnvelope
			if err := json.Unmarshal(e.body, &env); err != nil || env.Error.Code == "" {
				t.Fatalf("no envelope: %s", e.body)
			}
			if tc.fields != nil && !mapsEqual(env.Error.Fields, tc.fields) {
				t.Fatalf("fields %v, want %v", env.Error.Fields, tc.fields)
			}
		})
	}
	// Nothing of a refused export is recorded.
	if page := answer[api.ExportPage](adm, "GET", "/api/v1/exports", nil, 200); len(page.Items) != 0 {
		t.Fatalf("recorded %+v", page.Items)
	}
	for _, bad := range []string{"limit=0x", "limit=201", "cursor=nope"} {
		adm.call("GET", "/api/v1/exports?"+bad, nil, 422, nil)
	}
}

func mapsEqual(a, b map[string]api.FieldCode) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func (c *client) email() string {
	var me api.Me
	c.call("GET", "/api/v1/me", nil, 200, &me)
	return me.User.Email
}
