#!/usr/bin/env bash
# Browser tests against the real server: a fresh database intermart_e2e (or
# INTERMART_E2E_DB), the bucket intermart-e2e (or INTERMART_E2E_BUCKET), demo
# data, the built binary on 127.0.0.1:18080 (INTERMART_E2E_PORT), then `npm
# run e2e` in frontend/ (Playwright driving Debian's Chromium), or only the
# test files named as arguments (e.g. e2e/rating.test.mjs). The server is
# stopped however the tests end.
# Expects the services to run and .local/bin/intermart to be built (make test does both).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

E2E_PORT=${INTERMART_E2E_PORT:-18080}
E2E_DB=${INTERMART_E2E_DB:-intermart_e2e}
E2E_URL=http://127.0.0.1:$E2E_PORT
SERVER_LOG=$LOG_DIR/e2e-server.log

[ -x "$BIN" ] || die "$BIN is missing: run make build"
[ -n "$(find "$FRONTEND/e2e" -type f ! -path '*/screenshots/*' 2>/dev/null | head -n 1)" ] ||
	die "no browser tests: frontend/e2e has none for npm run e2e to run"
ensure_debs chromium fonts-noto-cjk
port_busy "$E2E_PORT" && die "port $E2E_PORT is taken; set INTERMART_E2E_PORT to a free port"

say "recreating database $E2E_DB"
local_psql -q -c "DROP DATABASE IF EXISTS $E2E_DB WITH (FORCE)" -c "CREATE DATABASE $E2E_DB"

export_server_env
INTERMART_DATABASE_URL=$(pg_url "$E2E_DB")
export INTERMART_DATABASE_URL
export INTERMART_S3_BUCKET=${INTERMART_E2E_BUCKET:-intermart-e2e}
export INTERMART_ADDR=127.0.0.1:$E2E_PORT
# Browser tests may move the marketplace clock forward (training clock).
export INTERMART_ADJUSTABLE_CLOCK=true

mkdir -p "$LOG_DIR"
"$BIN" migrate
"$BIN" seed --demo

trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_server "$E2E_URL" "$SERVER_LOG"

say "running the browser tests (npm run e2e)"
run_tests() {
	if [ $# -gt 0 ]; then
		node --test --test-concurrency=1 "$@"
	else
		npm run e2e
	fi
}
if ! (cd "$FRONTEND" && INTERMART_E2E_URL=$E2E_URL run_tests "$@"); then
	echo "--- last lines of the server log ($SERVER_LOG):" >&2
	tail -n 40 "$SERVER_LOG" >&2
	die "browser tests failed"
fi
