#!/usr/bin/env bash
# make bench: the backend under load, on a tenant with 1,000,000 persons, 200,000 organisations, 500,000 deals
# in 5 pipelines and 2,000,000 activities.
#
# A PostgreSQL cluster of its own in .data/bench-pg on 127.0.0.1:54339 (BENCH_PG_PORT) keeps the data set between
# runs: it is generated once (a few minutes) and reused. Its parts (contacts, then deals, then activities) are
# checked on every run and a missing or stale part is added, so a data set from before the deals keeps its
# contacts (activities are made anew with the deals, and when their dates are more than a week old); migrations
# carry the data forward as in production (applied by bin/onesales-bench -migrate: db.Migrate as `onesales-server
# migrate` runs it, then the Go backfills of internal/backfill, over a connection without the server's 5-second
# statement limit, which a migration of this data set exceeds). BENCH_RESET=1 generates everything anew. Then
# bin/onesales-bench serves the real backend in-process on 127.0.0.1, drives it over HTTP at concurrency 1 and 16,
# runs the same SQL directly and prints one line per figure ("bench: persons_list c1_p50_ms=… … sql_c16_rps=… db_cpu_ms=…
# self_cpu_ms=… stmts=…": the last three are what one request costs in PostgreSQL CPU, bench-process CPU and statements).
# Each workload runs for BENCH_DURATION (10s) per concurrency after a short warm-up, at most 100,000 requests; the
# whole run is bounded by 30 minutes.
# BENCH_ONLY=board (comma-separated: documents,live,nearby,map,list,deep,owner,search,update,board,dashboard,intake,export,imports) runs only
# those workloads; BENCH_ONLY=documents and BENCH_ONLY=live need no data set (the 1M-row data set is neither
# generated nor checked: each makes a small tenant of its own, so a fresh .data/bench-pg is ready in seconds).
#
# The cluster is stopped at the end (its data stay); BENCH_KEEP_PG=1 leaves it running, e.g. for EXPLAIN in psql.
# BENCH_EXPLAIN=1 prints the plans of the measured statements. BENCH_TIMEOUT (30m) bounds the whole run, data
# generation included (a first generation on a busy machine may need more). Not part of `make test`.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

T0=$SECONDS
DATA="$ROOT/.data"
PG_DIR="$DATA/bench-pg"
PG_PORT="${BENCH_PG_PORT:-54339}"

# Only what the bench needs: Go and PostgreSQL 15 with pg_trgm; scripts/deps.sh installs them when missing.
need go
bindir="$(pg_bindir 2>/dev/null || true)"
if [ -z "$bindir" ] || [ ! -f /usr/share/postgresql/15/extension/pg_trgm.control ]; then
	"$ROOT/scripts/deps.sh"
	bindir="$(pg_bindir)"
fi

# Both binaries are built on every run (from a fresh clone bin/ is empty): bin/onesales-bench, and
# bin/onesales-server, which the document and live workloads start as a process of their own beside it
# (documents.go, live.go).
build_backend
log "bench: go build -o bin/onesales-bench ./cmd/onesales-bench"
(cd "$ROOT/backend" && go build -o ../bin/onesales-bench ./cmd/onesales-bench)

mkdir -p "$DATA"
if [ "${BENCH_KEEP_PG:-}" != 1 ]; then
	on_exit "'$ROOT/scripts/pg.sh' stop '$PG_DIR' >/dev/null 2>&1"
fi
"$ROOT/scripts/pg.sh" start "$PG_DIR" "$PG_PORT" >/dev/null
pg_urls "$PG_PORT"

# Server settings for a data set of this size (pg.sh's defaults suit the small development database): the data
# set (about 2 GB with indexes) fits in shared buffers, and bulk loading does not checkpoint every minute.
psql_super() { as_pg "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$PG_PORT" -d postgres "$@"; }
declare -A SETTINGS=([shared_buffers]=1GB [effective_cache_size]=6GB [max_wal_size]=8GB [checkpoint_timeout]=15min)
for name in "${!SETTINGS[@]}"; do
	want=${SETTINGS[$name]}
	have="$(psql_super -At -c "SELECT setting FROM pg_file_settings WHERE name = '$name' AND sourcefile LIKE '%postgresql.auto.conf'")"
	[ "$have" = "$want" ] || psql_super -c "ALTER SYSTEM SET $name = '$want'"
done
psql_super -c "SELECT pg_reload_conf()" >/dev/null
sleep 0.2
if [ "$(psql_super -At -c "SELECT bool_or(pending_restart) FROM pg_settings")" = t ]; then
	log "bench: restarting PostgreSQL for the new settings"
	"$ROOT/scripts/pg.sh" stop "$PG_DIR" >/dev/null
	"$ROOT/scripts/pg.sh" start "$PG_DIR" "$PG_PORT" >/dev/null
fi

"$ROOT/bin/onesales-bench" -migrate -owner-url "$ONESALES_PG_OWNER_URL" -app-url "$ONESALES_PG_APP_URL" \
	-duration "${BENCH_DURATION:-10s}" -timeout "${BENCH_TIMEOUT:-30m}"
log "bench: done in $((SECONDS - T0))s (PostgreSQL data in .data/bench-pg)"
