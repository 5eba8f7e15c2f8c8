package blob_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"github.com/1sales/app/backend/internal/blob"
	"github.com/1sales/app/backend/internal/blob/blobtest"
)

// target is one store under test, with a way to leave behind what a process killed mid-write leaves.
type target struct {
	store blob.Store
	// leavePartial creates a partial object under key, as a write interrupted by a crash does.
	leavePartial func(t *testing.T, key string)
	// s3 is the S3 store's configuration (nil for others).
	s3 *blob.S3Config
}

// The stores under test: the file system, and the S3 store against two servers over real HTTP on 127.0.0.1 (the
// same wire protocol as a production object store: signatures, streaming uploads, multipart, ranges, listings):
// SeaweedFS, a real object store that make test starts (blobtest.External), and gofakes3, an S3 implementation
// in Go that needs nothing installed (blobtest.Fake).
func targets(t *testing.T) map[string]func(t *testing.T) target {
	s3 := func(cfg func(t *testing.T) blob.S3Config) func(t *testing.T) target {
		return func(t *testing.T) target {
			c := cfg(t)
			s, err := blob.NewS3(c)
			if err != nil {
				t.Fatal(err)
			}
			core := blobtest.Client(t, c)
			return target{store: s, s3: &c, leavePartial: func(t *testing.T, key string) {
				ctx := context.Background()
				id, err := core.NewMultipartUpload(ctx, c.Bucket, key, minio.PutObjectOptions{})
				if err != nil {
					t.Fatal(err)
				}
				part := bytes.Repeat([]byte("x"), 1024)
				if _, err := core.PutObjectPart(ctx, c.Bucket, key, id, 1, bytes.NewReader(part), int64(len(part)),
					minio.PutObjectPartOptions{}); err != nil {
					t.Fatal(err)
				}
			}}
		}
	}
	return map[string]func(t *testing.T) target{
		"fs": func(t *testing.T) target {
			root := filepath.Join(t.TempDir(), "blobs")
			s, err := blob.NewFS(root)
			if err != nil {
				t.Fatal(err)
			}
			return target{store: s, leavePartial: func(t *testing.T, key string) {
				p := filepath.Join(root, filepath.FromSlash(key)) + ".partial"
				if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte("half of it"), 0o640); err != nil {
					t.Fatal(err)
				}
			}}
		},
		"s3-gofakes3":  s3(func(t *testing.T) blob.S3Config { return blobtest.Fake(t) }),
		"s3-seaweedfs": s3(func(t *testing.T) blob.S3Config { return blobtest.External(t) }),
	}
}

// keyIn makes keys below the store's prefix.
func keyIn(s blob.Store) func(string) string {
	return func(rel string) string { return s.Prefix() + rel }
}

func random(t *testing.T, n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

func read(t *testing.T, s blob.Store, key string) []byte {
	t.Helper()
	o, err := s.Open(context.Background(), key)
	if err != nil {
		t.Fatalf("open %s: %v", key, err)
	}
	defer o.Close()
	b, err := io.ReadAll(o)
	if err != nil {
		t.Fatalf("read %s: %v", key, err)
	}
	if o.Size() != int64(len(b)) {
		t.Fatalf("Size() = %d, read %d bytes", o.Size(), len(b))
	}
	return b
}

func list(t *testing.T, s blob.Store) []blob.Info {
	t.Helper()
	var out []blob.Info
	if err := s.List(context.Background(), func(i blob.Info) error { out = append(out, i); return nil }); err != nil {
		t.Fatalf("list: %v", err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func mustNotExist(t *testing.T, s blob.Store, key string) {
	t.Helper()
	if _, err := s.Open(context.Background(), key); !errors.Is(err, blob.ErrNotFound) {
		t.Fatalf("open %s: err = %v, want ErrNotFound", key, err)
	}
}

// slowReader yields data in small pieces and calls hook after the first piece.
type slowReader struct {
	data []byte
	hook func()
}

func (r *slowReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), 4096)], r.data)
	r.data = r.data[n:]
	if r.hook != nil {
		r.hook()
		r.hook = nil
	}
	return n, nil
}

func TestStoresBehaveAlike(t *testing.T) {
	for name, mk := range targets(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()

			t.Run("a stored object reads back whole, with its size and checksum, and seeks", func(t *testing.T) {
				s := mk(t).store
				k := keyIn(s)
				if err := s.Check(ctx); err != nil {
					t.Fatalf("check: %v", err)
				}
				for _, n := range []int{0, 1, 300 << 10, 17 << 20} { // 17 MiB: a multipart upload on S3
					data := random(t, n)
					key := k("t1/ab/obj-") + string(rune('a'+n%26))
					w, err := s.Put(ctx, key, bytes.NewReader(data), int64(n))
					if err != nil {
						t.Fatalf("put %d bytes: %v", n, err)
					}
					if w.Size != int64(n) || w.SHA256 != sha256.Sum256(data) {
						t.Fatalf("put %d bytes: written %+v", n, w)
					}
					if got := read(t, s, key); !bytes.Equal(got, data) {
						t.Fatalf("%d bytes: read back %d bytes that differ", n, len(got))
					}
					if n > 1000 {
						o, err := s.Open(ctx, key)
						if err != nil {
							t.Fatal(err)
						}
						if _, err := o.Seek(int64(n-1000), io.SeekStart); err != nil {
							t.Fatalf("seek: %v", err)
						}
						tail, err := io.ReadAll(o)
						o.Close()
						if err != nil || !bytes.Equal(tail, data[n-1000:]) {
							t.Fatalf("tail after seek: %d bytes, %v", len(tail), err)
						}
					}
				}
			})

			t.Run("an object of unknown size streams in", func(t *testing.T) {
				s := mk(t).store
				k := keyIn(s)
				data := random(t, 100<<10)
				w, err := s.Put(ctx, k("t1/cd/unknown"), &slowReader{data: data}, -1)
				if err != nil || w.Size != int64(len(data)) || w.SHA256 != sha256.Sum256(data) {
					t.Fatalf("put: %+v %v", w, err)
				}
				if !bytes.Equal(read(t, s, k("t1/cd/unknown")), data) {
					t.Fatal("content differs")
				}
			})

			t.Run("a stream shorter or longer than announced stores nothing", func(t *testing.T) {
				s := mk(t).store
				k := keyIn(s)
				data := random(t, 64<<10)
				if _, err := s.Put(ctx, k("t1/ef/short"), bytes.NewReader(data), int64(len(data)+1)); !errors.Is(err, blob.ErrSize) {
					t.Fatalf("short: err = %v, want ErrSize", err)
				}
				if _, err := s.Put(ctx, k("t1/ef/long"), bytes.NewReader(data), int64(len(data)-1)); !errors.Is(err, blob.ErrSize) {
					t.Fatalf("long: err = %v, want ErrSize", err)
				}
				mustNotExist(t, s, k("t1/ef/short"))
				mustNotExist(t, s, k("t1/ef/long"))
				if l := list(t, s); len(l) != 0 {
					t.Fatalf("left behind: %+v", l)
				}
			})

			t.Run("a write cancelled midway stores nothing", func(t *testing.T) {
				s := mk(t).store
				k := keyIn(s)
				cctx, cancel := context.WithCancel(ctx)
				data := random(t, 256<<10)
				_, err := s.Put(cctx, k("t1/gh/cancelled"), &slowReader{data: data, hook: cancel}, int64(len(data)))
				if err == nil {
					t.Fatal("cancelled put succeeded")
				}
				mustNotExist(t, s, k("t1/gh/cancelled"))
				if l := list(t, s); len(l) != 0 {
					t.Fatalf("left behind: %+v", l)
				}
			})

			t.Run("delete removes the object, is idempotent and takes partial objects along", func(t *testing.T) {
				tg := mk(t)
				s := tg.store
				k := keyIn(s)
				for _, key := range []string{k("t1/ij/one"), k("t1/ij/two"), k("t2/kl/three")} {
					if _, err := s.Put(ctx, key, bytes.NewReader([]byte(key)), int64(len(key))); err != nil {
						t.Fatal(err)
					}
				}
				tg.leavePartial(t, k("t1/ij/crashed"))
				got := list(t, s)
				var keys []string
				for _, i := range got {
					keys = append(keys, i.Key)
					if i.Partial != (i.Key == k("t1/ij/crashed")) {
						t.Fatalf("listed %+v", i)
					}
					if time.Since(i.ModTime) > time.Hour || time.Until(i.ModTime) > time.Minute {
						t.Fatalf("implausible ModTime %+v", i)
					}
				}
				if want := []string{k("t1/ij/crashed"), k("t1/ij/one"), k("t1/ij/two"), k("t2/kl/three")}; !slices.Equal(keys, want) {
					t.Fatalf("listed %v, want %v", keys, want)
				}
				for _, key := range []string{k("t1/ij/one"), k("t1/ij/one"), k("t1/ij/crashed"), k("t1/ij/never")} {
					if err := s.Delete(ctx, key); err != nil {
						t.Fatalf("delete %s: %v", key, err)
					}
				}
				mustNotExist(t, s, k("t1/ij/one"))
				keys = nil
				for _, i := range list(t, s) {
					keys = append(keys, i.Key)
				}
				if want := []string{k("t1/ij/two"), k("t2/kl/three")}; !slices.Equal(keys, want) {
					t.Fatalf("after delete: %v, want %v", keys, want)
				}
			})

			t.Run("keys that could leave the store are refused", func(t *testing.T) {
				s := mk(t).store
				for _, k := range []string{"", "../etc/passwd", "a/../../b", "/abs", "a//b", "a/.hidden", "name.pdf", `a\b`, "a/b/"} {
					if _, err := s.Put(ctx, k, bytes.NewReader(nil), 0); !errors.Is(err, blob.ErrInvalidKey) {
						t.Errorf("put %q: err = %v, want ErrInvalidKey", k, err)
					}
					if _, err := s.Open(ctx, k); !errors.Is(err, blob.ErrInvalidKey) {
						t.Errorf("open %q: err = %v, want ErrInvalidKey", k, err)
					}
					if err := s.Delete(ctx, k); !errors.Is(err, blob.ErrInvalidKey) {
						t.Errorf("delete %q: err = %v, want ErrInvalidKey", k, err)
					}
				}
			})
		})
	}
}

func TestFSStoreWritesThroughATemporaryFileInTheSameFolder(t *testing.T) {
	root := t.TempDir()
	s, err := blob.NewFS(root)
	if err != nil {
		t.Fatal(err)
	}
	data := random(t, 64<<10)
	var during []string
	r := &slowReader{data: data, hook: func() {
		entries, _ := os.ReadDir(filepath.Join(root, "t1", "ab"))
		for _, e := range entries {
			during = append(during, e.Name())
		}
	}}
	if _, err := s.Put(context.Background(), "t1/ab/final", r, int64(len(data))); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(during, []string{"final.partial"}) {
		t.Fatalf("while writing the folder held %v, want only the partial file", during)
	}
	entries, _ := os.ReadDir(filepath.Join(root, "t1", "ab"))
	if len(entries) != 1 || entries[0].Name() != "final" {
		t.Fatalf("after writing: %v", entries)
	}
}

func TestAStoreListsOnlyItsPrefixAndBelongsToOneInstallation(t *testing.T) {
	ctx := context.Background()
	for name, mk := range targets(t) {
		t.Run(name, func(t *testing.T) {
			tg := mk(t)
			s := tg.store
			own := s.Prefix() + "t1/ab/own"
			if _, err := s.Put(ctx, own, strings.NewReader("own"), 3); err != nil {
				t.Fatal(err)
			}
			if cfg := tg.s3; cfg != nil {
				// Somebody else's objects in the same bucket: at its root, under another prefix, and under a prefix
				// that only starts like ours. The store lists none of them and refuses to write outside its prefix.
				c := blobtest.Client(t, *cfg)
				mine := strings.TrimSuffix(s.Prefix(), "/")
				foreign := []string{"backup-" + blobtest.Random() + ".tar", "other-" + blobtest.Random() + "/t1/ab/own", mine + "x/t1/ab/own"}
				for _, k := range foreign {
					if _, err := c.PutObject(ctx, cfg.Bucket, k, strings.NewReader("foreign"), 7, "", "", minio.PutObjectOptions{}); err != nil {
						t.Fatal(err)
					}
					t.Cleanup(func() { _ = c.RemoveObject(context.Background(), cfg.Bucket, k, minio.RemoveObjectOptions{}) })
				}
				if _, err := s.Put(ctx, "elsewhere/t1/ab/x", strings.NewReader("x"), 1); !errors.Is(err, blob.ErrInvalidKey) {
					t.Fatalf("put outside the prefix: err = %v, want ErrInvalidKey", err)
				}
				// Reading and deleting by a key below another prefix works: a document stored before the prefix changed.
				if got := read(t, s, foreign[1]); string(got) != "foreign" {
					t.Fatalf("read below another prefix: %q", got)
				}
			}
			if l := list(t, s); len(l) != 1 || l[0].Key != own {
				t.Fatalf("listed %+v, want only %s", l, own)
			}

			// The first claim marks the store; the same installation claims it again (another instance, a restart);
			// another installation is refused. The marker is never listed.
			first, second := "11111111-1111-4111-8111-"+blobtest.Random(), "22222222-2222-4222-8222-"+blobtest.Random()
			if err := s.Claim(ctx, first); err != nil {
				t.Fatalf("first claim: %v", err)
			}
			if err := s.Claim(ctx, first); err != nil {
				t.Fatalf("claim again: %v", err)
			}
			err := s.Claim(ctx, second)
			if !errors.Is(err, blob.ErrClaimed) || !strings.Contains(err.Error(), first) {
				t.Fatalf("claim by another installation: err = %v, want ErrClaimed naming %s", err, first)
			}
			if l := list(t, s); len(l) != 1 || l[0].Key != own {
				t.Fatalf("listed %+v after the claim, want only %s", l, own)
			}
		})
	}
}

func TestS3ConfigurationThatWouldLoseOrMisplaceDataIsRefused(t *testing.T) {
	ok := blob.S3Config{Endpoint: "http://127.0.0.1:8333", Bucket: "docs", Prefix: "1sales"}
	tests := []struct {
		name   string
		change func(*blob.S3Config)
		want   string
	}{
		{"endpoint with a path", func(c *blob.S3Config) { c.Endpoint = "http://127.0.0.1:8333/docs" }, "has a path"},
		{"endpoint without scheme with a path", func(c *blob.S3Config) { c.Endpoint = "s3.example.com/docs" }, "has a path"},
		{"unknown scheme", func(c *blob.S3Config) { c.Endpoint = "ftp://127.0.0.1:8333" }, `unknown scheme "ftp"`},
		{"credentials in the endpoint", func(c *blob.S3Config) { c.Endpoint = "https://key:secret@s3.example.com" }, "without credentials"},
		{"query in the endpoint", func(c *blob.S3Config) { c.Endpoint = "https://s3.example.com?region=x" }, "without credentials, query"},
		{"no endpoint", func(c *blob.S3Config) { c.Endpoint = "" }, "needs an endpoint"},
		{"no bucket", func(c *blob.S3Config) { c.Bucket = "" }, "needs a bucket"},
		{"bucket with a path", func(c *blob.S3Config) { c.Bucket = "docs/1sales" }, "without slashes"},
		{"no prefix", func(c *blob.S3Config) { c.Prefix = "" }, "needs a key prefix"},
		{"only a slash as prefix", func(c *blob.S3Config) { c.Prefix = "/" }, "needs a key prefix"},
		{"prefix leaving the bucket", func(c *blob.S3Config) { c.Prefix = "../other" }, "invalid S3 key prefix"},
		{"prefix with a dot", func(c *blob.S3Config) { c.Prefix = "v1.0" }, "invalid S3 key prefix"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := ok
			tt.change(&cfg)
			_, err := blob.NewS3(cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one saying %q", err, tt.want)
			}
		})
	}
	for _, good := range []string{"http://127.0.0.1:8333", "http://127.0.0.1:8333/", "https://s3.eu-central-1.amazonaws.com", "s3.example.com:9000"} {
		cfg := ok
		cfg.Endpoint = good
		if _, err := blob.NewS3(cfg); err != nil {
			t.Errorf("endpoint %q: %v", good, err)
		}
	}
	for _, p := range []string{"1sales", "1sales/", "prod/1sales"} {
		cfg := ok
		cfg.Prefix = p
		s, err := blob.NewS3(cfg)
		if err != nil || s.Prefix() != strings.TrimSuffix(p, "/")+"/" {
			t.Errorf("prefix %q: %v", p, err)
		}
	}

	// A bucket that does not exist is reported by the check at start, on both servers.
	for name, cfg := range map[string]func(t *testing.T) blob.S3Config{
		"s3-gofakes3":  func(t *testing.T) blob.S3Config { return blobtest.Fake(t) },
		"s3-seaweedfs": func(t *testing.T) blob.S3Config { return blobtest.External(t) },
	} {
		t.Run("missing bucket on "+name, func(t *testing.T) {
			c := cfg(t)
			c.Bucket = "fehlt-" + blobtest.Random()
			s, err := blob.NewS3(c)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Check(context.Background()); err == nil || !strings.Contains(err.Error(), "does not exist") {
				t.Fatalf("check: err = %v, want the bucket reported missing", err)
			}
		})
	}
}

// closedPort is a local address nothing listens on.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func TestAnUnreachableS3StoreFailsQuicklyAsUnavailable(t *testing.T) {
	s, err := blob.NewS3(blob.S3Config{Endpoint: "http://" + closedPort(t), Bucket: "docs", Prefix: "1sales", AccessKey: "k", SecretKey: "s"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	calls := map[string]func() error{
		"check":  func() error { return s.Check(ctx) },
		"claim":  func() error { return s.Claim(ctx, "x") },
		"put":    func() error { _, err := s.Put(ctx, "1sales/t1/ab/x", strings.NewReader("abc"), 3); return err },
		"open":   func() error { _, err := s.Open(ctx, "1sales/t1/ab/x"); return err },
		"delete": func() error { return s.Delete(ctx, "1sales/t1/ab/x") },
		"list":   func() error { return s.List(ctx, func(blob.Info) error { return nil }) },
	}
	for name, call := range calls {
		start := time.Now()
		err := call()
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("%s took %s: an unreachable store must fail at once", name, took)
		}
		if !errors.Is(err, blob.ErrUnavailable) {
			t.Errorf("%s: err = %v, want ErrUnavailable", name, err)
		}
	}
}

func TestHealthFollowsTheStoresAnswers(t *testing.T) {
	cfg, srv := blobtest.FakeServer(t)
	s3, err := blob.NewS3(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	h := blob.WithHealth(s3, time.Hour) // nothing but the calls below changes its answer within the test
	if err := h.Ready(ctx); err != nil {
		t.Fatalf("ready: %v", err)
	}
	if _, err := h.Put(ctx, "1sales/t1/ab/x", strings.NewReader("abc"), 3); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Open(ctx, "1sales/t1/ab/nothing"); !errors.Is(err, blob.ErrNotFound) {
		t.Fatalf("open a missing object: %v", err)
	}
	if err := h.Ready(ctx); err != nil {
		t.Fatalf("a missing object says nothing about the store: %v", err)
	}
	srv.Close()
	if _, err := h.Open(ctx, "1sales/t1/ab/x"); !errors.Is(err, blob.ErrUnavailable) {
		t.Fatalf("open with the server gone: err = %v, want ErrUnavailable", err)
	}
	if err := h.Ready(ctx); !errors.Is(err, blob.ErrUnavailable) {
		t.Fatalf("ready after a call found the store unavailable: %v", err)
	}
	// Without calls, a new check after the ttl.
	h = blob.WithHealth(s3, time.Millisecond)
	if err := h.Ready(ctx); !errors.Is(err, blob.ErrUnavailable) {
		t.Fatalf("ready with the server gone: %v", err)
	}
}
