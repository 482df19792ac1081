package search

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	sahilm "github.com/sahilm/fuzzy"
	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/ui/internal/synth"
)

// The browser reads a ranking a screenful at a time, in any order (the End
// key, a click): whatever it reads is the place the whole ranking gives it.
// The reference is built apart: vendors in fuzzy.Find's order by their
// best entry, then the vendors the query names (their name or an alias
// normalised as NormalizeName does), then the catalogue's before imported
// ones as curatedFirst groups them, with a third of the vendors imported
// and queries that match many of them strongly and loosely or name some.
func TestARankingReadInAnyOrderIsTheWholeRanking(t *testing.T) {
	names := synth.Names(30_000)
	// a third of the vendors imported, then all but a ninth (the catalogue's
	// vendors few enough to be ranked apart, as after importing datasets)
	for _, imported := range []func(i int) bool{func(i int) bool { return i%9 == 0 }, func(i int) bool { return i%9 != 0 }} {
		var bs []data.Brief
		for i := 0; i+2 < len(names); i += 3 {
			bs = append(bs, data.Brief{ID: fmt.Sprint("v", i), Name: names[i], Aliases: []string{names[i+1]},
				Hosts: []string{strings.ReplaceAll(strings.ToLower(names[i+2]), " ", "-") + ".com"}, Imported: imported(i)})
		}
		// queries that name vendors: a name in capitals, an alias
		// another vendor's name holds, a name some vendors share, one
		// as an alias only an import gives (handicapped) and one with a
		// legal form, both outscored by a longer name that is not it
		named := []string{strings.ToUpper(bs[5].Name), bs[40].Aliases[0], bs[7].Name}
		bs[60].Name, bs[61].Aliases[0], bs[62].Name, bs[63].Name = bs[7].Name, bs[7].Name, bs[7].Name+", Inc.", bs[7].Name+"s"
		checkRankingsInAnyOrder(t, NewBriefIndex(bs), named...)
	}
}

func checkRankingsInAnyOrder(t *testing.T, x *Index, naming ...string) {
	t.Helper()
	x.Prepare()
	var entries []string
	for i := range x.fuzzy.Len() {
		entries = append(entries, x.fuzzy.Entry(i))
	}
	r := rand.New(rand.NewPCG(3, 4))
	for _, q := range append([]string{"an", "ana", "anal", "t", "ix", "co", "zen pix", "Ü"}, naming...) {
		var ranked []Result
		seen := map[int32]bool{}
		// fuzzy.Find's order, with a handicapped entry (an alias only an
		// import gives) ranked handicapPoints lower, ties in entry order
		ms := sahilm.Find(data.Fold(q), entries)
		slices.SortStableFunc(ms, func(a, b sahilm.Match) int {
			return cmp.Or(cmp.Compare(x.rankOf(b), x.rankOf(a)), cmp.Compare(a.Index, b.Index))
		})
		for _, m := range ms {
			if v := x.owner[m.Index]; !seen[v] {
				seen[v] = true
				ranked = append(ranked, Result{Vendor: v, Entry: int32(m.Index), Score: int32(m.Score), Field: x.where[m.Index].field})
			}
		}
		named := x.namedVendors(q, ms)
		want := curatedFirst(ranked, func(r Result) bool { return named[r.Vendor] }, func(r Result) bool { return strongMatch(entries[r.Entry], x.initials[r.Entry], data.Fold(q)) },
			func(r Result) bool { return x.imported[r.Vendor] }, x.leadOf(q, ms))
		if slices.Contains(naming, q) && len(named) == 0 {
			t.Fatalf("%q names no vendor", q)
		}
		got := x.Rank(q)
		if got.Len() != len(want) {
			t.Fatalf("%q: %d vendors, want %d", q, got.Len(), len(want))
		}
		// the last place first, then a screenful, then all in a random order
		order := r.Perm(len(want))
		if len(want) > 20 {
			order = append([]int{len(want) - 1, 3, 19, 0}, order...)
		}
		for _, i := range order {
			if g := got.At(i); g != want[i] {
				t.Fatalf("%q: place %d is %s (%+v), want %s (%+v)", q, i, x.vendors[g.Vendor].Name, g, x.vendors[want[i].Vendor].Name, want[i])
			}
		}
	}
}

// namedVendors is the vendors query names among those ms matched, which
// rank first: by a matching name or alias, normalised as names compare
// (NormalizeName, accents folded), or by an id that is the query made an
// id (Slug).
func (x *Index) namedVendors(query string, ms sahilm.Matches) map[int32]bool {
	q, id := data.NormalizeName(data.Fold(query)), data.Slug(data.Fold(query))
	named := map[int32]bool{}
	for _, m := range ms {
		v := x.owner[m.Index]
		if q != "" && x.where[m.Index].field != Domain && data.NormalizeName(data.Fold(m.Str)) == q || id != "" && x.vendors[v].ID == id {
			named[v] = true
		}
	}
	return named
}

// leadOf is, for a Result, its vendor's data.PrevalenceRank when a name or
// an own alias of it among matches ms starts with the query as whole words.
func (x *Index) leadOf(query string, ms sahilm.Matches) func(Result) int {
	q := strings.ToLower(data.Fold(strings.TrimSpace(query)))
	lead := map[int32]int{}
	if len([]rune(q)) < 2 {
		return func(Result) int { return 0 }
	}
	for _, m := range ms {
		str := strings.ToLower(m.Str)
		if x.where[m.Index].field != Domain && (x.handicapped == nil || !x.handicapped[m.Index]) &&
			(str == q || strings.HasPrefix(str, q) && strings.ContainsAny(str[len(q):][:1], " .-_(/,&:")) {
			v := x.owner[m.Index]
			lead[v] = data.PrevalenceRank(x.vendors[v].ID)
		}
	}
	return func(r Result) int { return lead[r.Vendor] }
}

// rankOf is the score match m ranks by.
func (x *Index) rankOf(m sahilm.Match) int {
	return rankScore(m.Score, x.handicapped != nil && x.handicapped[m.Index])
}
