#!/usr/bin/env bash
# `make lighthouse`: Lighthouse (mobile profile, Debian's Chromium) on the public home page and
# the agency directory of a server with demo data, then a summary: the performance,
# accessibility and SEO scores, the first paints, and the JavaScript the page downloaded
# (bytes on the wire, i.e. compressed). Not part of `make test`: timings on shared machines are
# noisy, so the figures are recorded by hand in docs/benchmarks.md, not asserted. Each page is
# measured LIGHTHOUSE_RUNS times (default 3) and the run with the median performance score is
# reported, as Lighthouse's documentation advises for variable machines.
#
# A fresh database intermart_lighthouse and bucket intermart-lighthouse, the built binary on
# 127.0.0.1:${INTERMART_LIGHTHOUSE_PORT:-18090}. Reports (JSON and HTML) go to .local/lighthouse/.
# Lighthouse itself comes from npm through npx (version below; 13.x needs Node.js 22).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LIGHTHOUSE_VERSION=12.8.2
LH_PORT=${INTERMART_LIGHTHOUSE_PORT:-18090}
LH_DB=intermart_lighthouse
LH_URL=http://127.0.0.1:$LH_PORT
OUT=$LOCAL_DIR/lighthouse
SERVER_LOG=$LOG_DIR/lighthouse-server.log
PAGES=("home:/" "directory:/directory")
RUNS=${LIGHTHOUSE_RUNS:-3}

ensure_debs chromium fonts-noto-cjk
port_busy "$LH_PORT" && die "port $LH_PORT is taken; set INTERMART_LIGHTHOUSE_PORT to a free port"
"$ROOT/scripts/services.sh" start
"$ROOT/scripts/build.sh" --if-needed

say "recreating database $LH_DB"
local_psql -q -c "DROP DATABASE IF EXISTS $LH_DB WITH (FORCE)" -c "CREATE DATABASE $LH_DB"
export_server_env
INTERMART_DATABASE_URL=$(pg_url "$LH_DB")
export INTERMART_DATABASE_URL
export INTERMART_S3_BUCKET=intermart-lighthouse
export INTERMART_ADDR=127.0.0.1:$LH_PORT
mkdir -p "$LOG_DIR" "$OUT"
"$BIN" migrate >&2
"$BIN" seed --demo >&2 # its list of demo sign-ins is not the summary

profile=""
cleanup() {
	stop_server
	[ -z "$profile" ] || rm -rf "$profile"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_server "$LH_URL" "$SERVER_LOG"

# Debian's Chromium as the browser tests run it (frontend/e2e/browser.mjs): headless, no sandbox
# as root, nothing that phones home (these machines reach loopback only), a fresh profile.
profile=$(mktemp -d /tmp/intermart-lighthouse-chromium.XXXXXX)
chrome_flags="--headless=new --disable-gpu --disable-quic --no-first-run --disable-background-networking"
chrome_flags+=" --disable-component-update --disable-sync --user-data-dir=$profile"
is_root && chrome_flags+=" --no-sandbox"

rm -f "$OUT"/*.report.json "$OUT"/*.report.html
for page in "${PAGES[@]}"; do
	name=${page%%:*}
	path=${page#*:}
	for run in $(seq 1 "$RUNS"); do
		say "Lighthouse $LIGHTHOUSE_VERSION, mobile profile: $LH_URL$path (run $run of $RUNS)"
		CHROME_PATH=/usr/bin/chromium npx --yes "lighthouse@$LIGHTHOUSE_VERSION" "$LH_URL$path" \
			--form-factor=mobile --only-categories=performance,accessibility,seo \
			--chrome-flags="$chrome_flags" --output=json --output=html \
			--output-path="$OUT/$name-$run" --quiet
	done
done

say "summary: the median run of each page (reports in $OUT/)"
node - "$OUT" "$RUNS" "${PAGES[@]}" <<'EOF'
const fs = require('node:fs');
const [out, runs, ...pages] = process.argv.slice(2);
const kb = (b) => (b / 1024).toFixed(0) + ' KB';
const s = (ms) => (ms / 1000).toFixed(1) + ' s';
console.log('| page | performance (runs) | accessibility | SEO | first contentful paint | largest contentful paint | total blocking time | JavaScript transferred |');
console.log('|---|---|---|---|---|---|---|---|');
const failing = [];
const about = { benchmark: [] };
for (const page of pages) {
  const [name, path] = [page.slice(0, page.indexOf(':')), page.slice(page.indexOf(':') + 1)];
  const all = [];
  for (let i = 1; i <= Number(runs); i++) all.push(JSON.parse(fs.readFileSync(`${out}/${name}-${i}.report.json`, 'utf8')));
  all.sort((x, y) => x.categories.performance.score - y.categories.performance.score);
  const r = all[Math.floor((all.length - 1) / 2)];
  const performance = all.map((x) => Math.round(x.categories.performance.score * 100));
  const score = (c) => Math.round(r.categories[c].score * 100);
  about.version = r.lighthouseVersion;
  about.browser = r.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0] ?? r.environment.hostUserAgent;
  about.benchmark.push(Math.round(r.environment.benchmarkIndex));
  const a = r.audits;
  const scripts = (a['network-requests'].details?.items ?? []).filter((i) => i.resourceType === 'Script');
  const js = scripts.reduce((sum, i) => sum + (i.transferSize ?? 0), 0);
  console.log(`| \`${path}\` | ${score('performance')} (${performance.join(', ')}) | ${score('accessibility')} | ${score('seo')} | ` +
    `${s(a['first-contentful-paint'].numericValue)} | ${s(a['largest-contentful-paint'].numericValue)} | ` +
    `${Math.round(a['total-blocking-time'].numericValue)} ms | ${kb(js)} in ${scripts.length} files |`);
  for (const c of ['accessibility', 'seo']) {
    for (const ref of r.categories[c].auditRefs) {
      const audit = a[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) failing.push(`${path}: ${c}: ${ref.id} (${audit.title})`);
    }
  }
}
console.log(`\nLighthouse ${about.version}, ${about.browser}; CPU benchmark index of the median runs ` +
  `${about.benchmark.join(', ')}; load average ${require('node:os').loadavg()[0].toFixed(1)}`);
if (failing.length) console.log('\nfailing audits:\n  ' + failing.join('\n  '));
EOF
