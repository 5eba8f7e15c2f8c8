// Package document stores files on records: metadata in PostgreSQL (table documents), bytes in a blob.Store
// under a random key. A document follows its record: whoever cannot see the record cannot list, fetch or delete
// its documents (record.Check, the one scoping mechanism). Uploads count against the uploader's storage quota,
// reserved atomically before a byte is stored; the life of an upload (pending, stored, purge) is described in the
// migration 20261127210000_documents.
package document

import (
	"encoding/hex"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/shared/api"
)

// States of a document row.
const (
	statePending = "pending"
	stateStored  = "stored"
	// statePurge: to go, bytes first, then the row (Cleanup); it counts against no quota.
	statePurge = "purge"
)

// Document is a row of documents.
type Document struct {
	bun.BaseModel `bun:"table:documents,alias:doc"`

	db.Row

	RecordType  api.RecordType `bun:"record_type"`
	RecordID    uuid.UUID      `bun:"record_id,type:uuid"`
	FileName    string         `bun:"file_name"`
	ContentType string         `bun:"content_type"`
	Size        int64          `bun:"size_bytes"`
	SHA256      []byte         `bun:"sha256"`
	StorageKey  string         `bun:"storage_key"`
	State       string         `bun:"state"`
	ExpiresAt   *time.Time     `bun:"expires_at"`
	UploadedBy  uuid.UUID      `bun:"uploaded_by,type:uuid"`
	DeletedAt   *time.Time     `bun:"deleted_at"`
	DeletedBy   *uuid.UUID     `bun:"deleted_by,type:uuid"`

	UploaderName string `bun:"uploader_name,scanonly"`

	canDelete bool
}

// Checksum is the SHA-256 of the content in lower-case hex.
func (d *Document) Checksum() string { return hex.EncodeToString(d.SHA256) }

// API converts to the wire type.
func (d *Document) API() api.Document {
	return api.Document{ID: d.ID.String(), RecordType: d.RecordType, RecordID: d.RecordID.String(), FileName: d.FileName,
		ContentType: d.ContentType, Size: d.Size, SHA256: d.Checksum(), UploadedByID: d.UploadedBy.String(),
		UploadedByName: d.UploaderName, CanDelete: d.canDelete, Version: d.Version, CreatedAt: d.CreatedAt,
		DeletedAt: d.DeletedAt}
}

func selectWith(q *bun.SelectQuery) *bun.SelectQuery {
	return q.ColumnExpr("doc.*").ColumnExpr("(SELECT u.name FROM users AS u WHERE u.id = doc.uploaded_by) AS uploader_name")
}
