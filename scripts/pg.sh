#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for development and tests.
#
#   scripts/pg.sh start DATADIR PORT   initdb if needed, start on 127.0.0.1:PORT, ensure roles and database
#   scripts/pg.sh stop DATADIR         stop the cluster (fast shutdown), no-op when not running
#   scripts/pg.sh status DATADIR       exit 0 when running
#   scripts/pg.sh urls PORT            print export lines with the connection URLs
#
# The server runs as the `postgres` OS user when invoked as root (initdb and
# postgres refuse root), else as the invoking user. It listens on 127.0.0.1
# only, with trust authentication, and its unix socket and log file live in
# DATADIR. Roles: postgres (superuser), onesales_owner (owns database
# onesales), onesales_app (plain login role, no superuser, no BYPASSRLS).
#
# ONESALES_PG_FAST=1 turns off fsync and friends: for throwaway test clusters only.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

usage() {
	sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

abs_dir() {
	local d=$1
	case "$d" in /*) ;; *) d="$PWD/$d" ;; esac
	echo "${d%/}"
}

# Make sure the postgres OS user can reach DATADIR: every ancestor must be
# searchable by it. We add the search bit (o+x, not read) to ancestors that
# we own and that block it, and fail with a clear message otherwise.
ensure_reachable() {
	local dir=$1 d
	is_root || return 0
	d="$(dirname "$dir")"
	local blocked=()
	while :; do
		if ! runuser -u postgres -- test -x "$d" 2>/dev/null; then
			blocked+=("$d")
		fi
		[ "$d" = / ] && break
		d="$(dirname "$d")"
	done
	for d in "${blocked[@]}"; do
		log "pg: allowing the postgres user to traverse $d (chmod o+x)"
		chmod o+x "$d"
	done
	runuser -u postgres -- test -x "$(dirname "$dir")" ||
		die "the postgres user cannot reach $(dirname "$dir"); choose a data directory below /tmp"
}

pid_of() {
	local datadir=$1
	[ -f "$datadir/postmaster.pid" ] || return 1
	head -n1 "$datadir/postmaster.pid"
}

running() {
	local datadir=$1 bindir
	bindir="$(pg_bindir)"
	[ -f "$datadir/postmaster.pid" ] || return 1
	as_pg "$bindir/pg_ctl" status -D "$datadir" >/dev/null 2>&1
}

write_config() {
	local datadir=$1 port=$2
	local conf="$datadir/onesales.conf"
	{
		echo "# written by scripts/pg.sh on every start"
		echo "listen_addresses = '127.0.0.1'"
		echo "port = $port"
		echo "unix_socket_directories = '$datadir'"
		echo "max_connections = 200"
		echo "shared_buffers = 128MB"
		echo "log_line_prefix = '%m [%p] %q%u@%d '"
		echo "timezone = 'UTC'"
		if [ "${ONESALES_PG_FAST:-}" = 1 ]; then
			echo "fsync = off"
			echo "synchronous_commit = off"
			echo "full_page_writes = off"
		fi
	} | as_pg tee "$conf" >/dev/null
}

init_cluster() {
	local datadir=$1 bindir=$2
	log "pg: initdb $datadir (as $(pg_os_user))"
	mkdir -p "$datadir"
	if is_root; then
		chown postgres:postgres "$datadir"
	fi
	chmod 0700 "$datadir"
	local out
	out="$(as_pg "$bindir/initdb" -D "$datadir" --encoding=UTF8 --locale=C.UTF-8 \
		--auth-local=trust --auth-host=reject 2>&1)" || {
		printf '%s\n' "$out" >&2
		die "initdb failed"
	}
	# Trust on the private socket and on 127.0.0.1 only; nothing else.
	printf '%s\n' \
		'# written by scripts/pg.sh: local development/test cluster' \
		'local   all  all                 trust' \
		'host    all  all  127.0.0.1/32   trust' | as_pg tee "$datadir/pg_hba.conf" >/dev/null
	echo "include_if_exists = 'onesales.conf'" | as_pg tee -a "$datadir/postgresql.conf" >/dev/null
}

ensure_roles() {
	local datadir=$1 port=$2 bindir=$3
	as_pg "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$datadir" -p "$port" -d postgres <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'postgres') THEN
    CREATE ROLE postgres SUPERUSER LOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'onesales_owner') THEN
    CREATE ROLE onesales_owner LOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'onesales_app') THEN
    CREATE ROLE onesales_app LOGIN;
  END IF;
END
$$;
ALTER ROLE onesales_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
ALTER ROLE onesales_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
SELECT 'CREATE DATABASE onesales OWNER onesales_owner'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'onesales') \gexec
ALTER DATABASE onesales OWNER TO onesales_owner;
-- Not a trusted extension: only a superuser may create it (the geo migration needs it).
\c onesales
CREATE EXTENSION IF NOT EXISTS earthdistance CASCADE;
SQL
}

cmd_start() {
	[ $# -eq 2 ] || usage
	local datadir port bindir
	datadir="$(abs_dir "$1")"
	port=$2
	case "$port" in '' | *[!0-9]*) die "PORT must be a number, got '$port'" ;; esac
	bindir="$(pg_bindir)"

	mkdir -p "$(dirname "$datadir")"
	ensure_reachable "$datadir"

	if running "$datadir"; then
		local actual
		actual="$(sed -n 4p "$datadir/postmaster.pid")"
		if [ "$actual" != "$port" ]; then
			warn "cluster in $datadir already runs on port $actual, not $port"
			port=$actual
		fi
		log "pg: already running in $datadir on 127.0.0.1:$port"
	else
		if [ ! -f "$datadir/PG_VERSION" ]; then
			if [ -d "$datadir" ] && [ -n "$(ls -A "$datadir" 2>/dev/null)" ]; then
				die "$datadir exists, is not empty and holds no cluster"
			fi
			init_cluster "$datadir" "$bindir"
		fi
		if is_root; then
			chown -R postgres:postgres "$datadir"
		fi
		write_config "$datadir" "$port"
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			die "port $port on 127.0.0.1 is already in use"
		fi
		log "pg: starting in $datadir on 127.0.0.1:$port (log $datadir/postgres.log)"
		as_pg "$bindir/pg_ctl" start -D "$datadir" -l "$datadir/postgres.log" -w -t 60 -s </dev/null || {
			tail -n 30 "$datadir/postgres.log" >&2 || true
			die "PostgreSQL did not start"
		}
	fi

	local i
	for ((i = 0; i < 120; i++)); do
		"$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" && break
		sleep 0.25
	done
	"$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" || die "PostgreSQL on 127.0.0.1:$port is not ready"

	ensure_roles "$datadir" "$port" "$bindir"
	log "pg: ready on 127.0.0.1:$port (pid $(pid_of "$datadir"))"
	cmd_urls "$port"
}

cmd_stop() {
	[ $# -eq 1 ] || usage
	local datadir bindir pid
	datadir="$(abs_dir "$1")"
	bindir="$(pg_bindir)"
	pid="$(pid_of "$datadir" 2>/dev/null || true)"
	if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
		log "pg: not running in $datadir"
		return 0
	fi
	log "pg: stopping pid $pid ($datadir)"
	if ! as_pg "$bindir/pg_ctl" stop -D "$datadir" -m fast -w -t 30 -s; then
		warn "pg_ctl stop failed; sending SIGQUIT to $pid"
		kill -QUIT "$pid" 2>/dev/null || true
	fi
}

cmd_status() {
	[ $# -eq 1 ] || usage
	local datadir
	datadir="$(abs_dir "$1")"
	if running "$datadir"; then
		echo "running on 127.0.0.1:$(sed -n 4p "$datadir/postmaster.pid") (pid $(pid_of "$datadir"))"
	else
		echo "not running"
		return 1
	fi
}

cmd_urls() {
	[ $# -eq 1 ] || usage
	pg_urls "$1"
	cat <<EOF
export ONESALES_PG_APP_URL='$ONESALES_PG_APP_URL'
export ONESALES_PG_OWNER_URL='$ONESALES_PG_OWNER_URL'
export ONESALES_PG_SUPER_URL='$ONESALES_PG_SUPER_URL'
EOF
	if ! is_root; then
		echo "# bootstrap superuser (same rights as postgres): $(pg_superuser)"
	fi
}

case "${1:-}" in
start | stop | status | urls)
	c=$1
	shift
	"cmd_$c" "$@"
	;;
*) usage ;;
esac
