package search

import (
	"os"
	"testing"

	"github.com/vendex/vendex/store"
)

// BenchmarkFindImported ranks every vendor of $VENDEX_BENCH_DB (a database
// with the datasets imported) for each prefix of "analytics", as the
// browser does at each keystroke: the handicaps of imported aliases and
// retired products cost what this shows against a build without them.
func BenchmarkFindImported(b *testing.B) {
	path := os.Getenv("VENDEX_BENCH_DB")
	if path == "" {
		b.Skip("VENDEX_BENCH_DB names no database")
	}
	s, err := store.OpenCatalogue(path, true)
	if err != nil {
		b.Fatal(err)
	}
	bs, err := s.Briefs()
	s.Close()
	if err != nil {
		b.Fatal(err)
	}
	x := NewBriefIndex(bs)
	x.Prepare()
	q := "analytics"
	for b.Loop() {
		for i := 1; i <= len(q); i++ {
			x.Find(q[:i])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(q)), "ns/keystroke")
}
