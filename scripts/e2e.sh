#!/usr/bin/env bash
# End-to-end test of the real desktop app.
#
#   scripts/e2e.sh            (make test runs it as one step; it also runs on its own)
#
# 1. PostgreSQL: reuses the cluster in ONESALES_PG_* (set by scripts/test.sh),
#    otherwise starts a throwaway one; migrates and seeds the demo company (plan
#    professional) and, with `onesales-server create-tenant`, a second company on
#    the basic plan (limited pipelines) whose admin's e-mail is new on every run.
# 2. Backend: builds bin/onesales-server and serves it over HTTPS (a test CA of the run) on a free port with a fresh secret; its SMTP server is
#    bin/onesales-mailsink on a free port (E2E_MAILSINK_URL/messages lists what it received); the operator API is on
#    (E2E_OPERATOR_TOKEN, for tests that need a company of their own); bin/onesales-idp is an OpenID Connect
#    provider on a loopback port (E2E_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET; E2E_OIDC_QUEUE_URL queues the user
#    it signs in next) for single sign-on.
# 3. Frontend: npm run build (skipped with ONESALES_E2E_SKIP_FRONTEND_BUILD=1,
#    when the caller has just built it).
# 4. Desktop: `go build -tags dev,webkit2_41 -o bin/1sales-dev .` and starts it
#    twice on one Xvfb display, each inside a private D-Bus session with a
#    notification daemon (dunst, for e2e/notifications.test.mjs) and an
#    unlocked gnome-keyring, HOME/XDG dirs of its own in a temp dir, and the
#    Wails dev server on a free port of its own (env devserver/assetdir, read by
#    wails' internal/app/app_dev.go): two desktops signed in as two users at
#    once, for e2e/live.test.mjs (E2E_APP_URL_2 is the second).
#    Exports go straight to XDG_DOWNLOAD_DIR ($HOME/Downloads of the app; E2E_DOWNLOAD_DIR for the tests), as the
#    desktop's setting "Exporte direkt im Download-Ordner speichern" (on by default) says.
# 5. Runs the browser tests: `node --test e2e/` in frontend/ (playwright-core
#    driving Debian's chromium against the dev server, i.e. the real Go
#    bindings). The app's ONESALES_OPEN_COMMAND is a recorder that appends
#    each path it is asked to open to E2E_OPENED_LOG (documents.test.mjs).
#    Each desktop's default browser (its mimeapps.list, which xdg-open reads when single sign-on opens
#    the system browser) is a recorder that follows the link with curl and logs the page it ends on to
#    E2E_BROWSER_LOG. The desktop's map tiles (ONESALES_TILE_URL) point at a local
#    port nobody listens on, so the maps show their offline layer.
# 6. Real window: the production build on the same display, driven by xdotool:
#    signs in by typing, then starts again and must sign in silently from the
#    real keyring; screenshots of both (desktop-window-signed-in.png,
#    desktop-window.png).
# Everything it started is stopped on exit. Logs and screenshots go to
# test-results/ (e2e-*.log, screenshots/).
#
# ONESALES_E2E_TESTS overrides the test paths given to `node --test` (default e2e/; several separated by spaces).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

need go node npm curl openssl Xvfb xdotool import dbus-run-session gnome-keyring-daemon dunst dunstctl chromium file xdg-open

RESULTS="$ROOT/test-results"
SHOTS="$RESULTS/screenshots"
rm -rf "$SHOTS"
mkdir -p "$SHOTS"

# ------------------------------------------------------------ database ----
if [ -z "${ONESALES_PG_OWNER_URL:-}" ] || [ -z "${ONESALES_PG_APP_URL:-}" ]; then
	log "e2e: starting a throwaway PostgreSQL"
	throwaway_pg
fi
build_backend
build_mailsink
build_idp
migrate_seed
# A company on the basic plan, for the plan's limit on pipelines (the demo company has no limit). A fresh one per
# run, so that it starts without pipelines even on a database an earlier run used.
E2E_BASIC_ADMIN_EMAIL="admin.$(date +%s).$$@basis.example"
E2E_BASIC_PASSWORD='Basis1234!' # a throwaway database's test account
log "e2e: create-tenant on the basic plan (admin $E2E_BASIC_ADMIN_EMAIL)"
ONESALES_MIGRATION_DATABASE_URL="$ONESALES_PG_OWNER_URL" ONESALES_ADMIN_PASSWORD="$E2E_BASIC_PASSWORD" \
	"$ROOT/bin/onesales-server" create-tenant -name "Basis Bürobedarf KG" -plan basic \
	-admin-email "$E2E_BASIC_ADMIN_EMAIL" -admin-name "Bea Basis" </dev/null

# ------------------------------------------------------------ mail sink ----
# The backend's SMTP server: a sink that keeps every mail in memory and lists them at $MAILSINK_URL/messages,
# where the tests read the support request the app sent.
smtp_port=
free_port smtp_port
mailsink_port=
free_port mailsink_port
MAILSINK_URL="http://127.0.0.1:$mailsink_port"
setsid "$ROOT/bin/onesales-mailsink" -smtp "127.0.0.1:$smtp_port" -http "127.0.0.1:$mailsink_port" \
	</dev/null >"$RESULTS/e2e-mailsink.log" 2>&1 &
mailsink_pid=$!
on_exit "kill_pid $mailsink_pid mailsink"
wait_http "$MAILSINK_URL/messages" 30 "$mailsink_pid" || die "the mail sink did not answer on $MAILSINK_URL"
export ONESALES_SMTP_HOST=127.0.0.1 ONESALES_SMTP_PORT="$smtp_port" ONESALES_SMTP_SECURITY=none \
	ONESALES_SMTP_FROM=crm@1sales.example ONESALES_SMTP_FROM_NAME="1sales (E2E)"

# ------------------------------------------------- identity provider ----
# A company's OpenID Connect provider for single sign-on (e2e/sso.test.mjs): bin/onesales-idp (mockoidc) on a
# loopback port with a client id and secret of this run; a test queues the user it signs in next at
# E2E_OIDC_QUEUE_URL. Plain http: the backend takes an http:// issuer on this computer only.
idp_port=
free_port idp_port
E2E_OIDC_ISSUER="http://127.0.0.1:$idp_port/oidc"
E2E_OIDC_CLIENT_ID="1sales-e2e-$(openssl rand -hex 4)"
E2E_OIDC_CLIENT_SECRET="$(openssl rand -hex 24)"
setsid "$ROOT/bin/onesales-idp" -addr "127.0.0.1:$idp_port" -client-id "$E2E_OIDC_CLIENT_ID" \
	-client-secret "$E2E_OIDC_CLIENT_SECRET" </dev/null >"$RESULTS/e2e-idp.log" 2>&1 &
idp_pid=$!
on_exit "kill_pid $idp_pid 'identity provider'"
wait_http "$E2E_OIDC_ISSUER/.well-known/openid-configuration" 30 "$idp_pid" ||
	die "the identity provider did not answer on $E2E_OIDC_ISSUER"
export E2E_OIDC_ISSUER E2E_OIDC_CLIENT_ID E2E_OIDC_CLIENT_SECRET
export E2E_OIDC_QUEUE_URL="http://127.0.0.1:$idp_port/e2e/users"

# ----------------------------------------------------------------- TLS ----
# The backend serves HTTPS with a certificate from a CA made for this run, as a company's server would with its own
# CA: the desktops (Go reads SSL_CERT_FILE as the system's trusted certificates), the tests (Node:
# NODE_EXTRA_CA_CERTS) and curl (CURL_CA_BUNDLE) trust that CA and nothing else on the way.
tls_dir="$(mktemp -d)"
on_exit "rm -rf '$tls_dir'"
log "e2e: a test CA and the backend's certificate for 127.0.0.1 (openssl)"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=1sales E2E CA" \
	-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
	-keyout "$tls_dir/ca.key" -out "$tls_dir/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
	-keyout "$tls_dir/server.key" -out "$tls_dir/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$tls_dir/server.ext"
openssl x509 -req -in "$tls_dir/server.csr" -CA "$tls_dir/ca.pem" -CAkey "$tls_dir/ca.key" -CAcreateserial \
	-days 2 -extfile "$tls_dir/server.ext" -out "$tls_dir/server.pem" 2>/dev/null
export ONESALES_TLS_CERT_FILE="$tls_dir/server.pem" ONESALES_TLS_KEY_FILE="$tls_dir/server.key"
# SSL_CERT_FILE only for the desktops and the tests (whose Go helpers, e.g. the supplier simulator, reach the
# backend): it replaces the system's certificates, which go build needs.
TEST_CA="$tls_dir/ca.pem"
export NODE_EXTRA_CA_CERTS="$TEST_CA" CURL_CA_BUNDLE="$TEST_CA"
# The test browser trusts the backend's key by its hash (Chromium keeps its own certificate store).
E2E_SERVER_SPKI="$(openssl x509 -in "$tls_dir/server.pem" -pubkey -noout | openssl pkey -pubin -outform der |
	openssl dgst -sha256 -binary | base64)"
export E2E_SERVER_SPKI

# ------------------------------------------------------------- backend ----
backend_port=
free_port backend_port
BACKEND_URL="https://127.0.0.1:$backend_port"
# The operator API (POST /api/v1/operator/tenants), with which the tests create companies of their own.
ONESALES_OPERATOR_TOKEN="$(openssl rand -hex 24)"
export ONESALES_OPERATOR_TOKEN
# The links in the backend's mails (invitations, password resets) start with it; without it no reset mail is sent.
export ONESALES_PUBLIC_URL="$BACKEND_URL"
: >"$RESULTS/e2e-backend.log"
# Documents of this run in a folder of its own, removed at the end.
ONESALES_BLOB_DIR="$(mktemp -d)"
export ONESALES_BLOB_DIR
on_exit "rm -rf '$ONESALES_BLOB_DIR'"
# One key for the run's stored secrets (TOTP, single sign-on), the same at every start of the backend.
ONESALES_SECRET_KEY="$(new_secret_key)"
export ONESALES_SECRET_KEY
start_backend "127.0.0.1:$backend_port" "$(new_secret)" "$RESULTS/e2e-backend.log"
on_exit "kill_pid $BACKEND_PID backend"

# ------------------------------------------------------------ frontend ----
if [ "${ONESALES_E2E_SKIP_FRONTEND_BUILD:-}" = 1 ] && [ -f "$ROOT/frontend/dist/index.html" ]; then
	log "e2e: using the frontend/dist just built"
else
	build_frontend
fi

# ------------------------------------------------------------- desktop ----
log "e2e: go build -tags dev,webkit2_41 -o bin/1sales-dev ."
(cd "$ROOT" && go build -tags dev,webkit2_41 -o bin/1sales-dev .)

tmp=
make_tmpdir tmp onesales-e2e

# Xvfb on a free display; -displayfd reports the number once it accepts clients.
log "e2e: starting Xvfb"
Xvfb -displayfd 3 -screen 0 1366x900x24 -nolisten tcp -noreset \
	3>"$tmp/display" </dev/null >"$RESULTS/e2e-xvfb.log" 2>&1 &
xvfb_pid=$!
on_exit "kill_pid $xvfb_pid Xvfb"
for ((i = 0; i < 100; i++)); do
	[ -s "$tmp/display" ] && break
	kill -0 "$xvfb_pid" 2>/dev/null || die "Xvfb exited (see test-results/e2e-xvfb.log)"
	sleep 0.1
done
[ -s "$tmp/display" ] || die "Xvfb did not report a display"
DISPLAY=":$(tr -d '[:space:]' <"$tmp/display")"
export DISPLAY
log "e2e: Xvfb on DISPLAY=$DISPLAY"

# The operating system's open command as the desktop under test sees it: a recorder that appends each path it is
# asked to open to a log, which the documents test reads (and then checks the file at that path).
OPENED_LOG="$tmp/opened.log"
# shellcheck disable=SC2016 # "$1" is the recorder's own argument
printf '#!/bin/sh\nprintf "%%s\\n" "$1" >>"%s"\n' "$OPENED_LOG" >"$tmp/open-recorder"
chmod 0755 "$tmp/open-recorder"

# Map tiles are unreachable in the tests (a local port nobody listens on, so no request leaves the machine): the
# maps must show their offline layer (e2e/maps.test.mjs checks it).
tile_port=
free_port tile_port
TILE_URL="http://127.0.0.1:$tile_port/{z}/{x}/{y}.png"

# The system browser of the desktops under test, which single sign-on opens (Wails' BrowserOpenURL -> xdg-open ->
# the default handler of http(s) links, set in each desktop's HOME below): it follows the link as a browser would,
# through the provider's authorization endpoint (which signs the queued user in at once) to its redirect to the
# desktop's loopback receiver, in the background as a browser does, and records the URL it was opened with (without
# its query, which holds state and nonce) and the page it ended on in E2E_BROWSER_LOG.
BROWSER_LOG="$tmp/browser.log"
: >"$BROWSER_LOG"
cat >"$tmp/e2e-browser" <<BROWSER
#!/bin/sh
url="\$1"
log="$BROWSER_LOG"
(
	page=\$(curl -sS -L --max-redirs 5 --max-time 60 --cacert "$TEST_CA" -w '\nHTTP %{http_code}' "\$url" 2>&1)
	printf 'opened %s\n%s\n\n' "\${url%%\?*}" "\$page" >>"\$log"
) </dev/null >/dev/null 2>&1 &
BROWSER
chmod 0755 "$tmp/e2e-browser"

# start_dev_app NAME PORT LOG: a dev desktop on the display with its own HOME/XDG dirs, D-Bus session and keyring,
# serving the UI with the real Go bindings on 127.0.0.1:PORT; its pid goes to dev_app_pid. A notification daemon
# (dunst) runs on its session bus, whose address goes to $HOME/session-bus (E2E_SESSION_BUS_FILE: the tests ask the
# daemon with dunstctl what it was shown).
dev_app_pid=
start_dev_app() {
	local home="$tmp/$1" runtime="$tmp/$1-runtime"
	mkdir -p "$home/.config" "$home/.local/share/applications" "$home/.cache" "$runtime"
	chmod 0700 "$runtime"
	# The e2e browser as this desktop's default browser (xdg-open reads it through xdg-mime, as on any desktop).
	printf '[Desktop Entry]\nType=Application\nName=1sales E2E browser\nExec=%s %%u\nNoDisplay=true\n' \
		"$tmp/e2e-browser" >"$home/.local/share/applications/onesales-e2e-browser.desktop"
	printf '[Default Applications]\nx-scheme-handler/http=%s\nx-scheme-handler/https=%s\n' \
		onesales-e2e-browser.desktop onesales-e2e-browser.desktop >"$home/.config/mimeapps.list"
	: >"$3"
	log "e2e: starting bin/1sales-dev $1 (dev server http://127.0.0.1:$2, log ${3#"$ROOT/"})"
	# shellcheck disable=SC2016 # "$0" is for the inner sh
	env HOME="$home" \
		XDG_CONFIG_HOME="$home/.config" \
		XDG_DATA_HOME="$home/.local/share" \
		XDG_CACHE_HOME="$home/.cache" \
		XDG_RUNTIME_DIR="$runtime" \
		WEBKIT_DISABLE_DMABUF_RENDERER=1 \
		NO_AT_BRIDGE=1 \
		ONESALES_SERVER_URL="$BACKEND_URL" \
		SSL_CERT_FILE="$TEST_CA" \
		ONESALES_OPEN_COMMAND="$tmp/open-recorder" \
		ONESALES_TILE_URL="$TILE_URL" \
		XDG_DOWNLOAD_DIR="$home/Downloads" \
		devserver="127.0.0.1:$2" \
		assetdir="$ROOT/frontend/dist" \
		setsid dbus-run-session -- sh -c \
		'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null &&
		printf %s "$DBUS_SESSION_BUS_ADDRESS" >"$HOME/session-bus" && { dunst >"$HOME/dunst.log" 2>&1 & } && exec "$0"' \
		"$ROOT/bin/1sales-dev" </dev/null >>"$3" 2>&1 &
	dev_app_pid=$!
	on_exit "kill_pid $dev_app_pid 'desktop app $1'"
}

dev_port=
free_port dev_port
APP_URL="http://127.0.0.1:$dev_port"
start_dev_app home "$dev_port" "$RESULTS/e2e-desktop.log"
app_pid=$dev_app_pid
# The second desktop, for two users signed in at once (e2e/live.test.mjs); both start side by side.
dev_port_2=
free_port dev_port_2
APP_URL_2="http://127.0.0.1:$dev_port_2"
start_dev_app home-2 "$dev_port_2" "$RESULTS/e2e-desktop-2.log"
app_pid_2=$dev_app_pid

if ! wait_http "$APP_URL/" 120 "$app_pid"; then
	tail -n 40 "$RESULTS/e2e-desktop.log" >&2 || true
	die "the desktop app's dev server did not answer on $APP_URL"
fi
if ! wait_http "$APP_URL_2/" 120 "$app_pid_2"; then
	tail -n 40 "$RESULTS/e2e-desktop-2.log" >&2 || true
	die "the second desktop app's dev server did not answer on $APP_URL_2"
fi
log "e2e: dev servers answer on $APP_URL and $APP_URL_2"
for ((i = 0; i < 120; i++)); do
	[ "$(xdotool search --onlyvisible --name '.' 2>/dev/null | wc -l)" -ge 2 ] && break
	sleep 0.25
done
xdotool search --onlyvisible --name '.' >/dev/null 2>&1 || die "no window appeared on $DISPLAY"
log "e2e: windows: $(xdotool search --onlyvisible --name '.' getwindowname %@ 2>/dev/null | tr '\n' ' ')"

# --------------------------------------------------------------- tests ----
read -r -a tests <<<"${ONESALES_E2E_TESTS:-e2e/}"
log "e2e: node --test ${tests[*]}"
rc=0
(cd "$ROOT/frontend" &&
	E2E_APP_URL="$APP_URL" \
		E2E_APP_URL_2="$APP_URL_2" \
		E2E_OPENED_LOG="$OPENED_LOG" \
		E2E_SESSION_BUS_FILE="$tmp/home/session-bus" \
		E2E_DOWNLOAD_DIR="$tmp/home/Downloads" \
		E2E_SERVER_URL="$BACKEND_URL" \
		SSL_CERT_FILE="$TEST_CA" \
		E2E_MAILSINK_URL="$MAILSINK_URL" \
		E2E_OPERATOR_TOKEN="$ONESALES_OPERATOR_TOKEN" \
		E2E_BROWSER_LOG="$BROWSER_LOG" \
		E2E_SCREENSHOT_DIR="$SHOTS" \
		E2E_BASIC_ADMIN_EMAIL="$E2E_BASIC_ADMIN_EMAIL" \
		E2E_BASIC_PASSWORD="$E2E_BASIC_PASSWORD" \
		node --test --test-reporter=tap "${tests[@]}") | tee "$RESULTS/e2e-tests.tap" || rc=$?
# A run that found no test is a failure, not a pass.
ran="$(sed -n 's/^# tests \([0-9]*\)$/\1/p' "$RESULTS/e2e-tests.tap" | tail -n1)"
if [ "$rc" -eq 0 ] && [ "${ran:-0}" -eq 0 ]; then
	warn "node --test ran no test"
	rc=1
fi

kill -0 "$app_pid" 2>/dev/null || {
	tail -n 40 "$RESULTS/e2e-desktop.log" >&2 || true
	die "the desktop app died during the tests"
}
kill -0 "$app_pid_2" 2>/dev/null || {
	tail -n 40 "$RESULTS/e2e-desktop-2.log" >&2 || true
	die "the second desktop app died during the tests"
}
kill_pid "$app_pid" 'desktop app (dev)'
kill_pid "$app_pid_2" 'desktop app 2 (dev)'
[ "$rc" -eq 0 ] || die "end-to-end tests failed (exit $rc)"

# --------------------------------------------------------- real window ----
# The production build in a real window, driven with xdotool like a user: sign in by typing, then quit and start
# again: the refresh token in the real keyring (persisted in the window's own HOME) signs in silently. The
# window title names the signed-in user, which is what the checks read.
log "e2e: go build -tags desktop,production,webkit2_41 -o bin/1sales-e2e ."
(cd "$ROOT" && go build -tags desktop,production,webkit2_41 -o bin/1sales-e2e .)
whome="$tmp/window-home"
mkdir -p "$whome/.config" "$whome/.local/share" "$whome/.cache" "$tmp/window-runtime"
chmod 0700 "$tmp/window-runtime"
: >"$RESULTS/e2e-window.log"
window_pid=
start_window() {
	# shellcheck disable=SC2016 # "$0" is for the inner sh
	env HOME="$whome" \
		XDG_CONFIG_HOME="$whome/.config" \
		XDG_DATA_HOME="$whome/.local/share" \
		XDG_CACHE_HOME="$whome/.cache" \
		XDG_RUNTIME_DIR="$tmp/window-runtime" \
		WEBKIT_DISABLE_DMABUF_RENDERER=1 \
		NO_AT_BRIDGE=1 \
		ONESALES_SERVER_URL="$BACKEND_URL" \
		SSL_CERT_FILE="$TEST_CA" \
		ONESALES_TILE_URL="$TILE_URL" \
		setsid dbus-run-session -- sh -c \
		'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$0"' \
		"$ROOT/bin/1sales-e2e" </dev/null >>"$RESULTS/e2e-window.log" 2>&1 &
	window_pid=$!
	on_exit "kill_pid $window_pid 'desktop window'"
}
# wait_title REGEX SECONDS: a visible window whose title matches appears in time.
wait_title() {
	local i
	for ((i = 0; i < $2 * 4; i++)); do
		xdotool search --onlyvisible --name "$1" >/dev/null 2>&1 && return 0
		kill -0 "$window_pid" 2>/dev/null || return 1
		sleep 0.25
	done
	return 1
}
window_fail() {
	import -display "$DISPLAY" -window root "$SHOTS/desktop-window-failed.png" || true
	tail -n 40 "$RESULTS/e2e-window.log" >&2 || true
	die "$1"
}
admin_name="Claudia Becker"

log "e2e: real window: first start, sign in by typing"
start_window
wait_title '^1sales$' 60 || window_fail "the desktop window did not appear"
sleep 4 # let the WebKit view load the UI and ask for a saved session
win="$(xdotool search --onlyvisible --name '^1sales$' | head -n1)"
xdotool windowfocus --sync "$win" || true
# The server address is prefilled, so the cursor waits in the e-mail field.
xdotool type --delay 20 "claudia.becker@nordlicht.example"
xdotool key Tab
xdotool type --delay 20 "Demo1234!"
xdotool key Return
wait_title "$admin_name" 30 || window_fail "the window did not sign in (title still $(xdotool getwindowname "$win" 2>/dev/null))"
sleep 2
import -display "$DISPLAY" -window root "$SHOTS/desktop-window-signed-in.png"
log "e2e: real window signed in: $(xdotool search --onlyvisible --name "$admin_name" getwindowname | head -n1)"

log "e2e: real window: second start, silent sign-in from the keyring"
kill_pid "$window_pid" 'desktop window'
start_window
wait_title "$admin_name" 60 || window_fail "the second start did not sign in silently from the keyring"
sleep 2
import -display "$DISPLAY" -window root "$SHOTS/desktop-window.png"
log "e2e: screenshots test-results/screenshots/desktop-window-signed-in.png, desktop-window.png"
kill_pid "$window_pid" 'desktop window'

log "e2e: passed"
