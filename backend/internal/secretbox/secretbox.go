// Package secretbox encrypts the secrets the backend must read back (a user's TOTP secret, a company's OIDC
// client secret) with AES-256-GCM under the server's secret key (ONESALES_SECRET_KEY), so that a copy of the
// database alone (a backup, a leaked dump) does not give them away.
//
// A sealed value is "v1:<key id>:<base64(nonce|ciphertext)>": the key id is the first 8 hex digits of the key's
// SHA-256, so that a value names the key it needs; the additional data binds the tenant, the column and the row
// key (the user's or the tenant's ID), so that a value copied into another row, column or company does not open.
// Values are sealed with the current key and opened with the current or any previous key (rotation: Reseal moves
// them to the current key). A stored value without the "v1:" prefix is plaintext from before encryption.
package secretbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"
)

// KeySize is the length of a key in bytes (AES-256).
const KeySize = 32

// version is the prefix of a sealed value.
const version = "v1:"

var (
	// ErrNoKey: the box has no key (a configuration built by hand without ONESALES_SECRET_KEY).
	ErrNoKey = errors.New("secretbox: no secret key configured (ONESALES_SECRET_KEY)")
	// ErrUnknownKey: the value was sealed with a key the box does not have.
	ErrUnknownKey = errors.New("secretbox: sealed with a key that is not configured (ONESALES_SECRET_KEY, ONESALES_SECRET_KEY_PREVIOUS)")
	// ErrOpen: the value is malformed, or does not belong to this tenant, column and row, or was altered.
	ErrOpen = errors.New("secretbox: the value does not open (altered, or another row's)")
)

// Column names a sealed column: its table and column, and the column of the row key bound into the value.
type Column struct {
	Table, Name, RowKey string
}

// String is the column's name in the additional data ("user_totp.secret").
func (c Column) String() string { return c.Table + "." + c.Name }

// The sealed columns. Reseal walks them; their owners seal and open their values with them.
var (
	TOTPSecret       = Column{Table: "user_totp", Name: "secret", RowKey: "user_id"}
	OIDCClientSecret = Column{Table: "oidc_configs", Name: "client_secret", RowKey: "tenant_id"}
	Columns          = []Column{TOTPSecret, OIDCClientSecret}
)

type key struct {
	id   string
	aead cipher.AEAD
}

// Box seals and opens values. The zero value and nil have no key: Seal and Open fail with ErrNoKey.
type Box struct {
	current *key
	keys    map[string]*key
}

// KeyID is the id of a key as it appears in sealed values.
func KeyID(k []byte) string {
	h := sha256.Sum256(k)
	return hex.EncodeToString(h[:4])
}

func newKey(k []byte) (*key, error) {
	if len(k) != KeySize {
		return nil, fmt.Errorf("secretbox: a key has %d bytes, got %d", KeySize, len(k))
	}
	block, err := aes.NewCipher(k)
	if err != nil {
		return nil, fmt.Errorf("secretbox: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secretbox: %w", err)
	}
	return &key{id: KeyID(k), aead: aead}, nil
}

// New builds a box that seals with current and opens with current and every previous key.
func New(current []byte, previous ...[]byte) (*Box, error) {
	cur, err := newKey(current)
	if err != nil {
		return nil, err
	}
	b := &Box{current: cur, keys: map[string]*key{cur.id: cur}}
	for i, p := range previous {
		k, err := newKey(p)
		if err != nil {
			return nil, fmt.Errorf("previous key %d: %w", i+1, err)
		}
		if _, dup := b.keys[k.id]; !dup {
			b.keys[k.id] = k
		}
	}
	return b, nil
}

// ParseKey decodes a key as configured: base64 (standard or URL alphabet, padded or not) of 32 bytes.
func ParseKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if k, err := enc.DecodeString(s); err == nil {
			if len(k) != KeySize {
				return nil, fmt.Errorf("want base64 of %d bytes, got %d bytes", KeySize, len(k))
			}
			return k, nil
		}
	}
	return nil, fmt.Errorf("want base64 of %d bytes (openssl rand -base64 32)", KeySize)
}

// NewKey makes a random key (tests; operators use openssl rand -base64 32).
func NewKey() []byte {
	k := make([]byte, KeySize)
	_, _ = rand.Read(k) // never fails (crypto/rand)
	return k
}

// Prefix is what every value sealed with the current key starts with ("" without a key).
func (b *Box) Prefix() string {
	if b == nil || b.current == nil {
		return ""
	}
	return version + b.current.id + ":"
}

// IsSealed reports whether a stored value is sealed (else it is plaintext from before encryption).
func IsSealed(stored string) bool { return strings.HasPrefix(stored, version) }

func additional(tenantID uuid.UUID, col Column, rowKey uuid.UUID) []byte {
	return []byte("1sales:" + version + tenantID.String() + ":" + col.String() + ":" + rowKey.String())
}

// Seal encrypts plaintext for the row rowKey of col in the tenant.
func (b *Box) Seal(tenantID uuid.UUID, col Column, rowKey uuid.UUID, plaintext string) (string, error) {
	if b == nil || b.current == nil {
		return "", ErrNoKey
	}
	aead := b.current.aead
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plaintext)+aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("secretbox: nonce: %w", err)
	}
	sealed := aead.Seal(nonce, nonce, []byte(plaintext), additional(tenantID, col, rowKey))
	return b.Prefix() + base64.RawStdEncoding.EncodeToString(sealed), nil
}

// Open decrypts a stored value of the row rowKey of col in the tenant. A value without the "v1:" prefix is
// plaintext from before encryption and is answered as it is (Reseal seals such values at start-up).
func (b *Box) Open(tenantID uuid.UUID, col Column, rowKey uuid.UUID, stored string) (string, error) {
	if !IsSealed(stored) {
		return stored, nil
	}
	if b == nil || b.current == nil {
		return "", ErrNoKey
	}
	id, data, ok := strings.Cut(strings.TrimPrefix(stored, version), ":")
	if !ok {
		return "", ErrOpen
	}
	k, ok := b.keys[id]
	if !ok {
		return "", ErrUnknownKey
	}
	raw, err := base64.RawStdEncoding.DecodeString(data)
	if err != nil || len(raw) < k.aead.NonceSize()+k.aead.Overhead() {
		return "", ErrOpen
	}
	n := k.aead.NonceSize()
	plain, err := k.aead.Open(nil, raw[:n], raw[n:], additional(tenantID, col, rowKey))
	if err != nil {
		return "", ErrOpen
	}
	return string(plain), nil
}

// Current reports whether a stored value is sealed with the current key (else Reseal seals it again).
func (b *Box) Current(stored string) bool {
	p := b.Prefix()
	return p != "" && strings.HasPrefix(stored, p)
}
