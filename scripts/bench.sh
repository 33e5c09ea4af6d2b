#!/usr/bin/env bash
# `make bench`: the Go benchmarks against the local services, one package at
# a time so they do not disturb each other. Among them, the directory's first
# page beside pgbench running the same SQL prints its ratio
# (docs/benchmarks.md). Extra arguments go to `go test`, e.g.
#   scripts/bench.sh -bench Directory ./internal/app
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# pgbench_path: Debian ships pgbench with PostgreSQL's server package.
pgbench_path() {
	local bin
	bin=$(find_pg_bin)
	if [ -n "$bin" ] && [ -x "$bin/pgbench" ]; then
		echo "$bin/pgbench"
	elif command -v pgbench >/dev/null; then
		command -v pgbench
	fi
}

"$ROOT/scripts/services.sh" start
INTERMART_PGBENCH=$(pgbench_path)
if [ -z "$INTERMART_PGBENCH" ]; then
	ensure_debs postgresql-contrib
	INTERMART_PGBENCH=$(pgbench_path)
	[ -n "$INTERMART_PGBENCH" ] || die "pgbench is still missing after installing postgresql-contrib"
fi
export INTERMART_PGBENCH
export_server_env
export_test_env
cd "$ROOT"
if [ $# -eq 0 ]; then
	set -- -bench . ./...
fi
say "running the benchmarks (go test -run '^\$' -p 1 -timeout 0 $*)"
exec go test -run '^$' -p 1 -timeout 0 "$@"
