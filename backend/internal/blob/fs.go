package blob

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
)

// partialSuffix names the temporary file of a write in progress, next to its final name (same folder, so the
// rename is atomic). Keys cannot contain a dot, so no key ends in it.
const partialSuffix = ".partial"

// FS stores objects as files below a root folder; a key's slashes are folders.
type FS struct {
	root string
}

// NewFS returns a store in root (created on the first write).
func NewFS(root string) (*FS, error) {
	if root == "" {
		return nil, errors.New("blob: the file system store needs a folder")
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	return &FS{root: abs}, nil
}

// Root is the store's folder.
func (s *FS) Root() string { return s.root }

// Prefix is empty: the folder is the installation's own (Claim marks it so).
func (s *FS) Prefix() string { return "" }

func (s *FS) path(key string) (string, error) {
	if err := checkKey(key); err != nil {
		return "", err
	}
	return filepath.Join(s.root, filepath.FromSlash(key)), nil
}

// Chunks of the write pipeline: pipelineDepth of pipelineChunk bytes per write in progress (4 MiB).
const (
	pipelineChunk = 1 << 20
	pipelineDepth = 4
)

var chunkPool = sync.Pool{New: func() any { return &chunk{b: make([]byte, pipelineChunk)} }}

type chunk struct {
	b    []byte
	n    int
	refs atomic.Int32
}

// hashAndWrite copies r to f and hashes it, as a pipeline: this goroutine reads the next chunk while one
// goroutine hashes and another writes the previous ones, so that SHA-256 (about 1 GB/s per core) does not add to
// the time of the copy. Chunks go to both in order and are reused when both are done with them.
func hashAndWrite(r io.Reader, f *os.File) (Written, error) {
	free := make(chan *chunk, pipelineDepth)
	for range pipelineDepth {
		free <- chunkPool.Get().(*chunk)
	}
	defer func() {
		for range pipelineDepth {
			chunkPool.Put(<-free)
		}
	}()
	release := func(c *chunk) {
		if c.refs.Add(-1) == 0 {
			free <- c
		}
	}
	toHash, toWrite := make(chan *chunk, pipelineDepth), make(chan *chunk, pipelineDepth)
	h := sha256.New()
	var writeErr error
	var failed atomic.Bool
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for c := range toHash {
			h.Write(c.b[:c.n])
			release(c)
		}
	}()
	go func() {
		defer wg.Done()
		for c := range toWrite {
			if writeErr == nil {
				if _, err := f.Write(c.b[:c.n]); err != nil {
					writeErr = err
					failed.Store(true)
				}
			}
			release(c)
		}
	}()
	var total int64
	var readErr error
	for !failed.Load() {
		c := <-free
		n, err := io.ReadFull(r, c.b)
		if n > 0 {
			c.n = n
			c.refs.Store(2)
			total += int64(n)
			toHash <- c
			toWrite <- c
		} else {
			free <- c
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF { // exactly these: the stream ended (a short chunk is fine)
			break
		}
		if err != nil {
			readErr = err
			break
		}
	}
	close(toHash)
	close(toWrite)
	wg.Wait()
	if readErr != nil {
		return Written{}, readErr
	}
	if writeErr != nil {
		return Written{}, writeErr
	}
	w := Written{Size: total}
	h.Sum(w.SHA256[:0])
	return w, nil
}

// Put writes to <name>.partial, syncs it, renames it to <name> and syncs the folder.
func (s *FS) Put(ctx context.Context, key string, r io.Reader, size int64) (Written, error) {
	p, err := s.path(key)
	if err != nil {
		return Written{}, err
	}
	dir := filepath.Dir(p)
	if err := s.mkdirs(dir); err != nil {
		return Written{}, err
	}
	tmp := p + partialSuffix
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o640)
	if err != nil {
		return Written{}, fmt.Errorf("blob: create %s: %w", key, err)
	}
	done := false
	defer func() {
		if !done {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	c := newCounter(ctx, r, size)
	c.h = nil // hashed by the pipeline, beside the writing
	w, err := hashAndWrite(c, f)
	if err != nil {
		return Written{}, fmt.Errorf("blob: write %s: %w", key, err)
	}
	if err := f.Sync(); err != nil {
		return Written{}, fmt.Errorf("blob: sync %s: %w", key, err)
	}
	if err := f.Close(); err != nil {
		return Written{}, fmt.Errorf("blob: close %s: %w", key, err)
	}
	if err := os.Rename(tmp, p); err != nil {
		return Written{}, fmt.Errorf("blob: rename %s: %w", key, err)
	}
	done = true
	if err := syncDir(dir); err != nil {
		_ = os.Remove(p)
		return Written{}, fmt.Errorf("blob: sync folder of %s: %w", key, err)
	}
	return w, nil
}

// mkdirs creates dir and its missing parents below the root, syncing each parent after a child was created so
// that the new folders survive a crash too.
func (s *FS) mkdirs(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	parent := filepath.Dir(dir)
	if dir != s.root && parent != dir {
		if err := s.mkdirs(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o750); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil
		}
		return fmt.Errorf("blob: %w", err)
	}
	if dir != s.root {
		return syncDir(parent)
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

type fsObject struct {
	*os.File
	size int64
}

func (o fsObject) Size() int64 { return o.size }

// File returns the open file behind an object of the file system store, for zero-copy sending (sendfile), or nil
// for other stores.
func File(o Object) *os.File {
	if f, ok := o.(fsObject); ok {
		return f.File
	}
	return nil
}

// Open opens the object's file.
func (s *FS) Open(_ context.Context, key string) (Object, error) {
	p, err := s.path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, ErrNotFound
		}
		return nil, fmt.Errorf("blob: open %s: %w", key, err)
	}
	fi, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("blob: stat %s: %w", key, err)
	}
	return fsObject{File: f, size: fi.Size()}, nil
}

// Delete removes the object's file and a partial one.
func (s *FS) Delete(_ context.Context, key string) error {
	p, err := s.path(key)
	if err != nil {
		return err
	}
	for _, name := range []string{p, p + partialSuffix} {
		if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("blob: delete %s: %w", key, err)
		}
	}
	return nil
}

// List walks the root folder.
func (s *FS) List(ctx context.Context, fn func(Info) error) error {
	err := filepath.WalkDir(s.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == s.root && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll // nothing stored yet
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // removed while walking
			}
			return err
		}
		rel, err := filepath.Rel(s.root, p)
		if err != nil {
			return err
		}
		info := Info{Key: filepath.ToSlash(rel), Size: fi.Size(), ModTime: fi.ModTime()}
		if k, ok := strings.CutSuffix(info.Key, partialSuffix); ok {
			info.Key, info.Partial = k, true
		}
		if !ValidKey(info.Key) {
			return nil // not ours: never touch it
		}
		return fn(info)
	})
	if err != nil {
		return fmt.Errorf("blob: list: %w", err)
	}
	return nil
}

// Claim writes the marker file into the root folder (created if needed) or checks the one there. The marker is
// written to a temporary file and linked into place, so that nobody ever reads a half-written one.
func (s *FS) Claim(ctx context.Context, installation string) error {
	if err := s.Check(ctx); err != nil {
		return err
	}
	p := filepath.Join(s.root, markerName)
	if content, err := os.ReadFile(p); err == nil {
		return checkMarker("folder "+s.root, content, installation)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("blob: %w", err)
	}
	f, err := os.CreateTemp(s.root, ".claim-*")
	if err != nil {
		return fmt.Errorf("blob: %w", err)
	}
	defer os.Remove(f.Name())
	_, err = f.WriteString(installation + "\n")
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("blob: write the marker: %w", err)
	}
	if err := os.Link(f.Name(), p); err != nil {
		if errors.Is(err, fs.ErrExist) { // another instance was quicker
			content, rerr := os.ReadFile(p)
			if rerr != nil {
				return fmt.Errorf("blob: %w", rerr)
			}
			return checkMarker("folder "+s.root, content, installation)
		}
		return fmt.Errorf("blob: place the marker: %w", err)
	}
	if err := syncDir(s.root); err != nil {
		return fmt.Errorf("blob: %w", err)
	}
	return nil
}

// Check creates the root folder if needed and proves that it is writable.
func (s *FS) Check(context.Context) error {
	if err := os.MkdirAll(s.root, 0o750); err != nil {
		return fmt.Errorf("blob: %w", err)
	}
	f, err := os.CreateTemp(s.root, ".check-*")
	if err != nil {
		return fmt.Errorf("blob: folder %s is not writable: %w", s.root, err)
	}
	name := f.Name()
	_ = f.Close()
	return os.Remove(name)
}
