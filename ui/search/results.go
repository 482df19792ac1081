package search

import (
	"maps"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/ui/fuzzy"
)

// Results is a ranking of vendors, Find's order, settled only as far as it
// is read: the browser shows a screenful of a ranking that may hold a
// million entries, so the fuzzy index ranks its first places and the rest
// waits until the user scrolls to it. Len is known at once. A Results is
// safe for concurrent use; its copies share what has been settled.
type Results struct{ r *results }

type results struct {
	mu    sync.Mutex
	x     *Index
	query string // folded and trimmed
	fuzzy fuzzy.Ranked
	n     int // vendors
	next  int // places of fuzzy read
	met   []bool
	// strong marks the vendors with an entry that strongly matches (not
	// only their best): they may join a strong group.
	strong []bool
	exact  map[int32]bool // the vendors the query names (exactQuery), nil for none
	// company marks the vendors of companyGroup, ranked at once (placed).
	company map[int32]bool
	// groups holds the vendors met so far in each of curatedFirst's
	// groups, in order; left[g] counts the matched vendors that may still
	// join group g, so a group is complete when it reaches zero.
	groups [numGroups][]Result
	left   [numGroups]int
	all    []Result // instead of the above, a ranking settled in full
	direct bool     // the catalogue's vendors ranked at once (placed)
	// held keeps the handicapped entries read, in ranking order, until
	// no entry still to come can rank above them (see rankScore).
	held []Result
}

// ResultsOf is rs, ranked already, as a Results.
func ResultsOf(rs []Result) Results { return Results{&results{all: rs, n: len(rs)}} }

// Len is the number of vendors ranked.
func (rs Results) Len() int {
	if rs.r == nil {
		return 0
	}
	return rs.r.n
}

// At is the i-th vendor of the ranking.
func (rs Results) At(i int) Result {
	r := rs.r
	if r.all != nil {
		return r.all[i]
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for {
		if res, ok := r.settled(i); ok {
			return res
		}
		if r.next == r.fuzzy.Len() {
			panic("search: the whole ranking read and a group still waits for vendors")
		}
		r.meetMore()
	}
}

// PlaceOf is the place of vendor v (an index of Vendors) in the ranking,
// looked for only among the places settled already: a lookup that opens a
// vendor's card moves the list's cursor to it without ranking a million
// vendors to find it. ok is false when v is not among them.
func (rs Results) PlaceOf(v int32) (int, bool) {
	r := rs.r
	if r == nil {
		return 0, false
	}
	if r.all != nil {
		for i, res := range r.all {
			if res.Vendor == v {
				return i, true
			}
		}
		return 0, false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := 0; i < r.n; i++ {
		res, ok := r.settled(i)
		if !ok {
			break
		}
		if res.Vendor == v {
			return i, true
		}
	}
	return 0, false
}

// All is the whole ranking.
func (rs Results) All() []Result {
	out := make([]Result, rs.Len())
	for i := range out {
		out[i] = rs.At(i)
	}
	return out
}

// settled is place i, if the vendors met so far decide it: it lies in a
// group whose earlier groups are complete, among the members met.
func (r *results) settled(i int) (Result, bool) {
	for g := range r.groups {
		if i < len(r.groups[g]) {
			return r.groups[g][i], true
		}
		if r.left[g] > 0 {
			return Result{}, false
		}
		i -= len(r.groups[g])
	}
	panic("search: a place beyond the ranking")
}

// meetMore reads the fuzzy ranking's next places. Entries come best first,
// ties in entry order; a vendor's entries sit together and vendors are
// indexed in name order, so a vendor's first entry met is its best and
// vendors are met by best score, ties by name. A handicapped entry ranks
// handicapPoints lower (rankScore): it is held until the ranking reaches
// entries it outranks, or its end.
func (r *results) meetMore() {
	x, n := r.x, 0
	r.fuzzy.Each(r.next, func(e, score int) bool {
		r.next++
		n++
		if v := x.owner[e]; !r.met[v] && !r.placed(v) {
			res := Result{Vendor: v, Entry: int32(e), Score: int32(score), Field: x.where[e].field}
			if x.handicapped != nil && x.handicapped[e] {
				r.held = append(r.held, res)
			} else {
				r.release(score, e)
				r.meet(res)
			}
		}
		return n < 256
	})
	if r.next == r.fuzzy.Len() {
		r.release(math.MinInt, 0)
	}
}

// release meets the held entries that rank above an entry of score at
// place e: a lower rankScore, or an equal one and a later entry.
func (r *results) release(score, e int) {
	for len(r.held) > 0 {
		h := r.held[0]
		if hs := rankScore(int(h.Score), true); hs < score || hs == score && int(h.Entry) > e {
			return
		}
		r.held = r.held[1:]
		r.meet(h)
	}
}

// meet adds a vendor's best entry to its group, once.
func (r *results) meet(res Result) {
	if r.met[res.Vendor] {
		return
	}
	r.met[res.Vendor] = true
	strong := r.x.anyImported && strongMatch(r.x.fuzzy.Entry(int(res.Entry)), r.x.initials[res.Entry], r.query)
	r.add(res, strong)
}

// placed reports whether vendor v was ranked before reading the fuzzy
// ranking: with imports, the catalogue's vendors (a thousand or two) are
// ranked at once when few of their entries match, so that their groups,
// which list first, are complete without reading the ranking to the last
// of them.
func (r *results) placed(v int32) bool { return r.direct && !r.x.imported[v] || r.company[v] }

// placeBelow is the number of matching entries of the catalogue's vendors
// under which they are ranked at once.
const placeBelow = 4096

// add puts a vendor, met in ranking order, in its group.
func (r *results) add(res Result, strong bool) {
	imported := r.x.imported[res.Vendor]
	if r.exact != nil && r.exact[res.Vendor] {
		g := group(true, false, imported)
		r.groups[g] = append(r.groups[g], res)
		r.left[g]--
		return
	}
	g := group(false, strong, imported)
	r.groups[g] = append(r.groups[g], res)
	r.left[group(false, false, imported)]--
	if r.strong[res.Vendor] {
		r.left[group(false, true, imported)]--
	}
}

// rankPlaced ranks the vendors placed reports, from their matching
// entries: each by its best entry by rankScore (the first among equals),
// best first, ties by name.
func (r *results) rankPlaced(entries []int32, query string) {
	x := r.x
	p := fuzzy.NewPattern(query)
	type ranked struct {
		Result
		rank int
	}
	best := map[int32]ranked{}
	for _, e := range entries {
		score, _ := p.Score(x.fuzzy.Entry(int(e)))
		rank := rankScore(score, x.handicapped != nil && x.handicapped[e])
		v := x.owner[e]
		if b, ok := best[v]; !ok || rank > b.rank || rank == b.rank && e < b.Entry {
			best[v] = ranked{Result{Vendor: v, Entry: e, Score: int32(score), Field: x.where[e].field}, rank}
		}
	}
	rs := slices.Collect(maps.Values(best))
	slices.SortFunc(rs, func(a, b ranked) int {
		if a.rank != b.rank {
			return b.rank - a.rank
		}
		return int(a.Vendor - b.Vendor)
	})
	for _, res := range rs {
		if !r.company[res.Vendor] {
			r.add(res.Result, strongMatch(x.fuzzy.Entry(int(res.Entry)), x.initials[res.Entry], r.query))
		}
	}
}

// name marks vendor v as one the query names.
func (r *results) name(v int32) {
	if r.exact == nil {
		r.exact = map[int32]bool{}
	}
	r.exact[v] = true
}

// Rank ranks vendors for query as Find does, lazily: the vendors the query
// names (exactQuery: "ga" is an alias of Google Analytics) first, then
// the catalogue's vendors before the ones only imported datasets know,
// except that a vendor whose matched name, alias or domain has a word that
// starts with the query comes before both ("adara" finds the imported ADARA
// MEDIA UNLIMITED before the catalogue's Sportradar); among those named,
// the catalogue's come first too.
func (x *Index) Rank(query string) Results {
	if strings.TrimSpace(query) == "" {
		return ResultsOf(x.Find(""))
	}
	x.entries()
	r := &results{x: x, query: data.Fold(strings.TrimSpace(query)), fuzzy: x.fuzzy.FindRanked(data.Fold(query)), met: make([]bool, len(x.vendors))}
	// Count the vendors, and those that may join each group, from the
	// matches alone: no ranking is needed for that.
	r.strong = make([]bool, len(x.vendors))
	named := newExactQuery(query)
	var placed, leading []int32
	start := leadStart(r.query)
	r.fuzzy.EachMatch(func(e int) {
		v := x.owner[e]
		if x.anyImported && !x.imported[v] && len(placed) <= placeBelow {
			placed = append(placed, int32(e))
		}
		if !r.met[v] {
			r.met[v] = true
			r.n++
			r.left[group(false, false, x.imported[v])]++
		}
		if x.anyImported {
			initials := x.initials[e]
			if !r.strong[v] && strongMatch(x.fuzzy.Entry(e), initials, r.query) {
				r.strong[v] = true
				r.left[group(false, true, x.imported[v])]++
			}
			if start != 0 && initials&(start|hostEntry) == start && x.mayLead(e, r.query) {
				leading = append(leading, v)
			}
			if initials&named.start == 0 || initials&hostEntry != 0 {
				return
			}
		} else if start != 0 && x.initials[e]&(start|hostEntry) == start && x.mayLead(e, r.query) {
			leading = append(leading, v)
		}
		if named.entry(x.fuzzy.Entry(e), x.where[e].field) {
			r.name(v)
		}
	})
	if v, ok := x.byID[named.id]; ok && named.id != "" && r.met[v] {
		r.name(int32(v))
	}
	// A vendor named joins its exact group and no other.
	for v := range r.exact {
		imported := x.imported[v]
		r.left[group(false, false, imported)]--
		if r.strong[v] {
			r.left[group(false, true, imported)]--
		}
		r.left[group(true, false, imported)]++
	}
	r.rankCompany(leading, data.Fold(query))
	clear(r.met)
	if r.direct = x.anyImported && len(placed) <= placeBelow; r.direct {
		r.rankPlaced(placed, data.Fold(query))
	}
	return Results{r}
}
