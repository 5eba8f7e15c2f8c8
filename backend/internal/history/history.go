// Package history records every change of a record automatically, inside the transaction of the change, and
// lists it. Nothing changes or removes entries (the service's database role may only insert them).
package history

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/shared/api"
)

// Record adds an entry for a record in the caller's transaction. Its fields must be custom fields or among
// api.HistoryFields of rt (what the UI has labels and formats for); any other is refused. Under a context of an
// import (Imported), a record's creation or update is recorded as imported from the import's file instead.
func Record(ctx context.Context, tx bun.IDB, a *access.Actor, rt api.RecordType, id uuid.UUID, action api.HistoryAction, changes []api.FieldChange) error {
	return record(ctx, tx, a, rt, id, action, storedChanges(changes))
}

func record(ctx context.Context, tx bun.IDB, a *access.Actor, rt api.RecordType, id uuid.UUID, action api.HistoryAction, changes []storedChange) error {
	q, err := entry(ctx, tx, a, rt, id, action, changes, "")
	if err != nil {
		return err
	}
	if _, err := q.Exec(ctx); err != nil {
		return fmt.Errorf("history: record %s of %s: %w", action, rt, err)
	}
	return nil
}

// Insert is the statement of the entry Record adds, for a caller that adds it in the statement of the change it
// records, as a data-modifying CTE beside it (record.Store.Update: the UPDATE and its entry in one round trip). The
// entry is added only if the CTE named after returns a row, that is only with the change.
func Insert(ctx context.Context, tx bun.IDB, a *access.Actor, rt api.RecordType, id uuid.UUID, action api.HistoryAction,
	changes []api.FieldChange, after string) (*bun.RawQuery, error) {
	return entry(ctx, tx, a, rt, id, action, storedChanges(changes), after)
}

// entry is the statement of a user's entry; under a context of an import (Imported), a creation or update is
// recorded as imported from the import's file.
func entry(ctx context.Context, tx bun.IDB, a *access.Actor, rt api.RecordType, id uuid.UUID, action api.HistoryAction,
	changes []storedChange, after string) (*bun.RawQuery, error) {
	source, imported := ctx.Value(sourceKey{}).(string)
	if !imported || (action != api.HistoryCreated && action != api.HistoryUpdated) {
		source = ""
	} else {
		action = api.HistoryImported
	}
	return insertQuery(tx, a.TenantID, &a.UserID, source, rt, []storedEntry{{RecordID: id, Action: action, Changes: changes}}, after)
}

type sourceKey struct{}

// Imported is ctx for the work of a user's import from a file (its name, "Kunden.xlsx"): the records it creates
// or updates through their services get one entry each, "imported" from the file by the user (Record), as the
// import's own bulk entries do (RecordFor).
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
	return insert(ctx, tx, tenantID, nil, actorName, rt, storedEntries(entries))
}

// RecordFor adds entries of records of type rt that the actor made, in one statement (an import's batch, its
// undo); source names the file an import came from ("importiert aus Kunden.xlsx"), "" none.
func RecordFor(ctx context.Context, tx bun.IDB, a *access.Actor, rt api.RecordType, source string, entries []Entry) error {
	return insert(ctx, tx, a.TenantID, &a.UserID, source, rt, storedEntries(entries))
}

// storedEntry is an Entry with its changes as the table keeps them.
type storedEntry struct {
	RecordID uuid.UUID
	Action   api.HistoryAction
	Changes  []storedChange
}

func storedEntries(entries []Entry) []storedEntry {
	out := make([]storedEntry, len(entries))
	for i, e := range entries {
		out[i] = storedEntry{RecordID: e.RecordID, Action: e.Action, Changes: storedChanges(e.Changes)}
	}
	return out
}

func storedChanges(changes []api.FieldChange) []storedChange {
	out := make([]storedChange, len(changes))
	for i, c := range changes {
		out[i] = storedChange{FieldChange: c}
	}
	return out
}

// insert adds entries in one statement; actorID nil: no user did it; source "" none.
func insert(ctx context.Context, tx bun.IDB, tenantID uuid.UUID, actorID *uuid.UUID, source string, rt api.RecordType, entries []storedEntry) error {
	if len(entries) == 0 {
		return nil
	}
	q, err := insertQuery(tx, tenantID, actorID, source, rt, entries, "")
	if err != nil {
		return err
	}
	if _, err := q.Exec(ctx); err != nil {
		return fmt.Errorf("history: record %d entries of %s: %w", len(entries), rt, err)
	}
	return nil
}

// insertQuery is the statement that adds entries; with after (not "") only if the CTE of that name, in the
// statement the caller makes of it, returns a row.
func insertQuery(tx bun.IDB, tenantID uuid.UUID, actorID *uuid.UUID, source string, rt api.RecordType, entries []storedEntry, after string) (*bun.RawQuery, error) {
	ids := make([]uuid.UUID, len(entries))
	actions := make([]string, len(entries))
	changes := make([]string, len(entries))
	for i, e := range entries {
		if err := listed(rt, e.Changes); err != nil {
			return nil, err
		}
		raw, err := json.Marshal(e.Changes)
		if err != nil {
			return nil, err
		}
		ids[i], actions[i], changes[i] = e.RecordID, string(e.Action), string(raw)
	}
	var name *string
	if source != "" {
		name = &source
	}
	only := bun.SafeQuery("")
	if after != "" {
		only = bun.SafeQuery("WHERE EXISTS (SELECT FROM ?)", bun.Ident(after))
	}
	return tx.NewRaw(`INSERT INTO history (tenant_id, record_type, record_id, action, changes, actor_id, actor_name)
		SELECT ?, ?, n.id, n.action, n.changes::jsonb, ?, ? FROM unnest(?::uuid[], ?::text[], ?::text[]) AS n (id, action, changes) ?`,
		tenantID, rt, actorID, name, pgdialect.Array(ids), pgdialect.Array(actions), pgdialect.Array(changes), only), nil
}

// listed refuses a change of a field the record type's history does not list (api.HistoryFields).
func listed(rt api.RecordType, changes []storedChange) error {
	for _, c := range changes {
		if !strings.HasPrefix(c.Field, "custom.") && !slices.Contains(api.HistoryFields[rt], api.HistoryField(c.Field)) {
			return fmt.Errorf("history: %s has no history field %q (api.HistoryFields)", rt, c.Field)
		}
	}
	return nil
}

// storedChange is a change as the history table keeps it: for an activity's title also the activity and the
// assignee it had, by which a reader is shown the title or not. Neither is ever sent.
type storedChange struct {
	api.FieldChange
	ActivityID *uuid.UUID `json:"activityId,omitempty"`
	AssigneeID *uuid.UUID `json:"assigneeId,omitempty"`
}

// LinkFields are the fields that link another record, in every record type's history: their values are stored as
// that record's ID (never its name, which may change and which not every reader may see) and named when read.
var LinkFields = map[string]api.RecordType{"person": api.RecordPerson, "organization": api.RecordOrganization,
	"deal": api.RecordDeal}

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

// Reader is what the reader of a history may see: the names of linked records, and the activities whose titles
// they may read (ActivityTitles).
type Reader struct {
	Names NameFunc
	// Activities answers which of the activities (ID -> the assignee the entry recorded) the reader may see.
	Activities func(ctx context.Context, tx bun.IDB, assignees map[uuid.UUID]uuid.UUID) (map[uuid.UUID]bool, error)
}

// List returns a record's history, newest first, with linked records named as the reader may see them (hidden
// ones as a placeholder) and activities' titles only for a reader who may see the activity. The caller has
// checked that the reader may see the record.
func List(ctx context.Context, tx bun.IDB, rt api.RecordType, id uuid.UUID, reader Reader) ([]api.HistoryEntry, error) {
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
	stored := make([][]storedChange, len(rows))
	for i, r := range rows {
		e := api.HistoryEntry{ID: strconv.FormatInt(r.ID, 10), Action: api.HistoryAction(r.Action), ActorName: r.ActorName, At: r.At}
		if r.ActorID != nil {
			e.ActorID = r.ActorID.String()
		}
		if r.Source != nil && e.Action == api.HistoryImported {
			e.Source = *r.Source
		}
		if err := json.Unmarshal(r.Changes, &stored[i]); err != nil {
			return nil, fmt.Errorf("history: entry %d: %w", r.ID, err)
		}
		e.Changes = make([]api.FieldChange, len(stored[i]))
		for j, c := range stored[i] {
			e.Changes[j] = c.FieldChange
		}
		out[i] = e
	}
	if err := hideActivities(ctx, tx, out, stored, reader.Activities); err != nil {
		return nil, err
	}
	return out, nameLinks(ctx, tx, out, reader.Names)
}

// hideActivities empties the titles of the activities the reader may not see (NewHidden).
func hideActivities(ctx context.Context, tx bun.IDB, entries []api.HistoryEntry, stored [][]storedChange,
	visible func(context.Context, bun.IDB, map[uuid.UUID]uuid.UUID) (map[uuid.UUID]bool, error)) error {
	assignees := map[uuid.UUID]uuid.UUID{}
	for _, changes := range stored {
		for _, c := range changes {
			if c.ActivityID != nil && c.AssigneeID != nil {
				assignees[*c.ActivityID] = *c.AssigneeID
			}
		}
	}
	if len(assignees) == 0 {
		return nil
	}
	seen, err := visible(ctx, tx, assignees)
	if err != nil {
		return err
	}
	for i, changes := range stored {
		for j, c := range changes {
			if c.Field == string(api.HistoryActivity) && (c.ActivityID == nil || !seen[*c.ActivityID]) {
				entries[i].Changes[j].New, entries[i].Changes[j].NewHidden = "", true
			}
		}
	}
	return nil
}

// ActivityTitles is Reader.Activities for an actor: an activity that still exists is seen by whoever may see it
// now (its assignee's records, the one scoping rule of activities), a deleted one by whoever may see the activities
// of the assignee the entry recorded.
func ActivityTitles(a *access.Actor) func(context.Context, bun.IDB, map[uuid.UUID]uuid.UUID) (map[uuid.UUID]bool, error) {
	return func(ctx context.Context, tx bun.IDB, assignees map[uuid.UUID]uuid.UUID) (map[uuid.UUID]bool, error) {
		ids, owners := make([]uuid.UUID, 0, len(assignees)), make([]uuid.UUID, 0, len(assignees))
		for id, owner := range assignees {
			ids, owners = append(ids, id), append(owners, owner)
		}
		var seen []uuid.UUID
		q := tx.NewSelect().TableExpr(`(SELECT r.id, coalesce(ac.assignee_id, r.assignee) AS assignee
			FROM unnest(?::uuid[], ?::uuid[]) AS r (id, assignee) LEFT JOIN activities AS ac ON ac.id = r.id) AS v`,
			pgdialect.Array(ids), pgdialect.Array(owners)).Column("v.id")
		a.Restrict(q.QueryBuilder(), api.RecordActivity, api.ActionView, "v.assignee")
		if err := q.Scan(ctx, &seen); err != nil {
			return nil, fmt.Errorf("history: activities seen: %w", err)
		}
		out := make(map[uuid.UUID]bool, len(seen))
		for _, id := range seen {
			out[id] = true
		}
		return out, nil
	}
}

// Activity is an activity as the histories of its records name it.
type Activity struct {
	ID, AssigneeID  uuid.UUID
	Title, TypeName string
	DueAt           time.Time
}

// RecordActivity adds the entry of what happened to an activity (planned, done, reopened, deleted) to the
// history of each record it links.
func RecordActivity(ctx context.Context, tx bun.IDB, a *access.Actor, action api.HistoryAction, x Activity, records map[api.RecordType]uuid.UUID) error {
	changes := []storedChange{
		{FieldChange: api.FieldChange{Field: string(api.HistoryActivity), New: x.Title}, ActivityID: &x.ID, AssigneeID: &x.AssigneeID},
		{FieldChange: api.FieldChange{Field: string(api.HistoryActivityType), New: x.TypeName}},
		{FieldChange: api.FieldChange{Field: string(api.HistoryActivityDue), New: x.DueAt.UTC().Format(time.RFC3339)}},
	}
	for _, rt := range api.AllRecordTypes {
		if id, ok := records[rt]; ok {
			if err := record(ctx, tx, a, rt, id, action, changes); err != nil {
				return err
			}
		}
	}
	return nil
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

// Diff lists the fields that differ between two snapshots, in the order of fields (api.HistoryFields of the
// record's type) and then custom fields by their order in labels; labels names custom fields ("custom.<id>" ->
// label). The values of LinkFields are record IDs.
func Diff[F ~string](before, after Snapshot, fields []F, custom []CustomLabel) []api.FieldChange {
	var out []api.FieldChange
	for _, field := range fields {
		f := string(field)
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
func Created[F ~string](after Snapshot, fields []F, custom []CustomLabel) []api.FieldChange {
	return Diff(Snapshot{}, after, fields, custom)
}

// CustomLabel names a custom field for the history.
type CustomLabel struct{ ID, Label string }
