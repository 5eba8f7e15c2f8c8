package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Config connects to an S3-compatible object store.
type S3Config struct {
	// Endpoint is host[:port] or a URL (https://s3.example.com); a URL's scheme decides TLS.
	Endpoint  string
	Bucket    string
	AccessKey string
	SecretKey string
	Region    string
	// PathStyle addresses the bucket in the path (http://host/bucket/key), as MinIO, SeaweedFS and most
	// self-hosted stores want; otherwise the client decides (virtual-host style for AWS).
	PathStyle bool
	// Prefix is prepended to every key (e.g. "1sales/"), so that one bucket can serve several installations.
	Prefix string
	// Insecure uses http for an endpoint given without a scheme.
	Insecure bool
	// Transport replaces the HTTP transport (tests).
	Transport http.RoundTripper
}

// s3PartSize is the part size of multipart uploads, and so the memory one upload holds at most (minio-go buffers
// one part of a stream whose reader cannot seek). Objects up to this size go in one PUT.
const s3PartSize = 16 << 20

// S3 stores objects in a bucket.
type S3 struct {
	c      *minio.Client
	bucket string
	prefix string
}

// NewS3 returns a store for cfg. It does no I/O; Check reaches the bucket.
func NewS3(cfg S3Config) (*S3, error) {
	endpoint, secure := cfg.Endpoint, !cfg.Insecure
	if strings.Contains(endpoint, "://") {
		u, err := url.Parse(endpoint)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return nil, fmt.Errorf("blob: invalid S3 endpoint %q", cfg.Endpoint)
		}
		endpoint, secure = u.Host, u.Scheme == "https"
	}
	if endpoint == "" || cfg.Bucket == "" {
		return nil, errors.New("blob: the S3 store needs an endpoint and a bucket")
	}
	if cfg.Prefix != "" && !ValidKey(strings.TrimSuffix(cfg.Prefix, "/")) {
		return nil, fmt.Errorf("blob: invalid S3 key prefix %q", cfg.Prefix)
	}
	opts := &minio.Options{
		Creds:     credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Secure:    secure,
		Region:    cfg.Region,
		Transport: cfg.Transport,
	}
	if cfg.PathStyle {
		opts.BucketLookup = minio.BucketLookupPath
	}
	c, err := minio.New(endpoint, opts)
	if err != nil {
		return nil, fmt.Errorf("blob: S3 client: %w", err)
	}
	prefix := cfg.Prefix
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	return &S3{c: c, bucket: cfg.Bucket, prefix: prefix}, nil
}

func (s *S3) name(key string) (string, error) {
	if err := checkKey(key); err != nil {
		return "", err
	}
	return s.prefix + key, nil
}

// Put uploads in one PUT up to 16 MiB and as a multipart upload above; a failed multipart upload is aborted.
func (s *S3) Put(ctx context.Context, key string, r io.Reader, size int64) (Written, error) {
	name, err := s.name(key)
	if err != nil {
		return Written{}, err
	}
	c := newCounter(ctx, r, size)
	_, err = s.c.PutObject(ctx, s.bucket, name, c, size, minio.PutObjectOptions{
		ContentType: "application/octet-stream",
		PartSize:    s3PartSize,
	})
	if err != nil {
		// The server may have stored the object although the client failed (a stream longer than announced is
		// noticed only after the announced bytes went out), and minio-go may leave a multipart upload: remove
		// both, without the caller's (maybe ended) context.
		cleanup, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_ = s.Delete(cleanup, key)
		if c.err != nil { // the stream's own failure (ErrSize, a cancelled context) says more than the transport's
			err = c.err
		}
		return Written{}, fmt.Errorf("blob: put %s: %w", key, err)
	}
	if size >= 0 {
		// minio-go reads exactly size bytes; one more read tells whether the stream was longer.
		var b [1]byte
		if n, _ := c.Read(b[:]); n > 0 {
			_ = s.Delete(context.WithoutCancel(ctx), key)
			return Written{}, fmt.Errorf("blob: put %s: %w", key, ErrSize)
		}
	}
	w := c.written()
	if size >= 0 && w.Size != size {
		_ = s.Delete(context.WithoutCancel(ctx), key)
		return Written{}, fmt.Errorf("blob: put %s: %w", key, ErrSize)
	}
	return w, nil
}

type s3Object struct {
	*minio.Object
	size int64
}

func (o s3Object) Size() int64 { return o.size }

// Open starts reading the object (minio.Object reads lazily and seeks with ranged GETs).
func (s *S3) Open(ctx context.Context, key string) (Object, error) {
	name, err := s.name(key)
	if err != nil {
		return nil, err
	}
	obj, err := s.c.GetObject(ctx, s.bucket, name, minio.GetObjectOptions{})
	if err != nil {
		return nil, fmt.Errorf("blob: open %s: %w", key, err)
	}
	st, err := obj.Stat()
	if err != nil {
		_ = obj.Close()
		if minio.ToErrorResponse(err).Code == minio.NoSuchKey {
			return nil, ErrNotFound
		}
		return nil, fmt.Errorf("blob: open %s: %w", key, err)
	}
	return s3Object{Object: obj, size: st.Size}, nil
}

// Delete removes the object and aborts unfinished multipart uploads of it.
func (s *S3) Delete(ctx context.Context, key string) error {
	name, err := s.name(key)
	if err != nil {
		return err
	}
	if err := s.c.RemoveObject(ctx, s.bucket, name, minio.RemoveObjectOptions{}); err != nil &&
		minio.ToErrorResponse(err).Code != minio.NoSuchKey {
		return fmt.Errorf("blob: delete %s: %w", key, err)
	}
	if err := s.c.RemoveIncompleteUpload(ctx, s.bucket, name); err != nil && minio.ToErrorResponse(err).Code != minio.NoSuchUpload {
		return fmt.Errorf("blob: abort uploads of %s: %w", key, err)
	}
	return nil
}

// List lists the objects below the prefix, then the unfinished multipart uploads (as partial objects).
func (s *S3) List(ctx context.Context, fn func(Info) error) error {
	ctx, cancel := context.WithCancel(ctx) // stops minio-go's listing goroutines when fn fails
	defer cancel()
	for obj := range s.c.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: s.prefix, Recursive: true}) {
		if obj.Err != nil {
			return fmt.Errorf("blob: list: %w", obj.Err)
		}
		key := strings.TrimPrefix(obj.Key, s.prefix)
		if !ValidKey(key) {
			continue
		}
		if err := fn(Info{Key: key, Size: obj.Size, ModTime: obj.LastModified}); err != nil {
			return err
		}
	}
	for up := range s.c.ListIncompleteUploads(ctx, s.bucket, s.prefix, true) {
		if up.Err != nil {
			if minio.ToErrorResponse(up.Err).Code == minio.NoSuchUpload {
				break // some S3-compatible servers answer so when a bucket never had a multipart upload
			}
			return fmt.Errorf("blob: list uploads: %w", up.Err)
		}
		key := strings.TrimPrefix(up.Key, s.prefix)
		if !ValidKey(key) {
			continue
		}
		if err := fn(Info{Key: key, Size: up.Size, ModTime: up.Initiated, Partial: true}); err != nil {
			return err
		}
	}
	return nil
}

// Check reaches the bucket.
func (s *S3) Check(ctx context.Context) error {
	ok, err := s.c.BucketExists(ctx, s.bucket)
	if err != nil {
		return fmt.Errorf("blob: S3 bucket %s: %w", s.bucket, err)
	}
	if !ok {
		return fmt.Errorf("blob: S3 bucket %s does not exist", s.bucket)
	}
	return nil
}
