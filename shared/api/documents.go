package api

import "time"

// Document is a file stored on a record (person, organisation, deal or lead). The bytes are fetched from
// GET /api/v1/documents/{id}/content; this is what the lists show.
type Document struct {
	ID         string     `json:"id"`
	RecordType RecordType `json:"recordType"`
	RecordID   string     `json:"recordId"`
	// FileName is the sanitised name with its extension (no path, no control characters).
	FileName string `json:"fileName"`
	// ContentType is the checked media type the content is served with.
	ContentType string `json:"contentType"`
	// Size in bytes.
	Size int64 `json:"size"`
	// SHA256 is the content's checksum in lower-case hex; downloads send it as the ETag.
	SHA256         string `json:"sha256"`
	UploadedByID   string `json:"uploadedById"`
	UploadedByName string `json:"uploadedByName"`
	// CanDelete tells the UI whether the caller may move it to the trash (its uploader, or the delete right on the
	// record).
	CanDelete bool       `json:"canDelete"`
	Version   int64      `json:"version"`
	CreatedAt time.Time  `json:"createdAt" ts_type:"string"`
	DeletedAt *time.Time `json:"deletedAt,omitempty" ts_type:"string"`
}

// DocumentList lists a record's documents, newest first.
type DocumentList struct {
	Items []Document `json:"items"`
}

// StorageUsage is the signed-in user's document storage: what their stored documents take (trashed ones count
// until they are purged), what uploads in flight have reserved, and the per-user limit of the tenant's plan.
type StorageUsage struct {
	UsedBytes     int64 `json:"usedBytes"`
	ReservedBytes int64 `json:"reservedBytes"`
	LimitBytes    int64 `json:"limitBytes"`
}

// Upload headers: the body of POST /api/v1/{type}/{id}/documents is the file itself, with Content-Type (the
// declared type, checked against the content), Content-Length (required: the quota is reserved from it before a
// byte is stored) and the file name percent-encoded (UTF-8) in HeaderFileName.
const HeaderFileName = "X-File-Name"
