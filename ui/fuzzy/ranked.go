package fuzzy

import (
	"strings"

	sahilm "github.com/sahilm/fuzzy"
)

// Ranked is the ranking of one query: fuzzy.Find's order and scores, as
// entry indexes, without building a Match per entry. Match(i) builds the
// i-th one when asked, so a screen pays only for the rows it shows; the
// order itself is settled as far as it is read (lazy.go).
// A Ranked stays valid after later queries and is safe for concurrent use.
type Ranked struct {
	s       *Index
	pattern []rune
	lower   []byte     // pattern lower-cased, nil unless all ASCII
	order   []int32    // entry indexes, best first
	scores  []int32    // score of order[i]
	runs    []scoreRun // instead of scores, for a one-character query
	matches []Match    // only when fuzzy.Find itself answered
	lazy    *lazyRank  // instead of order and scores, settled as read
}

// Len is the number of matching entries.
func (r Ranked) Len() int {
	if r.lazy != nil {
		return len(r.lazy.ents)
	}
	return len(r.order)
}

// EachMatch calls f with the entry index of every match, in no particular
// order, without ranking them: a count of what matched needs no order.
func (r Ranked) EachMatch(f func(entry int)) {
	order := r.order
	if r.lazy != nil {
		order = r.lazy.ents // read-only once made
	}
	for _, e := range order {
		f(int(e))
	}
}

// Each calls f with the entry index and score of each match from place
// from on, best first, until f returns false: a caller reading many places
// settles and locks once per run of them, not once a place.
func (r Ranked) Each(from int, f func(entry, score int) bool) {
	for i := from; i < r.Len(); {
		es, ss := r.settledFrom(i)
		for k := range es {
			if !f(int(es[k]), int(ss[k])) {
				return
			}
		}
		i += len(es)
	}
}

// settledFrom is the entries and scores of places i on, as far as they are
// settled (at least place i). Settling only appends, so the slices stay
// valid unlocked.
func (r Ranked) settledFrom(i int) ([]int32, []int32) {
	switch {
	case r.lazy != nil:
		l := r.lazy
		l.mu.Lock()
		defer l.mu.Unlock()
		l.settle(i)
		return l.order[i:len(l.order):len(l.order)], l.ranked[i:len(l.order):len(l.order)]
	case r.runs != nil:
		n := min(len(r.order)-i, firstPlaces)
		ss := make([]int32, n)
		for k := range ss {
			ss[k] = scoreAt(r.runs, i+k)
		}
		return r.order[i : i+n], ss
	}
	return r.order[i:], r.scores[i:]
}

// Index is the entry index of the i-th best match.
func (r Ranked) Index(i int) int {
	e, _ := r.at(i)
	return int(e)
}

// Score is the score of the i-th best match.
func (r Ranked) Score(i int) int {
	_, sc := r.at(i)
	return int(sc)
}

// at is the entry and score of the i-th best match.
func (r Ranked) at(i int) (int32, int32) {
	if r.runs != nil {
		return r.order[i], scoreAt(r.runs, i)
	}
	es, ss := r.settledFrom(i)
	return es[0], ss[0]
}

// Match is the i-th best match, exactly fuzzy.Find's i-th, offsets and all.
func (r Ranked) Match(i int) Match {
	if r.matches != nil {
		return r.matches[i]
	}
	e, sc := r.at(i)
	return Match{
		Str:            r.s.text.entry(e),
		Index:          int(e),
		MatchedIndexes: r.s.offsets(r.pattern, r.lower, e, make([]int, len(r.pattern))),
		Score:          int(sc),
	}
}

// FindRanked ranks the entries matching query as Find does, with the same
// order and scores, but computes the matched offsets only when Match asks,
// and scores only as many matches as the places read need (Len needs none).
// A one-character query is a lookup in tables built with the index.
func (s *Index) FindRanked(query string) Ranked {
	if query == "" {
		return Ranked{s: s}
	}
	if strings.ContainsRune(query, 0) {
		ms := sahilm.Find(query, s.text.all())
		r := Ranked{s: s, matches: ms, order: make([]int32, len(ms)), scores: make([]int32, len(ms))}
		for i, m := range ms {
			r.order[i], r.scores[i] = int32(m.Index), int32(m.Score)
		}
		return r
	}
	pattern := []rune(query)
	r := Ranked{s: s, pattern: pattern, lower: lowerASCII(pattern)}
	if k := queryLetter(query); k >= 0 {
		// Narrowing from it would gain nothing: the masks alone pick out
		// exactly the entries holding a letter or digit.
		t := s.letterTable(k)
		r.order, r.runs = t.entries(), t.runs
		return r
	}
	parts, total, matched := s.collect(query, matchTop)
	r.lazy = newLazyRank(matched, newLazyPattern(pattern, r.lower), parts, total)
	releaseHits(parts)
	return r
}
