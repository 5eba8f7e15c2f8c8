package client_test

import (
	"context"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// collect runs Events on c after last and returns what it handed over and how it ended.
func collect(t *testing.T, c *client.Client, last string) ([]client.StreamEvent, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	var got []client.StreamEvent
	err := c.Events(ctx, last, func(ev client.StreamEvent) { got = append(got, ev) })
	return got, err
}

func TestEventsSendsThePositionAndParsesTheStreamBySpecification(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
		// Heartbeat comments, CRLF line ends, a field split over two writes, data over two lines, an event
		// without an id (it keeps the last one) and an unfinished one at the end, which is discarded.
		for _, part := range []string{
			"retry: 2000\n\n: ping\n\n",
			"event: change\r\nid: 41\r\ndata: {\"id\":\"41\",",
			"\"topic\":\"deal\"}\r\n\r\n",
			"event: ready\nid: 42\ndata: {\"id\":\"42\"}\n\n",
			"event: change\ndata: a\ndata: b\n\n",
			"event: change\nid: 43\ndata: cut off",
		} {
			_, _ = w.Write([]byte(part))
			w.(http.Flusher).Flush()
		}
	})
	c := newClient(s, client.Options{})
	got, err := collect(t, c, "40")
	if err != nil {
		t.Fatalf("Events: %v", err)
	}
	want := []client.StreamEvent{
		{ID: "41", Name: api.StreamEventChange, Data: `{"id":"41","topic":"deal"}`},
		{ID: "42", Name: api.StreamEventReady, Data: `{"id":"42"}`},
		{ID: "42", Name: api.StreamEventChange, Data: "a\nb"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("events\n got %q\nwant %q", got, want)
	}
	req := s.requests()[0]
	if req.method != "GET" || req.path != "/api/v1/events" || req.header.Get("Last-Event-ID") != "40" ||
		req.header.Get("Accept") != "text/event-stream" {
		t.Errorf("sent %s %s Last-Event-ID %q Accept %q, want GET /api/v1/events, 40, text/event-stream",
			req.method, req.path, req.header.Get("Last-Event-ID"), req.header.Get("Accept"))
	}
}

func TestEventsFromNowSendsNoPosition(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		w.Header().Set("Content-Type", "text/event-stream")
	})
	if _, err := collect(t, newClient(s, client.Options{}), ""); err != nil {
		t.Fatalf("Events: %v", err)
	}
	if h := s.requests()[0].header; len(h.Values("Last-Event-ID")) != 0 {
		t.Errorf("Last-Event-ID %q sent without a position", h.Values("Last-Event-ID"))
	}
}

func TestEventsRefusesAnAnswerThatIsNoStream(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		writeJSON(w, 200, map[string]string{"hello": "portal"})
	})
	_, err := collect(t, newClient(s, client.Options{}), "")
	if ae, ok := client.AsAPIError(err); !ok || ae.Code != api.CodeInternal {
		t.Fatalf("err %v, want an internal APIError", err)
	}
}

func TestEventsErrorAnswersArriveAsAPIErrors(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		writeErr(w, 422, api.CodeValidation, map[string]api.FieldCode{"lastEventId": api.FieldInvalid})
	})
	_, err := collect(t, newClient(s, client.Options{}), "x")
	ae, ok := client.AsAPIError(err)
	if !ok || ae.Status != 422 || ae.Fields["lastEventId"] != api.FieldInvalid {
		t.Fatalf("err %v, want the 422 with the field lastEventId", err)
	}
}

func TestSilentStreamIsGivenUp(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = w.Write([]byte(": ping\n\n"))
		w.(http.Flusher).Flush()
		<-r.Context().Done() // no heartbeat any more: a dead line
	})
	start := time.Now()
	_, err := collect(t, newClient(s, client.Options{EventsIdleTimeout: 50 * time.Millisecond}), "")
	if ae, ok := client.AsAPIError(err); !ok || ae.Code != api.CodeTransferStalled {
		t.Fatalf("err %v, want network.stalled", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("gave up after %v, want about the idle timeout", took)
	}
}

func TestDroppedStreamIsANetworkError(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = w.Write([]byte("event: change\nid: 1\ndata: {}\n\nevent: change\nid: 2\n"))
		w.(http.Flusher).Flush()
		dropConnection(t, w)
	})
	got, err := collect(t, newClient(s, client.Options{}), "")
	if !client.IsNetwork(err) {
		t.Fatalf("err %v, want network.unreachable", err)
	}
	if len(got) != 1 || got[0].ID != "1" {
		t.Errorf("events %q, want the one complete event", got)
	}
}
