package fuzzy

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode"

	sahilm "github.com/sahilm/fuzzy"
	"github.com/vendex/vendex/ui/internal/synth"
)

// syntheticEntries makes n vendor-like names, aliases and domains.
func syntheticEntries(n int) []string { return synth.Names(n) }

func randomQuery(r *rand.Rand) string {
	alphabet := []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .-_/üÜçÇé東Kſ")
	q := make([]rune, 1+r.IntN(5))
	for i := range q {
		q[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(q)
}

// Searching with the index gives exactly what fuzzy.Find gives: the same
// matches, scores, offsets and order, for random queries typed one
// character at a time (so narrowing is exercised) and for fresh ones. Both
// paths are held to it: Find's matches, and FindRanked's ranking with each
// match built lazily by Match(i), as the browser does for the rows it shows.
func TestIndexMatchesFuzzyFind(t *testing.T) {
	entries := syntheticEntries(5000)
	entries = append(entries, "Twilio", "twilio webrtc", "twiliocdn.com", "KELVIN \u212a", "ſtraße", "", "nul\x00after", "Éclair", "éCLAIR",
		"kK\u212ak", "ab-Ab aB_ab", "x\u212a", "ſs", "9lives", "a9", "Zürich Analytik", "östra-Ö", "\u212aelvin-kelvin")
	// entries so long that their one-letter scores fall outside the
	// tables' buckets, one of them twice
	long := strings.Repeat("analytics tag ", 90)
	entries = append(entries, strings.Repeat("z", 1500)+"Qa", long+"x", long)
	idx := NewIndex(entries)
	r := rand.New(rand.NewPCG(1, 2))
	check := func(q string) {
		t.Helper()
		want := sahilm.Find(q, entries)
		got := idx.Find(q)
		if len(want) != 0 || len(got) != 0 {
			if !reflect.DeepEqual(got, []Match(want)) {
				t.Fatalf("query %q: Find gives %d matches, fuzzy.Find %d; first difference: %s", q, len(got), len(want), firstDiff(got, want))
			}
		}
		// A Pattern scores each entry alone as fuzzy.Find does.
		p := NewPattern(q)
		score := make(map[int]int, len(want))
		for _, w := range want {
			score[w.Index] = w.Score
		}
		for i, e := range entries {
			got, ok := p.Score(e)
			if w, match := score[i]; ok != match || got != w {
				t.Fatalf("query %q: Pattern scores %q %d (match %v), fuzzy.Find %d (match %v)", q, e, got, ok, w, match)
			}
		}
		checkExcludes(t, p, q, entries, score)
		checkLazy(t, idx, q, want, score)
		ranked := idx.FindRanked(q)
		if ranked.Len() != len(want) {
			t.Fatalf("query %q: FindRanked gives %d matches, fuzzy.Find %d", q, ranked.Len(), len(want))
		}
		for i, w := range want {
			if ranked.Index(i) != w.Index || ranked.Score(i) != w.Score {
				t.Fatalf("query %q: FindRanked's %d-th is entry %d scoring %d, fuzzy.Find's entry %d scoring %d", q, i, ranked.Index(i), ranked.Score(i), w.Index, w.Score)
			}
			if m := ranked.Match(i); !reflect.DeepEqual(m, w) {
				t.Fatalf("query %q: FindRanked's Match(%d) = %+v, fuzzy.Find's %+v", q, i, m, w)
			}
			if got := idx.MatchedIndexes(q, w.Index); !reflect.DeepEqual(got, w.MatchedIndexes) {
				t.Fatalf("query %q: MatchedIndexes of %q = %v, fuzzy.Find's %v", q, w.Str, got, w.MatchedIndexes)
			}
		}
	}
	// every one-character query a table answers, and some it does not
	for _, c := range "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .-_/\u212aſüÜéÉ東" {
		check(string(c))
	}
	for range 150 {
		q := randomQuery(r)
		check(q)
		// type it: every prefix in turn, then back again
		rs := []rune(q + randomQuery(r))
		for i := 1; i <= len(rs); i++ {
			check(string(rs[:i]))
		}
		for i := len(rs); i >= 1; i-- {
			check(string(rs[:i]))
		}
	}
	// queries a user types: letters picked in order from an entry, so that
	// they match it and, like "ana" or "anal", much else; some in upper
	// case, typed one prefix after another so that each narrows the last
	for range 60 {
		e := entries[r.IntN(5000)]
		var q []rune
		for _, c := range e {
			if len(q) < 6 && r.IntN(3) == 0 {
				if r.IntN(4) == 0 {
					c = unicode.ToUpper(c)
				}
				q = append(q, c)
			}
		}
		for i := 2; i <= len(q); i++ {
			check(string(q[:i]))
		}
	}
	for _, q := range []string{"analytic", "twi", "twilio webrtc", "k", "K", "\u212a", "s", "ſ", "S", "é", "É", "ü", "東京", "nul", "a\x00"} {
		check(q)
	}
}

// A keystroke's candidates are scored in many chunks, taken by whichever
// core is free: however they are cut and whoever scores them, the ranking
// is fuzzy.Find's, typed one prefix after another and fresh.
func TestAQueryScoredInManyChunksRanksAsFuzzyFind(t *testing.T) {
	defer func(n int) { minChunk = n }(minChunk)
	defer runtime.GOMAXPROCS(max(runtime.GOMAXPROCS(0), 3))
	minChunk = 50 // twenty thousand entries make several chunks a core
	entries := syntheticEntries(20_000)
	// Many entries tie for the first places: which of them rank first
	// is entry order, whichever chunk is scored first.
	for i := 0; i < len(entries); i += 3 {
		entries[i] = "Ana Lytic"
	}
	idx := NewIndex(entries)
	same := func(q string, ranked Ranked, want sahilm.Matches, how string) {
		t.Helper()
		if ranked.Len() != len(want) {
			t.Fatalf("query %q %s: FindRanked gives %d matches, fuzzy.Find %d", q, how, ranked.Len(), len(want))
		}
		for k, w := range want {
			if ranked.Index(k) != w.Index || ranked.Score(k) != w.Score {
				t.Fatalf("query %q %s: FindRanked's %d-th is entry %d scoring %d, fuzzy.Find's entry %d scoring %d", q, how, k, ranked.Index(k), ranked.Score(k), w.Index, w.Score)
			}
		}
	}
	for _, typed := range []string{"analytic", "ana lytic", "e co", "Tag", "s.c", "ia"} {
		for i := 1; i <= len(typed); i++ {
			q := typed[:i]
			want := sahilm.Find(q, entries)
			same(q, idx.FindRanked(q), want, "typed")
			if got := idx.Find(q); !reflect.DeepEqual(got, []Match(want)) {
				t.Fatalf("query %q: Find gives %d matches, fuzzy.Find %d; first difference: %s", q, len(got), len(want), firstDiff(got, want))
			}
			idx.FindRanked("zzzz")
			same(q, idx.FindRanked(q), want, "fresh")
			idx.FindRanked(q) // the next prefix narrows from this one
		}
	}
}

// checkLazy holds what FindRanked's lazy ranking trusts: it scores only the
// matches that may rank first, by each one's bound, so no match may score
// above it and its test for a match must agree with fuzzy's; and read from
// the last place first (as the End key does), the ranking is the same.
func checkLazy(t *testing.T, idx *Index, q string, want sahilm.Matches, score map[int]int) {
	t.Helper()
	if pattern := []rune(q); !strings.ContainsRune(q, 0) {
		lp := newLazyPattern(pattern, lowerASCII(pattern))
		for i := range idx.Len() {
			str := idx.text.at(int32(i))
			w, match := score[i]
			if got := lp.matches(str, idx.masks[i]); got != match {
				t.Fatalf("query %q: the lazy ranking says %q matches: %v, fuzzy.Find %v", q, str, got, match)
			}
			if b := lp.bound(shapeOf(str), len(str)); match && int(b) < w {
				t.Fatalf("query %q: %q scores %d, above its bound %d", q, str, w, b)
			}
		}
	}
	back := idx.FindRanked(q)
	for i := len(want) - 1; i >= 0 && back.Len() == len(want); i-- {
		if back.Index(i) != want[i].Index || back.Score(i) != want[i].Score {
			t.Fatalf("query %q, read from the end: FindRanked's %d-th is entry %d scoring %d, fuzzy.Find's entry %d scoring %d", q, i, back.Index(i), back.Score(i), want[i].Index, want[i].Score)
		}
	}
}

func firstDiff(got []Match, want sahilm.Matches) string {
	for i := 0; i < min(len(got), len(want)); i++ {
		if !reflect.DeepEqual(got[i], want[i]) {
			return fmt.Sprintf("at %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	return fmt.Sprintf("lengths %d vs %d", len(got), len(want))
}

var benchSizes = []int{1_000, 10_000, 100_000}

// BenchmarkSearch types "analytic" one keystroke at a time, as a person
// would, and reports the time per keystroke.
func BenchmarkSearch(b *testing.B) {
	for _, n := range benchSizes {
		entries := syntheticEntries(n)
		b.Run(fmt.Sprintf("index/%d", n), func(b *testing.B) {
			idx := NewIndex(entries)
			for b.Loop() {
				for i := 1; i <= len("analytic"); i++ {
					idx.Find("analytic"[:i])
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len("analytic")), "ns/keystroke")
		})
		b.Run(fmt.Sprintf("fuzzy.Find/%d", n), func(b *testing.B) {
			for b.Loop() {
				for i := 1; i <= len("analytic"); i++ {
					sahilm.Find("analytic"[:i], entries)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len("analytic")), "ns/keystroke")
		})
	}
}

// BenchmarkKeystroke measures each keystroke of typing "analytic" on its
// own, at 100k entries, against fuzzy.Find: the worst keystroke is what a
// user feels. "index" is what the browser does per keystroke: FindRanked,
// then the matches of one screen of rows; "index-find" builds every match
// as Find does. The index is primed with the previous prefix, as it is when
// typing; "cold" starts after an unrelated query.
func BenchmarkKeystroke(b *testing.B) {
	entries := syntheticEntries(100_000)
	const screen = 50 // rows whose matches a frame shows, generously
	browse := func(idx *Index, q string) {
		r := idx.FindRanked(q)
		for i := range min(screen, r.Len()) {
			r.Match(i)
		}
	}
	for i := 1; i <= len("analytic"); i++ {
		q := "analytic"[:i]
		b.Run("index/"+q, func(b *testing.B) {
			idx := NewIndex(entries)
			for b.Loop() {
				b.StopTimer()
				if i > 1 {
					browse(idx, q[:i-1])
				} else {
					browse(idx, "zzz") // a fresh start, as after clearing the query
				}
				runtime.GC() // nobody pays for the garbage of the run before
				b.StartTimer()
				browse(idx, q)
			}
		})
		b.Run("index-cold/"+q, func(b *testing.B) {
			idx := NewIndex(entries)
			for b.Loop() {
				b.StopTimer()
				browse(idx, "zzz")
				runtime.GC()
				b.StartTimer()
				browse(idx, q)
			}
		})
		b.Run("index-find/"+q, func(b *testing.B) {
			idx := NewIndex(entries)
			for b.Loop() {
				b.StopTimer()
				if i > 1 {
					idx.Find(q[:i-1])
				} else {
					idx.Find("zzz")
				}
				runtime.GC()
				b.StartTimer()
				idx.Find(q)
			}
		})
		b.Run("fuzzy.Find/"+q, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				runtime.GC()
				b.StartTimer()
				sahilm.Find(q, entries)
			}
		})
	}
}

// BenchmarkNewIndex: building the index, one-character tables
// included, at 100k entries.
func BenchmarkNewIndex(b *testing.B) {
	entries := syntheticEntries(100_000)
	for b.Loop() {
		NewIndex(entries).Prepare()
	}
}

// BenchmarkKeystroke1M is each keystroke of typing "analyt" at 1,000,000
// entries, typed after the one before (the first letter a table answers):
// the second and third are the worst, matching a third and a sixth of the
// entries. It is what the browser's list asks per keystroke: FindRanked,
// the count, then one screen of matches.
func BenchmarkKeystroke1M(b *testing.B) {
	entries := syntheticEntries(1_000_000)
	idx := NewIndex(entries)
	idx.Prepare()
	for i := 2; i <= len("analyt"); i++ {
		q := "analyt"[:i]
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				idx.FindRanked(q[:i-1]).Match(0)
				runtime.GC()
				b.StartTimer()
				r := idx.FindRanked(q)
				for i := range min(50, r.Len()) {
					r.Match(i)
				}
			}
		})
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// checkExcludes holds Excludes and Misses to fuzzy.Find: neither rules out
// a match, and between ASCII query and entry (no NUL in either) Misses
// rules out every other.
func checkExcludes(t *testing.T, p *Pattern, q string, entries []string, score map[int]int) {
	t.Helper()
	for i, e := range entries {
		_, match := score[i]
		exact := isASCII(q+e) && !strings.ContainsRune(q+e, 0)
		if ex := p.Excludes([]byte(e)); ex && match {
			t.Fatalf("query %q: Excludes(%q), yet fuzzy.Find matches it", q, e)
		}
		if miss := p.Misses([]byte(e)); (miss && match) || (exact && miss == match) {
			t.Fatalf("query %q: Misses(%q) = %v, yet fuzzy.Find matches it: %v", q, e, miss, match)
		}
	}
}
