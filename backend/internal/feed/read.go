package feed

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/shared/api"
)

// Event is a row of change_events as the feed's readers take it: the hub that fans events out to the streams, the
// stream that replays what a client missed, and the notification worker.
type Event struct {
	Pos      Position  `json:"-"`
	Xid      string    `json:"-"` // as text: the driver has no type for xid8
	ID       int64     `json:"-"`
	TenantID uuid.UUID `json:"-"`
	// Final: no event before this one can commit any more (its transaction is older than every running one).
	Final bool `json:"-"`
	// Detailed: the event came with its details (below); the hub reads the events of tenants without a
	// subscription on its instance with their position, tenant and finality alone (see read).
	Detailed bool `json:"-"`

	Topic      api.ChangeTopic `json:"topic"`
	RecordID   *uuid.UUID      `json:"record_id"`
	Change     api.ChangeKind  `json:"change"`
	Version    *int64          `json:"version"`
	ActorID    *uuid.UUID      `json:"actor_id"`
	OwnerID    *uuid.UUID      `json:"owner_id"`
	OldOwnerID *uuid.UUID      `json:"old_owner_id"`
	ParentType *api.RecordType `json:"parent_type"`
	ParentID   *uuid.UUID      `json:"parent_id"`
	State      *string         `json:"state"`
	OldState   *string         `json:"old_state"`
	At         time.Time       `json:"at"`
}

// detailColumns are the columns of an event beyond its position, tenant and finality, as Event's JSON names them.
var detailColumns = []string{"topic", "record_id", "change", "version", "actor_id", "owner_id", "old_owner_id",
	"parent_type", "parent_id", "state", "old_state", "at"}

// eventSelect selects an event from a row e of change_events that has a column final, with its details (one JSON
// object) where the condition detailed holds.
func eventSelect(detailed string) string {
	var b strings.Builder
	b.WriteString("SELECT e.xid::text, e.id, e.tenant_id, e.final, CASE WHEN " + detailed + " THEN json_build_object(")
	for i, c := range detailColumns {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "'%s', e.%s", c, c)
	}
	b.WriteString(") END")
	return b.String()
}

// queryEvents runs a statement made with eventSelect and reads its events. It scans with database/sql, not bun's
// reflection: every backend instance's hub reads every tenant's events, and bun's column lookup and conversion
// per column and row was most of an instance's work while a lead delivery inserted 500 leads.
func queryEvents(ctx context.Context, idb bun.IDB, query string, args ...any) ([]Event, error) {
	rows, err := idb.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	var detail []byte
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.Xid, &e.ID, &e.TenantID, &e.Final, &detail); err != nil {
			return nil, err
		}
		if e.Pos, err = positionOf(e.Xid, e.ID); err != nil {
			return nil, err
		}
		if detail != nil {
			if err := json.Unmarshal(detail, &e); err != nil {
				return nil, fmt.Errorf("feed: event %d: %w", e.ID, err)
			}
			e.Detailed = true
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// positionOf is the position of an event from its xid as text.
func positionOf(xid string, id int64) (Position, error) {
	x, err := strconv.ParseUint(xid, 10, 64)
	if err != nil {
		return Position{}, fmt.Errorf("feed: event %d: xid %q: %w", id, xid, err)
	}
	return Position{Xid: x, ID: id}, nil
}

// Read reads at most limit (up to 5000) committed events of every tenant after from, in (xid, id) order, through
// the owner-run change_events_after, on idb (the pool, or a reader's transaction). The events that are not final
// yet come too: the hub hands them out at once; a reader that keeps a position of its own passes only the final
// ones (Final).
func Read(ctx context.Context, idb bun.IDB, from Position, limit int) ([]Event, error) {
	return read(ctx, idb, from, limit, true, nil)
}

// readQuery is the statement of read.
var readQuery = eventSelect("? OR e.tenant_id = ANY(?::uuid[])") +
	" FROM change_events_after(?::xid8, ?, ?) AS e ORDER BY e.xid, e.id"

// read reads as Read does; unless all, only the events of tenants come with their details: the others, which
// no subscription of the hub's instance may see, with the position, tenant and finality that move the hub's
// position.
func read(ctx context.Context, idb bun.IDB, from Position, limit int, all bool, tenants []uuid.UUID) ([]Event, error) {
	evs, err := queryEvents(ctx, idb, readQuery, all, pgdialect.Array(tenants), strconv.FormatUint(from.Xid, 10),
		from.ID, limit)
	if err != nil {
		return nil, fmt.Errorf("feed: read after %s: %w", from, err)
	}
	return evs, nil
}

// Final returns the final events that lead evs (as Read returns them): a position may move over them and no
// further, since an event of an older transaction may still commit before the first one that is not final.
func Final(evs []Event) []Event {
	for i := range evs {
		if !evs[i].Final {
			return evs[:i]
		}
	}
	return evs
}

// ReadPosition reads a position with query, which answers the columns xid (as text) and id; ok is false when it
// answers no row.
func ReadPosition(ctx context.Context, idb bun.IDB, query string, args ...any) (pos Position, ok bool, err error) {
	var row struct {
		Xid string `bun:"xid"`
		ID  int64  `bun:"id"`
	}
	err = idb.NewRaw(query, args...).Scan(ctx, &row)
	if db.IsNoRows(err) {
		return Position{}, false, nil
	}
	if err != nil {
		return Position{}, false, err
	}
	pos, err = positionOf(row.Xid, row.ID)
	return pos, err == nil, err
}
