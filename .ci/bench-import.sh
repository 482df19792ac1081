#!/usr/bin/env bash
# Times `vendex import` of a 100,000-row Open Cookie Database CSV as a
# whole process (reading, joining, indexing, writing, renaming into place),
# warm, with hyperfine (apt-get install hyperfine), onto a catalogue
# seeded from the embedded vendors. The files are BenchmarkImport's: the
# real Open Cookie Database repeated to 100,000 rows (when
# ../shared/datasets is there), and synthetic rows, 8 and 1 to a vendor.
# The issue's floor: 150,000 rows/s. Extra arguments go to hyperfine.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "needs hyperfine: apt-get install -y hyperfine" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/vendex" .
VENDEX_BENCH_FILES="$work" go test ./store -run '^TestWriteImportBenchFiles$' -count=1 >/dev/null
"$work/vendex" --db "$work/seed.db" stats >/dev/null # seeds the catalogue
head -2 "$work/rows-per-vendor-8.csv" >"$work/one-row.csv"
runs=()
for f in one-row open-cookie-database-repeated rows-per-vendor-8 rows-per-vendor-1; do
	[ -f "$work/$f.csv" ] && runs+=("$work/vendex --db $work/v.db import $work/$f.csv")
done
hyperfine --warmup 1 --runs 10 -N --prepare "cp $work/seed.db $work/v.db" \
	--export-csv "$work/times.csv" "${runs[@]}" "$@"
echo
awk -F, 'NR > 1 && $1 !~ /one-row/ {
	n = split($1, p, "/"); sub(/\.csv$/, "", p[n])
	printf "%-32s %6.0f ms  %7.0f rows/s\n", p[n], $2 * 1000, 100000 / $2
}' "$work/times.csv"
