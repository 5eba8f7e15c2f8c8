#!/usr/bin/env bash
# Checks the Debian packages that scripts/package.sh wrote into dist/ (step `package` of scripts/test.sh):
#
#   server   dpkg-deb -I / -c: fields, conffile, maintainer scripts, the files and their modes; the unit's
#            hardening and `systemd-analyze verify` / `security --offline`; the binary's version. As root: installs
#            the package with dpkg into a throwaway copy-on-write view of this machine (an overlay of / in a private
#            mount namespace: nothing reaches the real system), checks the user, the folders and their modes,
#            runs `migrate` and `serve` as the onesales user from /etc/onesales/server.env on a database of its own
#            until /readyz answers 200, reinstalls (an upgrade keeps the edited conffile) and removes it. systemd
#            does not run inside that view: the unit is checked by systemd-analyze, not started by systemd.
#   desktop  dpkg-deb -I / -c, the .desktop file with desktop-file-validate, the binary linked against WebKitGTK 4.1.
#
# Missing tools (dpkg-deb, systemd-analyze, desktop-file-validate) fail the check: scripts/deps.sh installs them.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

need dpkg-deb systemd-analyze desktop-file-validate readelf
cd "$ROOT"
version="$(onesales_version)"
arch="$(dpkg --print-architecture)"
server="dist/onesales-server_${version}_${arch}.deb"
desktop="dist/1sales_${version}_${arch}.deb"
[ -f "$server" ] || die "$server is missing: run scripts/package.sh (make package)"
[ -f "$desktop" ] || die "$desktop is missing: run scripts/package.sh (make package)"

fail() {
	printf 'package-test: FAIL: %s\n' "$*" >&2
	exit 1
}
# field DEB NAME: a control field.
field() { dpkg-deb -f "$1" "$2"; }
# has_entry DEB MODE PATH: dpkg-deb -c lists PATH with MODE.
has_entry() {
	dpkg-deb -c "$1" | awk -v m="$2" -v p="$3" '$1 == m && $6 == p { found = 1 } END { exit !found }' ||
		fail "$1 has no $3 with mode $2; it has:
$(dpkg-deb -c "$1")"
}

make_tmpdir work onesales-package-test

# ----------------------------------------------------------------- server ----
log "package-test: $server"
[ "$(field "$server" Package)" = onesales-server ] || fail "Package: $(field "$server" Package)"
[ "$(field "$server" Version)" = "$version" ] || fail "Version: $(field "$server" Version), want $version"
[ "$(field "$server" Architecture)" = "$arch" ] || fail "Architecture: $(field "$server" Architecture)"
field "$server" Depends | grep -q 'postgresql-client' || fail "Depends lacks postgresql-client (pg_dump for backups)"
has_entry "$server" -rwxr-xr-x ./usr/bin/onesales-server
has_entry "$server" -rw-r--r-- ./lib/systemd/system/onesales.service
has_entry "$server" -rw-r----- ./etc/onesales/server.env
mkdir -p "$work/server/DEBIAN"
dpkg-deb -x "$server" "$work/server"
dpkg-deb -e "$server" "$work/server/DEBIAN"
[ "$(cat "$work/server/DEBIAN/conffiles")" = /etc/onesales/server.env ] ||
	fail "conffiles: $(cat "$work/server/DEBIAN/conffiles"), want /etc/onesales/server.env"
for s in postinst prerm postrm; do
	[ -x "$work/server/DEBIAN/$s" ] || fail "maintainer script $s missing or not executable"
	sh -n "$work/server/DEBIAN/$s" || fail "maintainer script $s: syntax error"
done
grep -q 'useradd --system' "$work/server/DEBIAN/postinst" || fail "postinst creates no system user"
got="$("$work/server/usr/bin/onesales-server" version)"
[ "$got" = "$version" ] || fail "onesales-server version says $got, want $version"

unit="$work/server/lib/systemd/system/onesales.service"
for line in User=onesales Group=onesales EnvironmentFile=-/etc/onesales/secret.env EnvironmentFile=/etc/onesales/server.env \
	'ExecStartPre=/usr/bin/onesales-server migrate' 'ExecStart=/usr/bin/onesales-server serve' \
	NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes CapabilityBoundingSet= \
	ReadWritePaths=/var/lib/onesales WantedBy=multi-user.target; do
	grep -qxF "$line" "$unit" || fail "the unit lacks the line '$line'"
done
# systemd-analyze looks for the commands on this machine: point the unit at the extracted binary.
sed "s#/usr/bin/onesales-server#$work/server/usr/bin/onesales-server#" "$unit" >"$work/onesales.service"
out="$(systemd-analyze verify "$work/onesales.service" 2>&1)" || fail "systemd-analyze verify: $out"
[ -z "$out" ] || fail "systemd-analyze verify complains: $out"
# Exposure on systemd's scale of 0 (locked down) to 10; the unit is at 1.4 ("OK").
out="$(systemd-analyze security --offline=yes --threshold=20 "$work/onesales.service" 2>&1)" ||
	fail "systemd-analyze security: exposure above 2.0:
$out"
log "package-test: unit verified; $(printf '%s\n' "$out" | grep 'Overall exposure' | sed 's/^→ //')"

# -------------------------------------------------- server: installation ----
if ! is_root; then
	warn "package-test: not root: the installation into an overlay of / is skipped (CI runs as root)"
elif ! command -v unshare >/dev/null || ! unshare --mount true 2>/dev/null; then
	fail "unshare --mount does not work here: cannot install the package into an isolated view"
else
	if [ -z "${ONESALES_PG_SUPER_URL:-}" ]; then
		throwaway_pg
	fi
	db="onesales_pkg_$RANDOM$RANDOM"
	super_db="${ONESALES_PG_SUPER_URL%/*}/$db?sslmode=disable"
	pgbin="$(pg_bindir)"
	"$pgbin/psql" -X -q -v ON_ERROR_STOP=1 "$ONESALES_PG_SUPER_URL" -c "CREATE DATABASE $db OWNER onesales_owner"
	on_exit "'$pgbin/psql' -X -q '$ONESALES_PG_SUPER_URL' -c 'DROP DATABASE IF EXISTS $db WITH (FORCE)' >/dev/null 2>&1"
	"$pgbin/psql" -X -q -v ON_ERROR_STOP=1 "$super_db" -c "CREATE EXTENSION IF NOT EXISTS earthdistance CASCADE"
	free_port port
	owner_url="${ONESALES_PG_OWNER_URL%/*}/$db?sslmode=disable"
	app_url="${ONESALES_PG_APP_URL%/*}/$db?sslmode=disable"
	mkdir -p "$work/ov/upper" "$work/ov/work" "$work/ov/root"
	cp "$server" "$work/ov/server.deb"
	host_accounts="$(sha256sum /etc/passwd /etc/group)"
	log "package-test: dpkg -i in an overlay of / (private mount namespace), then migrate and serve as onesales on :$port"
	unshare --mount --fork env WORK="$work" PORT="$port" OWNER_URL="$owner_url" APP_URL="$app_url" bash -euo pipefail -c '
		fail() { printf "package-test: FAIL (installed): %s\n" "$*" >&2; exit 1; }
		mount --make-rprivate /
		mount -t overlay overlay -o "lowerdir=/,upperdir=$WORK/ov/upper,workdir=$WORK/ov/work" "$WORK/ov/root"
		r="$WORK/ov/root"
		mount -t proc proc "$r/proc"
		mount --rbind /dev "$r/dev"
		mount -t tmpfs tmpfs "$r/tmp"
		mount -t tmpfs tmpfs "$r/run"
		cp "$WORK/ov/server.deb" "$r/tmp/server.deb"
		inroot() { chroot "$r" "$@"; }
		inroot getent passwd onesales >/dev/null && fail "the user onesales exists before the installation"
		inroot dpkg -i /tmp/server.deb >"$WORK/dpkg.log" 2>&1 || fail "dpkg -i: $(cat "$WORK/dpkg.log")"
		inroot getent passwd onesales | grep -q ":/var/lib/onesales:/usr/sbin/nologin$" || fail "user: $(inroot getent passwd onesales)"
		[ "$(inroot stat -c "%U:%G %a" /etc/onesales/server.env)" = "root:onesales 640" ] ||
			fail "server.env: $(inroot stat -c "%U:%G %a" /etc/onesales/server.env)"
		[ "$(inroot stat -c "%U:%G %a" /var/lib/onesales/blobs)" = "onesales:onesales 750" ] ||
			fail "/var/lib/onesales/blobs: $(inroot stat -c "%U:%G %a" /var/lib/onesales/blobs)"
		inroot dpkg-query -W -f="\${Conffiles}" onesales-server | grep -q "/etc/onesales/server.env" || fail "server.env is not a conffile"
		# The operator fills in the one configuration file.
		sed -i -e "s#^ONESALES_DATABASE_URL=.*#ONESALES_DATABASE_URL=$APP_URL#" \
			-e "s#^ONESALES_MIGRATION_DATABASE_URL=.*#ONESALES_MIGRATION_DATABASE_URL=$OWNER_URL#" \
			-e "s#^ONESALES_TOKEN_SECRET=.*#ONESALES_TOKEN_SECRET=package-test-secret-package-test-secret#" \
			-e "s#^ONESALES_ADDR=.*#ONESALES_ADDR=127.0.0.1:$PORT#" "$r/etc/onesales/server.env"
		echo "ONESALES_GEOCODE_WORKER=0" >>"$r/etc/onesales/server.env"
		# What the unit runs, as its user, with its environment file.
		[ "$(inroot stat -c "%U:%G %a" /etc/onesales/secret.env)" = "root:onesales 640" ] ||
			fail "secret.env: $(inroot stat -c "%U:%G %a" /etc/onesales/secret.env)"
		inroot grep -Eq '^ONESALES_SECRET_KEY=[A-Za-z0-9+/]{43}=$' /etc/onesales/secret.env || fail "secret.env holds no key"
		as_service() { inroot runuser -u onesales -- sh -c "set -a; . /etc/onesales/secret.env; . /etc/onesales/server.env; exec /usr/bin/onesales-server $1"; }
		as_service migrate >"$WORK/migrate.log" 2>&1 || fail "migrate: $(tail -5 "$WORK/migrate.log")"
		# In a process group of its own (job control), so that the stop below reaches the server under runuser too.
		set -m
		as_service serve >"$WORK/serve.log" 2>&1 &
		pid=$!
		set +m
		ok=
		for _ in $(seq 1 120); do
			if [ "$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$PORT/readyz")" = 200 ]; then ok=1; break; fi
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.25
		done
		kill -- -"$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		[ -n "$ok" ] || fail "serve did not answer /readyz with 200: $(tail -5 "$WORK/serve.log")"
		inroot test -f /var/lib/onesales/blobs/.onesales-installation || fail "serve did not claim /var/lib/onesales/blobs"
		# An upgrade (the same package again) keeps the edited configuration.
		inroot dpkg -i /tmp/server.deb >"$WORK/dpkg.log" 2>&1 || fail "dpkg -i again: $(cat "$WORK/dpkg.log")"
		grep -q "^ONESALES_ADDR=127.0.0.1:$PORT$" "$r/etc/onesales/server.env" || fail "the upgrade replaced the edited server.env"
		inroot dpkg -r onesales-server >"$WORK/dpkg.log" 2>&1 || fail "dpkg -r: $(cat "$WORK/dpkg.log")"
		inroot test ! -e /usr/bin/onesales-server || fail "dpkg -r left /usr/bin/onesales-server"
		inroot test -d /var/lib/onesales/blobs || fail "dpkg -r removed the documents"
		echo "installed, migrated, served /readyz 200, upgraded with the edited server.env kept, removed"
	' || fail "the installation test failed"
	[ "$(sha256sum /etc/passwd /etc/group)" = "$host_accounts" ] || fail "the installation changed the real system's users"
fi

# ---------------------------------------------------------------- desktop ----
log "package-test: $desktop"
[ "$(field "$desktop" Package)" = 1sales ] || fail "Package: $(field "$desktop" Package)"
[ "$(field "$desktop" Version)" = "$version" ] || fail "Version: $(field "$desktop" Version), want $version"
field "$desktop" Depends | grep -q 'libwebkit2gtk-4.1-0' || fail "Depends lacks libwebkit2gtk-4.1-0"
has_entry "$desktop" -rwxr-xr-x ./usr/bin/1sales
has_entry "$desktop" -rw-r--r-- ./usr/share/applications/1sales.desktop
has_entry "$desktop" -rw-r--r-- ./usr/share/pixmaps/1sales.png
mkdir -p "$work/desktop"
dpkg-deb -x "$desktop" "$work/desktop"
desktop-file-validate "$work/desktop/usr/share/applications/1sales.desktop" || fail "desktop-file-validate"
grep -qx 'Exec=1sales' "$work/desktop/usr/share/applications/1sales.desktop" || fail "the .desktop file does not start /usr/bin/1sales"
readelf -d "$work/desktop/usr/bin/1sales" | grep -q 'libwebkit2gtk-4.1.so' || fail "/usr/bin/1sales is not linked against WebKitGTK 4.1"

log "package-test: ok ($server, $desktop)"
