package customfield_test

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

// The definitions come as JSON (record.FieldDefinitions, which an update loads with its record's row): Load gives
// every column of every field of the type, archived ones too, in the fields' order, as the table holds them, and
// nothing of another type or tenant.
func TestLoadGivesTheFieldsAsTheTableHoldsThem(t *testing.T) {
	d := testdb.New(t)
	ctx := context.Background()
	var tenants [2]uuid.UUID
	for i := range tenants {
		if err := d.Owner.NewRaw("INSERT INTO tenants (name, plan) VALUES (?, 'basic') RETURNING id", "T"+string(rune('A'+i))).
			Scan(ctx, &tenants[i]); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []struct {
		tenant            uuid.UUID
		rt                api.RecordType
		label, kind       string
		required          bool
		position          int
		archived, updated bool
	}{
		{tenants[0], api.RecordPerson, "Umsatz", "number", false, 2, false, false},
		{tenants[0], api.RecordPerson, "Branche", "text", true, 1, false, true},
		{tenants[0], api.RecordPerson, "Alt", "bool", true, 1, true, false},
		{tenants[0], api.RecordDeal, "Messe", "text", false, 0, false, false},
		{tenants[1], api.RecordPerson, "Fremd", "text", false, 0, false, false},
	} {
		if _, err := d.Owner.ExecContext(ctx, `INSERT INTO custom_fields (tenant_id, record_type, label, kind, required, position,
			archived_at, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, CASE WHEN ? THEN now() - interval '1 day' END,
			CASE WHEN ? THEN 3 ELSE 1 END, now() + CASE WHEN ? THEN interval '1 hour' ELSE interval '0' END)`,
			f.tenant, f.rt, f.label, f.kind, f.required, f.position, f.archived, f.updated, f.updated); err != nil {
			t.Fatal(err)
		}
	}
	var got, want customfield.Fields
	if err := db.InTenant(ctx, d.App, tenants[0], func(ctx context.Context, tx bun.Tx) error {
		var err error
		if got, err = customfield.Load(ctx, tx, api.RecordPerson); err != nil {
			return err
		}
		return tx.NewSelect().Model(&want).Where("cf.record_type = ?", api.RecordPerson).
			OrderExpr("cf.position, cf.created_at, cf.id").Scan(ctx)
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || len(want) != 3 {
		t.Fatalf("Load gave %d fields, the table holds %d, want 3", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		same := g.ID == w.ID && g.TenantID == w.TenantID && g.Version == w.Version && g.CreatedAt.Equal(w.CreatedAt) &&
			g.UpdatedAt.Equal(w.UpdatedAt) && g.RecordType == w.RecordType && g.Label == w.Label && g.Kind == w.Kind &&
			g.Required == w.Required && g.Position == w.Position &&
			(g.ArchivedAt == nil) == (w.ArchivedAt == nil) && (w.ArchivedAt == nil || g.ArchivedAt.Equal(*w.ArchivedAt))
		if !same {
			t.Errorf("field %d: Load gave %+v, the table holds %+v", i, *g, *w)
		}
	}
}
