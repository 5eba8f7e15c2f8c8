package feed

import (
	"context"
	"errors"
	"testing"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/shared/api"
)

// TestAnEventReadWithoutDetailsIsNeverHandedOut: the hub reads the events of tenants without subscriptions on its
// instance without their details. When a tenant subscribes while such a batch is read, dispatch refuses the batch
// before it changes anything (the hub reads it again with the tenant's details), so that the new subscription
// neither gets an empty event nor misses one; the events of tenants nobody listens to only move the position.
func TestAnEventReadWithoutDetailsIsNeverHandedOut(t *testing.T) {
	listening, quiet, owner := uuid.New(), uuid.New(), uuid.New()
	h := NewHub(nil, nil)
	sub := &Sub{tenant: listening, out: make(chan *Delivery, 4), recheck: make(chan struct{}, 1), dropped: make(chan struct{})}
	sub.SetActor(access.NewActor(listening, owner, uuid.New(), uuid.New(), uuid.New(), nil, false,
		[]api.Grant{{RecordType: api.RecordPerson, Action: api.ActionView, Scope: api.ScopeOwn}}))
	h.tenants[listening] = &tenantSubs{subs: map[*Sub]struct{}{sub: {}}, units: units{}}
	record := uuid.New()
	event := func(id int64, tenant uuid.UUID, detailed bool) Event {
		e := Event{Pos: Position{Xid: 10, ID: id}, ID: id, TenantID: tenant, Final: true, Detailed: detailed}
		if detailed {
			e.Topic, e.Change, e.RecordID, e.OwnerID = api.TopicPerson, api.ChangeUpdated, &record, &owner
		}
		return e
	}

	stale := []Event{event(1, quiet, false), event(2, listening, false)}
	if err := h.dispatch(context.Background(), stale); !errors.Is(err, errUndetailed) {
		t.Fatalf("a batch with an undetailed event of a subscribed tenant: %v", err)
	}
	if h.pos != (Position{}) || len(sub.out) != 0 {
		t.Fatalf("the refused batch moved the position to %v or handed out %d events", h.pos, len(sub.out))
	}

	fresh := []Event{event(1, quiet, false), event(2, listening, true), event(3, quiet, false)}
	if err := h.dispatch(context.Background(), fresh); err != nil {
		t.Fatal(err)
	}
	if h.pos != fresh[2].Pos {
		t.Fatalf("position %v, want %v", h.pos, fresh[2].Pos)
	}
	if len(sub.out) != 1 {
		t.Fatalf("%d deliveries, want the subscribed tenant's one", len(sub.out))
	}
	if d := <-sub.out; d.Pos != fresh[1].Pos {
		t.Fatalf("delivered %v", d.Pos)
	}
}
