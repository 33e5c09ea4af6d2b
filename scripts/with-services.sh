#!/usr/bin/env bash
# scripts/with-services.sh CMD...: start the local services and run CMD with
# the server's and the tests' INTERMART_* variables pointing at them, e.g.
#   scripts/with-services.sh go test ./internal/procurement/...
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ $# -gt 0 ] || die "usage: $0 COMMAND [ARGS...]"
"$ROOT/scripts/services.sh" start
export_server_env
export_test_env
cd "$ROOT"
exec "$@"
