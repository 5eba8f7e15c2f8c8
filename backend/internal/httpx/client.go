package httpx

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Peer is where a request comes from, as far as the server can believe it.
type Peer struct {
	// Addr is the client's IP address: the direct peer's, or, when the peer is a trusted proxy, the one the proxies
	// recorded in X-Forwarded-For.
	Addr string
	// Proto is "https" or "http": how the client reached the server (or the trusted proxy in front of it).
	Proto string
}

const peerKey ctxKey = iota + 100

// WithPeer works out each request's Peer. X-Forwarded-For and X-Forwarded-Proto are believed only when the direct
// peer is one of the trusted proxies; from any other address they are ignored (anyone can send them). Of the
// X-Forwarded-For chain, the client is the last address that is not itself a trusted proxy: each proxy appends
// the address it was reached from, so what comes before the last untrusted hop could be forged.
func WithPeer(trusted []netip.Prefix, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), peerKey, peerOf(r, trusted))))
	})
}

// PeerOf is the request's Peer (WithPeer's; without it, the direct peer).
func PeerOf(r *http.Request) Peer {
	if p, ok := r.Context().Value(peerKey).(Peer); ok {
		return p
	}
	return peerOf(r, nil)
}

func peerOf(r *http.Request, trusted []netip.Prefix) Peer {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	p := Peer{Addr: host, Proto: "http"}
	if r.TLS != nil {
		p.Proto = "https"
	}
	if !isTrusted(host, trusted) {
		return p
	}
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		for _, h := range strings.Split(v, ",") {
			if h = strings.TrimSpace(h); h != "" {
				hops = append(hops, h)
			}
		}
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(hops[i])
		if err != nil {
			break // a garbled chain: keep the last address that could be believed
		}
		p.Addr = a.Unmap().String()
		if !isTrusted(p.Addr, trusted) {
			break
		}
	}
	switch proto := strings.ToLower(strings.TrimSpace(r.Header.Get("X-Forwarded-Proto"))); proto {
	case "http", "https":
		p.Proto = proto
	}
	return p
}

func isTrusted(host string, trusted []netip.Prefix) bool {
	if len(trusted) == 0 {
		return false
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, t := range trusted {
		if t.Contains(a) {
			return true
		}
	}
	return false
}
