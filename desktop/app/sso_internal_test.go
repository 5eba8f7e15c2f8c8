package app

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

func get(t *testing.T, u string) int {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// The loopback receiver listens on 127.0.0.1 at a port of the system's, answers only its path with the expected
// state, and hands over the first code.
func TestLoopbackReceivesTheCodeOfItsStateOnly(t *testing.T) {
	lb, err := listenLoopback()
	if err != nil {
		t.Fatal(err)
	}
	defer lb.close()
	u, err := url.Parse(lb.redirectURI)
	if err != nil || u.Hostname() != "127.0.0.1" || u.Port() == "" || u.Port() == "0" || u.Path != "/callback" {
		t.Fatalf("redirect URI %q", lb.redirectURI)
	}
	lb.expectState("s1")
	if got := get(t, "http://"+u.Host+"/favicon.ico"); got != http.StatusNotFound {
		t.Fatalf("another path: %d", got)
	}
	if got := get(t, lb.redirectURI+"?code=stolen&state=other"); got != http.StatusBadRequest {
		t.Fatalf("foreign state: %d", got)
	}
	if got := get(t, lb.redirectURI+"?code=c1&state=s1"); got != http.StatusOK {
		t.Fatalf("the answer: %d", got)
	}
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	code, state, err := lb.wait(ctx)
	if err != nil || code != "c1" || state != "s1" {
		t.Fatalf("wait = %q %q %v", code, state, err)
	}
	if got := get(t, lb.redirectURI+"?code=c2&state=s1"); got != http.StatusOK { // a second answer changes nothing
		t.Fatalf("second answer: %d", got)
	}
	lb.close()
	if _, err := http.Get(lb.redirectURI); err == nil || !strings.Contains(err.Error(), "refused") {
		t.Fatalf("after close the port still answers: %v", err)
	}
}

// Without an answer the wait ends with auth.sso_cancelled when its time is up.
func TestLoopbackWaitEndsWhenTheTimeIsUp(t *testing.T) {
	lb, err := listenLoopback()
	if err != nil {
		t.Fatal(err)
	}
	defer lb.close()
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, _, err = lb.wait(ctx)
	if ae, ok := client.AsAPIError(err); !ok || ae.Code != api.CodeSSOCancelled {
		t.Fatalf("wait = %v, want %s", err, api.CodeSSOCancelled)
	}
}
