package apptest

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/1sales/app/backend/internal/secretbox"
)

// ServerBinary builds cmd/onesales-server into a folder of the test and returns its path, for tests that must run
// the real server as a process of its own (kill it, signal it, read its exit status).
func ServerBinary(t testing.TB) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("apptest: the go tool is needed to build the server: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "onesales-server")
	out, err := exec.Command(goTool, "build", "-o", bin, "github.com/1sales/app/backend/cmd/onesales-server").CombinedOutput()
	if err != nil {
		t.Fatalf("apptest: go build: %v\n%s", err, out)
	}
	return bin
}

// Process is `onesales-server serve` on a fixed local address, started (and restarted) by the test.
type Process struct {
	t    testing.TB
	bin  string
	env  []string
	Base string // http://127.0.0.1:port
	// LogPath is the server's log (standard error), appended across restarts.
	LogPath string
	cmd     *exec.Cmd
	exited  chan struct{}
	waitErr error
}

// NewProcess prepares the server on the database appURL with a token secret and a document folder of its own; env
// adds or overrides ONESALES_ settings (NAME=value). Start runs it. The process is killed when the test ends.
func NewProcess(t testing.TB, bin, appURL string, env ...string) *Process {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	dir := t.TempDir()
	p := &Process{t: t, bin: bin, Base: "http://" + addr, LogPath: filepath.Join(dir, "server.log"),
		env: append([]string{"PATH=" + os.Getenv("PATH"), "ONESALES_DATABASE_URL=" + appURL, "ONESALES_ADDR=" + addr,
			"ONESALES_TOKEN_SECRET=process-test-secret-process-test-secret", "ONESALES_BLOB=fs",
			"ONESALES_SECRET_KEY=" + base64.StdEncoding.EncodeToString(secretbox.NewKey()),
			"ONESALES_BLOB_DIR=" + filepath.Join(dir, "blobs"), "ONESALES_GEOCODE_WORKER=0", "ONESALES_LOG_LEVEL=warn"}, env...)}
	t.Cleanup(func() {
		if p.Running() {
			p.Kill()
		}
	})
	return p
}

// Start runs the server and waits until /readyz answers 200.
func (p *Process) Start() {
	p.t.Helper()
	logFile, err := os.OpenFile(p.LogPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		p.t.Fatal(err)
	}
	defer logFile.Close()
	cmd := exec.Command(p.bin, "serve")
	cmd.Env = p.env
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		p.t.Fatalf("apptest: start server: %v", err)
	}
	p.cmd, p.exited = cmd, make(chan struct{})
	go func() {
		p.waitErr = cmd.Wait()
		close(p.exited)
	}()
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := client.Get(p.Base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-p.exited:
			p.t.Fatalf("apptest: the server exited at start (%v):\n%s", p.waitErr, p.Log())
		default:
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("apptest: the server did not become ready:\n%s", p.Log())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Running reports whether the process was started and has not exited.
func (p *Process) Running() bool {
	if p.cmd == nil {
		return false
	}
	select {
	case <-p.exited:
		return false
	default:
		return true
	}
}

// Kill ends the server with SIGKILL, as a crash or the OOM killer would, and waits for it.
func (p *Process) Kill() {
	p.t.Helper()
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.exited
}

// Signal sends sig to the server.
func (p *Process) Signal(sig os.Signal) {
	p.t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		p.t.Fatalf("apptest: signal %v: %v", sig, err)
	}
}

// Wait waits for the server to exit (until ctx ends) and returns its exit status.
func (p *Process) Wait(ctx context.Context) (int, error) {
	select {
	case <-p.exited:
	case <-ctx.Done():
		return 0, fmt.Errorf("apptest: the server did not exit: %w", ctx.Err())
	}
	var exit *exec.ExitError
	switch {
	case p.waitErr == nil:
		return 0, nil
	case errors.As(p.waitErr, &exit):
		return exit.ExitCode(), nil
	default:
		return 0, p.waitErr
	}
}

// Log is what the server logged so far.
func (p *Process) Log() string {
	b, _ := os.ReadFile(p.LogPath)
	return strings.TrimSpace(string(b))
}
