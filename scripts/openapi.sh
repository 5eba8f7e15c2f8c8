#!/usr/bin/env bash
# make openapi: regenerates docs/openapi.json, docs/api-routes.md (the route tables) and
# frontend/src/lib/fieldPaths.json (the field names of errors, which the UI labels) from the route registry and the
# shared/api types. The routes come from a running backend (apptest), which needs a database: a throwaway PostgreSQL
# unless ONESALES_TEST_PG_URL names a cluster. TestOpenAPIFileIsCurrent, TestRouteTablesFileIsCurrent and
# TestFieldPathsFileIsCurrent (run by make test) fail while a committed file is stale.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

need go
if [ -z "${ONESALES_TEST_PG_URL:-}" ]; then
	throwaway_pg
	export ONESALES_TEST_PG_URL="$ONESALES_PG_SUPER_URL"
fi
cd "$ROOT/backend"
log "backend: go test -run 'TestOpenAPIFileIsCurrent|TestRouteTablesFileIsCurrent|TestFieldPathsFileIsCurrent' -update ./internal/app/"
go test -count=1 -run '^(TestOpenAPIFileIsCurrent|TestRouteTablesFileIsCurrent|TestFieldPathsFileIsCurrent)$' ./internal/app/ -update
log "openapi: docs/openapi.json, docs/api-routes.md and frontend/src/lib/fieldPaths.json written"
