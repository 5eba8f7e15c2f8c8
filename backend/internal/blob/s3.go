package blob

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Config connects to an S3-compatible object store.
type S3Config struct {
	// Endpoint is host[:port] or a URL with scheme http or https and nothing else (https://s3.example.com); a URL's
	// scheme decides TLS. A path is refused: S3 clients address the bucket at the endpoint's root.
	Endpoint  string
	Bucket    string
	AccessKey string
	SecretKey string
	Region    string
	// PathStyle addresses the bucket in the path (http://host/bucket/key), as MinIO, SeaweedFS and most
	// self-hosted stores want; otherwise the client decides (virtual-host style for AWS).
	PathStyle bool
	// Prefix is the installation's part of the bucket (e.g. "1sales" or "prod/1sales"): new objects go below it,
	// and the cleanup looks at nothing else. Required: with the whole bucket, the cleanup could not tell this
	// installation's objects from anybody else's.
	Prefix string
	// Insecure uses http for an endpoint given without a scheme.
	Insecure bool
	// ConnectTimeout bounds connecting to the endpoint (default 3 s), so that an unreachable store fails a
	// request quickly instead of holding it.
	ConnectTimeout time.Duration
	// Transport replaces the HTTP transport (tests); ConnectTimeout does not apply to it then.
	Transport http.RoundTripper
}

// s3PartSize is the part size of multipart uploads, and so the memory one upload holds at most (minio-go buffers
// one part of a stream whose reader cannot seek). Objects up to this size go in one PUT.
const s3PartSize = 16 << 20

// Bounds of the S3 client: how long connecting, the TLS handshake and waiting for an answer's header may take,
// and how often a failed request is tried (minio-go's default of 10 tries with back-off held a request for
// seconds while the store was down).
const (
	DefaultS3ConnectTimeout = 3 * time.Second
	s3TLSTimeout            = 5 * time.Second
	s3HeaderTimeout         = 30 * time.Second
	s3Tries                 = 2
)

// S3 stores objects in a bucket.
type S3 struct {
	c      *minio.Client
	bucket string
	prefix string
}

// ParseS3Endpoint splits an endpoint setting into host[:port] and whether to use TLS, refusing what an S3
// client would silently get wrong: another scheme, a path, a query, credentials in the URL.
func ParseS3Endpoint(endpoint string, insecure bool) (host string, secure bool, err error) {
	if endpoint == "" {
		return "", false, errors.New("blob: the S3 store needs an endpoint")
	}
	raw := endpoint
	if !strings.Contains(endpoint, "://") {
		raw = "none://" + endpoint
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", false, fmt.Errorf("blob: invalid S3 endpoint %q: %w", endpoint, err)
	}
	switch u.Scheme {
	case "http", "https":
		secure = u.Scheme == "https"
	case "none":
		secure = !insecure
	default:
		return "", false, fmt.Errorf("blob: S3 endpoint %q: unknown scheme %q (want http or https)", endpoint, u.Scheme)
	}
	switch {
	case u.Host == "" || u.Opaque != "":
		return "", false, fmt.Errorf("blob: S3 endpoint %q: want host[:port] or http(s)://host[:port]", endpoint)
	case u.Path != "" && u.Path != "/":
		return "", false, fmt.Errorf("blob: S3 endpoint %q has a path (%s): S3 clients address buckets at the host's root, "+
			"so the path would be dropped; give the bucket in ONESALES_S3_BUCKET and a key prefix in ONESALES_S3_PREFIX", endpoint, u.Path)
	case u.RawQuery != "" || u.Fragment != "" || u.User != nil:
		return "", false, fmt.Errorf("blob: S3 endpoint %q: want host[:port] or http(s)://host[:port], without credentials, query or fragment", endpoint)
	}
	return u.Host, secure, nil
}

// NewS3 returns a store for cfg. It does no I/O; Check reaches the bucket, Claim the prefix.
func NewS3(cfg S3Config) (*S3, error) {
	endpoint, secure, err := ParseS3Endpoint(cfg.Endpoint, cfg.Insecure)
	if err != nil {
		return nil, err
	}
	if cfg.Bucket == "" || strings.Contains(cfg.Bucket, "/") {
		return nil, fmt.Errorf("blob: the S3 store needs a bucket name without slashes, got %q", cfg.Bucket)
	}
	prefix := strings.TrimSuffix(cfg.Prefix, "/")
	if prefix == "" {
		return nil, errors.New("blob: the S3 store needs a key prefix (e.g. 1sales): the cleanup removes objects of the " +
			"prefix that no document names, and without one it could not tell this installation's objects from others in the bucket")
	}
	if !ValidKey(prefix) {
		return nil, fmt.Errorf("blob: invalid S3 key prefix %q (want segments of letters, digits, '-' and '_', separated by '/')", cfg.Prefix)
	}
	transport := cfg.Transport
	if transport == nil {
		tr, err := minio.DefaultTransport(secure)
		if err != nil {
			return nil, fmt.Errorf("blob: S3 client: %w", err)
		}
		connect := cfg.ConnectTimeout
		if connect <= 0 {
			connect = DefaultS3ConnectTimeout
		}
		tr.DialContext = (&net.Dialer{Timeout: connect, KeepAlive: 30 * time.Second}).DialContext
		tr.TLSHandshakeTimeout = s3TLSTimeout
		tr.ResponseHeaderTimeout = s3HeaderTimeout
		transport = tr
	}
	opts := &minio.Options{
		Creds:      credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Secure:     secure,
		Region:     cfg.Region,
		Transport:  transport,
		MaxRetries: s3Tries,
	}
	if cfg.PathStyle {
		opts.BucketLookup = minio.BucketLookupPath
	}
	c, err := minio.New(endpoint, opts)
	if err != nil {
		return nil, fmt.Errorf("blob: S3 client: %w", err)
	}
	return &S3{c: c, bucket: cfg.Bucket, prefix: prefix + "/"}, nil
}

// Prefix is the configured prefix with a trailing slash.
func (s *S3) Prefix() string { return s.prefix }

// unavailable reports errors that say the store cannot serve now rather than that the request was wrong: the
// network (refused, reset, timed out) and answers 5xx, SlowDown included. The caller's own cancellation is not.
func unavailable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	r := minio.ToErrorResponse(err)
	switch r.Code {
	case "SlowDown", "ServiceUnavailable", "InternalError", "RequestTimeout", "XMinioServerNotInitialized":
		return true
	}
	return r.StatusCode >= 500
}

// fail wraps err of op on key, marking the store's unavailability.
func fail(op, key string, err error) error {
	if unavailable(err) {
		return fmt.Errorf("blob: %s %s: %w: %w", op, key, ErrUnavailable, err)
	}
	return fmt.Errorf("blob: %s %s: %w", op, key, err)
}

// Put uploads in one PUT up to 16 MiB and as a multipart upload above; a failed multipart upload is aborted.
func (s *S3) Put(ctx context.Context, key string, r io.Reader, size int64) (Written, error) {
	if err := checkNewKey(s.prefix, key); err != nil {
		return Written{}, err
	}
	c := newCounter(ctx, r, size)
	_, err := s.c.PutObject(ctx, s.bucket, key, c, size, minio.PutObjectOptions{
		ContentType: "application/octet-stream",
		PartSize:    s3PartSize,
	})
	if err != nil {
		if c.err != nil { // the stream's own failure (ErrSize, a cancelled context) says more than the transport's
			err = c.err
		} else if unavailable(err) {
			// Removing what may be left would fail as well; the caller's cleanup does it later.
			return Written{}, fail("put", key, err)
		}
		// The server may have stored the object although the client failed (a stream longer than announced is
		// noticed only after the announced bytes went out), and minio-go may leave a multipart upload: remove
		// both, without the caller's (maybe ended) context.
		cleanup, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_ = s.Delete(cleanup, key)
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
	if err := checkKey(key); err != nil {
		return nil, err
	}
	obj, err := s.c.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, fail("open", key, err)
	}
	st, err := obj.Stat()
	if err != nil {
		_ = obj.Close()
		if minio.ToErrorResponse(err).Code == minio.NoSuchKey {
			return nil, ErrNotFound
		}
		return nil, fail("open", key, err)
	}
	return s3Object{Object: obj, size: st.Size}, nil
}

// Delete removes the object and aborts unfinished multipart uploads of it.
func (s *S3) Delete(ctx context.Context, key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	if err := s.c.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{}); err != nil &&
		minio.ToErrorResponse(err).Code != minio.NoSuchKey {
		return fail("delete", key, err)
	}
	if err := s.c.RemoveIncompleteUpload(ctx, s.bucket, key); err != nil && minio.ToErrorResponse(err).Code != minio.NoSuchUpload {
		return fail("abort uploads of", key, err)
	}
	return nil
}

// List lists the objects below the prefix, then the unfinished multipart uploads (as partial objects).
func (s *S3) List(ctx context.Context, fn func(Info) error) error {
	ctx, cancel := context.WithCancel(ctx) // stops minio-go's listing goroutines when fn fails
	defer cancel()
	for obj := range s.c.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: s.prefix, Recursive: true}) {
		if obj.Err != nil {
			return fail("list", s.prefix, obj.Err)
		}
		if !strings.HasPrefix(obj.Key, s.prefix) || !ValidKey(obj.Key) {
			continue
		}
		if err := fn(Info{Key: obj.Key, Size: obj.Size, ModTime: obj.LastModified}); err != nil {
			return err
		}
	}
	for up := range s.c.ListIncompleteUploads(ctx, s.bucket, s.prefix, true) {
		if up.Err != nil {
			if minio.ToErrorResponse(up.Err).Code == minio.NoSuchUpload {
				break // some S3-compatible servers answer so when a bucket never had a multipart upload
			}
			return fail("list uploads", s.prefix, up.Err)
		}
		if !strings.HasPrefix(up.Key, s.prefix) || !ValidKey(up.Key) {
			continue
		}
		if err := fn(Info{Key: up.Key, Size: up.Size, ModTime: up.Initiated, Partial: true}); err != nil {
			return err
		}
	}
	return nil
}

// Check asks whether the bucket exists (one HEAD request).
func (s *S3) Check(ctx context.Context) error {
	ok, err := s.c.BucketExists(ctx, s.bucket)
	if err != nil {
		return fail("bucket", s.bucket, err)
	}
	if !ok {
		return fmt.Errorf("blob: S3 bucket %q does not exist: create it (this service creates no buckets)", s.bucket)
	}
	return nil
}

// Claim reads the marker object <prefix>/.onesales-installation, and writes it when there is none.
func (s *S3) Claim(ctx context.Context, installation string) error {
	if err := s.Check(ctx); err != nil {
		return err
	}
	name := s.prefix + markerName
	where := fmt.Sprintf("prefix %q of S3 bucket %q", s.prefix, s.bucket)
	read := func() ([]byte, error) {
		obj, err := s.c.GetObject(ctx, s.bucket, name, minio.GetObjectOptions{})
		if err != nil {
			return nil, err
		}
		defer obj.Close()
		return io.ReadAll(io.LimitReader(obj, 1024))
	}
	content, err := read()
	if err == nil {
		return checkMarker(where, content, installation)
	}
	if minio.ToErrorResponse(err).Code != minio.NoSuchKey {
		return fail("read marker", name, err)
	}
	body := []byte(installation + "\n")
	if _, err := s.c.PutObject(ctx, s.bucket, name, bytes.NewReader(body), int64(len(body)),
		minio.PutObjectOptions{ContentType: "text/plain"}); err != nil {
		return fail("write marker", name, err)
	}
	// Two installations claiming at the same moment: the later write wins; reading it back tells the other.
	if content, err = read(); err != nil {
		return fail("read marker", name, err)
	}
	return checkMarker(where, content, installation)
}
