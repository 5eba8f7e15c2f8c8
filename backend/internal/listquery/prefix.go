package listquery

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/schema"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/search"
	"github.com/1sales/app/shared/api"
)

// Search selects up to limit records of the list for the global search box, in the list's order (by name):
// word prefixes first, then the list's search. A record matches by prefix when each word of the query starts a
// word of its search text or each starts a word of a record it links that the actor may see (Spec.Links), in any
// order ("Anna Mül", "anna.m", "0891"); the token index (search_tokens) answers that with B-tree range scans.
// When that fills the page, it is the answer; otherwise the list's search (Rows: a part of the search text, the
// trigram index) runs with the prefix matches added, so the answer is then the first names of both (never fewer
// than the list's search alone finds).
func Search[T Listed](ctx context.Context, tx bun.IDB, a *access.Actor, spec Spec, q string, limit int,
	columns func(*bun.SelectQuery) *bun.SelectQuery) ([]T, error) {
	c, err := Compile(spec, a, api.ListQuery{Search: q, Limit: limit}, nil)
	if err != nil || !c.Searching() {
		return nil, err
	}
	rows, err := prefixRows[T](ctx, tx, c, columns)
	if err != nil || len(rows) >= limit {
		return rows[:min(len(rows), limit)], err
	}
	for _, r := range rows {
		_, _, _, _, id := r.CursorKey()
		c.prefixIDs = append(c.prefixIDs, id)
	}
	if rows, err = Rows[T](ctx, tx, c, columns); err != nil {
		return nil, err
	}
	return rows[:min(len(rows), limit)], nil
}

// prefixRows selects the first page of the records that match the query's words by prefix (Search), in the
// list's order. The page is chosen among records named by ID, so that the planner fetches them by key instead of
// walking the list until it has a page (which takes long when the matches lie together late in the order, as one
// surname does): the first page's worth of the records' own matches, taken from the token index in name order
// without visiting the records, and per link the records linked to a match (up to MaxCandidates; when there are
// more, they are common, and the list is walked with them as a condition). The page query applies the list's
// scope and liveness to the records themselves.
func prefixRows[T any](ctx context.Context, tx bun.IDB, c *Compiled, columns func(*bun.SelectQuery) *bun.SelectQuery) ([]T, error) {
	words := search.Words(c.q.Search)
	if len(words) == 0 {
		return nil, nil
	}
	var ids []uuid.UUID
	if err := tokenMatches(tx, c.actor, c.spec.Type, words).ColumnExpr("t.record_id").
		OrderExpr(`t.sort_name COLLATE "de-x-icu", t.record_id`).Limit(c.limit+1).
		Scan(ctx, &ids); err != nil {
		return nil, fmt.Errorf("listquery: %s: prefix search: %w", c.spec.Table(), err)
	}
	var common []schema.QueryWithArgs
	for _, l := range c.spec.Links {
		linking := bun.SafeQuery(l.Linking, bun.SafeQuery("ARRAY(?)", tokenMatches(tx, c.actor, l.Type, words).ColumnExpr("t.record_id")))
		var linked []uuid.UUID
		if err := tx.NewRaw("SELECT id FROM (? LIMIT ?) AS linking(id)", linking, MaxCandidates+1).Scan(ctx, &linked); err != nil {
			return nil, fmt.Errorf("listquery: %s: prefix search: %w", c.spec.Table(), err)
		}
		if len(linked) > MaxCandidates {
			common = append(common, linking)
		} else {
			ids = append(ids, linked...)
		}
	}
	if len(ids) == 0 && len(common) == 0 {
		return nil, nil
	}
	var rows []T
	q := columns(tx.NewSelect().Model(&rows))
	c.filter(q.QueryBuilder())
	q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Where("? = ANY(?::uuid[])", c.spec.col("id"), pgdialect.Array(ids))
		for _, linking := range common {
			q = q.WhereOr("? IN (?)", c.spec.col("id"), linking)
		}
		return q
	})
	if err := c.Page(q).Scan(ctx); err != nil {
		return nil, fmt.Errorf("listquery: %s: prefix search: %w", c.spec.Table(), err)
	}
	return rows, nil
}

// tokenMatches selects from search_tokens the records of kind rt (record_id, sort_name; alias t), in the actor's
// scope, with a token starting with each word: per word one range of tokens in byte order (search.After), which
// the B-tree answers under row-level security (text comparison is leakproof, LIKE is not), and the words' record
// sets intersected. An intersection costs in proportion to the words' matches whatever the planner believes of them
// (a probe per match of one word into the other's, as an EXISTS was planned on the 1,000,000-person bench tenant,
// took a minute for "Jürgen Weber"). A record in the trash has no tokens.
func tokenMatches(tx bun.IDB, a *access.Actor, rt api.RecordType, words []string) *bun.SelectQuery {
	word := func(w string) *bun.SelectQuery {
		q := tx.NewSelect().TableExpr("search_tokens AS t").ColumnExpr("t.record_id, t.sort_name").Distinct().
			Where("t.tenant_id = ?", a.TenantID).Where("t.kind = ?", rt).
			Where("t.token >= ? AND t.token < ?", w, search.After(w))
		// Every match of the word is read (thousands for a surname): the scope as a semi-join the planner hashes.
		a.RestrictJoin(q.QueryBuilder(), rt, api.ActionView, "t.owner_id")
		return q
	}
	q := word(words[0])
	for _, w := range words[1:] {
		q = q.Intersect(word(w))
	}
	return tx.NewSelect().TableExpr("(?) AS t", q)
}
