package app_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/minio/minio-go/v7"

	"github.com/1sales/app/backend/internal/app"
	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/blob"
	"github.com/1sales/app/backend/internal/blob/blobtest"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/backend/internal/document"
	"github.com/1sales/app/shared/api"
)

// withS3 serves the documents from the S3 store of cfg.
func withS3(cfg blob.S3Config) apptest.Option {
	return func(c *config.Config) { c.Blob = blob.Config{Kind: blob.KindS3, S3: cfg} }
}

// s3Servers are the S3 servers the document tests run against: SeaweedFS (started by make test) and gofakes3.
var s3Servers = map[string]func(t testing.TB) blob.S3Config{
	"seaweedfs": blobtest.External,
	"gofakes3":  blobtest.Fake,
}

// onEachS3 runs test against each S3 server, in a server whose documents go there, with the demo admin signed in.
func onEachS3(t *testing.T, test func(t *testing.T, cfg blob.S3Config, env *apptest.Env, admin *client)) {
	for name, server := range s3Servers {
		t.Run(name, func(t *testing.T) {
			cfg := server(t)
			env := apptest.Start(t, withS3(cfg))
			test(t, cfg, env, signIn(t, env, apptest.Admin))
		})
	}
}

// storeDown starts the backend on the S3 store of a gofakes3 server, stores a document, and stops the server: the
// store is then unreachable (connection refused), as when the object store is down.
func storeDown(t *testing.T) (env *apptest.Env, admin *client, recordPath string, stored api.Document) {
	t.Helper()
	cfg, srv := blobtest.FakeServer(t)
	env = apptest.Start(t, withS3(cfg))
	admin = signIn(t, env, apptest.Admin)
	org := admin.createOrg(api.OrganizationCreate{Name: "Ausfall GmbH"})
	recordPath = "/api/v1/organizations/" + org.ID
	stored = uploadOK(t, env, admin.token, recordPath, "vorher.txt", "text/plain", txtBytes)
	if r := env.Do(apptest.Request{Method: "GET", Path: "/readyz"}); r.Status != http.StatusOK {
		t.Fatalf("readyz with the store up: %d %s", r.Status, r.Body)
	}
	srv.Close()
	return env, admin, recordPath, stored
}

// unavailable checks a 503 storage.unavailable with Retry-After, answered within a second or two.
func unavailable(t *testing.T, what string, r *apptest.Response, took time.Duration) {
	t.Helper()
	if r.Status != http.StatusServiceUnavailable || r.Error(t).Code != api.CodeStorageUnavailable || r.Header.Get("Retry-After") == "" {
		t.Fatalf("%s with the store down: %d %s (Retry-After %q), want 503 %s with Retry-After", what, r.Status, r.Body,
			r.Header.Get("Retry-After"), api.CodeStorageUnavailable)
	}
	if took > 3*time.Second {
		t.Fatalf("%s with the store down took %s: an unreachable store must be reported at once", what, took)
	}
}

func TestAnUnreachableStoreAnswers503WithRetryAfterAndMakesTheInstanceUnready(t *testing.T) {
	env, admin, recordPath, stored := storeDown(t)

	start := time.Now()
	r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/documents/" + stored.ID + "/content", Token: admin.token})
	unavailable(t, "a download", r, time.Since(start))

	start = time.Now()
	r = upload(t, env, admin.token, recordPath, "nachher.txt", "text/plain", bytes.NewReader(txtBytes), int64(len(txtBytes)))
	unavailable(t, "an upload", r, time.Since(start))

	r = env.Do(apptest.Request{Method: "GET", Path: "/readyz"})
	if r.Status != http.StatusServiceUnavailable || r.Error(t).Code != api.CodeStorageUnavailable {
		t.Fatalf("readyz with the store down: %d %s", r.Status, r.Body)
	}
	// What needs no bytes still works: the documents' metadata and the list.
	admin.call("GET", "/api/v1/documents/"+stored.ID, nil, 200, nil)
	admin.call("GET", recordPath+"/documents", nil, 200, nil)
}

func TestAFailedUploadReleasesItsQuotaAtOnce(t *testing.T) {
	env, admin, recordPath, stored := storeDown(t)
	ctx := context.Background()

	big := append(append([]byte{}, txtBytes...), bytes.Repeat([]byte("x"), 200<<10)...)
	r := upload(t, env, admin.token, recordPath, "gross.txt", "text/plain", bytes.NewReader(big), int64(len(big)))
	unavailable(t, "an upload", r, 0)
	// Right after the answer: nothing reserved, only the stored document used.
	if u := storage(t, admin); u.ReservedBytes != 0 || u.UsedBytes != stored.Size {
		t.Fatalf("storage right after the failed upload: %+v, want %d used and nothing reserved", u, stored.Size)
	}
	// Its row waits for the cleanup to remove bytes the store may have kept; it counts against nothing.
	if n := countRows(t, env, "SELECT count(*) FROM documents WHERE state = 'purge'"); n != 1 {
		t.Fatalf("%d purge rows, want the failed upload's", n)
	}
	// The cleanup cannot reach the store either: the row stays for its next run.
	if rep, err := env.App.CleanupDocuments(ctx, false); err != nil || rep.Rows != 0 {
		t.Fatalf("cleanup with the store down: %+v %v", rep, err)
	}
	if n := countRows(t, env, "SELECT count(*) FROM documents WHERE state = 'purge'"); n != 1 {
		t.Fatalf("%d purge rows after a cleanup that could not reach the store", n)
	}
}

func TestTheCleanupNeverDeletesAnotherInstallationsObjectsInASharedBucket(t *testing.T) {
	onEachS3(t, func(t *testing.T, cfg blob.S3Config, env *apptest.Env, admin *client) {
		ctx := context.Background()
		person := admin.createPerson(api.PersonCreate{FirstName: "Geteilt", LastName: "Eimer"})
		kept := uploadOK(t, env, admin.token, "/api/v1/persons/"+person.ID, "bleibt.txt", "text/plain", txtBytes)

		prefix := env.Blobs.Prefix()
		hexKey := func() string { return strings.ReplaceAll(uuid.NewString(), "-", "") }
		docShaped := func() string { h := hexKey(); return uuid.NewString() + "/" + h[:2] + "/" + h }
		// Objects this installation did not write, all older than the grace period by the cleanup's clock:
		foreign := []string{
			docShaped(), // another installation's document at the bucket's root
			"other-" + blobtest.Random() + "/" + docShaped(),             // another installation's, its own prefix
			"backups-" + blobtest.Random() + "/onesales-2026-12-01.dump", // an operator's backup
			strings.TrimSuffix(prefix, "/") + "x/" + docShaped(),         // a prefix that only starts like ours
			prefix + "README", // an operator's note inside our prefix
			prefix + env.Demo.TenantID.String() + "/ab/not-a-document-key-at-all", // inside, but not of our key shape
		}
		orphan := prefix + env.Demo.TenantID.String() + "/cd/" + hexKey() // ours: bytes whose row never came
		c := blobtest.Client(t, cfg)
		for _, k := range append(slices.Clone(foreign), orphan) {
			if _, err := c.PutObject(ctx, cfg.Bucket, k, strings.NewReader("daten"), 5, "", "", minio.PutObjectOptions{}); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = c.RemoveObject(context.Background(), cfg.Bucket, k, minio.RemoveObjectOptions{}) })
		}

		// The cleanup as it runs two hours later (the objects' LastModified is set by the server).
		later := document.NewService(env.DB.App, env.Blobs, slog.New(slog.DiscardHandler),
			document.Options{Now: func() time.Time { return time.Now().Add(2 * time.Hour) }})
		rep, err := later.Cleanup(ctx, true)
		if err != nil || rep.Orphans != 1 {
			t.Fatalf("cleanup: %+v %v, want exactly the one orphan removed", rep, err)
		}
		all := blobtest.Objects(t, c, cfg.Bucket, "")
		for _, k := range foreign {
			if !slices.Contains(all, k) {
				t.Errorf("the cleanup deleted %s, which this installation never wrote", k)
			}
		}
		if slices.Contains(all, orphan) {
			t.Errorf("the installation's own orphan %s is still there", orphan)
		}
		admin.call("GET", "/api/v1/documents/"+kept.ID+"/content", nil, 200, nil)

		// Another installation's marker on the prefix (its operator pointed it here too): the sweep refuses to run.
		if _, err := c.PutObject(ctx, cfg.Bucket, prefix+".onesales-installation", strings.NewReader(uuid.NewString()), 36, "", "",
			minio.PutObjectOptions{}); err != nil {
			t.Fatal(err)
		}
		orphan2 := prefix + env.Demo.TenantID.String() + "/ef/" + hexKey()
		if _, err := c.PutObject(ctx, cfg.Bucket, orphan2, strings.NewReader("daten"), 5, "", "", minio.PutObjectOptions{}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.RemoveObject(context.Background(), cfg.Bucket, orphan2, minio.RemoveObjectOptions{}) })
		if rep, err := later.Cleanup(ctx, true); !errors.Is(err, blob.ErrClaimed) || rep.Orphans != 0 {
			t.Fatalf("cleanup on a prefix another installation claims: %+v %v, want ErrClaimed and nothing removed", rep, err)
		}
		if !slices.Contains(blobtest.Objects(t, c, cfg.Bucket, prefix), orphan2) {
			t.Fatal("the sweep deleted an object although the prefix is claimed by another installation")
		}
		if err := env.App.ClaimDocumentStore(ctx); !errors.Is(err, blob.ErrClaimed) {
			t.Fatalf("start on a prefix another installation claims: err = %v, want ErrClaimed", err)
		}
	})
}

func TestChangingThePrefixKeepsEarlierDocumentsReadable(t *testing.T) {
	onEachS3(t, func(t *testing.T, cfg blob.S3Config, env *apptest.Env, admin *client) {
		ctx := context.Background()
		org := admin.createOrg(api.OrganizationCreate{Name: "Umzug AG"})
		orgPath := "/api/v1/organizations/" + org.ID
		old := uploadOK(t, env, admin.token, orgPath, "alt.txt", "text/plain", txtBytes)

		// The same installation restarted with another prefix in the same bucket.
		moved := cfg
		moved.Prefix = cfg.Prefix + "-neu"
		store, err := blob.NewS3(moved)
		if err != nil {
			t.Fatal(err)
		}
		env.Config.Blob.S3 = moved
		a := app.New(env.Config, env.DB.App, slog.New(slog.DiscardHandler), app.WithBlobStore(store))
		if err := a.ClaimDocumentStore(ctx); err != nil {
			t.Fatalf("claim the new prefix: %v", err)
		}
		srv := httptest.NewServer(a.Handler())
		t.Cleanup(srv.Close)

		r := env.DoAt(srv.URL, apptest.Request{Method: "GET", Path: "/api/v1/documents/" + old.ID + "/content", Token: admin.token})
		if r.Status != http.StatusOK || !bytes.Equal(r.Body, txtBytes) {
			t.Fatalf("a document stored before the prefix changed: %d %s", r.Status, r.Body)
		}
		nr := uploadAt(t, srv.URL, admin.token, orgPath, "neu.txt", "text/plain", bytes.NewReader(txtBytes), int64(len(txtBytes)))
		if nr.Status != http.StatusCreated {
			t.Fatalf("upload after the change: %d %s", nr.Status, nr.Body)
		}
		var keys []string
		if err := env.DB.Owner.NewRaw("SELECT storage_key FROM documents ORDER BY created_at").Scan(ctx, &keys); err != nil {
			t.Fatal(err)
		}
		if len(keys) != 2 || !strings.HasPrefix(keys[0], cfg.Prefix+"/") || !strings.HasPrefix(keys[1], moved.Prefix+"/") {
			t.Fatalf("storage keys %v, want the first below %s/ and the second below %s/", keys, cfg.Prefix, moved.Prefix)
		}
		// The old document leaves the trash for good: its bytes below the old prefix go with it.
		admin.call("DELETE", "/api/v1/documents/"+old.ID, nil, 204, nil, "If-Match", etagOf(old.Version))
		if _, err := env.DB.Owner.ExecContext(ctx, "UPDATE documents SET deleted_at = now() - interval '31 days' WHERE id = ?", old.ID); err != nil {
			t.Fatal(err)
		}
		if rep, err := a.CleanupDocuments(ctx, true); err != nil || rep.Rows != 1 || rep.Orphans != 0 {
			t.Fatalf("cleanup: %+v %v", rep, err)
		}
		c := blobtest.Client(t, cfg)
		if objs := blobtest.Objects(t, c, cfg.Bucket, keys[0]); len(objs) != 0 {
			t.Fatalf("the purged document's bytes are still there: %v", objs)
		}
	})
}

func TestStartRefusesAFolderAnotherInstallationClaimed(t *testing.T) {
	env := apptest.Start(t)
	ctx := context.Background()
	if err := os.MkdirAll(env.Config.Blob.Dir, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(env.Config.Blob.Dir, ".onesales-installation"), []byte(uuid.NewString()+"\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := env.App.ClaimDocumentStore(ctx); !errors.Is(err, blob.ErrClaimed) {
		t.Fatalf("claim: err = %v, want ErrClaimed", err)
	}
	if _, err := env.App.CleanupDocuments(ctx, true); !errors.Is(err, blob.ErrClaimed) {
		t.Fatalf("sweep: err = %v, want ErrClaimed", err)
	}
}
