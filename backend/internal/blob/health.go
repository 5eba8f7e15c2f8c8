package blob

import (
	"context"
	"errors"
	"io"
	"sync"
	"time"
)

// Health wraps a store and tells whether it is usable (Ready, for the readiness probe) without asking the store
// on every probe: a check's answer holds for a few seconds, and every call through the wrapper updates it (a
// call that found the store unavailable makes Ready fail at once; one that succeeded makes it pass).
type Health struct {
	Store
	ttl time.Duration

	mu      sync.Mutex
	checked time.Time
	err     error
}

// WithHealth wraps s; a check's answer holds for ttl.
func WithHealth(s Store, ttl time.Duration) *Health {
	return &Health{Store: s, ttl: ttl}
}

// Ready returns nil when the store is usable, from the last answer when it is younger than the ttl, else from a
// new Check.
func (h *Health) Ready(ctx context.Context) error {
	h.mu.Lock()
	if !h.checked.IsZero() && time.Since(h.checked) < h.ttl {
		err := h.err
		h.mu.Unlock()
		return err
	}
	h.mu.Unlock()
	err := h.Store.Check(ctx)
	if ctx.Err() != nil && err != nil {
		return err // the probe gave up; that says nothing about the store for the next one
	}
	h.note(err, true)
	return err
}

// note records what a call learnt; an ordinary failure (not found, invalid key) says nothing about the store.
func (h *Health) note(err error, checked bool) {
	if err != nil && !checked && !errors.Is(err, ErrUnavailable) {
		return
	}
	h.mu.Lock()
	h.checked, h.err = time.Now(), err
	h.mu.Unlock()
}

// Put stores through the wrapped store.
func (h *Health) Put(ctx context.Context, key string, r io.Reader, size int64) (Written, error) {
	w, err := h.Store.Put(ctx, key, r, size)
	h.note(err, false)
	return w, err
}

// Open opens through the wrapped store.
func (h *Health) Open(ctx context.Context, key string) (Object, error) {
	o, err := h.Store.Open(ctx, key)
	h.note(err, false)
	return o, err
}

// Delete deletes through the wrapped store.
func (h *Health) Delete(ctx context.Context, key string) error {
	err := h.Store.Delete(ctx, key)
	h.note(err, false)
	return err
}
