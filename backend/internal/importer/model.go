// Package importer imports persons (with their organisations) and organisations from XLSX and CSV files: the
// upload stores and describes the file (format, encoding, delimiter, sheet, header, columns with detected value
// forms and suggested targets), a preview shows what settings make of the first rows, and a started import is
// run by a worker of any backend instance in batches, each one transaction with the import's progress. Rows are
// validated as the create API validates records (the kinds' Draft), created in bulk and updated through the
// kinds' services; what an import did is kept for its undo and its failed rows for a file to fix them in.
// docs/import.md describes it for users and integrators.
package importer

import (
	"math"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/shared/api"
)

// Import is a row of imports.
type Import struct {
	bun.BaseModel `bun:"table:imports,alias:i"`

	ID            uuid.UUID            `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	TenantID      uuid.UUID            `bun:"tenant_id,type:uuid"`
	CreatedBy     uuid.UUID            `bun:"created_by,type:uuid"`
	RecordType    api.RecordType       `bun:"record_type"`
	FileName      string               `bun:"file_name"`
	Format        api.ImportFileFormat `bun:"format"`
	SizeBytes     int64                `bun:"size_bytes"`
	StorageKey    *string              `bun:"storage_key"`
	Encoding      api.ImportEncoding   `bun:"encoding"`
	Delimiter     string               `bun:"delimiter"`
	Sheet         string               `bun:"sheet"`
	HeaderRow     int                  `bun:"header_row"`
	Headers       []string             `bun:"headers,type:jsonb"`
	Rows          int                  `bun:"rows"`
	Settings      *api.ImportSettings  `bun:"settings,type:jsonb"`
	Status        api.ImportStatus     `bun:"status"`
	RowsDone      int                  `bun:"rows_done"`
	Created       int                  `bun:"created"`
	Updated       int                  `bun:"updated"`
	Skipped       int                  `bun:"skipped"`
	Failed        int                  `bun:"failed"`
	ErrorCode     api.ErrorCode        `bun:"error_code"`
	LeaseUntil    *time.Time           `bun:"lease_until"`
	Attempts      int                  `bun:"attempts"`
	StartedAt     *time.Time           `bun:"started_at"`
	FinishedAt    *time.Time           `bun:"finished_at"`
	UndoneAt      *time.Time           `bun:"undone_at"`
	ExpiresAt     time.Time            `bun:"expires_at"`
	Version       int64                `bun:"version"`
	CreatedAt     time.Time            `bun:"created_at,nullzero,default:now()"`
	UpdatedAt     time.Time            `bun:"updated_at,nullzero,default:now()"`
	CreatedByName string               `bun:"created_by_name,scanonly"`

	// canUndo is set by the service for the caller.
	canUndo bool
}

// ETag is the import's version.
func (i *Import) ETag() int64 { return i.Version }

// Lifetimes of a stored file: an import analysed but not started keeps it a day, a finished one 7 days.
const (
	analysedFileLife = 24 * time.Hour
	finishedFileLife = 7 * 24 * time.Hour
)

// undoDays is how long an import can be undone after it ended: as long as its records can come back from the
// trash (imports_prune removes its undo log then).
const undoDays = record.TrashDays

// undoable reports whether the import is finished with records written, not undone and still within its undo
// time.
func (i *Import) undoable(now time.Time) bool {
	return (i.Status == api.ImportDone || i.Status == api.ImportFailed) && i.Created+i.Updated > 0 &&
		i.FinishedAt != nil && now.Before(i.FinishedAt.AddDate(0, 0, undoDays))
}

// API converts to the wire type; rate and time left are measured from the start to now (or the end).
func (i *Import) API() api.ImportJob {
	out := api.ImportJob{ID: i.ID.String(), RecordType: i.RecordType, FileName: i.FileName, Format: i.Format,
		Status: i.Status, Rows: i.Rows, RowsDone: i.RowsDone, Created: i.Created, Updated: i.Updated,
		Skipped: i.Skipped, Failed: i.Failed, ErrorCode: i.ErrorCode, CreatedByID: i.CreatedBy.String(),
		CreatedByName: i.CreatedByName, CanUndo: i.canUndo, CreatedAt: i.CreatedAt, StartedAt: i.StartedAt,
		FinishedAt: i.FinishedAt, UndoneAt: i.UndoneAt, Version: i.Version}
	if i.StartedAt != nil && i.RowsDone > 0 {
		end := time.Now()
		if i.FinishedAt != nil {
			end = *i.FinishedAt
		}
		if secs := end.Sub(*i.StartedAt).Seconds(); secs > 0 {
			out.RowsPerSecond = math.Round(float64(i.RowsDone)/secs*10) / 10
			if i.Status == api.ImportRunning && out.RowsPerSecond > 0 {
				out.SecondsLeft = int(math.Ceil(float64(max(i.Rows-i.RowsDone, 0)) / out.RowsPerSecond))
			}
		}
	}
	return out
}
