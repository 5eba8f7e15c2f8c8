#!/usr/bin/env bash
# make run: starts 1sales locally.
#   PostgreSQL in .data/pg on 127.0.0.1:54329, migrated and seeded with the demo company;
#   the backend on http://127.0.0.1:8421 (restarted on every run, so new code runs);
#   with a display, the desktop app (build/bin/1sales) pointed at that backend.
# Data persist across runs; `make stop` stops everything it started.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

DATA="$ROOT/.data"
PG_PORT="${ONESALES_RUN_PG_PORT:-54329}"
ADDR="${ONESALES_RUN_ADDR:-127.0.0.1:8421}"
SERVER_URL="http://$ADDR"

"$ROOT/scripts/deps.sh"
mkdir -p "$DATA"

"$ROOT/scripts/pg.sh" start "$DATA/pg" "$PG_PORT" >/dev/null
pg_urls "$PG_PORT"

build_backend
migrate_seed

if [ ! -s "$DATA/token-secret" ]; then
	log "run: generating .data/token-secret"
	(umask 077 && new_secret >"$DATA/token-secret")
fi
secret="$(cat "$DATA/token-secret")"
# The key that seals the secrets stored in the database (TOTP, single sign-on): kept with the data, never changed.
if [ ! -s "$DATA/secret.key" ]; then
	log "run: generating .data/secret.key"
	(umask 077 && new_secret_key >"$DATA/secret.key")
fi
chmod 600 "$DATA/secret.key"
ONESALES_SECRET_KEY="$(cat "$DATA/secret.key")"
export ONESALES_SECRET_KEY

# Restart the backend so the freshly built binary runs.
if [ -f "$DATA/backend.pid" ]; then
	kill_pid "$(cat "$DATA/backend.pid")" "previous backend" onesales-server
	rm -f "$DATA/backend.pid"
fi
if (exec 3<>"/dev/tcp/${ADDR%:*}/${ADDR##*:}") 2>/dev/null; then
	die "$ADDR is in use by another process; stop it or set ONESALES_RUN_ADDR"
fi
start_backend "$ADDR" "$secret" "$DATA/backend.log"
echo "$BACKEND_PID" >"$DATA/backend.pid"

if has_display; then
	build_frontend
	log "desktop: bin/wails build -tags webkit2_41 (frontend already built)"
	(cd "$ROOT" && ./bin/wails build -tags webkit2_41 -s -m)
	[ -x "$ROOT/build/bin/1sales" ] || die "wails build did not produce build/bin/1sales"
	if [ -f "$DATA/desktop.pid" ]; then
		kill_pid "$(cat "$DATA/desktop.pid")" "previous desktop app" build/bin/1sales
		rm -f "$DATA/desktop.pid"
	fi
	log "desktop: starting build/bin/1sales (log .data/desktop.log)"
	ONESALES_SERVER_URL="$SERVER_URL" setsid "$ROOT/build/bin/1sales" </dev/null >>"$DATA/desktop.log" 2>&1 &
	echo $! >"$DATA/desktop.pid"
	sleep 2
	kill -0 "$(cat "$DATA/desktop.pid")" 2>/dev/null || {
		tail -n 30 "$DATA/desktop.log" >&2
		die "the desktop app exited right away"
	}
	log "desktop: running (pid $(cat "$DATA/desktop.pid")), server $SERVER_URL"
else
	log "run: no display (\$DISPLAY/\$WAYLAND_DISPLAY unset): not starting the desktop app"
fi

cat <<MSG

1sales backend: $SERVER_URL   (log .data/backend.log)
PostgreSQL:     127.0.0.1:$PG_PORT, data in .data/pg
Desktop:        start build/bin/1sales with ONESALES_SERVER_URL=$SERVER_URL (make run does so when a display exists)

$(demo_logins)

Stop everything with: make stop
MSG
