package ui

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"testing"

	"github.com/sahilm/fuzzy"
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
// character at a time (so narrowing is exercised) and for fresh ones.
func TestSearchIndexMatchesFuzzyFind(t *testing.T) {
	entries := syntheticEntries(5000)
	entries = append(entries, "Twilio", "twilio webrtc", "twiliocdn.com", "KELVIN \u212a", "ſtraße", "", "nul\x00after", "Éclair", "éCLAIR")
	idx := NewSearchIndex(entries)
	r := rand.New(rand.NewPCG(1, 2))
	check := func(q string) {
		t.Helper()
		want := fuzzy.Find(q, entries)
		got := idx.Find(q)
		if len(want) == 0 && len(got) == 0 {
			return
		}
		if !reflect.DeepEqual(got, []Match(want)) {
			t.Fatalf("query %q: index gives %d matches, fuzzy.Find %d; first difference: %s", q, len(got), len(want), firstDiff(got, want))
		}
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
// user feels. The index is primed with the previous prefix, as it is when
// typing.
func BenchmarkKeystroke(b *testing.B) {
	entries := syntheticEntries(100_000)
	for i := 1; i <= len("analytic"); i++ {
		q := "analytic"[:i]
		b.Run("index/"+q, func(b *testing.B) {
			idx := NewSearchIndex(entries)
			for b.Loop() {
				b.StopTimer()
				if i > 1 {
					idx.Find(q[:i-1])
				} else {
					idx.Find("zzz") // a fresh start, as after clearing the query
				}
				runtime.GC() // nobody pays for the garbage of the run before
				b.StartTimer()
				idx.Find(q)
			}
		})
		b.Run("index-cold/"+q, func(b *testing.B) {
			idx := NewSearchIndex(entries)
			for b.Loop() {
				b.StopTimer()
				idx.Find("zzz")
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
