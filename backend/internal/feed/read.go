package feed

import (
	"context"
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
	Pos        Position        `bun:"-"`
	Xid        string          `bun:"xid"`
	ID         int64           `bun:"id"`
	TenantID   uuid.UUID       `bun:"tenant_id"`
	Topic      api.ChangeTopic `bun:"topic"`
	RecordID   *uuid.UUID      `bun:"record_id"`
	Change     api.ChangeKind  `bun:"change"`
	Version    *int64          `bun:"version"`
	ActorID    *uuid.UUID      `bun:"actor_id"`
	OwnerID    *uuid.UUID      `bun:"owner_id"`
	OldOwnerID *uuid.UUID      `bun:"old_owner_id"`
	ParentType *api.RecordType `bun:"parent_type"`
	ParentID   *uuid.UUID      `bun:"parent_id"`
	State      *string         `bun:"state"`
	OldState   *string         `bun:"old_state"`
	At         time.Time       `bun:"at"`
	// Final: no event before this one can commit any more (its transaction is older than every running one).
	Final bool `bun:"final"`
	// Detailed: the event came with every column; the hub reads the events of tenants without a subscription on
	// its instance with their position, tenant and finality alone (see read).
	Detailed bool `bun:"detailed"`
}

// eventColumns are the columns of change_events an event is read with whole (xid as text: the driver has no type
// for xid8).
var eventColumns = "xid::text AS xid, id, tenant_id, true AS detailed, " + strings.Join(detailColumns, ", ")

func (e *Event) parse() error {
	xid, err := strconv.ParseUint(e.Xid, 10, 64)
	if err != nil {
		return fmt.Errorf("feed: event %d: xid %q: %w", e.ID, e.Xid, err)
	}
	e.Pos = Position{Xid: xid, ID: e.ID}
	return nil
}

// Read reads at most limit (up to 5000) committed events of every tenant after from, in (xid, id) order, through
// the owner-run change_events_after, on idb (the pool, or a reader's transaction). The events that are not final
// yet come too: the hub hands them out at once; a reader that keeps a position of its own passes only the final
// ones (Final).
func Read(ctx context.Context, idb bun.IDB, from Position, limit int) ([]Event, error) {
	return read(ctx, idb, from, limit, true, nil)
}

// detailColumns are the columns of an event beyond its position, tenant and finality.
var detailColumns = []string{"topic", "record_id", "change", "version", "actor_id", "owner_id", "old_owner_id",
	"parent_type", "parent_id", "state", "old_state", "at"}

// detailedRead is the statement of read: the details of an event only where e.detailed.
var detailedRead = func() string {
	var b strings.Builder
	b.WriteString("SELECT e.xid::text AS xid, e.id, e.tenant_id, e.final, e.detailed")
	for _, c := range detailColumns {
		fmt.Fprintf(&b, ", CASE WHEN e.detailed THEN e.%s END AS %s", c, c)
	}
	b.WriteString(` FROM (SELECT c.*, (?::boolean OR c.tenant_id = ANY(?::uuid[])) AS detailed
		FROM change_events_after(?::xid8, ?, ?) AS c) AS e`)
	return b.String()
}()

// read reads as Read does; unless all, only the events of tenants come with their details: the others, which
// no subscription of the hub's instance may see, with the position, tenant and finality that move the hub's
// position (decoding every column of every tenant's events was most of an instance's work under a lead
// delivery of 500 new leads).
func read(ctx context.Context, idb bun.IDB, from Position, limit int, all bool, tenants []uuid.UUID) ([]Event, error) {
	var rows []Event
	if err := idb.NewRaw(detailedRead, all, pgdialect.Array(tenants), strconv.FormatUint(from.Xid, 10), from.ID,
		limit).Scan(ctx, &rows); err != nil && !db.IsNoRows(err) {
		return nil, fmt.Errorf("feed: read after %s: %w", from, err)
	}
	for i := range rows {
		if err := rows[i].parse(); err != nil {
			return nil, err
		}
	}
	return rows, nil
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
	e := Event{Xid: row.Xid, ID: row.ID}
	if err := e.parse(); err != nil {
		return Position{}, false, err
	}
	return e.Pos, true, nil
}
