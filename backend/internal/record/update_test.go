package record_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/person"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/role"
	"github.com/1sales/app/backend/internal/seed"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

// An update reads its record without a lock and writes it only at the version it read. A writer that comes in
// between (here: while the update applies its input) wins, and the update answers what a read that had waited for
// that writer would have answered: 412 while the record is one the actor may edit, 404 once it is trashed or given
// out of the actor's sight (nothing tells the actor more). It writes nothing then, no history entry either.
func TestAnUpdateOvertakenByAnotherWriterAnswersAsAReadAfterIt(t *testing.T) {
	d := testdb.New(t)
	ctx := context.Background()
	demo, err := seed.Provision(ctx, d.Owner, seed.DemoTenant())
	if err != nil {
		t.Fatal(err)
	}
	rep, other := demo.Users["lena.fischer@nordlicht.example"], demo.Users["jonas.schmidt@nordlicht.example"]
	var unit uuid.UUID
	if err := d.Owner.NewRaw("SELECT unit_id FROM users WHERE id = ?", rep).Scan(ctx, &unit); err != nil {
		t.Fatal(err)
	}
	var grants []api.Grant
	for _, r := range role.Defaults() {
		if r.Name == "Außendienst" { // own records only
			grants = r.Grants
		}
	}
	a := access.NewActor(demo.TenantID, rep, uuid.Nil, unit, demo.Roles["Außendienst"], []uuid.UUID{unit}, false, grants)
	store := record.NewStore[*person.Person, api.Person](api.RecordPerson,
		func(_ bun.IDB, _ *access.Actor, q *bun.SelectQuery) *bun.SelectQuery { return q.ColumnExpr("p.*") }, nil).On(d.App)

	for _, tc := range []struct {
		name      string
		meanwhile string // the other writer's statement, on the person's ID
		want      error
	}{
		{"nobody in between", "", nil},
		{"changed in between", "UPDATE persons SET job_title = 'Vertrieb', version = version + 1 WHERE id = ?", httpx.ErrVersionMismatch},
		{"trashed in between", "UPDATE persons SET deleted_at = now(), version = version + 1 WHERE id = ?", httpx.ErrNotFound},
		{"given to another rep in between", fmt.Sprintf("UPDATE persons SET owner_id = '%s', version = version + 1 WHERE id = ?", other),
			httpx.ErrNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var id uuid.UUID
			var version int64
			if err := d.Owner.NewRaw(`INSERT INTO persons (tenant_id, owner_id, first_name, last_name, job_title, sort_name, search_text)
				VALUES (?, ?, 'Karl', 'Kunde', 'Lager', 'Kunde Karl', 'karl kunde') RETURNING id, version`, demo.TenantID, rep).
				Scan(ctx, &id, &version); err != nil {
				t.Fatal(err)
			}
			got, err := store.Update(ctx, a, id, version, func(ctx context.Context, _ bun.Tx, p *person.Person) ([]api.FieldChange, error) {
				if tc.meanwhile != "" {
					// Had the update locked the row, this writer would wait for it (and the test with it): the
					// timeout tells.
					wctx, cancel := context.WithTimeout(ctx, 3*time.Second)
					defer cancel()
					if _, err := d.Owner.ExecContext(wctx, tc.meanwhile, id); err != nil {
						return nil, fmt.Errorf("the other writer: %w", err)
					}
				}
				old := p.JobTitle
				p.JobTitle = "Einkauf"
				return []api.FieldChange{{Field: "jobTitle", Old: old, New: p.JobTitle}}, nil
			})
			if !errors.Is(err, tc.want) {
				t.Fatalf("update: %v, want %v", err, tc.want)
			}
			var row struct {
				Version  int64  `bun:"version"`
				JobTitle string `bun:"job_title"`
				Entries  int    `bun:"entries"`
			}
			if err := d.Owner.NewRaw(`SELECT version, job_title, (SELECT count(*) FROM history WHERE record_id = p.id) AS entries
				FROM persons AS p WHERE id = ?`, id).Scan(ctx, &row); err != nil {
				t.Fatal(err)
			}
			switch {
			case tc.want == nil && (got.Version != version+1 || row.Version != version+1 || row.JobTitle != "Einkauf" || row.Entries != 1):
				t.Errorf("answered version %d; the row holds version %d, job title %q, %d history entries; want version %d, Einkauf, 1 entry",
					got.Version, row.Version, row.JobTitle, row.Entries, version+1)
			case tc.want != nil && (row.Version != version+1 || row.JobTitle == "Einkauf" || row.Entries != 0):
				t.Errorf("the row holds version %d, job title %q, %d history entries; want the other writer's version %d, "+
					"no Einkauf, no entry", row.Version, row.JobTitle, row.Entries, version+1)
			}
		})
	}
}
