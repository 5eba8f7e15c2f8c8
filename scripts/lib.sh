# shellcheck shell=bash
# Helpers shared by the scripts in this folder. Source it; do not run it.
#
#   . "$(dirname "$0")/lib.sh"
#
# It sets ROOT (the repository root), and provides logging, a cleanup stack
# run on exit, a free-port finder, and helpers to run PostgreSQL as the right
# operating-system user.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# Wails wants its own Go module layout; our scripts never depend on a
# user-specific GOFLAGS, but VCS stamping fails in a tree without commits.
export GOFLAGS="${GOFLAGS:--buildvcs=false}"

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
	printf 'error: %s\n' "$*" >&2
	exit 1
}

need() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || die "required command '$c' not found (run scripts/deps.sh)"
	done
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# ---------------------------------------------------------------- cleanup ----
# on_exit CMD...  pushes a command; all run in reverse order when the shell exits.
_CLEANUP=()
_run_cleanup() {
	local rc=$? i
	_EXIT_RC=$rc
	trap - EXIT INT TERM
	for ((i = ${#_CLEANUP[@]} - 1; i >= 0; i--)); do
		eval "${_CLEANUP[i]}" || true
	done
	exit "$rc"
}
_CLEANUP_OWNER=
on_exit() {
	# A subshell starts its own stack: it must not run its parent's cleanups.
	if [ "$_CLEANUP_OWNER" != "$BASHPID" ]; then
		_CLEANUP=()
		_CLEANUP_OWNER=$BASHPID
	fi
	_CLEANUP+=("$*")
	trap _run_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

# ------------------------------------------------------------------ ports ----
# free_port VAR: sets VAR to a TCP port on 127.0.0.1 that nothing listens on.
# It avoids the kernel's ephemeral range and ports it handed out before in this
# shell (so call it directly, not in a $(...) subshell).
_PORTS_GIVEN=" "
free_port() {
	local _p _i
	for ((_i = 0; _i < 500; _i++)); do
		_p=$((20000 + RANDOM % 12000))
		case "$_PORTS_GIVEN" in *" $_p "*) continue ;; esac
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$_p") 2>/dev/null; then
			_PORTS_GIVEN+="$_p "
			printf -v "$1" '%s' "$_p"
			return 0
		fi
	done
	die "no free TCP port found"
}

# wait_http URL SECONDS [PID]: waits until URL answers 2xx; fails early when PID dies.
wait_http() {
	local url=$1 secs=$2 pid=${3:-} i
	for ((i = 0; i < secs * 4; i++)); do
		if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
			return 0
		fi
		if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
			warn "process $pid exited while waiting for $url"
			return 1
		fi
		sleep 0.25
	done
	warn "$url did not answer within ${secs}s"
	return 1
}

# kill_pid PID [NAME [PATTERN]]: TERM, wait up to 10 s, then KILL. With
# PATTERN, only when the process's command line contains it (a PID file may be
# stale and its number reused).
kill_pid() {
	local pid=$1 name=${2:-process} pattern=${3:-} i
	[ -n "$pid" ] || return 0
	kill -0 "$pid" 2>/dev/null || return 0
	if [ -n "$pattern" ] && ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$pattern"; then
		log "pid $pid is no longer $name; leaving it alone"
		return 0
	fi
	# A process we started with setsid leads its own group: signal the group,
	# so helpers it spawned (WebKit's web processes, ...) go too.
	local target=$pid
	if [ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" = "$pid" ]; then
		target="-$pid"
	fi
	log "stopping $name (pid $pid)"
	kill -TERM -- "$target" 2>/dev/null || true
	for ((i = 0; i < 40; i++)); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.25
	done
	kill -KILL -- "$target" 2>/dev/null || true
}

# kill_group PGID [NAME]: like kill_pid for a whole process group (started with setsid).
kill_group() {
	local pgid=$1 name=${2:-process group} i
	[ -n "$pgid" ] || return 0
	kill -0 -- "-$pgid" 2>/dev/null || return 0
	log "stopping $name (process group $pgid)"
	kill -TERM -- "-$pgid" 2>/dev/null || true
	for ((i = 0; i < 40; i++)); do
		kill -0 -- "-$pgid" 2>/dev/null || return 0
		sleep 0.25
	done
	kill -KILL -- "-$pgid" 2>/dev/null || true
}

# ------------------------------------------------------------- PostgreSQL ----
pg_bindir() {
	local d
	for d in /usr/lib/postgresql/15/bin "$(pg_config --bindir 2>/dev/null || true)" /usr/lib/postgresql/*/bin; do
		if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
			echo "$d"
			return 0
		fi
	done
	die "PostgreSQL server binaries (initdb, pg_ctl) not found; install postgresql-15 (scripts/deps.sh)"
}

# The OS user that runs the server: postgres when we are root, else ourselves.
pg_os_user() { if is_root; then echo postgres; else id -un; fi; }

# The bootstrap superuser role created by initdb (same as the OS user).
pg_superuser() { pg_os_user; }

# as_pg CMD...: runs CMD as the server's OS user.
as_pg() {
	if is_root; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

pg_urls() {
	local port=$1
	export ONESALES_PG_PORT="$port"
	export ONESALES_PG_APP_URL="postgres://onesales_app@127.0.0.1:$port/onesales?sslmode=disable"
	export ONESALES_PG_OWNER_URL="postgres://onesales_owner@127.0.0.1:$port/onesales?sslmode=disable"
	export ONESALES_PG_SUPER_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
}

# make_tmpdir VAR PREFIX: sets VAR to a fresh directory below $TMPDIR (or
# /tmp) that the postgres user can traverse; removed on exit. Call it directly,
# not in a $(...) subshell (the removal is registered in the calling shell).
make_tmpdir() {
	local _d
	_d="$(mktemp -d "${TMPDIR:-/tmp}/$2.XXXXXX")"
	chmod 0755 "$_d"
	on_exit "rm -rf '$_d'"
	printf -v "$1" '%s' "$_d"
}

# throwaway_pg: starts a PostgreSQL in a temporary directory on a free port,
# exports ONESALES_PG_* URLs and stops/removes it on exit.
throwaway_pg() {
	local dir port
	make_tmpdir dir onesales-pg
	free_port port
	on_exit "ONESALES_PG_FAST=1 '$ROOT/scripts/pg.sh' stop '$dir/data' >/dev/null 2>&1"
	ONESALES_PG_FAST=1 "$ROOT/scripts/pg.sh" start "$dir/data" "$port"
	pg_urls "$port"
	export ONESALES_PG_DATADIR="$dir/data"
}

# ------------------------------------------------------------- SeaweedFS ----
# The S3 server of the Go tests: SeaweedFS, built by scripts/deps.sh from this
# module version into a cache outside the clone (a 233 MB binary).
SEAWEEDFS_VERSION=v0.0.0-20261109003541-7506e5f91cd6
seaweedfs_bin() { echo "${XDG_CACHE_HOME:-$HOME/.cache}/onesales/seaweedfs-$SEAWEEDFS_VERSION/weed"; }

# throwaway_s3: starts `weed server` (master, volume, filer and S3, each on a
# free port on 127.0.0.1) in a temporary directory with one access key, waits
# until its S3 takes writes, creates the bucket, exports ONESALES_TEST_S3_* and
# stops it on exit. The filer's port serves files without authentication, so
# nothing listens beyond the loopback.
throwaway_s3() {
	local weed dir mport mgrpc vport vgrpc fport fgrpc sport sgrpc pid t0=$SECONDS
	weed="$(seaweedfs_bin)"
	[ -x "$weed" ] || die "SeaweedFS is missing at $weed (run scripts/deps.sh)"
	make_tmpdir dir onesales-s3
	mkdir -p "$dir/data"
	for v in mport mgrpc vport vgrpc fport fgrpc sport sgrpc; do free_port "$v"; done
	export ONESALES_TEST_S3_ENDPOINT="http://127.0.0.1:$sport"
	export ONESALES_TEST_S3_BUCKET=onesales-test
	export ONESALES_TEST_S3_ACCESS_KEY=onesales-test
	export ONESALES_TEST_S3_SECRET_KEY="$(new_secret | tr -dc 'A-Za-z0-9' | head -c 40)"
	export ONESALES_TEST_S3_REGION=us-east-1
	cat >"$dir/identities.json" <<EOF2
{"identities": [{"name": "onesales-test",
  "credentials": [{"accessKey": "$ONESALES_TEST_S3_ACCESS_KEY", "secretKey": "$ONESALES_TEST_S3_SECRET_KEY"}],
  "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}
EOF2
	log "s3: weed server on $ONESALES_TEST_S3_ENDPOINT (log $dir/weed.log)"
	setsid "$weed" server -dir="$dir/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
		-master.port="$mport" -master.port.grpc="$mgrpc" -master.telemetry=false -master.volumeSizeLimitMB=64 \
		-volume.port="$vport" -volume.port.grpc="$vgrpc" -volume.max=0 -volume.preStopSeconds=0 \
		-filer.port="$fport" -filer.port.grpc="$fgrpc" -filer.localSocket="$dir/filer.sock" \
		-s3 -s3.port="$sport" -s3.port.grpc="$sgrpc" -s3.port.iceberg=0 -s3.port.lance=0 -s3.localSocket="$dir/s3.sock" \
		-s3.config="$dir/identities.json" -s3.autoCreateBucket=false \
		</dev/null >"$dir/weed.log" 2>&1 &
	pid=$!
	disown "$pid" 2>/dev/null || true # no "Killed" notice when it is stopped
	# Nothing in it is worth a graceful stop (which takes SeaweedFS 10-15 s): kill
	# its process group, and remove the gRPC sockets it made in /tmp.
	on_exit "log 'stopping weed server (pid $pid)'; kill -KILL -- '-$pid' 2>/dev/null; rm -f /tmp/seaweedfs-*-{$mgrpc,$vgrpc,$fgrpc,$sgrpc}.sock"
	# s3bucket waits until the S3 takes writes (a HEAD alone answers before the
	# volume server has joined), then creates the bucket.
	if ! (cd "$ROOT/backend" && go run ./internal/blob/blobtest/s3bucket -wait 120s); then
		tail -n 40 "$dir/weed.log" >&2 || true
		die "SeaweedFS did not take writes on $ONESALES_TEST_S3_ENDPOINT"
	fi
	kill -0 "$pid" 2>/dev/null || die "weed server exited (log $dir/weed.log)"
	log "s3: ready after $((SECONDS - t0))s, bucket $ONESALES_TEST_S3_BUCKET"
}

# ------------------------------------------------------------- frontend ----
# build_frontend: npm run build in frontend/, keeping the committed
# frontend/dist/.gitkeep that the Go embed of an unbuilt tree relies on
# (vite empties dist/ before it writes).
build_frontend() {
	need npm
	log "frontend: npm run build"
	(cd "$ROOT/frontend" && npm run build)
	[ -f "$ROOT/frontend/dist/index.html" ] || die "frontend build did not write frontend/dist/index.html"
	[ -e "$ROOT/frontend/dist/.gitkeep" ] || : >"$ROOT/frontend/dist/.gitkeep"
}

# -------------------------------------------------------------- backend ----
# onesales_version: the version of a build (the server's GET /api/v1/version and onesales_build_info, the
# packages'): ONESALES_VERSION, else the newest tag (v1.2.3 -> 1.2.3), else the desktop's productVersion in
# wails.json with the commit (0.1.0+abc1234).
onesales_version() {
	local version="${ONESALES_VERSION:-}"
	if [ -z "$version" ]; then
		version="$(git -C "$ROOT" describe --tags --abbrev=0 --match 'v[0-9]*' 2>/dev/null || true)"
		version="${version#v}"
	fi
	if [ -z "$version" ]; then
		version="$(sed -n 's/.*"productVersion": *"\([^"]*\)".*/\1/p' "$ROOT/wails.json")+$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo dev)"
	fi
	echo "$version"
}

build_backend() {
	local version
	version="$(onesales_version)"
	log "backend: go build -o bin/onesales-server ./cmd/onesales-server (version $version)"
	mkdir -p "$ROOT/bin"
	(cd "$ROOT/backend" && go build -ldflags "-X github.com/1sales/app/backend/internal/buildinfo.version=$version" \
		-o ../bin/onesales-server ./cmd/onesales-server)
}

# build_mailsink: bin/onesales-mailsink, the SMTP server of the end-to-end tests.
build_mailsink() {
	log "backend: go build -o bin/onesales-mailsink ./cmd/onesales-mailsink"
	mkdir -p "$ROOT/bin"
	(cd "$ROOT/backend" && go build -o ../bin/onesales-mailsink ./cmd/onesales-mailsink)
}

# build_idp: bin/onesales-idp, the OpenID Connect provider of the end-to-end tests (mockoidc on a loopback port).
build_idp() {
	log "backend: go build -o bin/onesales-idp ./cmd/onesales-idp"
	mkdir -p "$ROOT/bin"
	(cd "$ROOT/backend" && go build -o ../bin/onesales-idp ./cmd/onesales-idp)
}

# migrate_seed: migrate and seed the database of ONESALES_PG_OWNER_URL.
migrate_seed() {
	log "backend: migrate"
	ONESALES_MIGRATION_DATABASE_URL="$ONESALES_PG_OWNER_URL" "$ROOT/bin/onesales-server" migrate
	log "backend: seed"
	ONESALES_MIGRATION_DATABASE_URL="$ONESALES_PG_OWNER_URL" "$ROOT/bin/onesales-server" seed
}

# new_secret: 48 random bytes, base64 (64 characters).
new_secret() {
	if command -v openssl >/dev/null 2>&1; then
		openssl rand -base64 48 | tr -d '\n'
	else
		head -c 48 /dev/urandom | base64 -w0
	fi
}

# new_secret_key: a key for ONESALES_SECRET_KEY: base64 of 32 random bytes.
new_secret_key() {
	if command -v openssl >/dev/null 2>&1; then
		openssl rand -base64 32 | tr -d '\n'
	else
		head -c 32 /dev/urandom | base64 -w0
	fi
}

# start_backend ADDR SECRET LOGFILE: starts `onesales-server serve` in its own
# session against ONESALES_PG_APP_URL, waits for /readyz, sets BACKEND_PID.
# Documents go to ONESALES_BLOB_DIR (default .data/blobs). The stored secrets
# are sealed with ONESALES_SECRET_KEY (default: a new key for this start, for
# throwaway databases; make run keeps one in .data/secret.key).
start_backend() {
	local addr=$1 secret=$2 logfile=$3 scheme=http
	# With a certificate configured (ONESALES_TLS_CERT_FILE and _KEY_FILE) the backend serves HTTPS.
	[ -z "${ONESALES_TLS_CERT_FILE:-}" ] || scheme=https
	log "backend: serve on $scheme://$addr (log $logfile)"
	ONESALES_DATABASE_URL="$ONESALES_PG_APP_URL" \
		ONESALES_ADDR="$addr" \
		ONESALES_TOKEN_SECRET="$secret" \
		ONESALES_SECRET_KEY="${ONESALES_SECRET_KEY:-$(new_secret_key)}" \
		ONESALES_BLOB_DIR="${ONESALES_BLOB_DIR:-$ROOT/.data/blobs}" \
		setsid "$ROOT/bin/onesales-server" serve </dev/null >>"$logfile" 2>&1 &
	BACKEND_PID=$!
	if ! wait_http "$scheme://$addr/readyz" 60 "$BACKEND_PID"; then
		tail -n 40 "$logfile" >&2 || true
		die "backend did not become ready on $scheme://$addr/readyz"
	fi
	log "backend: ready (pid $BACKEND_PID)"
}

# has_display: true when an X11 or Wayland display is set.
has_display() { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }

demo_logins() {
	cat <<'EOF2'
Demo logins (password for all: Demo1234!)
  claudia.becker@nordlicht.example   Claudia Becker   Administrator     Vertriebsleitung
  markus.weber@nordlicht.example     Markus Weber     Vertriebsleitung  Vertriebsleitung
  jonas.schmidt@nordlicht.example    Jonas Schmidt    Außendienst       Außendienst Nord
  lena.fischer@nordlicht.example     Lena Fischer     Außendienst       Außendienst Süd
  sabine.wagner@nordlicht.example    Sabine Wagner    Innendienst       Innendienst
EOF2
}
