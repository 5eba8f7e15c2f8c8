// Package secrets keeps refresh tokens in the operating system's credential store (Secret Service on Linux,
// Credential Manager on Windows, Keychain on macOS), one entry per server and user. Nothing secret goes to files.
package secrets

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/zalando/go-keyring"
)

var (
	// ErrNotFound: there is no entry for that server and user.
	ErrNotFound = errors.New("secrets: not found")
	// ErrTimeout: the credential store did not answer in time (a locked keyring waiting for a prompt, a hung
	// D-Bus service).
	ErrTimeout = errors.New("secrets: credential store did not answer")
	// ErrTooBig: the platform refuses a secret that large (Windows caps at 2,560 bytes).
	ErrTooBig = errors.New("secrets: secret too large for the credential store")
)

// Store keeps one secret (a refresh token) per server URL and e-mail address.
type Store interface {
	Get(server, email string) (string, error)
	Set(server, email, token string) error
	Delete(server, email string) error
}

// Service is the keyring service name all entries are filed under.
const Service = "1sales"

// DefaultTimeout bounds every keyring call.
const DefaultTimeout = 8 * time.Second

// Keyring is the Store of the operating system's credential store.
type Keyring struct {
	service string
	timeout time.Duration
}

// NewKeyring returns the credential-store Store. It does no I/O.
func NewKeyring() *Keyring { return &Keyring{service: Service, timeout: DefaultTimeout} }

// Account is the entry's account name: "<email>@<server URL>", so that two servers or two users never share one.
func Account(server, email string) string { return email + "@" + server }

func (k *Keyring) Get(server, email string) (string, error) {
	var token string
	err := k.run("get", func() error {
		var err error
		token, err = keyring.Get(k.service, Account(server, email))
		return err
	})
	return token, err
}

func (k *Keyring) Set(server, email, token string) error {
	return k.run("set", func() error { return keyring.Set(k.service, Account(server, email), token) })
}

func (k *Keyring) Delete(server, email string) error {
	return k.run("delete", func() error { return keyring.Delete(k.service, Account(server, email)) })
}

// run calls fn with a deadline. go-keyring has no context and can block forever, so fn runs in a goroutine that is
// abandoned on timeout; it finishes (or stays blocked) on its own, and its late result is dropped.
func (k *Keyring) run(op string, fn func() error) error {
	ctx, cancel := context.WithTimeout(context.Background(), k.timeout)
	defer cancel()
	done := make(chan error, 1) // buffered: an abandoned fn must not block on send
	go func() { done <- fn() }()
	select {
	case err := <-done:
		switch {
		case err == nil:
			return nil
		case errors.Is(err, keyring.ErrNotFound):
			return ErrNotFound
		case errors.Is(err, keyring.ErrSetDataTooBig):
			return ErrTooBig
		}
		return fmt.Errorf("secrets: %s: %w", op, err)
	case <-ctx.Done():
		return fmt.Errorf("secrets: %s after %s: %w", op, k.timeout, ErrTimeout)
	}
}

// Memory is a Store in memory, for tests and for running without a credential store.
type Memory struct {
	mu      sync.Mutex
	entries map[string]string
}

// NewMemory returns an empty Memory store.
func NewMemory() *Memory { return &Memory{entries: map[string]string{}} }

func (m *Memory) Get(server, email string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.entries[Account(server, email)]
	if !ok {
		return "", ErrNotFound
	}
	return t, nil
}

func (m *Memory) Set(server, email, token string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.entries[Account(server, email)] = token
	return nil
}

func (m *Memory) Delete(server, email string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	a := Account(server, email)
	if _, ok := m.entries[a]; !ok {
		return ErrNotFound
	}
	delete(m.entries, a)
	return nil
}

// Len returns the number of entries (for tests).
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.entries)
}
