#!/usr/bin/env bash
# Measures vendex against its peers on the real captures in
# testdata/scan/real (issue 12): how many of the captures' distinct
# third-party hosts each attributes, and how many of their cookie names each
# knows, then lists what a peer knows and vendex does not.
#
#   vendex          the embedded catalogue only (a fresh database): a host is
#                   attributed when `vendex lookup` names a vendor, a cookie
#                   name known when `vendex cookie` does
#   third-party-web the npm package's getEntity(host)           (MIT)
#   Ghostery        @ghostery/trackerdb's matchDomain(host)     (CC BY-NC-SA:
#                   used here to measure and to check, never shipped)
#   OCD             the Open Cookie Database in ../shared/datasets: an exact
#                   name, or one starting with a name it marks as a wildcard
#
# Which hosts and names are measured is decided once, in Go, by
# TestRealCapturesAgainstThePeers (store/audit/peers_test.go), which writes
# them here with vendex's and the OCD's answers: a host is third-party when
# it is neither the capture's page host nor under the page host's
# registrable domain (Public Suffix List); for a storageState or a cookie
# jar, which name no page, the page is the domain holding the most cookies,
# as `vendex scan` takes it. A sister domain of the site (nyt.com on
# www.nytimes.com) is third-party here. Cookie names are every cookie's,
# first- and third-party, each name once.
#
# Needs node and npm (the two packages are installed into a temp folder).
# Usage: .ci/compare-peers.sh [-v]   (-v: list every host and name)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v npm >/dev/null || { echo "needs node and npm" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent third-party-web @ghostery/trackerdb >/dev/null)
echo "third-party-web $(node -p "require('$work/node_modules/third-party-web/package.json').version"), @ghostery/trackerdb $(node -p "require('$work/node_modules/@ghostery/trackerdb/package.json').version"), vendex $(git rev-parse --short HEAD)$(git diff --quiet || echo +changes); load $(cut -d' ' -f1-3 /proc/loadavg)"
go test ./store/audit -run '^TestRealCapturesAgainstThePeers$' -count=1 -args -peers.lists="$work" >"$work/test.out" 2>&1 || { cat "$work/test.out"; echo "(the floors failed; the table is still printed)"; }
[ -s "$work/hosts.tsv" ] || { cat "$work/test.out" >&2; exit 1; }
cat > "$work/peers.mjs" <<'JS'
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const [work, verbose] = process.argv.slice(2);
const require = createRequire(work + '/');
const { getEntity } = require('third-party-web');
const { default: loadTrackerDB } = await import(work + '/node_modules/@ghostery/trackerdb/dist/mjs/index.js');
const db = await loadTrackerDB(readFileSync(work + '/node_modules/@ghostery/trackerdb/dist/trackerdb.engine'));
const rows = (f) => readFileSync(work + '/' + f, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'));
const hosts = rows('hosts.tsv'), cookies = rows('cookies.tsv');
const n = { vx: 0, tpw: 0, gh: 0, vxc: 0, ocd: 0 };
const gaps = [], ocdGaps = [], both = [];
let onlyVx = 0;
for (const [host, vx] of hosts) {
  const e = getEntity(host);
  const m = await db.matchDomain(host);
  const g = m.length ? (m[0].organization?.name || m[0].pattern.name) + ' / ' + m[0].pattern.name : '';
  if (vx !== '-') n.vx++;
  if (e) n.tpw++;
  if (g) n.gh++;
  if (verbose) both.push(`${host}\tvendex=${vx}\ttpw=${e ? e.name : '-'}\tghostery=${g || '-'}`);
  if (vx !== '-' && !e && !g) onlyVx++;
  if (vx === '-' && (e || g)) gaps.push(`  ${host}: third-party-web ${e ? JSON.stringify(e.name) : '-'}, Ghostery ${g ? JSON.stringify(g) : '-'}`);
}
let ocdPresent = false;
for (const [name, vx, ocd] of cookies) {
  if (vx !== '-') n.vxc++;
  if (ocd !== undefined) ocdPresent = true;
  if (ocd === 'yes') n.ocd++;
  if (verbose) both.push(`${name}\tvendex=${vx}\tocd=${ocd ?? '?'}`);
  if (vx === '-' && ocd === 'yes') ocdGaps.push('  ' + name);
}
const pct = (a, b) => (100 * a / b).toFixed(1) + '%';
console.log(`\n${hosts.length} distinct third-party hosts (outside the page host's registrable domain), ${cookies.length} distinct cookie names, from every capture in testdata/scan/real\n`);
console.log('                   hosts attributed    cookie names known');
console.log(`vendex (embedded)  ${String(n.vx).padStart(4)}  ${pct(n.vx, hosts.length).padStart(6)}        ${String(n.vxc).padStart(4)}  ${pct(n.vxc, cookies.length).padStart(6)}`);
console.log(`third-party-web    ${String(n.tpw).padStart(4)}  ${pct(n.tpw, hosts.length).padStart(6)}           -`);
console.log(`Ghostery trackerdb ${String(n.gh).padStart(4)}  ${pct(n.gh, hosts.length).padStart(6)}           -`);
console.log(`Open Cookie DB        -                ${ocdPresent ? String(n.ocd).padStart(4) + '  ' + pct(n.ocd, cookies.length).padStart(6) : '(not in ../shared/datasets)'}`);
console.log(`\nhosts vendex attributes and neither peer does: ${onlyVx}`);
console.log(`hosts a peer attributes and vendex does not (${gaps.length}):`);
console.log(gaps.join('\n') || '  none');
// Without the dataset there is no answer to give: say so, not "none".
if (ocdPresent) {
  console.log(`\ncookie names the Open Cookie Database knows and vendex does not (${ocdGaps.length}):`);
  console.log(ocdGaps.join('\n') || '  none');
} else {
  console.log('\ncookie names the Open Cookie Database knows and vendex does not: not compared (the Open Cookie Database is not in ../shared/datasets)');
}
if (verbose) console.log('\n' + both.join('\n'));
JS
node "$work/peers.mjs" "$work" "${1:-}"
