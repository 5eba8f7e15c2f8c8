package person_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/listquery"
	"github.com/1sales/app/backend/internal/person"
	"github.com/1sales/app/backend/internal/role"
	"github.com/1sales/app/backend/internal/seed"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

type env struct {
	t       *testing.T
	db      *testdb.DB
	admin   *access.Actor
	lookups atomic.Int64 // calls of search_candidates
}

// candidateHook counts the trigram lookups of the service's pool.
type candidateHook struct{ n *atomic.Int64 }

func (h candidateHook) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	return ctx
}
func (h candidateHook) AfterQuery(_ context.Context, e *bun.QueryEvent) {
	if strings.Contains(e.Query, "search_candidates(") {
		h.n.Add(1)
	}
}

func newEnv(t *testing.T) *env {
	t.Helper()
	d := testdb.New(t)
	p, err := seed.Provision(context.Background(), d.Owner, seed.DemoTenant())
	if err != nil {
		t.Fatal(err)
	}
	grants := role.Defaults()[0].Grants // Administrator: everything
	unit := p.Units["Vertriebsleitung"]
	e := &env{t: t, db: d, admin: access.NewActor(p.TenantID, p.Users["claudia.becker@nordlicht.example"], uuid.Nil, unit,
		p.Roles["Administrator"], []uuid.UUID{unit}, true, grants)}
	d.App.AddQueryHook(candidateHook{&e.lookups})
	return e
}

// insert adds n persons named "<last> Pnnnnn" (in that order in the list) whose search text holds term, with
// custom values custom, straight into the table.
func (e *env) insert(n int, last, term, custom string) {
	e.t.Helper()
	if _, err := e.db.Owner.NewRaw(`INSERT INTO persons (tenant_id, owner_id, first_name, last_name, sort_name, search_text, custom)
		SELECT ?, ?, 'P' || lpad(g::text, 5, '0'), ?, ? || ' P' || lpad(g::text, 5, '0'),
			lower(?) || ' p' || lpad(g::text, 5, '0') || ' ' || ?, ?::jsonb
		FROM generate_series(1, ?) AS g`, e.admin.TenantID, e.admin.UserID, last, last, last, term, custom, n).Exec(context.Background()); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) query(q api.ListQuery) *api.PersonPage {
	e.t.Helper()
	var page *api.PersonPage
	if err := db.InTenant(context.Background(), e.db.App, e.admin.TenantID, func(ctx context.Context, tx bun.Tx) error {
		var err error
		page, err = person.Query(ctx, tx, e.admin, q, true)
		return err
	}); err != nil {
		e.t.Fatal(err)
	}
	return page
}

func names(page *api.PersonPage) []string {
	out := make([]string, len(page.Items))
	for i, p := range page.Items {
		out[i] = p.Name
	}
	return out
}

// A term whose matches lie beyond the stretch of the list a search walks first is found through the trigram
// index, page by page, with an exact count.
func TestSearchFindsARareTermThroughTheTrigramIndex(t *testing.T) {
	e := newEnv(t)
	e.insert(300, "Aaa", "allerwelt", "{}")
	e.insert(2, "Zzz", "seltenname", "{}")

	page := e.query(api.ListQuery{Search: "Seltenname", Limit: 1})
	if got := names(page); len(got) != 1 || got[0] != "P00001 Zzz" || page.NextCursor == "" {
		t.Fatalf("first page %v, next %q", got, page.NextCursor)
	}
	if page.Total != 2 || page.TotalCapped {
		t.Errorf("total %d capped %v, want 2 exact", page.Total, page.TotalCapped)
	}
	if e.lookups.Load() == 0 {
		t.Error("the search walked the list instead of asking the trigram index")
	}
	page = e.query(api.ListQuery{Search: "Seltenname", Limit: 1, Cursor: page.NextCursor})
	if got := names(page); len(got) != 1 || got[0] != "P00002 Zzz" || page.NextCursor != "" {
		t.Fatalf("second page %v, next %q", got, page.NextCursor)
	}
}

// A term with more matches than the index lookup hands over is found by walking on, in list order.
func TestSearchForACommonTermWalksTheList(t *testing.T) {
	e := newEnv(t)
	e.insert(300, "Aaa", "allerwelt", "{}")
	e.insert(listquery.MaxCandidates+10, "Zzz", "haeufig", "{}")

	page := e.query(api.ListQuery{Search: "häufig", Limit: 1})
	if got := names(page); len(got) != 1 || got[0] != "P00001 Zzz" || page.NextCursor == "" {
		t.Fatalf("first page %v, next %q", got, page.NextCursor)
	}
	if page.Total != listquery.CountCap || !page.TotalCapped {
		t.Errorf("total %d capped %v, want %d capped", page.Total, page.TotalCapped, listquery.CountCap)
	}
}

// Counting a condition no index serves reads a bounded stretch of a large list: with fewer matches than the cap
// there, the total is a lower bound (capped); on a small list it is exact.
func TestCountOfARareConditionIsBounded(t *testing.T) {
	e := newEnv(t)
	var field uuid.UUID
	if err := e.db.Owner.NewRaw("INSERT INTO custom_fields (tenant_id, record_type, label, kind) VALUES (?, 'person', 'Newsletter', 'bool') RETURNING id",
		e.admin.TenantID).Scan(context.Background(), &field); err != nil {
		t.Fatal(err)
	}
	newsletter := api.ListQuery{Custom: []api.CustomCondition{{FieldID: field.String(), Op: "is", Value: "true"}}, Limit: 2}
	yes := `{"` + field.String() + `": "true"}`

	e.insert(27, "Aaa", "klein", "{}")
	e.insert(3, "Zzz", "klein", yes)
	page := e.query(newsletter)
	if len(page.Items) != 2 || page.Total != 3 || page.TotalCapped {
		t.Fatalf("small list: %v total %d capped %v, want 2 items of 3 exact", names(page), page.Total, page.TotalCapped)
	}

	e.insert(listquery.CountScanRows, "Mmm", "gross", "{}")
	page = e.query(newsletter)
	if len(page.Items) != 2 || !page.TotalCapped || page.Total < 2 || page.Total > 3 {
		t.Fatalf("large list: %v total %d capped %v, want 2 items and a capped total of 2 or 3", names(page), page.Total, page.TotalCapped)
	}
}

// Changing a field that the search text is made of refreshes it; changing another one keeps it.
func TestUpdateRefreshesTheSearchTextOnlyWhenItsFieldsChange(t *testing.T) {
	e := newEnv(t)
	svc := person.NewService(e.db.App)
	ctx := context.Background()
	p, err := svc.Create(ctx, e.admin, api.PersonCreate{FirstName: "Jürgen", LastName: "Weber",
		Emails: []api.ContactPoint{{Value: "j.weber@example.de"}}})
	if err != nil {
		t.Fatal(err)
	}
	job := "Einkauf"
	if p, err = svc.Update(ctx, e.admin, p.ID, p.Version, api.PersonPatch{JobTitle: &job}); err != nil {
		t.Fatal(err)
	}
	if got := names(e.query(api.ListQuery{Search: "juergen weber"})); len(got) != 1 {
		t.Fatalf("after a new job title: search finds %v", got)
	}
	last := "Müller"
	if _, err = svc.Update(ctx, e.admin, p.ID, p.Version, api.PersonPatch{LastName: &last}); err != nil {
		t.Fatal(err)
	}
	if got := names(e.query(api.ListQuery{Search: "juergen mueller"})); len(got) != 1 || got[0] != "Jürgen Müller" {
		t.Fatalf("after a new last name: search finds %v", got)
	}
	if got := names(e.query(api.ListQuery{Search: "juergen weber"})); len(got) != 0 {
		t.Fatalf("the old name still finds %v", got)
	}
}

// A rep's own persons, newest first (the list a field rep opens most) are one statement, memberships and the
// organisation's address included, that reads the owner's range of persons_owner_created_idx instead of filtering
// the whole tenant's newest persons for the owner's.
func TestOwnNewestPersonsAreOneStatementOnTheOwnersIndex(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	var lena uuid.UUID
	if err := e.db.Owner.NewRaw("SELECT id FROM users WHERE tenant_id = ? AND id <> ? ORDER BY email LIMIT 1",
		e.admin.TenantID, e.admin.UserID).Scan(ctx, &lena); err != nil {
		t.Fatal(err)
	}
	// 6,000 persons of another owner and 300 of the admin, the admin's among the others' in time.
	for _, o := range []struct {
		owner uuid.UUID
		n     int
		every int
	}{{lena, 6000, 1}, {e.admin.UserID, 300, 20}} {
		if _, err := e.db.Owner.NewRaw(`INSERT INTO persons (tenant_id, owner_id, first_name, last_name, sort_name, created_at)
			SELECT ?, ?, 'P' || lpad(g::text, 5, '0'), 'Own', 'Own P' || lpad(g::text, 5, '0'), now() - (g * ?) * interval '1 second'
			FROM generate_series(1, ?) AS g`, e.admin.TenantID, o.owner, o.every, o.n).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// The admin's newest person works at an organisation in Hamburg, its primary one, and has no address itself.
	if _, err := e.db.Owner.NewRaw(`WITH o AS (INSERT INTO organizations (tenant_id, owner_id, name, street, postal_code, city, country)
			VALUES (?0, ?1, 'Hafenkontor GmbH', 'Kaistraße 1', '20457', 'Hamburg', 'DE') RETURNING id)
		INSERT INTO memberships (tenant_id, person_id, organization_id, role, is_primary)
		SELECT ?0, (SELECT id FROM persons WHERE owner_id = ?1 ORDER BY created_at DESC LIMIT 1), o.id, 'Einkauf', true FROM o`,
		e.admin.TenantID, e.admin.UserID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.Owner.ExecContext(ctx, "ANALYZE persons"); err != nil {
		t.Fatal(err)
	}
	var s statements
	e.db.App.AddQueryHook(&s)
	page := e.query(api.ListQuery{Owner: string(api.OwnerMe), Sort: "-" + string(api.SortCreatedAt), Limit: 50})
	if got := names(page); len(got) != 50 || got[0] != "P00001 Own" || got[1] != "P00002 Own" || page.NextCursor == "" {
		t.Fatalf("page %v, next %q", got, page.NextCursor)
	}
	first := page.Items[0]
	if len(first.Organizations) != 1 || first.Organizations[0].OrganizationName != "Hafenkontor GmbH" || !first.Organizations[0].Primary ||
		first.Organizations[0].Role != "Einkauf" || first.Organizations[0].PersonName != "P00001 Own" {
		t.Errorf("memberships %+v", first.Organizations)
	}
	if first.Via == nil || first.Via.OrganizationName != "Hafenkontor GmbH" || first.Via.Address.City != "Hamburg" {
		t.Errorf("via %+v", first.Via)
	}
	if len(page.Items[1].Organizations) != 0 || page.Items[1].Organizations == nil || page.Items[1].Via != nil {
		t.Errorf("second person: memberships %+v via %+v", page.Items[1].Organizations, page.Items[1].Via)
	}
	stmts := s.find("persons")
	if len(stmts) != 2 { // the page and its count
		t.Fatalf("%d statements read persons: %q", len(stmts), stmts)
	}
	if m := s.find("memberships"); len(m) != 1 || m[0] != stmts[0] {
		t.Errorf("the memberships are not read by the page's statement: %q", m)
	}
	var plan []string
	if err := db.InTenant(ctx, e.db.App, e.admin.TenantID, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewRaw("EXPLAIN "+stmts[0]).Scan(ctx, &plan)
	}); err != nil {
		t.Fatal(err)
	}
	if text := strings.Join(plan, "\n"); !strings.Contains(text, "persons_owner_created_idx") || strings.Contains(text, "Sort Key: p.created_at") {
		t.Errorf("the page does not read the owner's range of the index:\n%s", text)
	}
}
