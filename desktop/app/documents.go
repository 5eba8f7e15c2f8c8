package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	wails "github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// Dialogs are the native file dialogs (Wails' runtime by default; tests replace them).
type Dialogs interface {
	// OpenFiles asks for files to upload; none chosen is an empty list.
	OpenFiles(ctx context.Context, title string) ([]string, error)
	// SaveFile asks where to save a file; cancelled is "".
	SaveFile(ctx context.Context, title, defaultName string) (string, error)
	// OpenFile asks for one file of the types filters name (imports.go); cancelled is "".
	OpenFile(ctx context.Context, title string, filters []FileFilter) (string, error)
}

type wailsDialogs struct{}

func (wailsDialogs) OpenFiles(ctx context.Context, title string) ([]string, error) {
	return wails.OpenMultipleFilesDialog(ctx, wails.OpenDialogOptions{Title: title})
}

func (wailsDialogs) SaveFile(ctx context.Context, title, defaultName string) (string, error) {
	return wails.SaveFileDialog(ctx, wails.SaveDialogOptions{Title: title, DefaultFilename: defaultName})
}

// UploadResult is what became of the files of one upload: the documents stored and the files refused (quota,
// type, size, unreadable), each with the error the UI shows.
type UploadResult struct {
	Uploaded []api.Document  `json:"uploaded"`
	Failed   []UploadFailure `json:"failed"`
}

// UploadFailure is one file that was not stored.
type UploadFailure struct {
	Path     string `json:"path"`
	FileName string `json:"fileName"`
	// Error is the *client.APIError's JSON shape: status, code, message, fields.
	Status  int               `json:"status"`
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields"`
}

// Documents lists, uploads, opens, saves and deletes the documents of records.
type Documents struct{ c *core }

// List lists a record's documents, newest first.
func (s *Documents) List(recordType api.RecordType, recordID string) (api.DocumentList, error) {
	return client.Get[api.DocumentList](s.c.ctx, s.c, client.RecordPath(recordType, recordID, "documents"), nil)
}

// ListTrashed lists a record's documents in the trash that the user may restore.
func (s *Documents) ListTrashed(recordType api.RecordType, recordID string) (api.DocumentList, error) {
	return client.Get[api.DocumentList](s.c.ctx, s.c, client.RecordPath(recordType, recordID, "documents"),
		client.Query("trashed", "true"))
}

// UploadFiles uploads files (from drag and drop or the dialog) to a record, one after the other. A file that is
// refused does not stop the others; only a missing session fails the whole call.
func (s *Documents) UploadFiles(recordType api.RecordType, recordID string, paths []string) (UploadResult, error) {
	cl, err := s.c.Client()
	if err != nil {
		return UploadResult{}, err
	}
	out := UploadResult{Uploaded: []api.Document{}, Failed: []UploadFailure{}}
	for _, p := range paths {
		d, err := cl.UploadDocument(s.c.ctx, recordType, recordID, p)
		if err == nil {
			out.Uploaded = append(out.Uploaded, d)
			continue
		}
		ae, ok := client.AsAPIError(err)
		if !ok {
			ae = &client.APIError{Code: api.CodeInternal, Message: err.Error()}
		}
		if ae.Status == 401 && ae.Code == api.CodeUnauthenticated {
			return out, err // the session is over: the rest would fail alike
		}
		s.c.log.Info("upload refused", "file", filepath.Base(p), "code", ae.Code)
		fields := make(map[string]string, len(ae.Fields))
		for name, code := range ae.Fields {
			fields[name] = string(code)
		}
		out.Failed = append(out.Failed, UploadFailure{Path: p, FileName: filepath.Base(p), Status: ae.Status,
			Code: string(ae.Code), Message: ae.Message, Fields: fields})
	}
	return out, nil
}

// PickAndUpload lets the user choose files in the native dialog and uploads them; cancelling uploads nothing.
func (s *Documents) PickAndUpload(recordType api.RecordType, recordID string) (UploadResult, error) {
	if _, err := s.c.Client(); err != nil {
		return UploadResult{}, err
	}
	paths, err := s.c.dialogs.OpenFiles(s.c.ctx, "Dokumente hochladen")
	if err != nil {
		return UploadResult{}, localError(api.CodeDialogFailed, "file dialog: %v", err)
	}
	if len(paths) == 0 {
		return UploadResult{Uploaded: []api.Document{}, Failed: []UploadFailure{}}, nil
	}
	return s.UploadFiles(recordType, recordID, paths)
}

// document is the signed-in session's client and a document's description.
func (s *Documents) document(id string) (*client.Client, api.Document, error) {
	cl, err := s.c.Client()
	if err != nil {
		return nil, api.Document{}, err
	}
	d, err := client.Get[api.Document](s.c.ctx, cl, client.Path("documents", id), nil)
	return cl, d, err
}

// Open downloads a document into the cache folder (once: documents never change) and opens it with the operating
// system's default application. It returns the local path. Programs and scripts are not opened (save them).
func (s *Documents) Open(documentID string) (string, error) {
	cl, d, err := s.document(documentID)
	if err != nil {
		return "", err
	}
	name := safeFileName(d.FileName)
	if executable(name) {
		return "", localError(api.CodeDocumentOpenBlocked, "%s could run as a program; save it instead", name)
	}
	if s.c.cacheDir == "" {
		return "", localError(api.CodeFileUnwritable, "no cache folder")
	}
	dest := filepath.Join(s.c.cacheDir, safeFileName(d.ID), name)
	if fi, err := os.Stat(dest); err != nil || fi.Size() != d.Size {
		if _, err := cl.DownloadDocument(s.c.ctx, d.ID, dest); err != nil {
			return "", err
		}
	} else {
		now := time.Now()
		_ = os.Chtimes(filepath.Dir(dest), now, now) // recently used: kept by the cache pruning
	}
	if err := s.c.openFile(dest); errors.Is(err, errNoApplication) {
		return dest, localError(api.CodeDocumentNoApplication, "open %s: %v", name, err)
	} else if err != nil {
		return dest, localError(api.CodeDocumentOpenFailed, "open %s: %v", name, err)
	}
	return dest, nil
}

// SaveAs asks where to save a document (the native save dialog, its name proposed) and downloads it there. It
// returns the path, or "" when the user cancelled.
func (s *Documents) SaveAs(documentID string) (string, error) {
	cl, d, err := s.document(documentID)
	if err != nil {
		return "", err
	}
	dest, err := s.c.dialogs.SaveFile(s.c.ctx, "Dokument speichern", safeFileName(d.FileName))
	if err != nil {
		return "", localError(api.CodeDialogFailed, "save dialog: %v", err)
	}
	if dest == "" {
		return "", nil
	}
	if _, err := cl.DownloadDocument(s.c.ctx, d.ID, dest); err != nil {
		return "", err
	}
	return dest, nil
}

// Delete moves a document to the trash.
func (s *Documents) Delete(documentID string, version int64) error {
	return client.Delete(s.c.ctx, s.c, client.Path("documents", documentID), version)
}

// Restore brings a document back from the trash.
func (s *Documents) Restore(documentID string) (api.Document, error) {
	return client.Post[api.Document](s.c.ctx, s.c, client.Path("documents", documentID, "restore"), nil)
}

// Storage returns the user's document storage: used, reserved and the plan's limit.
func (s *Documents) Storage() (api.StorageUsage, error) {
	return client.Get[api.StorageUsage](s.c.ctx, s.c, client.Path("me", "storage"), nil)
}

// safeFileName keeps a name the server sent from reaching outside the folder it is written to (the server
// sanitises names already; the desktop does not rely on it).
func safeFileName(name string) string {
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, name)
	name = strings.Trim(name, " .")
	if name == "" {
		return "Dokument"
	}
	return name
}

// executable reports file types the operating system would run instead of show.
func executable(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".exe", ".msi", ".bat", ".cmd", ".com", ".scr", ".pif", ".cpl", ".msc", ".ps1", ".psm1", ".vbs", ".vbe",
		".js", ".jse", ".wsf", ".wsh", ".hta", ".lnk", ".reg", ".jar", ".sh", ".bash", ".run", ".desktop",
		".appimage", ".app", ".command", ".dll":
		return true
	}
	return false
}

// opener returns the command that opens a file with the default application: ONESALES_OPEN_COMMAND (a command
// line; the path is added as the last argument) or the operating system's own.
func opener(configured string) func(path string) error {
	return func(path string) error {
		var argv []string
		if f := strings.Fields(configured); len(f) > 0 {
			argv = append(f, path)
		} else {
			switch runtime.GOOS {
			case "windows":
				argv = []string{"rundll32", "url.dll,FileProtocolHandler", path}
			case "darwin":
				argv = []string{"open", path}
			default:
				argv = []string{"xdg-open", path}
			}
		}
		cmd := exec.Command(argv[0], argv[1:]...)
		if err := cmd.Start(); err != nil {
			return err
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }() // the opener may outlive the call; reap it
		// An opener that finds no application for the type says so at once with its exit status (xdg-open 3 or 4,
		// macOS' open 1); one that found it has handed the file over, or is still busy doing so, by then.
		select {
		case err := <-exited:
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				return fmt.Errorf("%w (%s exited with %d)", errNoApplication, filepath.Base(argv[0]), exit.ExitCode())
			}
			return err
		case <-time.After(openerVerdict):
			return nil
		}
	}
}

// errNoApplication: the opener ran and found no application for the file.
var errNoApplication = errors.New("no application for the file's type")

// openerVerdict is how long Open waits for the opener's exit status before it takes the file as opened.
const openerVerdict = 3 * time.Second

// cacheKeep is how long an opened document stays in the cache folder after its last use.
const cacheKeep = 14 * 24 * time.Hour

// pruneCache removes documents from the cache folder not used for cacheKeep.
func pruneCache(dir string, now time.Time) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	var errs []error
	for _, e := range entries {
		fi, err := e.Info()
		if err != nil || !e.IsDir() || now.Sub(fi.ModTime()) < cacheKeep {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			errs = append(errs, fmt.Errorf("prune %s: %w", e.Name(), err))
		}
	}
	return errors.Join(errs...)
}
