package search

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	sahilm "github.com/sahilm/fuzzy"
	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/ui/internal/synth"
)

// The browser ranks vendors by their best entry, ties by name, those the
// query names (namedVendors) first, and
// highlights what fuzzy.Find would: the same list as ranking fuzzy.Find's
// matches (of the folded query over the folded entries; the offsets back
// in the text as shown) vendor by vendor, a host handicapped (rankScore),
// for one-letter queries (the tables) and longer ones, with many vendors
// sharing a score.
func TestVendorRankingFollowsFuzzyFind(t *testing.T) {
	names := synth.Names(3000)
	var vs []data.Vendor
	for i := 0; i+2 < len(names); i += 3 {
		vs = append(vs, data.Vendor{ID: fmt.Sprint("v", i), Name: names[i], Aliases: []string{names[i+1]},
			Domains: []data.Domain{{Host: strings.ReplaceAll(names[i+2], " ", "-") + ".com"}}})
	}
	// named by a query below, with a legal form, and outscored by a
	// longer name that is not it
	vs = append(vs, data.Vendor{ID: "named-inc", Name: vs[4].Name + ", Inc."}, data.Vendor{ID: "longer", Name: vs[4].Name + "s"})
	x := newIndex(vs)
	var entries []string
	for i := range x.fuzzy.Len() {
		entries = append(entries, x.fuzzy.Entry(i))
	}
	for _, q := range []string{"a", "K", "z", "7", "an", "ana", "tix", "co.uk", "Ü", "東", strings.ToUpper(vs[4].Name), vs[9].Aliases[0]} {
		type want struct {
			vendor int32
			text   string
			hits   []int
			score  int
			rank   int
			named  bool
		}
		var wants []want
		seen := map[int32]bool{}
		ms := sahilm.Find(data.Fold(q), entries)
		named := x.namedVendors(q, ms)
		slices.SortStableFunc(ms, func(a, b sahilm.Match) int {
			return cmp.Or(cmp.Compare(x.rankOf(b), x.rankOf(a)), cmp.Compare(a.Index, b.Index))
		})
		for _, m := range ms {
			if v := x.owner[m.Index]; !seen[v] {
				seen[v] = true
				shown := x.where[m.Index].show(&x.Vendors()[v])
				wants = append(wants, want{v, shown, unfoldOffsets(shown, m.MatchedIndexes), m.Score, x.rankOf(m), named[v]})
			}
		}
		slices.SortStableFunc(wants, func(a, b want) int {
			if a.named != b.named {
				return map[bool]int{true: -1, false: 1}[a.named]
			}
			if a.rank != b.rank {
				return b.rank - a.rank
			}
			return strings.Compare(strings.ToLower(x.Vendors()[a.vendor].Name), strings.ToLower(x.Vendors()[b.vendor].Name))
		})
		got := x.Find(q)
		if len(got) != len(wants) {
			t.Fatalf("%q: %d vendors, want %d", q, len(got), len(wants))
		}
		for i, w := range wants {
			r := got[i]
			if r.Vendor != w.vendor || x.Text(r) != w.text || int(r.Score) != w.score || !reflect.DeepEqual(x.Matched(q, r), w.hits) {
				t.Fatalf("%q: %d-th is %s (%q, %d, %v), want %s (%q, %d, %v)", q, i, x.Vendors()[r.Vendor].Name, x.Text(r), r.Score, x.Matched(q, r),
					x.Vendors()[w.vendor].Name, w.text, w.score, w.hits)
			}
		}
	}
}

// With no query the list is every vendor by name, lowered (accented and
// non-Latin names too), then by id: what a user scrolls through first.
func TestNoQueryListsVendorsByNameThenID(t *testing.T) {
	names := []string{"Zeta", "alpha", "Äpfel", "ÄPFEL", "beta", "Alpha", "東京", "éclair", "Éclair", "alpha",
		"Google Analytics 4", "google analytics", "Google AdSense", "GOOGLE ANALYTICS", "Google", "google an", "Googl", "",
		"Versandhaus Müller", "versandhaus muller", "VERSANDHAUS MÜLLER", "Versandhaus", "İstanbul", "istanbul", "ISTANBUL"}
	var bs []data.Brief
	for i, n := range names {
		bs = append(bs, data.Brief{ID: fmt.Sprintf("v%02d", len(names)-i), Name: n})
	}
	want := slices.Clone(bs)
	slices.SortFunc(want, func(a, b data.Brief) int {
		if c := strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	x := NewBriefIndex(bs)
	var got, wantIDs []string
	for _, r := range x.Find("") {
		got = append(got, x.Vendors()[r.Vendor].ID)
	}
	for _, b := range want {
		wantIDs = append(wantIDs, b.ID)
	}
	if !reflect.DeepEqual(got, wantIDs) {
		t.Errorf("no query lists %v, want %v", got, wantIDs)
	}
}
