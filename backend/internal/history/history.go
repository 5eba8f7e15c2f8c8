// Package history records every change of a record automatically, inside the transaction of the change, and
// lists it. Nothing changes or removes entries (the service's database role may only insert them).
package history

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/shared/api"
)

// Record adds an entry for a record in the caller's transaction. Under a context of an import (Imported), a
// record's creation or update is recorded as imported from the import's file instead.
func Record(ctx context.Context, tx bun.IDB, a *access.Actor, rt api.RecordType, id uuid.UUID, action api.HistoryAction, changes []api.FieldChange) error {
	source, imported := ctx.Value(sourceKey{}).(string)
	if imported && (action == api.HistoryCreated || action == api.HistoryUpdated) {
		return insert(ctx, tx, a.TenantID, &a.UserID, source, rt, []Entry{{RecordID: id, Action: api.HistoryImported, Changes: changes}})
	}
	return insert(ctx, tx, a.TenantID, &a.UserID, "", rt, []Entry{{RecordID: id, Action: action, Changes: changes}})
}

type sourceKey struct{}

// Imported is ctx for the work of a user's import from a file (its name, "Kunden.xlsx"): the records it creates
// or updates through their services get one entry each, "imported" from the file by the user (Record), as the
// import's own bulk entries do (RecordImported).
func Imported(ctx context.Context, fileName string) context.Context {
	return context.WithValue(ctx, sourceKey{}, fileName)
}

// Entry is an entry of a record for RecordAll.
type Entry struct {
	RecordID uuid.UUID
	Action   api.HistoryAction
	Changes  []api.FieldChange
}

// RecordAll adds entries of records of type rt that no user made, in one statement: actorName names who did (a
// lead source, by its name at the time, which the entries keep when the source is renamed or deleted).
func RecordAll(ctx context.Context, tx bun.IDB, tenantID uuid.UUID, rt api.RecordType, actorName string, entries []Entry) error {
	return insert(ctx, tx, tenantID, nil, actorName, rt, entries)
}

// RecordFor adds entries of records of type rt that the actor made, in one statement (an import's batch, its
// undo); source names the file an import came from ("importiert aus Kunden.xlsx"), "" none.
func RecordFor(ctx context.Context, tx bun.IDB, a *access.Actor, rt api.RecordType, source string, entries []Entry) error {
	return insert(ctx, tx, a.TenantID, &a.UserID, source, rt, entries)
}

// insert adds entries in one statement; actorID nil: no user did it; source "" none.
func insert(ctx context.Context, tx bun.IDB, tenantID uuid.UUID, actorID *uuid.UUID, source string, rt api.RecordType, entries []Entry) error {
	if len(entries) == 0 {
		return nil
	}
	ids := make([]uuid.UUID, len(entries))
	actions := make([]string, len(entries))
	changes := make([]string, len(entries))
	for i, e := range entries {
		if e.Changes == nil {
			e.Changes = []api.FieldChange{}
		}
		raw, err := json.Marshal(e.Changes)
		if err != nil {
			return err
		}
		ids[i], actions[i], changes[i] = e.RecordID, string(e.Action), string(raw)
	}
	var name *string
	if source != "" {
		name = &source
	}
	if _, err := tx.NewRaw(`INSERT INTO history (tenant_id, record_type, record_id, action, changes, actor_id, actor_name)
		SELECT ?, ?, n.id, n.action, n.changes::jsonb, ?, ? FROM unnest(?::uuid[], ?::text[], ?::text[]) AS n (id, action, changes)`,
		tenantID, rt, actorID, name, pgdialect.Array(ids), pgdialect.Array(actions), pgdialect.Array(changes)).Exec(ctx); err != nil {
		return fmt.Errorf("history: record %d entries of %s: %w", len(entries), rt, err)
	}
	return nil
}

// LinkFields are the fields that link another record, in every record type's history: their values are stored as
// that record's ID (never its name, which may change and which not every reader may see) and named when read.
var LinkFields = map[string]api.RecordType{"person": api.RecordPerson, "organization": api.RecordOrganization}

// Link is the change of a link field from one record to another (nil: none).
func Link(field string, old, new *uuid.UUID) api.FieldChange {
	c := api.FieldChange{Field: field, RecordType: LinkFields[field]}
	if old != nil {
		c.Old = old.String()
	}
	if new != nil {
		c.New = new.String()
	}
	return c
}

// NameFunc gives the names of the records of type rt among ids that the reader may see (record.Names).
type NameFunc func(ctx context.Context, tx bun.IDB, rt api.RecordType, ids []uuid.UUID) (map[uuid.UUID]string, error)

// List returns a record's history, newest first, with linked records named by names (hidden ones as a
// placeholder). The caller has checked that the actor may see the record.
func List(ctx context.Context, tx bun.IDB, rt api.RecordType, id uuid.UUID, names NameFunc) ([]api.HistoryEntry, error) {
	var rows []struct {
		ID        int64           `bun:"id"`
		Action    string          `bun:"action"`
		Changes   json.RawMessage `bun:"changes"`
		ActorID   *uuid.UUID      `bun:"actor_id"`
		ActorName string          `bun:"actor_name"`
		Source    *string         `bun:"source"`
		At        time.Time       `bun:"at"`
	}
	if err := tx.NewRaw(`SELECT h.id, h.action, h.changes, h.actor_id, coalesce(u.name, h.actor_name, '') AS actor_name, h.actor_name AS source, h.at
		FROM history AS h LEFT JOIN users AS u ON u.id = h.actor_id
		WHERE h.record_type = ? AND h.record_id = ? ORDER BY h.id DESC LIMIT 500`, rt, id).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("history: list %s %s: %w", rt, id, err)
	}
	out := make([]api.HistoryEntry, len(rows))
	for i, r := range rows {
		e := api.HistoryEntry{ID: strconv.FormatInt(r.ID, 10), Action: api.HistoryAction(r.Action), ActorName: r.ActorName, At: r.At}
		if r.ActorID != nil {
			e.ActorID = r.ActorID.String()
		}
		if r.Source != nil && e.Action == api.HistoryImported {
			e.Source = *r.Source
		}
		if err := json.Unmarshal(r.Changes, &e.Changes); err != nil {
			return nil, fmt.Errorf("history: entry %d: %w", r.ID, err)
		}
		out[i] = e
	}
	return out, nameLinks(ctx, tx, out, names)
}

// nameLinks replaces the IDs of link changes by the names the reader may see.
func nameLinks(ctx context.Context, tx bun.IDB, entries []api.HistoryEntry, names NameFunc) error {
	ids := map[api.RecordType][]uuid.UUID{}
	for _, e := range entries {
		for _, c := range e.Changes {
			if c.RecordType == "" {
				continue
			}
			for _, v := range []string{c.Old, c.New} {
				if id, err := uuid.Parse(v); err == nil {
					ids[c.RecordType] = append(ids[c.RecordType], id)
				}
			}
		}
	}
	named := map[api.RecordType]map[uuid.UUID]string{}
	for rt, list := range ids {
		m, err := names(ctx, tx, rt, list)
		if err != nil {
			return err
		}
		named[rt] = m
	}
	name := func(rt api.RecordType, v string) (string, bool) {
		if v == "" {
			return "", false
		}
		id, err := uuid.Parse(v)
		if err != nil {
			return "", true
		}
		n, ok := named[rt][id]
		return n, !ok
	}
	for i := range entries {
		for j := range entries[i].Changes {
			c := &entries[i].Changes[j]
			if c.RecordType == "" {
				continue
			}
			c.Old, c.OldHidden = name(c.RecordType, c.Old)
			c.New, c.NewHidden = name(c.RecordType, c.New)
		}
	}
	return nil
}

// Snapshot is a record's fields as display-neutral text, by stable field name.
type Snapshot map[string]string

// Diff lists the fields that differ between two snapshots, in the order of fields and then custom fields by
// their order in labels; labels names custom fields ("custom.<id>" -> label).
// The values of LinkFields are record IDs.
func Diff(before, after Snapshot, fields []string, custom []CustomLabel) []api.FieldChange {
	var out []api.FieldChange
	for _, f := range fields {
		if before[f] != after[f] {
			out = append(out, api.FieldChange{Field: f, Old: before[f], New: after[f], RecordType: LinkFields[f]})
		}
	}
	for _, c := range custom {
		key := "custom." + c.ID
		if before[key] != after[key] {
			out = append(out, api.FieldChange{Field: key, Label: c.Label, Old: before[key], New: after[key]})
		}
	}
	return out
}

// Created lists the non-empty fields of a new record as changes from nothing.
func Created(after Snapshot, fields []string, custom []CustomLabel) []api.FieldChange {
	return Diff(Snapshot{}, after, fields, custom)
}

// CustomLabel names a custom field for the history.
type CustomLabel struct{ ID, Label string }
