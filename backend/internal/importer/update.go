package importer

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/shared/api"
)

// editor is a record kind's service as an import's update and its undo use it: M is the kind's model, W its wire
// type, P its patch type.
type editor[M rest.Model[W], W, P any] interface {
	Load(ctx context.Context, tx bun.IDB, a *access.Actor, id uuid.UUID, action api.Action, lock bool) (M, error)
	Update(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, in P) (M, error)
}

// updater is how an import updates the records of one kind that its lines match, and sets them back on undo. A
// kind embeds it (which gives the kind its revert).
type updater[M rest.Model[W], W, P any] struct {
	rt  api.RecordType
	svc editor[M, W, P]
	// patch is what an update of cur with a line's values changes, and the patch that sets those fields back.
	patch func(l *line, cur W) (P, P)
	// targetOf names the target of a field of the patch (for the line's errors).
	targetOf func(l *line) func(string) string
	// then, when not nil, runs after a line's record (id) is updated, in the same savepoint.
	then func(ctx context.Context, tx bun.IDB, r *run, l *line, id uuid.UUID) error
}

// targetIs is a targetOf that names the same targets for every line.
func targetIs(f func(string) string) func(*line) func(string) string {
	return func(*line) func(string) string { return f }
}

// updateAll updates the record of every line decided as updated, each in a savepoint (update's doc), and adds
// what it changed to the undo log. A line whose record holds its values already (an exported list imported
// again) writes nothing and counts as skipped, not as updated.
func (u updater[M, W, P]) updateAll(ctx context.Context, tx bun.IDB, r *run, lines []*line, w *written) error {
	for _, l := range lines {
		if l.outcome != api.ImportRowUpdated {
			continue
		}
		var rec updatedRecord
		ok, err := update(ctx, tx, l, u.targetOf(l), r.p.settings.Duplicates.Target, func() error {
			var err error
			rec, err = u.updateOne(ctx, tx, r, l)
			return err
		})
		if err != nil {
			return err
		}
		if ok {
			l.id = l.match.ID
			if rec.id != uuid.Nil {
				w.updated = append(w.updated, rec)
			} else {
				l.outcome = api.ImportRowSkipped
			}
		}
	}
	return nil
}

// updateOne updates the record l matched through the kind's service (edit right, validation, history); the undo
// log's entry is none when nothing changed.
func (u updater[M, W, P]) updateOne(ctx context.Context, tx bun.IDB, r *run, l *line) (updatedRecord, error) {
	id := l.match.ID
	cur, err := u.svc.Load(ctx, tx, r.a, id, api.ActionEdit, true)
	if err != nil {
		return updatedRecord{}, err
	}
	patch, before := u.patch(l, cur.API())
	upd, err := u.svc.Update(ctx, r.a, id, cur.ETag(), patch)
	if err != nil {
		return updatedRecord{}, err
	}
	if u.then != nil {
		if err := u.then(ctx, tx, r, l, id); err != nil {
			return updatedRecord{}, err
		}
	}
	if upd.ETag() == cur.ETag() {
		return updatedRecord{}, nil
	}
	return updatedRecord{rt: u.rt, id: id, version: upd.ETag(), before: before}, nil
}

// revert sets a record an import updated back (kind's revert).
func (u updater[M, W, P]) revert(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, before json.RawMessage) error {
	var p P
	if err := json.Unmarshal(before, &p); err != nil {
		return fmt.Errorf("importer: the undo log of %s %s: %w", u.rt, id, err)
	}
	_, err := u.svc.Update(ctx, a, id, version, p)
	return err
}

// draft is a kind's new record as an import inserts it.
type draft interface {
	Created(fields customfield.Fields) []api.FieldChange
}

// insertCreated inserts the drafts of the lines decided as created (insert: the kind's InsertAll, which gives
// each its ID), each with its history entry "imported" from the import's file.
func insertCreated[M draft](ctx context.Context, tx bun.IDB, r *run, lines []*line, w *written, rt api.RecordType,
	insert func(ms []M) error, idOf func(M) uuid.UUID) error {
	var ms []M
	var created []*line
	for _, l := range lines {
		if l.outcome == api.ImportRowCreated {
			ms, created = append(ms, l.draft.(M)), append(created, l)
		}
	}
	if err := insert(ms); err != nil {
		return err
	}
	entries := make([]history.Entry, 0, len(ms))
	for i, m := range ms {
		id := idOf(m)
		created[i].id = id
		w.created[rt] = append(w.created[rt], id)
		entries = append(entries, history.Entry{RecordID: id, Action: api.HistoryImported, Changes: m.Created(r.fields[rt])})
	}
	return history.RecordFor(ctx, tx, r.a, rt, r.imp.FileName, entries)
}

// setIf puts a line's value val into the patch (dst) and the field's old value into the patch that sets it back
// (back), when the line has a value.
func setIf(val, old string, dst, back **string) {
	if val != "" {
		*dst, *back = &val, &old
	}
}

// setAddress puts cur with the line's address parts (in) into the patch, and cur into the one that sets it back,
// when the line has any.
func setAddress(in, cur api.Address, dst, back **api.Address) {
	if in != (api.Address{}) {
		a, old := mergeAddress(cur, in), cur
		*dst, *back = &a, &old
	}
}

// setOwner puts the owner the line names (owner, as drafted) into the patch, and the record's owner (cur) into the
// one that sets it back, when the line names one.
func setOwner(l *line, owner uuid.UUID, cur string, dst, back **string) {
	if l.values[string(api.TargetOwner)] != "" {
		id := owner.String()
		*dst, *back = &id, &cur
	}
}

// mergeAddress is cur with the parts add gives.
func mergeAddress(cur, add api.Address) api.Address {
	for _, part := range []struct {
		dst *string
		val string
	}{{&cur.Street, add.Street}, {&cur.PostalCode, add.PostalCode}, {&cur.City, add.City}, {&cur.Country, add.Country}} {
		if part.val != "" {
			*part.dst = part.val
		}
	}
	return cur
}

// customPatch is the custom values an update sets (the draft's canonical values of the row's fields) and their
// values before ("" clears one the record did not have).
func customPatch(row, draft, cur api.CustomValues) (api.CustomValues, api.CustomValues) {
	if len(row) == 0 {
		return nil, nil
	}
	p, b := api.CustomValues{}, api.CustomValues{}
	for id := range row {
		p[id], b[id] = draft[id], cur[id]
	}
	return p, b
}
