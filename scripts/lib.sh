# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables here are used by the scripts that source this
# Shared helpers for the scripts in this folder. Source it; do not run it.
#
# Everything the scripts derive from the environment lives here, so the ports,
# the data locations and the variables handed to the server and to the tests
# cannot drift apart between `make run`, `make test` and `make bench`.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
LOCAL_DIR=$ROOT/.local
LOG_DIR=$LOCAL_DIR/log
BIN=$LOCAL_DIR/bin/intermart

PG_PORT=${INTERMART_PG_PORT:-55432}
MINIO_PORT=${INTERMART_MINIO_PORT:-59000}
MINIO_CONSOLE_PORT=$((MINIO_PORT + 1))
HTTP_PORT=${INTERMART_HTTP_PORT:-8080}

PG_USER=intermart
PG_PASSWORD=intermart
PG_DB=intermart
MINIO_USER=intermart
MINIO_PASSWORD=intermart-secret

# pg_url DB: the superuser's URL for one database of the local cluster.
pg_url() { printf 'postgres://%s:%s@127.0.0.1:%s/%s?sslmode=disable' "$PG_USER" "$PG_PASSWORD" "$PG_PORT" "$1"; }

say() {
	if [ -t 2 ]; then printf '\033[1m==> %s\033[0m\n' "$*" >&2; else printf '==> %s\n' "$*" >&2; fi
}
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# as_root CMD...: run a command as root, through sudo when we are not root.
as_root() {
	if is_root; then "$@"; else sudo "$@"; fi
}

# apt_install PKG...: install Debian packages, refreshing the package lists
# only when a first attempt fails (they are usually fresh enough).
apt_install() {
	say "installing $* (Debian packages)"
	# Output goes to stderr: callers may be capturing stdout.
	if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >&2; then
		as_root apt-get update >&2
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >&2
	fi
}

# ensure_debs PKG...: install whichever of the packages is missing.
ensure_debs() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

# port_busy PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# export_server_env: the variables `intermart serve|migrate|seed` reads,
# pointing at the local services (names from internal/config/config.go).
export_server_env() {
	export INTERMART_ADDR="127.0.0.1:$HTTP_PORT"
	INTERMART_DATABASE_URL=$(pg_url "$PG_DB")
	export INTERMART_DATABASE_URL
	export INTERMART_S3_ENDPOINT="127.0.0.1:$MINIO_PORT"
	export INTERMART_S3_ACCESS_KEY=$MINIO_USER
	export INTERMART_S3_SECRET_KEY=$MINIO_PASSWORD
	INTERMART_SEAL_KEY=$(local_seal_key)
	export INTERMART_SEAL_KEY
}

# local_seal_key: the master key sealing quotes on this checkout, generated
# once into .local/seal.key (32 random bytes, base64) and reused, so quotes
# sealed by an earlier `make run` still open. Never used beyond this machine.
local_seal_key() {
	local f=$LOCAL_DIR/seal.key
	if [ ! -s "$f" ]; then
		mkdir -p "$LOCAL_DIR"
		(umask 077 && head -c 32 /dev/urandom | base64 >"$f.tmp" && mv "$f.tmp" "$f")
		say "generated a local seal key in $f"
	fi
	cat "$f"
}

# export_test_env: the variables the Go tests read. The database URL is the
# superuser's, on the maintenance database: tests create their own databases.
export_test_env() {
	INTERMART_TEST_DATABASE_URL=$(pg_url postgres)
	export INTERMART_TEST_DATABASE_URL
	export INTERMART_TEST_S3_ENDPOINT="127.0.0.1:$MINIO_PORT"
	export INTERMART_TEST_S3_ACCESS_KEY=$MINIO_USER
	export INTERMART_TEST_S3_SECRET_KEY=$MINIO_PASSWORD
	export INTERMART_TEST_REQUIRE=1
}

# find_pg_bin: the bin directory of the newest installed PostgreSQL, or nothing.
find_pg_bin() {
	local d
	# shellcheck disable=SC2012 # version directories are plain numbers
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1) || true
	if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; fi
}

# local_psql ARGS...: psql as the superuser of the local cluster, on its
# maintenance database unless ARGS say otherwise.
local_psql() {
	local bin
	bin=$(find_pg_bin)
	[ -n "$bin" ] || die "PostgreSQL is not installed; run scripts/services.sh start"
	PGPASSWORD=$PG_PASSWORD PGOPTIONS='-c client_min_messages=warning' "$bin/psql" -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres "$@"
}

# ------------------------------------------------------------------ frontend

FRONTEND=$ROOT/frontend

# frontend_deps: `npm ci`, skipped while node_modules still matches
# package-lock.json (and the Node.js version) it was installed from.
frontend_deps() {
	[ -f "$FRONTEND/package-lock.json" ] || die "frontend/package-lock.json is missing"
	local stamp=$FRONTEND/node_modules/.intermart-installed want
	want="$(sha256sum <"$FRONTEND/package-lock.json" | cut -d' ' -f1) node $(node --version)"
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
		say "frontend dependencies are up to date with package-lock.json"
		return
	fi
	say "installing frontend dependencies (npm ci)"
	(cd "$FRONTEND" && npm ci --no-audit --no-fund)
	printf '%s\n' "$want" >"$stamp"
}

# frontend_built: true when frontend/dist holds a build newer than every
# source file of the frontend. (A fresh clone has only dist/.keep, committed
# so that the Go embed compiles before the first build.)
frontend_built() {
	[ -f "$FRONTEND/dist/index.html" ] || return 1
	[ -z "$(cd "$FRONTEND" && find . \( -path ./node_modules -o -path ./dist -o -path ./e2e/screenshots \) -prune \
		-o -type f ! -name '*.tsbuildinfo' -newer dist/index.html -print -quit)" ]
}

frontend_build() {
	say "building the frontend (npm run build)"
	(cd "$FRONTEND" && npm run build)
}

go_build() {
	say "building $BIN"
	mkdir -p "$(dirname "$BIN")"
	(cd "$ROOT" && go build -o "$BIN" ./cmd/intermart)
}

# ------------------------------------------------------------ a demo server

# start_server URL LOG: runs `intermart serve` (configured by the caller's
# INTERMART_* variables) in the background, logging to LOG, and waits until
# URL/readyz answers. SERVER_PID holds its process; stop it with stop_server.
SERVER_PID=""
start_server() {
	local url=$1 log=$2 i
	say "starting the server on $url (log: $log)"
	"$BIN" serve </dev/null >"$log" 2>&1 &
	SERVER_PID=$!
	for i in $(seq 1 120); do
		curl -fsS -o /dev/null "$url/readyz" 2>/dev/null && return 0
		if ! kill -0 "$SERVER_PID" 2>/dev/null || [ "$i" -eq 120 ]; then
			tail -n 40 "$log" >&2
			die "the server did not become ready on $url/readyz"
		fi
		sleep 0.5
	done
}

# stop_server: lets the server started by start_server finish its requests
# (SIGINT), killing it after 10 s.
stop_server() {
	[ -n "$SERVER_PID" ] || return 0
	if kill -0 "$SERVER_PID" 2>/dev/null; then
		kill -INT "$SERVER_PID" 2>/dev/null || true
		for _ in $(seq 1 40); do
			kill -0 "$SERVER_PID" 2>/dev/null || break
			sleep 0.25
		done
		kill -KILL "$SERVER_PID" 2>/dev/null || true
	fi
	wait "$SERVER_PID" 2>/dev/null || true
	SERVER_PID=""
}
