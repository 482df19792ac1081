#!/usr/bin/env bash
# Prints every row of issue 13's table in one run: each figure of this
# work tree's vendex next to its peer or floor (fzf, a minimal Bubble Tea
# program, a Go hello-world, a Go map, sahilm/fuzzy.Find), as ratios, with
# the load average before and after. With a git ref (.ci/bench-all.sh main)
# that ref's vendex is built too and measured in the same rounds,
# alternating with this one, so that both see the same load.
#
# Needs Go, python3, hyperfine, fzf, jq and GNU time (apt-get install -y
# hyperfine fzf jq time) and ../shared/datasets.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
base_ref=${1:-}
rounds=${ROUNDS:-3}
for c in hyperfine fzf jq python3; do
	command -v $c >/dev/null || { echo "needs $c: apt-get install -y hyperfine fzf jq python3" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }
ds=../shared/datasets
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pty() { python3 "$root/.ci/ptytime.py" "$@"; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)   cores: $(nproc)"

# The binaries: new (this tree), base (the ref, if any), and the floors.
go build -o "$work/new" .
go build -o "$work/searchbench" ./ui/cmd/searchbench
go build -o "$work/teamin" ./ui/cmd/teamin
labels=(new)
if [ -n "$base_ref" ]; then
	mkdir "$work/base-src"
	git archive "$base_ref" | tar -x -C "$work/base-src"
	(cd "$work/base-src" && go build -o "$work/base" .)
	labels=(base new)
fi
mkdir -p "$work/hello" "$work/gomap"
cat >"$work/hello/main.go" <<'GO'
package main

import "fmt"

func main() { fmt.Println("hello") }
GO
# The floor of a batch lookup: the same hosts in a Go map, each input's
# suffixes looked up, a line written for each.
cat >"$work/gomap/main.go" <<'GO'
package main

import (
	"bufio"
	"os"
	"strings"
)

func main() {
	b, _ := os.ReadFile(os.Args[1])
	m := map[string]bool{}
	for _, h := range strings.Split(string(b), "\n") {
		m[h] = true
	}
	in := bufio.NewScanner(os.Stdin)
	out := bufio.NewWriterSize(os.Stdout, 64<<10)
	for in.Scan() {
		h := in.Text()
		for s := h; ; {
			if m[s] {
				out.WriteString(h + " " + s + "\n")
				break
			}
			i := strings.IndexByte(s, '.')
			if i < 0 {
				out.WriteString(h + " -\n")
				break
			}
			s = s[i+1:]
		}
	}
	out.Flush()
}
GO
for p in hello gomap; do (cd "$work/$p" && go mod init $p >/dev/null 2>&1 && go build -o "$work/$p-bin" .); done

files=()
for f in open-cookie-database/open-cookie-database.csv third-party-web/entities.json tracker-radar/entities.json \
	tracker-radar/domains-GB.jsonl tracker-radar/domain-index-all-regions.csv ddg-tds/extension-tds.json \
	disconnect/services.json disconnect/entities.json ghostery-trackerdb/trackerdb.json \
	iab-tcf-gvl/vendor-list-v3-45.json iab-tcf-gvl/ovk_vendorinfo.json; do
	files+=("$ds/$f")
done
VENDEX_BENCH_FILES="$work" go test ./store -run '^TestWriteImportBenchFiles$' -count=1 >/dev/null
jq -r '.[].domain' "$ds/third-party-web/2025-04-01-observed-domains.json" >"$work/hosts1.txt"
for _ in 1 2 3 4 5 6 7 8; do cat "$work/hosts1.txt"; done >"$work/hosts.txt"
nhosts=$(wc -l <"$work/hosts.txt")
# A list that names each host once (the observed domains, then Tracker
# Radar's and EasyPrivacy's domains not among them): a batch that remembers
# what it has seen gains nothing from it, so it shows the cost of a host.
{ cat "$work/hosts1.txt"; tail -n +2 "$ds/tracker-radar/domain-index-all-regions.csv" | cut -d, -f1
	grep -v '^[#!]' "$ds/easyprivacy-domains/easyprivacy-justdomains.txt"; } | awk 'NF && !seen[$0]++' >"$work/distinct.txt"
ndistinct=$(wc -l <"$work/distinct.txt")
# The cookie names of the Open Cookie Database, 4 times over, for cookie -.
python3 -c 'import csv, sys; r = csv.reader(open(sys.argv[1])); next(r); print("\n".join(row[3] for row in r if len(row) > 3 and row[3].strip()))' \
	"$ds/open-cookie-database/open-cookie-database.csv" >"$work/names1.txt"
for _ in 1 2 3 4; do cat "$work/names1.txt"; done >"$work/cookies.txt"
ncookies=$(wc -l <"$work/cookies.txt")

# secs CMD...: wall seconds and peak RSS (MiB) of one run, as "S R".
secs() {
	/usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null 2>&1 || true
	# GNU time puts "Command exited with non-zero status" first when the
	# command fails (a lookup with misses): the figures are the last line.
	tail -1 "$work/t" | awk '{ printf "%.3f %.1f\n", $1, $2 / 1024 }'
}
# mean CMD: hyperfine's mean in ms over 15 runs (a shell command line).
mean() { hyperfine -N -i --warmup 3 --runs 15 --export-json "$work/h.json" "$1" >/dev/null 2>&1; jq '.results[0].mean * 1000' "$work/h.json"; }
minof() { tr ' ' '\n' | sort -g | head -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }'; }

# Databases per binary: seeded (embedded), every dataset, 100,000 synthetic
# vendors (the import benchmark's one-vendor-a-row CSV).
declare -A imp imprss seedms seedsize csvrate
for l in "${labels[@]}"; do
	b="$work/$l"
	"$b" --db "$work/$l-emb.db" stats >/dev/null
	seedsize[$l]=$(stat -c %s "$work/$l-emb.db")
	read -r s r < <(secs "$b" --db "$work/$l-all.db" import "${files[@]}")
	imp[$l]=$s imprss[$l]=$r
	cp "$work/$l-emb.db" "$work/$l-100k.db"
	read -r s _ < <(secs "$b" --db "$work/$l-100k.db" import "$work/rows-per-vendor-1.csv")
	csvrate[$l]=$(awk -v s="$s" 'BEGIN { printf "%.0f", 100000 / s }')
	seedms[$l]=$(hyperfine -N -i --warmup 2 --runs 15 --prepare "rm -f $work/seed.db $work/seed.db.lock" --export-json "$work/h.json" "$b --db $work/seed.db stats" >/dev/null 2>&1; jq '.results[0].mean * 1000' "$work/h.json")
done
nall=$("$work/new" --db "$work/new-all.db" stats --json | jq .vendors)
"$work/searchbench" -gen "$nall" >"$work/names-all.txt"
"$work/searchbench" -gen 100000 >"$work/names-100k.txt"

# The browser, alternating binaries round by round: start to first list
# (best of the rounds) and peak RSS; keystroke to screen after a pause.
ready='([0-9]+) of [0-9]+'
declare -A first rss keys
for round in $(seq "$rounds"); do
	for l in "${labels[@]}"; do
		for db in emb all 100k; do
			out=$(pty --runs 1 start "$ready" -- "$work/$l" --db "$work/$l-$db.db" browse)
			t=$(head -1 <<<"$out") r=$(tail -1 <<<"$out" | cut -d' ' -f2)
			first[$l-$db]=$( (echo "${first[$l-$db]:-$t}"; echo "$t") | minof)
			rss[$l-$db]=$r
		done
		out=$(pty --runs 1 keys "$ready" twilio -- "$work/$l" --db "$work/$l-all.db" browse)
		keys[$l]="${keys[$l]:-} $(head -1 <<<"$out")"
	done
done
fzf_first=$(FZF_DEFAULT_OPTS= pty --runs "$rounds" start '([0-9]+)/[0-9]+' -- sh -c "fzf < $work/names-all.txt" | sed -n 1p)
fzf_rss=$(FZF_DEFAULT_OPTS= pty --runs "$rounds" start '([0-9]+)/[0-9]+' -- sh -c "exec fzf < $work/names-all.txt" | tail -1 | cut -d' ' -f2)
fzf_keys=$(FZF_DEFAULT_OPTS= pty --runs "$rounds" keys '([0-9]+)/[0-9]+' twilio -- sh -c "exec fzf < $work/names-all.txt" | sed -n 1p)
tea_first=$(pty --runs "$rounds" start '([0-9]+) of [0-9]+' -- "$work/teamin" "$work/names-all.txt" | sed -n 1p)
fzf_100k=$(FZF_DEFAULT_OPTS= pty --runs "$rounds" start '([0-9]+)/[0-9]+' -- sh -c "exec fzf < $work/names-100k.txt" | sed -n 1p)

# rate N FILE CMD...: N lines of FILE fed to CMD, per second of the best
# of the rounds' wall times.
rate() {
	local n=$1 in=$2 best=
	shift 2
	for _ in $(seq "$rounds"); do
		/usr/bin/time -f %e -o "$work/t" "$@" <"$in" >/dev/null 2>&1 || true
		best=$( (echo "${best:-$(tail -1 "$work/t")}"; tail -1 "$work/t") | minof)
	done
	awk -v n="$n" -v s="$best" 'BEGIN { printf "%.0f", n / s }'
}

hello=$(mean "$work/hello-bin")
declare -A search stats lookup batch distinct cookies
for l in "${labels[@]}"; do
	b="$work/$l"
	search[$l-emb]=$(mean "$b --db $work/$l-emb.db search twilio")
	search[$l-all]=$(mean "$b --db $work/$l-all.db search twilio")
	stats[$l-emb]=$(mean "$b --db $work/$l-emb.db stats")
	stats[$l-all]=$(mean "$b --db $work/$l-all.db stats")
	lookup[$l]=$(mean "$b --db $work/$l-emb.db lookup maps.googleapis.com")
	batch[$l]=$(rate "$nhosts" "$work/hosts.txt" "$b" --db "$work/$l-all.db" lookup -)
	distinct[$l]=$(rate "$ndistinct" "$work/distinct.txt" "$b" --db "$work/$l-all.db" lookup -)
	cookies[$l]=$(rate "$ncookies" "$work/cookies.txt" "$b" --db "$work/$l-all.db" cookie -)
done
gomap=$(rate "$nhosts" "$work/hosts.txt" "$work/gomap-bin" "$work/hosts1.txt")
"$work/searchbench" -gen 1000000 >"$work/names-1m.txt"
worst1m=$("$work/searchbench" -names "$work/names-1m.txt" -type -runs 3 analytic | awk 'NR > 1 { v = $3 + 0; u = $3; sub(/[0-9.]+/, "", u); if (u == "µs") v /= 1000; if (u == "s") v *= 1000; if (v > m) m = v } END { printf "%.1f", m }')

echo
printf '%-44s %-6s %s\n' "row (every dataset: $nall vendors)" "" "figure and ratio to its peer"
for l in "${labels[@]}"; do
	echo "-- $l"
	printf '%-44s %s\n' "browser start to first list, embedded" "${first[$l-emb]} ms ($(ratio "${first[$l-emb]}" "$tea_first") minimal Bubble Tea)"
	printf '%-44s %s\n' "browser start to first list, every dataset" "${first[$l-all]} ms ($(ratio "${first[$l-all]}" "${first[$l-emb]}") embedded, $(ratio "${first[$l-all]}" "$fzf_first") fzf, $(ratio "${first[$l-all]}" "$tea_first") minimal Bubble Tea)"
	printf '%-44s %s\n' "browser start to first list, 100,000 synth." "${first[$l-100k]} ms ($(ratio "${first[$l-100k]}" "$fzf_100k") fzf)"
	printf '%-44s %s\n' "browser peak RSS emb / every dataset / 100k" "${rss[$l-emb]} / ${rss[$l-all]} / ${rss[$l-100k]} MiB (fzf $fzf_rss MiB)"
	printf '%-44s %s\n' "search twilio, embedded / every dataset" "$(printf '%.1f' "${search[$l-emb]}") / $(printf '%.1f' "${search[$l-all]}") ms ($(ratio "${search[$l-all]}" "${search[$l-emb]}") embedded; $(ratio "${search[$l-all]}" "$hello") hello-world)"
	printf '%-44s %s\n' "stats, embedded / every dataset" "$(printf '%.1f' "${stats[$l-emb]}") / $(printf '%.1f' "${stats[$l-all]}") ms ($(ratio "${stats[$l-all]}" "${stats[$l-emb]}") embedded; $(ratio "${stats[$l-all]}" "$hello") hello-world)"
	printf '%-44s %s\n' "keystroke to screen, typing twilio (ms)" "best of rounds per key:$(echo "${keys[$l]}" | awk -v r="$rounds" '{ n = NF / r; for (i = 1; i <= n; i++) { m = $i; for (k = 1; k < r; k++) if ($(i + k * n) < m) m = $(i + k * n); printf " %s", m } }') (fzf: $fzf_keys)"
	printf '%-44s %s\n' "lookup HOST, whole process" "$(printf '%.1f' "${lookup[$l]}") ms ($(ratio "${lookup[$l]}" "$hello") hello-world, $(printf '%.1f' "$hello") ms)"
	printf '%-44s %s\n' "lookup - batch, every dataset" "${batch[$l]} hosts/s (observed domains 8 times over; a Go map: $gomap, $(ratio "$gomap" "${batch[$l]}") faster)"
	printf '%-44s %s\n' "lookup - batch, every dataset, each host once" "${distinct[$l]} hosts/s ($ndistinct hosts)"
	printf '%-44s %s\n' "cookie - batch, every dataset" "${cookies[$l]} names/s (the Open Cookie Database's names, 4 times over)"
	printf '%-44s %s\n' "import all 11 datasets, one command" "${imp[$l]} s, ${imprss[$l]} MiB peak"
	printf '%-44s %s\n' "100,000-row CSV, one new vendor a row" "${csvrate[$l]} rows/s"
	printf '%-44s %s\n' "first run (seeding)" "$(printf '%.1f' "${seedms[$l]}") ms, file $(awk -v b="${seedsize[$l]}" 'BEGIN { printf "%.1f", b / 1048576 }') MiB"
done
printf '%-44s %s\n' "worst keystroke at 1,000,000 names" "$worst1m ms (searchbench -type analytic, typed)"
echo
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
