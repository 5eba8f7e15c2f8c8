// Command onesales-idp is the OpenID Connect provider of the end-to-end tests: github.com/oauth2-proxy/mockoidc (a
// standards-compliant provider: discovery, JWKS, authorization code flow with PKCE, RS256 ID tokens with the
// request's nonce) on a loopback port, with the client id and secret given on the command line. Its authorization
// endpoint signs in at once the user a test queued with POST /e2e/users ({"email", "subject"}; the queue is first
// in, first out, and an empty queue signs in mockoidc's default user of example.com, whom no company accepts).
// Not for production: it signs anyone in, so it listens on loopback addresses only, over plain http, which the
// backend accepts for an issuer on this computer only.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/oauth2-proxy/mockoidc"
)

// queuePath is where a test queues the next user to sign in.
const queuePath = "/e2e/users"

type queued struct {
	Email   string `json:"email"`
	Subject string `json:"subject"`
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address (loopback only)")
	clientID := flag.String("client-id", "", "the client id the backend is configured with (required)")
	clientSecret := flag.String("client-secret", "", "the client secret the backend is configured with (required)")
	flag.Parse()
	host, _, err := net.SplitHostPort(*addr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		log.Fatalf("onesales-idp: %q is no loopback address", *addr)
	}
	if *clientID == "" || *clientSecret == "" {
		log.Fatal("onesales-idp: -client-id and -client-secret are required")
	}
	m, err := mockoidc.NewServer(nil)
	if err != nil {
		log.Fatal(err)
	}
	m.ClientID, m.ClientSecret = *clientID, *clientSecret
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	// mockoidc's endpoints (its exported handlers) and the queue on one mux; m.Server tells mockoidc its address,
	// from which it derives the issuer.
	mux := http.NewServeMux()
	for path, h := range map[string]http.HandlerFunc{
		mockoidc.AuthorizationEndpoint: m.Authorize,
		mockoidc.TokenEndpoint:         m.Token,
		mockoidc.UserinfoEndpoint:      m.Userinfo,
		mockoidc.JWKSEndpoint:          m.JWKS,
		mockoidc.DiscoveryEndpoint:     m.Discovery,
	} {
		mux.Handle(path, logged(h))
	}
	mux.HandleFunc("POST "+queuePath, func(w http.ResponseWriter, r *http.Request) {
		var u queued
		if json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&u) != nil || u.Email == "" {
			http.Error(w, `want {"email": "...", "subject": "..."}`, http.StatusBadRequest)
			return
		}
		if u.Subject == "" {
			u.Subject = u.Email
		}
		m.QueueUser(&mockoidc.MockUser{Subject: u.Subject, Email: u.Email, EmailVerified: true})
		log.Printf("onesales-idp: queued the user of subject %s", u.Subject)
		w.WriteHeader(http.StatusNoContent)
	})
	m.Server = &http.Server{Addr: ln.Addr().String(), Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := m.Server.Serve(ln); err != nil && err != http.ErrServerClosed {
			log.Fatal(err)
		}
	}()
	fmt.Printf("onesales-idp: issuer %s, queue users at %s%s\n", m.Issuer(), m.Addr(), queuePath)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	_ = m.Shutdown()
}

// logged logs each request's method and path (no query: it holds codes and nonces).
func logged(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.Printf("onesales-idp: %s %s", r.Method, r.URL.Path)
		h(w, r)
	})
}
