// Package fuzzy ranks strings against a query with exactly the result of
// github.com/sahilm/fuzzy's Find: the same matches, the same scores, the
// same byte offsets of the matched characters and the same order (best
// score first, ties in entry order). The differential test holds every path
// below to that contract; nothing here knows what the strings name.
//
// The general matcher (fuzzyScore) is sahilm/fuzzy's, step for step,
// without its allocations. Beside it, each giving the same answer faster:
//   - a 64-bit mask of character classes per entry rejects, with one AND,
//     an entry lacking a character of the query (mask.go);
//   - a query that extends the previous one scores only the previous matches;
//   - ASCII entries and queries are matched on bytes (fuzzyScoreASCII), and
//     one-character queries by scoreOne/scoreOneASCII;
//   - one-character queries that are a letter or digit are ranked once, on
//     the first of them or by Prepare (letters.go);
//   - ranking is a counting sort on the narrow range of scores, and the
//     scoring is spread over the cores;
//   - FindRanked defers the matched offsets to the rows a caller shows,
//     and ranks only the first places until more are read (lazy.go).
package fuzzy

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	sahilm "github.com/sahilm/fuzzy"
)

// Match is one ranked result of Index.Find: exactly what fuzzy.Find
// returns (the entry, its index, the byte offsets of the matched characters
// and the score).
type Match = sahilm.Match

// Index finds entries the way fuzzy.Find does, with the same matches,
// scores and order, but without scoring entries that cannot match: each entry
// keeps a 64-bit set of the character classes it holds, and an entry that
// lacks one of the query's classes is rejected before fuzzy scoring. Queries
// that extend the previous one search only its matches, and the scoring is
// spread over the available cores. One-character queries (a letter or a
// digit) are ranked once, on the first of them or by Prepare.
//
// A Index is safe for concurrent use.
type Index struct {
	text   texts
	masks  []uint64
	shapes []shape // what bounds each entry's score (lazy.go)
	// letters are built on the first one-character query, or by Prepare:
	// a one-off search (vendex search) never needs them.
	lettersOnce sync.Once
	letters     [numLetters]letterTable

	mu   sync.Mutex
	last lastQuery
}

// lastQuery remembers the matching entries of the latest query, for
// narrowing: whatever matches "anal" also matches "ana" (fuzzy's matching is
// monotone in the pattern's prefix), so "anal" need only look at those.
// When they are few, their texts and masks are kept with them, copied in
// order: the next keystroke reads one short block instead of a few bytes
// here and there across the whole index, which at a million entries cost
// it more than the matching.
type lastQuery struct {
	query   string
	matched view
}

// view is some of the entries, in entry order: which entry each place is
// (idx; nil when the view is every entry), and their texts and masks, by
// place if the view has its own copy (own), else by entry.
type view struct {
	idx    []int32
	own    bool
	text   *texts
	masks  []uint64
	shapes []shape
}

// copyBelow is the share of the entries under which a query's matches are
// copied for the next keystroke: above it they lie so densely that reading
// them where they are reads the same memory.
const copyBelow = 8

func (v *view) entry(k int32) int32 {
	if v.idx == nil {
		return k
	}
	return v.idx[k]
}

// at is the text, mask and shape of place k.
func (v *view) at(k int32) (string, uint64, shape) {
	if !v.own {
		k = v.entry(k)
	}
	return v.text.at(k), v.masks[k], v.shapes[k]
}

// NewIndex indexes entries; Find's Match.Index refers to this slice.
// It keeps a copy of them, not the slice.
func NewIndex(entries []string) *Index {
	s := &Index{text: newTexts(entries), masks: make([]uint64, len(entries)), shapes: make([]shape, len(entries))}
	for i := range entries {
		t := s.text.at(int32(i))
		s.masks[i], s.shapes[i] = runeMask(t), shapeOf(t)
	}
	return s
}

// Prepare ranks every one-character query now rather than on the first of
// them: an interactive caller does it before the first keystroke.
func (s *Index) Prepare() {
	s.lettersOnce.Do(func() { s.letters = buildLetters(&s.text, s.masks) })
}

// letterTable is the ranking of the one-character query class k.
func (s *Index) letterTable(k int) letterTable {
	s.Prepare()
	return s.letters[k]
}

// Len is the number of entries.
func (s *Index) Len() int { return len(s.masks) }

// Entry returns entry i.
func (s *Index) Entry(i int) string { return s.text.entry(int32(i)) }

// parallelMin is the number of candidates below which one goroutine is
// faster than several.
const parallelMin = 4096

// Find returns the entries matching query, best first, exactly as
// sahilm.Find(query, entries) would. It builds every match with its offsets;
// a screen that shows a few rows at a time wants FindRanked.
func (s *Index) Find(query string) []Match {
	if query == "" {
		return nil
	}
	// fuzzy stops a string at its first NUL, and a NUL in the pattern
	// upsets its bookkeeping: leave such queries to it.
	if strings.ContainsRune(query, 0) {
		return sahilm.Find(query, s.text.all())
	}
	if k := queryLetter(query); k >= 0 {
		return s.letterMatches(query, s.letterTable(k))
	}
	parts, total, _ := s.collect(query, scoreOffsets)
	rank(parts, total)
	out := make([]Match, total)
	fill := func(p part) {
		for _, h := range p.hits {
			out[h.pos] = Match{
				Str:            s.text.entry(h.entry),
				Index:          int(h.entry),
				MatchedIndexes: p.offsets[h.offset : h.offset+h.n : h.offset+h.n],
				Score:          int(h.score),
			}
		}
	}
	if len(parts) == 1 {
		fill(parts[0])
	} else {
		var wg sync.WaitGroup
		for _, p := range parts {
			wg.Add(1)
			go func() {
				defer wg.Done()
				fill(p)
			}()
		}
		wg.Wait()
	}
	releaseHits(parts)
	return out
}

// MatchedIndexes is what fuzzy.Find gives as MatchedIndexes for entry i and
// query: the byte offsets of the matched characters (nil if it does not
// match). The browser asks it for the rows on screen only.
func (s *Index) MatchedIndexes(query string, i int) []int {
	if query == "" {
		return nil
	}
	if strings.ContainsRune(query, 0) {
		if ms := sahilm.Find(query, []string{s.text.entry(int32(i))}); len(ms) == 1 {
			return ms[0].MatchedIndexes
		}
		return nil
	}
	pattern := []rune(query)
	return s.offsets(pattern, lowerASCII(pattern), int32(i), make([]int, len(pattern)))
}

// offsets scores entry i alone and returns its matched offsets, in buf.
func (s *Index) offsets(pattern []rune, lower []byte, i int32, buf []int) []int {
	_, idx, ok := s.scoreEntry(pattern, lower, i, buf)
	if !ok {
		return nil
	}
	return idx
}

// judge is what collect learns of each match.
type judge uint8

const (
	scoreOffsets judge = iota // its score and matched offsets
	matchTop                  // that it matches; its score only if it may rank first (lazy.go)
)

// collect judges every entry that may match query, on several cores, and
// remembers the matches for narrowing: that view of them is returned too.
func (s *Index) collect(query string, how judge) ([]part, int, *view) {
	qmask := runeMask(query) &^ nonASCII

	s.mu.Lock()
	prev := s.last
	s.mu.Unlock()

	from := &view{text: &s.text, masks: s.masks, shapes: s.shapes}
	if prev.query != "" && strings.HasPrefix(query, prev.query) {
		from = &prev.matched
	}
	parts, keep := s.score(query, from, qmask, how)

	total, bytes := 0, 0
	for _, p := range parts {
		total += len(p.hits)
		bytes += len(p.text)
	}
	matched := view{idx: make([]int32, 0, total), text: &s.text, masks: s.masks, shapes: s.shapes}
	if keep {
		matched.own = true
		matched.text = &texts{buf: make([]byte, 0, bytes), ends: make([]uint32, 0, total)}
		matched.masks = make([]uint64, 0, total)
		matched.shapes = make([]shape, 0, total)
	}
	for _, p := range parts {
		base := uint32(len(matched.text.buf))
		if keep {
			matched.text.buf = append(matched.text.buf, p.text...)
			matched.masks = append(matched.masks, p.masks...)
			matched.shapes = append(matched.shapes, p.shapes...)
		}
		for _, h := range p.hits {
			matched.idx = append(matched.idx, h.entry)
			if keep {
				matched.text.ends = append(matched.text.ends, base+h.end)
			}
		}
	}
	s.mu.Lock()
	s.last = lastQuery{query: query, matched: matched}
	s.mu.Unlock()
	return parts, total, &matched
}

func releaseHits(parts []part) {
	for _, p := range parts {
		h := p.hits
		hitPool.Put(&h)
	}
}

// candPool recycles the candidate lists: they live only during a Find.
var candPool = sync.Pool{New: func() any { return new([]int32) }}

// hit is a match while it is being ranked: small and free of pointers.
type hit struct {
	entry  int32
	score  int32
	offset int32 // of its matched offsets in its part's offsets
	n      int32
	pos    int32  // its place in the ranking
	end    uint32 // the end of its text in its part's text, if kept
}

// part is what one core found: hits in entry order, their offsets and,
// when kept, their texts one after another, their masks and shapes.
type part struct {
	hits    []hit
	offsets []int
	text    []byte
	masks   []uint64
	shapes  []shape
	top     topK // with matchTop, the best matches, each hit's pos its place in hits
}

// score runs the matcher over the places of from whose masks hold qmask,
// in chunks on several cores; parts come in entry order. It says whether
// the parts keep the matches' texts: a query left with few candidates
// copies them (scoreChunk does, as it reads them).
//
// The chunks are several a core, each worker taking the next as it
// finishes one: on a machine whose other cores are busy, a worker that has
// a core does the work of one that waits for it, rather than the keystroke
// waiting for the slower half. The masks are read the same way first, each
// chunk's candidates picked out by whichever worker is free: at a million
// entries that was a few milliseconds of one core.
func (s *Index) score(query string, from *view, qmask uint64, how judge) ([]part, bool) {
	pattern := []rune(query)
	n := len(from.masks)
	if from.idx != nil {
		n = len(from.idx)
	}
	workers, chunks := runtime.GOMAXPROCS(0), 1
	if n >= parallelMin && workers >= 2 {
		chunks = min(workers*chunksPerWorker, (n+minChunk-1)/minChunk)
	} else {
		workers = 1
	}
	size := (n + chunks - 1) / chunks
	cands := make([]*[]int32, chunks)
	each(workers, chunks, func(c int) {
		cp := candPool.Get().(*[]int32)
		*cp = from.candidates((*cp)[:0], s.masks, qmask, min(c*size, n), min((c+1)*size, n))
		cands[c] = cp
	})
	total := 0
	for _, cp := range cands {
		total += len(*cp)
	}
	keep := total*copyBelow < s.Len()
	if total < parallelMin {
		workers = 1
	}
	parts := make([]part, chunks)
	fl := newFloor()
	each(workers, chunks, func(c int) {
		parts[c] = scoreChunk(pattern, from, *cands[c], how, keep, fl)
		candPool.Put(cands[c])
	})
	return parts, keep
}

// each runs f(0) to f(n-1) on workers goroutines, each taking the next
// number as it finishes one.
func each(workers, n int, f func(int)) {
	if workers < 2 || n < 2 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int32
	parallel(min(workers, n), func(int) {
		for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
			f(i)
		}
	})
}

// candidates appends to dst the places lo to hi of v whose masks (masks
// by entry, for a view without its own) hold qmask.
func (v *view) candidates(dst []int32, masks []uint64, qmask uint64, lo, hi int) []int32 {
	if v.own || v.idx == nil {
		for k, m := range v.masks[lo:hi] {
			if m&qmask == qmask {
				dst = append(dst, int32(lo+k))
			}
		}
		return dst
	}
	for k, i := range v.idx[lo:hi] {
		if masks[i]&qmask == qmask {
			dst = append(dst, int32(lo+k))
		}
	}
	return dst
}

// chunksPerWorker is how many chunks score makes a core.
const chunksPerWorker = 4

// minChunk is the fewest places score gives a chunk: each chunk fills a
// top of its own, and a keystroke that narrows to some ten thousand
// matches spent more on eight of them than it saved (a variable so that
// tests can cut a few thousand entries into many parts).
var minChunk = 2 * parallelMin

// scoreChunk judges the candidates, places in from; with keep, it copies
// the texts of the matches. With matchTop, a match is scored only if its
// bound may place it in the chunk's top and reaches fl, which the chunk
// raises as its top fills.
func scoreChunk(pattern []rune, from *view, cands []int32, how judge, keep bool, fl *floor) part {
	hp := hitPool.Get().(*[]hit)
	p := part{hits: (*hp)[:0]}
	if how == scoreOffsets {
		p.offsets = make([]int, 0, len(pattern)*len(cands))
	}
	buf := make([]int, len(pattern))
	lower := lowerASCII(pattern)
	lp := newLazyPattern(pattern, lower)
	for _, k := range cands {
		str, mask, sh := from.at(k)
		var score int32
		var idx []int
		if how == matchTop {
			// Scoring tells a match too; a match that cannot rank first
			// is only tested.
			score = unscored
			if b := lp.bound(sh, len(str)); p.top.beats(b) && b >= fl.at() {
				sc, _, ok := scoreString(pattern, lower, str, mask, buf)
				if !ok {
					continue
				}
				score = int32(sc)
				if p.top.beats(score) {
					p.top.add(hit{entry: from.entry(k), score: score, pos: int32(len(p.hits))})
					if len(p.top) == firstPlaces {
						fl.raise(p.top[0].score)
					}
				}
			} else if !lp.matches(str, mask) {
				continue
			}
		} else {
			sc, at, ok := scoreString(pattern, lower, str, mask, buf)
			if !ok {
				continue
			}
			score, idx = int32(sc), at
		}
		if keep {
			p.text = append(p.text, str...)
			p.masks = append(p.masks, mask)
			p.shapes = append(p.shapes, sh)
		}
		p.hits = append(p.hits, hit{entry: from.entry(k), score: score, offset: int32(len(p.offsets)), n: int32(len(idx)),
			end: uint32(len(p.text))})
		p.offsets = append(p.offsets, idx...)
	}
	return p
}

// scoreEntry is fuzzy's verdict on entry i, by the fastest matcher that
// gives the same answer; offsets go to buf.
func (s *Index) scoreEntry(pattern []rune, lower []byte, i int32, buf []int) (int, []int, bool) {
	return scoreString(pattern, lower, s.text.at(i), s.masks[i], buf)
}

// scoreString is fuzzy's verdict on str (up to its first NUL), whose mask
// is mask, by the fastest matcher that gives the same answer.
func scoreString(pattern []rune, lower []byte, str string, mask uint64, buf []int) (int, []int, bool) {
	switch {
	case len(lower) == 1 && mask&nonASCII == 0:
		return scoreOneASCII(str, lower[0], buf)
	case len(pattern) == 1:
		return scoreOne(str, pattern[0], buf)
	case len(lower) == 2 && mask&nonASCII == 0:
		return fuzzyScore2ASCII(str, lower[0], lower[1], buf)
	case lower != nil && mask&nonASCII == 0:
		return fuzzyScoreASCII(str, lower, buf)
	case lower != nil && !foldsBeyond(lower):
		return fuzzyScoreASCIIPattern(str, lower, buf)
	default:
		return fuzzyScore(str, pattern, buf)
	}
}

// hitPool recycles hit lists: they live only during a Find.
var hitPool = sync.Pool{New: func() any { return new([]hit) }}

// rank gives every hit its place as fuzzy.Find orders them: a stable sort
// by descending score, ties in entry order. Scores fall in a narrow range,
// so a counting sort does it in linear time.
func rank(parts []part, total int) {
	if total == 0 {
		return
	}
	lo, hi := int32(1<<30), int32(-1<<30)
	for _, p := range parts {
		for _, h := range p.hits {
			lo = min(lo, h.score)
			hi = max(hi, h.score)
		}
	}
	if int(hi-lo) > 4*total {
		// Scores spread too far for counting: sort the places instead.
		type ref struct{ part, i int }
		refs := make([]ref, 0, total)
		for pi, p := range parts {
			for i := range p.hits {
				refs = append(refs, ref{pi, i})
			}
		}
		slices.SortStableFunc(refs, func(a, b ref) int {
			return int(parts[b.part].hits[b.i].score - parts[a.part].hits[a.i].score)
		})
		for pos, r := range refs {
			parts[r.part].hits[r.i].pos = int32(pos)
		}
		return
	}
	// start[k] becomes the next free place for a hit scoring hi-k.
	start := make([]int32, hi-lo+2)
	for _, p := range parts {
		for _, h := range p.hits {
			start[hi-h.score+1]++
		}
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	for _, p := range parts {
		for i := range p.hits {
			k := hi - p.hits[i].score
			p.hits[i].pos = start[k]
			start[k]++
		}
	}
}
