#!/usr/bin/env bash
# `make test`, which CI runs: every check, stopping at the first failure with
# a non-zero exit. Needs no Docker; starts the local services itself.
#
#   GO_TEST_FLAGS   extra flags for go test (default -count=1 -timeout=40m: the
#                   tests talk to live services, so cached results would prove
#                   nothing; and a loaded machine can take the app package past
#                   go test's default 10 minutes without anything being wrong)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

GO_TEST_FLAGS=${GO_TEST_FLAGS:--count=1 -timeout=40m}
cd "$ROOT"

started=$SECONDS
step_started=$SECONDS
current=""
step() {
	[ "$step_started" -eq "$SECONDS" ] || say "  (previous step took $((SECONDS - step_started)) s)"
	step_started=$SECONDS
	current=$1
	printf '\n' >&2
	say "[$1] $2"
}
# shellcheck disable=SC2154 # rc is assigned inside the trap
trap 'rc=$?; [ "$rc" -eq 0 ] || say "make test FAILED in step [$current] (exit $rc, after $((SECONDS - started)) s)"' EXIT

step services "PostgreSQL and MinIO"
scripts/services.sh start

step frontend-deps "npm ci"
frontend_deps

step vet "gofmt and go vet ./..."
unformatted=$(gofmt -l cmd internal migrations policies frontend/embed.go)
if [ -n "$unformatted" ]; then
	say "not gofmt-formatted: $unformatted"
	exit 1
fi
go vet ./...

step api-types "the committed API types match the server's OpenAPI document"
scripts/api-types.sh --check

step openapi-lint "Redocly CLI's recommended rules on the OpenAPI document: no errors"
# Warnings that stay, and why, are in docs/decisions.md ("The API describes itself").
(cd frontend && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
	npm exec --no -- redocly lint openapi.json --config redocly.yaml --format=stylish)

step typecheck "npm run typecheck and format:check"
(cd frontend && npm run typecheck && npm run format:check)

step vitest "npm test"
(cd frontend && CI=true npm test)

step frontend-build "npm run build"
frontend_build

step go-build "go build ./cmd/intermart"
go_build

step go-test "go test $GO_TEST_FLAGS ./..."
export_test_env
# shellcheck disable=SC2086 # GO_TEST_FLAGS is a list of flags
go test $GO_TEST_FLAGS ./...

step compose "compose.yaml"
scripts/compose-check.sh

step e2e "browser tests"
scripts/e2e.sh

step summary "all checks passed"
say "make test: all checks passed in $((SECONDS - started)) s"
