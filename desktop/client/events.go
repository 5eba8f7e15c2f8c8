package client

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"time"

	sse "github.com/tmaxmax/go-sse"

	"github.com/1sales/app/shared/api"
)

// DefaultEventsIdleTimeout is Options.EventsIdleTimeout's default: three of the server's 15 s heartbeats.
const DefaultEventsIdleTimeout = 45 * time.Second

// StreamEvent is one Server-Sent Event of the change stream.
type StreamEvent struct {
	// ID is the stream position to resume after (Last-Event-ID): the last id the server sent on this connection,
	// "" while it sent none.
	ID string
	// Name is the event field: api.StreamEventChange, StreamEventReady, StreamEventResync.
	Name string
	Data string
}

// Events reads the change feed (GET /api/v1/events) after lastEventID ("" for from now on) and hands every event
// to on, in order, until the server ends the stream (nil), ctx ends, or the connection fails. A 401 is met like
// every call's: one refresh, one more attempt; a refused refresh ends the session (Options.OnExpired) and returns
// the 401. A stream on which nothing, not even a heartbeat, arrived for EventsIdleTimeout is given up as
// network.stalled. Reconnecting is the caller's (desktop/app live.go), which knows the backoff and the position.
func (c *Client) Events(ctx context.Context, lastEventID string, on func(StreamEvent)) error {
	header := map[string]string{"Accept": "text/event-stream", "Cache-Control": "no-cache"}
	if lastEventID != "" {
		header["Last-Event-ID"] = lastEventID
	}
	return c.stream(ctx, streamCall{method: http.MethodGet, path: Path("events").path, header: header,
		idle: c.opts.EventsIdleTimeout,
		sink: func(resp *http.Response, body io.Reader) error {
			// A 2xx that is not a stream (a captive portal's page, a server without the feed behind a catch-all)
			// would otherwise read as a stream that ends at once, again and again.
			if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt != "text/event-stream" {
				return &APIError{Status: resp.StatusCode, Code: api.CodeInternal,
					Message: "the server answered " + resp.Header.Get("Content-Type") + ", not an event stream"}
			}
			// go-sse parses by the specification (fields split over reads, CRLF, comments, an unfinished last
			// event discarded at the end); the connection, token and reconnects stay ours.
			for ev, err := range sse.Read(body, nil) {
				if err != nil {
					if errors.Is(err, errReadBody) {
						return networkError(err)
					}
					return &APIError{Status: resp.StatusCode, Code: api.CodeInternal, Message: "read event stream: " + err.Error()}
				}
				on(StreamEvent{ID: ev.LastEventID, Name: ev.Type, Data: ev.Data})
			}
			return nil
		}})
}
