package auth

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// Hasher runs the process's argon2id computations (checking a password, hashing a new one), at most a fixed
// number at once. Each takes 19 MiB and a core for tens of milliseconds, so without a bound a flood of sign-ins
// exhausts memory and starves every other request. A computation waits up to a short time for a free slot; after
// that the request is answered 503 auth.busy with Retry-After.
type Hasher struct {
	slots    chan struct{}
	wait     time.Duration
	computed atomic.Int64
}

// DefaultHashWait is how long a computation waits for a free slot by default.
const DefaultHashWait = 2 * time.Second

// maxHashSlots bounds the slots whatever the core count: 16 at 19 MiB is about 300 MiB at most.
const maxHashSlots = 16

// DefaultHashSlots is two per core the Go runtime uses (GOMAXPROCS), at least 2 and at most 16.
func DefaultHashSlots() int { return min(max(2*runtime.GOMAXPROCS(0), 2), maxHashSlots) }

// NewHasher builds a hasher with slots computations at once (0: DefaultHashSlots) that waits up to wait for a
// slot (0: DefaultHashWait).
func NewHasher(slots int, wait time.Duration) *Hasher {
	if slots <= 0 {
		slots = DefaultHashSlots()
	}
	if wait <= 0 {
		wait = DefaultHashWait
	}
	return &Hasher{slots: make(chan struct{}, slots), wait: wait}
}

// ErrBusy answers a request whose password computation found no free slot in time.
var ErrBusy = func() *httpx.Error {
	e := httpx.NewError(http.StatusServiceUnavailable, api.CodeBusy, "too many passwords are being checked at once, try again shortly")
	e.Header = http.Header{"Retry-After": {strconv.Itoa(int(DefaultHashWait / time.Second))}}
	return e
}()

// acquire takes a slot, waiting up to h.wait; the caller must call the returned release.
func (h *Hasher) acquire(ctx context.Context) (release func(), err error) {
	release = func() { <-h.slots }
	select {
	case h.slots <- struct{}{}:
		return release, nil
	default:
	}
	t := time.NewTimer(h.wait)
	defer t.Stop()
	select {
	case h.slots <- struct{}{}:
		return release, nil
	case <-t.C:
		return nil, ErrBusy
	case <-ctx.Done():
		return nil, fmt.Errorf("auth: wait for a hash slot: %w", ctx.Err())
	}
}

// Hash returns a new argon2id hash of password.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	release, err := h.acquire(ctx)
	if err != nil {
		return "", err
	}
	defer release()
	h.computed.Add(1)
	return HashPassword(password)
}

// derive computes the key of password for stored parameters (see deriveKey).
func (h *Hasher) derive(ctx context.Context, password string, p hashParams, keyLen int) (string, error) {
	release, err := h.acquire(ctx)
	if err != nil {
		return "", err
	}
	defer release()
	h.computed.Add(1)
	return deriveKey(password, p, keyLen), nil
}

// Computed is how many argon2id computations the hasher has run.
func (h *Hasher) Computed() int64 { return h.computed.Load() }

// Slots is how many computations run at once at most.
func (h *Hasher) Slots() int { return cap(h.slots) }
