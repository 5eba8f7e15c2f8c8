package person_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/person"
)

// statements records the SQL of the service's pool.
type statements struct {
	mu  sync.Mutex
	sql []string
}

func (s *statements) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }
func (s *statements) AfterQuery(_ context.Context, e *bun.QueryEvent) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sql = append(s.sql, e.Query)
}

func (s *statements) find(part string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, q := range s.sql {
		if strings.Contains(q, part) {
			out = append(out, q)
		}
	}
	return out
}

func (e *env) search(q string) []string {
	e.t.Helper()
	var out []string
	if err := db.InTenant(context.Background(), e.db.App, e.admin.TenantID, func(ctx context.Context, tx bun.Tx) error {
		ps, err := person.Search(ctx, tx, e.admin, q, 10)
		for _, p := range ps {
			out = append(out, p.Name)
		}
		return err
	}); err != nil {
		e.t.Fatal(err)
	}
	return out
}

// When the prefix matches fill the page they are the answer, in name order, before records that hold the term
// only inside a word (which sort first here), and the trigram search does not run.
func TestSearchAnswersAFullPageByPrefixAlone(t *testing.T) {
	e := newEnv(t)
	var s statements
	e.db.App.AddQueryHook(&s)
	e.insert(5, "Aaa", "vorhaeufig", "{}")
	e.insert(12, "Zzz", "haeufig", "{}")

	got := e.search("Häuf")
	if len(got) != 10 || got[0] != "P00001 Zzz" || got[9] != "P00010 Zzz" {
		t.Fatalf("search: %v", got)
	}
	if like := s.find("LIKE"); len(like) > 0 || e.lookups.Load() > 0 {
		t.Errorf("the trigram search ran: %q", like)
	}
	// Fewer prefix matches than a page: the trigram search adds those with the term inside a word.
	if got := e.search("aeufig"); len(got) != 10 || got[0] != "P00001 Aaa" || got[5] != "P00001 Zzz" {
		t.Fatalf("infix search: %v", got)
	}
}

// The prefix lookup reads the token index (a range of the B-tree under row-level security), neither the table
// nor the trigram index, once the planner knows a few thousand generated records.
func TestPrefixSearchUsesTheTokenIndex(t *testing.T) {
	e := newEnv(t)
	for _, last := range []string{"Becker", "Fischer", "Hoffmann", "Koch", "Mueller", "Richter", "Schulz", "Wagner", "Weber", "Zimmermann"} {
		e.insert(400, last, "kunde"+strings.ToLower(last[:2]), "{}")
	}
	for _, table := range []string{"persons", "search_tokens"} {
		if _, err := e.db.Owner.ExecContext(context.Background(), "ANALYZE "+table); err != nil {
			t.Fatal(err)
		}
	}
	var s statements
	e.db.App.AddQueryHook(&s)
	if got := e.search("muel p0001"); len(got) != 10 || got[0] != "P00010 Mueller" {
		t.Fatalf("search: %v", got)
	}
	// The person's own tokens, and the organisations' (Spec.Links).
	stmts := s.find("FROM search_tokens AS t")
	if len(stmts) != 2 {
		t.Fatalf("%d statements read the tokens: %q", len(stmts), stmts)
	}
	var text string
	for _, stmt := range stmts {
		var plan []string
		if err := db.InTenant(context.Background(), e.db.App, e.admin.TenantID, func(ctx context.Context, tx bun.Tx) error {
			return tx.NewRaw("EXPLAIN "+stmt).Scan(ctx, &plan)
		}); err != nil {
			t.Fatal(err)
		}
		text = strings.Join(plan, "\n")
		if !strings.Contains(text, "Index Only Scan using search_tokens_prefix_idx") && !strings.Contains(text, "Index Scan using search_tokens_prefix_idx") &&
			!strings.Contains(text, "Bitmap Index Scan on search_tokens_prefix_idx") && !strings.Contains(text, "search_tokens_pkey") {
			t.Errorf("the token index is not used:\n%s", text)
		}
		// The two words' matches are intersected (in proportion to the matches), never joined by a probe per match of
		// one word, which a misestimate made take a minute on the 1,000,000-person bench tenant.
		if !strings.Contains(text, "SetOp Intersect") {
			t.Errorf("the words' matches are not intersected:\n%s", text)
		}
		for _, bad := range []string{"Seq Scan on search_tokens", "persons_search_idx", "Seq Scan on persons"} {
			if strings.Contains(text, bad) {
				t.Errorf("plan has %q:\n%s", bad, text)
			}
		}
	}
	t.Logf("plan:\n%s", text)
}
