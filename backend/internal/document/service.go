package document

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/blob"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/tenant"
	"github.com/1sales/app/shared/api"
)

// Options tune the service; zero values take the defaults.
type Options struct {
	// MaxBytes caps one upload (default 200 MiB).
	MaxBytes int64
	// IdleTimeout ends an upload or download that moved no byte for this long (default 1 min).
	IdleTimeout time.Duration
	// Lease is how long a pending upload holds its reservation without a sign of life from its instance; the
	// instance renews it every third of it while bytes arrive (default 2 min). A dead instance's reservation is
	// released by the next cleanup after it ran out.
	Lease time.Duration
	// OrphanGrace is the age below which stored bytes without a row are left alone by the cleanup (default 1 h):
	// far longer than any gap between a pending row's commit and its first byte.
	OrphanGrace time.Duration
	// Now is the clock the cleanup measures the age of stored bytes with (default time.Now; tests move it on).
	Now func() time.Time
}

// Defaults of Options.
const (
	DefaultMaxBytes    = 200 << 20
	DefaultIdleTimeout = time.Minute
	DefaultLease       = 2 * time.Minute
	DefaultOrphanGrace = time.Hour
)

// Service manages documents.
type Service struct {
	db    *bun.DB
	store blob.Store
	log   *slog.Logger
	opts  Options
}

// NewService builds the service.
func NewService(db *bun.DB, store blob.Store, log *slog.Logger, opts Options) *Service {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.IdleTimeout <= 0 {
		opts.IdleTimeout = DefaultIdleTimeout
	}
	if opts.Lease <= 0 {
		opts.Lease = DefaultLease
	}
	if opts.OrphanGrace <= 0 {
		opts.OrphanGrace = DefaultOrphanGrace
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Service{db: db, store: store, log: log, opts: opts}
}

func (s *Service) now() time.Time { return s.opts.Now() }

// Store is the blob store the service writes to.
func (s *Service) Store() blob.Store { return s.store }

// rights fills in whether the actor may delete the documents: their uploader may, and whoever may delete the
// record.
func rights(ctx context.Context, tx bun.IDB, a *access.Actor, k record.Kind, recordID uuid.UUID, docs ...*Document) error {
	canDelete, err := record.Allowed(ctx, tx, a, k, recordID, api.ActionDelete)
	if err != nil {
		return err
	}
	for _, d := range docs {
		d.canDelete = canDelete || d.UploadedBy == a.UserID
	}
	return nil
}

// List returns the documents of a record the actor may see, newest first. With trashed, it returns instead the
// documents deleted in the last 30 days that the actor may restore.
func (s *Service) List(ctx context.Context, a *access.Actor, k record.Kind, recordID uuid.UUID, trashed bool) ([]*Document, error) {
	docs := []*Document{}
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		if _, err := record.Check(ctx, tx, a, k, recordID, api.ActionView); err != nil {
			return err
		}
		q := selectWith(tx.NewSelect().Model(&docs)).
			Where("doc.record_type = ? AND doc.record_id = ? AND doc.state = ?", k.Type, recordID, stateStored)
		if trashed {
			q.Where("doc.deleted_at > now() - make_interval(days => ?)", record.TrashDays).OrderExpr("doc.deleted_at DESC")
		} else {
			q.Where("doc.deleted_at IS NULL")
		}
		if err := q.OrderExpr("doc.created_at DESC, doc.id DESC").Limit(1000).Scan(ctx); err != nil {
			return fmt.Errorf("document: list: %w", err)
		}
		if err := rights(ctx, tx, a, k, recordID, docs...); err != nil {
			return err
		}
		if trashed {
			restorable := docs[:0]
			for _, d := range docs {
				if d.canDelete {
					restorable = append(restorable, d)
				}
			}
			docs = restorable
		}
		return nil
	})
	return docs, err
}

// load finds a stored document whose record the actor may see (404 otherwise), live or trashed as asked, locked
// for a change when forUpdate.
func load(ctx context.Context, tx bun.IDB, a *access.Actor, id uuid.UUID, trashed, forUpdate bool) (*Document, record.Kind, error) {
	d := new(Document)
	q := selectWith(tx.NewSelect().Model(d)).Where("doc.id = ? AND doc.state = ?", id, stateStored)
	if trashed {
		q.Where("doc.deleted_at > now() - make_interval(days => ?)", record.TrashDays)
	} else {
		q.Where("doc.deleted_at IS NULL")
	}
	if forUpdate {
		q.For("UPDATE OF doc")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, record.Kind{}, httpx.Missing(err, fmt.Sprintf("document: get %s", id))
	}
	k, ok := record.KindOf(d.RecordType)
	if !ok {
		return nil, k, httpx.ErrNotFound
	}
	if _, err := record.Check(ctx, tx, a, k, d.RecordID, api.ActionView); err != nil {
		return nil, k, err
	}
	return d, k, rights(ctx, tx, a, k, d.RecordID, d)
}

// Get returns a live document whose record the actor may see.
func (s *Service) Get(ctx context.Context, a *access.Actor, id uuid.UUID) (*Document, error) {
	var d *Document
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		var err error
		d, _, err = load(ctx, tx, a, id, false, false)
		return err
	})
	return d, err
}

// Delete moves a document to the trash (its uploader, or whoever may delete the record); the record's history
// says so. The bytes stay (and count against the uploader's quota) until the trash is emptied after 30 days.
func (s *Service) Delete(ctx context.Context, a *access.Actor, id uuid.UUID, version int64) error {
	return db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		d, k, err := load(ctx, tx, a, id, false, true)
		if err != nil {
			return err
		}
		if !d.canDelete {
			return httpx.ErrForbidden
		}
		if err := httpx.CheckVersion(d.Version, version); err != nil {
			return err
		}
		if _, err := tx.NewUpdate().Model(d).Set("deleted_at = now(), deleted_by = ?, version = version + 1, updated_at = now()", a.UserID).
			WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("document: delete %s: %w", id, err)
		}
		return history.Record(ctx, tx, a, k.Type, d.RecordID, api.HistoryDocumentDeleted, []api.FieldChange{{Field: "document", Old: d.FileName}})
	})
}

// Restore brings a trashed document back.
func (s *Service) Restore(ctx context.Context, a *access.Actor, id uuid.UUID) (*Document, error) {
	var d *Document
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		var err error
		var k record.Kind
		if d, k, err = load(ctx, tx, a, id, true, true); err != nil {
			return err
		}
		if !d.canDelete {
			return httpx.ErrForbidden
		}
		if _, err := tx.NewUpdate().Model(d).Set("deleted_at = NULL, deleted_by = NULL, version = version + 1, updated_at = now()").
			WherePK().Returning("version").Exec(ctx); err != nil {
			return fmt.Errorf("document: restore %s: %w", id, err)
		}
		d.DeletedAt, d.DeletedBy = nil, nil
		return history.Record(ctx, tx, a, k.Type, d.RecordID, api.HistoryDocumentRestored, []api.FieldChange{{Field: "document", New: d.FileName}})
	})
	return d, err
}

// Usage returns the actor's storage: used, reserved and the limit of the tenant's plan.
func (s *Service) Usage(ctx context.Context, a *access.Actor) (api.StorageUsage, error) {
	var out api.StorageUsage
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		t, err := tenant.Load(ctx, tx, a.TenantID)
		if err != nil {
			return err
		}
		out.LimitBytes = t.StorageBytesPerUser
		err = tx.NewRaw("SELECT used_bytes, reserved_bytes FROM storage_usage WHERE tenant_id = ? AND user_id = ?", a.TenantID, a.UserID).
			Scan(ctx, &out.UsedBytes, &out.ReservedBytes)
		if err != nil && !db.IsNoRows(err) {
			return fmt.Errorf("document: usage: %w", err)
		}
		return nil
	})
	return out, err
}

// Upload is one file arriving for a record.
type Upload struct {
	Kind     record.Kind
	RecordID uuid.UUID
	// FileName as sent (sanitised here); "" is refused.
	FileName string
	// ContentType as declared by the client; checked against the content.
	ContentType string
	// Size is the announced length (Content-Length); the quota is reserved from it. -1 (unknown) is refused.
	Size int64
	Body io.Reader
}

// clientReader remembers how the client's stream failed (gone, stalled, over the limit), to tell those failures
// from the store's.
type clientReader struct {
	r   io.Reader
	err error
}

func (c *clientReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) && c.err == nil {
		c.err = err
	}
	return n, err
}

func incomplete(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return tooLarge(mbe.Limit)
	}
	e := httpx.NewError(http.StatusBadRequest, api.CodeDocumentIncomplete, "the upload ended before all announced bytes arrived")
	e.Fields = map[string]api.FieldCode{"file": api.FieldIncomplete}
	return e
}

func tooLarge(limit int64) error {
	e := httpx.NewError(http.StatusRequestEntityTooLarge, api.CodeDocumentTooLarge, fmt.Sprintf("a document may have at most %d bytes", limit))
	e.Fields = map[string]api.FieldCode{"file": api.FieldTooLarge}
	return e
}

// Upload stores a file on a record the actor may see. The order makes sure nothing is ever half-stored:
//  1. one transaction checks the record and the quota (the user's usage row locked, so concurrent uploads of the
//     user queue here) and commits a pending row with the announced size, which reserves that much quota;
//  2. the content's first bytes are checked against the declared type, then everything is streamed into the
//     blob store (synced, atomically renamed), hashed on the way; meanwhile the row's lease is renewed;
//  3. a second transaction marks the row stored with size and checksum (the reservation becomes usage) and adds
//     the record's history entry.
//
// Any failure after 1 releases the reservation at once (the row becomes a purge row), then deletes the bytes and
// the row; what cannot be deleted now (the store unreachable) the next Cleanup deletes. If this instance dies
// instead, the lease runs out and Cleanup does all of it.
func (s *Service) Upload(ctx context.Context, a *access.Actor, in Upload) (*Document, error) {
	if in.FileName == "" {
		return nil, httpx.FieldError("fileName", api.FieldRequired)
	}
	if in.Size < 0 {
		e := httpx.NewError(http.StatusLengthRequired, api.CodeDocumentLength, "send the file with Content-Length")
		e.Fields = map[string]api.FieldCode{"file": api.FieldLengthNeeded}
		return nil, e
	}
	if in.Size > s.opts.MaxBytes {
		return nil, tooLarge(s.opts.MaxBytes)
	}
	d, err := s.reserve(ctx, a, in.Kind, in.RecordID, SanitizeFileName(in.FileName), in.ContentType, in.Size)
	if err != nil {
		return nil, err
	}
	settled := false
	var putErr error
	defer func() {
		if !settled {
			s.release(ctx, a, d, putErr)
		}
	}()

	// The upload's context ends when its lease cannot be renewed: the cleanup may have released it already.
	upCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	stop := s.keepLease(upCtx, a, d, cancel)
	defer stop()

	body := &clientReader{r: in.Body}
	head := make([]byte, min(in.Size, sniffBytes))
	if _, err := io.ReadFull(body, head); err != nil {
		return nil, incomplete(err)
	}
	stored, ok := checkType(in.ContentType, head)
	if !ok {
		e := httpx.NewError(http.StatusUnsupportedMediaType, api.CodeDocumentTypeMismatch,
			fmt.Sprintf("the content is not of the declared type %q", in.ContentType))
		e.Fields = map[string]api.FieldCode{"contentType": api.FieldMismatch}
		return nil, e
	}
	w, err := s.store.Put(upCtx, d.StorageKey, io.MultiReader(bytes.NewReader(head), body), in.Size)
	if err != nil {
		putErr = err
		if body.err != nil || errors.Is(err, blob.ErrSize) {
			return nil, incomplete(errors.Join(body.err, err))
		}
		if cause := context.Cause(upCtx); cause != nil && ctx.Err() == nil {
			return nil, fmt.Errorf("document: upload %s: %w", d.ID, cause)
		}
		if errors.Is(err, blob.ErrUnavailable) {
			return nil, storeUnavailable(fmt.Errorf("document: upload %s: %w", d.ID, err))
		}
		return nil, fmt.Errorf("document: upload %s: %w", d.ID, err)
	}
	stop()
	d.ContentType, d.Size, d.SHA256 = stored, w.Size, w.SHA256[:]
	err = db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewUpdate().Model(d).
			Set("state = ?, expires_at = NULL, sha256 = ?, size_bytes = ?, content_type = ?, updated_at = now()",
				stateStored, d.SHA256, d.Size, d.ContentType).
			WherePK().Where("state = ?", statePending).Returning("version, created_at").Exec(ctx)
		if err != nil {
			return fmt.Errorf("document: settle %s: %w", d.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("document: settle %s: the reservation expired during the upload", d.ID)
		}
		d.State = stateStored
		d.ExpiresAt = nil
		d.UploaderName = record.UserName(ctx, tx, a.UserID)
		if err := history.Record(ctx, tx, a, in.Kind.Type, in.RecordID, api.HistoryDocumentAdded,
			[]api.FieldChange{{Field: "document", New: d.FileName}}); err != nil {
			return err
		}
		return rights(ctx, tx, a, in.Kind, in.RecordID, d)
	})
	if err != nil {
		return nil, err
	}
	settled = true
	return d, nil
}

// newStorageKey is <store prefix><tenant>/<2 hex>/<32 hex>: random, unrelated to the file name; the middle level
// spreads the files of a big tenant over 256 folders. The row keeps the whole key, prefix included, so that a
// document stays readable when the store's prefix is changed later (new documents then go below the new one).
func newStorageKey(prefix string, tenantID uuid.UUID) string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return prefix + tenantID.String() + "/" + h[:2] + "/" + h
}

// ownKey matches the keys newStorageKey makes below a prefix (after it): the only objects the cleanup may take
// for orphans.
var ownKey = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[0-9a-f]{2}/[0-9a-f]{32}$`)

// storeUnavailable is the answer while the document store cannot be reached: 503, to be tried again.
func storeUnavailable(err error) error {
	e := httpx.NewError(http.StatusServiceUnavailable, api.CodeStorageUnavailable,
		"the document store is unavailable; nothing was changed, try again shortly")
	e.Header = http.Header{"Retry-After": {storeRetryAfter}}
	return e.WithCause(err)
}

// storeRetryAfter is the Retry-After of storeUnavailable, in seconds: about when the readiness probe looks again.
const storeRetryAfter = "10"

// reserve checks the record and the quota and commits the pending row.
func (s *Service) reserve(ctx context.Context, a *access.Actor, k record.Kind, recordID uuid.UUID, name, declared string, size int64) (*Document, error) {
	d := &Document{Row: db.NewRow(a.TenantID), RecordType: k.Type, RecordID: recordID, FileName: name, ContentType: "application/octet-stream",
		Size: size, StorageKey: newStorageKey(s.store.Prefix(), a.TenantID), State: statePending, UploadedBy: a.UserID}
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		if _, err := record.Check(ctx, tx, a, k, recordID, api.ActionView); err != nil {
			return err
		}
		t, err := tenant.Load(ctx, tx, a.TenantID)
		if err != nil {
			return err
		}
		if _, err := tx.NewRaw("INSERT INTO storage_usage (tenant_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
			a.TenantID, a.UserID).Exec(ctx); err != nil {
			return fmt.Errorf("document: usage row: %w", err)
		}
		var used, reserved int64
		if err := tx.NewRaw("SELECT used_bytes, reserved_bytes FROM storage_usage WHERE tenant_id = ? AND user_id = ? FOR UPDATE",
			a.TenantID, a.UserID).Scan(ctx, &used, &reserved); err != nil {
			return fmt.Errorf("document: usage: %w", err)
		}
		if used+reserved+size > t.StorageBytesPerUser {
			e := httpx.NewError(http.StatusRequestEntityTooLarge, api.CodeQuotaExceeded, fmt.Sprintf(
				"storing %d bytes would exceed the storage of %d bytes per user (%d used, %d reserved by uploads in progress)",
				size, t.StorageBytesPerUser, used, reserved))
			e.Fields = map[string]api.FieldCode{"file": api.FieldQuota}
			return e
		}
		if _, err := tx.NewInsert().Model(d).Value("expires_at", "now() + make_interval(secs => ?)", s.opts.Lease.Seconds()).
			Returning("id, version, created_at, expires_at").Exec(ctx); err != nil {
			return fmt.Errorf("document: reserve: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// release undoes a reservation whose upload failed (putErr: the store's error, if that was the failure). First the
// quota: the pending row becomes a purge row in one short transaction, which releases its reservation (the usage
// trigger counts pending and stored rows only) whatever the store does. Then the bytes, unless the store just said
// it is unavailable, and the row; a purge row left behind is the next Cleanup's work. It runs on after the client
// went away.
func (s *Service) release(ctx context.Context, a *access.Actor, d *Document, putErr error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewUpdate().Model(d).Set("state = ?, expires_at = NULL, updated_at = now()", statePurge).
			WherePK().Where("state = ?", statePending).Exec(ctx)
		return err
	})
	if err != nil {
		s.log.Warn("document: releasing a failed upload: the cleanup will release its reservation when its lease ends",
			"document", d.ID, "err", err)
		return
	}
	if errors.Is(putErr, blob.ErrUnavailable) {
		return
	}
	if err := s.store.Delete(ctx, d.StorageKey); err != nil {
		s.log.Warn("document: releasing a failed upload: the cleanup will remove its bytes", "document", d.ID, "err", err)
		return
	}
	err = db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewDelete().Model(d).WherePK().Where("state = ?", statePurge).Exec(ctx)
		return err
	})
	if err != nil {
		s.log.Warn("document: releasing a failed upload: the cleanup will remove its row", "document", d.ID, "err", err)
	}
}

// keepLease renews the pending row's lease every third of it until stop is called; when the row is gone or the
// renewal keeps failing past the lease, it cancels the upload.
func (s *Service) keepLease(ctx context.Context, a *access.Actor, d *Document, cancel context.CancelCauseFunc) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(s.opts.Lease / 3)
		defer t.Stop()
		lastOK := time.Now()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
			var n int64
			err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
				res, err := tx.NewRaw("UPDATE documents SET expires_at = now() + make_interval(secs => ?) WHERE id = ? AND state = ?",
					s.opts.Lease.Seconds(), d.ID, statePending).Exec(ctx)
				if err == nil {
					n, _ = res.RowsAffected()
				}
				return err
			})
			switch {
			case err == nil && n == 1:
				lastOK = time.Now()
			case err == nil:
				cancel(errors.New("document: the upload's reservation is gone"))
				return
			case time.Since(lastOK) > s.opts.Lease:
				cancel(fmt.Errorf("document: the upload's reservation could not be renewed: %w", err))
				return
			}
		}
	}()
	var once bool
	return func() {
		if !once {
			once = true
			close(done)
			<-finished
		}
	}
}
