package db_test

import (
	"context"
	"testing"

	"github.com/1sales/app/backend/internal/testdb"
)

// ginWithPendingList are the GIN indexes that keep PostgreSQL's default fastupdate (a pending list of new entries,
// merged in bulk), and why. Every search of a GIN index reads its whole pending list, up to 4 MB: an index asked
// with many keys at once (a duplicate check of a delivery or an import) compares each key with each pending entry.
var ginWithPendingList = map[string]string{
	"persons_search_idx":       "trigrams of the search text: dozens of entries per row, a search asks few keys, and only as the fallback of the token index",
	"organizations_search_idx": "trigrams of the search text, as persons_search_idx",
	"deals_search_idx":         "trigrams of the search text, as persons_search_idx",
	"leads_search_idx":         "trigrams of the search text, as persons_search_idx",
}

func TestGINIndexesTakeTheirEntriesAtOnce(t *testing.T) {
	d := testdb.New(t)
	var pending []string
	if err := d.Owner.NewRaw(`SELECT c.relname FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid
		JOIN pg_namespace AS n ON n.oid = c.relnamespace JOIN pg_am AS a ON a.oid = c.relam
		WHERE n.nspname = 'public' AND a.amname = 'gin' AND NOT coalesce('fastupdate=off' = ANY(c.reloptions), false)
		ORDER BY 1`).Scan(context.Background(), &pending); err != nil {
		t.Fatal(err)
	}
	exceptionsMatch(t, pending, ginWithPendingList,
		"GIN index %s has a pending list: set fastupdate = off, or say in ginWithPendingList why it keeps one",
		"%s is listed with a pending list but is no such GIN index (any more)")
}
