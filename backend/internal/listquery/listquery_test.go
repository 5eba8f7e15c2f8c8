package listquery

import (
	"database/sql"
	"encoding/base64"
	"maps"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/driver/pgdriver"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"

	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/customfield/customfieldtest"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// The specs below mirror those of the record packages (which import this one, so a test here cannot use theirs):
// persons have no pipeline and their own address, deals take their organisation's address and link persons and
// organisations for the search, leads have statuses but no expected close date and no organisation filter.
var (
	personSpec = Spec{Type: api.RecordPerson, SortName: "p.sort_name",
		Organization: func(q bun.QueryBuilder, id uuid.UUID) bun.QueryBuilder {
			return q.Where("EXISTS (SELECT 1 FROM memberships AS fm WHERE fm.person_id = p.id AND fm.organization_id = ?)", id)
		}}
	dealSpec = Spec{Type: api.RecordDeal, SortName: "d.title",
		Organization: func(q bun.QueryBuilder, id uuid.UUID) bun.QueryBuilder { return q.Where("d.organization_id = ?", id) },
		AddressSQL: func(_ *access.Actor, col string) string {
			return "(SELECT ao." + col + " FROM organizations AS ao WHERE ao.id = d.organization_id)"
		},
		Statuses: []string{"open", "won", "lost"}, ExpectedClose: "expected_close",
		Links: []SearchLink{
			{Type: api.RecordPerson, Join: "sl.id = d.person_id", Linking: "SELECT id FROM deals WHERE person_id = ANY(?::uuid[])"},
			{Type: api.RecordOrganization, Join: "sl.id = d.organization_id", Linking: "SELECT id FROM deals WHERE organization_id = ANY(?::uuid[])"},
		}}
	leadSpec = Spec{Type: api.RecordLead, SortName: "l.title", Statuses: []string{"open", "converted", "lost"}}
)

var (
	tenantID = uuid.MustParse("00000000-0000-0000-0000-00000000000a")
	meID     = uuid.MustParse("00000000-0000-0000-0000-0000000000e1")
	otherID  = uuid.MustParse("00000000-0000-0000-0000-0000000000e2")
	unitID   = uuid.MustParse("00000000-0000-0000-0000-0000000000b1")
	subUnit  = uuid.MustParse("00000000-0000-0000-0000-0000000000b2")
	orgID    = uuid.MustParse("00000000-0000-0000-0000-0000000000c1")
	rowID    = uuid.MustParse("00000000-0000-0000-0000-0000000000d1")

	numberID, textID, boolID = customfieldtest.NumberID, customfieldtest.TextID, customfieldtest.BoolID
	archivedID               = customfieldtest.ArchivedID
)

// fields are custom fields of every kind, a required one and an archived one.
var fields = customfieldtest.Fields()

// actor is the user meID in unitID (with subUnit below it) with view grants of these scopes.
func actor(scopes map[api.RecordType]api.Scope) *access.Actor {
	var grants []api.Grant
	for rt, s := range scopes {
		grants = append(grants, api.Grant{RecordType: rt, Action: api.ActionView, Scope: s})
	}
	return access.NewActor(tenantID, meID, uuid.Nil, unitID, uuid.Nil, []uuid.UUID{unitID, subUnit}, false, grants)
}

// seesAll may view every record of every type.
var seesAll = actor(map[api.RecordType]api.Scope{api.RecordPerson: api.ScopeAll, api.RecordOrganization: api.ScopeAll,
	api.RecordDeal: api.ScopeAll, api.RecordLead: api.ScopeAll})

// render writes the page query of a compiled list as SQL, without a database (bun opens no connection until a
// query runs).
func render(t *testing.T, c *Compiled) string {
	t.Helper()
	db := bun.NewDB(sql.OpenDB(pgdriver.NewConnector()), pgdialect.New())
	t.Cleanup(func() { db.Close() })
	q := db.NewSelect().TableExpr("? AS ?", bun.Ident(c.spec.Table()), bun.Ident(c.spec.Alias())).ColumnExpr(c.spec.Alias() + ".id")
	c.Filter(q.QueryBuilder())
	return c.Page(q).String()
}

func mustCompile(t *testing.T, spec Spec, a *access.Actor, q api.ListQuery) *Compiled {
	t.Helper()
	c, err := Compile(spec, a, q, fields)
	if err != nil {
		t.Fatalf("Compile(%+v): %v", q, err)
	}
	return c
}

func encodeCursor(raw string) string { return base64.RawURLEncoding.EncodeToString([]byte(raw)) }

func ptr[T any](v T) *T { return &v }

func TestCompileReadsTheSortKey(t *testing.T) {
	spec := Spec{Type: api.RecordPerson, SortName: "p.sort_name"}
	for _, tc := range []struct {
		sort     string
		wantSort api.SortKey // "" = refused with sort: invalid
		wantDesc bool
	}{
		{"", "name", false},
		{"name", "name", false},
		{"-name", "name", true},
		{"city", "city", false},
		{"-createdAt", "createdAt", true},
		{"updatedAt", "updatedAt", false},
		{"-", "", false},
		{"--name", "", false},
		{"name-", "", false},
		{"Name", "", false},
		{" name", "", false},
		{"distance", "", false}, // only with a near condition
	} {
		t.Run(tc.sort, func(t *testing.T) {
			c, err := Compile(spec, nil, api.ListQuery{Sort: tc.sort}, nil)
			if tc.wantSort == "" {
				e, ok := httpx.AsError(err)
				if !ok || e.Fields["sort"] != api.FieldInvalid {
					t.Fatalf("got %v, want sort: invalid", err)
				}
				return
			}
			if err != nil || c.sort != tc.wantSort || c.desc != tc.wantDesc {
				t.Fatalf("got %+v %v, want %s desc=%v", c, err, tc.wantSort, tc.wantDesc)
			}
		})
	}
}

func TestCompileRefusesEveryWrongPartWithItsFieldCode(t *testing.T) {
	point := func(lat, lng float64) *api.Near { return &api.Near{Lat: &lat, Lng: &lng, RadiusKm: 5} }
	cond := func(id uuid.UUID, op api.ConditionOp, value string) []api.CustomCondition {
		return []api.CustomCondition{{FieldID: id.String(), Op: op, Value: value}}
	}
	for _, tc := range []struct {
		name string
		spec Spec
		q    api.ListQuery
		want map[string]api.FieldCode
	}{
		{"a negative limit", dealSpec, api.ListQuery{Limit: -1}, map[string]api.FieldCode{"limit": api.FieldInvalid}},
		{"a limit above 200", dealSpec, api.ListQuery{Limit: 201}, map[string]api.FieldCode{"limit": api.FieldInvalid}},
		{"an unknown sort key", dealSpec, api.ListQuery{Sort: "title"}, map[string]api.FieldCode{"sort": api.FieldInvalid}},
		{"a descending unknown sort key", dealSpec, api.ListQuery{Sort: "-value"}, map[string]api.FieldCode{"sort": api.FieldInvalid}},
		{"a distance sort without near", dealSpec, api.ListQuery{Sort: "-distance"}, map[string]api.FieldCode{"sort": api.FieldInvalid}},
		{"a dash without a sort key, even with near", dealSpec, api.ListQuery{Sort: "-", Near: point(48, 11)}, map[string]api.FieldCode{"sort": api.FieldInvalid}},
		{"a cursor that is not base64", dealSpec, api.ListQuery{Cursor: "not a cursor!"}, map[string]api.FieldCode{"cursor": api.FieldInvalid}},
		{"a cursor in padded base64", dealSpec, api.ListQuery{Cursor: base64.URLEncoding.EncodeToString([]byte(`{"v":"a","id":"` + rowID.String() + `"}`))},
			map[string]api.FieldCode{"cursor": api.FieldInvalid}},
		{"a cursor that is not JSON", dealSpec, api.ListQuery{Cursor: encodeCursor("Acme GmbH")}, map[string]api.FieldCode{"cursor": api.FieldInvalid}},
		{"a cursor without an id", dealSpec, api.ListQuery{Cursor: encodeCursor(`{"v":"Acme"}`)}, map[string]api.FieldCode{"cursor": api.FieldInvalid}},
		{"a cursor with the nil id", dealSpec, api.ListQuery{Cursor: encodeCursor(`{"v":"Acme","id":"` + uuid.Nil.String() + `"}`)},
			map[string]api.FieldCode{"cursor": api.FieldInvalid}},
		{"a cursor whose id is no UUID", dealSpec, api.ListQuery{Cursor: encodeCursor(`{"v":"Acme","id":"42"}`)}, map[string]api.FieldCode{"cursor": api.FieldInvalid}},
		{"a cursor whose value is no text", dealSpec, api.ListQuery{Cursor: encodeCursor(`{"v":42,"id":"` + rowID.String() + `"}`)},
			map[string]api.FieldCode{"cursor": api.FieldInvalid}},
		// A cursor continues the list that made it; one whose value cannot be the sort key's is refused rather than
		// read as the zero time or distance (which ends a descending date list at once).
		{"a cursor of the name sort read by a date sort", dealSpec, api.ListQuery{Sort: "-createdAt", Cursor: encodeCursor(`{"v":"Acme","id":"` + rowID.String() + `"}`)},
			map[string]api.FieldCode{"cursor": api.FieldInvalid}},
		{"a cursor with a date in another format", dealSpec, api.ListQuery{Sort: "updatedAt", Cursor: encodeCursor(`{"v":"2026-03-01","id":"` + rowID.String() + `"}`)},
			map[string]api.FieldCode{"cursor": api.FieldInvalid}},
		{"a cursor of a date sort read by the distance sort", dealSpec, api.ListQuery{Near: point(48, 11),
			Cursor: encodeCursor(`{"v":"2026-03-01T08:30:00Z","id":"` + rowID.String() + `"}`)}, map[string]api.FieldCode{"cursor": api.FieldInvalid}},
		{"a cursor with a distance that is no number", dealSpec, api.ListQuery{Near: point(48, 11), Sort: "-distance",
			Cursor: encodeCursor(`{"v":"NaN","id":"` + rowID.String() + `"}`)}, map[string]api.FieldCode{"cursor": api.FieldInvalid}},
		{"an owner that is neither me, team nor a user id", dealSpec, api.ListQuery{Owner: "bob"}, map[string]api.FieldCode{"owner": api.FieldInvalid}},
		{"an owner in capitals", dealSpec, api.ListQuery{Owner: "ME"}, map[string]api.FieldCode{"owner": api.FieldInvalid}},
		{"an organization id that is no UUID", dealSpec, api.ListQuery{OrganizationID: "acme"}, map[string]api.FieldCode{"organizationId": api.FieldInvalid}},
		{"an organization filter on a list without one", leadSpec, api.ListQuery{OrganizationID: orgID.String()}, map[string]api.FieldCode{"organizationId": api.FieldInvalid}},
		{"a pipeline id that is no UUID", dealSpec, api.ListQuery{PipelineID: "sales"}, map[string]api.FieldCode{"pipelineId": api.FieldInvalid}},
		{"a pipeline on a list without pipelines", personSpec, api.ListQuery{PipelineID: orgID.String()}, map[string]api.FieldCode{"pipelineId": api.FieldInvalid}},
		{"a stage id that is no UUID", leadSpec, api.ListQuery{StageID: "1"}, map[string]api.FieldCode{"stageId": api.FieldInvalid}},
		{"a stage on a list without pipelines", personSpec, api.ListQuery{StageID: orgID.String()}, map[string]api.FieldCode{"stageId": api.FieldInvalid}},
		{"a status of another record type", dealSpec, api.ListQuery{Status: "converted"}, map[string]api.FieldCode{"status": api.FieldInvalid}},
		{"a status in capitals", leadSpec, api.ListQuery{Status: "Open"}, map[string]api.FieldCode{"status": api.FieldInvalid}},
		{"a status on a list without statuses", personSpec, api.ListQuery{Status: "open"}, map[string]api.FieldCode{"status": api.FieldInvalid}},
		{"a day that does not exist", dealSpec, api.ListQuery{CreatedFrom: "2026-02-30"}, map[string]api.FieldCode{"createdFrom": api.FieldInvalid}},
		{"a German date", dealSpec, api.ListQuery{CreatedTo: "31.01.2026"}, map[string]api.FieldCode{"createdTo": api.FieldInvalid}},
		{"a date with a time", dealSpec, api.ListQuery{UpdatedFrom: "2026-01-31T00:00:00Z"}, map[string]api.FieldCode{"updatedFrom": api.FieldInvalid}},
		{"a date without leading zeros", dealSpec, api.ListQuery{UpdatedTo: "2026-1-5"}, map[string]api.FieldCode{"updatedTo": api.FieldInvalid}},
		{"closed days on a list without statuses", personSpec, api.ListQuery{ClosedFrom: "2026-01-01", ClosedTo: "2026-01-31"},
			map[string]api.FieldCode{"closedFrom": api.FieldInvalid, "closedTo": api.FieldInvalid}},
		{"a closed day that is no date", dealSpec, api.ListQuery{ClosedTo: "yesterday"}, map[string]api.FieldCode{"closedTo": api.FieldInvalid}},
		{"close dates on a list without an expected close date", leadSpec, api.ListQuery{CloseDateFrom: "2026-01-01", CloseDateTo: "2026-01-31"},
			map[string]api.FieldCode{"closeDateFrom": api.FieldInvalid, "closeDateTo": api.FieldInvalid}},
		{"a close date in month 13", dealSpec, api.ListQuery{CloseDateTo: "2026-13-01"}, map[string]api.FieldCode{"closeDateTo": api.FieldInvalid}},
		{"a custom field nobody defined", dealSpec, api.ListQuery{Custom: cond(rowID, "set", "")}, map[string]api.FieldCode{"custom[0].fieldId": api.FieldUnknown}},
		{"a custom field id that is no UUID", dealSpec, api.ListQuery{Custom: []api.CustomCondition{{FieldID: "umsatz", Op: "set"}}},
			map[string]api.FieldCode{"custom[0].fieldId": api.FieldUnknown}},
		{"an archived custom field", dealSpec, api.ListQuery{Custom: cond(archivedID, "set", "")}, map[string]api.FieldCode{"custom[0].fieldId": api.FieldUnknown}},
		{"a text operator on a number", dealSpec, api.ListQuery{Custom: cond(numberID, "contains", "1")}, map[string]api.FieldCode{"custom[0].op": api.FieldInvalid}},
		{"the bool operator on a number", dealSpec, api.ListQuery{Custom: cond(numberID, "is", "1")}, map[string]api.FieldCode{"custom[0].op": api.FieldInvalid}},
		{"a number that is no number", dealSpec, api.ListQuery{Custom: cond(numberID, "gt", "viel")}, map[string]api.FieldCode{"custom[0].value": api.FieldType}},
		{"a number with a decimal comma", dealSpec, api.ListQuery{Custom: cond(numberID, "eq", "1,5")}, map[string]api.FieldCode{"custom[0].value": api.FieldType}},
		{"a number comparison without a number", dealSpec, api.ListQuery{Custom: cond(numberID, "lte", "")}, map[string]api.FieldCode{"custom[0].value": api.FieldType}},
		{"a number operator on a text", dealSpec, api.ListQuery{Custom: cond(textID, "gt", "a")}, map[string]api.FieldCode{"custom[0].op": api.FieldInvalid}},
		{"a text comparison with blanks only", dealSpec, api.ListQuery{Custom: cond(textID, "contains", "  ")}, map[string]api.FieldCode{"custom[0].value": api.FieldRequired}},
		{"a text equality without a value", dealSpec, api.ListQuery{Custom: cond(textID, "eq", "")}, map[string]api.FieldCode{"custom[0].value": api.FieldRequired}},
		{"eq on a bool", dealSpec, api.ListQuery{Custom: cond(boolID, "eq", "true")}, map[string]api.FieldCode{"custom[0].op": api.FieldInvalid}},
		{"a bool that is neither true nor false", dealSpec, api.ListQuery{Custom: cond(boolID, "is", "ja")}, map[string]api.FieldCode{"custom[0].value": api.FieldType}},
		{"a bool in capitals", dealSpec, api.ListQuery{Custom: cond(boolID, "is", "TRUE")}, map[string]api.FieldCode{"custom[0].value": api.FieldType}},
		{"an operator in capitals", dealSpec, api.ListQuery{Custom: cond(textID, "SET", "")}, map[string]api.FieldCode{"custom[0].op": api.FieldInvalid}},
		{"the second of two conditions", dealSpec, api.ListQuery{Custom: []api.CustomCondition{
			{FieldID: numberID.String(), Op: "gt", Value: "1"}, {FieldID: boolID.String(), Op: "is", Value: "maybe"}}},
			map[string]api.FieldCode{"custom[1].value": api.FieldType}},
		{"a radius of zero", dealSpec, api.ListQuery{Near: &api.Near{Lat: ptr(48.0), Lng: ptr(11.0)}}, map[string]api.FieldCode{"near.radiusKm": api.FieldRange}},
		{"a negative radius", dealSpec, api.ListQuery{Near: &api.Near{Lat: ptr(48.0), Lng: ptr(11.0), RadiusKm: -1}}, map[string]api.FieldCode{"near.radiusKm": api.FieldRange}},
		{"a radius above 500 km", dealSpec, api.ListQuery{Near: &api.Near{Lat: ptr(48.0), Lng: ptr(11.0), RadiusKm: 500.001}}, map[string]api.FieldCode{"near.radiusKm": api.FieldRange}},
		{"a radius that is no number", dealSpec, api.ListQuery{Near: &api.Near{Lat: ptr(48.0), Lng: ptr(11.0), RadiusKm: math.NaN()}}, map[string]api.FieldCode{"near.radiusKm": api.FieldRange}},
		{"a reference activity", dealSpec, api.ListQuery{Near: &api.Near{RecordType: api.RecordActivity, RecordID: rowID.String(), RadiusKm: 5}},
			map[string]api.FieldCode{"near.recordType": api.FieldInvalid}},
		{"a reference of an unknown type", dealSpec, api.ListQuery{Near: &api.Near{RecordType: "ship", RecordID: rowID.String(), RadiusKm: 5}},
			map[string]api.FieldCode{"near.recordType": api.FieldInvalid}},
		{"a reference id that is no UUID", dealSpec, api.ListQuery{Near: &api.Near{RecordType: api.RecordPerson, RecordID: "42", RadiusKm: 5}},
			map[string]api.FieldCode{"near.recordId": api.FieldInvalid}},
		{"a reference type without an id", dealSpec, api.ListQuery{Near: &api.Near{RecordType: api.RecordPerson, RadiusKm: 5}},
			map[string]api.FieldCode{"near.recordId": api.FieldInvalid}},
		{"a reference id without a type", dealSpec, api.ListQuery{Near: &api.Near{RecordID: rowID.String(), RadiusKm: 5}},
			map[string]api.FieldCode{"near.recordType": api.FieldInvalid}},
		{"an address of blanks and control characters", dealSpec, api.ListQuery{Near: &api.Near{Address: " \n\t ", RadiusKm: 5}},
			map[string]api.FieldCode{"near.address": api.FieldRequired}},
		{"an address longer than 300 characters", dealSpec, api.ListQuery{Near: &api.Near{Address: strings.Repeat("ä", 301), RadiusKm: 5}},
			map[string]api.FieldCode{"near.address": api.FieldTooLong}},
		{"a latitude beyond the pole", dealSpec, api.ListQuery{Near: point(90.5, 11)}, map[string]api.FieldCode{"near.lat": api.FieldRange}},
		{"a longitude beyond the date line", dealSpec, api.ListQuery{Near: point(48, -180.5)}, map[string]api.FieldCode{"near.lat": api.FieldRange}},
		{"a latitude that is no number", dealSpec, api.ListQuery{Near: point(math.NaN(), 11)}, map[string]api.FieldCode{"near.lat": api.FieldRange}},
		{"a latitude without a longitude", dealSpec, api.ListQuery{Near: &api.Near{Lat: ptr(48.0), RadiusKm: 5}}, map[string]api.FieldCode{"near.lat": api.FieldRange}},
		{"a longitude without a latitude", dealSpec, api.ListQuery{Near: &api.Near{Lng: ptr(11.0), RadiusKm: 5}}, map[string]api.FieldCode{"near.lat": api.FieldRange}},
		{"a near without a reference", dealSpec, api.ListQuery{Near: &api.Near{RadiusKm: 5}}, map[string]api.FieldCode{"near": api.FieldInvalid}},
		{"a near with a point and an address", dealSpec, api.ListQuery{Near: &api.Near{Lat: ptr(48.0), Lng: ptr(11.0), Address: "Marienplatz 1, München", RadiusKm: 5}},
			map[string]api.FieldCode{"near": api.FieldInvalid}},
		{"a near with a record and a point", dealSpec, api.ListQuery{Near: &api.Near{RecordType: api.RecordPerson, RecordID: rowID.String(),
			Lat: ptr(48.0), Lng: ptr(11.0), RadiusKm: 5}}, map[string]api.FieldCode{"near": api.FieldInvalid}},
		{"every wrong part at once", dealSpec, api.ListQuery{Limit: 1000, Sort: "value", Cursor: "%%", Owner: "all", OrganizationID: "1",
			PipelineID: "2", StageID: "3", Status: "done", CreatedFrom: "x", CreatedTo: "x", UpdatedFrom: "x", UpdatedTo: "x",
			ClosedFrom: "x", ClosedTo: "x", CloseDateFrom: "x", CloseDateTo: "x",
			Custom: []api.CustomCondition{{FieldID: "x", Op: "set"}, {FieldID: numberID.String(), Op: "like"}, {FieldID: boolID.String(), Op: "is", Value: "1"}},
			Near:   &api.Near{Lat: ptr(100.0), Lng: ptr(0.0)}},
			map[string]api.FieldCode{"limit": api.FieldInvalid, "sort": api.FieldInvalid, "cursor": api.FieldInvalid, "owner": api.FieldInvalid,
				"organizationId": api.FieldInvalid, "pipelineId": api.FieldInvalid, "stageId": api.FieldInvalid, "status": api.FieldInvalid,
				"createdFrom": api.FieldInvalid, "createdTo": api.FieldInvalid, "updatedFrom": api.FieldInvalid, "updatedTo": api.FieldInvalid,
				"closedFrom": api.FieldInvalid, "closedTo": api.FieldInvalid, "closeDateFrom": api.FieldInvalid, "closeDateTo": api.FieldInvalid,
				"custom[0].fieldId": api.FieldUnknown, "custom[1].op": api.FieldInvalid, "custom[2].value": api.FieldType,
				"near.radiusKm": api.FieldRange, "near.lat": api.FieldRange}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Compile(tc.spec, seesAll, tc.q, fields)
			e, ok := httpx.AsError(err)
			if !ok {
				t.Fatalf("Compile = %v (compiled: %t), want a 422 with %v", err, c != nil, tc.want)
			}
			if e.Status != http.StatusUnprocessableEntity || e.Code != api.CodeValidation || !maps.Equal(e.Fields, tc.want) {
				t.Fatalf("got %d %s %v, want 422 %s %v", e.Status, e.Code, e.Fields, api.CodeValidation, tc.want)
			}
		})
	}
}

func TestCompileAcceptsTheLimitsOfAPage(t *testing.T) {
	for _, tc := range []struct {
		name      string
		limit     int
		wantLimit int
		wantSQL   string
	}{
		{"no limit takes the default", 0, 50, "LIMIT 51"},
		{"the smallest page", 1, 1, "LIMIT 2"},
		{"the largest page", 200, 200, "LIMIT 201"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := mustCompile(t, dealSpec, seesAll, api.ListQuery{Limit: tc.limit})
			if c.Limit() != tc.wantLimit {
				t.Errorf("Limit() = %d, want %d", c.Limit(), tc.wantLimit)
			}
			// One row more than the page tells whether another page follows.
			if sql := render(t, c); !strings.HasSuffix(sql, " "+tc.wantSQL) {
				t.Errorf("got %s, want it to end with %s", sql, tc.wantSQL)
			}
		})
	}
}

func TestFilterAddsOneConditionPerFilter(t *testing.T) {
	// Without filters a list is its live records in the actor's scope (here: all) by name.
	const bare = `SELECT d.id FROM "deals" AS "d" WHERE ("d"."deleted_at" IS NULL) ORDER BY d.title COLLATE "de-x-icu" ASC, "d"."id" ASC LIMIT 51`
	if got := render(t, mustCompile(t, dealSpec, seesAll, api.ListQuery{})); got != bare {
		t.Fatalf("a list without filters:\ngot  %s\nwant %s", got, bare)
	}
	cond := func(id uuid.UUID, op api.ConditionOp, value string) []api.CustomCondition {
		return []api.CustomCondition{{FieldID: id.String(), Op: op, Value: value}}
	}
	num, text, yes := `"d"."custom"->>'`+numberID.String()+`'`, `"d"."custom"->>'`+textID.String()+`'`, boolID.String()
	for _, tc := range []struct {
		name string
		spec Spec
		q    api.ListQuery
		want []string // conditions of the WHERE clause, in order
	}{
		{"owner me is the actor", dealSpec, api.ListQuery{Owner: "me"}, []string{`("d"."owner_id" = '` + meID.String() + `')`}},
		{"owner team is a user of the actor's units", dealSpec, api.ListQuery{Owner: "team"},
			[]string{`("d"."owner_id" IN (SELECT team_u.id FROM users AS team_u WHERE team_u.unit_id IN ('` + unitID.String() + `', '` + subUnit.String() + `')))`}},
		{"owner by user id", dealSpec, api.ListQuery{Owner: otherID.String()}, []string{`("d"."owner_id" = '` + otherID.String() + `')`}},
		{"organization of a deal", dealSpec, api.ListQuery{OrganizationID: orgID.String()}, []string{`(d.organization_id = '` + orgID.String() + `')`}},
		{"organization of a person through memberships", personSpec, api.ListQuery{OrganizationID: orgID.String()},
			[]string{`(EXISTS (SELECT 1 FROM memberships AS fm WHERE fm.person_id = p.id AND fm.organization_id = '` + orgID.String() + `'))`}},
		{"pipeline", dealSpec, api.ListQuery{PipelineID: orgID.String()}, []string{`("d"."pipeline_id" = '` + orgID.String() + `')`}},
		{"stage", leadSpec, api.ListQuery{StageID: orgID.String()}, []string{`("l"."stage_id" = '` + orgID.String() + `')`}},
		{"status of a deal", dealSpec, api.ListQuery{Status: "won"}, []string{`("d"."status" = 'won')`}},
		{"status of a lead", leadSpec, api.ListQuery{Status: "converted"}, []string{`("l"."status" = 'converted')`}},
		// Days are Berlin days: 29 March 2026 has 23 hours (summer time begins), 15 January is in winter time.
		{"created from the Berlin midnight", dealSpec, api.ListQuery{CreatedFrom: "2026-03-29"}, []string{`("d"."created_at" >= '2026-03-28 23:00:00+00:00')`}},
		{"created to the next Berlin midnight", dealSpec, api.ListQuery{CreatedTo: "2026-03-29"}, []string{`("d"."created_at" < '2026-03-29 22:00:00+00:00')`}},
		{"updated in winter days", personSpec, api.ListQuery{UpdatedFrom: "2026-01-15", UpdatedTo: "2026-01-15"},
			[]string{`("p"."updated_at" >= '2026-01-14 23:00:00+00:00')`, `("p"."updated_at" < '2026-01-15 23:00:00+00:00')`}},
		{"closed in summer days", leadSpec, api.ListQuery{ClosedFrom: "2026-07-01", ClosedTo: "2026-07-31"},
			[]string{`("l"."closed_at" >= '2026-06-30 22:00:00+00:00')`, `("l"."closed_at" < '2026-07-31 22:00:00+00:00')`}},
		{"expected close from a date", dealSpec, api.ListQuery{CloseDateFrom: "2026-01-01"}, []string{`("d"."expected_close" >= '2026-01-01'::date)`}},
		{"expected close to a date, inclusive", dealSpec, api.ListQuery{CloseDateTo: "2026-01-31"}, []string{`("d"."expected_close" <= '2026-01-31'::date)`}},
		// The same query compiles to the same SQL every time (the slow-query log groups statements by their text).
		{"every day bound in a fixed order", dealSpec, api.ListQuery{CloseDateTo: "2026-01-31", CloseDateFrom: "2026-01-01",
			ClosedTo: "2026-01-31", ClosedFrom: "2026-01-01", UpdatedTo: "2026-01-31", UpdatedFrom: "2026-01-01", CreatedTo: "2026-01-31", CreatedFrom: "2026-01-01"},
			[]string{`("d"."created_at" >= '2025-12-31 23:00:00+00:00')`, `("d"."created_at" < '2026-01-31 23:00:00+00:00')`,
				`("d"."updated_at" >= '2025-12-31 23:00:00+00:00')`, `("d"."updated_at" < '2026-01-31 23:00:00+00:00')`,
				`("d"."closed_at" >= '2025-12-31 23:00:00+00:00')`, `("d"."closed_at" < '2026-01-31 23:00:00+00:00')`,
				`("d"."expected_close" >= '2026-01-01'::date)`, `("d"."expected_close" <= '2026-01-31'::date)`}},
		{"postal code of a person from its start", personSpec, api.ListQuery{PostalCode: " 80 "}, []string{`(p.postal_code LIKE '80%')`}},
		{"postal code with LIKE characters escaped", personSpec, api.ListQuery{PostalCode: `8_%\`}, []string{`(p.postal_code LIKE '8\_\%\\%')`}},
		{"postal code of a deal is its organisation's", dealSpec, api.ListQuery{PostalCode: "80"},
			[]string{`((SELECT ao.postal_code FROM organizations AS ao WHERE ao.id = d.organization_id) LIKE '80%')`}},
		{"city ignoring case", personSpec, api.ListQuery{City: " München "}, []string{`(lower(p.city) = lower('München'))`}},
		{"country in capitals", dealSpec, api.ListQuery{Country: "de"},
			[]string{`((SELECT ao.country FROM organizations AS ao WHERE ao.id = d.organization_id) = upper('de'))`}},
		{"blank address filters filter nothing", personSpec, api.ListQuery{PostalCode: " ", City: "\t", Country: " "}, nil},
		{"number equal", dealSpec, api.ListQuery{Custom: cond(numberID, "eq", " 1.5 ")}, []string{`((` + num + `)::numeric = 1.5)`}},
		{"number not equal", dealSpec, api.ListQuery{Custom: cond(numberID, "ne", "-2")}, []string{`((` + num + `)::numeric <> -2)`}},
		{"number greater", dealSpec, api.ListQuery{Custom: cond(numberID, "gt", "1e3")}, []string{`((` + num + `)::numeric > 1000)`}},
		{"number at least", dealSpec, api.ListQuery{Custom: cond(numberID, "gte", "0")}, []string{`((` + num + `)::numeric >= 0)`}},
		{"number less", dealSpec, api.ListQuery{Custom: cond(numberID, "lt", "0.25")}, []string{`((` + num + `)::numeric < 0.25)`}},
		{"number at most", dealSpec, api.ListQuery{Custom: cond(numberID, "lte", "100")}, []string{`((` + num + `)::numeric <= 100)`}},
		{"number empty ignores the value", dealSpec, api.ListQuery{Custom: cond(numberID, "empty", "viel")},
			[]string{`(NOT ("d"."custom" ? '` + numberID.String() + `'))`}},
		{"number set ignores the value", dealSpec, api.ListQuery{Custom: cond(numberID, "set", "viel")}, []string{`("d"."custom" ? '` + numberID.String() + `')`}},
		{"text contains, LIKE characters escaped", dealSpec, api.ListQuery{Custom: cond(textID, "contains", " 50%_ ")}, []string{`(` + text + ` ILIKE '%50\%\_%')`}},
		{"text equal ignoring case", dealSpec, api.ListQuery{Custom: cond(textID, "eq", " Handel ")}, []string{`(lower(` + text + `) = lower('Handel'))`}},
		{"text empty", dealSpec, api.ListQuery{Custom: cond(textID, "empty", "")}, []string{`(NOT ("d"."custom" ? '` + textID.String() + `'))`}},
		{"text set", dealSpec, api.ListQuery{Custom: cond(textID, "set", "")}, []string{`("d"."custom" ? '` + textID.String() + `')`}},
		{"bool is true by containment", dealSpec, api.ListQuery{Custom: cond(boolID, "is", "true")}, []string{`("d"."custom" @> '{"` + yes + `":"true"}'::jsonb)`}},
		{"bool is false by containment", dealSpec, api.ListQuery{Custom: cond(boolID, "is", " false ")}, []string{`("d"."custom" @> '{"` + yes + `":"false"}'::jsonb)`}},
		{"bool empty", dealSpec, api.ListQuery{Custom: cond(boolID, "empty", "")}, []string{`(NOT ("d"."custom" ? '` + yes + `'))`}},
		{"bool set", dealSpec, api.ListQuery{Custom: cond(boolID, "set", "")}, []string{`("d"."custom" ? '` + yes + `')`}},
		{"conditions combine in order", dealSpec, api.ListQuery{Owner: "me", Status: "open", City: "Köln",
			Custom: []api.CustomCondition{{FieldID: numberID.String(), Op: "gt", Value: "1"}, {FieldID: textID.String(), Op: "set"}}},
			[]string{`("d"."owner_id" = '` + meID.String() + `')`, `("d"."status" = 'open')`, `(lower((SELECT ao.city`,
				`((` + num + `)::numeric > 1)`, `("d"."custom" ? '` + textID.String() + `')`}},
		{"a search on a list without links", personSpec, api.ListQuery{Search: "  Müller "}, []string{`("p"."search_text" LIKE '%mueller%')`}},
		{"a search for a phone number searches its digits", personSpec, api.ListQuery{Search: "+49 (89) 123"}, []string{`("p"."search_text" LIKE '%4989123%')`}},
		{"a search with LIKE characters escaped", personSpec, api.ListQuery{Search: "50%_"}, []string{`("p"."search_text" LIKE '%50\%\_%')`}},
		{"a search of one character searches nothing", personSpec, api.ListQuery{Search: " a "}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sql := render(t, mustCompile(t, tc.spec, seesAll, tc.q))
			where := whereOf(t, sql)
			rest, live := where, `("`+tc.spec.Alias()+`"."deleted_at" IS NULL)`
			if !strings.HasPrefix(rest, live) {
				t.Fatalf("got WHERE %s, want it to start with %s", where, live)
			}
			rest = rest[len(live):]
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("got WHERE %s\nwant (after what came before) %s", where, w)
				}
				rest = rest[i+len(w):]
			}
			if len(tc.want) == 0 && rest != "" {
				t.Fatalf("got WHERE %s, want only %s", where, live)
			}
		})
	}
}

// whereOf is the WHERE clause of a rendered page query.
func whereOf(t *testing.T, sql string) string {
	t.Helper()
	_, where, ok := strings.Cut(sql, " WHERE ")
	if !ok {
		t.Fatalf("no WHERE in %s", sql)
	}
	where, _, _ = strings.Cut(where, " ORDER BY ")
	return where
}

func TestFilterRestrictsToTheActorsScope(t *testing.T) {
	units := `('` + unitID.String() + `', '` + subUnit.String() + `')`
	inUnits := `("d"."owner_id" = ANY(ARRAY(SELECT scope_u.id FROM users AS scope_u WHERE scope_u.unit_id IN ` + units + `)))`
	inTeam := `("d"."owner_id" IN (SELECT team_u.id FROM users AS team_u WHERE team_u.unit_id IN ` + units + `))`
	mine := `("d"."owner_id" = '` + meID.String() + `')`
	for _, tc := range []struct {
		name  string
		scope api.Scope // of deals; "" = no grant
		owner string
		want  string // the WHERE clause
	}{
		{"all sees every live deal", api.ScopeAll, "", `("d"."deleted_at" IS NULL)`},
		{"unit sees the deals of the unit tree's users", api.ScopeUnit, "", `("d"."deleted_at" IS NULL) AND ` + inUnits},
		{"own sees the actor's deals", api.ScopeOwn, "", `("d"."deleted_at" IS NULL) AND ` + mine},
		{"none sees nothing", api.ScopeNone, "", `("d"."deleted_at" IS NULL) AND (FALSE)`},
		{"no grant sees nothing", "", "", `("d"."deleted_at" IS NULL) AND (FALSE)`},
		{"owner team under all narrows to the team", api.ScopeAll, "team", `("d"."deleted_at" IS NULL) AND ` + inTeam},
		{"owner team under unit is the scope itself", api.ScopeUnit, "team", `("d"."deleted_at" IS NULL) AND ` + inUnits},
		{"owner me under unit comes on top of the scope", api.ScopeUnit, "me", `("d"."deleted_at" IS NULL) AND ` + inUnits + ` AND ` + mine},
		{"another owner under own finds only what both admit", api.ScopeOwn, otherID.String(),
			`("d"."deleted_at" IS NULL) AND ` + mine + ` AND ("d"."owner_id" = '` + otherID.String() + `')`},
		{"an owner under none still sees nothing", api.ScopeNone, "me", `("d"."deleted_at" IS NULL) AND (FALSE) AND ` + mine},
	} {
		t.Run(tc.name, func(t *testing.T) {
			scopes := map[api.RecordType]api.Scope{api.RecordPerson: api.ScopeAll}
			if tc.scope != "" {
				scopes[api.RecordDeal] = tc.scope
			}
			got := whereOf(t, render(t, mustCompile(t, dealSpec, actor(scopes), api.ListQuery{Owner: tc.owner})))
			if got != tc.want {
				t.Fatalf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestSearchFindsThroughLinkedRecordsTheActorMaySee(t *testing.T) {
	exists := func(table, scope string) string {
		return `(EXISTS (SELECT 1 FROM "` + table + `" AS "sl" WHERE ("sl".deleted_at IS NULL)` + scope + ` AND (sl.id = d.` +
			map[string]string{"persons": "person_id", "organizations": "organization_id"}[table] + `) AND (sl.search_text LIKE '%acme%')))`
	}
	for _, tc := range []struct {
		name   string
		scopes map[api.RecordType]api.Scope
		want   string
	}{
		{"every linked record", map[api.RecordType]api.Scope{api.RecordDeal: api.ScopeAll, api.RecordPerson: api.ScopeAll, api.RecordOrganization: api.ScopeAll},
			`(("d"."search_text" LIKE '%acme%') OR ` + exists("persons", "") + ` OR ` + exists("organizations", "") + `)`},
		{"own persons, no organisations", map[api.RecordType]api.Scope{api.RecordDeal: api.ScopeAll, api.RecordPerson: api.ScopeOwn},
			`(("d"."search_text" LIKE '%acme%') OR ` + exists("persons", ` AND ("sl"."owner_id" = '`+meID.String()+`')`) +
				` OR ` + exists("organizations", ` AND (FALSE)`) + `)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			where := whereOf(t, render(t, mustCompile(t, dealSpec, actor(tc.scopes), api.ListQuery{Search: "ACME"})))
			if !strings.HasSuffix(where, " AND "+tc.want) {
				t.Fatalf("got  %s\nwant it to end with %s", where, tc.want)
			}
		})
	}
}

func TestSearchFilterTakesTheNarrowedCandidates(t *testing.T) {
	for _, tc := range []struct {
		name       string
		candidates []uuid.UUID
		want       string
	}{
		{"no candidates find nothing", []uuid.UUID{}, `("p"."deleted_at" IS NULL) AND (FALSE)`},
		{"candidates restrict the search", []uuid.UUID{rowID, orgID},
			`("p"."deleted_at" IS NULL) AND ("p"."id" = ANY('{"` + rowID.String() + `","` + orgID.String() + `"}'::uuid[])) AND ("p"."search_text" LIKE '%acme%')`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := mustCompile(t, personSpec, seesAll, api.ListQuery{Search: "acme"})
			c.candidates, c.narrowed = tc.candidates, true
			if got := whereOf(t, render(t, c)); got != tc.want {
				t.Fatalf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestPageOrdersBySortKeyWithTheIDAsTieBreaker(t *testing.T) {
	near := &api.Near{Lat: ptr(48.137), Lng: ptr(11.575), RadiusKm: 10}
	dist := `earth_distance(ll_to_earth(48.137, 11.575), p.geo_earth)`
	for _, tc := range []struct {
		name string
		spec Spec
		q    api.ListQuery
		want string
	}{
		{"name by default", personSpec, api.ListQuery{}, `p.sort_name COLLATE "de-x-icu" ASC, "p"."id" ASC`},
		{"name", personSpec, api.ListQuery{Sort: "name"}, `p.sort_name COLLATE "de-x-icu" ASC, "p"."id" ASC`},
		{"name descending", personSpec, api.ListQuery{Sort: "-name"}, `p.sort_name COLLATE "de-x-icu" DESC, "p"."id" DESC`},
		{"name of a deal is its title", dealSpec, api.ListQuery{Sort: "name"}, `d.title COLLATE "de-x-icu" ASC, "d"."id" ASC`},
		{"city", personSpec, api.ListQuery{Sort: "city"}, `p.city COLLATE "de-x-icu" ASC, "p"."id" ASC`},
		{"city descending", personSpec, api.ListQuery{Sort: "-city"}, `p.city COLLATE "de-x-icu" DESC, "p"."id" DESC`},
		{"city of a deal is its organisation's", dealSpec, api.ListQuery{Sort: "city"},
			`(SELECT ao.city FROM organizations AS ao WHERE ao.id = d.organization_id) COLLATE "de-x-icu" ASC, "d"."id" ASC`},
		{"createdAt", personSpec, api.ListQuery{Sort: "createdAt"}, `p.created_at ASC, "p"."id" ASC`},
		{"createdAt descending", personSpec, api.ListQuery{Sort: "-createdAt"}, `p.created_at DESC, "p"."id" DESC`},
		{"updatedAt", leadSpec, api.ListQuery{Sort: "updatedAt"}, `l.updated_at ASC, "l"."id" ASC`},
		{"updatedAt descending", leadSpec, api.ListQuery{Sort: "-updatedAt"}, `l.updated_at DESC, "l"."id" DESC`},
		{"distance by default near a point", personSpec, api.ListQuery{Near: near}, dist + ` ASC, "p"."id" ASC`},
		{"distance", personSpec, api.ListQuery{Near: near, Sort: "distance"}, dist + ` ASC, "p"."id" ASC`},
		{"distance descending", personSpec, api.ListQuery{Near: near, Sort: "-distance"}, dist + ` DESC, "p"."id" DESC`},
		{"name near a point", personSpec, api.ListQuery{Near: near, Sort: "name"}, `p.sort_name COLLATE "de-x-icu" ASC, "p"."id" ASC`},
		{"distance of a deal is its placed organisation's, else its placed person's, as far as the actor may see them", dealSpec, api.ListQuery{Near: near},
			`earth_distance(ll_to_earth(48.137, 11.575), coalesce((SELECT nbo.geo_earth FROM organizations AS nbo WHERE nbo.id = d.organization_id AND nbo.deleted_at IS NULL AND nbo.geo_earth IS NOT NULL AND TRUE), ` +
				`(SELECT nbp.geo_earth FROM persons AS nbp WHERE nbp.id = d.person_id AND nbp.deleted_at IS NULL AND nbp.geo_earth IS NOT NULL AND TRUE))) ASC, "d"."id" ASC`},
		{"distance to a record not yet resolved is unknown", personSpec,
			api.ListQuery{Near: &api.Near{RecordType: api.RecordOrganization, RecordID: orgID.String(), RadiusKm: 10}}, `NULL::float8 ASC, "p"."id" ASC`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sql := render(t, mustCompile(t, tc.spec, seesAll, tc.q))
			if want := " ORDER BY " + tc.want + " LIMIT 51"; !strings.HasSuffix(sql, want) {
				t.Fatalf("got  %s\nwant it to end with %s", sql, want)
			}
		})
	}
}

func TestPageContinuesAfterTheCursor(t *testing.T) {
	created := time.Date(2026, 3, 1, 9, 30, 0, 123456000, time.FixedZone("CET", 3600))
	id := `'` + rowID.String() + `'`
	near := &api.Near{Lat: ptr(48.137), Lng: ptr(11.575), RadiusKm: 10}
	for _, tc := range []struct {
		name   string
		q      api.ListQuery // without the cursor
		cursor func(c *Compiled) string
		want   string
	}{
		{"after a name", api.ListQuery{}, func(c *Compiled) string { return c.Cursor("Acme 'GmbH'", "Köln", created, created, rowID) },
			`((p.sort_name COLLATE "de-x-icu", "p"."id") > ('Acme ''GmbH''', ` + id + `))`},
		{"before a name, descending", api.ListQuery{Sort: "-name"}, func(c *Compiled) string { return c.Cursor("Acme", "Köln", created, created, rowID) },
			`((p.sort_name COLLATE "de-x-icu", "p"."id") < ('Acme', ` + id + `))`},
		{"after a city", api.ListQuery{Sort: "city"}, func(c *Compiled) string { return c.Cursor("Acme", "Köln", created, created, rowID) },
			`((p.city COLLATE "de-x-icu", "p"."id") > ('Köln', ` + id + `))`},
		{"after an empty city", api.ListQuery{Sort: "-city"}, func(c *Compiled) string { return c.Cursor("Acme", "", created, created, rowID) },
			`((p.city COLLATE "de-x-icu", "p"."id") < ('', ` + id + `))`},
		{"after a creation time, in UTC to the microsecond", api.ListQuery{Sort: "createdAt"},
			func(c *Compiled) string { return c.Cursor("Acme", "Köln", created, time.Time{}, rowID) },
			`((p.created_at, "p"."id") > ('2026-03-01 08:30:00.123456+00:00', ` + id + `))`},
		{"before an update time, descending", api.ListQuery{Sort: "-updatedAt"},
			func(c *Compiled) string { return c.Cursor("Acme", "Köln", time.Time{}, created, rowID) },
			`((p.updated_at, "p"."id") < ('2026-03-01 08:30:00.123456+00:00', ` + id + `))`},
		{"after a distance", api.ListQuery{Near: near}, func(c *Compiled) string { return c.cursorAfter(distanced{rowID, ptr(1234.5)}) },
			`((earth_distance(ll_to_earth(48.137, 11.575), p.geo_earth), "p"."id") > (1234.5, ` + id + `))`},
		{"before a distance, descending", api.ListQuery{Near: near, Sort: "-distance"}, func(c *Compiled) string { return c.cursorAfter(distanced{rowID, ptr(0.5)}) },
			`((earth_distance(ll_to_earth(48.137, 11.575), p.geo_earth), "p"."id") < (0.5, ` + id + `))`},
		{"after a row without a distance", api.ListQuery{Near: near}, func(c *Compiled) string { return c.cursorAfter(distanced{rowID, nil}) },
			`((earth_distance(ll_to_earth(48.137, 11.575), p.geo_earth), "p"."id") > (0, ` + id + `))`},
		{"a cursor of the name sort read by the city sort positions by its text", api.ListQuery{Sort: "city"},
			func(*Compiled) string { return encodeCursor(`{"v":"Acme","id":"` + rowID.String() + `"}`) },
			`((p.city COLLATE "de-x-icu", "p"."id") > ('Acme', ` + id + `))`},
		{"a tampered cursor only positions within the scope", api.ListQuery{Owner: "me"},
			func(*Compiled) string { return encodeCursor(`{"v":"' OR TRUE --","id":"` + orgID.String() + `"}`) },
			`((p.sort_name COLLATE "de-x-icu", "p"."id") > (''' OR TRUE --', '` + orgID.String() + `'))`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The cursor is made by the list it continues (or sent as is) and read back by Compile.
			q := tc.q
			q.Cursor = tc.cursor(mustCompile(t, personSpec, seesAll, q))
			where := whereOf(t, render(t, mustCompile(t, personSpec, seesAll, q)))
			if !strings.HasSuffix(where, " AND "+tc.want) {
				t.Fatalf("got  %s\nwant it to end with %s", where, tc.want)
			}
			if q.Owner == "me" && !strings.Contains(where, `("p"."owner_id" = '`+meID.String()+`')`) {
				t.Fatalf("got %s, want the owner condition with the cursor", where)
			}
		})
	}
}

// distanced is a list row near a reference.
type distanced struct {
	id uuid.UUID
	m  *float64
}

func (d distanced) CursorKey() (string, string, time.Time, time.Time, uuid.UUID) {
	return "Acme", "Köln", time.Time{}, time.Time{}, d.id
}
func (d distanced) DistanceMeters() *float64 { return d.m }

func TestNearFilterKeepsTheRecordsWithinTheRadius(t *testing.T) {
	ownUsers := `(SELECT coalesce(array_agg(nbu.id), '{}') FROM users AS nbu WHERE ("nbu"."id" = '` + meID.String() + `'))`
	for _, tc := range []struct {
		name  string
		scope api.Scope // of persons (the reference and where a deal may lie), organisations and deals (the list)
		near  api.Near
		want  string // the condition after liveness and scope
	}{
		{"around a point, any owner", api.ScopeAll, api.Near{Lat: ptr(48.137), Lng: ptr(11.575), RadiusKm: 2.5},
			`("d"."id" IN (SELECT nb.nb_id FROM geocode_nearby_deals(48.137, 11.575, 2500, (NULL)::uuid[], (NULL)::uuid[], (NULL)::uuid[]) AS nb))`},
		{"around a point, among the owners the scope admits", api.ScopeOwn, api.Near{Lat: ptr(-33.9), Lng: ptr(151.2), RadiusKm: 500},
			`("d"."id" IN (SELECT nb.nb_id FROM geocode_nearby_deals(-33.9, 151.2, 500000, ` + ownUsers + `::uuid[], ` + ownUsers + `::uuid[], ` + ownUsers + `::uuid[]) AS nb))`},
		{"around a record the actor may see", api.ScopeOwn, api.Near{RecordType: api.RecordPerson, RecordID: rowID.String(), RadiusKm: 1},
			`("d"."id" IN (SELECT nb.nb_id FROM (SELECT p.geo_lat AS lat, p.geo_lng AS lng FROM "persons" AS "p" WHERE ("p".id = '` + rowID.String() +
				`') AND ("p".deleted_at IS NULL) AND ("p"."owner_id" = '` + meID.String() + `')) AS ref, geocode_nearby_deals(ref.lat, ref.lng, 1000, ` +
				ownUsers + `::uuid[], ` + ownUsers + `::uuid[], ` + ownUsers + `::uuid[]) AS nb))`},
		{"around a geocoded address", api.ScopeAll, api.Near{Address: "  Marienplatz 1,\n80331 München ", RadiusKm: 3},
			`("d"."id" IN (SELECT nb.nb_id FROM (SELECT lat, lng FROM geocode_cache WHERE (key_hash = (SELECT sha256(convert_to('`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := actor(map[api.RecordType]api.Scope{api.RecordDeal: tc.scope, api.RecordPerson: tc.scope, api.RecordOrganization: tc.scope})
			near := tc.near
			where := whereOf(t, render(t, mustCompile(t, dealSpec, a, api.ListQuery{Near: &near})))
			scope := ""
			if tc.scope == api.ScopeOwn {
				scope = ` AND ("d"."owner_id" = '` + meID.String() + `')`
			}
			want := `("d"."deleted_at" IS NULL)` + scope + ` AND ` + tc.want
			if !strings.HasPrefix(where, want) {
				t.Fatalf("got  %s\nwant it to start with %s", where, want)
			}
		})
	}
}

func TestNearFilterTakesTheCandidatesFoundBefore(t *testing.T) {
	c := mustCompile(t, personSpec, seesAll, api.ListQuery{Near: &api.Near{Lat: ptr(48.0), Lng: ptr(11.0), RadiusKm: 1}})
	c.nearIDs = []uuid.UUID{rowID}
	want := `("p"."deleted_at" IS NULL) AND ("p"."id" = ANY('{"` + rowID.String() + `"}'::uuid[]))`
	if got := whereOf(t, render(t, c)); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestOnlyNearTellsABareNearbyListFromOneWithMoreConditions(t *testing.T) {
	db := bun.NewDB(sql.OpenDB(pgdriver.NewConnector()), pgdialect.New())
	defer db.Close()
	near := &api.Near{Lat: ptr(48.0), Lng: ptr(11.0), RadiusKm: 1}
	for _, tc := range []struct {
		name string
		q    api.ListQuery
		want bool
	}{
		{"nothing but near", api.ListQuery{Near: near}, true},
		{"near sorted and paged", api.ListQuery{Near: near, Sort: "-name", Limit: 3}, true},
		{"near and the team", api.ListQuery{Near: near, Owner: "team"}, false},
		{"near and a status", api.ListQuery{Near: near, Status: "open"}, false},
		{"near and a creation day", api.ListQuery{Near: near, CreatedFrom: "2026-01-01"}, false},
		{"near and a custom condition", api.ListQuery{Near: near, Custom: []api.CustomCondition{{FieldID: boolID.String(), Op: "set"}}}, false},
		{"near and a search", api.ListQuery{Near: near, Search: "acme"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := mustCompile(t, dealSpec, seesAll, tc.q)
			if got := c.onlyNear(db); got != tc.want {
				t.Fatalf("onlyNear = %v, want %v", got, tc.want)
			}
			if c.nearIDs != nil {
				t.Fatalf("onlyNear left the candidates %v behind", c.nearIDs)
			}
		})
	}
}

func TestNearFirstTakesThePageFromTheNearestCandidates(t *testing.T) {
	point := &api.Near{Lat: ptr(48.0), Lng: ptr(11.0), RadiusKm: 1}
	record := &api.Near{RecordType: api.RecordOrganization, RecordID: orgID.String(), RadiusKm: 1}
	for _, tc := range []struct {
		name string
		q    api.ListQuery
		want bool
	}{
		{"nearest first around a point", api.ListQuery{Near: point}, true},
		{"farthest first", api.ListQuery{Near: point, Sort: "-distance"}, false},
		{"by name", api.ListQuery{Near: point, Sort: "name"}, false},
		{"with a search", api.ListQuery{Near: point, Search: "acme"}, false},
		{"around a record not yet resolved", api.ListQuery{Near: record}, false},
		{"without near", api.ListQuery{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := mustCompile(t, personSpec, seesAll, tc.q).nearFirst(); got != tc.want {
				t.Fatalf("nearFirst = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestHasConditionsCountsWhatNoIndexServes(t *testing.T) {
	for _, tc := range []struct {
		name string
		q    api.ListQuery
		want bool
	}{
		{"no filter", api.ListQuery{}, false},
		{"index filters only", api.ListQuery{Owner: "me", Status: "open", PipelineID: orgID.String(), CreatedFrom: "2026-01-01", CloseDateTo: "2026-12-31"}, false},
		{"blank address filters", api.ListQuery{PostalCode: " ", City: " ", Country: " "}, false},
		{"a search too short to search", api.ListQuery{Search: "a"}, false},
		{"a postal code", api.ListQuery{PostalCode: "8"}, true},
		{"a city", api.ListQuery{City: "Bonn"}, true},
		{"a country", api.ListQuery{Country: "AT"}, true},
		{"a custom condition", api.ListQuery{Custom: []api.CustomCondition{{FieldID: textID.String(), Op: "empty"}}}, true},
		{"a search", api.ListQuery{Search: "ab"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := mustCompile(t, dealSpec, seesAll, tc.q).hasConditions(); got != tc.want {
				t.Fatalf("hasConditions = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestHasTrigramWantsThreeLettersOrDigitsInARow(t *testing.T) {
	for pattern, want := range map[string]bool{
		"%abc%": true, "%a1b%": true, "%müh%": true, "%ab c%": false, "%ab%": false, `%a\%b%`: false, "%12-34%": false, "%1234%": true,
	} {
		t.Run(pattern, func(t *testing.T) {
			if got := hasTrigram(pattern); got != want {
				t.Fatalf("hasTrigram(%q) = %v, want %v", pattern, got, want)
			}
		})
	}
}

// TestCompileTakesEachFieldKindsOperators checks every operator against a field of every kind: the ones
// api.ConditionOpsByKind names for the kind pass, every other one is refused with op: invalid.
func TestCompileTakesEachFieldKindsOperators(t *testing.T) {
	spec := Spec{Type: api.RecordPerson, SortName: "p.sort_name"}
	value := map[api.FieldKind]string{api.FieldKindNumber: "12", api.FieldKindText: "Nord", api.FieldKindBool: "true"}
	for _, kind := range api.AllFieldKinds {
		field := &customfield.Field{Row: db.Row{ID: uuid.New()}, RecordType: api.RecordPerson, Kind: kind}
		for _, op := range api.AllConditionOps {
			t.Run(string(kind)+" "+string(op), func(t *testing.T) {
				q := api.ListQuery{Custom: []api.CustomCondition{{FieldID: field.ID.String(), Op: op, Value: value[kind]}}}
				_, err := Compile(spec, nil, q, customfield.Fields{field})
				want := slices.Contains(api.ConditionOpsByKind[kind], op)
				if e, ok := httpx.AsError(err); want && err != nil {
					t.Fatalf("refused: %v", err)
				} else if !want && (!ok || e.Fields["custom[0].op"] != api.FieldInvalid) {
					t.Fatalf("got %v, want custom[0].op: invalid", err)
				}
			})
		}
	}
}
