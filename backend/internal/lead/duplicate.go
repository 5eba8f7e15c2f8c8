package lead

import (
	"context"
	"fmt"
	"slices"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/shared/api"
)

// Duplicate detection: a lead is a possible duplicate of every live lead, person and organisation of its tenant
// with the same e-mail address, phone number, or company name and postal code (the keys of the SQL functions
// dedupe_phone and dedupe_company, which the indexes of migration 20261207090000 are built on). The matches are
// found when a lead is created (by hand or by a delivery) and when a delivery changes it, and kept in
// lead_duplicates; nothing is merged. Who sees a match is decided when it is read, by record.Live, so a match the
// reader may not see is neither named nor counted.

// markDuplicates gives the leads created and updated (all of the transaction's tenant) the duplicate marks their
// current fields have, replacing the updated ones' marks, and reports which leads have any. (A lead created in
// this transaction has no marks to replace.)
func markDuplicates(ctx context.Context, tx bun.IDB, created, updated []uuid.UUID) (map[uuid.UUID]bool, error) {
	ids := slices.Concat(created, updated)
	if len(ids) == 0 {
		return map[uuid.UUID]bool{}, nil
	}
	if len(updated) > 0 {
		if _, err := tx.NewRaw("DELETE FROM lead_duplicates WHERE lead_id = ANY(?::uuid[])", pgdialect.Array(updated)).Exec(ctx); err != nil {
			return nil, fmt.Errorf("lead: clear duplicates: %w", err)
		}
	}
	arr := pgdialect.Array(ids)
	// lead_duplicate_matches looks the keys up through the indexes (row-level security would keep this
	// transaction from them), in the transaction's tenant.
	var found []uuid.UUID
	if err := tx.NewRaw(`INSERT INTO lead_duplicates (tenant_id, lead_id, record_type, record_id, reason)
		SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid, m.* FROM lead_duplicate_matches(?::uuid[]) AS m
		ON CONFLICT DO NOTHING
		RETURNING lead_id`, arr).Scan(ctx, &found); err != nil {
		return nil, fmt.Errorf("lead: find duplicates: %w", err)
	}
	out := make(map[uuid.UUID]bool, len(found))
	for _, id := range found {
		out[id] = true
	}
	return out, nil
}

// duplicateKinds are the kinds a lead can duplicate.
var duplicateKinds = []api.RecordType{api.RecordLead, api.RecordPerson, api.RecordOrganization}

// visibleDuplicate is the condition (on lead_duplicates AS ld) that the reader may see the match.
func visibleDuplicate(tx bun.IDB, a *access.Actor) *bun.SelectQuery {
	q := tx.NewSelect().ColumnExpr("1").TableExpr("lead_duplicates AS ld")
	return q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		for _, rt := range duplicateKinds {
			k := record.MustKind(rt)
			live := record.Live(tx, a, k, "dk_"+k.Alias, api.ActionView).ColumnExpr("1").
				Where("?.id = ld.record_id", bun.Ident("dk_"+k.Alias))
			q = q.WhereOr("ld.record_type = ? AND EXISTS (?)", string(rt), live)
		}
		return q
	})
}

// possibleDuplicateSQL is the subquery that makes the column possible_duplicate of a lead under alias l.
func possibleDuplicateSQL(tx bun.IDB, a *access.Actor) *bun.SelectQuery {
	return visibleDuplicate(tx, a).Where("ld.lead_id = l.id")
}

// duplicates names the matches of a lead that the reader may see.
func duplicates(ctx context.Context, tx bun.IDB, a *access.Actor, id uuid.UUID) ([]api.LeadDuplicate, error) {
	var rows []struct {
		RecordType api.RecordType `bun:"record_type"`
		RecordID   uuid.UUID      `bun:"record_id"`
		Reason     string         `bun:"reason"`
	}
	if err := tx.NewSelect().TableExpr("lead_duplicates").Column("record_type", "record_id", "reason").
		Where("lead_id = ?", id).OrderExpr("record_type, reason, record_id").Limit(50).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("lead: duplicates of %s: %w", id, err)
	}
	ids := map[api.RecordType][]uuid.UUID{}
	for _, r := range rows {
		ids[r.RecordType] = append(ids[r.RecordType], r.RecordID)
	}
	names := map[api.RecordType]map[uuid.UUID]string{}
	for rt, list := range ids {
		m, err := record.Names(ctx, tx, a, rt, list)
		if err != nil {
			return nil, err
		}
		names[rt] = m
	}
	out := []api.LeadDuplicate{}
	for _, r := range rows {
		if name, ok := names[r.RecordType][r.RecordID]; ok {
			out = append(out, api.LeadDuplicate{RecordType: r.RecordType, ID: r.RecordID.String(), Name: name,
				Reason: api.DuplicateReason(r.Reason)})
		}
	}
	return out, nil
}
