package db

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"syscall"

	"github.com/uptrace/bun/driver/pgdriver"
)

// Unavailable reports whether err means that the database cannot be reached or refuses work for the time being:
// no connection (refused, reset, closed, a dial timeout), the server shutting down or starting up, out of
// connections or resources. The same request may well succeed a little later, so the API answers 503, not 500.
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	if code, ok := sqlState(err); ok {
		switch code {
		case "57P01", // admin_shutdown: the server is stopping, or an administrator ended the connection
			"57P02", // crash_shutdown
			"57P03", // cannot_connect_now: starting up or shutting down
			"53000", // insufficient_resources
			"53100", // disk_full
			"53200", // out_of_memory
			"53300": // too_many_connections
			return true
		}
		return strings.HasPrefix(code, "08") // connection_exception and its kinds
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		// Dialling found no server, or the server's side of the connection ended (reset). A read that timed out
		// found a slow one (TimedOut). A failed write is the client's connection going away (broken pipe): the
		// driver reports a write to a dead database connection as driver.ErrBadConn.
		return opErr.Op == "dial" || opErr.Op == "read" && !opErr.Timeout()
	}
	for _, target := range []error{driver.ErrBadConn, sql.ErrConnDone, io.EOF, io.ErrUnexpectedEOF,
		syscall.ECONNREFUSED, syscall.ECONNRESET} {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

// TimedOut reports whether a statement was cut off for taking too long: PostgreSQL cancelled it (statement
// timeout, SQLSTATE 57014) or it gave no answer within the driver's read timeout or the request's deadline.
func TimedOut(err error) bool {
	if err == nil {
		return false
	}
	if code, ok := sqlState(err); ok {
		return code == "57014" // query_canceled
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		return opErr.Op != "dial" && opErr.Timeout()
	}
	return errors.Is(err, os.ErrDeadlineExceeded)
}

// Redact returns err's text for the log with PostgreSQL's own message replaced by its SQLSTATE and the names of the
// constraint, table and column it concerns. A server message can quote values of the statement (`invalid input
// syntax for type uuid: "…"`), and values are customer data, which have no place in a log; the message is kept
// only for the classes whose messages name nothing but objects (connection, integrity, transaction state,
// resources, operator intervention). The error's DETAIL, which quotes the row (`Key (email)=(…) already
// exists`), is never part of it.
func Redact(err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	var pgErr pgdriver.Error
	if !errors.As(err, &pgErr) {
		return msg
	}
	return strings.Replace(msg, pgErr.Error(), describe(pgErr), 1)
}

func describe(e pgdriver.Error) string {
	code := e.Field('C')
	var b strings.Builder
	fmt.Fprintf(&b, "SQLSTATE %s", code)
	if len(code) == 5 {
		switch code[:2] {
		case "08", "23", "25", "40", "53", "55", "57":
			fmt.Fprintf(&b, " %s", e.Field('M'))
		}
	}
	for _, f := range []struct {
		name string
		key  byte
	}{{"constraint", 'n'}, {"table", 't'}, {"column", 'c'}} {
		if v := e.Field(f.key); v != "" {
			fmt.Fprintf(&b, " %s=%s", f.name, v)
		}
	}
	return b.String()
}

// sqlState is the SQLSTATE of a PostgreSQL error in err's chain.
func sqlState(err error) (string, bool) {
	var pgErr pgdriver.Error
	if !errors.As(err, &pgErr) {
		return "", false
	}
	return pgErr.Field('C'), true
}
