package blob_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/1sales/app/backend/internal/blob"
)

// target is one store under test, with a way to leave behind what a process killed mid-write leaves.
type target struct {
	store blob.Store
	// leavePartial creates a partial object under key, as a write interrupted by a crash does.
	leavePartial func(t *testing.T, key string)
}

// The S3 store runs against gofakes3, a real S3 server implementation in Go, over real HTTP on 127.0.0.1: the
// same wire protocol (signatures, streaming uploads, multipart, ranges, listings) as a production object store,
// without a separate binary to install. SeaweedFS would be the heavier alternative. It is served over TLS (as a
// production endpoint is): over plain HTTP minio-go signs streamed parts chunk by chunk (aws-chunked), which
// gofakes3 does not decode for multipart parts.
func targets(t *testing.T) map[string]func(t *testing.T) target {
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
		"s3": func(t *testing.T) target {
			backend := s3mem.New()
			srv := httptest.NewUnstartedServer(gofakes3.New(backend).Server())
			srv.Config.ErrorLog = log.New(io.Discard, "", 0) // clients hanging up mid-test are expected
			srv.StartTLS()
			t.Cleanup(srv.Close)
			if err := backend.CreateBucket("docs"); err != nil {
				t.Fatal(err)
			}
			cfg := blob.S3Config{Endpoint: srv.URL, Bucket: "docs", AccessKey: "test", SecretKey: "test-secret",
				Region: "eu-central-1", PathStyle: true, Prefix: "1sales", Transport: srv.Client().Transport}
			s, err := blob.NewS3(cfg)
			if err != nil {
				t.Fatal(err)
			}
			core, err := minio.NewCore(srv.Listener.Addr().String(), &minio.Options{
				Creds: credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""), Region: cfg.Region, BucketLookup: minio.BucketLookupPath,
				Secure: true, Transport: srv.Client().Transport})
			if err != nil {
				t.Fatal(err)
			}
			return target{store: s, leavePartial: func(t *testing.T, key string) {
				ctx := context.Background()
				id, err := core.NewMultipartUpload(ctx, "docs", "1sales/"+key, minio.PutObjectOptions{})
				if err != nil {
					t.Fatal(err)
				}
				part := bytes.Repeat([]byte("x"), 1024)
				if _, err := core.PutObjectPart(ctx, "docs", "1sales/"+key, id, 1, bytes.NewReader(part), int64(len(part)),
					minio.PutObjectPartOptions{}); err != nil {
					t.Fatal(err)
				}
			}}
		},
	}
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
				if err := s.Check(ctx); err != nil {
					t.Fatalf("check: %v", err)
				}
				for _, n := range []int{0, 1, 300 << 10, 17 << 20} { // 17 MiB: a multipart upload on S3
					data := random(t, n)
					key := "t1/ab/obj-" + string(rune('a'+n%26))
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
				data := random(t, 100<<10)
				w, err := s.Put(ctx, "t1/cd/unknown", &slowReader{data: data}, -1)
				if err != nil || w.Size != int64(len(data)) || w.SHA256 != sha256.Sum256(data) {
					t.Fatalf("put: %+v %v", w, err)
				}
				if !bytes.Equal(read(t, s, "t1/cd/unknown"), data) {
					t.Fatal("content differs")
				}
			})

			t.Run("a stream shorter or longer than announced stores nothing", func(t *testing.T) {
				s := mk(t).store
				data := random(t, 64<<10)
				if _, err := s.Put(ctx, "t1/ef/short", bytes.NewReader(data), int64(len(data)+1)); !errors.Is(err, blob.ErrSize) {
					t.Fatalf("short: err = %v, want ErrSize", err)
				}
				if _, err := s.Put(ctx, "t1/ef/long", bytes.NewReader(data), int64(len(data)-1)); !errors.Is(err, blob.ErrSize) {
					t.Fatalf("long: err = %v, want ErrSize", err)
				}
				mustNotExist(t, s, "t1/ef/short")
				mustNotExist(t, s, "t1/ef/long")
				if l := list(t, s); len(l) != 0 {
					t.Fatalf("left behind: %+v", l)
				}
			})

			t.Run("a write cancelled midway stores nothing", func(t *testing.T) {
				s := mk(t).store
				cctx, cancel := context.WithCancel(ctx)
				data := random(t, 256<<10)
				_, err := s.Put(cctx, "t1/gh/cancelled", &slowReader{data: data, hook: cancel}, int64(len(data)))
				if err == nil {
					t.Fatal("cancelled put succeeded")
				}
				mustNotExist(t, s, "t1/gh/cancelled")
				if l := list(t, s); len(l) != 0 {
					t.Fatalf("left behind: %+v", l)
				}
			})

			t.Run("delete removes the object, is idempotent and takes partial objects along", func(t *testing.T) {
				tg := mk(t)
				s := tg.store
				for _, k := range []string{"t1/ij/one", "t1/ij/two", "t2/kl/three"} {
					if _, err := s.Put(ctx, k, bytes.NewReader([]byte(k)), int64(len(k))); err != nil {
						t.Fatal(err)
					}
				}
				tg.leavePartial(t, "t1/ij/crashed")
				got := list(t, s)
				var keys []string
				for _, i := range got {
					keys = append(keys, i.Key)
					if i.Partial != (i.Key == "t1/ij/crashed") {
						t.Fatalf("listed %+v", i)
					}
					if time.Since(i.ModTime) > time.Hour || time.Until(i.ModTime) > time.Minute {
						t.Fatalf("implausible ModTime %+v", i)
					}
				}
				if want := []string{"t1/ij/crashed", "t1/ij/one", "t1/ij/two", "t2/kl/three"}; !slices.Equal(keys, want) {
					t.Fatalf("listed %v, want %v", keys, want)
				}
				for _, k := range []string{"t1/ij/one", "t1/ij/one", "t1/ij/crashed", "t1/ij/never"} {
					if err := s.Delete(ctx, k); err != nil {
						t.Fatalf("delete %s: %v", k, err)
					}
				}
				mustNotExist(t, s, "t1/ij/one")
				keys = nil
				for _, i := range list(t, s) {
					keys = append(keys, i.Key)
				}
				if want := []string{"t1/ij/two", "t2/kl/three"}; !slices.Equal(keys, want) {
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
