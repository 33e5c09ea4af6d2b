#!/usr/bin/env bash
# Builds the frontend and the Go binary (.local/bin/intermart), which embeds it.
#
#   scripts/build.sh              always rebuild the frontend
#   scripts/build.sh --if-needed  rebuild it only when a source is newer than frontend/dist
#
# `npm ci` runs only when node_modules does not match package-lock.json.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

frontend_deps
if [ "${1:-}" = --if-needed ] && frontend_built; then
	say "frontend/dist is up to date"
else
	frontend_build
fi
go_build
