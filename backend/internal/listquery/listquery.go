// Package listquery turns an api.ListQuery into SQL for any record list: the caller's scope, the filter
// conditions, custom field conditions, search, sort order and keyset pages (no OFFSET: a deep page costs what
// the first does).
package listquery

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Berlin on every platform
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/search"
	"github.com/1sales/app/shared/api"
)

// Spec names the columns of a record list, in terms of the alias of its kind (record.Kind: the list's table
// and alias come from the registry).
type Spec struct {
	Type api.RecordType
	// SortName is the name column lists sort by (compared with German collation).
	SortName string
	// Organization restricts to records of an organisation (persons: via memberships; organisations: itself).
	Organization func(q bun.QueryBuilder, orgID uuid.UUID) bun.QueryBuilder
	// AddressSQL gives the SQL of an address column (postal_code, city, country) as the list shows, filters and
	// sorts it, for records whose shown address is not (always) their own (deals: their organisation's; persons
	// without an address of their own: their primary organisation's when the actor may see it); nil means the
	// record's own columns. The same expression is the sort key and the value a cursor continues after.
	AddressSQL func(a *access.Actor, column string) string
	// Via, when set, places a row without an address of its own at a linked record the actor may see (persons:
	// their primary organisation) on the map: the SQL of a join "LEFT JOIN LATERAL (...) AS via ON ..." giving the
	// columns via_id, via_name, via_lat, via_lng and via_precision (NULL for rows with an address of their own).
	Via func(a *access.Actor) string
	// Statuses are the statuses a list can filter by; empty means the record type has no pipeline, stage or
	// status (and no closed_at: records with a status record when it closed).
	Statuses []string
	// ExpectedClose names the expected close date column ("" = none).
	ExpectedClose string
	// Links are the linked records through which a search also finds a row (a deal through its person).
	Links []SearchLink
	// Sourced says that records of the kind come from lead sources (column source_id): lists filter by source.
	Sourced bool
	// Duplicates, when set, selects a row's possible duplicates that the actor may see (correlated to the
	// list's alias): lists filter by "possible duplicate".
	Duplicates func(idb bun.IDB, a *access.Actor) *bun.SelectQuery
	// ActivityLink names the column of activities that links a record of the kind ("deal_id"); with it lists
	// filter by "no open activity" (NoOpenActivity). An index on that column over the open activities
	// (activities_open_<kind>_idx) answers the condition per row.
	ActivityLink string
}

// SearchLink lets a list's search find a row through a record it links: the row matches when a linked record
// matches the term and the actor may see that record (record.Live's rule). The search text of a record
// holds only its own fields, so that a record nobody showed the actor is never a search key.
type SearchLink struct {
	Type api.RecordType
	// Join is the condition that the row (the list's alias) links sl, the linked record: "sl.id = d.person_id".
	Join string
	// Linking selects the IDs of the rows that link one of the records in ?::uuid[] (search candidates).
	Linking string
}

// Alias is the table alias of the list's kind; the spec's columns are qualified with it.
func (s Spec) Alias() string { return record.MustKind(s.Type).Alias }

// Table is the table of the list's kind.
func (s Spec) Table() string { return record.MustKind(s.Type).Table }

func (s Spec) col(name string) bun.Ident { return bun.Ident(s.Alias() + "." + name) }

func (s Spec) address(a *access.Actor, column string) bun.Safe {
	if s.AddressSQL != nil {
		return bun.Safe(s.AddressSQL(a, column))
	}
	return bun.Safe(s.Alias() + "." + column)
}

// DefaultLimit and MaxLimit bound a page.
const (
	DefaultLimit = 50
	MaxLimit     = 200
	// CountCap bounds the count: counting never makes a list slow.
	CountCap = 1000
)

// Compiled is a validated query ready to apply.
type Compiled struct {
	spec   Spec
	actor  *access.Actor
	q      api.ListQuery
	fields customfield.Fields
	sort   api.SortKey
	desc   bool
	limit  int
	cursor *cursor
	// bounds are the calendar-day filters on timestamps (created, updated, closed); days those on date columns.
	bounds []Bound
	days   []dayBound
	// candidates holds every record the search can match, found through the trigram index (step 2 of Rows);
	// the search then needs no walk through the list.
	candidates []uuid.UUID
	narrowed   bool
	// linkCandidates holds, per link, every linked record the search can match (when narrowed).
	linkCandidates [][]uuid.UUID
	// prefixIDs are records the search finds besides its pattern: the word-prefix matches of Search.
	prefixIDs []uuid.UUID
	// near is the nearby condition (near.go); nearIDs are the candidates one query takes instead of all.
	near    *near
	nearIDs []uuid.UUID
}

// dayBound is a bound on a date column: inclusive calendar day.
type dayBound struct{ name, day string }

// cursor continues a list after the row with sort value V (as text) and ID.
type cursor struct {
	V  string    `json:"v"`
	ID uuid.UUID `json:"id"`
}

// RowID is the ID of the row the list continues after.
func (c cursor) RowID() uuid.UUID { return c.ID }

var berlin = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err) // embedded by time/tzdata
	}
	return loc
}()

// Berlin is the time zone of calendar-day filters.
func Berlin() *time.Location { return berlin }

// Compile validates q (field codes for every wrong part) against the record type's custom fields.
func Compile(spec Spec, a *access.Actor, q api.ListQuery, fields customfield.Fields) (*Compiled, error) {
	c := &Compiled{spec: spec, actor: a, q: q, fields: fields}
	var v httpx.Validation
	c.limit = PageLimit(&v, q.Limit, DefaultLimit, MaxLimit)
	// A sort is a key, descending with one leading "-"; "" is the default (name), "-" alone no key.
	sortKey := api.SortKey(strings.TrimPrefix(q.Sort, "-"))
	c.desc = string(sortKey) != q.Sort
	switch {
	case q.Sort == "":
		c.sort = api.SortName
	case slices.Contains(api.AllSortKeys, sortKey):
		c.sort = sortKey
	default:
		v.Field("sort", api.FieldInvalid)
	}
	c.cursor = DecodeCursor[cursor](&v, q.Cursor)
	if !access.ValidOwner(q.Owner) {
		v.Field("owner", api.FieldInvalid)
	}
	if q.OrganizationID != "" {
		if _, err := uuid.Parse(q.OrganizationID); err != nil || spec.Organization == nil {
			v.Field("organizationId", api.FieldInvalid)
		}
	}
	for name, val := range map[string]string{"pipelineId": q.PipelineID, "stageId": q.StageID} {
		if _, err := uuid.Parse(val); val != "" && (err != nil || len(spec.Statuses) == 0) {
			v.Field(name, api.FieldInvalid)
		}
	}
	if q.Status != "" && !slices.Contains(spec.Statuses, q.Status) {
		v.Field("status", api.FieldInvalid)
	}
	if _, err := uuid.Parse(q.SourceID); q.SourceID != "" && (err != nil || !spec.Sourced) {
		v.Field("sourceId", api.FieldInvalid)
	}
	if q.PossibleDuplicate && spec.Duplicates == nil {
		v.Field("possibleDuplicate", api.FieldInvalid)
	}
	if q.NoOpenActivity && spec.ActivityLink == "" {
		v.Field("noOpenActivity", api.FieldInvalid)
	}
	for _, d := range []struct{ name, val, column string }{{"createdFrom", q.CreatedFrom, "created_at"}, {"createdTo", q.CreatedTo, "created_at"},
		{"updatedFrom", q.UpdatedFrom, "updated_at"}, {"updatedTo", q.UpdatedTo, "updated_at"},
		{"closedFrom", q.ClosedFrom, "closed_at"}, {"closedTo", q.ClosedTo, "closed_at"}} {
		switch {
		case d.val == "":
		case d.column == "closed_at" && len(spec.Statuses) == 0: // records with a status record when they closed
			v.Field(d.name, api.FieldInvalid)
		default:
			if b, ok := DayBound(&v, d.name, d.val, d.column); ok {
				c.bounds = append(c.bounds, b)
			}
		}
	}
	for _, d := range []struct{ name, val string }{{"closeDateFrom", q.CloseDateFrom}, {"closeDateTo", q.CloseDateTo}} {
		if d.val == "" {
			continue
		}
		if _, err := time.ParseInLocation("2006-01-02", d.val, berlin); err != nil || spec.ExpectedClose == "" {
			v.Field(d.name, api.FieldInvalid)
			continue
		}
		c.days = append(c.days, dayBound{name: d.name, day: d.val}) // a date column: compared as days
	}
	for i, cc := range q.Custom {
		key := fmt.Sprintf("custom[%d]", i)
		f := fields.ByID(cc.FieldID)
		if f == nil || f.ArchivedAt != nil {
			v.Field(key+".fieldId", api.FieldUnknown)
			continue
		}
		if !slices.Contains(api.ConditionOpsByKind[f.Kind], cc.Op) {
			v.Field(key+".op", api.FieldInvalid)
			continue
		}
		if cc.Op == api.OpEmpty || cc.Op == api.OpSet {
			continue
		}
		if f.Kind == api.FieldKindText {
			if strings.TrimSpace(cc.Value) == "" {
				v.Field(key+".value", api.FieldRequired)
			}
			continue
		}
		if _, code := f.Canonical(cc.Value); code != "" {
			v.Field(key+".value", code)
		}
	}
	c.compileNear(&v)
	if c.cursor != nil && !c.cursorFits() {
		v.Field("cursor", api.FieldInvalid)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// Filter applies scope, liveness and every condition (not the order or page) to q.
func (c *Compiled) Filter(q bun.QueryBuilder) bun.QueryBuilder {
	return c.SearchFilter(c.filter(q))
}

// filter is Filter without the search condition.
func (c *Compiled) filter(q bun.QueryBuilder) bun.QueryBuilder { return c.conditions(c.base(q)) }

// base applies liveness, the scope and the conditions an index can serve under row-level security (equality of
// IDs, date ranges).
func (c *Compiled) base(q bun.QueryBuilder) bun.QueryBuilder {
	s, a, lq := c.spec, c.actor, c.q
	q = q.Where("? IS NULL", s.col("deleted_at"))
	q = a.Restrict(q, s.Type, api.ActionView, s.Alias()+".owner_id")
	q = c.nearFilter(q)
	q = a.OwnedBy(q, s.Type, lq.Owner, s.Alias()+".owner_id")
	if lq.OrganizationID != "" {
		q = s.Organization(q, uuid.MustParse(lq.OrganizationID))
	}
	if lq.PipelineID != "" {
		q = q.Where("? = ?", s.col("pipeline_id"), lq.PipelineID)
	}
	if lq.StageID != "" {
		q = q.Where("? = ?", s.col("stage_id"), lq.StageID)
	}
	if lq.Status != "" {
		q = q.Where("? = ?", s.col("status"), lq.Status)
	}
	if lq.SourceID != "" {
		q = q.Where("? = ?", s.col("source_id"), lq.SourceID)
	}
	if lq.PossibleDuplicate {
		idb := q.Unwrap().(interface{ DB() *bun.DB }).DB()
		q = q.Where("EXISTS (?)", s.Duplicates(idb, a))
	}
	if lq.NoOpenActivity {
		// Any open activity, not only those the actor may see: see api.ListQuery.NoOpenActivity.
		q = q.Where("NOT EXISTS (SELECT 1 FROM activities AS nx WHERE ? = ? AND NOT nx.done)",
			bun.Ident("nx."+s.ActivityLink), s.col("id"))
	}
	for _, b := range c.bounds {
		q = b.Apply(q, s.Alias())
	}
	for _, b := range c.days {
		op := ">="
		if b.name == "closeDateTo" {
			op = "<="
		}
		q = q.Where("? "+op+" ?::date", s.col(s.ExpectedClose), b.day)
	}
	return q
}

// conditions applies the conditions no index serves under row-level security (LIKE, lower(), jsonb: not
// leakproof operators): postal code, city, country and custom fields.
func (c *Compiled) conditions(q bun.QueryBuilder) bun.QueryBuilder {
	s, lq := c.spec, c.q
	if p := strings.TrimSpace(lq.PostalCode); p != "" {
		q = q.Where("? LIKE ?", s.address(c.actor, "postal_code"), escapeLike(p)+"%")
	}
	if city := strings.TrimSpace(lq.City); city != "" {
		q = q.Where("lower(?) = lower(?)", s.address(c.actor, "city"), city)
	}
	if country := strings.TrimSpace(lq.Country); country != "" {
		q = q.Where("? = upper(?)", s.address(c.actor, "country"), country)
	}
	for _, cc := range lq.Custom {
		q = c.custom(q, cc)
	}
	return q
}

// hasConditions reports whether the list has conditions no index serves (those of conditions, or a search).
func (c *Compiled) hasConditions() bool {
	lq := c.q
	return strings.TrimSpace(lq.PostalCode) != "" || strings.TrimSpace(lq.City) != "" ||
		strings.TrimSpace(lq.Country) != "" || len(lq.Custom) > 0 || c.Searching()
}

// SearchFilter applies only the search condition (and the candidates step 2 of Rows found).
func (c *Compiled) SearchFilter(q bun.QueryBuilder) bun.QueryBuilder {
	p := search.Pattern(c.q.Search)
	if p == "" {
		return q
	}
	if c.narrowed {
		if len(c.candidates) == 0 {
			return q.Where("FALSE")
		}
		q = q.Where("? = ANY(?::uuid[])", c.spec.col("id"), pgdialect.Array(c.candidates))
	}
	if len(c.spec.Links) == 0 && len(c.prefixIDs) == 0 {
		return q.Where("? LIKE ?", c.spec.col("search_text"), p)
	}
	idb := q.Unwrap().(interface{ DB() *bun.DB }).DB()
	return q.WhereGroup(" AND ", func(q bun.QueryBuilder) bun.QueryBuilder {
		q = q.Where("? LIKE ?", c.spec.col("search_text"), p)
		for i, l := range c.spec.Links {
			sub := record.Live(idb, c.actor, record.MustKind(l.Type), "sl", api.ActionView).ColumnExpr("1").Where(l.Join).
				Where("sl.search_text LIKE ?", p)
			if c.narrowed {
				sub = sub.Where("sl.id = ANY(?::uuid[])", pgdialect.Array(c.linkCandidates[i]))
			}
			q = q.WhereOr("EXISTS (?)", sub)
		}
		if len(c.prefixIDs) > 0 {
			q = q.WhereOr("? = ANY(?::uuid[])", c.spec.col("id"), pgdialect.Array(c.prefixIDs))
		}
		return q
	})
}

// Searching reports whether the query has a search term (one long enough to search for).
func (c *Compiled) Searching() bool { return search.Pattern(c.q.Search) != "" }

// Searching a large list needs care, because the service's role is subject to row-level security: under it
// PostgreSQL uses no index for LIKE (not a leakproof operator), so a page of matches is found by walking the list
// in its order and testing each row. That is quick when the term is common and takes seconds on a million rows
// when it is rare. Rows therefore finds a search page in up to four steps:
//
//  1. Walk a short stretch of the list (scope, filters, cursor and order; no search): for a common term it holds
//     a full page.
//  2. Narrow: look the term up through the trigram index (search_candidates, which runs as the table owner, in
//     the caller's tenant); when it matches at most MaxCandidates records, select the page from those.
//  3. Walk a longer stretch (MaxWalkRows rows): the term is common, but less so where the list starts.
//  4. Walk the whole list, as without these steps.
const (
	// walkRowsPerItem times the page size (plus one) is the stretch of step 1.
	walkRowsPerItem = 100
	// MaxWalkRows is the stretch of step 3.
	MaxWalkRows = 20000
	// MaxCandidates bounds the matches step 2 hands to the page query.
	MaxCandidates = 5000
)

// Rows selects one page of the list (and one row more, to know whether another follows) into T, the table's
// model: columns adds the select list to a query of the model (from the table, or from a subquery under the
// list's alias). A search takes the steps described above.
func Rows[T any](ctx context.Context, tx bun.IDB, c *Compiled, columns func(*bun.SelectQuery) *bun.SelectQuery) ([]T, error) {
	if err := c.Resolve(ctx, tx); err != nil {
		return nil, err
	}
	if c.nearFirst() {
		if rows, done, err := nearPage[T](ctx, tx, c, columns); err != nil || done {
			return rows, err
		}
	}
	if c.Searching() {
		short := min(walkRowsPerItem*(c.limit+1), MaxWalkRows)
		rows, err := walk[T](ctx, tx, c, columns, short)
		if err != nil || len(rows) > c.limit {
			return rows, err
		}
		narrowed, err := c.narrow(ctx, tx)
		if err != nil {
			return nil, err
		}
		if !narrowed && short < MaxWalkRows {
			if rows, err = walk[T](ctx, tx, c, columns, MaxWalkRows); err != nil || len(rows) > c.limit {
				return rows, err
			}
		}
	}
	var rows []T
	q := c.withDistance(columns(tx.NewSelect().Model(&rows)))
	c.Filter(q.QueryBuilder())
	if err := c.Page(q).Scan(ctx); err != nil {
		return nil, fmt.Errorf("listquery: %s: %w", c.spec.Table(), err)
	}
	return rows, nil
}

// walk selects the search page from the first n rows of the list (filters without the search, cursor, order).
func walk[T any](ctx context.Context, tx bun.IDB, c *Compiled, columns func(*bun.SelectQuery) *bun.SelectQuery, n int) ([]T, error) {
	alias := bun.Ident(c.spec.Alias())
	stretch := tx.NewSelect().TableExpr("? AS ?", bun.Ident(c.spec.Table()), alias).ColumnExpr("?.*", alias)
	c.filter(stretch.QueryBuilder())
	c.Page(stretch).Limit(n)
	var rows []T
	q := c.withDistance(columns(tx.NewSelect().Model(&rows).ModelTableExpr("(?) AS ?", stretch, alias)))
	c.SearchFilter(q.QueryBuilder())
	if err := c.Page(q).Scan(ctx); err != nil {
		return nil, fmt.Errorf("listquery: %s: %w", c.spec.Table(), err)
	}
	return rows, nil
}

// maxCandidatePattern is the longest pattern search_candidates looks up (a longer term is searched without
// candidates, step 3).
const maxCandidatePattern = 500

// narrow is step 2: when the search term matches at most MaxCandidates live records of the tenant in the list, it
// restricts Filter to them and reports true. A term without three letters or digits in a row has no trigrams to
// look up (the index would be read whole): narrow leaves it alone.
func (c *Compiled) narrow(ctx context.Context, tx bun.IDB) (bool, error) {
	p := search.Pattern(c.q.Search)
	if p == "" || !hasTrigram(p) || utf8.RuneCountInString(p) > maxCandidatePattern {
		return false, nil
	}
	ids, many, err := searchCandidates(ctx, tx, c.spec.Table(), p)
	if err != nil || many {
		return false, err
	}
	ids = append(ids, c.prefixIDs...)
	links := make([][]uuid.UUID, len(c.spec.Links))
	for i, l := range c.spec.Links {
		linked, many, err := searchCandidates(ctx, tx, record.MustKind(l.Type).Table, p)
		if err != nil || many {
			return false, err
		}
		links[i] = linked
		var linking []uuid.UUID
		if len(linked) > 0 {
			if err := tx.NewRaw("SELECT id FROM ("+l.Linking+" LIMIT ?) AS linking(id)", pgdialect.Array(linked), MaxCandidates+1).
				Scan(ctx, &linking); err != nil {
				return false, fmt.Errorf("listquery: search candidates: %w", err)
			}
		}
		if ids = append(ids, linking...); len(ids) > MaxCandidates {
			return false, nil
		}
	}
	c.candidates, c.linkCandidates, c.narrowed = ids, links, true
	return true, nil
}

// searchCandidates looks a LIKE pattern up in table's trigram index (search_candidates, in the caller's tenant):
// every live record it matches, or many when that is more than MaxCandidates.
func searchCandidates(ctx context.Context, tx bun.IDB, table, pattern string) (ids []uuid.UUID, many bool, err error) {
	var row struct {
		Many bool        `bun:"many"`
		IDs  []uuid.UUID `bun:"ids,array"`
	}
	if err := tx.NewRaw("SELECT c IS NULL AS many, coalesce(c, '{}') AS ids FROM search_candidates(?, ?, ?) AS c",
		table, pattern, MaxCandidates).Scan(ctx, &row); err != nil {
		return nil, false, fmt.Errorf("listquery: search candidates in %s: %w", table, err)
	}
	return row.IDs, row.Many, nil
}

// hasTrigram reports whether a LIKE pattern holds three letters or digits in a row (pg_trgm splits words at
// anything else).
func hasTrigram(pattern string) bool {
	run := 0
	for _, r := range pattern {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if run++; run >= 3 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

func (c *Compiled) custom(q bun.QueryBuilder, cc api.CustomCondition) bun.QueryBuilder {
	col := c.spec.col("custom")
	f := c.fields.ByID(cc.FieldID)
	switch cc.Op {
	case api.OpEmpty:
		return q.Where("NOT (? ? ?)", col, bun.Safe("?"), cc.FieldID)
	case api.OpSet:
		return q.Where("? ? ?", col, bun.Safe("?"), cc.FieldID)
	}
	val, _ := f.Canonical(cc.Value)
	switch f.Kind {
	case api.FieldKindBool:
		// Containment uses the GIN index.
		doc, _ := json.Marshal(map[string]string{cc.FieldID: val})
		return q.Where("? @> ?::jsonb", col, string(doc))
	case api.FieldKindNumber:
		n, _ := strconv.ParseFloat(val, 64)
		op := map[api.ConditionOp]string{api.OpEq: "=", api.OpNe: "<>", api.OpGt: ">", api.OpGte: ">=", api.OpLt: "<", api.OpLte: "<="}[cc.Op]
		return q.Where("(?->>?)::numeric "+op+" ?", col, cc.FieldID, n)
	default:
		if cc.Op == api.OpEq {
			return q.Where("lower(?->>?) = lower(?)", col, cc.FieldID, strings.TrimSpace(cc.Value))
		}
		return q.Where("?->>? ILIKE ?", col, cc.FieldID, "%"+escapeLike(strings.TrimSpace(cc.Value))+"%")
	}
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}

// sortExpr is the SQL of the sort key (without the id tie-breaker).
func (c *Compiled) sortExpr() string {
	switch c.sort {
	case api.SortCreatedAt:
		return c.spec.Alias() + ".created_at"
	case api.SortUpdatedAt:
		return c.spec.Alias() + ".updated_at"
	case api.SortCity:
		return string(c.spec.address(c.actor, "city")) + ` COLLATE "de-x-icu"`
	case api.SortDistance:
		return c.distanceSQL()
	default:
		return c.spec.SortName + ` COLLATE "de-x-icu"`
	}
}

// Page applies the order, the keyset condition after the cursor and the limit (one more row than the page, to
// know whether another page follows).
func (c *Compiled) Page(q *bun.SelectQuery) *bun.SelectQuery {
	dir, cmp := "ASC", ">"
	if c.desc {
		dir, cmp = "DESC", "<"
	}
	id := c.spec.Alias() + ".id"
	if c.cursor != nil {
		var v any = c.cursor.V
		if c.sort == api.SortCreatedAt || c.sort == api.SortUpdatedAt {
			t, _ := time.Parse(time.RFC3339Nano, c.cursor.V) // Compile checked it (cursorFits)
			v = t
		}
		if c.sort == api.SortDistance {
			v = c.distanceCursor()
		}
		q = q.Where("("+c.sortExpr()+", ?) "+cmp+" (?, ?)", bun.Ident(id), v, c.cursor.ID)
	}
	return q.OrderExpr(c.sortExpr()+" "+dir+", ? "+dir, bun.Ident(id)).Limit(c.limit + 1)
}

// cursorFits reports whether the cursor's value can be one of the sort key: a time for the date sorts, a distance
// (or none, after a row without one) for the distance sort, any text for name and city. A cursor continues the
// list that made it; one of another sort (or a tampered one) would otherwise be read as the zero time or
// distance, and a descending date list would end at once, without an error.
func (c *Compiled) cursorFits() bool {
	switch c.sort {
	case "createdAt", "updatedAt":
		_, err := time.Parse(time.RFC3339Nano, c.cursor.V)
		return err == nil
	case "distance":
		if c.near == nil || c.cursor.V == "" { // without near the sort is refused already
			return true
		}
		f, err := strconv.ParseFloat(c.cursor.V, 64)
		return err == nil && !math.IsNaN(f) && !math.IsInf(f, 0)
	}
	return true
}

// Limit is the page size.
func (c *Compiled) Limit() int { return c.limit }

// Cursor makes the cursor that continues after a row with these sort values.
func (c *Compiled) Cursor(name, city string, created, updated time.Time, id uuid.UUID) string {
	v := name
	switch c.sort {
	case api.SortCity:
		v = city
	case api.SortCreatedAt:
		v = created.UTC().Format(time.RFC3339Nano)
	case api.SortUpdatedAt:
		v = updated.UTC().Format(time.RFC3339Nano)
	}
	return EncodeCursor(cursor{V: v, ID: id})
}

// CountScanRows bounds the records a count tests against conditions no index serves (see conditions, and a
// search not narrowed to candidates): ten times the cap, so that a condition that 10 % of the records meet still
// counts to "1,000+".
const CountScanRows = 10 * CountCap

// Count counts the list's records up to CountCap and says whether there may be
// more. Conditions no index serves under row-level security are tested on at most CountScanRows records of the
// scope: a count that finds fewer than CountCap matches there is exact when those were all the records, and
// otherwise a lower bound (capped). So a rare condition on a large list costs a bounded scan, not a read of every
// record, and a common one stops, as before, at the cap.
func (c *Compiled) Count(ctx context.Context, tx bun.IDB) (int, bool, error) {
	if err := c.Resolve(ctx, tx); err != nil {
		return 0, false, err
	}
	alias := bun.Ident(c.spec.Alias())
	if !c.hasConditions() || c.narrowed {
		if c.near != nil && !c.narrowed {
			if n, capped, done, err := c.nearCount(ctx, tx); err != nil || done {
				return n, capped, err
			}
		}
		q := tx.NewSelect().TableExpr("? AS ?", bun.Ident(c.spec.Table()), alias).ColumnExpr("1")
		c.Filter(q.QueryBuilder())
		return countCapped(ctx, tx, q)
	}
	// The scope's first CountScanRows records, numbered; the last of them passes the conditions as a marker
	// that the scope goes on.
	scope := tx.NewSelect().TableExpr("? AS ?", bun.Ident(c.spec.Table()), alias).ColumnExpr("?.*", alias).
		ColumnExpr("row_number() OVER () AS count_scan_no")
	c.base(scope.QueryBuilder())
	q := tx.NewSelect().TableExpr("(?) AS ?", scope.Limit(CountScanRows), alias).
		ColumnExpr("?.count_scan_no = ? AS marker", alias, CountScanRows).
		WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			c.SearchFilter(c.conditions(q.QueryBuilder()))
			return q
		}).
		WhereOr("?.count_scan_no = ?", alias, CountScanRows).
		Limit(CountCap + 2)
	var res struct {
		Matched int  `bun:"matched"`
		More    bool `bun:"more"`
	}
	if err := tx.NewRaw("SELECT count(*) FILTER (WHERE NOT marker) AS matched, coalesce(bool_or(marker), false) AS more FROM (?) AS capped",
		q).Scan(ctx, &res); err != nil {
		return 0, false, fmt.Errorf("listquery: count: %w", err)
	}
	if res.Matched > CountCap {
		return CountCap, true, nil
	}
	return res.Matched, res.More, nil
}

// Listed is a list row that tells where the list continues after it.
type Listed interface {
	CursorKey() (name, city string, created, updated time.Time, id uuid.UUID)
}

// Result is one page of a list.
type Result[T any] struct {
	Rows        []T
	NextCursor  string
	Total       int
	TotalCapped bool
}

// Run selects one page of the list (Rows) with the cursor to the next one and, when count is set, its bounded
// total (Count; not needed when the whole list fits on this page). Every record list goes through it.
func Run[T Listed](ctx context.Context, tx bun.IDB, c *Compiled, columns func(*bun.SelectQuery) *bun.SelectQuery, count bool) (*Result[T], error) {
	rows, err := Rows[T](ctx, tx, c, columns)
	if err != nil {
		return nil, err
	}
	res := &Result[T]{}
	res.Rows, res.NextCursor = NextPage(rows, c.limit, func(row T) string { return c.cursorAfter(row) })
	switch {
	case !count:
	case c.q.Cursor == "" && res.NextCursor == "":
		res.Total = len(res.Rows)
	case c.q.DeferTotal: // asked for after the page (Total)
		res.Total, res.TotalCapped = len(res.Rows), res.NextCursor != ""
	default:
		if res.Total, res.TotalCapped, err = c.Count(ctx, tx); err != nil {
			return nil, err
		}
		res.Total = max(res.Total, len(res.Rows)) // a bounded count may have seen fewer than this page
	}
	return res, nil
}

// Query compiles q for the list spec describes (with its kind's custom fields) and runs it (Run): the one path of
// every record list.
func Query[T Listed](ctx context.Context, tx bun.IDB, a *access.Actor, spec Spec, q api.ListQuery, columns func(*bun.SelectQuery) *bun.SelectQuery, count bool) (*Result[T], error) {
	fields, err := customfield.Load(ctx, tx, spec.Type)
	if err != nil {
		return nil, err
	}
	c, err := Compile(spec, a, q, fields)
	if err != nil {
		return nil, err
	}
	res, err := Run[T](ctx, tx, c, columns, count)
	if err != nil {
		return nil, fmt.Errorf("%s: query: %w", spec.Type, err)
	}
	return res, nil
}

// CountOf answers the bounded total (Count) of the list spec describes, for POST /api/v1/<kind>/count: a list that
// deferred its count (api.ListQuery.DeferTotal) asks for it after its first page.
func CountOf(pool bun.IDB, spec Spec) func(context.Context, *access.Actor, api.ListQuery) (*api.ListTotal, error) {
	return func(ctx context.Context, a *access.Actor, q api.ListQuery) (*api.ListTotal, error) {
		return db.InTenantValue(ctx, pool, a.TenantID, func(ctx context.Context, tx bun.Tx) (*api.ListTotal, error) {
			fields, err := customfield.Load(ctx, tx, spec.Type)
			if err != nil {
				return nil, err
			}
			q.Cursor = "" // the total is the whole list's
			c, err := Compile(spec, a, q, fields)
			if err != nil {
				return nil, err
			}
			n, capped, err := c.Count(ctx, tx)
			if err != nil {
				return nil, fmt.Errorf("%s: count: %w", spec.Type, err)
			}
			return &api.ListTotal{Total: n, TotalCapped: capped}, nil
		})
	}
}

// countCapped counts the rows of a filtered query up to CountCap, and says whether there are more.
func countCapped(ctx context.Context, tx bun.IDB, q *bun.SelectQuery) (int, bool, error) {
	var n int
	if err := tx.NewRaw("SELECT count(*) FROM (?) AS capped", q.Limit(CountCap+1)).Scan(ctx, &n); err != nil {
		return 0, false, fmt.Errorf("listquery: count: %w", err)
	}
	if n > CountCap {
		return CountCap, true, nil
	}
	return n, false, nil
}

// Total is the exact number of records a list holds and the sum of their values.
type Total struct {
	Count int    `bun:"count"`
	Value string `bun:"value"`
	Group string `bun:"grp"`
}

// Totals counts exactly what the list lists (scope, filters, search: the list's own conditions, so a dashboard
// figure always equals its list) and sums valueSQL (in terms of the alias; "" sums nothing). groupSQL "" gives
// one total; otherwise one per group value. Unlike Count it is not capped: dashboards over whole scopes use it.
func (c *Compiled) Totals(ctx context.Context, tx bun.IDB, valueSQL, groupSQL string) ([]Total, error) {
	if valueSQL == "" {
		valueSQL = "0"
	}
	q := tx.NewSelect().TableExpr("? AS ?", bun.Ident(c.spec.Table()), bun.Ident(c.spec.Alias())).
		ColumnExpr("count(*) AS count").ColumnExpr("coalesce(sum(" + valueSQL + "), 0)::numeric(16, 2)::text AS value")
	if groupSQL != "" {
		q = q.ColumnExpr("(" + groupSQL + ")::text AS grp").GroupExpr(groupSQL)
	} else {
		q = q.ColumnExpr("'' AS grp")
	}
	c.Filter(q.QueryBuilder())
	var out []Total
	if err := q.Scan(ctx, &out); err != nil {
		return nil, fmt.Errorf("listquery: totals: %w", err)
	}
	return out, nil
}
