#!/usr/bin/env bash
# make test: every check of the repository, in order, against real services.
#
#   scripts/test.sh              all steps
#   scripts/test.sh STEP...      only these (deps and postgres always run first)
#
# Steps: deps postgres go-shared go-backend go-desktop frontend keyring e2e package windows
# (go-backend starts SeaweedFS for the S3 document store's tests.)
# A missing tool is an error, never a skip. A failing step is reported and the
# remaining steps still run (unless deps or postgres fail); the last line is
# "make-test: N passed, M failed" and the exit status is non-zero on any failure.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

ALL_STEPS=(go-shared go-backend go-desktop frontend keyring e2e package windows)
if [ $# -gt 0 ]; then
	for s in "$@"; do
		case " ${ALL_STEPS[*]} " in *" $s "*) ;; *) die "unknown step '$s' (steps: ${ALL_STEPS[*]})" ;; esac
	done
	STEPS=("$@")
else
	STEPS=("${ALL_STEPS[@]}")
fi

PASSED=()
FAILED=()
T0=$SECONDS

header() {
	printf '\n'
	printf '################################################################################\n'
	printf '## make test: %s\n' "$*"
	printf '################################################################################\n'
}

# run_step NAME FUNCTION: runs FUNCTION in a subshell with errexit and records the result.
run_step() {
	local name=$1 fn=$2 t=$SECONDS rc
	header "$name"
	set +e
	(
		set -euo pipefail
		"$fn"
	)
	rc=$?
	set -e
	if [ "$rc" -eq 0 ]; then
		PASSED+=("$name")
		printf '## %s: ok (%ds)\n' "$name" $((SECONDS - t))
	else
		FAILED+=("$name")
		printf '## %s: FAILED (exit %d, %ds)\n' "$name" "$rc" $((SECONDS - t))
	fi
}

summary() {
	local rc=${_EXIT_RC:-0}
	printf '\n################################################################################\n'
	local s
	for s in "${PASSED[@]}"; do printf '  ok      %s\n' "$s"; done
	for s in "${FAILED[@]}"; do printf '  FAILED  %s\n' "$s"; done
	printf 'total time %ds\n' $((SECONDS - T0))
	if [ "$rc" -ne 0 ] && [ ${#FAILED[@]} -eq 0 ]; then
		FAILED+=("aborted")
	fi
	printf 'make-test: %d passed, %d failed\n' "${#PASSED[@]}" "${#FAILED[@]}"
}

# ---------------------------------------------------------------- steps ----
step_deps() { "$ROOT/scripts/deps.sh"; }

go_module() {
	local dir=$1 tags=${2:-}
	local tagflag=()
	[ -n "$tags" ] && tagflag=(-tags "$tags")
	cd "$ROOT/$dir"
	log "$dir: go vet ${tags:+-tags $tags }./..."
	go vet "${tagflag[@]}" ./...
	# The backend's internal/app package runs every story against the real server: about 8 minutes on two quiet
	# cores, more on busy ones, past go test's default limit of 10 minutes per package.
	log "$dir: go test -p 2 -count=1 -timeout 25m ${tags:+-tags $tags }./..."
	go test -p 2 -count=1 -timeout 25m "${tagflag[@]}" ./...
}
step_go_shared() { go_module shared; }
# The backend's tests run against a real S3 server as well (the document store): SeaweedFS, started here.
step_go_backend() {
	throwaway_s3
	go_module backend
}
step_go_desktop() {
	# main.go embeds frontend/dist: the committed .gitkeep (or a real build) must be there.
	[ -e "$ROOT/frontend/dist/.gitkeep" ] || [ -e "$ROOT/frontend/dist/index.html" ] ||
		die "frontend/dist is empty: the Go embed needs frontend/dist/.gitkeep"
	go_module . webkit2_41
}

step_frontend() {
	need npm
	cd "$ROOT/frontend"
	log "frontend: npm run typecheck"
	npm run typecheck
	log "frontend: npm run lint"
	npm run lint
	log "frontend: npm test"
	npm test
	build_frontend
}

step_keyring() {
	need dbus-run-session gnome-keyring-daemon
	local home
	make_tmpdir home onesales-keyring
	# Keep Go's caches and settings where they are while HOME points elsewhere.
	GOPATH="$(go env GOPATH)" GOMODCACHE="$(go env GOMODCACHE)" GOCACHE="$(go env GOCACHE)" GOENV="$(go env GOENV)"
	export GOPATH GOMODCACHE GOCACHE GOENV
	cd "$ROOT"
	log "keyring: go test -tags keyring ./desktop/secrets/... in a private D-Bus session with gnome-keyring"
	HOME="$home" XDG_RUNTIME_DIR="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
		dbus-run-session -- sh -c \
		'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec go test -count=1 -tags keyring ./desktop/secrets/...'
}

step_e2e() {
	if [[ " ${PASSED[*]} " == *" frontend "* ]]; then
		export ONESALES_E2E_SKIP_FRONTEND_BUILD=1
	fi
	"$ROOT/scripts/e2e.sh"
}

# The Debian packages (dist/*.deb, built with nfpm) and their check: contents, the unit (systemd-analyze), and as
# root an installation into an overlay of / that migrates, serves and answers /readyz (scripts/package-test.sh).
step_package() {
	"$ROOT/scripts/package.sh" server desktop
	"$ROOT/scripts/package-test.sh"
}

step_windows() {
	need file makensis
	cd "$ROOT"
	[ -f frontend/dist/index.html ] || build_frontend
	rm -f build/bin/1sales.exe build/bin/*-amd64-installer.exe
	log "windows: bin/wails build -platform windows/amd64 -skipbindings -s -m -nsis -o 1sales.exe"
	./bin/wails build -platform windows/amd64 -skipbindings -s -m -nsis -nocolour -o 1sales.exe
	# makensis' scratch copy of the WebView2 bootstrapper; not a source file.
	rm -rf build/windows/installer/tmp
	[ -f build/bin/1sales.exe ] || die "build/bin/1sales.exe was not written"
	[ "$(head -c 2 build/bin/1sales.exe)" = MZ ] || die "build/bin/1sales.exe has no MZ header"
	file build/bin/1sales.exe | grep -q 'PE32+ executable.*x86-64' ||
		die "build/bin/1sales.exe is not a PE32+ x86-64 executable: $(file -b build/bin/1sales.exe)"
	log "windows: build/bin/1sales.exe ($(du -h build/bin/1sales.exe | cut -f1)): $(file -b build/bin/1sales.exe)"
	local installer
	installer="$(find build/bin -maxdepth 1 -name '*-amd64-installer.exe' | head -n1)"
	[ -n "$installer" ] || die "no NSIS installer (build/bin/*-amd64-installer.exe) was written"
	file "$installer" | grep -q 'Nullsoft Installer' || die "$installer is not an NSIS installer: $(file -b "$installer")"
	log "windows: $installer ($(du -h "$installer" | cut -f1)): NSIS installer"
}

# ----------------------------------------------------------------- main ----
on_exit summary

run_step deps step_deps
[ ${#FAILED[@]} -eq 0 ] || exit 1

header postgres
t=$SECONDS
throwaway_pg
export ONESALES_TEST_PG_URL="$ONESALES_PG_SUPER_URL"
log "ONESALES_TEST_PG_URL=$ONESALES_TEST_PG_URL"
PASSED+=(postgres)
printf '## postgres: ok (%ds)\n' $((SECONDS - t))

for s in "${STEPS[@]}"; do
	run_step "$s" "step_${s//-/_}"
done

[ ${#FAILED[@]} -eq 0 ]
