package search

import (
	"slices"
	"unicode/utf8"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/ui/fuzzy"
)

// curatedFirst orders rs (ranked) as Index.Rank says, keeping the order
// within each group but the company group, which lists by lead (the
// vendor's data.PrevalenceRank when its name or own alias starts with the
// query as whole words, 0 for none: see leads).
func curatedFirst[R any](rs []R, exact, strong, imported func(R) bool, lead func(R) int) []R {
	var groups [numGroups][]R
	for _, r := range rs {
		g := group(exact(r), strong(r), imported(r))
		if !exact(r) && lead(r) > 0 {
			g = companyGroup
		}
		groups[g] = append(groups[g], r)
	}
	slices.SortStableFunc(groups[companyGroup], func(a, b R) int { return lead(a) - lead(b) })
	return slices.Concat(groups[:]...)
}

// The groups a ranking lists, in order: the vendors the query names
// (exactQuery), the catalogue's then imported ones; the company group;
// strong matches of the catalogue's vendors, then of imported ones; then
// the rest of each.
const numGroups = 7

// companyGroup lists the vendors whose name or own alias starts with the
// query (two characters or more) as whole words, of those sites load most
// (data.PrevalenceRank), most loaded first: a company's name ("google") is shared by many of its
// products, and fuzzy's score, which costs a point for each letter not
// typed, listed them shortest alias first (Google Pay, "google cdn",
// "google cse") and Google Analytics 17th (trial6).
const companyGroup = 2

func group(exact, strong, imported bool) int {
	g := 5
	switch {
	case exact:
		g = 0
	case strong:
		g = 3
	}
	if imported {
		g++
	}
	return g
}

// leads reports whether the folded query (trimmed, not empty) starts the
// folded entry as whole words, in any case, as fuzzy matches: "google"
// starts "Google Analytics" and "google", not "googleapis".
func leads(entry, query string) bool {
	if len(entry) < len(query) || len(entry) > len(query) && !wordBreak[entry[len(query)]] {
		return false
	}
	for i := 0; i < len(query); i++ {
		a, b := entry[i], query[i]
		if a != b && (a|0x20 != b|0x20 || a|0x20 < 'a' || a|0x20 > 'z') {
			return false
		}
	}
	return true
}

// rankCompany ranks companyGroup at once: of the vendors an entry of
// which the query leads (mayLead), those not named and among the most
// loaded (data.PrevalenceRank), most loaded first, each by its best entry
// (as its place in any other group would show it), scored for the query
// as typed (folded, not trimmed), as fuzzy scores it. They are few: a
// company's products in the catalogue.
func (r *results) rankCompany(leading []int32, query string) {
	x := r.x
	type member struct {
		v    int32
		rank int
	}
	var ms []member
	for _, v := range leading {
		if r.exact[v] || r.company[v] {
			continue
		}
		if rank := data.PrevalenceRank(x.vendors[v].ID); rank > 0 {
			if r.company == nil {
				r.company = map[int32]bool{}
			}
			r.company[v] = true
			ms = append(ms, member{v, rank})
		}
	}
	if len(ms) == 0 {
		return
	}
	slices.SortFunc(ms, func(a, b member) int { return a.rank - b.rank })
	p := fuzzy.NewPattern(query)
	for _, m := range ms {
		imported := x.imported[m.v]
		r.left[group(false, false, imported)]--
		if r.strong[m.v] {
			r.left[group(false, true, imported)]--
		}
		r.groups[companyGroup] = append(r.groups[companyGroup], x.bestEntry(m.v, p))
	}
}

// bestEntry is vendor v's best matching entry by rankScore, the first
// among equals, as a Result: what its place in a ranking shows.
func (x *Index) bestEntry(v int32, p *fuzzy.Pattern) Result {
	first, _ := slices.BinarySearch(x.owner, v)
	best, bestRank := Result{Vendor: v, Entry: -1}, 0
	for e := first; e < len(x.owner) && x.owner[e] == v; e++ {
		score, ok := p.Score(x.fuzzy.Entry(e))
		if !ok {
			continue
		}
		if rank := rankScore(score, x.handicapped != nil && x.handicapped[e]); best.Entry < 0 || rank > bestRank {
			best, bestRank = Result{Vendor: v, Entry: int32(e), Score: int32(score), Field: x.where[e].field}, rank
		}
	}
	return best
}

// mayLead reports whether entry e may put its vendor in companyGroup: a
// name or an alias of the vendor's own (not a host, nor a handicapped
// entry) that the folded, trimmed query starts as whole words.
func (x *Index) mayLead(e int, query string) bool {
	return x.where[e].field != Domain && (x.handicapped == nil || !x.handicapped[e]) && leads(x.fuzzy.Entry(e), query)
}

// leadStart is, for the folded, trimmed query, the startBit of an entry
// it may lead (mayLead), which an entry's initials rule most others out
// by; or 0 for a query of one character, which names no company and
// matches most entries.
func leadStart(query string) uint64 {
	if utf8.RuneCountInString(query) < 2 {
		return 0
	}
	return startBit(query[0])
}
