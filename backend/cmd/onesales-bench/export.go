package main

// The export bench: the admin of the bench tenant exports all 1,000,000 persons (every standard column and the
// custom fields) as CSV and as XLSX through bin/onesales-server running as a process of its own on the data set,
// so that its peak memory is its own. It prints one line per format:
//
//	bench: export_persons format=csv rows=… rows_per_s=… mb=… peak_rss_mb=…
//
// rows_per_s is the rows of the file over the time from the request to its last byte; peak_rss_mb the server's
// VmHWM during the export (reset before it through /proc/<pid>/clear_refs). Target: under 100 MiB.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/1sales/app/shared/api"
)

func (b *bench) exportWorkload(ctx context.Context) error {
	server, err := serverBinary()
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	dir, err := benchDir("bench-export-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	srv, err := startServer(ctx, server, b.o.appURL, dir)
	if err != nil {
		return err
	}
	defer srv.stop()
	hc := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	var s api.Session
	if err := benchJSON(ctx, hc, srv.base, "POST", "/api/v1/auth/login", "", api.LoginRequest{Email: adminEmail, Password: benchPassword}, &s); err != nil {
		return err
	}
	logf("export: %d persons through %s (pid %d), the admin's list (every person, by name)", b.ds.Persons, server, srv.cmd.Process.Pid)
	for _, format := range []api.ExportFormat{api.ExportCSV, api.ExportXLSX} {
		body, _ := json.Marshal(api.ExportRequest{ExportOptions: api.ExportOptions{Format: format}})
		srv.resetPeak()
		t0 := time.Now()
		rows, size, err := benchExport(ctx, hc, srv.base+"/api/v1/persons/export", s.AccessToken, body)
		if err != nil {
			return fmt.Errorf("export %s: %w", format, err)
		}
		took := time.Since(t0)
		peak := srv.peakMiB()
		fmt.Printf("bench: export_persons format=%s rows=%d rows_per_s=%.0f mb=%.1f peak_rss_mb=%.1f\n", format, rows,
			float64(rows)/took.Seconds(), mib(size), peak)
		b.target(rows == b.ds.Persons, "export_persons %s holds every person (%d of %d)", format, rows, b.ds.Persons)
		b.target(peak < 100, "export_persons %s server peak memory under 100 MiB (%.1f MiB)", format, peak)
	}
	if !srv.peakExact {
		logf("export: /proc/<pid>/clear_refs could not reset VmHWM: peak_rss_mb includes the server's start-up")
	}
	return nil
}

// benchExport posts an export and reads the file to its end: its row count (X-Export-Rows, a header of a workbook
// or a trailer of a CSV) and its size.
func benchExport(ctx context.Context, hc *http.Client, url, token string, body []byte) (int, int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := hc.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return 0, 0, fmt.Errorf("%d %s", resp.StatusCode, raw)
	}
	size, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return 0, size, err
	}
	n := resp.Header.Get(api.HeaderExportRows)
	if n == "" {
		n = resp.Trailer.Get(api.HeaderExportRows)
	}
	rows, err := strconv.Atoi(n)
	if err != nil {
		return 0, size, fmt.Errorf("no row count (%q): the file ended early", n)
	}
	return rows, size, nil
}
