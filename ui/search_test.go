package ui

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/sahilm/fuzzy"
	"github.com/vendex/vendex/data"
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
func TestSearchIndexMatchesFuzzyFind(t *testing.T) {
	entries := syntheticEntries(5000)
	entries = append(entries, "Twilio", "twilio webrtc", "twiliocdn.com", "KELVIN \u212a", "ſtraße", "", "nul\x00after", "Éclair", "éCLAIR",
		"kK\u212ak", "ab-Ab aB_ab", "x\u212a", "ſs", "9lives", "a9", "Zürich Analytik", "östra-Ö", "\u212aelvin-kelvin")
	idx := NewSearchIndex(entries)
	r := rand.New(rand.NewPCG(1, 2))
	check := func(q string) {
		t.Helper()
		want := fuzzy.Find(q, entries)
		got := idx.Find(q)
		if len(want) != 0 || len(got) != 0 {
			if !reflect.DeepEqual(got, []Match(want)) {
				t.Fatalf("query %q: Find gives %d matches, fuzzy.Find %d; first difference: %s", q, len(got), len(want), firstDiff(got, want))
			}
		}
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
	for _, q := range []string{"analytic", "twi", "twilio webrtc", "k", "K", "\u212a", "s", "ſ", "S", "é", "É", "ü", "東京", "nul", "a\x00"} {
		check(q)
	}
}

// The browser ranks vendors by their best entry, ties by name, and
// highlights what fuzzy.Find would: the same list as ranking fuzzy.Find's
// matches vendor by vendor, for one-letter queries (the tables) and longer
// ones, with many vendors sharing a score.
func TestVendorRankingFollowsFuzzyFind(t *testing.T) {
	names := syntheticEntries(3000)
	var vs []data.Vendor
	for i := 0; i+2 < len(names); i += 3 {
		vs = append(vs, data.Vendor{ID: fmt.Sprint("v", i), Name: names[i], Aliases: []string{names[i+1]},
			Domains: []data.Domain{{Host: strings.ReplaceAll(names[i+2], " ", "-") + ".com"}}})
	}
	x := newVendorIndex(vs)
	var entries []string
	for i := range x.search.Len() {
		entries = append(entries, x.search.Entry(i))
	}
	for _, q := range []string{"a", "K", "z", "7", "an", "ana", "tix", "co.uk", "Ü", "東"} {
		type want struct {
			vendor int32
			text   string
			hits   []int
			score  int
		}
		var wants []want
		seen := map[int32]bool{}
		for _, m := range fuzzy.Find(q, entries) {
			if v := x.owner[m.Index]; !seen[v] {
				seen[v] = true
				wants = append(wants, want{v, m.Str, m.MatchedIndexes, m.Score})
			}
		}
		slices.SortStableFunc(wants, func(a, b want) int {
			if a.score != b.score {
				return b.score - a.score
			}
			return strings.Compare(strings.ToLower(x.vendors[a.vendor].Name), strings.ToLower(x.vendors[b.vendor].Name))
		})
		got := x.find(q)
		if len(got) != len(wants) {
			t.Fatalf("%q: %d vendors, want %d", q, len(got), len(wants))
		}
		for i, w := range wants {
			r := got[i]
			if r.vendor != w.vendor || x.text(r) != w.text || int(r.score) != w.score || !reflect.DeepEqual(x.matched(q, r), w.hits) {
				t.Fatalf("%q: %d-th is %s (%q, %d, %v), want %s (%q, %d, %v)", q, i, x.vendors[r.vendor].Name, x.text(r), r.score, x.matched(q, r),
					x.vendors[w.vendor].Name, w.text, w.score, w.hits)
			}
		}
	}
}

// The list highlights the rows on screen, and keeps doing so as the
// cursor scrolls past the first screen.
func TestListHighlightsRowsOnScreen(t *testing.T) {
	c := &common{keys: DefaultKeyMap(), styles: DefaultStyles()}
	l := newVendorList(c, "")
	l.index = newVendorIndex(fixture())
	l.SetSize(80, 4)
	l.seq = 1
	l, _ = l.update(searchMsg{seq: 1, query: "i", results: l.index.find("i")})
	if len(l.shown) < 5 {
		t.Fatalf("want more vendors than rows, have %d", len(l.shown))
	}
	for range len(l.shown) {
		if len(l.hits) != l.rows() {
			t.Fatalf("%d rows on screen, %d highlighted", l.rows(), len(l.hits))
		}
		for k, hits := range l.hits {
			r := l.shown[l.offset+k]
			want := fuzzy.Find("i", []string{l.index.text(r)})
			if len(want) != 1 || !reflect.DeepEqual(hits, want[0].MatchedIndexes) {
				t.Fatalf("row %d (%q) highlights %v, fuzzy %v", l.offset+k, l.index.text(r), hits, want)
			}
		}
		l.move(1)
	}
	if l.offset == 0 {
		t.Fatal("the list never scrolled")
	}
}

func firstDiff(got []Match, want fuzzy.Matches) string {
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
			idx := NewSearchIndex(entries)
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
					fuzzy.Find("analytic"[:i], entries)
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
	browse := func(idx *SearchIndex, q string) {
		r := idx.FindRanked(q)
		for i := range min(screen, r.Len()) {
			r.Match(i)
		}
	}
	for i := 1; i <= len("analytic"); i++ {
		q := "analytic"[:i]
		b.Run("index/"+q, func(b *testing.B) {
			idx := NewSearchIndex(entries)
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
			idx := NewSearchIndex(entries)
			for b.Loop() {
				b.StopTimer()
				browse(idx, "zzz")
				runtime.GC()
				b.StartTimer()
				browse(idx, q)
			}
		})
		b.Run("index-find/"+q, func(b *testing.B) {
			idx := NewSearchIndex(entries)
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
				fuzzy.Find(q, entries)
			}
		})
	}
}

// BenchmarkNewSearchIndex: building the index, one-character tables
// included, at 100k entries.
func BenchmarkNewSearchIndex(b *testing.B) {
	entries := syntheticEntries(100_000)
	for b.Loop() {
		NewSearchIndex(entries)
	}
}
