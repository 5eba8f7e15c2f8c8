package backup

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/migrate"

	"github.com/1sales/app/backend/internal/backfill"
	"github.com/1sales/app/backend/internal/blob"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/migrations"
)

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Verify reads the manifest of the backup in dir and checks every file against its size and SHA-256. Any
// difference, a missing file or an unreadable manifest is ErrCorrupt, naming what is wrong.
func Verify(dir string) (*Manifest, error) {
	m, err := readManifest(dir)
	if err != nil {
		return nil, err
	}
	var bad []string
	check := func(path, name string, size int64, sum string) {
		f, err := fileChecksum(path, name)
		switch {
		case err != nil:
			bad = append(bad, fmt.Sprintf("%s: %v", name, err))
		case f.Size != size:
			bad = append(bad, fmt.Sprintf("%s: %d bytes, the manifest says %d", name, f.Size, size))
		case f.SHA256 != sum:
			bad = append(bad, fmt.Sprintf("%s: SHA-256 %s, the manifest says %s", name, f.SHA256, sum))
		}
	}
	check(filepath.Join(dir, DumpName), DumpName, m.Database.Size, m.Database.SHA256)
	for _, b := range m.Blobs {
		check(filepath.Join(dir, BlobsDir, filepath.FromSlash(b.Key)), BlobsDir+"/"+b.Key, b.Size, b.SHA256)
	}
	if n := len(bad); n > 0 {
		more := ""
		if n > 5 {
			more = fmt.Sprintf(" (and %d more)", n-5)
			bad = bad[:5]
		}
		return nil, fmt.Errorf("%w: %d file(s) do not match the manifest: %s%s", ErrCorrupt, n, strings.Join(bad, "; "), more)
	}
	return m, nil
}

// readManifest reads and checks the manifest's form (keys are checked like the store's, so no name leaves the
// folder).
func readManifest(dir string) (*Manifest, error) {
	raw, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, fmt.Errorf("%w: %s has no readable %s (not a backup, or a backup that did not finish): %w", ErrCorrupt, dir, ManifestName, err)
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrCorrupt, ManifestName, err)
	}
	if m.Format != Format {
		return nil, fmt.Errorf("%w: %s has format %d; this server reads format %d", ErrCorrupt, ManifestName, m.Format, Format)
	}
	problem := func(what string) (*Manifest, error) {
		return nil, fmt.Errorf("%w: %s: %s", ErrCorrupt, ManifestName, what)
	}
	if m.Database.Name != DumpName || !sha256Hex.MatchString(m.Database.SHA256) {
		return problem("the database file is not described")
	}
	if m.SchemaVersion == "" || m.Installation == "" || len(m.Tables) == 0 {
		return problem("schema version, installation or row counts missing")
	}
	seen := make(map[string]bool, len(m.Blobs))
	for _, b := range m.Blobs {
		if !blob.ValidKey(b.Key) || seen[b.Key] || b.Size < 0 || !sha256Hex.MatchString(b.SHA256) {
			return problem(fmt.Sprintf("invalid or repeated object %q", b.Key))
		}
		seen[b.Key] = true
	}
	return &m, nil
}

// Restore brings the backup in dir back into an empty database (the owner's of o.OwnerURL) and an empty document
// store. In this order, and stopping at the first failure:
//  1. every file is checked against the manifest (ErrCorrupt; nothing written);
//  2. the backup's schema must be one this server knows, the database must hold no table and the store no object
//     other than the backup's own (ErrNotEmpty; nothing written), the roles and extensions must be there;
//  3. the store is claimed for the backup's installation and the objects are written (objects already there with
//     the right checksum, from an interrupted restore, are kept);
//  4. the database is restored in one transaction, and every table's row count compared with the manifest;
//  5. migrate runs (grants for o.AppRole; newer migrations when this server is newer than the backup).
func Restore(ctx context.Context, o Options, dir string) (*Manifest, error) {
	start := time.Now()
	m, err := Verify(dir)
	if err != nil {
		return nil, err
	}
	o.Log.Info("restore: backup verified", "dir", dir, "created", m.CreatedAt, "serverVersion", m.ServerVersion,
		"schema", m.SchemaVersion, "objects", len(m.Blobs))
	if err := knownSchema(m.SchemaVersion); err != nil {
		return nil, err
	}
	for _, b := range m.Blobs {
		if !strings.HasPrefix(b.Key, o.Store.Prefix()) {
			return nil, fmt.Errorf("backup: the backup's objects were stored below the prefix %q (store %s), which does not fit the "+
				"configured store (prefix %q): documents keep their whole key, so restore into a store with ONESALES_S3_PREFIX=%s, "+
				"or into a file system store (ONESALES_BLOB=fs)", m.Store.Prefix, m.Store.Kind, o.Store.Prefix(),
				strings.TrimSuffix(m.Store.Prefix, "/"))
		}
	}
	owner, err := db.OpenMaintenance(ctx, o.OwnerURL, nil)
	if err != nil {
		return nil, err
	}
	defer owner.Close()
	if err := checkTarget(ctx, owner, m); err != nil {
		return nil, err
	}
	present, err := checkStore(ctx, o.Store, m)
	if err != nil {
		return nil, err
	}
	if err := o.Store.Claim(ctx, m.Installation); err != nil {
		if errors.Is(err, blob.ErrClaimed) {
			return nil, fmt.Errorf("%w: %w", ErrNotEmpty, err)
		}
		return nil, fmt.Errorf("backup: %w", err)
	}

	var written int
	for _, b := range m.Blobs {
		if present[b.Key] {
			continue
		}
		if err := putBlob(ctx, o.Store, dir, b); err != nil {
			return nil, err
		}
		written++
	}
	o.Log.Info("restore: objects written", "written", written, "alreadyThere", len(present))

	if err := o.Tools.restore(ctx, o.OwnerURL, filepath.Join(dir, DumpName)); err != nil {
		return nil, err
	}
	if err := compareCounts(ctx, owner, m.Tables); err != nil {
		return nil, err
	}
	o.Log.Info("restore: database restored", "tables", len(m.Tables))
	if err := db.Migrate(ctx, owner, o.AppRole, o.Log); err != nil {
		return nil, err
	}
	if err := backfill.Run(ctx, owner, o.Log); err != nil {
		return nil, err
	}
	o.Log.Info("restore: done", "took", time.Since(start).Round(time.Millisecond))
	return m, nil
}

// knownSchema refuses a backup whose last migration this server does not have: an older server cannot read the
// newer schema.
func knownSchema(version string) error {
	ms := migrate.NewMigrations()
	if err := ms.Discover(migrations.Files); err != nil {
		return fmt.Errorf("backup: migrations: %w", err)
	}
	sorted := ms.Sorted()
	for _, mig := range sorted {
		if mig.Name == version {
			return nil
		}
	}
	return fmt.Errorf("backup: the backup's schema (migration %s) is unknown to this server (newest %s): restore with the "+
		"server version that wrote the backup or a newer one", version, sorted[len(sorted)-1].Name)
}

// checkTarget refuses a database with tables, and names missing roles and extensions.
func checkTarget(ctx context.Context, owner *bun.DB, m *Manifest) error {
	tables, err := userTables(ctx, owner)
	if err != nil {
		return err
	}
	var dbName string
	var super bool
	if err := owner.QueryRowContext(ctx, "SELECT current_database(), rolsuper FROM pg_roles WHERE rolname = current_user").
		Scan(&dbName, &super); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if len(tables) > 0 {
		return fmt.Errorf("%w: database %s has %d tables (%s, …): restore only into an empty database (drop it and create it "+
			"anew, see docs/operations.md); nothing was changed", ErrNotEmpty, dbName, len(tables), tables[0])
	}
	var missing []string
	if err := owner.NewRaw("SELECT r FROM unnest(?::text[]) AS r WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r)",
		pgArray([]string{m.OwnerRole, m.AppRole})).Scan(ctx, &missing); err != nil {
		return fmt.Errorf("backup: roles: %w", err)
	}
	if len(missing) > 0 {
		return fmt.Errorf("backup: the backup's privileges name the roles %s, missing in this cluster: create them (CREATE ROLE … LOGIN) first",
			strings.Join(missing, ", "))
	}
	// Extensions that are not there yet and that this role may not create (not trusted, and no superuser).
	var untrusted []string
	if err := owner.NewRaw(`SELECT e FROM unnest(?::text[]) AS e
		WHERE NOT EXISTS (SELECT FROM pg_extension WHERE extname = e)
		  AND NOT ? AND NOT coalesce((SELECT bool_or(trusted) FROM pg_available_extension_versions WHERE name = e), false)`,
		pgArray(m.Extensions), super).Scan(ctx, &untrusted); err != nil {
		return fmt.Errorf("backup: extensions: %w", err)
	}
	if len(untrusted) > 0 {
		return fmt.Errorf("backup: the schema needs the extensions %s, which only a superuser may create: run "+
			"CREATE EXTENSION %s CASCADE in database %s as a superuser first", strings.Join(untrusted, ", "), untrusted[0], dbName)
	}
	return nil
}

// pgArray spells a text array literal.
func pgArray(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
	}
	return "{" + strings.Join(quoted, ",") + "}"
}

// checkStore refuses a store that holds objects other than the backup's, and returns the backup's objects it
// already holds intact (a restore that was interrupted after writing them).
func checkStore(ctx context.Context, store blob.Store, m *Manifest) (map[string]bool, error) {
	want := make(map[string]Blob, len(m.Blobs))
	for _, b := range m.Blobs {
		want[b.Key] = b
	}
	var found []blob.Info
	if err := store.List(ctx, func(i blob.Info) error { found = append(found, i); return nil }); err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	present := map[string]bool{}
	for _, i := range found {
		b, ok := want[i.Key]
		if !ok || i.Partial || i.Size != b.Size {
			return nil, fmt.Errorf("%w: the document store already holds objects that are not this backup's (%s, %d bytes): "+
				"restore only into an empty folder or prefix; nothing was changed", ErrNotEmpty, i.Key, i.Size)
		}
		sum, err := storedChecksum(ctx, store, i.Key)
		if err != nil {
			return nil, err
		}
		if sum != b.SHA256 {
			return nil, fmt.Errorf("%w: the document store holds %s with other content than the backup's: nothing was changed",
				ErrNotEmpty, i.Key)
		}
		present[i.Key] = true
	}
	return present, nil
}

func storedChecksum(ctx context.Context, store blob.Store, key string) (string, error) {
	obj, err := store.Open(ctx, key)
	if err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	defer obj.Close()
	h := sha256.New()
	if _, err := io.Copy(h, obj); err != nil {
		return "", fmt.Errorf("backup: read %s: %w", key, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// putBlob writes one object from the backup into the store and checks what the store reports.
func putBlob(ctx context.Context, store blob.Store, dir string, b Blob) error {
	f, err := os.Open(filepath.Join(dir, BlobsDir, filepath.FromSlash(b.Key)))
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer f.Close()
	w, err := store.Put(ctx, b.Key, f, b.Size)
	if err != nil {
		return fmt.Errorf("backup: restore object %s: %w", b.Key, err)
	}
	if hex.EncodeToString(w.SHA256[:]) != b.SHA256 {
		_ = store.Delete(ctx, b.Key)
		return fmt.Errorf("%w: %s changed while it was restored", ErrCorrupt, b.Key)
	}
	return nil
}

// compareCounts compares every table's row count with the manifest's.
func compareCounts(ctx context.Context, owner *bun.DB, want map[string]int64) error {
	tables, err := userTables(ctx, owner)
	if err != nil {
		return err
	}
	got, err := countRows(ctx, owner, tables)
	if err != nil {
		return err
	}
	var diffs []string
	for t, n := range want {
		if g, ok := got[t]; !ok || g != n {
			diffs = append(diffs, fmt.Sprintf("%s: %d rows, the manifest says %d", t, g, n))
		}
	}
	for t := range got {
		if _, ok := want[t]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s: not in the manifest", t))
		}
	}
	slices.Sort(diffs)
	if len(diffs) > 0 {
		return fmt.Errorf("backup: the restored database differs from the backup's counts: %s", strings.Join(diffs, "; "))
	}
	return nil
}
