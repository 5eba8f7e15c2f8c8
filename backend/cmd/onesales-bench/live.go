package main

// The live bench (issue 14): 1,000 open event streams (GET /api/v1/events) of a sales team, 200 deal changes a
// second, and the time from each change's commit to its arrival in every stream that may see it. The server runs
// as a separate process (bin/onesales-server serve, as in documents.go), so that its memory is its own. It prints
//
//	bench: live_fanout clients=1000 events_per_s=… p50_ms=… p99_ms=… backend_rss_mb=…
//
// The team: a head unit with 5 teams of 10 reps (role Außendienst: their own records), a manager per team
// (Vertriebsleitung in the team: the team's records), the head of sales (Vertriebsleitung in the head unit) and an
// administrator (everything). Each rep owns 20 deals. The streams: 18 per rep (900), 16 per manager, 10 each for
// the head and the administrator; every user signs in once (password hashing is deliberately slow) and opens all
// their streams with that token. A change is a new title of a deal by its rep; it reaches 54 streams (its rep's
// 18, its manager's 16, the head's and the administrator's 10 each). The changes run for -warmup (not measured),
// then for twice -duration (BENCH_DURATION, 10 s: the other workloads measure that long per concurrency).
//
// The changes are UPDATEs through the application role in a tenant transaction (db.InTenant, with the rep as
// app.user_id: the capture trigger sees what a PATCH makes it see), not PATCH requests: a PATCH of a deal costs
// about 9 ms of CPU (3 in the server, 6 in PostgreSQL, measured here), so 200 a second would need both cores of
// the 2-core bench machine for the requests alone and measure the PATCH handler instead of the feed; through HTTP
// the bench reached about 100 a second.
//
// Latency is measured from the moment COMMIT returned to the bench to the moment a stream's reader goroutine has
// read the event's data line, for every delivery, matched by (deal, version); an event read before its COMMIT
// returned counts as 0. events_per_s is the deliveries received per second while the changes ran. backend_rss_mb
// is the server's peak resident memory (VmHWM, reset after the sign-ins) while the streams were open. The bench
// fails when a stream receives an event of a deal its user may not see, misses one it should receive, receives
// one twice, or ends early.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/seed"
	"github.com/1sales/app/shared/api"
)

const (
	liveTenant       = "Bench Live GmbH"
	liveAdminEmail   = "live.admin@bench.example"
	liveHeadEmail    = "live.leitung@bench.example"
	liveTeams        = 5
	liveRepsPerTeam  = 10
	liveReps         = liveTeams * liveRepsPerTeam
	liveDealsPerRep  = 20
	liveOrgsPerRep   = 5
	liveRepStreams   = 18
	liveLeadStreams  = 16 // per team manager
	liveHeadStreams  = 10 // for the head of sales and for the administrator each
	liveChangesPerS  = 200
	liveWorkers      = 16
	liveOpenParallel = 50
	liveBucket       = 2 * time.Second
)

// liveViewer is a signed-in user with streams: a rep (sees the deals of rep), a team manager (of team), or one who
// sees all.
type liveViewer struct {
	email   string
	token   string
	rep     int // -1 unless a rep
	team    int // -1 unless a team manager
	all     bool
	streams int
}

func (v *liveViewer) kind() string {
	switch {
	case v.all:
		return "all"
	case v.team >= 0:
		return "manager"
	default:
		return "rep"
	}
}

func (v *liveViewer) sees(rep int) bool {
	switch {
	case v.all:
		return true
	case v.team >= 0:
		return rep/liveRepsPerTeam == v.team
	default:
		return v.rep == rep
	}
}

func liveRepEmail(i int) string  { return fmt.Sprintf("live.rep%02d@bench.example", i+1) }
func liveTeamName(t int) string  { return fmt.Sprintf("Team %d", t+1) }
func liveLeadEmail(t int) string { return fmt.Sprintf("live.team%d@bench.example", t+1) }

// liveViewers are the users with streams, 1,000 streams in all.
func liveViewers() []*liveViewer {
	var vs []*liveViewer
	for i := range liveReps {
		vs = append(vs, &liveViewer{email: liveRepEmail(i), rep: i, team: -1, streams: liveRepStreams})
	}
	for t := range liveTeams {
		vs = append(vs, &liveViewer{email: liveLeadEmail(t), rep: -1, team: t, streams: liveLeadStreams})
	}
	vs = append(vs, &liveViewer{email: liveHeadEmail, rep: -1, team: -1, all: true, streams: liveHeadStreams},
		&liveViewer{email: liveAdminEmail, rep: -1, team: -1, all: true, streams: liveHeadStreams})
	return vs
}

func liveTenantSpec() seed.TenantSpec {
	spec := seed.TenantSpec{Name: liveTenant, Plan: api.PlanProfessional, Units: []seed.UnitSpec{{Name: "Vertriebsleitung"}}}
	for t := range liveTeams {
		spec.Units = append(spec.Units, seed.UnitSpec{Name: liveTeamName(t), Parent: "Vertriebsleitung"})
	}
	user := func(email, role, unit string) seed.UserSpec {
		return seed.UserSpec{Email: email, Name: strings.Split(email, "@")[0], Password: seed.DemoPassword, Role: role, Unit: unit}
	}
	spec.Users = append(spec.Users, user(liveAdminEmail, "Administrator", "Vertriebsleitung"),
		user(liveHeadEmail, "Vertriebsleitung", "Vertriebsleitung"))
	for t := range liveTeams {
		spec.Users = append(spec.Users, user(liveLeadEmail(t), "Vertriebsleitung", liveTeamName(t)))
	}
	for i := range liveReps {
		spec.Users = append(spec.Users, user(liveRepEmail(i), "Außendienst", liveTeamName(i/liveRepsPerTeam)))
	}
	return spec
}

// liveDeal is a deal the bench changes: its owner (a rep), and its version after the last change.
type liveDeal struct {
	mu      sync.Mutex
	id      uuid.UUID
	owner   uuid.UUID
	rep     int
	version int64
	changes int
}

// provisionLive makes the bench's tenant: the team, one pipeline, 5 organisations and 20 deals per rep. The
// deals come back ordered so that consecutive changes go to different reps.
func provisionLive(ctx context.Context, owner *bun.DB) (uuid.UUID, []*liveDeal, error) {
	prov, err := seed.Provision(ctx, owner, liveTenantSpec())
	if err != nil {
		return uuid.Nil, nil, fmt.Errorf("live: tenant: %w", err)
	}
	tenant := prov.TenantID
	reps := make([]uuid.UUID, liveReps)
	repOf := map[uuid.UUID]int{}
	for i := range reps {
		reps[i] = prov.Users[liveRepEmail(i)]
		repOf[reps[i]] = i
	}
	err = owner.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var pipeline, stage uuid.UUID
		if err := tx.NewRaw(`WITH p AS (INSERT INTO pipelines (tenant_id, record_type, name) VALUES (?, 'deal', 'Vertrieb') RETURNING id),
			s AS (INSERT INTO stages (tenant_id, pipeline_id, name, probability, position) SELECT ?, p.id, 'Angebot', 50, 1 FROM p RETURNING id, pipeline_id)
			SELECT pipeline_id, id FROM s`, tenant, tenant).Scan(ctx, &pipeline, &stage); err != nil {
			return fmt.Errorf("live: pipeline: %w", err)
		}
		// Without an address, and marked so (geo_key ''), as the service stores such an organisation: the geocoding
		// worker would otherwise take them up at the server's start, in a transaction that holds the feed back.
		if _, err := tx.NewRaw(`INSERT INTO organizations (tenant_id, owner_id, name, geo_key)
			SELECT ?, r.owner, 'Live Kunde ' || r.n || '-' || o.k, '' FROM unnest(?::uuid[]) WITH ORDINALITY AS r(owner, n),
				generate_series(1, ?) AS o(k)`, tenant, pgdialect.Array(reps), liveOrgsPerRep).Exec(ctx); err != nil {
			return fmt.Errorf("live: organisations: %w", err)
		}
		if _, err := tx.NewRaw(`INSERT INTO deals (tenant_id, owner_id, title, value, organization_id, pipeline_id, stage_id)
			SELECT ?, o.owner_id, 'Live Angebot ' || d.k, 1000 * d.k, o.id, ?, ?
			FROM organizations AS o, generate_series(1, ?) AS d(k) WHERE o.tenant_id = ?`,
			tenant, pipeline, stage, liveDealsPerRep/liveOrgsPerRep, tenant).Exec(ctx); err != nil {
			return fmt.Errorf("live: deals: %w", err)
		}
		return nil
	})
	if err != nil {
		return uuid.Nil, nil, err
	}
	var rows []struct {
		ID      uuid.UUID `bun:"id"`
		Owner   uuid.UUID `bun:"owner_id"`
		Version int64     `bun:"version"`
	}
	if err := owner.NewRaw(`SELECT id, owner_id, version FROM deals WHERE tenant_id = ?
		ORDER BY row_number() OVER (PARTITION BY owner_id ORDER BY id), owner_id`, tenant).Scan(ctx, &rows); err != nil {
		return uuid.Nil, nil, fmt.Errorf("live: deals: %w", err)
	}
	if len(rows) != liveReps*liveDealsPerRep {
		return uuid.Nil, nil, fmt.Errorf("live: %d deals, want %d", len(rows), liveReps*liveDealsPerRep)
	}
	deals := make([]*liveDeal, len(rows))
	for i, r := range rows {
		deals[i] = &liveDeal{id: r.ID, owner: r.Owner, rep: repOf[r.Owner], version: r.Version}
	}
	return tenant, deals, nil
}

// dropLive removes the bench's tenant with everything in it (a leftover of an interrupted run too), and its events
// in the change feed (they name no tenant row, so they do not go with it).
func dropLive(ctx context.Context, owner *bun.DB) error {
	var ids []uuid.UUID
	if err := owner.NewRaw("SELECT id FROM tenants WHERE name = ?", liveTenant).Scan(ctx, &ids); err != nil && !db.IsNoRows(err) {
		return fmt.Errorf("live: remove the bench tenant: %w", err)
	}
	if len(ids) == 0 {
		return nil
	}
	if _, err := owner.NewRaw("DELETE FROM tenants WHERE id = ANY(?)", pgdialect.Array(ids)).Exec(ctx); err != nil {
		return fmt.Errorf("live: remove the bench tenant: %w", err)
	}
	if _, err := owner.NewRaw("DELETE FROM change_events WHERE tenant_id = ANY(?)", pgdialect.Array(ids)).Exec(ctx); err != nil {
		return fmt.Errorf("live: remove the bench tenant's events: %w", err)
	}
	return nil
}

// liveStream is one open event stream and what its reader received.
type liveStream struct {
	viewer    *liveViewer
	ready     chan struct{}
	readyOnce sync.Once
	got       []liveDelivery
	// others counts events of other topics, resyncs the resync events; ended is how the stream ended before the
	// bench closed it.
	others, resyncs int
	unknown         int
	ended           error
}

func (s *liveStream) isReady() { s.readyOnce.Do(func() { close(s.ready) }) }

// liveDelivery is a deal's change as a stream received it.
type liveDelivery struct {
	deal    int32
	version int64
	at      time.Duration // since the bench's epoch
}

// liveCommit is a change as the bench made it: the deal, its new version, and when its transaction began and
// its COMMIT returned.
type liveCommit struct {
	deal     int32
	version  int64
	sent, at time.Duration
}

type liveRun struct {
	base     string
	tenant   uuid.UUID
	pool     *bun.DB
	epoch    time.Time
	deals    []*liveDeal
	dealIdx  map[string]int32
	received atomic.Int64
}

func (r *liveRun) since() time.Duration { return time.Since(r.epoch) }

// open opens a stream and reads it in the background until ctx ends.
func (r *liveRun) open(ctx context.Context, hc *http.Client, s *liveStream, wg *sync.WaitGroup) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.base+"/api/v1/events", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+s.viewer.token)
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("live: open a stream of %s: %w", s.viewer.email, err)
	}
	if resp.StatusCode != http.StatusOK {
		var b bytes.Buffer
		_, _ = b.ReadFrom(resp.Body)
		resp.Body.Close()
		return fmt.Errorf("live: open a stream of %s: %d %s", s.viewer.email, resp.StatusCode, b.Bytes())
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer resp.Body.Close()
		err := r.read(bufio.NewReaderSize(resp.Body, 16<<10), s)
		if ctx.Err() == nil {
			s.ended = err
		}
		s.isReady() // a stream that ended before it was ready is done waiting for, with its error
	}()
	return nil
}

var (
	sseEvent = []byte("event: ")
	sseData  = []byte("data: ")
)

// read parses the stream: only the data of change, ready and resync events matters.
func (r *liveRun) read(br *bufio.Reader, s *liveStream) error {
	var name string
	for {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return err
		}
		at := r.since()
		line = bytes.TrimRight(line, "\r\n")
		switch {
		case len(line) == 0:
			name = ""
		case bytes.HasPrefix(line, sseEvent):
			name = string(line[len(sseEvent):])
		case bytes.HasPrefix(line, sseData):
			switch name {
			case api.StreamEventChange:
				var ev struct {
					Topic    api.ChangeTopic `json:"topic"`
					RecordID string          `json:"recordId"`
					Version  int64           `json:"version"`
				}
				if err := json.Unmarshal(line[len(sseData):], &ev); err != nil {
					return fmt.Errorf("change event %q: %w", line, err)
				}
				if ev.Topic != api.TopicDeal {
					s.others++
					continue
				}
				d, ok := r.dealIdx[ev.RecordID]
				if !ok {
					s.unknown++
					continue
				}
				s.got = append(s.got, liveDelivery{deal: d, version: ev.Version, at: at})
				r.received.Add(1)
			case api.StreamEventReady:
				s.isReady()
			case api.StreamEventResync:
				s.resyncs++
			}
		}
	}
}

// benchLive runs the live bench.
func benchLive(ctx context.Context, o options, owner *bun.DB) error {
	server, err := serverBinary()
	if err != nil {
		return fmt.Errorf("live: %w", err)
	}
	dir, err := benchDir("bench-live-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	t := time.Now()
	if err := dropLive(ctx, owner); err != nil {
		return err
	}
	tenant, deals, err := provisionLive(ctx, owner)
	defer func() {
		if err := dropLive(context.WithoutCancel(ctx), owner); err != nil {
			logf("live: removing the bench tenant: %v", err)
		}
	}()
	if err != nil {
		return err
	}
	logf("live: tenant with %d reps in %d teams and %d deals provisioned in %s", liveReps, liveTeams, len(deals),
		time.Since(t).Round(time.Millisecond))
	srv, err := startServer(ctx, server, o.appURL, dir)
	if err != nil {
		return err
	}
	defer srv.stop()
	pool, err := db.Open(ctx, o.appURL, nil)
	if err != nil {
		return err
	}
	defer pool.Close()
	r := &liveRun{base: srv.base, tenant: tenant, pool: pool, epoch: time.Now(), deals: deals, dealIdx: make(map[string]int32, len(deals))}
	for i, d := range deals {
		r.dealIdx[d.id.String()] = int32(i)
	}

	// Every user signs in once (two at a time: the server bounds its password hashes by its CPUs).
	t = time.Now()
	viewers := liveViewers()
	hc := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	if err := parallel(ctx, 2, len(viewers), func(i int) error {
		token, err := benchLogin(ctx, hc, srv.base, viewers[i].email)
		viewers[i].token = token
		return err
	}); err != nil {
		return fmt.Errorf("live: sign in: %w", err)
	}
	logf("live: %d users signed in in %s", len(viewers), time.Since(t).Round(time.Millisecond))

	// The streams. The server's peak memory counts from here (its start-up and the sign-ins' password hashing
	// before do not); a sampler of its current memory backs it up where VmHWM cannot be reset.
	streamCtx, closeStreams := context.WithCancel(ctx)
	var readers sync.WaitGroup
	defer func() {
		closeStreams()
		readers.Wait()
	}()
	srv.resetPeak()
	rssBefore := srv.rssMiB()
	sampled := srv.sampleRSS(streamCtx, 100*time.Millisecond)
	var streams []*liveStream
	for _, v := range viewers {
		for range v.streams {
			streams = append(streams, &liveStream{viewer: v, ready: make(chan struct{})})
		}
	}
	shc := &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: -1}}
	t = time.Now()
	if err := parallel(ctx, liveOpenParallel, len(streams), func(i int) error {
		return r.open(streamCtx, shc, streams[i], &readers)
	}); err != nil {
		return err
	}
	timeout := time.After(time.Minute)
	for _, s := range streams {
		select {
		case <-s.ready:
		case <-timeout:
			return errors.New("live: not every stream received its ready event within a minute")
		case <-ctx.Done():
			return ctx.Err()
		}
		if s.ended != nil {
			return fmt.Errorf("live: a stream of %s ended before it was ready: %v", s.viewer.email, s.ended)
		}
	}
	rssStreams := srv.rssMiB()
	logf("live: %d streams open and ready in %s; server memory %.1f MiB before them, %.1f MiB with them",
		len(streams), time.Since(t).Round(time.Millisecond), rssBefore, rssStreams)

	// The changes: at a fixed rate (open loop: a slow commit does not slow the schedule down, unless all workers
	// wait), the first o.warmup of them not measured.
	warmN := int(o.warmup.Seconds() * liveChangesPerS)
	total := warmN + int(2*o.duration.Seconds()*liveChangesPerS)
	commits := make([]liveCommit, total)
	cpu := newCPUMeter(ctx, owner)
	var cpu0, cpu1 cpuTimes
	var srv0, srv1 time.Duration
	var sched0, sched1, pgSched0, pgSched1, self0, self1 schedTimes
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	var failed error
	var failOnce sync.Once
	jobs := make(chan int)
	var workers sync.WaitGroup
	for range liveWorkers {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for i := range jobs {
				if err := r.change(runCtx, i, &commits[i]); err != nil {
					failOnce.Do(func() { failed = err; stop() })
				}
			}
		}()
	}
	logf("live: %d changes at %d/s (%s warm-up, then %s measured)", total, liveChangesPerS, o.warmup, 2*o.duration)
	start := time.Now()
	var measureFrom, measureTo time.Duration
	for i := 0; i < total && runCtx.Err() == nil; i++ {
		if d := time.Until(start.Add(time.Duration(i) * time.Second / liveChangesPerS)); d > 0 {
			time.Sleep(d)
		}
		if i == warmN {
			measureFrom = r.since()
			cpu0, srv0 = cpu.read(), ticks(srv.cmd.Process.Pid)
			sched0, pgSched0, self0 = sched(srv.cmd.Process.Pid), cpu.pgSched(), sched(os.Getpid())
		}
		select {
		case jobs <- i:
		case <-runCtx.Done():
		}
	}
	close(jobs)
	workers.Wait()
	measureTo = r.since()
	cpu1, srv1 = cpu.read(), ticks(srv.cmd.Process.Pid)
	sched1, pgSched1, self1 = sched(srv.cmd.Process.Pid), cpu.pgSched(), sched(os.Getpid())
	if failed != nil {
		return failed
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	// Every change reaches its rep's, its manager's, the head's and the administrator's streams.
	perRep := make([]int, liveReps)
	for _, c := range commits {
		perRep[deals[c.deal].rep]++
	}
	expected := 0
	for _, s := range streams {
		for rep, n := range perRep {
			if s.viewer.sees(rep) {
				expected += n
			}
		}
	}
	drainFrom := time.Now()
	for r.received.Load() < int64(expected) && time.Since(drainFrom) < 10*time.Second {
		time.Sleep(20 * time.Millisecond)
	}
	peak := srv.peakMiB()
	if !srv.peakExact {
		peak = sampled()
	}
	closeStreams()
	readers.Wait()

	byKey := make(map[liveKey]int, len(commits))
	for i, c := range commits {
		byKey[liveKey{c.deal, c.version}] = i
	}
	var lat []time.Duration
	// The latencies by the kind of reader and by when the change was made: a backlog shows as a rise over time.
	byKind := map[string]*result{"rep": {}, "manager": {}, "all": {}}
	var byTime []result
	var inWindow, matched, foreign, dups, unknown, early, others, resyncs, ended int
	var firstForeign string
	last := make([]int64, len(deals))
	for _, s := range streams {
		clear(last)
		others += s.others
		resyncs += s.resyncs
		unknown += s.unknown
		if s.ended != nil {
			ended++
		}
		for _, d := range s.got {
			ci, ok := byKey[liveKey{d.deal, d.version}]
			if !ok {
				unknown++
				continue
			}
			if !s.viewer.sees(deals[d.deal].rep) {
				if foreign == 0 {
					firstForeign = fmt.Sprintf("%s received deal %s of %s", s.viewer.email, deals[d.deal].id, liveRepEmail(deals[d.deal].rep))
				}
				foreign++
				continue
			}
			if d.version <= last[d.deal] {
				dups++
				continue
			}
			last[d.deal] = d.version
			matched++
			if d.at >= measureFrom && d.at <= measureTo {
				inWindow++
			}
			if ci < warmN {
				continue
			}
			l := d.at - commits[ci].at
			if l < 0 {
				early++
				l = 0
			}
			lat = append(lat, l)
			byKind[s.viewer.kind()].lat = append(byKind[s.viewer.kind()].lat, l)
			b := int((commits[ci].at - measureFrom) / liveBucket)
			for len(byTime) <= b {
				byTime = append(byTime, result{})
			}
			byTime[b].lat = append(byTime[b].lat, l)
		}
	}
	missing := expected - matched
	res := result{lat: lat}
	window := measureTo - measureFrom
	rate := float64(inWindow) / window.Seconds()
	fmt.Printf("bench: live_fanout clients=%d events_per_s=%.0f p50_ms=%.1f p99_ms=%.1f backend_rss_mb=%.1f\n",
		len(streams), rate, res.pct(0.50), res.pct(0.99), peak)

	var commitLat result
	for _, c := range commits[warmN:] {
		commitLat.lat = append(commitLat.lat, c.at-c.sent)
	}
	measured := total - warmN
	logf("live: %d changes (UPDATE of a deal's title through the application role) in %.1f s: %.0f/s, committed in p50 %.1f ms, p99 %.1f ms",
		measured, window.Seconds(), float64(measured)/window.Seconds(), commitLat.pct(0.5), commitLat.pct(0.99))
	logf("live: %d deliveries expected, %d received, missing=%d; duplicates %d, of other users' deals %d, unknown %d, other topics %d, resyncs %d, streams ended early %d",
		expected, matched, missing, dups, foreign, unknown, others, resyncs, ended)
	logf("live: latency commit→delivery over %d deliveries: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d read before their COMMIT returned, counted as 0)",
		len(lat), res.pct(0.5), res.pct(0.9), res.pct(0.99), res.pct(1), early)
	logf("live: latency p50/p99 ms by reader: reps %.0f/%.0f, managers %.0f/%.0f, head and admin %.0f/%.0f",
		byKind["rep"].pct(0.5), byKind["rep"].pct(0.99), byKind["manager"].pct(0.5), byKind["manager"].pct(0.99),
		byKind["all"].pct(0.5), byKind["all"].pct(0.99))
	parts := make([]string, len(byTime))
	for i, b := range byTime {
		parts[i] = fmt.Sprintf("%.0f/%.0f", b.pct(0.5), b.pct(0.99))
	}
	logf("live: latency p50/p99 ms of the changes of each %s: %s", liveBucket, strings.Join(parts, " "))
	if cpu != nil {
		logf("live: CPU per change while measured: server %.2f ms, PostgreSQL %.2f ms, bench process (%d stream readers, the changes) %.2f ms",
			float64(srv1-srv0)/float64(measured)/float64(time.Millisecond), float64(cpu1.pg-cpu0.pg)/float64(measured)/float64(time.Millisecond),
			len(streams), float64(cpu1.self-cpu0.self)/float64(measured)/float64(time.Millisecond))
	}
	ss, ps, bs := sched1.sub(sched0), pgSched1.sub(pgSched0), self1.sub(self0)
	load, _ := os.ReadFile("/proc/loadavg")
	logf("live: while measured (%.1f s), threads ran / waited for a CPU: server %.1f / %.1f s, PostgreSQL %.1f / %.1f s, bench process %.1f / %.1f s (%d CPUs, load average %s)",
		window.Seconds(), ss.run.Seconds(), ss.wait.Seconds(), ps.run.Seconds(), ps.wait.Seconds(), bs.run.Seconds(), bs.wait.Seconds(),
		runtime.NumCPU(), strings.Join(strings.Fields(string(load))[:3], " "))
	if srv.peakExact {
		logf("live: backend_rss_mb is the server's VmHWM from the first stream on (reset after the sign-ins)")
	} else {
		logf("live: /proc/<pid>/clear_refs could not reset VmHWM: backend_rss_mb is the largest VmRSS sampled every 100 ms")
	}
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "MISSED"
	}
	logf("target p99 from commit to delivery under 500 ms (%.1f ms): %s", res.pct(0.99), verdict(res.pct(0.99) < 500))
	logf("target backend memory under 300 MB (%.1f MiB): %s", peak, verdict(peak < 300))

	switch {
	case foreign > 0:
		return fmt.Errorf("live: %d deliveries of deals the stream's user may not see (first: %s)", foreign, firstForeign)
	case missing != 0 || dups > 0 || unknown > 0:
		return fmt.Errorf("live: %d deliveries missing, %d duplicated, %d of unknown changes", missing, dups, unknown)
	case ended > 0:
		return fmt.Errorf("live: %d streams ended before the bench closed them", ended)
	}
	return nil
}

type liveKey struct {
	deal    int32
	version int64
}

// change makes change i: a new title for the next deal, by its rep, with the version the bench knows, written
// directly through the application role in a tenant transaction (db.InTenant, which names the rep as the actor),
// as the deal service's update writes it (without its history entry, which the feed does not read).
func (r *liveRun) change(ctx context.Context, i int, out *liveCommit) error {
	di := i % len(r.deals)
	d := r.deals[di]
	d.mu.Lock()
	defer d.mu.Unlock()
	d.changes++
	title := fmt.Sprintf("Live Angebot %d-%d", di, d.changes)
	sent := r.since()
	var v int64
	err := db.InTenant(db.WithUser(ctx, d.owner), r.pool, r.tenant, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewRaw(`UPDATE deals SET title = ?, search_text = ?, version = version + 1, updated_at = now()
			WHERE id = ? AND version = ? RETURNING version`, title, strings.ToLower(title), d.id, d.version).Scan(ctx, &v)
	})
	at := r.since()
	if err != nil {
		return fmt.Errorf("live: update deal %s at version %d: %w", d.id, d.version, err)
	}
	d.version = v
	*out = liveCommit{deal: int32(di), version: v, sent: sent, at: at}
	return nil
}

// parallel runs do(0 … n-1) on conc goroutines; the first error stops the rest from starting.
func parallel(ctx context.Context, conc, n int, do func(i int) error) error {
	var next atomic.Int64
	var first error
	var once sync.Once
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !failed.Load() && ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := do(i); err != nil {
					once.Do(func() { first = err; failed.Store(true) })
				}
			}
		}()
	}
	wg.Wait()
	if first == nil {
		first = ctx.Err()
	}
	return first
}
