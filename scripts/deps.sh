#!/usr/bin/env bash
# Installs what building, running and testing 1sales needs and is missing:
#   - Debian packages (GTK/WebKitGTK headers, PostgreSQL 15, Xvfb, keyring, chromium, nsis, ...)
#   - frontend/node_modules (npm ci) when missing or older than package-lock.json
#   - bin/wails, the Wails CLI built from tools/ (pinned version)
#   - bin/nfpm, the Debian packager built from tools/nfpm (pinned version)
#   - SeaweedFS (the S3 server of the Go tests), built from its pinned module
#     version into ${XDG_CACHE_HOME:-~/.cache}/onesales/ (outside the clone)
# Idempotent and quick when everything is present. Go (>= 1.26) and Node.js
# (>= 20.19) with npm must already be installed.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

APT_PACKAGES=(
	build-essential pkg-config
	libgtk-3-dev libwebkit2gtk-4.1-dev
	postgresql-15 postgresql-contrib
	xvfb xdotool imagemagick
	gnome-keyring dbus dbus-x11 dunst
	chromium nsis
	curl file openssl ca-certificates xdg-utils
	systemd desktop-file-utils
)

# ------------------------------------------------------------------ apt ----
missing=()
for p in "${APT_PACKAGES[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done
if [ ${#missing[@]} -gt 0 ]; then
	log "deps: installing Debian packages: ${missing[*]}"
	SUDO=()
	if ! is_root; then
		command -v sudo >/dev/null || die "not root and no sudo: install ${missing[*]} by hand"
		SUDO=(sudo)
	fi
	"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
	"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
else
	log "deps: Debian packages present"
fi

# ---------------------------------------------------------- toolchains ----
command -v go >/dev/null || die "Go is not installed (need >= 1.26)"
command -v node >/dev/null || die "Node.js is not installed (need >= 20)"
command -v npm >/dev/null || die "npm is not installed"
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' ||
	die "Node.js $(node --version) is too old, need >= 20.19"
log "deps: $(go version | cut -d' ' -f3-4), node $(node --version), npm $(npm --version)"

# ------------------------------------------------------------ frontend ----
fe="$ROOT/frontend"
if [ -f "$fe/package.json" ]; then
	[ -f "$fe/package-lock.json" ] || die "frontend/package-lock.json is missing (npm ci needs it)"
	stamp="$fe/node_modules/.package-lock.json"
	if [ ! -d "$fe/node_modules" ] || [ ! -f "$stamp" ] ||
		[ "$fe/package-lock.json" -nt "$stamp" ] || [ "$fe/package.json" -nt "$stamp" ]; then
		log "deps: npm ci in frontend/"
		(cd "$fe" && npm ci --no-audit --no-fund)
		touch "$stamp"
	else
		log "deps: frontend/node_modules up to date"
	fi
else
	warn "deps: frontend/package.json not found, skipping npm ci"
fi

# --------------------------------------------------------------- wails ----
wails="$ROOT/bin/wails"
if [ ! -x "$wails" ] || [ "$ROOT/tools/go.mod" -nt "$wails" ] || [ "$ROOT/tools/go.sum" -nt "$wails" ]; then
	log "deps: building bin/wails from tools/ (wails $(grep -o "wailsapp/wails/v2 v[^ ]*" "$ROOT/tools/go.mod" | cut -d" " -f2))"
	mkdir -p "$ROOT/bin"
	(cd "$ROOT/tools" && GOWORK=off go build -o "$wails.tmp" github.com/wailsapp/wails/v2/cmd/wails)
	mv "$wails.tmp" "$wails"
else
	log "deps: bin/wails present"
fi
# ---------------------------------------------------------------- nfpm ----
nfpm="$ROOT/bin/nfpm"
if [ ! -x "$nfpm" ] || [ "$ROOT/tools/nfpm/go.mod" -nt "$nfpm" ] || [ "$ROOT/tools/nfpm/go.sum" -nt "$nfpm" ]; then
	log "deps: building bin/nfpm from tools/nfpm (nfpm $(grep -o "goreleaser/nfpm/v2 v[^ ]*" "$ROOT/tools/nfpm/go.mod" | cut -d" " -f2))"
	mkdir -p "$ROOT/bin"
	(cd "$ROOT/tools/nfpm" && GOWORK=off go build -o "$nfpm.tmp" github.com/goreleaser/nfpm/v2/cmd/nfpm)
	mv "$nfpm.tmp" "$nfpm"
else
	log "deps: bin/nfpm present"
fi
# ----------------------------------------------------------- SeaweedFS ----
# `go install github.com/seaweedfs/seaweedfs/weed@...` is refused (its go.mod
# has replace directives), so: download the module, build it from a writable
# copy with its own go.mod. About 5 minutes on 2 cores, once.
weed="$(seaweedfs_bin)"
if [ ! -x "$weed" ]; then
	log "deps: building SeaweedFS $SEAWEEDFS_VERSION into $weed (about 5 minutes, once)"
	build="$(mktemp -d "${TMPDIR:-/tmp}/onesales-weed.XXXXXX")"
	on_exit "rm -rf '$build'"
	moddir="$(cd "$build" && GOFLAGS=-mod=mod GOWORK=off go mod download -json "github.com/seaweedfs/seaweedfs@$SEAWEEDFS_VERSION" |
		sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')"
	[ -n "$moddir" ] && [ -d "$moddir/weed" ] || die "go mod download of github.com/seaweedfs/seaweedfs@$SEAWEEDFS_VERSION failed"
	cp -R "$moddir" "$build/src"
	chmod -R u+w "$build/src"
	mkdir -p "$(dirname "$weed")"
	(cd "$build/src" && GOWORK=off GOFLAGS="-mod=mod -buildvcs=false" go build -o "$weed.tmp" ./weed)
	mv "$weed.tmp" "$weed"
else
	log "deps: SeaweedFS $SEAWEEDFS_VERSION present"
fi
log "deps: done"
