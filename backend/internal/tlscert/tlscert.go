// Package tlscert serves the server's TLS certificate from a certificate and a key file and reloads them when they
// change, without a restart: a renewed certificate (certbot, an ACME client, an operator's copy) is taken at the
// next handshake after the files' modification time or size changed. A new pair that does not load (half written,
// a key that does not match) keeps the old certificate in use and is logged once.
package tlscert

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"
)

// Reloader holds the current certificate.
type Reloader struct {
	certFile, keyFile string
	log               *slog.Logger
	// every is the least time between two looks at the files.
	every time.Duration

	mu      sync.Mutex
	cert    *tls.Certificate
	loaded  stamp // the files' stamp when cert was loaded
	failed  stamp // the stamp of a pair that failed to load (logged once)
	checked time.Time
}

// stamp tells whether a file pair changed.
type stamp struct {
	certMod, keyMod   time.Time
	certSize, keySize int64
}

// DefaultEvery is how often the files are looked at (at most once per this, at a handshake).
const DefaultEvery = 5 * time.Second

// New loads the pair; a missing, unreadable or invalid pair is an error (the server must not start without its
// certificate). every <= 0 looks at the files at every handshake.
func New(certFile, keyFile string, every time.Duration, log *slog.Logger) (*Reloader, error) {
	r := &Reloader{certFile: certFile, keyFile: keyFile, log: log, every: every}
	st, err := r.stat()
	if err != nil {
		return nil, err
	}
	cert, err := r.load()
	if err != nil {
		return nil, err
	}
	r.cert, r.loaded, r.checked = cert, st, time.Now()
	return r, nil
}

// Config is a server TLS configuration that takes the current certificate at every handshake.
func (r *Reloader) Config() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12, GetCertificate: r.GetCertificate, NextProtos: []string{"h2", "http/1.1"}}
}

// GetCertificate is tls.Config.GetCertificate: the current certificate, reloaded first if the files changed.
func (r *Reloader) GetCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if time.Since(r.checked) >= r.every {
		r.checked = time.Now()
		r.reload()
	}
	return r.cert, nil
}

// NotAfter is when the current certificate expires.
func (r *Reloader) NotAfter() time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.cert.Leaf.NotAfter
}

// reload loads the pair if its stamp changed since the last load; r.mu is held.
func (r *Reloader) reload() {
	st, err := r.stat()
	if err != nil {
		if r.failed != (stamp{}) {
			return
		}
		r.failed = stamp{certSize: -1}
		r.log.Error("tls: the certificate files cannot be read; the loaded certificate stays in use", "err", err)
		return
	}
	if st == r.loaded || st == r.failed {
		return
	}
	cert, err := r.load()
	if err != nil {
		r.failed = st
		r.log.Error("tls: the changed certificate does not load; the old one stays in use", "err", err)
		return
	}
	r.cert, r.loaded, r.failed = cert, st, stamp{}
	r.log.Info("tls: certificate reloaded", "subject", cert.Leaf.Subject.CommonName, "notAfter", cert.Leaf.NotAfter)
}

func (r *Reloader) stat() (stamp, error) {
	c, err := os.Stat(r.certFile)
	if err != nil {
		return stamp{}, fmt.Errorf("tls: certificate file: %w", err)
	}
	k, err := os.Stat(r.keyFile)
	if err != nil {
		return stamp{}, fmt.Errorf("tls: key file: %w", err)
	}
	return stamp{certMod: c.ModTime(), keyMod: k.ModTime(), certSize: c.Size(), keySize: k.Size()}, nil
}

func (r *Reloader) load() (*tls.Certificate, error) {
	cert, err := tls.LoadX509KeyPair(r.certFile, r.keyFile)
	if err != nil {
		return nil, fmt.Errorf("tls: load %s and %s: %w", r.certFile, r.keyFile, err)
	}
	if cert.Leaf == nil {
		if cert.Leaf, err = x509.ParseCertificate(cert.Certificate[0]); err != nil {
			return nil, fmt.Errorf("tls: parse %s: %w", r.certFile, err)
		}
	}
	return &cert, nil
}
