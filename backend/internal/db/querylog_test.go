package db_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/testdb"
)

func TestShapeReplacesEveryLiteral(t *testing.T) {
	cases := []struct{ name, query, want string }{
		{"strings and numbers",
			`SELECT "p"."id" FROM "persons" AS "p" WHERE (p.id = '5f0c2a5e-8a51-4b7e-9d0c-0d9d3f1e2a10') AND (p.deleted_at IS NULL) LIMIT 50`,
			`SELECT "p"."id" FROM "persons" AS "p" WHERE (p.id = ?) AND (p.deleted_at IS NULL) LIMIT ?`},
		{"doubled quote", `INSERT INTO "persons" ("last_name") VALUES ('O''Brien')`, `INSERT INTO "persons" ("last_name") VALUES (?)`},
		{"escape string", `SELECT E'it\'s', 'plain\'`, `SELECT E?, ?`},
		{"numbers of every form", `UPDATE deals SET value = 1234.50, x = -3e5, y = .5 WHERE t2.c3 = 7 AND "x9" = 0`,
			`UPDATE deals SET value = ?, x = -?, y = ? WHERE t2.c3 = ? AND "x9" = ?`},
		{"quoted identifier with a quote", `SELECT "a""b'c" FROM t`, `SELECT "a""b'c" FROM t`},
		{"comment with a quote", "-- don't\nSELECT 'Erika' /* it's */", "-- don't\nSELECT ? /* it's */"},
		{"dollar quotes and placeholders", `SELECT $$Erika$$, $q$a $ b$q$, $1`, `SELECT ?, ?, $1`},
		{"bytea, arrays, json", `VALUES ('\x6869', '{"a","b"}', '{"street":"Hauptstraße 1"}'::jsonb)`, `VALUES (?, ?, ?::jsonb)`},
		{"casts keep their type", `SELECT '5'::int4, numeric(12,2)`, `SELECT ?::int4, numeric(?,?)`},
		{"an unterminated literal hides the rest", `SELECT 'Erika Muster`, `SELECT ?`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := db.Shape(tc.query); got != tc.want {
				t.Fatalf("Shape(%q)\n got %q\nwant %q", tc.query, got, tc.want)
			}
		})
	}
}

type logProbe struct {
	bun.BaseModel `bun:"table:query_log_probe"`
	ID            uuid.UUID         `bun:",pk"`
	Name          string            `bun:"name"`
	Tags          []string          `bun:"tags,array"`
	Extra         map[string]string `bun:"extra,type:jsonb"`
	Amount        float64           `bun:"amount"`
	At            time.Time         `bun:"at"`
}

// The query log of a pool opened with a logger: every statement at debug level, slow ones as warnings, failed ones
// with the redacted error; in none of them a value.
func TestQueryLogShowsStatementsWithoutTheirValues(t *testing.T) {
	d := testdb.New(t)
	ctx := context.Background()
	var out bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug}))
	pool, err := db.Open(ctx, d.OwnerURL, log, db.WithSlowQuery(250*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if _, err := pool.ExecContext(ctx, `CREATE TABLE query_log_probe (id uuid PRIMARY KEY, name text UNIQUE, tags text[],
		extra jsonb, amount float8, at timestamptz)`); err != nil {
		t.Fatal(err)
	}
	row := &logProbe{ID: uuid.New(), Name: "Erika Mustermann", Tags: []string{"vip-kundin"}, Extra: map[string]string{"street": "Königsallee 17"},
		Amount: 98765.43, At: time.Date(1987, 6, 5, 4, 3, 2, 0, time.UTC)}
	if _, err := pool.NewInsert().Model(row).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	row.ID = uuid.New()
	if _, err := pool.NewInsert().Model(row).Exec(ctx); err == nil {
		t.Fatal("the duplicate name was accepted")
	}
	if err := pool.NewSelect().Model(row).Where("name = ?", "Erika Mustermann").Where("pg_sleep(0.3) IS NOT NULL").Scan(ctx); err != nil {
		t.Fatal(err)
	}

	var queries, failures, slow int
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		for _, secret := range []string{"Erika", "Mustermann", "vip-kundin", "Königsallee", "98765", "1987", row.ID.String()} {
			if strings.Contains(line, secret) {
				t.Errorf("the log holds %q: %s", secret, line)
			}
		}
		var rec struct{ Level, Msg, Statement, Operation, Err string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		if rec.Msg == "query" && rec.Level == "DEBUG" && rec.Statement != "" {
			queries++
		}
		if rec.Err != "" {
			failures++
			if rec.Operation != "INSERT" || !strings.Contains(rec.Err, "SQLSTATE 23505 duplicate key value violates unique constraint") {
				t.Errorf("failed query: %s", line)
			}
		}
		if strings.Contains(rec.Statement, "pg_sleep") {
			slow++
			if rec.Msg != "slow query" || rec.Level != "WARN" || rec.Operation != "SELECT" ||
				!strings.Contains(rec.Statement, `WHERE (name = ?) AND (pg_sleep(?) IS NOT NULL)`) {
				t.Errorf("slow query: %s", line)
			}
		}
	}
	if queries == 0 || failures != 1 || slow != 1 {
		t.Fatalf("logged %d queries, %d failures, %d slow queries:\n%s", queries, failures, slow, out.String())
	}
}
