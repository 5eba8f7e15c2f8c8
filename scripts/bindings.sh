#!/usr/bin/env bash
# Regenerates the Wails bindings of the desktop app's bound services into the
# folder named by wails.json's "wailsjsdir" (frontend/src/lib -> frontend/src/lib/wailsjs),
# and frontend/src/lib/vocabulary.ts, the lists of shared/api's enums in Go's order
# (desktop/app/enums.go; its test fails when the file is stale).
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
log "bindings: $dir/vocabulary.ts"
go test -tags webkit2_41 -count=1 -run '^TestVocabularyFileIsCurrent$' ./desktop/app -update >/dev/null
log "bindings: done ($(find "$dir/wailsjs/go" -type f | wc -l) files)"
