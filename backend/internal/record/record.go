// Package record knows the record types that share the record mechanisms (notes, history, trash, custom
// fields) and answers the one question they all ask: may this actor see (or change) that record?
package record

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// Kind describes a record type that has the record mechanisms: notes, history, documents, custom fields, saved
// filters, trash, activities, a map. The list below is the registry of kinds, said once: the routes of these
// mechanisms are registered in a loop over it (app/routes.go), the SQL reads the same kinds from the table
// record_kinds (the migration 20261206140000_record_kinds fills it; TestRecordKindsTableIsTheRegistry keeps the
// two equal), and tests iterate it. docs/adding-a-record-type.md says what a new kind needs.
type Kind struct {
	Type api.RecordType
	// Table and Alias name the table; NameSQL is the display name in terms of the alias.
	Table, Alias, NameSQL string
	// Path is the URL segment (/api/v1/<path>/{<Param>}).
	Path string
	// Pipelines says that records of the kind move through pipelines and can be lost with a reason.
	Pipelines bool
}

// OwnerColumn is the owner column in terms of the alias.
func (k Kind) OwnerColumn() string { return k.Alias + ".owner_id" }

// Param is the path parameter of the kind's own routes: /api/v1/persons/{personID}. (The routes of the shared
// mechanisms name it recordID: /api/v1/persons/{recordID}/notes.)
func (k Kind) Param() string { return string(k.Type) + "ID" }

var kinds = withPaths([]Kind{
	{Type: api.RecordPerson, Table: "persons", Alias: "p", NameSQL: "trim(p.first_name || ' ' || p.last_name)"},
	{Type: api.RecordOrganization, Table: "organizations", Alias: "o", NameSQL: "o.name"},
	{Type: api.RecordDeal, Table: "deals", Alias: "d", NameSQL: "d.title", Pipelines: true},
	{Type: api.RecordLead, Table: "leads", Alias: "l", NameSQL: "l.title", Pipelines: true},
})

// withPaths gives each kind the collection of its routes, as shared/api names it (the desktop calls them so).
func withPaths(ks []Kind) []Kind {
	for i := range ks {
		ks[i].Path = api.RecordCollection(ks[i].Type)
	}
	return ks
}

// Kinds lists the record kinds.
func Kinds() []Kind { return append([]Kind(nil), kinds...) }

// Types lists the record types of the kinds that match (nil: all).
func Types(match func(Kind) bool) []api.RecordType {
	var out []api.RecordType
	for _, k := range kinds {
		if match == nil || match(k) {
			out = append(out, k.Type)
		}
	}
	return out
}

// KindOf returns the kind of a record type.
func KindOf(rt api.RecordType) (Kind, bool) {
	for _, k := range kinds {
		if k.Type == rt {
			return k, true
		}
	}
	return Kind{}, false
}

// MustKind returns the kind of a record type the code names (api.RecordPerson); it panics for a type that is no
// kind, which is a programming error.
func MustKind(rt api.RecordType) Kind {
	k, ok := KindOf(rt)
	if !ok {
		panic("record: no kind " + string(rt))
	}
	return k
}

// KindByPath returns the kind of a URL segment.
func KindByPath(path string) (Kind, bool) {
	for _, k := range kinds {
		if k.Path == path {
			return k, true
		}
	}
	return Kind{}, false
}

// Ref is a record an actor may act on, with its display name and owner.
type Ref struct {
	Kind    Kind
	ID      uuid.UUID
	Name    string
	OwnerID uuid.UUID
}

// Check finds a live (not trashed) record the actor may perform action on, inside the caller's tenant
// transaction; otherwise it answers 404, never revealing that the record exists.
func Check(ctx context.Context, tx bun.IDB, a *access.Actor, k Kind, id uuid.UUID, action api.Action) (Ref, error) {
	ref := Ref{Kind: k, ID: id}
	q := Live(tx, a, k, k.Alias, action).ColumnExpr(k.NameSQL+" AS name").ColumnExpr("?", bun.Ident(k.OwnerColumn())).
		Where("?.id = ?", bun.Ident(k.Alias), id)
	if err := q.Scan(ctx, &ref.Name, &ref.OwnerID); err != nil {
		return Ref{}, httpx.Missing(err, fmt.Sprintf("record: check %s %s", k.Type, id))
	}
	return ref, nil
}

// Allowed reports whether the actor may perform action on the record (which the caller already found).
func Allowed(ctx context.Context, tx bun.IDB, a *access.Actor, k Kind, id uuid.UUID, action api.Action) (bool, error) {
	_, err := Check(ctx, tx, a, k, id, action)
	if err == httpx.ErrNotFound {
		return false, nil
	}
	return err == nil, err
}

// The one visibility rule for names: a record that another record links (a deal its person, an activity its
// deal, a history entry the organisation it was linked to) is named only to an actor who may see it, live, as
// its own page would show it; to anyone else it is an anonymous placeholder (Shown reports it hidden), with no
// name and no ID, so that no answer confirms which record it is. Payloads select names through LinkedName (SQL,
// for lists and boards), history through Names (Go, for stored IDs); search matches linked records through
// listquery's Spec.Links, which applies the same Restrict.

// Live selects from a kind's table under alias the live (not trashed) records on which the actor may perform
// action: the one scoping of a record that Check, LinkedName, Names and listquery's search links share.
func Live(tx bun.IDB, a *access.Actor, k Kind, alias string, action api.Action) *bun.SelectQuery {
	q := tx.NewSelect().TableExpr("? AS ?", bun.Ident(k.Table), bun.Ident(alias)).Where("?.deleted_at IS NULL", bun.Ident(alias))
	a.Restrict(q.QueryBuilder(), k.Type, action, alias+".owner_id")
	return q
}

// LinkedName is the subquery of the display name of the record of type rt that refColumn (a column of the outer
// query) references, or NULL when the actor may not see that record or it is in the trash.
func LinkedName(tx bun.IDB, a *access.Actor, rt api.RecordType, refColumn string) *bun.SelectQuery {
	k := MustKind(rt)
	return Live(tx, a, k, k.Alias, api.ActionView).ColumnExpr(k.NameSQL).Where("?.id = ?", bun.Ident(k.Alias), bun.Ident(refColumn))
}

// Shown gives a linked record as the wire types carry it, from its ID and the name LinkedName selected: not
// linked is ("", "", false), linked and visible (id, name, false), linked and hidden ("", "", true).
func Shown(id *uuid.UUID, name *string) (string, string, bool) {
	switch {
	case id == nil:
		return "", "", false
	case name == nil:
		return "", "", true
	}
	return id.String(), *name, false
}

// Names gives the display names of the records of type rt among ids that the actor may see (live); the others
// are missing from the map.
func Names(ctx context.Context, tx bun.IDB, a *access.Actor, rt api.RecordType, ids []uuid.UUID) (map[uuid.UUID]string, error) {
	out := map[uuid.UUID]string{}
	k, ok := KindOf(rt)
	if !ok || len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ID   uuid.UUID `bun:"id"`
		Name string    `bun:"name"`
	}
	q := Live(tx, a, k, k.Alias, api.ActionView).ColumnExpr("?.id", bun.Ident(k.Alias)).ColumnExpr(k.NameSQL+" AS name").
		Where("?.id IN (?)", bun.Ident(k.Alias), bun.In(ids))
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("record: names of %s: %w", rt, err)
	}
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}

// Link resolves a reference to a record of type rt the actor may see ("" = none) and its name, for a record that
// links another (a deal its person, an activity its deal): an unparsable ID is field's invalid, an unknown or
// invisible record its not_found (the same answer: nothing tells the two apart).
func Link(ctx context.Context, tx bun.IDB, a *access.Actor, v *httpx.Validation, rt api.RecordType, field, raw string) (*uuid.UUID, *string) {
	if strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	id, err := uuid.Parse(strings.TrimSpace(raw))
	if err != nil {
		v.Field(field, api.FieldInvalid)
		return nil, nil
	}
	ref, err := Check(ctx, tx, a, MustKind(rt), id, api.ActionView)
	if err != nil {
		v.Field(field, api.FieldNotFound)
		return nil, nil
	}
	return &id, &ref.Name
}
