#!/usr/bin/env bash
# Holds a change of the import path to the catalogue the import wrote
# before: .ci/same-import.sh REF [FILE...] builds REF's vendex and this
# tree's, imports each dataset file of ../shared/datasets one at a time,
# then all 11 of store.AllDatasetFiles at once, then each FILE given (the
# large inputs of .ci/bench-import-memory.sh, say), every import into a
# copy of one seeded database, and compares what each build wrote: a
# hash of every value of every bucket (.ci/dbhash: the layers' dates
# blanked), the report on stdout and the warnings on stderr. Prints a
# line per import, "same" or "DIFFERENT"; exits 1 if any differs. REF
# must carry the same catalogue (the branch's start, git merge-base HEAD
# main): the seed is REF's, and a newer one is refused. KEEP=1 keeps the
# work folder, to look at a difference.
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:?usage: .ci/same-import.sh REF [FILE...]}
shift
ds=../shared/datasets
[ -d "$ds" ] || { echo "needs $ds" >&2; exit 1; }
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
mkdir "$work/base-src"
git archive "$ref" | tar -x -C "$work/base-src"
(cd "$work/base-src" && go build -o "$work/base" .)
go build -o "$work/new" .
go build -o "$work/dbhash" ./.ci/dbhash
"$work/base" --db "$work/seed.db" stats >/dev/null
all=(
	open-cookie-database/open-cookie-database.csv third-party-web/entities.json tracker-radar/entities.json
	tracker-radar/domains-GB.jsonl tracker-radar/domain-index-all-regions.csv ddg-tds/extension-tds.json
	disconnect/services.json disconnect/entities.json ghostery-trackerdb/trackerdb.json
	iab-tcf-gvl/vendor-list-v3-45.json iab-tcf-gvl/ovk_vendorinfo.json
)
more=(open-cookie-database/open-cookie-database.json open-cookie-database/open-cookie-database-edpb.json)
differ=0
# run NAME FILE...: one import of FILEs by each build, compared.
run() {
	local name=$1 b
	shift
	for b in base new; do
		cp "$work/seed.db" "$work/$b.db"
		status=0
		"$work/$b" --db "$work/$b.db" import "$@" >"$work/$b.out" 2>"$work/$b.err" || status=$?
		echo "exit $status" >>"$work/$b.out"
		"$work/dbhash" "$work/$b.db" >"$work/$b.sum"
	done
	verdict=same
	for x in sum out err; do
		cmp -s "$work/base.$x" "$work/new.$x" || verdict="DIFFERENT ($x)"
	done
	[ "$verdict" = same ] || differ=1
	printf '%-48s %-16s %s\n' "$name" "$verdict" "$(tail -1 "$work/new.sum")"
}
for f in "${all[@]}" "${more[@]}"; do
	run "$f" "$ds/$f"
done
paths=()
for f in "${all[@]}"; do paths+=("$ds/$f"); done
run "all ${#all[@]} at once" "${paths[@]}"
for f in "$@"; do
	run "$(basename "$f")" "$f"
done
exit "$differ"
