#!/usr/bin/env bash
# Builds the Debian packages into dist/ with nfpm (bin/nfpm, from tools/nfpm):
#   dist/onesales-server_<version>_<arch>.deb   the backend: binary, hardened systemd unit, /etc/onesales/server.env
#   dist/1sales_<version>_<arch>.deb            the desktop for Linux: the Wails production build, .desktop file, icon
#
#   scripts/package.sh [server] [desktop]      (default: both)
#
# The version is the build's (scripts/lib.sh onesales_version: ONESALES_VERSION, else the newest v* tag, else
# wails.json's productVersion with the commit). The contents are described in packaging/*/nfpm.yaml.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

what=("$@")
[ ${#what[@]} -gt 0 ] || what=(server desktop)
nfpm="$ROOT/bin/nfpm"
[ -x "$nfpm" ] || die "bin/nfpm is missing: run scripts/deps.sh (make deps), which builds it from tools/nfpm"

ONESALES_VERSION="$(onesales_version)"
GOARCH="$(go env GOARCH)"
export ONESALES_VERSION GOARCH
mkdir -p "$ROOT/dist"
cd "$ROOT"

for w in "${what[@]}"; do
	case "$w" in
	server)
		build_backend
		;;
	desktop)
		[ -f frontend/dist/index.html ] || build_frontend
		log "desktop: go build -tags desktop,production,webkit2_41 -o bin/1sales-linux . (version $ONESALES_VERSION)"
		go build -tags desktop,production,webkit2_41 -trimpath -ldflags "-s -w" -o bin/1sales-linux .
		;;
	*) die "unknown package '$w' (server or desktop)" ;;
	esac
	rm -f dist/"$(sed -n 's/^name: //p' "packaging/$w/nfpm.yaml")"_*.deb
	log "package: nfpm package -f packaging/$w/nfpm.yaml -p deb -t dist/"
	"$nfpm" package -f "packaging/$w/nfpm.yaml" -p deb -t dist/
done
ls -l dist/*.deb
