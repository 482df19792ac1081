#!/usr/bin/env bash
# Reads a 100 MB HAR (20,000 entries, most of it response bodies in
# content.text, as Chrome writes them) with data/scan, and with the whole
# `vendex scan --json`, and prints the time and peak RSS of each next to jq
# counting the same file's entries (apt-get install jq; skipped with a note if it is not there).
# The aim: well under 2 s, and a peak far below 200 MiB, because bodies
# are skipped entry by entry and never kept.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time: apt-get install -y time" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/scanbench" ./data/scan/internal/scanbench
"$work/scanbench" gen "$work/big.har"
printf 'file: %s bytes\n\n' "$(stat -c %s "$work/big.har")"

measure() { # name, command...
	local name=$1
	shift
	cat "$work/big.har" >/dev/null # warm the page cache
	/usr/bin/time -v "$@" >"$work/out" 2>"$work/time"
	printf '%-10s %s\n' "$name" "$(head -c 200 "$work/out")"
	awk -v n="$name" -F': ' '
		/Elapsed \(wall clock\)/ { wall = $2 }
		/Maximum resident set size/ { rss = $2 }
		END { printf "%-10s wall %s, peak RSS %.1f MiB\n\n", n, wall, rss / 1024 }' "$work/time"
}

measure scan "$work/scanbench" read "$work/big.har"
# The whole command: read, attribute against a freshly seeded catalogue, report.
go build -o "$work/vendex" .
VENDEX_DB="$work/v.db" "$work/vendex" stats >/dev/null
measure vendex env VENDEX_DB="$work/v.db" "$work/vendex" scan --json "$work/big.har"
if command -v jq >/dev/null; then
	measure jq jq '.log.entries | length' "$work/big.har"
else
	echo "jq        skipped: not installed (apt-get install -y jq)"
fi
