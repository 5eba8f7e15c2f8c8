// Package backup writes and restores a consistent backup of an installation: the database (pg_dump's custom
// format, taken in a snapshot) and the bytes of every document and import file that snapshot references, with a
// manifest of row counts and SHA-256 checksums.
//
// Consistency: objects in the document store are immutable and named by rows (documents.storage_key,
// imports.storage_key). Backup opens a REPEATABLE READ transaction, exports its snapshot, lets pg_dump dump
// exactly that snapshot (--snapshot), reads the row counts and the referenced keys in the same snapshot, and only
// then copies those objects. An object uploaded later is not referenced by the dump and not copied; an object the
// dump references was complete before the snapshot (a document is "stored" only after its bytes are durable) and
// is never changed afterwards.
//
// Why pg_dump and not a COPY export of our own: pg_dump already writes schema, data, functions, triggers, row-level
// security policies and privileges in the order a restore needs (data before indexes, constraints and triggers,
// so the change-feed triggers do not fire while rows come back), in a compressed format that pg_restore checks.
// It is part of the PostgreSQL client package the server's hosts have anyway.
package backup

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/blob"
	"github.com/1sales/app/backend/internal/db"
)

// Names in a backup folder.
const (
	ManifestName = "manifest.json"
	DumpName     = "database.dump"
	BlobsDir     = "blobs"
	// Format is the manifest's format version; Restore refuses others.
	Format = 1
)

// Errors that the command turns into exit codes of their own.
var (
	// ErrCorrupt: the backup is incomplete or a file does not match its checksum. Nothing was written.
	ErrCorrupt = errors.New("backup: the backup is corrupt or incomplete")
	// ErrNotEmpty: the target (database or document store) holds data. Nothing was overwritten.
	ErrNotEmpty = errors.New("backup: the target is not empty")
)

// Manifest describes a backup.
type Manifest struct {
	Format int `json:"format"`
	// ServerVersion is the version of the onesales-server that wrote it.
	ServerVersion string `json:"serverVersion"`
	// SchemaVersion is the name of the last migration applied to the database.
	SchemaVersion string    `json:"schemaVersion"`
	CreatedAt     time.Time `json:"createdAt"`
	// Installation is the installation's ID (the document store's marker names it).
	Installation string `json:"installation"`
	// OwnerRole and AppRole are the roles the dump's privileges name; both must exist where it is restored.
	OwnerRole string `json:"ownerRole"`
	AppRole   string `json:"appRole"`
	// Extensions the schema uses (a superuser must create the untrusted ones before a restore).
	Extensions []string `json:"extensions"`
	// Store is where the objects came from (for the operator; a restore writes into the configured store).
	Store StoreInfo `json:"store"`
	// Tables holds every table's row count in the snapshot.
	Tables map[string]int64 `json:"tables"`
	// Database is the dump file.
	Database File `json:"database"`
	// Blobs are the objects, each in blobs/<key>.
	Blobs []Blob `json:"blobs"`
}

// StoreInfo names the store a backup was taken from.
type StoreInfo struct {
	Kind   string `json:"kind"`
	Prefix string `json:"prefix"`
}

// File is a file of the backup with its checksum.
type File struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Blob is one object of the document store.
type Blob struct {
	Key    string `json:"key"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Options are what Backup and Restore work with.
type Options struct {
	// OwnerURL connects as the schema owner (ONESALES_MIGRATION_DATABASE_URL).
	OwnerURL string
	// AppRole is the application role (migrate's grants after a restore).
	AppRole string
	Store   blob.Store
	// StoreKind is blob.KindFS or blob.KindS3, for the manifest.
	StoreKind string
	// Tools finds pg_dump and pg_restore.
	Tools Tools
	// Version is the server's version, for the manifest.
	Version string
	Log     *slog.Logger
}

// snapshot is what Backup reads in the dump's snapshot.
type snapshot struct {
	schemaVersion string
	installation  string
	owner         string
	extensions    []string
	tables        map[string]int64
	refs          []ref
}

// ref is an object a row names, with what the row knows about it.
type ref struct {
	key    string
	size   int64
	sha256 []byte // nil: the row keeps no checksum (import files)
	table  string
}

// Backup writes a backup of the database and the referenced objects into dir, which must not exist or be empty.
// The manifest is written last: a folder without one is an incomplete backup.
func Backup(ctx context.Context, o Options, dir string) (*Manifest, error) {
	start := time.Now()
	if err := emptyDir(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(dir, BlobsDir), 0o700); err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	owner, err := db.OpenMaintenance(ctx, o.OwnerURL, nil)
	if err != nil {
		return nil, err
	}
	defer owner.Close()

	dumpPath := filepath.Join(dir, DumpName)
	snap, err := dumpInSnapshot(ctx, owner, o, dumpPath)
	if err != nil {
		return nil, err
	}
	m := &Manifest{Format: Format, ServerVersion: o.Version, SchemaVersion: snap.schemaVersion, CreatedAt: start.UTC(),
		Installation: snap.installation, OwnerRole: snap.owner, AppRole: o.AppRole, Extensions: snap.extensions,
		Store: StoreInfo{Kind: o.StoreKind, Prefix: o.Store.Prefix()}, Tables: snap.tables, Blobs: []Blob{}}
	if err := os.Chmod(dumpPath, 0o600); err != nil { // password hashes and customer data: the owner's alone
		return nil, fmt.Errorf("backup: %w", err)
	}
	if m.Database, err = fileChecksum(dumpPath, DumpName); err != nil {
		return nil, err
	}
	o.Log.Info("backup: database dumped", "tables", len(snap.tables), "bytes", m.Database.Size,
		"schema", snap.schemaVersion, "objects", len(snap.refs))

	var bytes int64
	for _, r := range snap.refs {
		b, err := copyOut(ctx, o.Store, r, dir)
		if err != nil {
			return nil, err
		}
		bytes += b.Size
		m.Blobs = append(m.Blobs, b)
	}
	if err := writeManifest(dir, m); err != nil {
		return nil, err
	}
	o.Log.Info("backup: done", "dir", dir, "objects", len(m.Blobs), "objectBytes", bytes, "took", time.Since(start).Round(time.Millisecond))
	return m, nil
}

// emptyDir refuses a folder that holds anything: a backup never mixes with another one.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("backup: %s is not empty: give a new folder for each backup", dir)
	}
	return nil
}

// dumpInSnapshot opens a REPEATABLE READ transaction, runs pg_dump on its exported snapshot and reads the counts
// and references in the same snapshot.
func dumpInSnapshot(ctx context.Context, owner *bun.DB, o Options, dumpPath string) (*snapshot, error) {
	conn, err := owner.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("backup: begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	var snapshotID string
	if err := tx.QueryRowContext(ctx, "SELECT pg_export_snapshot()").Scan(&snapshotID); err != nil {
		return nil, fmt.Errorf("backup: export snapshot: %w", err)
	}
	// pg_dump imports the snapshot while this transaction stays open, and so sees exactly what the queries below see.
	dumped := make(chan error, 1)
	go func() { dumped <- o.Tools.dump(ctx, o.OwnerURL, snapshotID, dumpPath) }()
	snap, err := readSnapshot(ctx, tx)
	if derr := <-dumped; derr != nil {
		return nil, derr
	}
	if err != nil {
		return nil, err
	}
	return snap, nil
}

func readSnapshot(ctx context.Context, tx bun.Tx) (*snapshot, error) {
	s := &snapshot{tables: map[string]int64{}}
	if err := tx.QueryRowContext(ctx, "SELECT name FROM bun_migrations ORDER BY name DESC LIMIT 1").Scan(&s.schemaVersion); err != nil {
		return nil, fmt.Errorf("backup: schema version: %w", err)
	}
	if err := tx.QueryRowContext(ctx, "SELECT id::text, current_user FROM installation").Scan(&s.installation, &s.owner); err != nil {
		return nil, fmt.Errorf("backup: installation: %w", err)
	}
	if err := tx.NewRaw("SELECT extname::text FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1").Scan(ctx, &s.extensions); err != nil {
		return nil, fmt.Errorf("backup: extensions: %w", err)
	}
	tables, err := userTables(ctx, tx)
	if err != nil {
		return nil, err
	}
	if s.tables, err = countRows(ctx, tx, tables); err != nil {
		return nil, err
	}
	// Documents whose bytes are stored (trashed ones too, until purged); pending uploads and purged documents have
	// no bytes worth keeping (the cleanup removes their rows). Import files until they expire.
	rows, err := tx.QueryContext(ctx, `
		SELECT storage_key, size_bytes, sha256, 'documents' FROM documents WHERE state = 'stored'
		UNION ALL
		SELECT storage_key, size_bytes, NULL, 'imports' FROM imports WHERE storage_key IS NOT NULL
		ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("backup: referenced objects: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r ref
		if err := rows.Scan(&r.key, &r.size, &r.sha256, &r.table); err != nil {
			return nil, fmt.Errorf("backup: referenced objects: %w", err)
		}
		s.refs = append(s.refs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("backup: referenced objects: %w", err)
	}
	return s, nil
}

// userTables lists the tables of the schema (public), as schema-qualified names.
func userTables(ctx context.Context, idb bun.IDB) ([]string, error) {
	var tables []string
	if err := idb.NewRaw(`SELECT format('%I.%I', schemaname, tablename) FROM pg_tables
		WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`).Scan(ctx, &tables); err != nil {
		return nil, fmt.Errorf("backup: tables: %w", err)
	}
	return tables, nil
}

// countRows counts the rows of each table (as the owner, whom row-level security does not restrict).
func countRows(ctx context.Context, idb bun.IDB, tables []string) (map[string]int64, error) {
	counts := make(map[string]int64, len(tables))
	for _, t := range tables {
		var n int64
		// t comes from format('%I.%I') above: quoted identifiers.
		if err := idb.NewRaw("SELECT count(*) FROM "+t).Scan(ctx, &n); err != nil {
			return nil, fmt.Errorf("backup: count %s: %w", t, err)
		}
		counts[t] = n
	}
	return counts, nil
}

// copyOut copies one object into dir/blobs/<key>, checking it against what its row knows.
func copyOut(ctx context.Context, store blob.Store, r ref, dir string) (Blob, error) {
	if !blob.ValidKey(r.key) {
		return Blob{}, fmt.Errorf("backup: %s names an invalid key %q", r.table, r.key)
	}
	obj, err := store.Open(ctx, r.key)
	if errors.Is(err, blob.ErrNotFound) {
		return Blob{}, fmt.Errorf("backup: object %s, named by a row of %s, is missing from the document store "+
			"(removed after the snapshot by the cleanup of a purged document, or lost): run the backup again; if it "+
			"stays missing, the store lost it", r.key, r.table)
	}
	if err != nil {
		return Blob{}, fmt.Errorf("backup: %w", err)
	}
	defer obj.Close()
	path := filepath.Join(dir, BlobsDir, filepath.FromSlash(r.key))
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return Blob{}, fmt.Errorf("backup: %w", err)
	}
	size, sum, err := writeFile(path, obj)
	if err != nil {
		return Blob{}, fmt.Errorf("backup: object %s: %w", r.key, err)
	}
	if size != r.size || (r.sha256 != nil && hex.EncodeToString(r.sha256) != sum) {
		return Blob{}, fmt.Errorf("backup: object %s in the document store does not match its row in %s (%d bytes, SHA-256 %s; "+
			"the row says %d bytes, %x): the store's copy is damaged", r.key, r.table, size, sum, r.size, r.sha256)
	}
	return Blob{Key: r.key, Size: size, SHA256: sum}, nil
}

// writeFile writes r to path, synced, and returns its size and SHA-256.
func writeFile(path string, r io.Reader) (int64, string, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return 0, "", err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), r)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// fileChecksum reads a file of the backup and describes it.
func fileChecksum(path, name string) (File, error) {
	f, err := os.Open(path)
	if err != nil {
		return File{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return File{}, fmt.Errorf("backup: read %s: %w", name, err)
	}
	return File{Name: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// writeManifest writes the manifest to a temporary file, syncs it and renames it into place.
func writeManifest(dir string, m *Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("backup: manifest: %w", err)
	}
	tmp := filepath.Join(dir, ManifestName+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("backup: manifest: %w", err)
	}
	_, err = f.Write(append(b, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, ManifestName))
	}
	if err != nil {
		return fmt.Errorf("backup: manifest: %w", err)
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer d.Close()
	return d.Sync()
}
