package app_test

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/1sales/app/desktop/app"
	"github.com/1sales/app/desktop/secrets"
	"github.com/1sales/app/desktop/settings"
	"github.com/1sales/app/shared/api"
)

// startApp starts an App for a test and shuts it down when the test ends. What cfg leaves empty is a test's:
// in-memory secrets, a settings file and a document cache in a temporary folder, events dropped, retries after a
// millisecond.
func startApp(t *testing.T, cfg app.Config) *app.App {
	t.Helper()
	dir := t.TempDir()
	if cfg.Secrets == nil {
		cfg.Secrets = secrets.NewMemory()
	}
	if cfg.Settings == nil {
		cfg.Settings = settings.New(filepath.Join(dir, "settings.json"))
	}
	if cfg.CacheDir == "" {
		cfg.CacheDir = filepath.Join(dir, "cache")
	}
	if cfg.Emit == nil {
		cfg.Emit = func(string, ...any) {}
	}
	if cfg.Client.RetryWait == 0 {
		cfg.Client.RetryWait = time.Millisecond
	}
	a := app.New(cfg)
	a.OnStartup(t.Context())
	t.Cleanup(func() { a.OnShutdown(t.Context()) })
	return a
}

// signIn signs a in at server as the test's user (session_test.go).
func signIn(t *testing.T, a *app.App, server string) {
	t.Helper()
	if _, err := a.Session.Login(app.LoginInput{ServerURL: server, Email: email, Password: password}); err != nil {
		t.Fatalf("Login: %v", err)
	}
}

// opener writes a stand-in for the system's opener (xdg-open) into dir: it writes the path it is asked to open to
// opened; before, it runs the shell lines first (e.g. to fail for some files). The test is skipped on Windows.
func opener(t *testing.T, dir, opened, first string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the opener stand-in is a shell script")
	}
	script := filepath.Join(dir, "open.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\n"+first+"printf '%s' \"$1\" > '"+opened+"'\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	return script
}

// needsASession calls every bound method of the services (by name) of an App signed out at a stand-in backend with
// zero arguments: each must answer the 401 that brings up the sign-in form, without a request.
func needsASession(t *testing.T, services func(d *desk) map[string]any) {
	t.Helper()
	b := newBackend(t)
	d := newDesk(t, b.URL)
	for name, svc := range services(d) {
		v := reflect.ValueOf(svc)
		for i := range v.NumMethod() {
			t.Run(name+"."+v.Type().Method(i).Name, func(t *testing.T) {
				fn := v.Method(i)
				args := make([]reflect.Value, fn.Type().NumIn())
				for j := range args {
					args[j] = reflect.Zero(fn.Type().In(j))
				}
				out := fn.Call(args)
				err, _ := out[len(out)-1].Interface().(error)
				apiErr(t, err, 401, api.CodeUnauthenticated)
			})
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.paths) != 0 {
		t.Fatalf("requests while signed out: %v", b.paths)
	}
}
