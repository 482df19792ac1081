// Command searchbench runs vendex's search over a file of names, one a
// line, the way `fzf --filter` does, so .ci/bench-search.sh can time both
// on the same input. It also writes the synthetic names the benchmarks use.
//
//	searchbench -gen 100000 > names.txt
//	searchbench -names names.txt analytic     # ranked matches, best first
//	searchbench -names names.txt -type analytic  # every prefix, as typed; prints timings
//
// With -type, "typed" and "cold" time what the browser does per keystroke:
// FindRanked, then the matches of one screen of rows; "Find" times building
// every match as fuzzy.Find does; "typed CPU" is the CPU time of "typed",
// on all cores.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/sahilm/fuzzy"
	vfuzzy "github.com/vendex/vendex/ui/fuzzy"
	"github.com/vendex/vendex/ui/internal/synth"
)

func main() {
	gen := flag.Int("gen", 0, "write `n` synthetic names to stdout and exit")
	names := flag.String("names", "", "`file` of names, one a line")
	typing := flag.Bool("type", false, "search every prefix of the query in turn and print the time of each, vendex's and fuzzy.Find's")
	plain := flag.Bool("fuzzy", false, "use plain fuzzy.Find instead of the index")
	runs := flag.Int("runs", 5, "with -type, time each keystroke `n` times and keep the best")
	flag.Parse()
	if *gen > 0 {
		w := bufio.NewWriter(os.Stdout)
		for _, n := range synth.Names(*gen) {
			fmt.Fprintln(w, n)
		}
		w.Flush()
		return
	}
	if *names == "" || flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: searchbench -gen N | searchbench -names FILE [-type] [-fuzzy] QUERY")
		os.Exit(2)
	}
	b, err := os.ReadFile(*names)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	entries := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	query := flag.Arg(0)
	idx := vfuzzy.NewIndex(entries)
	idx.Prepare() // as the browser does before the first keystroke
	if *typing {
		// Each keystroke is timed as typed (the index narrows from the
		// previous prefix) and cold (after an unrelated query); the best of
		// -runs runs, as other processes share the machine.
		fmt.Printf("%-10s %8s %11s %11s %11s %11s %8s %11s\n", "keystroke", "matches", "typed", "cold", "Find", "fuzzy.Find", "faster", "typed CPU")
		for i := 1; i <= len(query); i++ {
			q := query[:i]
			var typed, cold, find, base, typedCPU time.Duration = 1 << 62, 1 << 62, 1 << 62, 1 << 62, 1 << 62
			var n int
			for range *runs {
				// Each timing starts on a collected heap, so that no one
				// pays for the garbage of the one before.
				if i > 1 {
					browse(idx, query[:i-1])
				} else {
					browse(idx, "zzzz")
				}
				runtime.GC()
				t0, c0 := time.Now(), cpuTime()
				n = browse(idx, q)
				typed, typedCPU = min(typed, time.Since(t0)), min(typedCPU, cpuTime()-c0)
				browse(idx, "zzzz")
				runtime.GC()
				t0 = time.Now()
				browse(idx, q)
				cold = min(cold, time.Since(t0))
				if i > 1 {
					idx.Find(query[:i-1])
				}
				runtime.GC()
				t0 = time.Now()
				idx.Find(q)
				find = min(find, time.Since(t0))
				runtime.GC()
				t0 = time.Now()
				fuzzy.Find(q, entries)
				base = min(base, time.Since(t0))
			}
			fmt.Printf("%-10s %8d %11s %11s %11s %11s %7.1fx %11s\n", q, n, typed.Round(time.Microsecond), cold.Round(time.Microsecond),
				find.Round(time.Microsecond), base.Round(time.Microsecond), float64(base)/float64(max(typed, cold)), typedCPU.Round(time.Microsecond))
		}
		return
	}
	w := bufio.NewWriter(os.Stdout)
	if *plain {
		for _, m := range fuzzy.Find(query, entries) {
			fmt.Fprintln(w, m.Str)
		}
	} else {
		r := idx.FindRanked(query)
		for i := range r.Len() {
			fmt.Fprintln(w, idx.Entry(r.Index(i)))
		}
	}
	w.Flush()
}

// screen is how many rows' matches a frame shows, generously.
const screen = 50

// browse is one keystroke in the browser: the ranking, and the matched
// characters of the rows on screen. It returns the number of matches.
func browse(idx *vfuzzy.Index, q string) int {
	r := idx.FindRanked(q)
	for i := range min(screen, r.Len()) {
		r.Match(i)
	}
	return r.Len()
}

// cpuTime is the CPU time the process has used, on every core: on a shared
// machine it moves less than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
