package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	wails "github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/desktop/settings"
	"github.com/1sales/app/shared/api"
)

// FileFilter limits a native open dialog to some file types: Pattern is "*.xlsx;*.csv".
type FileFilter struct {
	Name    string
	Pattern string
}

// importFilters are the files an import reads.
var importFilters = []FileFilter{{Name: "Excel, CSV (*.xlsx, *.csv, *.txt)", Pattern: "*.xlsx;*.csv;*.txt;*.tsv"}}

func (wailsDialogs) OpenFile(ctx context.Context, title string, filters []FileFilter) (string, error) {
	opts := wails.OpenDialogOptions{Title: title}
	for _, f := range filters {
		opts.Filters = append(opts.Filters, wails.FileFilter{DisplayName: f.Name, Pattern: f.Pattern})
	}
	return wails.OpenFileDialog(ctx, opts)
}

// Imports brings persons and organisations in from XLSX and CSV files (see shared/api/imports.go for the steps):
// the file goes up from disk, the backend analyses it, previews and runs the import; the desktop follows the job,
// saves its failed rows and undoes it.
type Imports struct{ c *core }

// Upload streams a file (dropped onto the import dialog) to the backend for an import of recordType and returns
// the backend's analysis of it. Larger than api.MaxImportBytes: 413 request.body_too_large without sending it.
func (s *Imports) Upload(recordType api.RecordType, path string) (api.ImportAnalysis, error) {
	cl, err := s.c.Client()
	if err != nil {
		return api.ImportAnalysis{}, err
	}
	an, err := cl.UploadImport(s.c.ctx, recordType, path)
	if err != nil {
		if ae, ok := client.AsAPIError(err); ok {
			s.c.log.Info("import upload refused", "recordType", recordType, "code", ae.Code, "status", ae.Status)
		}
		return api.ImportAnalysis{}, err
	}
	s.c.log.Info("import uploaded", "import", an.ID, "recordType", recordType, "format", an.Format, "rows", an.Rows)
	return an, nil
}

// PickAndUpload lets the user choose a file (XLSX, CSV) in the native dialog and uploads it as Upload does.
// Cancelled: an analysis with ID "".
func (s *Imports) PickAndUpload(recordType api.RecordType) (api.ImportAnalysis, error) {
	if _, err := s.c.Client(); err != nil {
		return api.ImportAnalysis{}, err
	}
	path, err := s.c.dialogs.OpenFile(s.c.ctx, "Datei importieren", importFilters)
	if err != nil {
		return api.ImportAnalysis{}, localError(api.CodeDialogFailed, "file dialog: %v", err)
	}
	if path == "" {
		return api.ImportAnalysis{}, nil
	}
	return s.Upload(recordType, path)
}

// Reanalyse reads the uploaded file again another way (another sheet, header row, encoding or delimiter).
func (s *Imports) Reanalyse(importID string, options api.ImportReadOptions) (api.ImportAnalysis, error) {
	return client.Read[api.ImportAnalysis](s.c.ctx, s.c, client.Path("imports", importID, "analysis"), options)
}

// Preview shows what settings make of the first rows; nothing is written.
func (s *Imports) Preview(importID string, settings api.ImportSettings) (api.ImportPreview, error) {
	return client.Read[api.ImportPreview](s.c.ctx, s.c, client.Path("imports", importID, "preview"), withColumns(settings))
}

// Start starts the import with settings; it runs in the backend (closing the dialog or the app does not stop it).
func (s *Imports) Start(importID string, settings api.ImportSettings) (api.ImportJob, error) {
	return client.Post[api.ImportJob](s.c.ctx, s.c, client.Path("imports", importID, "start"), withColumns(settings))
}

// withColumns sends an empty mapping as [] (the server reads null as no mapping too; the request stays tidy).
func withColumns(s api.ImportSettings) api.ImportSettings {
	if s.Columns == nil {
		s.Columns = []api.ImportMapping{}
	}
	return s
}

// Get returns an import's status, progress and counts.
func (s *Imports) Get(importID string) (api.ImportJob, error) {
	return client.Get[api.ImportJob](s.c.ctx, s.c, client.Path("imports", importID), nil)
}

// List lists the user's imports, newest first (admins: every user's).
func (s *Imports) List() (api.ImportJobList, error) {
	return client.Get[api.ImportJobList](s.c.ctx, s.c, client.Path("imports"), nil)
}

// Undo undoes an import: its created records go to the trash, its updates are reverted where the record did not
// change since.
func (s *Imports) Undo(importID string) (api.ImportUndoResult, error) {
	return client.Post[api.ImportUndoResult](s.c.ctx, s.c, client.Path("imports", importID, "undo"), nil)
}

// SaveFailedRows downloads the failed rows of an import (the original columns and the reasons in the UI's
// language) as format, then asks where to save them with the native save dialog, the server's name for the file
// proposed. It returns the path, or "" when the user cancelled.
func (s *Imports) SaveFailedRows(importID string, format api.ImportFileFormat) (string, error) {
	cl, err := s.c.Client()
	if err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp("", "1sales-import-")
	if err != nil {
		return "", localError(api.CodeFileUnwritable, "temporary folder: %v", err)
	}
	defer os.RemoveAll(tmp)
	lang := settings.DefaultLanguage
	if prefs, err := s.c.settings.Load(); err == nil && settings.ValidLanguage(prefs.Language) {
		lang = prefs.Language
	}
	got, err := cl.DownloadFailedRows(s.c.ctx, importID, format, lang, func(name string) (string, error) {
		if name == "" {
			name = "Import." + string(format)
		}
		return filepath.Join(tmp, safeFileName(name)), nil
	})
	if err != nil {
		return "", err
	}
	dest, err := s.c.dialogs.SaveFile(s.c.ctx, "Fehlerhafte Zeilen speichern", filepath.Base(got))
	if err != nil {
		return "", localError(api.CodeDialogFailed, "save dialog: %v", err)
	}
	if dest == "" {
		return "", nil
	}
	if err := moveFile(got, dest); err != nil {
		return "", &client.APIError{Code: api.CodeFileUnwritable, Message: fmt.Sprintf("%s: %v", dest, err),
			Fields: map[string]api.FieldCode{"path": api.FieldUnwritable}}
	}
	return dest, nil
}

// moveFile moves src to dest: renamed when both are on one file system, else copied into a temporary file beside
// dest that replaces dest only when complete.
func moveFile(src, dest string) error {
	if err := os.Rename(src, dest); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.CreateTemp(filepath.Dir(dest), ".1sales-save-*")
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(out.Name(), dest)
	}
	if err != nil {
		_ = os.Remove(out.Name())
	}
	return err
}
