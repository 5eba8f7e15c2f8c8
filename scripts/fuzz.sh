#!/usr/bin/env bash
# make fuzz: fuzzes the request decoding and validation of every route that takes a JSON body
# (FuzzBodyFields in backend/internal/app: each input in every string and number field of every body, through
# the real server) against a throwaway PostgreSQL.
#
#   scripts/fuzz.sh                 5 minutes
#   FUZZTIME=30s scripts/fuzz.sh    as long as FUZZTIME says (a go test -fuzztime: 30s, 10000x)
#   FUZZPARALLEL=2 scripts/fuzz.sh  fuzzing processes (default 1; each starts its own server and database)
#
# ONESALES_TEST_PG_URL, when set, names a cluster to use instead of a throwaway one. Inputs that fail are kept in
# backend/internal/app/testdata/fuzz/FuzzBodyFields/ and then run with every `go test` (commit them with the fix).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

need go

if [ -z "${ONESALES_TEST_PG_URL:-}" ]; then
	throwaway_pg
	export ONESALES_TEST_PG_URL="$ONESALES_PG_SUPER_URL"
fi
log "ONESALES_TEST_PG_URL=$ONESALES_TEST_PG_URL"

cd "$ROOT/backend"
log "backend: go test -run='^\$' -fuzz='^FuzzBodyFields\$' -fuzztime=${FUZZTIME:-5m} -parallel=${FUZZPARALLEL:-1} ./internal/app/"
go test -run='^$' -fuzz='^FuzzBodyFields$' -fuzztime="${FUZZTIME:-5m}" -parallel="${FUZZPARALLEL:-1}" ./internal/app/
