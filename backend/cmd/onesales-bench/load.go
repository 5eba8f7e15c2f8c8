package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/httpx"
)

// ------------------------------------------------------------------ HTTP ----

type client struct {
	base string
	hc   *http.Client
}

func newClient(base string) *client {
	tr := &http.Transport{MaxIdleConns: 128, MaxIdleConnsPerHost: 128, IdleConnTimeout: time.Minute, DisableCompression: true}
	return &client{base: base, hc: &http.Client{Transport: tr, Timeout: 60 * time.Second}}
}

// call sends a request and returns the status, the response headers and (when keep) the body.
func (c *client) call(ctx context.Context, method, path, token string, body []byte, header map[string]string, keep bool) (int, http.Header, []byte, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return 0, nil, nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	var out []byte
	if keep || resp.StatusCode >= 300 {
		out, err = io.ReadAll(resp.Body)
	} else {
		_, err = io.Copy(io.Discard, resp.Body)
	}
	return resp.StatusCode, resp.Header, out, err
}

// expect fails unless the status is want.
func expect(status int, body []byte, err error, want int, what string) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if status != want {
		return fmt.Errorf("%s: status %d, want %d: %s", what, status, want, bytes.TrimSpace(body))
	}
	return nil
}

// ------------------------------------------------------------- load runs ----

// result is one measuring run: every request's latency.
type result struct {
	lat     []time.Duration
	elapsed time.Duration
}

func (r result) n() int { return len(r.lat) }

func (r result) rps() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(len(r.lat)) / r.elapsed.Seconds()
}

// pct is the q-quantile (nearest rank) in milliseconds.
func (r result) pct(q float64) float64 {
	if len(r.lat) == 0 {
		return math.NaN()
	}
	s := slices.Clone(r.lat)
	slices.Sort(s)
	i := int(math.Ceil(q*float64(len(s)))) - 1
	i = max(0, min(i, len(s)-1))
	return float64(s[i]) / float64(time.Millisecond)
}

// op is one request of a workload for worker w (0 … concurrency-1).
type op func(ctx context.Context, w int) error

// measure runs op with conc workers, each issuing requests back to back (closed loop), until dur has passed or
// maxReq requests were started; the first error stops the run.
func measure(ctx context.Context, conc int, dur time.Duration, maxReq int, do op) (result, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var started atomic.Int64
	var firstErr error
	var errOnce sync.Once
	lats := make([][]time.Duration, conc)
	deadline := time.Now().Add(dur)
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil && time.Now().Before(deadline) && started.Add(1) <= int64(maxReq) {
				t := time.Now()
				if err := do(ctx, w); err != nil {
					if ctx.Err() == nil {
						errOnce.Do(func() { firstErr = err; cancel() })
					}
					return
				}
				lats[w] = append(lats[w], time.Since(t))
			}
		}()
	}
	wg.Wait()
	r := result{elapsed: time.Since(start)}
	for _, l := range lats {
		r.lat = append(r.lat, l...)
	}
	if firstErr == nil && ctx.Err() != nil {
		firstErr = ctx.Err()
	}
	return r, firstErr
}

// ------------------------------------------------------ recorded SQL ----

// recorder is a bun query hook on the service's pool: while on, it keeps the SQL text of every statement (as
// sent, arguments formatted in) in order, including BEGIN and COMMIT.
type recorder struct {
	on    atomic.Bool
	mu    sync.Mutex
	stmts []string
	took  []time.Duration
}

func (r *recorder) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }

func (r *recorder) AfterQuery(ctx context.Context, e *bun.QueryEvent) {
	// Only the statements of requests: the in-process workers (change feed, notifications, housekeeping) run
	// without a request ID.
	if !r.on.Load() || httpx.RequestID(ctx) == "" {
		return
	}
	r.mu.Lock()
	r.stmts = append(r.stmts, e.Query)
	r.took = append(r.took, time.Since(e.StartTime))
	r.mu.Unlock()
}

// trace returns the statements of the last recording with how long each took, one a line.
func (r *recorder) trace() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var b strings.Builder
	for i, s := range r.stmts {
		s = strings.Join(strings.Fields(s), " ")
		if len(s) > 150 {
			s = s[:150] + "…"
		}
		fmt.Fprintf(&b, "  %7.2f ms  %s\n", float64(r.took[i])/float64(time.Millisecond), s)
	}
	return b.String()
}

// record returns the statements the service runs for one call of do (run nothing else meanwhile).
func (r *recorder) record(do func() error) ([]string, error) {
	r.mu.Lock()
	r.stmts, r.took = nil, nil
	r.mu.Unlock()
	r.on.Store(true)
	err := do()
	r.on.Store(false)
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.stmts), err
}

// transactions splits recorded statements at BEGIN … COMMIT.
func transactions(stmts []string) [][]string {
	var out [][]string
	var cur []string
	for _, s := range stmts {
		cur = append(cur, s)
		if s == "COMMIT" || s == "ROLLBACK" || (len(cur) == 1 && s != "BEGIN") {
			out = append(out, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// essential keeps the statements of the operation itself: the transaction(s) touching persons, organisations or
// deals, without the loading of custom field definitions. It drops what the service adds around it (the sign-in
// check of every request).
func essential(stmts []string) []string {
	var out []string
	for _, tx := range transactions(stmts) {
		all := strings.Join(tx, "\n")
		if !strings.Contains(all, `"persons"`) && !strings.Contains(all, "persons AS") && !strings.Contains(all, `"organizations"`) &&
			!strings.Contains(all, `"deals"`) {
			continue
		}
		for _, s := range tx {
			if strings.Contains(s, `"custom_fields"`) {
				continue
			}
			// The request's first statement also checks its session (auth_session_version): the direct SQL sets
			// the tenant only.
			out = append(out, sessionCheck.ReplaceAllString(s, ""))
		}
	}
	return out
}

// sessionCheck is the session check in a request's first statement (auth.Service's begin).
var sessionCheck = regexp.MustCompile(`, auth_session_version\([^)]*\)`)

// replay runs recorded statements through database/sql (the driver the service uses, without bun's query
// building), in the same transactions, reading every row.
func replay(ctx context.Context, sqldb *sql.DB, stmts []string) error {
	var tx *sql.Tx
	for _, s := range stmts {
		var err error
		switch s {
		case "BEGIN":
			tx, err = sqldb.BeginTx(ctx, nil)
		case "COMMIT", "ROLLBACK":
			// A recording can start inside a transaction of a background worker of the in-process server (the
			// import queue's claim, the notification worker): its end without its BEGIN is nothing to replay.
			if tx == nil {
				continue
			}
			if s == "COMMIT" {
				err = tx.Commit()
			} else {
				err = tx.Rollback()
			}
			tx = nil
		default:
			var rows *sql.Rows
			if tx != nil {
				rows, err = tx.QueryContext(ctx, s)
			} else {
				rows, err = sqldb.QueryContext(ctx, s)
			}
			if err == nil {
				err = drain(rows)
			}
		}
		if err != nil {
			if tx != nil {
				_ = tx.Rollback()
			}
			return fmt.Errorf("replay %.80q: %w", s, err)
		}
	}
	if tx != nil {
		return tx.Commit()
	}
	return nil
}

func drain(rows *sql.Rows) error {
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]sql.RawBytes, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ------------------------------------------------------------ CPU time ----

// cpuMeter reads the CPU time spent by this process (the load generator and the service together) and by
// PostgreSQL (the postmaster's children: backends and background processes), from /proc: the bench runs on
// the database's host. Per request, these show what a workload costs regardless of what else runs on the
// machine, which the latencies do not.
type cpuMeter struct{ postmaster int }

// newCPUMeter finds the postmaster as the parent of a backend of db; nil when /proc cannot tell.
func newCPUMeter(ctx context.Context, db *bun.DB) *cpuMeter {
	var backend int
	if err := db.NewRaw("SELECT pg_backend_pid()").Scan(ctx, &backend); err != nil {
		return nil
	}
	st, err := procStat(backend)
	if err != nil || len(st) < 2 {
		return nil
	}
	ppid, err := strconv.Atoi(st[1])
	if err != nil {
		return nil
	}
	return &cpuMeter{postmaster: ppid}
}

// cpuTimes is the CPU time (user and system) of the bench process and of PostgreSQL.
type cpuTimes struct{ self, pg time.Duration }

func (m *cpuMeter) read() cpuTimes {
	if m == nil {
		return cpuTimes{}
	}
	var t cpuTimes
	t.self = ticks(os.Getpid())
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if st, err := procStat(pid); err == nil && len(st) > 1 && (pid == m.postmaster || st[1] == strconv.Itoa(m.postmaster)) {
			t.pg += ticks(pid)
		}
	}
	return t
}

// quiesce waits until the bench process and PostgreSQL are idle (together under 10 % of one CPU over half a
// second), at most limit, and returns how long it waited: a reference measured right after a workload would share
// the machine with the work the workload left to the server's background workers.
func (m *cpuMeter) quiesce(ctx context.Context, limit time.Duration) time.Duration {
	start := time.Now()
	for m != nil && time.Since(start) < limit && ctx.Err() == nil {
		t0 := m.read()
		time.Sleep(500 * time.Millisecond)
		t1 := m.read()
		if (t1.pg-t0.pg)+(t1.self-t0.self) < 50*time.Millisecond {
			break
		}
	}
	return time.Since(start)
}

// procStat returns the fields of /proc/PID/stat after the command name, from the state on (field 3).
func procStat(pid int) ([]string, error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil, err
	}
	i := bytes.LastIndexByte(raw, ')')
	if i < 0 {
		return nil, fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	return strings.Fields(string(raw[i+1:])), nil
}

// ticks is the user and system CPU time of pid (fields 14 and 15, in clock ticks of 10 ms).
func ticks(pid int) time.Duration {
	st, err := procStat(pid)
	if err != nil || len(st) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(st[11], 10, 64)
	s, _ := strconv.ParseInt(st[12], 10, 64)
	return time.Duration(u+s) * 10 * time.Millisecond
}

// schedTimes is how long the threads of some processes ran on a CPU and how long they waited, runnable, for one
// (/proc/<pid>/task/<tid>/schedstat): on a shared machine the waiting shows how much of a latency is queueing for
// a CPU rather than work.
type schedTimes struct{ run, wait time.Duration }

func (t schedTimes) sub(u schedTimes) schedTimes {
	return schedTimes{run: t.run - u.run, wait: t.wait - u.wait}
}

// sched sums the scheduler times of pid's threads.
func sched(pid int) schedTimes {
	var t schedTimes
	tasks, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	for _, task := range tasks {
		raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/schedstat", pid, task.Name()))
		if err != nil {
			continue
		}
		f := strings.Fields(string(raw))
		if len(f) < 2 {
			continue
		}
		run, _ := strconv.ParseInt(f[0], 10, 64)
		wait, _ := strconv.ParseInt(f[1], 10, 64)
		t.run += time.Duration(run)
		t.wait += time.Duration(wait)
	}
	return t
}

// pgSched sums the scheduler times of PostgreSQL's processes (nil meter: none).
func (m *cpuMeter) pgSched() schedTimes {
	var t schedTimes
	if m == nil {
		return t
	}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if st, err := procStat(pid); err == nil && len(st) > 1 && (pid == m.postmaster || st[1] == strconv.Itoa(m.postmaster)) {
			u := sched(pid)
			t.run += u.run
			t.wait += u.wait
		}
	}
	return t
}
