package main

// The import bench: 100,000 persons from a file through the real import (upload with analysis, start, the
// worker's batches with the duplicate check by e-mail against the tenant's 1,000,000 persons, owners by name,
// custom fields, history, geocoding queue, undo log), once from a German Excel CSV (Windows-1252, semicolons,
// decimal commas) and once from an XLSX workbook, on bin/onesales-server run as a process of its own (so that its
// peak memory is its own), each next to a plain COPY of the same rows into persons measured right before it:
//
//	bench: import_persons format=csv rows=… rows_per_s=… copy_rows_per_s=… ratio=… peak_rss_mb=…
//	bench: import_persons format=xlsx rows=… rows_per_s=… copy_rows_per_s=… ratio=… peak_rss_mb=…
//
// rows_per_s counts from the start request to the job seen done (polled every 100 ms), over all rows of the file
// (created, and skipped as duplicates); peak_rss_mb is the server's VmHWM from the upload on. The workload
// removes what it made afterwards.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/driver/pgdriver"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/backend/internal/search"
	"github.com/1sales/app/shared/api"
)

const importBenchRows = 100_000

// importRow is a generated person as a file holds it.
type importRow struct {
	salutation, first, last, email, phone, street, postal, city, owner, revenue, newsletter string
}

var importHeader = []string{"Anrede", "Vorname", "Nachname", "E-Mail", "Telefon", "Straße", "PLZ", "Ort", "Besitzer",
	"Jahresumsatz", "Newsletter"}

func (r importRow) cells() []string {
	return []string{r.salutation, r.first, r.last, r.email, r.phone, r.street, r.postal, r.city, r.owner, r.revenue, r.newsletter}
}

// importRows makes the file's rows: new persons of a domain of the run's own, names that Windows-1252 can write,
// owners among the 50 reps by name, German revenues; every hundredth row has the e-mail address of a person of
// the data set (a duplicate the import skips).
func (b *bench) importRows(ctx context.Context, tag string) ([]importRow, int, error) {
	var taken []string
	if err := b.owner.NewRaw(`SELECT email_keys[1] FROM persons WHERE tenant_id = ? AND cardinality(email_keys) > 0 LIMIT ?`,
		b.ds.TenantID, importBenchRows/100).Scan(ctx, &taken); err != nil {
		return nil, 0, fmt.Errorf("bench: import: e-mails: %w", err)
	}
	var reps []string
	if err := b.owner.NewRaw(`SELECT name FROM users WHERE tenant_id = ? AND email LIKE 'ad%@bench.example' ORDER BY email`,
		b.ds.TenantID).Scan(ctx, &reps); err != nil {
		return nil, 0, fmt.Errorf("bench: import: reps: %w", err)
	}
	enc := charmap.Windows1252.NewEncoder()
	writable := func(names []string) []string {
		var out []string
		for _, n := range names {
			if _, err := enc.String(n); err == nil {
				out = append(out, n)
			}
		}
		return out
	}
	male, female, last := writable(maleFirstNames), writable(femaleFirstNames), writable(lastNames)
	reps = writable(reps)
	cities := []struct{ postal, city string }{{"20095", "Hamburg"}, {"80331", "München"}, {"50667", "Köln"}, {"10115", "Berlin"},
		{"60311", "Frankfurt am Main"}, {"70173", "Stuttgart"}, {"01067", "Dresden"}, {"04109", "Leipzig"}, {"90402", "Nürnberg"}}
	streets := []string{"Hauptstraße", "Bahnhofstraße", "Gartenweg", "Schillerstraße", "Goethestraße", "Mühlenweg", "Lindenallee"}
	r := rand.New(rand.NewPCG(15, 2026))
	rows := make([]importRow, importBenchRows)
	dups := 0
	for i := range rows {
		row := importRow{salutation: "Herr", first: male[r.IntN(len(male))], last: last[r.IntN(len(last))]}
		if r.IntN(2) == 0 {
			row.salutation, row.first = "Frau", female[r.IntN(len(female))]
		}
		row.email = fmt.Sprintf("%s.%s.%d@%s.example", strings.ToLower(search.Text(row.first)), strings.ToLower(search.Text(row.last)), i, tag)
		if i%100 == 0 && dups < len(taken) {
			row.email, dups = taken[dups], dups+1
		}
		c := cities[r.IntN(len(cities))]
		row.phone = fmt.Sprintf("0%d %d", 30+r.IntN(900), 100000+r.IntN(900000))
		row.street = fmt.Sprintf("%s %d", streets[r.IntN(len(streets))], 1+r.IntN(120))
		row.postal, row.city = c.postal, c.city
		row.owner = reps[r.IntN(len(reps))]
		row.revenue = fmt.Sprintf("%d.%03d,%02d", 1+r.IntN(999), r.IntN(1000), r.IntN(100))
		row.newsletter = []string{"Ja", "Nein", ""}[r.IntN(3)]
		rows[i] = row
	}
	return rows, dups, nil
}

func writeImportCSV(path string, rows []importRow) error {
	var sb strings.Builder
	sb.WriteString(strings.Join(importHeader, ";") + "\r\n")
	for _, r := range rows {
		sb.WriteString(strings.Join(r.cells(), ";") + "\r\n")
	}
	out, err := charmap.Windows1252.NewEncoder().String(sb.String())
	if err != nil {
		return fmt.Errorf("bench: import: encode: %w", err)
	}
	return os.WriteFile(path, []byte(out), 0o600)
}

func writeImportXLSX(path string, rows []importRow) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	header := make([]any, len(importHeader))
	for i, h := range importHeader {
		header[i] = h
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for i, r := range rows {
		cells := r.cells()
		vals := make([]any, len(cells))
		for j, c := range cells {
			vals[j] = c
		}
		// The revenue as a number, as a spreadsheet keeps it.
		var n float64
		if _, err := fmt.Sscanf(strings.ReplaceAll(strings.ReplaceAll(r.revenue, ".", ""), ",", "."), "%g", &n); err == nil {
			vals[9] = n
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, vals); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

// importWorkload runs the import bench.
func (b *bench) importWorkload(ctx context.Context) error {
	server, err := serverBinary()
	if err != nil {
		return fmt.Errorf("imports: %w", err)
	}
	dir, err := benchDir("bench-imports-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	srv, err := startServer(ctx, server, b.o.appURL, dir, "ONESALES_GEOCODE_WORKER=0")
	if err != nil {
		return err
	}
	defer srv.stop()
	hc := &http.Client{}
	tag := "import-" + uuid.NewString()[:8]
	rows, dups, err := b.importRows(ctx, tag)
	if err != nil {
		return err
	}
	logf("imports: %d persons (%d duplicates of the data set) through %s (pid %d)", len(rows), dups, server, srv.cmd.Process.Pid)
	for _, format := range []api.ImportFileFormat{api.ImportCSV, api.ImportXLSX} {
		// The COPY reference right before each import: on a machine shared with other work the load changes
		// within minutes, and each import follows the removal of the rows of the one before.
		copied, err := b.copyPersons(ctx, rows)
		if err != nil {
			return err
		}
		logf("imports: COPY of the same rows before the %s import: %.0f rows/s", format, copied)
		// A sign-in per import: the whole workload outlasts an access token on a busy machine.
		var s api.Session
		if err := benchJSON(ctx, hc, srv.base, "POST", "/api/v1/auth/login", "", api.LoginRequest{Email: adminEmail, Password: benchPassword}, &s); err != nil {
			return err
		}
		path := filepath.Join(dir, "Kunden."+string(format))
		write := writeImportCSV
		if format == api.ImportXLSX {
			write = writeImportXLSX
		}
		if err := write(path, rows); err != nil {
			return err
		}
		rate, peak, job, err := b.runImport(ctx, hc, srv, s.AccessToken, path)
		if err != nil {
			return err
		}
		if job.Created+job.Skipped != len(rows) || job.Skipped < dups || job.Failed != 0 {
			return fmt.Errorf("bench: import %s: %+v", format, job)
		}
		fmt.Printf("bench: import_persons format=%s rows=%d rows_per_s=%.0f copy_rows_per_s=%.0f ratio=%.2f peak_rss_mb=%.1f skipped=%d\n",
			format, len(rows), rate, copied, rate/copied, peak, job.Skipped)
		b.target(rate >= 0.5*copied, "import_persons (%s) >= 50%% of a plain COPY (%.0f of %.0f rows/s, %.0f%%)", format, rate, copied, 100*rate/copied)
		b.target(peak < 200, "import_persons (%s) server peak memory under 200 MiB (%.1f MiB)", format, peak)
		if err := b.cleanImport(context.WithoutCancel(ctx), job.ID); err != nil {
			return err
		}
		if err := b.vacuumPersons(ctx); err != nil {
			return err
		}
	}
	if !srv.peakExact {
		logf("imports: /proc/<pid>/clear_refs could not reset VmHWM: peak_rss_mb includes the server's start-up")
	}
	return nil
}

// runImport uploads a file, starts it with the suggested settings (duplicates by e-mail skipped) and waits for
// the job: it returns the rows per second from the start, the server's peak memory and the job.
func (b *bench) runImport(ctx context.Context, hc *http.Client, srv *serverProc, token, path string) (float64, float64, api.ImportJob, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, api.ImportJob{}, err
	}
	defer f.Close()
	fi, _ := f.Stat()
	srv.resetPeak()
	t0 := time.Now()
	req, err := http.NewRequestWithContext(ctx, "POST", srv.base+"/api/v1/imports?recordType=person&fileName="+filepath.Base(path), f)
	if err != nil {
		return 0, 0, api.ImportJob{}, err
	}
	req.ContentLength = fi.Size()
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/octet-stream")
	var an api.ImportAnalysis
	if err := benchDo(hc, req, http.StatusCreated, &an); err != nil {
		return 0, 0, api.ImportJob{}, fmt.Errorf("bench: import: upload: %w", err)
	}
	uploaded := time.Since(t0)
	settings := an.Suggested
	settings.Duplicates = api.ImportDuplicates{Target: string(api.TargetEmail), Action: api.DuplicateSkip}
	if len(settings.Columns) != len(importHeader) {
		return 0, 0, api.ImportJob{}, fmt.Errorf("bench: import: %d of %d columns matched: %+v", len(settings.Columns), len(importHeader), an.Columns)
	}
	start := time.Now()
	var job api.ImportJob
	if err := benchJSON(ctx, hc, srv.base, "POST", "/api/v1/imports/"+an.ID+"/start", token, settings, &job); err != nil {
		return 0, 0, job, err
	}
	for job.Status == api.ImportQueued || job.Status == api.ImportRunning {
		time.Sleep(100 * time.Millisecond)
		if err := benchJSON(ctx, hc, srv.base, "GET", "/api/v1/imports/"+an.ID, token, nil, &job); err != nil {
			return 0, 0, job, err
		}
	}
	took := time.Since(start)
	if job.Status != api.ImportDone {
		return 0, 0, job, fmt.Errorf("bench: import: %+v; the server's log of imports:\n%s", job, srv.logLines("import", 20))
	}
	logf("imports: %s: %.1f MiB uploaded and analysed in %s, imported in %s (the server says %.0f rows/s)",
		filepath.Base(path), float64(fi.Size())/(1<<20), uploaded.Round(time.Millisecond), took.Round(time.Millisecond), job.RowsPerSecond)
	return float64(job.Rows) / took.Seconds(), srv.peakMiB(), job, nil
}

// copiedMark marks the e-mail address of every row the COPY reference writes ("anna@x.example" becomes
// "anna.copy@copy-x.example"), the file's duplicates of the data set's persons included, and copiedRows finds them
// again: matching only the import's own domain left those duplicates (1,000 persons per run) in the data set.
const (
	copiedMark = ".copy@copy-"
	copiedRows = "%" + copiedMark + "%"
)

// copyPersons copies the rows into persons with COPY, as the import stores them (the same columns and values:
// names, e-mail and phone lists, address and its key, custom values, sort name, e-mail keys, search text; the
// e-mail addresses of a domain of their own), and returns the rows per second; the rows are removed again. The
// COPY does none of the import's work around the rows: reading the file, validation, owners, duplicate check,
// history, geocoding queue, undo log.
func (b *bench) copyPersons(ctx context.Context, rows []importRow) (float64, error) {
	var owners []struct {
		ID   uuid.UUID `bun:"id"`
		Name string    `bun:"name"`
	}
	if err := b.owner.NewRaw(`SELECT id, name FROM users WHERE tenant_id = ?`, b.ds.TenantID).Scan(ctx, &owners); err != nil {
		return 0, err
	}
	ownerOf := map[string]string{}
	for _, o := range owners {
		ownerOf[o.Name] = o.ID.String()
	}
	revenue, news := b.ds.Fields[fieldRevenue].String(), b.ds.Fields[fieldNewsletter].String()
	var sb strings.Builder
	esc := strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)
	for _, r := range rows {
		email := strings.Replace(r.email, "@", copiedMark, 1)
		custom := fmt.Sprintf(`{"%s": "%s"`, revenue, strings.ReplaceAll(strings.ReplaceAll(r.revenue, ".", ""), ",", "."))
		if r.newsletter != "" {
			custom += fmt.Sprintf(`, "%s": "%v"`, news, r.newsletter == "Ja")
		}
		custom += "}"
		addr := api.Address{Street: r.street, PostalCode: r.postal, City: r.city, Country: ""}
		cols := []string{b.ds.TenantID.String(), ownerOf[r.owner], map[string]string{"Herr": "herr", "Frau": "frau"}[r.salutation],
			r.first, r.last, fmt.Sprintf(`[{"value": %q, "kind": "work"}]`, email), fmt.Sprintf(`[{"value": %q, "kind": "work"}]`, r.phone),
			r.street, r.postal, r.city, "", custom, r.last + " " + r.first, "{" + strings.ToLower(email) + "}",
			search.Text("", r.first, r.last, email, r.phone, search.Digits(r.phone)), geo.AddressKey(addr)}
		for i, c := range cols {
			cols[i] = esc.Replace(c)
		}
		sb.WriteString(strings.Join(cols, "\t") + "\n")
	}
	conn, err := b.owner.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	start := time.Now()
	if _, err := pgdriver.CopyFrom(ctx, conn, strings.NewReader(sb.String()),
		`COPY persons (tenant_id, owner_id, salutation, first_name, last_name, emails, phones, street, postal_code, city, country,
			custom, sort_name, email_keys, search_text, geo_key) FROM STDIN`); err != nil {
		return 0, fmt.Errorf("bench: import: copy: %w", err)
	}
	rate := float64(len(rows)) / time.Since(start).Seconds()
	if _, err := b.owner.ExecContext(ctx, `DELETE FROM persons WHERE tenant_id = ? AND email_keys[1] LIKE ?`,
		b.ds.TenantID, copiedRows); err != nil {
		return 0, fmt.Errorf("bench: import: remove the copied rows: %w", err)
	}
	return rate, b.vacuumPersons(ctx)
}

// cleanLeftoverImports removes what an import bench that did not finish left (the persons of its imports, which
// the data set's check would count, and the persons its COPY left), before the data set is checked.
func cleanLeftoverImports(ctx context.Context, owner *bun.DB) error {
	var ids []string
	if err := owner.NewRaw(`SELECT id::text FROM imports WHERE file_name IN ('Kunden.csv', 'Kunden.xlsx')
		AND created_by IN (SELECT id FROM users WHERE email = ?)`, adminEmail).Scan(ctx, &ids); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("bench: import: leftovers: %w", err)
	}
	b := &bench{owner: owner}
	for _, id := range ids {
		if err := b.cleanImport(ctx, id); err != nil {
			return err
		}
	}
	if _, err := owner.ExecContext(ctx, `DELETE FROM persons WHERE email_keys[1] LIKE ?`, copiedRows); err != nil {
		return fmt.Errorf("bench: import: leftovers: %w", err)
	}
	if len(ids) > 0 {
		logf("imports: removed %d imports an earlier run left", len(ids))
	}
	return nil
}

// cleanImport removes an import with the persons it created, their history and geocoding jobs.
func (b *bench) cleanImport(ctx context.Context, id string) error {
	const created = `(SELECT unnest(ids) FROM import_created WHERE import_id = ?)`
	for _, stmt := range []string{
		`DELETE FROM history WHERE record_type = 'person' AND record_id IN ` + created,
		`DELETE FROM geocode_jobs WHERE record_type = 'person' AND record_id IN ` + created,
		`DELETE FROM persons WHERE id IN ` + created,
		`DELETE FROM imports WHERE id = ?`,
	} {
		if _, err := b.owner.ExecContext(ctx, stmt, id); err != nil {
			return fmt.Errorf("bench: import: clean up: %w", err)
		}
	}
	return nil
}

// vacuumPersons vacuums what a run removed (100,000 persons with their history and geocoding jobs), so that the
// next measurement does not insert into the dead rows of the one before.
func (b *bench) vacuumPersons(ctx context.Context) error {
	t := time.Now()
	if _, err := b.owner.ExecContext(ctx, `VACUUM (ANALYZE) persons, history, geocode_jobs, change_events`); err != nil {
		return fmt.Errorf("bench: import: vacuum: %w", err)
	}
	logf("imports: vacuumed the removed rows in %s", time.Since(t).Round(time.Millisecond))
	return nil
}

// benchDo sends req and decodes the answer of status want into out.
func benchDo(hc *http.Client, req *http.Request, want int, out any) error {
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: %d %s", req.Method, req.URL.Path, resp.StatusCode, raw)
	}
	return json.Unmarshal(raw, out)
}
