package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/person"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/role"
	"github.com/1sales/app/shared/api"
)

type bench struct {
	o      options
	ds     *dataset
	owner  *bun.DB
	direct *bun.DB
	rec    *recorder
	http   *client
	cpu    *cpuMeter
	failed []string
}

// workloadNames are the names -only (BENCH_ONLY) selects from.
var workloadNames = []string{"documents", "live", "list", "deep", "owner", "search", "update", "board", "nearby", "map", "dashboard", "intake", "export", "imports"}

// standalone are the workloads that need no data set (they make a tenant of their own).
var standalone = map[string]bool{"documents": true, "live": true}

// needsDataset reports whether a selection of workloads (-only; nil: all) has one that runs on the data set.
func needsDataset(only map[string]bool) bool {
	if only == nil {
		return true
	}
	for w := range only {
		if !standalone[w] {
			return true
		}
	}
	return false
}

func (b *bench) wants(name string) bool { return b.o.only == nil || b.o.only[name] }

// settings prints the server settings the figures depend on.
func (b *bench) settings(ctx context.Context) error {
	var rows []struct {
		Name    string `bun:"name"`
		Setting string `bun:"setting"`
		Unit    string `bun:"unit"`
	}
	if err := b.owner.NewRaw(`SELECT name, setting, coalesce(unit, '') AS unit FROM pg_settings WHERE name IN
		('shared_buffers', 'effective_cache_size', 'work_mem', 'max_connections', 'synchronous_commit', 'fsync',
		 'random_page_cost', 'jit') ORDER BY name`).Scan(ctx, &rows); err != nil {
		return fmt.Errorf("bench: settings: %w", err)
	}
	parts := make([]string, len(rows))
	for i, r := range rows {
		parts[i] = r.Name + "=" + r.Setting + r.Unit
	}
	var version string
	_ = b.owner.NewRaw("SHOW server_version").Scan(ctx, &version)
	logf("PostgreSQL %s: %s", version, strings.Join(parts, " "))
	return nil
}

func (b *bench) login(ctx context.Context, email string) (string, error) {
	body, _ := json.Marshal(api.LoginRequest{Email: email, Password: benchPassword})
	status, _, raw, err := b.http.call(ctx, http.MethodPost, "/api/v1/auth/login", "", body, nil, true)
	if err := expect(status, raw, err, http.StatusOK, "login "+email); err != nil {
		return "", err
	}
	var s api.Session
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", err
	}
	return s.AccessToken, nil
}

// figures is one workload's measurements.
type figures struct {
	name                     string
	c1, c16, sql16, sqlAll16 result
	stmts, essentials        int
	// cpu is the CPU time the c16 run took (bench process: load generator and service; PostgreSQL).
	cpu cpuTimes
}

// perRequest is a CPU time of the c16 run per request in milliseconds (0 without requests).
func (f figures) perRequest(d time.Duration) float64 {
	if f.c16.n() == 0 {
		return 0
	}
	return float64(d) / float64(f.c16.n()) / float64(time.Millisecond)
}

// print writes the figure's bench line: latencies and throughput, and what a request costs (issue 19): the
// PostgreSQL CPU (db_cpu_ms) and the bench process's CPU (self_cpu_ms: service and load generator) per request at
// c16, and the statements the service ran for one request (stmts; 0 where the workload does not record them).
func (f figures) print() {
	fmt.Printf("bench: %s c1_p50_ms=%.2f c1_p99_ms=%.2f c16_p50_ms=%.2f c16_p99_ms=%.2f c16_rps=%.0f sql_c16_rps=%.0f db_cpu_ms=%.2f self_cpu_ms=%.2f stmts=%d\n",
		f.name, f.c1.pct(0.50), f.c1.pct(0.99), f.c16.pct(0.50), f.c16.pct(0.99), f.c16.rps(), f.sql16.rps(),
		f.perRequest(f.cpu.pg), f.perRequest(f.cpu.self), f.stmts)
	info := fmt.Sprintf("%s: requests c1=%d c16=%d sql_c16=%d; sql_c16_p50_ms=%.2f sql_c16_p99_ms=%.2f; service/sql throughput %.0f%%",
		f.name, f.c1.n(), f.c16.n(), f.sql16.n(), f.sql16.pct(0.5), f.sql16.pct(0.99), 100*f.c16.rps()/f.sql16.rps())
	if f.stmts > 0 {
		info += fmt.Sprintf("; the service ran %d statements per request, the direct SQL %d", f.stmts, f.essentials)
	}
	if f.sqlAll16.n() > 0 {
		info += fmt.Sprintf("; all %d statements directly: c16_rps=%.0f", f.stmts, f.sqlAll16.rps())
	}
	logf("%s", info)
}

// workload runs warm-up, c1 and c16 over HTTP, then the direct SQL at c16 (and, when given, every statement the
// service ran, replayed directly).
func (b *bench) workload(ctx context.Context, f *figures, httpOp, sqlOp, allOp op) error {
	logf("%s: warm-up %s", f.name, b.o.warmup)
	if _, err := measure(ctx, 16, b.o.warmup, b.o.maxRequests, httpOp); err != nil {
		return fmt.Errorf("%s: warm-up: %w", f.name, err)
	}
	var err error
	if f.c1, err = measure(ctx, 1, b.o.duration, b.o.maxRequests, httpOp); err != nil {
		return fmt.Errorf("%s: c1: %w", f.name, err)
	}
	before := b.cpu.read()
	if f.c16, err = measure(ctx, 16, b.o.duration, b.o.maxRequests, httpOp); err != nil {
		return fmt.Errorf("%s: c16: %w", f.name, err)
	}
	after := b.cpu.read()
	f.cpu = cpuTimes{self: after.self - before.self, pg: after.pg - before.pg}
	if f.sql16, err = measure(ctx, 16, b.o.duration, b.o.maxRequests, sqlOp); err != nil {
		return fmt.Errorf("%s: sql c16: %w", f.name, err)
	}
	if allOp != nil {
		if f.sqlAll16, err = measure(ctx, 16, b.o.duration, b.o.maxRequests, allOp); err != nil {
			return fmt.Errorf("%s: all statements c16: %w", f.name, err)
		}
	}
	f.print()
	return nil
}

func (b *bench) target(ok bool, format string, args ...any) {
	verdict := "met"
	if !ok {
		verdict = "MISSED"
		b.failed = append(b.failed, fmt.Sprintf(format, args...))
	}
	logf("target %s: %s", fmt.Sprintf(format, args...), verdict)
}

func (b *bench) runAll(ctx context.Context) error {
	manager, err := b.login(ctx, managerEmail)
	if err != nil {
		return err
	}
	t0 := time.Now()
	if b.wants("nearby") {
		if err := b.nearbyWorkload(ctx, manager); err != nil {
			return err
		}
	}
	if b.wants("map") {
		if err := b.personMapWorkload(ctx, manager); err != nil {
			return err
		}
	}
	if b.wants("list") || b.wants("deep") {
		list, deep, err := b.list(ctx, manager)
		if err != nil {
			return err
		}
		if list != nil {
			b.target(list.c16.pct(0.99) < 20, "persons_list c16 p99 < 20 ms (%.2f ms)", list.c16.pct(0.99))
			b.target(list.c16.rps() >= 0.5*list.sql16.rps(), "persons_list c16 throughput >= 50%% of the direct SQL (%.0f of %.0f rps, %.0f%%)",
				list.c16.rps(), list.sql16.rps(), 100*list.c16.rps()/list.sql16.rps())
		}
		if list != nil && deep != nil {
			b.target(deep.c16.pct(0.5) <= 1.25*list.c16.pct(0.5)+0.5, "page 200 costs no more than page 1 (c16 p50 %.2f ms vs %.2f ms)",
				deep.c16.pct(0.5), list.c16.pct(0.5))
		}
	}
	if b.wants("owner") {
		f, err := b.ownPersons(ctx)
		if err != nil {
			return err
		}
		b.target(f.c16.rps() >= 0.5*f.sql16.rps(), "persons_list_owner c16 throughput >= 50%% of the one plain statement (%.0f of %.0f rps)",
			f.c16.rps(), f.sql16.rps())
		b.target(f.c16.rps() >= 2200, "persons_list_owner c16 >= 2,200 rps, twice PocketBase's 1,100 on this shape of work (%.0f rps)", f.c16.rps())
	}
	if b.wants("search") {
		s, err := b.search(ctx, manager)
		if err != nil {
			return err
		}
		b.target(s.c16.pct(0.99) < 50, "persons_search c16 p99 < 50 ms (%.2f ms)", s.c16.pct(0.99))
	}
	if b.wants("update") {
		u, err := b.update(ctx)
		if err != nil {
			return err
		}
		b.target(u.c16.rps() >= 0.4*u.sql16.rps(), "persons_update c16 throughput >= 40%% of the direct SQL (%.0f of %.0f rps, %.0f%%)",
			u.c16.rps(), u.sql16.rps(), 100*u.c16.rps()/u.sql16.rps())
	}
	if b.wants("board") {
		f, err := b.board(ctx, manager)
		if err != nil {
			return err
		}
		b.target(f.c16.pct(0.99) < 50, "deal_board c16 p99 < 50 ms (%.2f ms)", f.c16.pct(0.99))
	}
	if b.wants("dashboard") {
		if err := b.dashboardWorkload(ctx, manager); err != nil {
			return err
		}
	}
	if b.wants("intake") {
		if err := b.intakeWorkload(ctx); err != nil {
			return err
		}
	}
	if b.wants("export") {
		if err := b.exportWorkload(ctx); err != nil {
			return err
		}
	}
	if b.wants("imports") {
		if err := b.importWorkload(ctx); err != nil {
			return err
		}
	}
	logf("measurements took %s", time.Since(t0).Round(time.Second))
	if len(b.failed) > 0 {
		logf("%d target(s) missed on this machine (%d CPUs); see above", len(b.failed), runtime.NumCPU())
	}
	return nil
}

// ------------------------------------------------------------------ list ----

func (b *bench) listQueries() []api.ListQuery {
	f := b.ds.Fields
	return []api.ListQuery{
		{Custom: []api.CustomCondition{{FieldID: f[fieldNewsletter].String(), Op: "is", Value: "true"}}, Sort: "name", Limit: 50, DeferTotal: true},
		{Custom: []api.CustomCondition{{FieldID: f[fieldRevenue].String(), Op: "gt", Value: "1000000"}}, Sort: "name", Limit: 50, DeferTotal: true},
		{Custom: []api.CustomCondition{{FieldID: f[fieldInterests].String(), Op: "contains", Value: "Cloud"}}, Sort: "name", Limit: 50, DeferTotal: true},
	}
}

// ownPersons measures the simplest list a rep opens (issue 19): the rep's own persons, newest first, a page of 50,
// next to the one plain SQL statement that returns the same page (as the schema owner, so without row-level
// security, the tenant and owner written into the statement).
func (b *bench) ownPersons(ctx context.Context) (*figures, error) {
	token, err := b.login(ctx, b.ds.Reps[0])
	if err != nil {
		return nil, err
	}
	// As the desktop asks for a page: its count comes after it (DeferTotal).
	body, _ := json.Marshal(api.ListQuery{Owner: string(api.OwnerMe), Sort: "-" + string(api.SortCreatedAt), Limit: 50, DeferTotal: true})
	send := func(ctx context.Context) error {
		status, _, raw, err := b.http.call(ctx, http.MethodPost, "/api/v1/persons/query", token, body, nil, false)
		return expect(status, raw, err, http.StatusOK, "POST /api/v1/persons/query")
	}
	f := &figures{name: "persons_list_owner"}
	if err := send(ctx); err != nil { // warm, as in recorded
		return nil, fmt.Errorf("persons_list_owner: %w", err)
	}
	stmts, err := b.rec.record(func() error { return send(ctx) })
	if err != nil {
		return nil, fmt.Errorf("persons_list_owner: %w", err)
	}
	f.stmts, f.essentials = len(stmts), 1
	const plain = `SELECT p.* FROM persons AS p WHERE p.tenant_id = $1 AND p.owner_id = $2 AND p.deleted_at IS NULL
		ORDER BY p.created_at DESC, p.id DESC LIMIT 51`
	sqlOp := func(ctx context.Context, _ int) error {
		rows, err := b.owner.DB.QueryContext(ctx, plain, b.ds.TenantID, b.ds.RepIDs[0])
		if err != nil {
			return err
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		for i := range vals {
			vals[i] = new(sql.RawBytes)
		}
		n := 0
		for rows.Next() {
			if err := rows.Scan(vals...); err != nil {
				return err
			}
			n++
		}
		if n == 0 {
			return fmt.Errorf("persons_list_owner: the plain statement found no persons of rep 1")
		}
		return rows.Err()
	}
	httpOp := func(ctx context.Context, _ int) error { return send(ctx) }
	if err := b.workload(ctx, f, httpOp, sqlOp, nil); err != nil {
		return nil, err
	}
	return f, nil
}

// list measures the first page of three filtered lists (one custom field condition each, sorted by name, in the
// manager's scope: all 50 reps) and page 200 of the same lists, reached by following the cursors.
func (b *bench) list(ctx context.Context, token string) (*figures, *figures, error) {
	queries := b.listQueries()
	bodies := make([][]byte, len(queries))
	for i, q := range queries {
		bodies[i], _ = json.Marshal(q)
	}
	post := func(ctx context.Context, body []byte, keep bool) ([]byte, error) {
		status, _, raw, err := b.http.call(ctx, http.MethodPost, "/api/v1/persons/query", token, body, nil, keep)
		return raw, expect(status, raw, err, http.StatusOK, "POST /api/v1/persons/query")
	}
	var page1, page200 *figures
	if b.wants("list") {
		f, err := b.recorded(ctx, "persons_list", bodies, func(ctx context.Context, body []byte) error { _, err := post(ctx, body, false); return err })
		if err != nil {
			return nil, nil, err
		}
		page1 = f
	}
	if b.wants("deep") {
		deep := make([][]byte, len(queries))
		for i, q := range queries {
			var seen int
			for page := 1; page < 200; page++ {
				body, _ := json.Marshal(q)
				raw, err := post(ctx, body, true)
				if err != nil {
					return nil, nil, err
				}
				var p api.PersonPage
				if err := json.Unmarshal(raw, &p); err != nil {
					return nil, nil, err
				}
				if p.NextCursor == "" {
					return nil, nil, fmt.Errorf("persons_list_deep: list %d ends at page %d", i+1, page)
				}
				seen += len(p.Items)
				q.Cursor = p.NextCursor
			}
			logf("persons_list_deep: page 200 of list %d starts after %d persons", i+1, seen)
			deep[i], _ = json.Marshal(q)
		}
		f, err := b.recorded(ctx, "persons_list_deep", deep, func(ctx context.Context, body []byte) error { _, err := post(ctx, body, false); return err })
		if err != nil {
			return nil, nil, err
		}
		page200 = f
	}
	return page1, page200, nil
}

// recorded measures a read workload whose variants (request bodies or query strings) are sent in turn; the
// SQL the service runs for each variant is recorded once and replayed for the direct comparison.
func (b *bench) recorded(ctx context.Context, name string, variants [][]byte, send func(ctx context.Context, v []byte) error) (*figures, error) {
	f := &figures{name: name}
	all := make([][]string, len(variants))
	ess := make([][]string, len(variants))
	for i, v := range variants {
		if err := send(ctx, v); err != nil { // warm: the recording shows a request as it runs again and again
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		stmts, err := b.rec.record(func() error { return send(ctx, v) })
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if b.o.explain {
			fmt.Fprintf(os.Stderr, "---- %s variant %d (%s): statements and their time\n%s", name, i, v, b.rec.trace())
		}
		all[i], ess[i] = stmts, essential(stmts)
		f.stmts, f.essentials = len(stmts), len(ess[i])
	}
	if b.o.explain {
		b.explain(ctx, name, ess)
	}
	var next atomic.Int64
	pick := func() int { return int(next.Add(1)-1) % len(variants) }
	httpOp := func(ctx context.Context, _ int) error { return send(ctx, variants[pick()]) }
	sqlOp := func(ctx context.Context, _ int) error { return replay(ctx, b.direct.DB, ess[pick()]) }
	allOp := func(ctx context.Context, _ int) error { return replay(ctx, b.direct.DB, all[pick()]) }
	if err := b.workload(ctx, f, httpOp, sqlOp, allOp); err != nil {
		return nil, err
	}
	if len(variants) > 1 {
		b.perVariant(ctx, name, variants, send)
	}
	return f, nil
}

// perVariant prints the median latency of each variant alone (3 requests each, one at a time).
func (b *bench) perVariant(ctx context.Context, name string, variants [][]byte, send func(ctx context.Context, v []byte) error) {
	parts := make([]string, len(variants))
	for i, v := range variants {
		var r result
		for range 3 {
			t := time.Now()
			if err := send(ctx, v); err != nil {
				logf("%s: variant %d: %v", name, i, err)
				return
			}
			r.lat = append(r.lat, time.Since(t))
		}
		label := string(v)
		if q, err := url.Parse(label); err == nil && q.Query().Get("q") != "" {
			label = q.Query().Get("q")
		} else {
			label = fmt.Sprintf("#%d", i+1)
		}
		parts[i] = fmt.Sprintf("%s=%.1f", label, r.pct(0.5))
	}
	logf("%s: c1 p50 ms per variant: %s", name, strings.Join(parts, " "))
}

// explain prints the plans of the recorded statements (one variant each) with timing and buffers.
func (b *bench) explain(ctx context.Context, name string, variants [][]string) {
	for vi, stmts := range variants {
		tx, err := b.direct.DB.BeginTx(ctx, nil)
		if err != nil {
			logf("explain: %v", err)
			return
		}
		for _, s := range stmts {
			if s == "BEGIN" || s == "COMMIT" {
				continue
			}
			if strings.Contains(s, "set_config") {
				if _, err := tx.ExecContext(ctx, s); err != nil {
					logf("explain: %v", err)
				}
				continue
			}
			rows, err := tx.QueryContext(ctx, "EXPLAIN (ANALYZE, BUFFERS) "+s)
			if err != nil {
				logf("explain: %v", err)
				continue
			}
			var plan []string
			for rows.Next() {
				var line string
				_ = rows.Scan(&line)
				plan = append(plan, line)
			}
			rows.Close()
			fmt.Fprintf(os.Stderr, "---- %s variant %d\n%s\n%s\n", name, vi, s, strings.Join(plan, "\n"))
		}
		_ = tx.Rollback()
	}
}

// ---------------------------------------------------------------- search ----

func (b *bench) search(ctx context.Context, token string) (*figures, error) {
	variants := make([][]byte, len(searchTerms))
	for i, t := range searchTerms {
		variants[i] = []byte("/api/v1/search?q=" + url.QueryEscape(t))
	}
	return b.recorded(ctx, "persons_search", variants, func(ctx context.Context, path []byte) error {
		status, _, raw, err := b.http.call(ctx, http.MethodGet, string(path), token, nil, nil, false)
		return expect(status, raw, err, http.StatusOK, "GET "+string(path))
	})
}

// ---------------------------------------------------------------- update ----

// target is a person a rep updates: its current version and job title.
type target struct {
	id      uuid.UUID
	version int64
	job     string
}

// repQueue holds one rep's persons; only one worker uses a queue at a time, so every request changes another
// person than the requests running beside it (no lock waits between workers).
type repQueue struct {
	token   string
	actor   *access.Actor
	targets []target
	next    int
}

func (q *repQueue) take() *target {
	t := &q.targets[q.next%len(q.targets)]
	q.next++
	return t
}

func nextJob(current string) string {
	i := slices.Index(jobTitles, current)
	return jobTitles[(i+1)%len(jobTitles)]
}

// update measures PATCH /api/v1/persons/{id} (a new job title, which writes a history entry) by 16 field reps
// on their own persons, and the same transaction run directly: set_config, the SELECT of the row, the UPDATE with
// its history entry (one statement).
func (b *bench) update(ctx context.Context) (*figures, error) {
	const reps = 16
	var roleID uuid.UUID
	if err := b.owner.NewRaw("SELECT id FROM roles WHERE tenant_id = ? AND name = 'Außendienst'", b.ds.TenantID).Scan(ctx, &roleID); err != nil {
		return nil, fmt.Errorf("persons_update: role: %w", err)
	}
	var grants []api.Grant
	for _, r := range role.Defaults() {
		if r.Name == "Außendienst" {
			grants = r.Grants
		}
	}
	queues := make([]*repQueue, reps)
	for i := range queues {
		token, err := b.login(ctx, b.ds.Reps[i])
		if err != nil {
			return nil, err
		}
		var unitID uuid.UUID
		if err := b.owner.NewRaw("SELECT unit_id FROM users WHERE id = ?", b.ds.RepIDs[i]).Scan(ctx, &unitID); err != nil {
			return nil, err
		}
		q := &repQueue{token: token,
			actor: access.NewActor(b.ds.TenantID, b.ds.RepIDs[i], uuid.Nil, unitID, roleID, []uuid.UUID{unitID}, false, grants)}
		var rows []struct {
			ID      uuid.UUID `bun:"id"`
			Version int64     `bun:"version"`
			Job     string    `bun:"job_title"`
		}
		if err := b.owner.NewRaw(`SELECT id, version, job_title FROM persons WHERE tenant_id = ? AND owner_id = ? AND deleted_at IS NULL
			ORDER BY id LIMIT 5000`, b.ds.TenantID, b.ds.RepIDs[i]).Scan(ctx, &rows); err != nil {
			return nil, err
		}
		for _, r := range rows {
			q.targets = append(q.targets, target{id: r.ID, version: r.Version, job: r.Job})
		}
		queues[i] = q
	}
	patch := func(ctx context.Context, q *repQueue, t *target) error {
		job := nextJob(t.job)
		body, _ := json.Marshal(api.PersonPatch{JobTitle: &job})
		status, hdr, raw, err := b.http.call(ctx, http.MethodPatch, "/api/v1/persons/"+t.id.String(), q.token, body,
			map[string]string{"If-Match": `"` + strconv.FormatInt(t.version, 10) + `"`}, false)
		if err := expect(status, raw, err, http.StatusOK, "PATCH /api/v1/persons/"+t.id.String()); err != nil {
			return err
		}
		v, err := strconv.ParseInt(strings.Trim(hdr.Get("ETag"), `"`), 10, 64)
		if err != nil {
			return fmt.Errorf("PATCH: ETag %q", hdr.Get("ETag"))
		}
		t.version, t.job = v, job
		return nil
	}
	f := &figures{name: "persons_update"}
	stmts, err := b.rec.record(func() error { return patch(ctx, queues[0], queues[0].take()) })
	if err != nil {
		return nil, err
	}
	f.stmts, f.essentials = len(stmts), 5
	httpOp := func(ctx context.Context, w int) error {
		q := queues[w%reps]
		return patch(ctx, q, q.take())
	}
	sqlOp := func(ctx context.Context, w int) error {
		q := queues[w%reps]
		return b.directUpdate(ctx, q.actor, q.take())
	}
	if b.o.explain {
		for _, s := range stmts {
			fmt.Fprintf(os.Stderr, "---- persons_update statement\n%s\n", s)
		}
	}
	if err := b.workload(ctx, f, httpOp, sqlOp, nil); err != nil {
		return nil, err
	}
	return f, nil
}

// directUpdate is the essential SQL of Service.Update, built the way the service builds it (record.Store.Update):
// in a tenant transaction, the person row read (scoped to the rep) with the custom field definitions, and the
// update of all its columns with a new version, at the version read, with the history entry in the same statement.
func (b *bench) directUpdate(ctx context.Context, a *access.Actor, t *target) error {
	return db.InTenant(ctx, b.direct, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		p := new(person.Person)
		q := tx.NewSelect().Model(p).ColumnExpr("p.*").
			ColumnExpr("(SELECT u.name FROM users AS u WHERE u.id = p.owner_id) AS owner_name").
			ColumnExpr("? AS field_defs", record.FieldDefinitions(api.RecordPerson)).
			Where("p.id = ?", t.id).Where("p.deleted_at IS NULL")
		a.Restrict(q.QueryBuilder(), api.RecordPerson, api.ActionEdit, "p.owner_id")
		if err := q.Scan(ctx); err != nil {
			return fmt.Errorf("direct update: load %s: %w", t.id, err)
		}
		if p.Version != t.version {
			return fmt.Errorf("direct update: %s has version %d, want %d", t.id, p.Version, t.version)
		}
		old := p.JobTitle
		p.JobTitle = nextJob(old)
		entry, err := history.Insert(ctx, tx, a, api.RecordPerson, p.ID, api.HistoryUpdated,
			[]api.FieldChange{{Field: "jobTitle", Old: old, New: p.JobTitle}}, "written")
		if err != nil {
			return err
		}
		write := tx.NewUpdate().Model(p).ExcludeColumn("id", "tenant_id", "created_at", "deleted_at", "deleted_by", "version", "updated_at").
			Set("version = version + 1").Set("updated_at = now()").WherePK().Where("p.version = ?", t.version).Returning("version, updated_at")
		if err := tx.NewSelect().Model(p).With("written", write).With("entry", entry).ModelTableExpr("written AS p").
			Column("version", "updated_at").Scan(ctx); err != nil {
			return fmt.Errorf("direct update: %s: %w", t.id, err)
		}
		t.version, t.job = p.Version, p.JobTitle
		return nil
	})
}

// ----------------------------------------------------------------- board ----

// board measures POST /api/v1/deals/board for the largest deal pipeline as the sales manager, whose unit tree
// holds all 50 reps: per stage the count, total and weighted value of the open deals and the first 50 cards.
// Before measuring, it checks the board's figures against the deals counted directly (as the owner, outside the
// service; every deal belongs to a rep, so the manager sees them all), so that a fast board is also a right one.

func (b *bench) board(ctx context.Context, token string) (*figures, error) {
	p := b.ds.Pipelines[0]
	// As the desktop asks for a board: the first cards of each stage that fit on a screen (BOARD_CARDS.first in
	// frontend/src/features/sales/hooks.ts).
	const perStage = 15
	body, _ := json.Marshal(api.BoardQuery{PipelineID: p.ID.String(), CardsPerStage: perStage})
	send := func(ctx context.Context, body []byte, keep bool) ([]byte, error) {
		status, _, raw, err := b.http.call(ctx, http.MethodPost, "/api/v1/deals/board", token, body, nil, keep)
		return raw, expect(status, raw, err, http.StatusOK, "POST /api/v1/deals/board")
	}
	raw, err := send(ctx, body, true)
	if err != nil {
		return nil, err
	}
	var board api.Board
	if err := json.Unmarshal(raw, &board); err != nil {
		return nil, fmt.Errorf("deal_board: %w", err)
	}
	want, err := openPerStage(ctx, b.owner, p.ID, nil)
	if err != nil {
		return nil, fmt.Errorf("deal_board: count directly: %w", err)
	}
	if len(board.Columns) != len(want) {
		return nil, fmt.Errorf("deal_board: %d columns, want %d", len(board.Columns), len(want))
	}
	open, cards := 0, 0
	for i, c := range board.Columns {
		w := want[i]
		if c.Stage.ID != w.Stage || c.Count != w.N || c.Total != w.Total || c.Weighted != w.Weighted {
			return nil, fmt.Errorf("deal_board: stage %q shows %d deals worth %s (weighted %s), the deals table holds %d worth %s (%s)",
				c.Stage.Name, c.Count, c.Total, c.Weighted, w.N, w.Total, w.Weighted)
		}
		if len(c.Deals) != min(w.N, perStage) {
			return nil, fmt.Errorf("deal_board: stage %q shows %d cards of %d deals", c.Stage.Name, len(c.Deals), w.N)
		}
		open += c.Count
		cards += len(c.Deals)
	}
	logf("deal_board: pipeline %q (%d deals, %d open in %d stages, %d cards, %d KB per response) matches the deals table",
		p.Name, p.Deals, open, len(board.Columns), cards, len(raw)/1024)
	return b.recorded(ctx, "deal_board", [][]byte{body}, func(ctx context.Context, body []byte) error {
		_, err := send(ctx, body, false)
		return err
	})
}

// stageTotal is what a stage holds in open deals, counted directly in the deals table.
type stageTotal struct {
	Stage    string `bun:"stage_id"`
	N        int    `bun:"n"`
	Total    string `bun:"total"`
	Weighted string `bun:"weighted"`
}

// openPerStage counts the open deals in each stage of a pipeline directly in the deals table, those of owners
// (nil: everyone's): what the deal board and the manager's funnel must show.
func openPerStage(ctx context.Context, owner bun.IDB, pipelineID uuid.UUID, owners []uuid.UUID) ([]stageTotal, error) {
	only := bun.SafeQuery("")
	if owners != nil {
		only = bun.SafeQuery("AND d.owner_id = ANY(?)", pgdialect.Array(owners))
	}
	var out []stageTotal
	err := owner.NewRaw(`SELECT s.id::text AS stage_id, count(d.id) AS n, coalesce(sum(d.value), 0)::numeric(16,2)::text AS total,
			coalesce(round(sum(d.value * s.probability) / 100, 2), 0)::numeric(16,2)::text AS weighted
		FROM stages AS s LEFT JOIN deals AS d ON d.stage_id = s.id AND d.status = 'open' AND d.deleted_at IS NULL ?
		WHERE s.pipeline_id = ? GROUP BY s.id, s.position ORDER BY s.position`, only, pipelineID).Scan(ctx, &out)
	return out, err
}
