#!/usr/bin/env bash
# The frontend's API types, generated from the server's OpenAPI document.
#
#   scripts/api-types.sh          regenerate frontend/openapi.json and frontend/src/api/schema.d.ts
#   scripts/api-types.sh --check  fail when the committed ones differ from what the server says
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SPEC=$FRONTEND/openapi.json
TYPES=$FRONTEND/src/api/schema.d.ts

frontend_deps
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

say "generating the OpenAPI document (go run ./cmd/intermart openapi)"
(cd "$ROOT" && go run ./cmd/intermart openapi) >"$tmp/openapi.json"
[ -s "$tmp/openapi.json" ] || die "'intermart openapi' printed nothing"
(cd "$FRONTEND" && npm exec --no -- openapi-typescript "$tmp/openapi.json" -o "$tmp/schema.d.ts")

if [ "${1:-}" = --check ]; then
	stale=0
	for pair in "$SPEC:$tmp/openapi.json" "$TYPES:$tmp/schema.d.ts"; do
		committed=${pair%%:*} fresh=${pair#*:}
		if ! cmp -s "$committed" "$fresh"; then
			stale=1
			echo "--- ${committed#"$ROOT"/} differs from what the server generates:" >&2
			diff -u "$committed" "$fresh" 2>&1 | head -n 40 >&2 || true
		fi
	done
	[ "$stale" -eq 0 ] || die "API types are stale: run make api-types"
	say "API types are up to date"
else
	mkdir -p "$(dirname "$TYPES")"
	cp "$tmp/openapi.json" "$SPEC"
	cp "$tmp/schema.d.ts" "$TYPES"
	say "wrote ${SPEC#"$ROOT"/} and ${TYPES#"$ROOT"/}"
fi
