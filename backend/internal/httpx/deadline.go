package httpx

import "time"

// IdleDeadline keeps a connection's read or write deadline a fixed idle time ahead while bytes move, renewing it
// at most once a second: a transfer of any length goes on as long as it moves, and one that stalls ends. Routes
// that stream (file content, exports) use it instead of the request timeout.
type IdleDeadline struct {
	// Set sets the deadline (http.ResponseController's SetReadDeadline or SetWriteDeadline).
	Set func(time.Time) error
	// Idle is how long the connection may stand still.
	Idle time.Duration
	next time.Time
}

// Touch renews the deadline (at most once a second).
func (d *IdleDeadline) Touch() {
	if now := time.Now(); now.After(d.next) {
		_ = d.Set(now.Add(d.Idle))
		d.next = now.Add(time.Second)
	}
}
