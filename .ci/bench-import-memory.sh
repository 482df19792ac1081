#!/usr/bin/env bash
# Peak memory of `vendex import` against its input (issue 14, item 12):
# for each input its size, the exit status, the peak RSS (GNU time's
# "Maximum resident set size") and the goal, at most 4x the input for an
# import that succeeds and at most 300 MiB for one that fails. The inputs
# are TestWriteMemoryBenchFiles's: the Open Cookie Database repeated to 27
# and 200 MB (needs ../shared/datasets), that file cut mid-row and with an
# open quote at its end, 50 MB of random bytes after a CSV header and
# inside a JSON string, a one-million-element list in each JSON
# format's list position, the OCD JSON (an object of platforms, read a
# member at a time) repeated to 100 MB whole, cut short and with a wrong
# type in its last record, and Tracker Radar's domain index CSV and JSON
# lines repeated to 100 MB (needs ../shared/datasets), whole, with a short
# last row, an open quote at its end, and a last line cut. Each import starts from a catalogue seeded from
# the embedded vendors. VENDEX_BIN times another build (a baseline);
# a pattern as the first argument runs only the inputs whose names hold it.
# Exits 1 when any goal is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=${VENDEX_BIN:-$work/vendex}
[ -n "${VENDEX_BIN:-}" ] || go build -o "$bin" .
mkdir "$work/in"
VENDEX_MEM_FILES="$work/in" go test ./data/dataset -run '^TestWriteMemoryBenchFiles$' -count=1 >/dev/null
"$bin" --db "$work/seed.db" stats >/dev/null
missed=0
printf '%-50s %9s %4s %6s %9s %9s %s\n' INPUT SIZE EXIT TIME PEAK GOAL ""
for f in "$work"/in/*; do
	name=$(basename "$f")
	[[ "$name" == *"${1:-}"* ]] || continue
	args=()
	if [[ "$name" == *-million-* ]]; then
		format=${name#fail-}
		args=(--format "${format%-million-*}")
	fi
	cp "$work/seed.db" "$work/v.db"
	size=$(stat -c %s "$f")
	status=0
	/usr/bin/time -f '%e %M' -o "$work/rss" "$bin" --db "$work/v.db" import "${args[@]}" "$f" >/dev/null 2>"$work/err" || status=$?
	read -r secs kib < <(tail -1 "$work/rss")
	peak=$((kib * 1024))
	if [ "$status" -eq 0 ]; then goal=$((4 * size)); else goal=$((300 << 20)); fi
	verdict=ok
	if [ "$peak" -gt "$goal" ]; then
		verdict=MISSED
		missed=1
	fi
	printf '%-50s %7.1fMB %4d %5.1fs %7.1fMB %7.1fMB %s\n' "$name" "$(bc <<<"scale=1; $size/1000000")" "$status" "$secs" \
		"$(bc <<<"scale=1; $peak/1048576")" "$(bc <<<"scale=1; $goal/1048576")" "$verdict"
done
echo "(sizes in MB of 10^6 bytes, peaks and goals in MiB)"
exit "$missed"
