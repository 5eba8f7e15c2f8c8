// Package blob stores the bytes of documents behind one small interface, with two implementations: the local file
// system (the default: written to a temporary file in the target folder, synced, renamed into place, the folder
// synced) and an S3-compatible object store (github.com/minio/minio-go/v7) for installations that outgrow one
// machine. Everything streams: no implementation holds a whole object in memory.
//
// Keys are chosen by the caller (random, never derived from user input) and must match ValidKey: slash-separated
// segments of letters, digits, '-' and '_'.
package blob

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"regexp"
	"time"
)

// Store keeps objects by key.
type Store interface {
	// Put stores what r yields under key and reports its size and SHA-256. With size >= 0, r must yield exactly
	// size bytes (ErrSize otherwise). Put either stores the whole object durably or leaves nothing under key; it
	// may leave a partial object (reported by List with Partial set) only when the process dies while writing.
	Put(ctx context.Context, key string, r io.Reader, size int64) (Written, error)
	// Open returns the object for reading (and seeking, for ranges). ErrNotFound when there is none.
	Open(ctx context.Context, key string) (Object, error)
	// Delete removes the object and any partial object under key. A missing object is no error.
	Delete(ctx context.Context, key string) error
	// List calls fn for every object and every partial object, for the cleanup of orphans.
	List(ctx context.Context, fn func(Info) error) error
	// Check tells whether the store is usable (folder writable, bucket reachable); run at startup.
	Check(ctx context.Context) error
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
)

var keyPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*(/[A-Za-z0-9][A-Za-z0-9_-]*)*$`)

// ValidKey reports whether key is acceptable to every store.
func ValidKey(key string) bool { return len(key) <= 400 && keyPattern.MatchString(key) }

func checkKey(key string) error {
	if !ValidKey(key) {
		return fmt.Errorf("%w: %q", ErrInvalidKey, key)
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
