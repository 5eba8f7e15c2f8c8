package backup_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minio/minio-go/v7"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/backfill"
	"github.com/1sales/app/backend/internal/backup"
	"github.com/1sales/app/backend/internal/blob"
	"github.com/1sales/app/backend/internal/blob/blobtest"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/seed"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

// store is one kind of document store under the drill: its configuration in the server and in the environment of
// the onesales-server process, and how to destroy it.
type store struct {
	cfg blob.Config
	env []string
	// empty destroys everything in the store (objects and the installation marker).
	empty func(t *testing.T)
}

func fsStore(t *testing.T) store {
	dir := filepath.Join(t.TempDir(), "blobs")
	return store{cfg: blob.Config{Kind: blob.KindFS, Dir: dir}, env: []string{"ONESALES_BLOB=fs", "ONESALES_BLOB_DIR=" + dir},
		empty: func(t *testing.T) {
			if err := os.RemoveAll(dir); err != nil {
				t.Fatal(err)
			}
		}}
}

func s3Store(t *testing.T, cfg blob.S3Config, extraEnv ...string) store {
	client := blobtest.Client(t, cfg)
	return store{cfg: blob.Config{Kind: blob.KindS3, S3: cfg},
		env: append([]string{"ONESALES_BLOB=s3", "ONESALES_S3_ENDPOINT=" + cfg.Endpoint, "ONESALES_S3_BUCKET=" + cfg.Bucket,
			"ONESALES_S3_ACCESS_KEY=" + cfg.AccessKey, "ONESALES_S3_SECRET_KEY=" + cfg.SecretKey, "ONESALES_S3_REGION=" + cfg.Region,
			"ONESALES_S3_PATH_STYLE=true", "ONESALES_S3_PREFIX=" + cfg.Prefix}, extraEnv...),
		empty: func(t *testing.T) {
			ctx := context.Background()
			for _, key := range blobtest.Objects(t, client, cfg.Bucket, cfg.Prefix+"/") {
				if err := client.RemoveObject(ctx, cfg.Bucket, key, minio.RemoveObjectOptions{}); err != nil {
					t.Fatalf("remove %s: %v", key, err)
				}
			}
			if left := blobtest.Objects(t, client, cfg.Bucket, cfg.Prefix+"/"); len(left) > 0 {
				t.Fatalf("objects left after emptying the prefix: %v", left)
			}
		}}
}

// The restore drill of the operator guide, with the real onesales-server: a server with the demo company's data
// and documents is backed up, its database dropped and its document store emptied; a corrupt copy of the backup
// and a restore into a database with data are refused with their exit codes and change nothing; the backup is
// restored into a new empty database and store, and every table's row count and every document's checksum is the
// same as before, and the restored installation serves its documents.
func TestRestoreDrillBringsBackEveryRowAndDocument(t *testing.T) {
	bin := apptest.ServerBinary(t)
	t.Run("fs", func(t *testing.T) { drill(t, bin, fsStore(t)) })
	t.Run("s3-seaweedfs", func(t *testing.T) { drill(t, bin, s3Store(t, blobtest.External(t))) })
	t.Run("s3-gofakes3", func(t *testing.T) {
		cfg, srv := blobtest.FakeServer(t)
		// The process trusts the fake's test certificate the way Go programs read extra roots on Linux.
		certFile := filepath.Join(t.TempDir(), "fake-s3.pem")
		if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600); err != nil {
			t.Fatal(err)
		}
		drill(t, bin, s3Store(t, cfg, "SSL_CERT_FILE="+certFile))
	})
}

func drill(t *testing.T, bin string, st store) {
	ctx := context.Background()
	source := testdb.New(t)
	env := apptest.StartOn(t, source, nil, nil, func(c *config.Config) { c.Blob = st.cfg })
	if err := env.App.ClaimDocumentStore(ctx); err != nil {
		t.Fatal(err)
	}
	// As `migrate` leaves a database (the test template ran the SQL migrations only), then the demo data.
	if err := backfill.Run(ctx, source.Owner, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	if err := seed.Demo(ctx, source.Owner, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatalf("demo data: %v", err)
	}
	docs := uploadDocuments(t, env, source.Owner)

	before := tableCounts(t, source.Owner)
	if before["public.persons"] == 0 || before["public.deals"] == 0 || before["public.documents"] != int64(len(docs)) {
		t.Fatalf("the demo data is missing: %v", before)
	}

	dir := filepath.Join(t.TempDir(), "backup")
	ownerEnv := append([]string{"ONESALES_MIGRATION_DATABASE_URL=" + source.OwnerURL}, st.env...)
	if code, out := runServer(t, bin, ownerEnv, "backup", "-to", dir); code != 0 {
		t.Fatalf("backup: exit %d\n%s", code, out)
	}
	m := readManifest(t, dir)
	if len(m.Blobs) != len(docs) {
		t.Fatalf("the manifest lists %d objects, want the %d stored documents", len(m.Blobs), len(docs))
	}
	for table, n := range before {
		if m.Tables[table] != n {
			t.Errorf("manifest: %s has %d rows, the database %d", table, m.Tables[table], n)
		}
	}

	// Disaster: the database and the documents are gone.
	dropDatabase(t, source.Name)
	st.empty(t)

	// A fresh installation: an empty database (with the extension a superuser creates) and the emptied store.
	target := createEmptyDatabase(t)
	targetEnv := append([]string{"ONESALES_MIGRATION_DATABASE_URL=" + target.ownerURL}, st.env...)
	targetStore, err := blob.New(st.cfg)
	if err != nil {
		t.Fatal(err)
	}

	// A corrupt backup (one flipped byte in a document, then in the database dump) is refused before anything is
	// written.
	largest := m.Blobs[0]
	for _, b := range m.Blobs {
		if b.Size > largest.Size {
			largest = b
		}
	}
	for _, file := range []string{filepath.Join(dir, backup.BlobsDir, filepath.FromSlash(largest.Key)), filepath.Join(dir, backup.DumpName)} {
		restoreByte := flipByte(t, file)
		code, out := runServer(t, bin, targetEnv, "restore", "-from", dir)
		if code != 3 || !strings.Contains(out, "do not match the manifest") {
			t.Fatalf("restore of a backup with a corrupt %s: exit %d, want 3 and the file named\n%s", filepath.Base(file), code, out)
		}
		if n := len(tableNames(t, target.owner)); n != 0 {
			t.Fatalf("the refused restore created %d tables", n)
		}
		if objs := storeObjects(t, targetStore); len(objs) != 0 {
			t.Fatalf("the refused restore wrote objects: %v", objs)
		}
		restoreByte()
	}
	// A backup without its manifest (one that did not finish) likewise.
	if err := os.Rename(filepath.Join(dir, backup.ManifestName), filepath.Join(dir, "manifest.moved")); err != nil {
		t.Fatal(err)
	}
	if code, out := runServer(t, bin, targetEnv, "restore", "-from", dir); code != 3 {
		t.Fatalf("restore without a manifest: exit %d, want 3\n%s", code, out)
	}
	if err := os.Rename(filepath.Join(dir, "manifest.moved"), filepath.Join(dir, backup.ManifestName)); err != nil {
		t.Fatal(err)
	}

	if code, out := runServer(t, bin, targetEnv, "restore", "-from", dir); code != 0 {
		t.Fatalf("restore: exit %d\n%s", code, out)
	}
	after := tableCounts(t, target.owner)
	if len(after) != len(before) {
		t.Errorf("%d tables after the restore, %d before", len(after), len(before))
	}
	for table, n := range before {
		if after[table] != n {
			t.Errorf("%s: %d rows after the restore, %d before", table, after[table], n)
		}
	}
	for _, d := range docs {
		if got := objectChecksum(t, targetStore, d.key); got != d.sha256 {
			t.Errorf("document %s (%s): SHA-256 %s after the restore, %s before", d.id, d.key, got, d.sha256)
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	// The restored installation serves: the app role may read (migrate's grants ran), the store's marker names the
	// restored installation, and a document comes back byte for byte.
	proc := apptest.NewProcess(t, bin, target.appURL, st.env...)
	proc.Start()
	login := env.DoAt(proc.Base, apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login",
		Body: api.LoginRequest{Email: apptest.Admin, Password: apptest.Password}})
	if login.Status != http.StatusOK {
		t.Fatalf("sign-in on the restored server: %d %s", login.Status, login.Body)
	}
	var session api.Session
	login.Decode(t, &session)
	for _, d := range docs[:2] {
		r := env.DoAt(proc.Base, apptest.Request{Method: http.MethodGet, Path: "/api/v1/documents/" + d.id + "/content", Token: session.AccessToken})
		if sum := sha256.Sum256(r.Body); r.Status != http.StatusOK || hex.EncodeToString(sum[:]) != d.sha256 {
			t.Fatalf("download of %s from the restored server: %d, SHA-256 %x, want 200 and %s", d.id, r.Status, sum, d.sha256)
		}
	}
	proc.Kill()

	// A restore into a database that holds data is refused and changes nothing.
	served := tableCounts(t, target.owner)
	if code, out := runServer(t, bin, targetEnv, "restore", "-from", dir); code != 4 || !strings.Contains(out, "restore only into an empty database") {
		t.Fatalf("restore into a database with data: exit %d, want 4\n%s", code, out)
	}
	again := tableCounts(t, target.owner)
	for table, n := range served {
		if again[table] != n {
			t.Errorf("%s: %d rows after the refused restore, %d before", table, again[table], n)
		}
	}
	// So is a restore into an empty database when the store holds objects that are not the backup's.
	other := createEmptyDatabase(t)
	if _, err := targetStore.Put(ctx, targetStore.Prefix()+"foreign/object", strings.NewReader("not from the backup"), -1); err != nil {
		t.Fatal(err)
	}
	otherEnv := append([]string{"ONESALES_MIGRATION_DATABASE_URL=" + other.ownerURL}, st.env...)
	if code, out := runServer(t, bin, otherEnv, "restore", "-from", dir); code != 4 || !strings.Contains(out, "not this backup's") {
		t.Fatalf("restore into a store with other objects: exit %d, want 4\n%s", code, out)
	}
	if n := len(tableNames(t, other.owner)); n != 0 {
		t.Fatalf("the refused restore created %d tables", n)
	}
}

// document is an uploaded document and the SHA-256 of what was uploaded.
type document struct {
	id, key, sha256 string
	version         int64
}

// uploadDocuments uploads documents of several sizes to demo persons (one larger than the S3 store's part size,
// so it goes up in parts) and moves one to the trash (its bytes stay until it is purged, and so in the backup).
func uploadDocuments(t *testing.T, env *apptest.Env, owner *bun.DB) []document {
	t.Helper()
	ctx := context.Background()
	var persons []string
	if err := owner.NewRaw("SELECT id::text FROM persons WHERE tenant_id = ? ORDER BY id LIMIT 3", env.Demo.TenantID).Scan(ctx, &persons); err != nil || len(persons) < 3 {
		t.Fatalf("demo persons: %v %v", persons, err)
	}
	token := env.Token(apptest.Admin)
	var docs []document
	for i, size := range []int{0, 1, 70 << 10, 17 << 20, 3000} {
		content := make([]byte, size)
		_, _ = rand.Read(content)
		req, err := http.NewRequest(http.MethodPost, env.Server.URL+"/api/v1/persons/"+persons[i%3]+"/documents", bytes.NewReader(content))
		if err != nil {
			t.Fatal(err)
		}
		req.ContentLength = int64(size)
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/octet-stream")
		req.Header.Set(api.HeaderFileName, url.PathEscape(fmt.Sprintf("Angebot %d.bin", i)))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("upload %d: %d %s", i, resp.StatusCode, body)
		}
		r := &apptest.Response{Status: resp.StatusCode, Body: body}
		var d api.Document
		r.Decode(t, &d)
		sum := sha256.Sum256(content)
		docs = append(docs, document{id: d.ID, sha256: hex.EncodeToString(sum[:]), version: d.Version})
	}
	if r := env.Do(apptest.Request{Method: http.MethodDelete, Path: "/api/v1/documents/" + docs[4].id, Token: token,
		Header: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, docs[4].version)}}); r.Status != http.StatusNoContent {
		t.Fatalf("trash a document: %d %s", r.Status, r.Body)
	}
	for i := range docs {
		if err := owner.NewRaw("SELECT storage_key FROM documents WHERE id = ? AND state = 'stored'", docs[i].id).Scan(ctx, &docs[i].key); err != nil {
			t.Fatalf("document %s: %v", docs[i].id, err)
		}
	}
	return docs
}

func tableNames(t *testing.T, owner *bun.DB) []string {
	t.Helper()
	var names []string
	if err := owner.NewRaw(`SELECT format('%I.%I', schemaname, tablename) FROM pg_tables
		WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`).Scan(context.Background(), &names); err != nil {
		t.Fatal(err)
	}
	return names
}

func tableCounts(t *testing.T, owner *bun.DB) map[string]int64 {
	t.Helper()
	counts := map[string]int64{}
	for _, name := range tableNames(t, owner) {
		var n int64
		if err := owner.NewRaw("SELECT count(*) FROM "+name).Scan(context.Background(), &n); err != nil {
			t.Fatal(err)
		}
		counts[name] = n
	}
	return counts
}

func storeObjects(t *testing.T, s blob.Store) []string {
	t.Helper()
	var keys []string
	if err := s.List(context.Background(), func(i blob.Info) error { keys = append(keys, i.Key); return nil }); err != nil {
		t.Fatal(err)
	}
	return keys
}

func objectChecksum(t *testing.T, s blob.Store, key string) string {
	t.Helper()
	o, err := s.Open(context.Background(), key)
	if err != nil {
		t.Fatalf("open %s: %v", key, err)
	}
	defer o.Close()
	h := sha256.New()
	if _, err := io.Copy(h, o); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func readManifest(t *testing.T, dir string) *backup.Manifest {
	t.Helper()
	m, err := backup.Verify(dir)
	if err != nil {
		t.Fatalf("the backup does not verify: %v", err)
	}
	return m
}

// flipByte changes one byte in the middle of file and returns the function that puts it back.
func flipByte(t *testing.T, file string) func() {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) == 0 {
		t.Fatalf("%s is empty: nothing to corrupt", file)
	}
	orig := bytes.Clone(b)
	b[len(b)/2] ^= 0x40
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return func() {
		if err := os.WriteFile(file, orig, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// runServer runs onesales-server with args and only env (plus PATH) and returns its exit status and output.
func runServer(t *testing.T, bin string, env []string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "ONESALES_LOG_LEVEL=info"}, env...)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, string(out)
	case errors.As(err, &exit):
		return exit.ExitCode(), string(out)
	default:
		t.Fatalf("run %s: %v", strings.Join(args, " "), err)
		return 0, ""
	}
}

// database is an empty database of the test cluster, created as an operator does for a new installation.
type database struct {
	name             string
	ownerURL, appURL string
	owner            *bun.DB
}

func createEmptyDatabase(t *testing.T) database {
	t.Helper()
	ctx := context.Background()
	super := os.Getenv(testdb.Env)
	name := "onesales_restore_" + blobtest.Random()
	sdb, err := db.Open(ctx, super, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	if _, err := sdb.ExecContext(ctx, "CREATE DATABASE "+name+" OWNER "+testdb.OwnerRole); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dropDatabase(t, name) })
	// earthdistance is not a trusted extension: a superuser creates it in the new database (docs/operations.md).
	edb, err := db.Open(ctx, withDB(t, super, "", name), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = edb.ExecContext(ctx, "CREATE EXTENSION earthdistance CASCADE")
	edb.Close()
	if err != nil {
		t.Fatal(err)
	}
	d := database{name: name, ownerURL: withDB(t, super, testdb.OwnerRole, name), appURL: withDB(t, super, testdb.AppRole, name)}
	if d.owner, err = db.Open(ctx, d.ownerURL, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.owner.Close() })
	return d
}

func dropDatabase(t *testing.T, name string) {
	t.Helper()
	ctx := context.Background()
	sdb, err := db.Open(ctx, os.Getenv(testdb.Env), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	if _, err := sdb.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		t.Fatal(err)
	}
}

// withDB is the URL raw with another database and, unless user is "", another user.
func withDB(t *testing.T, raw, user, name string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if user != "" {
		u.User = url.User(user)
	}
	u.Path = "/" + name
	return u.String()
}
