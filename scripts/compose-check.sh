#!/usr/bin/env bash
# Checks compose.yaml without a Docker engine: docker-compose must accept it,
# and every INTERMART_* variable in it (and in the Dockerfile) must be one the
# server reads, as listed by `intermart serve --help` (from internal/config).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cd "$ROOT"
command -v docker-compose >/dev/null || ensure_debs docker-compose
say "validating compose.yaml (docker-compose config -q)"
# compose.yaml takes its passwords and seal key from the environment; any will do here.
POSTGRES_PASSWORD=${POSTGRES_PASSWORD:-compose-check} MINIO_ROOT_PASSWORD=${MINIO_ROOT_PASSWORD:-compose-check} \
	INTERMART_SEAL_KEY=${INTERMART_SEAL_KEY:-compose-check} docker-compose -f compose.yaml config -q

go_build # cheap when nothing changed, and never a stale list
help=$("$BIN" serve --help 2>&1) || true
known=$(printf '%s\n' "$help" | sed -nE 's/^[[:space:]]*(INTERMART_[A-Z0-9_]+).*/\1/p' | sort -u)
[ -n "$known" ] || die "'intermart serve --help' lists no INTERMART_* variables; it printed:
$help"
used=$(grep -ohE 'INTERMART_[A-Z0-9_]+' compose.yaml Dockerfile | sort -u)
unknown=$(comm -23 <(printf '%s\n' "$used") <(printf '%s\n' "$known"))
[ -z "$unknown" ] || die "compose.yaml or Dockerfile set variables the server does not read:
$unknown
(the server reads: $(tr '\n' ' ' <<<"$known"))"
say "compose.yaml and Dockerfile use only variables the server reads"
unset_vars=$(comm -13 <(printf '%s\n' "$used") <(printf '%s\n' "$known"))
[ -z "$unset_vars" ] || say "left to their defaults there: $(tr '\n' ' ' <<<"$unset_vars")"
