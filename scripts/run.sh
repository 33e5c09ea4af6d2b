#!/usr/bin/env bash
# `make run`: local services, a build, migrations and demo data, then the
# server in the foreground on 127.0.0.1:${INTERMART_HTTP_PORT:-8080}.
# Ctrl-C stops the server gracefully; the services keep running (`make stop`).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

port_busy "$HTTP_PORT" && die "port $HTTP_PORT is taken; stop what uses it or set INTERMART_HTTP_PORT"
"$ROOT/scripts/services.sh" start
"$ROOT/scripts/build.sh" --if-needed
export_server_env
# A local marketplace is for trying things out: the training clock is on.
export INTERMART_ADJUSTABLE_CLOCK=${INTERMART_ADJUSTABLE_CLOCK:-true}
say "applying migrations"
"$BIN" migrate
say "loading demo data"
"$BIN" seed --demo
say "serving http://$INTERMART_ADDR/ (Ctrl-C to stop)"
exec "$BIN" serve
