//go:build unix

package db

import (
	"errors"
	"net"
	"syscall"
)

// alive reports whether the server is still at the other end of an idle connection. A server says nothing to an
// idle client; when it ended the session (a restart, a failover, pg_terminate_backend) it sent a FATAL message and
// closed, so finding anything to read, or the end of the stream, means the connection is gone. The look is a
// non-blocking peek: no wait, nothing consumed.
func alive(conn net.Conn) bool {
	sc, ok := conn.(syscall.Conn)
	if !ok {
		return true
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return true
	}
	ok = true
	var buf [1]byte
	err = raw.Read(func(fd uintptr) bool {
		_, _, err := syscall.Recvfrom(int(fd), buf[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		// No error: a byte or the end of the stream. EAGAIN: nothing to read, the healthy case. EINTR: no verdict,
		// leave the connection to its next statement.
		ok = errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EWOULDBLOCK) || errors.Is(err, syscall.EINTR)
		return true
	})
	return err == nil && ok
}
