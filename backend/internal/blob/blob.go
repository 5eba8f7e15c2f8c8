// Package blob stores the bytes of documents behind one small interface, with two implementations: the local file
// system (the default: written to a temporary file in the target folder, synced, renamed into place, the folder
// synced) and an S3-compatible object store (github.com/minio/minio-go/v7) for installations that outgrow one
// machine. Everything streams: no implementation holds a whole object in memory.
//
// Keys are chosen by the caller (random, never derived from user input) and must match ValidKey: slash-separated
// segments of letters, digits, '-' and '_'. A key is the object's whole name in the store (its path below the
// folder, its name in the bucket), prefix included: a key kept by the caller keeps naming its object when the
// configured prefix changes later. New objects go below the store's Prefix, and List walks only that part of the
// store, which this installation owns (Claim): never another installation's objects or an operator's files in a
// shared bucket or folder.
package blob

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"regexp"
	"strings"
	"time"
)

// Store keeps objects by key.
type Store interface {
	// Prefix is where new objects go: every key given to Put starts with it ("" for the file system store, whose
	// folder is the installation's own; "<prefix>/" for the S3 store).
	Prefix() string
	// Put stores what r yields under key (below Prefix, ErrInvalidKey otherwise) and reports its size and
	// SHA-256. With size >= 0, r must yield exactly size bytes (ErrSize otherwise). Put either stores the whole
	// object durably or leaves nothing under key; it may leave a partial object (reported by List with Partial
	// set) only when the process dies while writing or the store becomes unreachable (ErrUnavailable) midway.
	Put(ctx context.Context, key string, r io.Reader, size int64) (Written, error)
	// Open returns the object for reading (and seeking, for ranges). ErrNotFound when there is none.
	Open(ctx context.Context, key string) (Object, error)
	// Delete removes the object and any partial object under key. A missing object is no error.
	Delete(ctx context.Context, key string) error
	// List calls fn for every object and every partial object below Prefix (never elsewhere), for the cleanup of
	// orphans. The marker that Claim writes is not listed.
	List(ctx context.Context, fn func(Info) error) error
	// Check tells whether the store is usable (folder writable; bucket there and reachable), cheaply enough for a
	// readiness probe.
	Check(ctx context.Context) error
	// Claim makes the store's part (folder, prefix in the bucket) the installation's: it writes a marker naming
	// installation when there is none, and fails with ErrClaimed when the marker names another installation.
	Claim(ctx context.Context, installation string) error
}

// Object is a stored object being read.
type Object interface {
	io.ReadSeekCloser
	// Size is the object's length in bytes.
	Size() int64
}

// Written describes a stored object.
type Written struct {
	Size   int64
	SHA256 [sha256.Size]byte
}

// Info is one object found by List. Partial objects are writes that never completed.
type Info struct {
	Key     string
	Size    int64
	ModTime time.Time
	Partial bool
}

// Errors of the stores.
var (
	ErrNotFound   = errors.New("blob: not found")
	ErrSize       = errors.New("blob: the content is not of the announced size")
	ErrInvalidKey = errors.New("blob: invalid key")
	// ErrUnavailable wraps failures of a store that cannot be reached or answers that it cannot serve now
	// (connection refused, timeouts, 5xx): worth retrying later, unlike the other errors.
	ErrUnavailable = errors.New("blob: the store is unavailable")
	// ErrClaimed: the folder or prefix belongs to another installation (Claim).
	ErrClaimed = errors.New("blob: the store belongs to another installation")
)

// markerName is the name of Claim's marker below the prefix. It contains a dot, so no key (ValidKey) is ever
// equal to it and List never reports it.
const markerName = ".onesales-installation"

var keyPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*(/[A-Za-z0-9][A-Za-z0-9_-]*)*$`)

// ValidKey reports whether key is acceptable to every store.
func ValidKey(key string) bool { return len(key) <= 400 && keyPattern.MatchString(key) }

func checkKey(key string) error {
	if !ValidKey(key) {
		return fmt.Errorf("%w: %q", ErrInvalidKey, key)
	}
	return nil
}

// checkNewKey checks a key of Put: valid and below prefix.
func checkNewKey(prefix, key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	if !strings.HasPrefix(key, prefix) {
		return fmt.Errorf("%w: %q is not below the store's prefix %q", ErrInvalidKey, key, prefix)
	}
	return nil
}

// checkMarker compares a marker's content with installation.
func checkMarker(where string, content []byte, installation string) error {
	if owner := strings.TrimSpace(string(content)); owner != installation {
		return fmt.Errorf("%w: %s is marked as installation %q's (this database is installation %q): configure a folder "+
			"or prefix of its own for each installation", ErrClaimed, where, owner, installation)
	}
	return nil
}

// counter passes a stream through while hashing and counting it, stops when ctx ends and, with a known size,
// refuses both a short and a long stream.
type counter struct {
	ctx  context.Context
	r    io.Reader
	want int64
	n    int64
	h    hash.Hash // nil: the caller hashes
	// err is the first error Read returned other than io.EOF, which a client library may wrap beyond recognition.
	err error
}

func newCounter(ctx context.Context, r io.Reader, size int64) *counter {
	return &counter{ctx: ctx, r: r, want: size, h: sha256.New()}
}

func (c *counter) Read(p []byte) (n int, err error) {
	defer func() {
		if err != nil && !errors.Is(err, io.EOF) && c.err == nil {
			c.err = err
		}
	}()
	if cerr := c.ctx.Err(); cerr != nil {
		return 0, cerr
	}
	if c.want >= 0 && int64(len(p)) > c.want-c.n+1 {
		// Read at most one byte past the announced size: enough to notice a long stream.
		p = p[:c.want-c.n+1]
	}
	n, err = c.r.Read(p)
	c.n += int64(n)
	if c.h != nil {
		c.h.Write(p[:n])
	}
	if c.want >= 0 {
		if c.n > c.want {
			return n, ErrSize
		}
		if errors.Is(err, io.EOF) && c.n < c.want {
			return n, fmt.Errorf("%w: %d of %d bytes: %w", ErrSize, c.n, c.want, io.ErrUnexpectedEOF)
		}
	}
	return n, err
}

func (c *counter) written() Written {
	w := Written{Size: c.n}
	c.h.Sum(w.SHA256[:0])
	return w
}
