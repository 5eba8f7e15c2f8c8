package httpx_test

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/backend/internal/httpx"
)

func TestForwardedHeadersAreBelievedOnlyFromTrustedProxies(t *testing.T) {
	trusted, err := config.ParsePrefixes("10.0.0.0/8, 192.168.1.7 ::1")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, remote, xff, proto string
		tls                      bool
		want                     httpx.Peer
	}{
		{"a direct client", "203.0.113.9:5000", "", "", false, httpx.Peer{Addr: "203.0.113.9", Proto: "http"}},
		{"a direct client over TLS", "203.0.113.9:5000", "", "", true, httpx.Peer{Addr: "203.0.113.9", Proto: "https"}},
		{"a forged header from an untrusted address", "203.0.113.9:5000", "198.51.100.1", "https", false,
			httpx.Peer{Addr: "203.0.113.9", Proto: "http"}},
		{"the trusted proxy's client", "10.1.2.3:443", "198.51.100.1", "https", false, httpx.Peer{Addr: "198.51.100.1", Proto: "https"}},
		{"a trusted single address", "192.168.1.7:443", "198.51.100.1", "http", true, httpx.Peer{Addr: "198.51.100.1", Proto: "http"}},
		{"a trusted IPv6 proxy", "[::1]:443", "2001:db8::5", "https", false, httpx.Peer{Addr: "2001:db8::5", Proto: "https"}},
		{"the client forged the start of the chain", "10.1.2.3:443", "1.2.3.4, 198.51.100.1", "", false,
			httpx.Peer{Addr: "198.51.100.1", Proto: "http"}},
		{"two trusted proxies in a row", "10.1.2.3:443", "198.51.100.1, 10.9.9.9", "", false,
			httpx.Peer{Addr: "198.51.100.1", Proto: "http"}},
		{"a garbled hop stops the walk", "10.1.2.3:443", "198.51.100.1, garbage", "", false,
			httpx.Peer{Addr: "10.1.2.3", Proto: "http"}},
		{"a trusted proxy without the header", "10.1.2.3:443", "", "", false, httpx.Peer{Addr: "10.1.2.3", Proto: "http"}},
		{"an unknown proto is ignored", "10.1.2.3:443", "198.51.100.1", "gopher", true, httpx.Peer{Addr: "198.51.100.1", Proto: "https"}},
		{"an IPv4-mapped IPv6 proxy address", "[::ffff:10.1.2.3]:443", "198.51.100.1", "https", false,
			httpx.Peer{Addr: "198.51.100.1", Proto: "https"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr = tt.remote
			if tt.xff != "" {
				r.Header.Set("X-Forwarded-For", tt.xff)
			}
			if tt.proto != "" {
				r.Header.Set("X-Forwarded-Proto", tt.proto)
			}
			if tt.tls {
				r.TLS = &tls.ConnectionState{}
			}
			var got httpx.Peer
			httpx.WithPeer(trusted, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { got = httpx.PeerOf(r) })).
				ServeHTTP(httptest.NewRecorder(), r)
			if got != tt.want {
				t.Fatalf("peer = %+v, want %+v", got, tt.want)
			}
		})
	}
	t.Run("no trusted proxies: the headers are ignored", func(t *testing.T) {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = "10.1.2.3:443"
		r.Header.Set("X-Forwarded-For", "198.51.100.1")
		var got httpx.Peer
		httpx.WithPeer(nil, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { got = httpx.PeerOf(r) })).
			ServeHTTP(httptest.NewRecorder(), r)
		if got.Addr != "10.1.2.3" {
			t.Fatalf("addr = %q, want the direct peer", got.Addr)
		}
	})
}
