package record

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// Owner resolves the owner a create or an owner change asks for ("" = the actor) and checks that the actor may
// give the record to that user: an active user of the tenant within the actor's scope for action.
func Owner(ctx context.Context, tx bun.IDB, a *access.Actor, rt api.RecordType, action api.Action, raw string, v *httpx.Validation) uuid.UUID {
	return OwnerField(ctx, tx, a, rt, action, raw, "ownerId", v)
}

// OwnerField is Owner for an owner sent in another field (an activity's assigneeId).
func OwnerField(ctx context.Context, tx bun.IDB, a *access.Actor, rt api.RecordType, action api.Action, raw, field string, v *httpx.Validation) uuid.UUID {
	id, _ := owner(ctx, tx, a, rt, action, raw, field, v)
	return id
}

// ChangeOwner applies the owner an edit asks for (raw, as Owner takes it) to the record's row: the owner, checked
// as Owner checks it, and when it changed its name (for the history and the answer), read with the check.
func (r *Row) ChangeOwner(ctx context.Context, tx bun.IDB, a *access.Actor, rt api.RecordType, raw string, v *httpx.Validation) {
	id, name := owner(ctx, tx, a, rt, api.ActionEdit, raw, "ownerId", v)
	if id == r.OwnerID {
		return
	}
	r.OwnerID = id
	switch {
	case name != nil:
		r.OwnerName = *name
	case id != uuid.Nil:
		r.OwnerName = UserName(ctx, tx, id)
	}
}

// owner is OwnerField with the user's name when it looked the user up (nil: the actor, or no such user).
func owner(ctx context.Context, tx bun.IDB, a *access.Actor, rt api.RecordType, action api.Action, raw, field string, v *httpx.Validation) (uuid.UUID, *string) {
	if strings.TrimSpace(raw) == "" {
		if !a.Allows(rt, action, a.UserID, a.UnitID) {
			v.Field(field, api.FieldForbidden)
		}
		return a.UserID, nil
	}
	id, err := uuid.Parse(raw)
	if err != nil {
		v.Field(field, api.FieldInvalid)
		return uuid.Nil, nil
	}
	var user struct {
		Unit uuid.UUID `bun:"unit_id"`
		Name string    `bun:"name"`
	}
	if err := tx.NewRaw("SELECT unit_id, name FROM users WHERE id = ? AND active", id).Scan(ctx, &user); err != nil {
		v.Field(field, api.FieldNotFound)
		return uuid.Nil, nil
	}
	if !a.Allows(rt, action, id, user.Unit) {
		v.Field(field, api.FieldForbidden)
	}
	return id, &user.Name
}

// UserName returns a user's name for history entries ("" when unknown).
func UserName(ctx context.Context, tx bun.IDB, id uuid.UUID) string {
	var name string
	_ = tx.NewRaw("SELECT name FROM users WHERE id = ?", id).Scan(ctx, &name)
	return name
}

// Trash moves a live record the actor may delete to the trash, checking its version, and records it.
func Trash(ctx context.Context, tx bun.IDB, a *access.Actor, k Kind, id uuid.UUID, version int64) error {
	ref, err := Check(ctx, tx, a, k, id, api.ActionDelete)
	if err != nil {
		return err
	}
	res, err := tx.NewRaw("UPDATE ? SET deleted_at = now(), deleted_by = ?, version = version + 1 WHERE id = ? AND version = ? AND deleted_at IS NULL",
		bun.Ident(k.Table), a.UserID, ref.ID, version).Exec(ctx)
	if err != nil {
		return fmt.Errorf("record: trash %s %s: %w", k.Type, id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return httpx.ErrVersionMismatch
	}
	return history.Record(ctx, tx, a, k.Type, id, api.HistoryDeleted, nil)
}

// Restore brings a record back from the trash (within 30 days), with its links, notes and history; the actor
// needs the delete right on it.
func Restore(ctx context.Context, tx bun.IDB, a *access.Actor, k Kind, id uuid.UUID) error {
	q := tx.NewUpdate().TableExpr("? AS ?", bun.Ident(k.Table), bun.Ident(k.Alias)).
		Set("deleted_at = NULL, deleted_by = NULL, version = version + 1, updated_at = now()").
		Where("?.id = ?", bun.Ident(k.Alias), id).Where("?.deleted_at IS NOT NULL", bun.Ident(k.Alias))
	a.Restrict(q.QueryBuilder(), k.Type, api.ActionDelete, k.OwnerColumn())
	res, err := q.Exec(ctx)
	if err != nil {
		return fmt.Errorf("record: restore %s %s: %w", k.Type, id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return httpx.ErrNotFound
	}
	return history.Record(ctx, tx, a, k.Type, id, api.HistoryRestored, nil)
}

// RebuildSearchText recomputes the stored search text of every row of a kind's table, across tenants, in batches
// (a migration that changes what search texts hold): the schema owner runs it, text gives a loaded row's search
// text and id its ID. It reports how many rows changed.
func RebuildSearchText[T any](ctx context.Context, owner bun.IDB, k Kind, id func(T) uuid.UUID, text func(T) string) (int, error) {
	const batch = 2000
	var after uuid.UUID
	changed := 0
	for {
		var rows []T
		if err := owner.NewSelect().Model(&rows).Where("?.id > ?", bun.Ident(k.Alias), after).
			OrderExpr("?.id", bun.Ident(k.Alias)).Limit(batch).Scan(ctx); err != nil {
			return changed, fmt.Errorf("record: rebuild search text of %s: %w", k.Table, err)
		}
		if len(rows) == 0 {
			return changed, nil
		}
		ids, texts := make([]uuid.UUID, len(rows)), make([]string, len(rows))
		for i, r := range rows {
			ids[i], texts[i] = id(r), text(r)
		}
		res, err := owner.NewRaw("UPDATE ? AS t SET search_text = u.text FROM unnest(?::uuid[], ?::text[]) AS u (id, text) WHERE t.id = u.id AND t.search_text <> u.text",
			bun.Ident(k.Table), pgdialect.Array(ids), pgdialect.Array(texts)).Exec(ctx)
		if err != nil {
			return changed, fmt.Errorf("record: rebuild search text of %s: %w", k.Table, err)
		}
		n, _ := res.RowsAffected()
		changed += int(n)
		after = ids[len(ids)-1]
	}
}

// Match is a live record that a lookup by a key (an e-mail address, a name, a custom field's value) found.
type Match struct {
	ID      uuid.UUID `bun:"id"`
	Version int64     `bun:"version"`
	Name    string    `bun:"name"`
	OwnerID uuid.UUID `bun:"owner_id"`
	Key     string    `bun:"key"`
}

// maxKeys is how many keys records_by_key takes at once.
const maxKeys = 1000

// ByKey selects (under the kind's alias) the live records of kind k the actor may perform action on that have
// one of keys as field, with the key as "key": field is a key records_by_key knows (a person's "email", an
// organisation's "name" or "email", lower case; a custom field's ID, its canonical values). The lookup runs
// through the indexes in the database function; the rows are read under the policy and Restrict as always.
// At most 1000 keys.
func ByKey(tx bun.IDB, a *access.Actor, k Kind, field string, keys []string) *bun.SelectQuery {
	alias := bun.Ident(k.Alias)
	return Live(tx, a, k, k.Alias, api.ActionView).
		Join("JOIN records_by_key(?, ?, ?::text[]) AS m ON m.id = ?.id", k.Type, field, pgdialect.Array(keys), alias).
		ColumnExpr("?.id, ?.version, ?.owner_id", alias, alias, alias).ColumnExpr(k.NameSQL + " AS name").ColumnExpr("m.key")
}

// Matches finds the live records of kind k the actor may perform action on that have one of keys as field
// (ByKey), by key, asking for at most 1000 keys at a time.
func Matches(ctx context.Context, tx bun.IDB, a *access.Actor, k Kind, action api.Action, field string, keys []string) (map[string][]Match, error) {
	out := map[string][]Match{}
	for len(keys) > 0 {
		n := min(len(keys), maxKeys)
		var rows []Match
		q := ByKey(tx, a, k, field, keys[:n])
		if action != api.ActionView {
			a.Restrict(q.QueryBuilder(), k.Type, action, k.OwnerColumn())
		}
		if err := q.Scan(ctx, &rows); err != nil {
			return nil, fmt.Errorf("record: %s by %s: %w", k.Type, field, err)
		}
		for _, r := range rows {
			out[r.Key] = append(out[r.Key], r)
		}
		keys = keys[n:]
	}
	return out, nil
}

// ByCustom finds the live records of kind k the actor may see whose custom field fieldID holds one of values (in
// their canonical text), by value.
func ByCustom(ctx context.Context, tx bun.IDB, a *access.Actor, k Kind, fieldID string, values []string) (map[string][]Match, error) {
	return Matches(ctx, tx, a, k, api.ActionView, fieldID, values)
}
