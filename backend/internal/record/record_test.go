package record_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/uptrace/bun/driver/pgdriver"

	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

// The SQL reads the kinds from record_kinds, the Go code from record.Kinds: the two must be the same list, or a
// kind would have routes without the database accepting its notes (or the other way round).
func TestRecordKindsTableIsTheRegistry(t *testing.T) {
	d := testdb.New(t)
	type row struct {
		Kind      string `bun:"kind"`
		Table     string `bun:"table_name"`
		Pipelines bool   `bun:"pipelines"`
	}
	var table []row
	if err := d.Owner.NewRaw("SELECT kind, table_name, pipelines FROM record_kinds ORDER BY kind").Scan(context.Background(), &table); err != nil {
		t.Fatal(err)
	}
	var registry []row
	for _, k := range record.Kinds() {
		registry = append(registry, row{Kind: string(k.Type), Table: k.Table, Pipelines: k.Pipelines})
	}
	slices.SortFunc(registry, func(a, b row) int {
		if a.Kind < b.Kind {
			return -1
		}
		return 1
	})
	if !slices.Equal(table, registry) {
		t.Fatalf("record_kinds holds %+v, record.Kinds %+v", table, registry)
	}
	// Every kind's table exists and has what the mechanisms use.
	for _, k := range record.Kinds() {
		var cols []string
		if err := d.Owner.NewRaw(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?
			AND column_name IN ('id', 'tenant_id', 'owner_id', 'search_text', 'deleted_at', 'deleted_by', 'version', 'custom') ORDER BY 1`,
			k.Table).Scan(context.Background(), &cols); err != nil {
			t.Fatal(err)
		}
		if len(cols) != 8 {
			t.Errorf("table %s of kind %s has only the columns %v of those the record mechanisms use", k.Table, k.Type, cols)
		}
	}
}

// Columns that name a record type take only kinds, and pipelines and lost reasons only kinds with pipelines.
func TestRecordTypesAreKinds(t *testing.T) {
	d := testdb.New(t)
	ctx := context.Background()
	var tenant string
	if err := d.Owner.NewRaw("INSERT INTO tenants (name, plan) VALUES ('T', 'basic') RETURNING id").Scan(ctx, &tenant); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		sql, code, constraint string
	}{
		{"INSERT INTO custom_fields (tenant_id, record_type, label, kind) VALUES (?, 'activity', 'X', 'text')", "23503", "custom_fields_record_type_fkey"},
		{"INSERT INTO history (tenant_id, record_type, record_id, action) VALUES (?, 'nothing', gen_random_uuid(), 'created')",
			"23503", "history_record_type_fkey"},
		{"INSERT INTO pipelines (tenant_id, record_type, name) VALUES (?, 'person', 'X')", "23514", ""},
		{"INSERT INTO lost_reasons (tenant_id, record_type, name) VALUES (?, 'organization', 'X')", "23514", ""},
		{"INSERT INTO pipelines (tenant_id, record_type, name) VALUES (?, 'nothing', 'X')", "23514", ""},
	} {
		_, err := d.Owner.ExecContext(ctx, c.sql, tenant)
		var pgErr pgdriver.Error
		if !errors.As(err, &pgErr) || pgErr.Field('C') != c.code || c.constraint != "" && pgErr.Field('n') != c.constraint {
			t.Errorf("%s: err = %v, want SQLSTATE %s %s", c.sql, err, c.code, c.constraint)
		}
	}
	for _, k := range record.Kinds() {
		if !k.Pipelines {
			continue
		}
		if _, err := d.Owner.ExecContext(ctx, "INSERT INTO pipelines (tenant_id, record_type, name) VALUES (?, ?, ?)", tenant, k.Type, "P "+k.Type); err != nil {
			t.Errorf("a pipeline of %s: %v", k.Type, err)
		}
	}
}

// The registry describes exactly the record kinds shared/api lists, in its order, each at the collection the
// desktop calls.
func TestRegistryListsTheRecordKinds(t *testing.T) {
	var types []api.RecordType
	for _, k := range record.Kinds() {
		types = append(types, k.Type)
		if k.Path == "" || k.Path != api.RecordCollection(k.Type) {
			t.Errorf("kind %s: path %q, shared/api names %q", k.Type, k.Path, api.RecordCollection(k.Type))
		}
	}
	if !slices.Equal(types, api.CustomFieldTypes) {
		t.Errorf("registry kinds %v, shared/api's record kinds %v", types, api.CustomFieldTypes)
	}
	if c := api.RecordCollection(api.RecordActivity); c != "" {
		t.Errorf("activities are no record kind, but have the collection %q", c)
	}
}
