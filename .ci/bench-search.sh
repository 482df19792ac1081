#!/usr/bin/env bash
# Compares vendex's search index with fzf --filter (and with plain
# sahilm/fuzzy.Find) on the same synthetic names.
#
#   .ci/bench-search.sh [N] [QUERY]     defaults: 100000 analytic
#
# Needs Go; fzf and hyperfine are optional (apt-get install -y fzf hyperfine).
# Prints: the per-keystroke table (each prefix of QUERY, best of several
# runs, vendex typed and cold vs fuzzy.Find), the Go benchmarks, and, with
# hyperfine, whole-process timings of vendex vs fzf --filter on one query.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
query=${2:-analytic}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/searchbench" ./ui/cmd/searchbench
"$work/searchbench" -gen "$n" >"$work/names.txt"
echo "== $n names, typing \"$query\" (in-process, best of 7 runs per keystroke; load $(cut -d' ' -f1-3 /proc/loadavg))"
"$work/searchbench" -names "$work/names.txt" -type -runs 7 "$query"

echo
# The worst keystroke at a million names (the goal is 16 ms): the second and
# third letters match a third and a sixth of them, before narrowing helps.
"$work/searchbench" -gen 1000000 >"$work/names-1m.txt"
echo "== 1,000,000 names, typing \"$query\" (load $(cut -d' ' -f1-3 /proc/loadavg))"
"$work/searchbench" -names "$work/names-1m.txt" -type -runs 5 "$query" | awk '
	{ print }
	NR > 1 { v = $3 + 0; u = $3; sub(/[0-9.]+/, "", u); if (u == "µs") v /= 1000; if (u == "s") v *= 1000; if (v > m) { m = v; k = $1 } }
	END { printf "worst keystroke at 1,000,000 names: %.1f ms (%s, typed)\n", m, k }'

echo
echo "== go test -bench BenchmarkSearch (ns/keystroke over every prefix of \"analytic\")"
go test ./ui/fuzzy -run '^$' -bench 'BenchmarkSearch$' -benchtime 10x | grep -E '^Benchmark'

if command -v fzf >/dev/null; then
	echo
	echo "== matches for \"$query\": vendex $("$work/searchbench" -names "$work/names.txt" "$query" | wc -l), fzf $(fzf --filter "$query" <"$work/names.txt" | wc -l) (fzf's algorithm differs: counts need not agree)"
	if command -v hyperfine >/dev/null; then
		for q in "${query:0:1}" "${query:0:3}" "$query"; do
			# whole processes: reading the file and building the index count too
			hyperfine --warmup 2 --runs 15 --style basic \
				-n "vendex $q" "$work/searchbench -names $work/names.txt $q >/dev/null" \
				-n "fuzzy.Find $q" "$work/searchbench -fuzzy -names $work/names.txt $q >/dev/null" \
				-n "fzf --filter $q" "fzf --filter $q -i < $work/names.txt >/dev/null"
		done
	else
		for q in "${query:0:1}" "$query"; do
			echo "-- $q"
			{ time "$work/searchbench" -names "$work/names.txt" "$q" >/dev/null; } 2>&1 | grep real | sed "s/^/vendex /"
			{ time fzf --filter "$q" <"$work/names.txt" >/dev/null; } 2>&1 | grep real | sed "s/^/fzf    /"
		done
	fi
else
	echo "(fzf not installed: apt-get install -y fzf hyperfine)"
fi
