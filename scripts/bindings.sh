#!/usr/bin/env bash
# Regenerates the Wails bindings of the desktop app's bound services into the
# folder named by wails.json's "wailsjsdir" (frontend/src/lib -> frontend/src/lib/wailsjs).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

cd "$ROOT"
[ -f wails.json ] || die "wails.json not found at the repository root"
[ -x bin/wails ] || die "bin/wails missing (run scripts/deps.sh)"
dir="$(node -p 'require("./wails.json").wailsjsdir || "frontend"')"
log "bindings: bin/wails generate module -tags webkit2_41 (into $dir/wailsjs)"
./bin/wails generate module -tags webkit2_41
[ -d "$dir/wailsjs/go" ] || die "no bindings written to $dir/wailsjs/go"
log "bindings: done ($(find "$dir/wailsjs/go" -type f | wc -l) files)"
