// Command onesales-mailsink is the SMTP server of the end-to-end tests: it receives mail into memory
// (internal/mail/mailtest) and lists what it received as JSON at GET /messages, for the tests to read. Not for
// production: it accepts every mail from anyone who reaches it, so it listens on loopback addresses only.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/1sales/app/backend/internal/mail/mailtest"
)

func main() {
	smtpAddr := flag.String("smtp", "127.0.0.1:2525", "SMTP listen address (loopback only)")
	httpAddr := flag.String("http", "127.0.0.1:2580", "HTTP listen address of GET /messages (loopback only)")
	flag.Parse()
	for _, a := range []string{*smtpAddr, *httpAddr} {
		host, _, err := net.SplitHostPort(a)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			log.Fatalf("onesales-mailsink: %q is no loopback address", a)
		}
	}
	srv, err := mailtest.Start(*smtpAddr, mailtest.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Stop()
	web := &http.Server{Addr: *httpAddr, Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		_ = web.Shutdown(context.Background())
	}()
	fmt.Printf("onesales-mailsink: SMTP on %s, messages at http://%s/messages\n", srv.Addr(), *httpAddr)
	if err := web.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		log.Fatal(err)
	}
}
