package client

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"sync"
	"time"
)

// pendingKeys remembers the Idempotency-Key of creates whose outcome is unknown (the answer never arrived). When the
// user saves the same thing again, the same key goes out and the server replays the first result if it did create
// the record, instead of creating a duplicate. Entries expire so that a deliberate identical create much later is
// not mistaken for a repeat.
type pendingKeys struct {
	ttl time.Duration
	now func() time.Time

	mu   sync.Mutex
	keys map[string]pendingKey
}

type pendingKey struct {
	key string
	at  time.Time
}

func newPendingKeys(ttl time.Duration) *pendingKeys {
	return &pendingKeys{ttl: ttl, now: time.Now, keys: map[string]pendingKey{}}
}

// take returns the remembered key for fingerprint, or a new one from gen.
func (p *pendingKeys) take(fingerprint string, gen func() string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	for fp, k := range p.keys {
		if now.Sub(k.at) > p.ttl {
			delete(p.keys, fp)
		}
	}
	if k, ok := p.keys[fingerprint]; ok {
		return k.key
	}
	return gen()
}

func (p *pendingKeys) keep(fingerprint, key string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.keys[fingerprint] = pendingKey{key: key, at: p.now()}
}

func (p *pendingKeys) drop(fingerprint string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.keys, fingerprint)
}

// fingerprintOf identifies a request by what the server compares for a replay: route and body.
func fingerprintOf(method, path string, query url.Values, body []byte) string {
	h := sha256.New()
	h.Write([]byte(method + " " + path + "?" + query.Encode() + "\n"))
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}
