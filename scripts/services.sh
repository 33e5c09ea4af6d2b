#!/usr/bin/env bash
# Local PostgreSQL and MinIO for development and tests, without Docker.
#
#   scripts/services.sh start        install what is missing, start both, wait until they answer
#   scripts/services.sh stop         stop both cleanly
#   scripts/services.sh status       say what runs where (exit 0 only when both run)
#   scripts/services.sh env [test]   print `export` lines for the server (and, with `test`, for go test)
#
# Ports: INTERMART_PG_PORT (55432), INTERMART_MINIO_PORT (59000; console on the next port).
# Data:  PostgreSQL in .local/pg, or, when run as root, in /var/tmp/intermart-<hash of this
#        checkout's path>/pg, because PostgreSQL runs as the `postgres` user and that user
#        cannot enter a checkout under /root. MinIO in .local/minio. Logs in .local/log/.
# See docs/operations.md.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MINIO_DATA=$LOCAL_DIR/minio
MINIO_PID_FILE=$LOCAL_DIR/minio.pid
MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c

if is_root; then
	PG_HOME=/var/tmp/intermart-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)
else
	PG_HOME=$LOCAL_DIR
fi
PGDATA=$PG_HOME/pg

# as_pg CMD...: run a PostgreSQL server command as the user that owns the
# cluster (from /, which that user can always enter; every path here is absolute).
as_pg() {
	if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# ---------------------------------------------------------------- PostgreSQL

# pg_bin: the bin directory of the newest installed PostgreSQL, installing
# Debian's package when there is none. An existing cluster pins its version.
pg_bin() {
	local want="" dir
	if as_pg test -f "$PGDATA/PG_VERSION" 2>/dev/null; then
		want=$(as_pg cat "$PGDATA/PG_VERSION")
		dir=/usr/lib/postgresql/$want/bin
		[ -x "$dir/pg_ctl" ] || die "the cluster in $PGDATA was made by PostgreSQL $want, which is not installed; reset it (see docs/operations.md)"
		echo "$dir"
		return
	fi
	dir=$(find_pg_bin)
	if [ -z "$dir" ]; then
		apt_install postgresql
		dir=$(find_pg_bin)
		[ -n "$dir" ] || die "PostgreSQL is still missing after installing the postgresql package"
	fi
	echo "$dir"
}

pg_prepare_home() {
	if is_root; then
		getent passwd postgres >/dev/null || die "there is no postgres user (the postgresql package creates it)"
		mkdir -p "$PG_HOME"
		chown postgres:postgres "$PG_HOME"
		chmod 0700 "$PG_HOME"
		as_pg test -w "$PG_HOME" || die "the postgres user cannot write to $PG_HOME"
	else
		mkdir -p "$PG_HOME"
	fi
}

pg_running() { as_pg "$PGBIN/pg_ctl" status -D "$PGDATA" >/dev/null 2>&1; }

pg_running_port() { as_pg sed -n 4p "$PGDATA/postmaster.pid" 2>/dev/null || true; }

pg_init() {
	say "initialising a PostgreSQL cluster in $PGDATA"
	local pwfile=$PG_HOME/.pwfile
	printf '%s\n' "$PG_PASSWORD" >"$pwfile"
	if is_root; then chown postgres:postgres "$pwfile"; fi
	chmod 0600 "$pwfile"
	as_pg "$PGBIN/initdb" -D "$PGDATA" -U "$PG_USER" --pwfile="$pwfile" \
		--auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >>"$LOG_DIR/initdb.log" 2>&1 ||
		{ rm -f "$pwfile"; tail -n 20 "$LOG_DIR/initdb.log" >&2; die "initdb failed (log: $LOG_DIR/initdb.log)"; }
	rm -f "$pwfile"
	# A disposable development cluster: TCP on loopback only (no Unix socket, so
	# no path-length or /run permission trouble), room for parallel tests, and
	# durability traded for speed. Never point this at data you care about.
	as_pg tee -a "$PGDATA/postgresql.conf" >/dev/null <<-'CONF'

		# --- intermart local development settings (scripts/services.sh) ---
		listen_addresses = '127.0.0.1'
		unix_socket_directories = ''
		max_connections = 200
		fsync = off
		synchronous_commit = off
		full_page_writes = off
	CONF
}

pg_start() {
	PGBIN=$(pg_bin)
	pg_prepare_home
	if pg_running; then
		local port
		port=$(pg_running_port)
		[ "$port" = "$PG_PORT" ] ||
			die "PostgreSQL for this checkout already runs on port $port, not $PG_PORT; run 'scripts/services.sh stop' first"
		say "PostgreSQL already running on 127.0.0.1:$PG_PORT (reusing it)"
	else
		port_busy "$PG_PORT" && die "port $PG_PORT is taken by another process; set INTERMART_PG_PORT to a free port"
		as_pg test -f "$PGDATA/PG_VERSION" || pg_init
		say "starting PostgreSQL on 127.0.0.1:$PG_PORT (log: $LOG_DIR/postgres.log)"
		# The server's output goes to a log we open here, so the postgres user
		# needs no access to the checkout. pg_ctl detaches the server into its
		# own session, so Ctrl-C in a terminal does not reach it.
		as_pg "$PGBIN/pg_ctl" start -D "$PGDATA" -w -t 60 -o "-p $PG_PORT" \
			</dev/null >>"$LOG_DIR/postgres.log" 2>&1 ||
			{ tail -n 30 "$LOG_DIR/postgres.log" >&2; die "PostgreSQL did not start"; }
	fi
	local i
	for i in $(seq 1 60); do
		"$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
		[ "$i" -lt 60 ] || die "PostgreSQL does not answer on 127.0.0.1:$PG_PORT"
		sleep 1
	done
	local exists
	exists=$(PGPASSWORD=$PG_PASSWORD "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres \
		-XtAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")
	if [ "$exists" != 1 ]; then
		say "creating database $PG_DB"
		PGPASSWORD=$PG_PASSWORD "$PGBIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$PG_DB"
	fi
}

pg_stop() {
	PGBIN=$(find_pg_bin)
	if [ -z "$PGBIN" ] || ! as_pg test -d "$PGDATA" 2>/dev/null; then
		say "PostgreSQL: no cluster for this checkout"
		return
	fi
	PGBIN=$(pg_bin)
	if pg_running; then
		say "stopping PostgreSQL"
		as_pg "$PGBIN/pg_ctl" stop -D "$PGDATA" -m fast -w -t 60 >/dev/null
	else
		say "PostgreSQL is not running"
	fi
}

pg_status() {
	PGBIN=$(find_pg_bin)
	if [ -n "$PGBIN" ] && as_pg test -f "$PGDATA/PG_VERSION" 2>/dev/null; then
		PGBIN=$(pg_bin)
		if pg_running; then
			echo "postgres: running on 127.0.0.1:$(pg_running_port), data $PGDATA"
			return 0
		fi
		echo "postgres: stopped, data $PGDATA"
	else
		echo "postgres: no cluster yet (would be $PGDATA)"
	fi
	return 1
}

# --------------------------------------------------------------------- MinIO

# minio_bin: a runnable MinIO server, built from the Go module proxy when
# there is none yet (2-3 minutes the first time).
minio_bin() {
	local gopath candidate
	command -v go >/dev/null || die "Go is needed to build MinIO (go install github.com/minio/minio@$MINIO_VERSION)"
	gopath=$(go env GOPATH)
	for candidate in "$(go env GOBIN)/minio" "${gopath%%:*}/bin/minio" "$(command -v minio || true)"; do
		if [ -n "$candidate" ] && [ "$candidate" != /minio ] && [ -x "$candidate" ] && "$candidate" --version >/dev/null 2>&1; then
			echo "$candidate"
			return
		fi
	done
	say "building MinIO with go install (takes a few minutes the first time)"
	(cd / && GOFLAGS='' go install "github.com/minio/minio@$MINIO_VERSION") >&2
	for candidate in "$(go env GOBIN)/minio" "${gopath%%:*}/bin/minio"; do
		if [ "$candidate" != /minio ] && [ -x "$candidate" ]; then
			echo "$candidate"
			return
		fi
	done
	die "go install of MinIO finished but no minio binary was found"
}

# minio_pid: the pid of this checkout's MinIO server, when it runs.
minio_pid() {
	local pid
	[ -f "$MINIO_PID_FILE" ] || return 1
	pid=$(cat "$MINIO_PID_FILE")
	[ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "minio server .*$MINIO_DATA" || return 1
	echo "$pid"
}

minio_ready() { curl -fsS -o /dev/null "http://127.0.0.1:$1/minio/health/ready" 2>/dev/null; }

minio_start() {
	ensure_debs curl
	local pid
	if pid=$(minio_pid); then
		tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "--address 127.0.0.1:$MINIO_PORT " ||
			die "MinIO for this checkout already runs (pid $pid) on another port; run 'scripts/services.sh stop' first"
		say "MinIO already running on 127.0.0.1:$MINIO_PORT (pid $pid, reusing it)"
	else
		port_busy "$MINIO_PORT" && die "port $MINIO_PORT is taken by another process; set INTERMART_MINIO_PORT to a free port"
		port_busy "$MINIO_CONSOLE_PORT" && die "port $MINIO_CONSOLE_PORT (MinIO console) is taken by another process; set INTERMART_MINIO_PORT to a free port"
		local bin
		bin=$(minio_bin)
		mkdir -p "$MINIO_DATA"
		say "starting MinIO on 127.0.0.1:$MINIO_PORT, console on :$MINIO_CONSOLE_PORT (log: $LOG_DIR/minio.log)"
		# setsid: its own session, so Ctrl-C on `make run` leaves it running;
		# every standard stream redirected, so it holds no caller's pipe open.
		MINIO_ROOT_USER=$MINIO_USER MINIO_ROOT_PASSWORD=$MINIO_PASSWORD MINIO_UPDATE=off \
			setsid "$bin" server --address "127.0.0.1:$MINIO_PORT" \
			--console-address "127.0.0.1:$MINIO_CONSOLE_PORT" "$MINIO_DATA" \
			</dev/null >>"$LOG_DIR/minio.log" 2>&1 &
		pid=$!
		echo "$pid" >"$MINIO_PID_FILE"
	fi
	local i
	for i in $(seq 1 120); do
		minio_ready "$MINIO_PORT" && return 0
		if ! kill -0 "$pid" 2>/dev/null; then
			tail -n 30 "$LOG_DIR/minio.log" >&2
			rm -f "$MINIO_PID_FILE"
			die "MinIO exited during start-up"
		fi
		sleep 0.5
	done
	die "MinIO does not answer on 127.0.0.1:$MINIO_PORT (log: $LOG_DIR/minio.log)"
}

minio_stop() {
	local pid i
	if ! pid=$(minio_pid); then
		say "MinIO is not running"
		rm -f "$MINIO_PID_FILE"
		return
	fi
	say "stopping MinIO (pid $pid)"
	kill -TERM "$pid"
	for i in $(seq 1 60); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	if kill -0 "$pid" 2>/dev/null; then
		say "MinIO did not stop in 30 s; killing it"
		kill -KILL "$pid" 2>/dev/null || true
	fi
	rm -f "$MINIO_PID_FILE"
}

minio_status() {
	local pid
	if pid=$(minio_pid); then
		echo "minio: running (pid $pid) on 127.0.0.1:$MINIO_PORT, console :$MINIO_CONSOLE_PORT, data $MINIO_DATA"
		return 0
	fi
	echo "minio: stopped, data $MINIO_DATA"
	return 1
}

# ---------------------------------------------------------------------- main

print_env() {
	local name
	export_server_env
	for name in INTERMART_ADDR INTERMART_DATABASE_URL INTERMART_S3_ENDPOINT INTERMART_S3_ACCESS_KEY INTERMART_S3_SECRET_KEY INTERMART_SEAL_KEY; do
		printf "export %s='%s'\n" "$name" "${!name}"
	done
	if [ "${1:-}" = test ]; then
		export_test_env
		for name in INTERMART_TEST_DATABASE_URL INTERMART_TEST_S3_ENDPOINT INTERMART_TEST_S3_ACCESS_KEY \
			INTERMART_TEST_S3_SECRET_KEY INTERMART_TEST_REQUIRE; do
			printf "export %s='%s'\n" "$name" "${!name}"
		done
	fi
}

usage() {
	echo "usage: $0 start|stop|status|env [test]" >&2
	exit 2
}

mkdir -p "$LOG_DIR"
case "${1:-}" in
start)
	pg_start
	minio_start
	say "services ready: PostgreSQL 127.0.0.1:$PG_PORT, MinIO 127.0.0.1:$MINIO_PORT"
	;;
stop)
	minio_stop
	pg_stop
	;;
status)
	rc=0
	pg_status || rc=3
	minio_status || rc=3
	exit "$rc"
	;;
env) print_env "${2:-}" ;;
*) usage ;;
esac
