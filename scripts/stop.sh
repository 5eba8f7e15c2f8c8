#!/usr/bin/env bash
# make stop: stops what `make run` started (desktop app, backend, PostgreSQL), by PID file.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

DATA="$ROOT/.data"
declare -A pattern=([desktop]=build/bin/1sales [backend]=onesales-server)
for name in desktop backend; do
	f="$DATA/$name.pid"
	if [ -f "$f" ]; then
		kill_pid "$(cat "$f")" "$name" "${pattern[$name]}"
		rm -f "$f"
	else
		log "stop: no $name running (no .data/$name.pid)"
	fi
done
if [ -d "$DATA/pg" ]; then
	"$ROOT/scripts/pg.sh" stop "$DATA/pg"
fi
