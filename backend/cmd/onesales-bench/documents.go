package main

// The document bench: upload and download of a 100 MiB file through the real server, run as a separate process
// (bin/onesales-server serve, so that its peak memory is its own) with the file system store, compared with a plain
// copy of the same file on the same disk. It prints
//
//	bench: document_upload mb_per_s=… copy_mb_per_s=… peak_rss_mb=… ratio=…
//	bench: document_download mb_per_s=… copy_mb_per_s=… peak_rss_mb=… ratio=…
//
// MB are MiB. Every transfer ends durable like the copy it is compared with: the server syncs an upload before
// answering, the client syncs a download before the clock stops, the copy is synced. The upload includes the
// server's SHA-256 of the content; the download's checksum is verified after the clock stopped (the desktop
// verifies while receiving, which costs its own CPU, not the server's). Each figure is the median of
// three rounds; peak_rss_mb is the server's VmHWM during the transfers (reset before them through
// /proc/<pid>/clear_refs), so the server's start-up does not count.

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/secretbox"
	"github.com/1sales/app/backend/internal/seed"
	"github.com/1sales/app/shared/api"
)

const (
	docBenchBytes  = 100 << 20
	docBenchRounds = 3
	docBenchEmail  = "bench.dokumente@bench.example"
)

// benchDocuments runs the document bench. The server binary is ONESALES_BENCH_SERVER or onesales-server beside
// this binary (make bench builds both into bin/); the files go below .data/ when it exists (the disk the store
// would use), else the temporary folder.
func benchDocuments(ctx context.Context, o options, owner *bun.DB) error {
	server, err := serverBinary()
	if err != nil {
		return fmt.Errorf("documents: %w", err)
	}
	dir, err := benchDir("bench-documents-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	// A tenant of its own for the run, removed at the end: the persons bench wants no other tenant in its database.
	if err := dropDocumentTenant(ctx, owner); err != nil {
		return err
	}
	if err := provisionDocumentTenant(ctx, owner); err != nil {
		return err
	}
	defer func() {
		if err := dropDocumentTenant(context.WithoutCancel(ctx), owner); err != nil {
			logf("documents: removing the bench tenant: %v", err)
		}
	}()
	srv, err := startServer(ctx, server, o.appURL, dir)
	if err != nil {
		return err
	}
	defer srv.stop()
	logf("documents: %d MiB through %s (pid %d), store and copies in %s", docBenchBytes>>20, server, srv.cmd.Process.Pid, dir)

	src := filepath.Join(dir, "source.bin")
	if err := writeRandomFile(src, docBenchBytes); err != nil {
		return err
	}
	hc := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	token, err := benchLogin(ctx, hc, srv.base, docBenchEmail)
	if err != nil {
		return err
	}
	var org api.Organization
	if err := benchJSON(ctx, hc, srv.base, "POST", "/api/v1/organizations", token, api.OrganizationCreate{Name: "Bench " + strconv.FormatInt(time.Now().UnixNano(), 36)}, &org); err != nil {
		return err
	}

	var upload, download, copyUp, copyDown []float64
	var upPeak, downPeak float64
	for round := range docBenchRounds {
		// The plain copy of the source on the same disk.
		mbps, err := timedCopy(src, filepath.Join(dir, fmt.Sprintf("copy-%d.bin", round)))
		if err != nil {
			return err
		}
		copyUp = append(copyUp, mbps)

		// Upload.
		srv.resetPeak()
		t0 := time.Now()
		doc, err := benchUpload(ctx, hc, srv.base, token, "/api/v1/organizations/"+org.ID, src)
		if err != nil {
			return err
		}
		upload = append(upload, mib(docBenchBytes)/time.Since(t0).Seconds())
		upPeak = max(upPeak, srv.peakMiB())

		// The plain copy of the stored object, then the download of it.
		blobPath, err := findBlob(filepath.Join(dir, "blobs"), docBenchBytes)
		if err != nil {
			return err
		}
		mbps, err = timedCopy(blobPath, filepath.Join(dir, fmt.Sprintf("copy-down-%d.bin", round)))
		if err != nil {
			return err
		}
		copyDown = append(copyDown, mbps)
		srv.resetPeak()
		t0 = time.Now()
		if err := benchDownload(ctx, hc, srv.base, token, doc, filepath.Join(dir, "download.bin")); err != nil {
			return err
		}
		download = append(download, mib(docBenchBytes)/time.Since(t0).Seconds())
		downPeak = max(downPeak, srv.peakMiB())
		if err := verifyDownload(filepath.Join(dir, "download.bin"), doc); err != nil {
			return err
		}

		// Tidy up for the next round: the document goes (to the trash; its bytes leave with the temporary folder).
		if err := benchJSON(ctx, hc, srv.base, "DELETE", "/api/v1/documents/"+doc.ID, token, nil, nil, "If-Match", `"1"`); err != nil {
			return err
		}
		_ = os.Remove(filepath.Join(dir, "download.bin"))
		if err := os.Remove(blobPath); err != nil {
			return err
		}
	}
	if srv.peakExact {
		logf("documents: peak_rss_mb is the server's VmHWM during the transfers (reset before each)")
	} else {
		logf("documents: /proc/<pid>/clear_refs could not reset VmHWM: peak_rss_mb includes the server's start-up")
	}
	for _, line := range []struct {
		name             string
		speeds, copies   []float64
		peak             float64
		targetDescribing string
	}{{"document_upload", upload, copyUp, upPeak, "upload"}, {"document_download", download, copyDown, downPeak, "download"}} {
		m, c := median(line.speeds), median(line.copies)
		fmt.Printf("bench: %s mb_per_s=%.0f copy_mb_per_s=%.0f peak_rss_mb=%.1f ratio=%.2f\n", line.name, m, c, line.peak, m/c)
		verdict := func(ok bool) string {
			if ok {
				return "met"
			}
			return "MISSED"
		}
		logf("target %s at least half the copy's speed (%.0f of %.0f MiB/s): %s", line.targetDescribing, m, c, verdict(m >= c/2))
		logf("target server peak memory during the %s under 100 MiB (%.1f MiB): %s", line.targetDescribing, line.peak, verdict(line.peak < 100))
	}
	return nil
}

func mib(n int64) float64 { return float64(n) / (1 << 20) }

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

const docBenchTenant = "Bench Dokumente GmbH"

// provisionDocumentTenant provisions the bench's tenant (professional plan: 50 GB per user).
func provisionDocumentTenant(ctx context.Context, owner *bun.DB) error {
	_, err := seed.Provision(ctx, owner, seed.TenantSpec{Name: docBenchTenant, Plan: api.PlanProfessional,
		Units: []seed.UnitSpec{{Name: "Zentrale"}},
		Users: []seed.UserSpec{{Email: docBenchEmail, Name: "Bench Dokumente", Password: seed.DemoPassword, Role: "Administrator", Unit: "Zentrale"}}})
	if err != nil {
		return fmt.Errorf("documents: tenant: %w", err)
	}
	return nil
}

// dropDocumentTenant removes the bench's tenant with everything in it (a leftover of an interrupted run too).
func dropDocumentTenant(ctx context.Context, owner *bun.DB) error {
	if _, err := owner.NewRaw("DELETE FROM tenants WHERE name = ?", docBenchTenant).Exec(ctx); err != nil {
		return fmt.Errorf("documents: remove the bench tenant: %w", err)
	}
	return nil
}

// serverBinary is the server the document and live benches start: ONESALES_BENCH_SERVER or onesales-server
// beside this binary (make bench builds both into bin/).
func serverBinary() (string, error) {
	server := os.Getenv("ONESALES_BENCH_SERVER")
	if server == "" {
		self, err := os.Executable()
		if err != nil {
			return "", err
		}
		server = filepath.Join(filepath.Dir(self), "onesales-server")
	}
	if _, err := os.Stat(server); err != nil {
		return "", fmt.Errorf("server binary: %w (set ONESALES_BENCH_SERVER)", err)
	}
	return server, nil
}

// benchDir makes a temporary folder (absolute) for a server's store and log: below .data/ when it exists (the
// disk the store would use), else in the temporary folder.
func benchDir(prefix string) (string, error) {
	parent := os.TempDir()
	if fi, err := os.Stat(".data"); err == nil && fi.IsDir() {
		parent = ".data"
	}
	dir, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		return "", err
	}
	return filepath.Abs(dir)
}

// serverProc is `onesales-server serve` running for the bench.
type serverProc struct {
	cmd       *exec.Cmd
	base      string
	log       string // the server's log file
	peakExact bool
}

// startServer starts `onesales-server serve` with its store and log in dir; env adds settings ("NAME=value").
func startServer(ctx context.Context, bin, appURL, dir string, env ...string) (*serverProc, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	secret := make([]byte, 32)
	_, _ = rand.Read(secret)
	logFile, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "ONESALES_DATABASE_URL="+appURL, "ONESALES_ADDR="+addr,
		"ONESALES_TOKEN_SECRET="+hex.EncodeToString(secret), "ONESALES_BLOB=fs", "ONESALES_BLOB_DIR="+filepath.Join(dir, "blobs"),
		"ONESALES_SECRET_KEY="+base64.StdEncoding.EncodeToString(secretbox.NewKey()),
		"ONESALES_LOG_LEVEL=warn")
	cmd.Env = append(cmd.Env, env...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("bench: start server: %w", err)
	}
	s := &serverProc{cmd: cmd, base: "http://" + addr, log: logFile.Name(), peakExact: true}
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(s.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s, nil
			}
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			s.stop()
			log, _ := os.ReadFile(logFile.Name())
			return nil, fmt.Errorf("bench: server did not become ready: %s", log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (s *serverProc) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
}

// resetPeak sets the server's VmHWM back to its current RSS (Linux: "5" to clear_refs).
// logLines returns the server log's last n lines that contain substr (for the reason of a failure).
func (s *serverProc) logLines(substr string, n int) string {
	b, _ := os.ReadFile(s.log)
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, substr) {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines[max(len(lines)-n, 0):], "\n")
}

func (s *serverProc) resetPeak() {
	if err := os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", s.cmd.Process.Pid), []byte("5"), 0); err != nil {
		s.peakExact = false
	}
}

// peakMiB reads the server's VmHWM.
func (s *serverProc) peakMiB() float64 { return s.status("VmHWM:") }

// rssMiB reads the server's VmRSS.
func (s *serverProc) rssMiB() float64 { return s.status("VmRSS:") }

// status reads a memory figure of /proc/<pid>/status in MiB; -1 when it cannot.
func (s *serverProc) status(field string) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return -1
}

// sampleRSS reads the server's VmRSS every interval until ctx ends; the function returned gives the largest so far.
func (s *serverProc) sampleRSS(ctx context.Context, every time.Duration) func() float64 {
	var mu sync.Mutex
	peak := s.rssMiB()
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				v := s.rssMiB()
				mu.Lock()
				peak = max(peak, v)
				mu.Unlock()
			}
		}
	}()
	return func() float64 {
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

func writeRandomFile(path string, n int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	buf := make([]byte, 1<<20)
	for written := int64(0); written < n; written += int64(len(buf)) {
		_, _ = rand.Read(buf)
		if _, err := f.Write(buf[:min(int64(len(buf)), n-written)]); err != nil {
			f.Close()
			return err
		}
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// timedCopy copies src to dst with a 256 KiB buffer and syncs dst, as the store writes; MiB/s. dst is removed.
func timedCopy(src, dst string) (float64, error) {
	t0 := time.Now()
	in, err := os.Open(src)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return 0, err
	}
	defer os.Remove(dst)
	n, err := io.CopyBuffer(struct{ io.Writer }{out}, struct{ io.Reader }{in}, make([]byte, 256<<10))
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	return mib(n) / time.Since(t0).Seconds(), nil
}

// findBlob finds the stored object of the given size (the bench's only one).
func findBlob(root string, size int64) (string, error) {
	var found string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if fi, err := d.Info(); err == nil && fi.Mode().IsRegular() && fi.Size() == size {
			found = p
		}
		return nil
	})
	if err == nil && found == "" {
		err = errors.New("documents: the uploaded object is not in the store")
	}
	return found, err
}

func benchLogin(ctx context.Context, hc *http.Client, base, email string) (string, error) {
	var s api.Session
	if err := benchJSON(ctx, hc, base, "POST", "/api/v1/auth/login", "", api.LoginRequest{Email: email, Password: seed.DemoPassword}, &s); err != nil {
		return "", err
	}
	return s.AccessToken, nil
}

func benchJSON(ctx context.Context, hc *http.Client, base, method, path, token string, in, out any, header ...string) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, base+path, body)
	if err != nil {
		return err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		return fmt.Errorf("documents: %s %s: %d %s", method, path, resp.StatusCode, raw)
	}
	if out != nil {
		return json.Unmarshal(raw, out)
	}
	return nil
}

// benchUpload streams the file as the desktop does: raw body with Content-Length.
func benchUpload(ctx context.Context, hc *http.Client, base, token, recordPath, path string) (api.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return api.Document{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return api.Document{}, err
	}
	req, err := http.NewRequestWithContext(ctx, "POST", base+recordPath+"/documents", f)
	if err != nil {
		return api.Document{}, err
	}
	req.ContentLength = fi.Size()
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/octet-stream")
	req.Header.Set(api.HeaderFileName, "Bench%20100%20MiB.bin")
	resp, err := hc.Do(req)
	if err != nil {
		return api.Document{}, err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated {
		return api.Document{}, fmt.Errorf("documents: upload: %d %s", resp.StatusCode, raw)
	}
	var d api.Document
	return d, json.Unmarshal(raw, &d)
}

// benchDownload streams the content into a file, hashing it on the way as the desktop does, and syncs it.
func benchDownload(ctx context.Context, hc *http.Client, base, token string, d api.Document, dest string) error {
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/api/v1/documents/"+d.ID+"/content", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		raw, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("documents: download: %d %s", resp.StatusCode, raw)
	}
	f, err := os.Create(dest)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := io.CopyBuffer(struct{ io.Writer }{f}, resp.Body, make([]byte, 256<<10)); err != nil {
		return err
	}
	return f.Sync()
}

// verifyDownload checks the downloaded file against the uploaded checksum (after the clock stopped).
func verifyDownload(path string, d api.Document) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != d.SHA256 {
		return fmt.Errorf("documents: download checksum %s, uploaded %s", got, d.SHA256)
	}
	return nil
}
