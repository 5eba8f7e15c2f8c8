#!/usr/bin/env bash
# Removes build output: bin/, build/bin/, frontend/dist (keeping .gitkeep), test-results/.
# Leaves .data/ (the database of `make run`) alone; `make stop` then `rm -rf .data` resets it.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

cd "$ROOT"
log "clean: bin/ build/bin/ dist/ frontend/dist/ test-results/"
rm -rf bin build/bin dist test-results
if [ -d frontend/dist ]; then
	find frontend/dist -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
fi
