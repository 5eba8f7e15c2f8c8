// Package app holds the services bound to the UI. They are thin: they validate what only the desktop can
// validate, call package client and keep the session (tokens in memory, refresh token in the keyring, last server
// and e-mail in the settings). Every error they return is a *client.APIError, whose JSON the frontend parses.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/desktop/secrets"
	"github.com/1sales/app/desktop/settings"
	"github.com/1sales/app/shared/api"
)

// EventSessionExpired is emitted to the UI when the server refuses to renew the session: sign in again.
const EventSessionExpired = "session:expired"

// Config is what main passes in. The zero value gives the real keyring, settings file, log file and Wails events,
// all opened in startup, because binding generation runs main and nothing before wails.Run may do I/O.
type Config struct {
	// ServerURL preselects the server on the sign-in form (env ONESALES_SERVER_URL); empty: the last one used.
	ServerURL string
	// TileURL and TileAttribution name the map tile server (env ONESALES_TILE_URL, ONESALES_TILE_ATTRIBUTION);
	// empty: the user's setting, else OpenStreetMap's tiles.
	TileURL, TileAttribution string
	// Replacements for tests.
	Secrets  secrets.Store
	Settings *settings.File
	Logger   *slog.Logger
	Emit     func(event string, data ...any)
	// Live is how the change stream batches and reconnects (live.go); zero: the defaults.
	Live LiveTiming
	// Client carries timeouts, retries and transport for every client; server, logger and hooks are set here.
	Client client.Options
	// OpenCommand opens a downloaded document (env ONESALES_OPEN_COMMAND: a command line, the file's path is added
	// as the last argument); empty: the operating system's default application (xdg-open, open, rundll32).
	OpenCommand string
	// CacheDir is where opened documents are downloaded; empty: <user cache folder>/1sales/documents.
	CacheDir string
	// Dialogs replace the native file dialogs (tests).
	Dialogs Dialogs
	// NotificationIcon is the PNG shown with operating-system notifications (nil: none).
	NotificationIcon []byte
	// ShowNotification replaces the operating system's notifications (tests); nil: the system's (beeep).
	ShowNotification func(title, body string) error
	// OpenBrowser replaces the system browser of single sign-on (tests); nil: Wails' BrowserOpenURL.
	OpenBrowser func(url string) error
}

// App is what main hands to wails.Run: the services to Bind and the lifecycle hooks. The hooks are unexported
// methods reached through these fields, because an exported Startup on a bound struct breaks the generated TS.
type App struct {
	Session   *Session
	Admin     *Admin
	Contacts  *Contacts
	Records   *Records
	Sales     *Sales
	Documents *Documents
	Exports   *Exports
	// Imports brings records in from XLSX and CSV files.
	Imports    *Imports
	Activities *Activities
	Maps       *Maps
	// Notifications is the notification centre.
	Notifications *Notifications
	OnStartup     func(ctx context.Context)
	OnShutdown    func(ctx context.Context)
}

// New builds the services. It does no I/O.
func New(cfg Config) *App {
	c := &core{cfg: cfg, ctx: context.Background(), log: slog.New(slog.DiscardHandler), emit: func(string, ...any) {},
		dialogs: cfg.Dialogs, openFile: opener(cfg.OpenCommand), osNotes: make(chan osNote, 8)}
	if c.dialogs == nil {
		c.dialogs = wailsDialogs{}
	}
	return &App{
		Session:       &Session{c: c},
		Admin:         &Admin{c: c},
		Contacts:      &Contacts{c: c},
		Records:       &Records{c: c},
		Sales:         &Sales{c: c},
		Documents:     &Documents{c: c},
		Exports:       &Exports{c: c},
		Imports:       &Imports{c: c},
		Activities:    &Activities{c: c},
		Maps:          &Maps{c: c},
		Notifications: &Notifications{c: c},
		OnStartup:     c.startup,
		OnShutdown:    c.shutdown,
	}
}

// core is the state the services share.
type core struct {
	cfg      Config
	ctx      context.Context // Wails' context after startup; cancelled at shutdown so calls in flight end
	cancel   context.CancelFunc
	log      *slog.Logger
	logFile  io.Closer
	secrets  secrets.Store
	settings *settings.File
	emit     func(event string, data ...any)
	dialogs  Dialogs
	openFile func(path string) error
	cacheDir string // opened documents; "" when the system has no cache folder
	// osNotes are the operating-system notifications waiting to be shown (Notifications.ShowSystem).
	osNotes chan osNote

	// persistMu orders keyring writes of refreshed tokens against sign-out and expiry, so that a refresh finishing
	// late cannot put a token back into the keyring after the session was ended.
	persistMu sync.Mutex

	mu     sync.Mutex // guards the session below
	cl     *client.Client
	server string
	email  string // the account's e-mail as the server spells it; with server, names the keyring entry
	me     *api.Me
	// pending is a sign-in whose password was right, waiting for its second factor or enrolment (session.go).
	pending *pendingSignIn
	// live is the session's change stream (live.go).
	live *live
	// recordOpen: a record page said it is open (Records.OpenRecord) and has not left; shutdown leaves it.
	recordOpen atomic.Bool
}

func (c *core) startup(ctx context.Context) {
	c.ctx, c.cancel = context.WithCancel(ctx)
	c.log = c.cfg.Logger
	if c.log == nil {
		c.log, c.logFile = openLog()
	}
	c.secrets = c.cfg.Secrets
	if c.secrets == nil {
		c.secrets = secrets.NewKeyring()
	}
	c.settings = c.cfg.Settings
	if c.settings == nil {
		path, err := settings.DefaultPath()
		if err != nil {
			path = filepath.Join(os.TempDir(), "1sales", "settings.json")
			c.log.Warn("no user config folder, settings go to the temp folder", "path", path, "err", err)
		}
		c.settings = settings.New(path)
	}
	c.emit = c.cfg.Emit
	if c.emit == nil {
		c.emit = func(event string, data ...any) { runtime.EventsEmit(ctx, event, data...) }
	}
	c.cacheDir = c.cfg.CacheDir
	if c.cacheDir == "" {
		if dir, err := os.UserCacheDir(); err == nil {
			c.cacheDir = filepath.Join(dir, "1sales", "documents")
		} else {
			c.log.Warn("no user cache folder: documents cannot be opened, only saved", "err", err)
		}
	}
	if c.cacheDir != "" {
		go func() {
			if err := pruneCache(c.cacheDir, time.Now()); err != nil {
				c.log.Warn("pruning the document cache failed", "err", err)
			}
		}()
	}
	show := c.cfg.ShowNotification
	if show == nil {
		show = systemNotifier(c.cfg.NotificationIcon)
	}
	go c.showNotes(c.ctx, show)
	c.log.Info("desktop started", "settings", c.settings.Path(), "documentCache", c.cacheDir)
}

func (c *core) shutdown(context.Context) {
	c.leaveRecord()
	c.mu.Lock()
	c.stopLiveLocked()
	c.mu.Unlock()
	if c.cancel != nil {
		c.cancel()
	}
	c.log.Info("desktop stopped")
	if c.logFile != nil {
		_ = c.logFile.Close()
	}
}

// maxLogSize is where the log file is moved to desktop.log.1 at startup, so that it cannot grow without end.
const maxLogSize = 5 << 20

// openLog opens <user cache dir>/1sales/desktop.log for appending; without it the log goes to stderr.
func openLog() (*slog.Logger, io.Closer) {
	stderr := slog.New(slog.NewTextHandler(os.Stderr, nil))
	dir, err := os.UserCacheDir()
	if err != nil {
		stderr.Warn("no user cache folder, logging to stderr", "err", err)
		return stderr, nil
	}
	dir = filepath.Join(dir, "1sales")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		stderr.Warn("cannot create log folder, logging to stderr", "err", err)
		return stderr, nil
	}
	path := filepath.Join(dir, "desktop.log")
	if fi, err := os.Stat(path); err == nil && fi.Size() > maxLogSize {
		_ = os.Rename(path, path+".1")
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		stderr.Warn("cannot open log file, logging to stderr", "err", err)
		return stderr, nil
	}
	return slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelInfo})), f
}

// newClient returns a client for server whose hooks report back to c.
func (c *core) newClient(server string) *client.Client {
	opts := c.cfg.Client
	opts.ServerURL = server
	opts.Logger = c.log.With("server", server)
	opts.Version = version
	if opts.RootCAs == nil && c.settings != nil {
		if prefs, err := c.settings.Load(); err == nil && prefs.CAFile != "" {
			// A CA file that went missing leaves the system's certificates: the server's then fails as
			// tls.unknown_authority, which tells the user what to fix.
			if opts.RootCAs, err = client.LoadRootCAs(prefs.CAFile); err != nil {
				c.log.Warn("the company CA file cannot be used", "err", err)
			}
		}
	}
	var cl *client.Client
	opts.OnSession = func(s api.Session) { c.refreshed(cl, s) }
	opts.OnExpired = func() { c.expired(cl) }
	cl = client.New(opts)
	return cl
}

// install makes cl the session and saves its refresh token. A session it replaces is ended on the server in the
// background (best effort) so that its refresh token does not stay valid.
func (c *core) install(cl *client.Client, server, email string, s api.Session) {
	c.persistMu.Lock()
	defer c.persistMu.Unlock()
	c.mu.Lock()
	old := c.cl
	c.cl, c.server, c.email, c.me = cl, server, email, &s.Me
	if old != cl {
		c.startLiveLocked(cl)
	}
	c.mu.Unlock()
	if old != nil && old != cl {
		go func() {
			ctx, cancel := context.WithTimeout(c.ctx, 5*time.Second)
			defer cancel()
			if err := old.Logout(ctx); err != nil {
				c.log.Info("ending the replaced session failed", "err", err)
			}
		}()
	}
	c.saveToken(server, email, s.RefreshToken)
}

// refreshed is the client's OnSession hook: a rotated refresh token replaces the spent one in the keyring at once.
// Sign-in and resume go through install instead; a client that is no longer the session saves nothing.
func (c *core) refreshed(cl *client.Client, s api.Session) {
	c.persistMu.Lock()
	defer c.persistMu.Unlock()
	c.mu.Lock()
	current := c.cl == cl
	server, email := c.server, c.email
	if current {
		c.me = &s.Me
	}
	c.mu.Unlock()
	if current {
		c.saveToken(server, email, s.RefreshToken)
	}
}

// saveToken stores the refresh token. A keyring that fails only costs the silent sign-in at the next start, so it
// is logged, not shown.
func (c *core) saveToken(server, email, token string) {
	if err := c.secrets.Set(server, email, token); err != nil {
		c.log.Warn("saving the refresh token failed; the next start will ask for the password", "err", err)
	}
}

// expired is the client's OnExpired hook: the server refused to renew the session.
func (c *core) expired(cl *client.Client) {
	c.persistMu.Lock()
	defer c.persistMu.Unlock()
	c.mu.Lock()
	if c.cl != cl {
		c.mu.Unlock()
		return
	}
	server, email := c.server, c.email
	c.cl, c.me = nil, nil
	c.stopLiveLocked()
	c.mu.Unlock()
	c.log.Info("session expired", "server", server)
	if err := c.secrets.Delete(server, email); err != nil && !errors.Is(err, secrets.ErrNotFound) {
		c.log.Warn("removing the dead refresh token failed", "err", err)
	}
	c.emit(EventSessionExpired)
}

// Client returns the signed-in session's client, or the 401 the UI answers with the sign-in form. It makes core a
// client.Source: the bound methods hand it to the typed calls of package client, which ask it before any request.
func (c *core) Client() (*client.Client, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cl == nil {
		return nil, &client.APIError{Status: 401, Code: api.CodeUnauthenticated, Message: "not signed in"}
	}
	return c.cl, nil
}

func localError(code api.ErrorCode, format string, args ...any) error {
	return &client.APIError{Status: 0, Code: code, Message: fmt.Sprintf(format, args...)}
}
