package fuzzy

import (
	"encoding/binary"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"
)

// Lazy ranking. A screen shows a few dozen rows, yet a second keystroke at
// a million entries matches a third of them, and scoring each one is most of
// what the keystroke costs. FindRanked therefore only tests which entries
// match (cheaper than scoring, and enough for the count and for narrowing
// the next keystroke) and scores a match only if an upper bound on its
// score could place it among the best firstPlaces its core has seen. Those
// places are then final; reading past them scores and ranks the rest.
//
// The bound follows fuzzy's scoring: an entry scores its matched characters'
// bonuses, plus the query's length, minus its own length in bytes. A
// character earns a camel-case or separator bonus only where it starts a
// word of the entry, and an adjacency bonus only where it follows the
// query's previous character: an entry's shape says which classes of
// characters start a word, and which pairs of classes stand side by side.

// shape is what bounds an entry's score: the classes of characters that
// start one of its words (as fuzzy's bonuses have it: the first character,
// one after a separator, an upper-case one after a lower-case one), and a
// set of the pairs of classes that stand side by side in it (pairBit).
type shape struct{ heads, pairs uint64 }

func shapeOf(s string) shape {
	var sh shape
	var last byte
	var lastClass uint64
	for j := 0; j < len(s); j++ {
		c := s[j]
		if c >= utf8.RuneSelf {
			return shapeOfRunes(s)
		}
		class := asciiClass[c]
		if j == 0 || bonusASCII[last][c] != 0 {
			sh.heads |= class
		}
		if j > 0 {
			sh.pairs |= pairBit(lastClass, class)
		}
		last, lastClass = c, class
	}
	return sh
}

// shapeOfRunes is shapeOf for a string beyond ASCII.
func shapeOfRunes(s string) shape {
	var sh shape
	var last rune
	var lastClass uint64
	for j, c := range s {
		class := runeClass(c)
		if c < utf8.RuneSelf {
			class = asciiClass[c]
		}
		if j == 0 || isSeparator(last) || isLower(last) && isUpper(c) {
			sh.heads |= class
		}
		if j > 0 {
			sh.pairs |= pairBit(lastClass, class)
		}
		last, lastClass = c, class
	}
	return sh
}

// pairBit is the bit of a shape's pairs for class a followed by class b
// (each one bit of a mask); pairs share bits, which only loosens a bound.
func pairBit(a, b uint64) uint64 {
	return 1 << ((bits.TrailingZeros64(a)*37 + bits.TrailingZeros64(b)) & 63)
}

// lazyPattern is a query as the lazy ranking tests and bounds it.
type lazyPattern struct {
	pattern []rune
	lower   []byte // pattern lower-cased, nil unless all ASCII
	bytes   bool   // lower matches any entry byte by byte (no k or s, which fold beyond ASCII)
	class   []uint64
	pair    []uint64 // pairBit of characters i-1 and i
}

// maxBound keeps bounds of long queries (the adjacency bonus triples with
// each adjacent character) within int32; it only loosens them.
const maxBound = 1 << 28

// wordStartBonus is the most a character earns for starting a word: a
// camel-case hump or a character after a separator, never both.
const wordStartBonus = max(camelCaseMatchBonus, matchFollowingSeparatorBonus)

func newLazyPattern(pattern []rune, lower []byte) lazyPattern {
	p := lazyPattern{pattern: pattern, lower: lower, bytes: lower != nil && !foldsBeyond(lower)}
	for i, r := range pattern {
		c := runeClass(r)
		if r < utf8.RuneSelf {
			c = asciiClass[r]
		}
		p.class = append(p.class, c)
		if i > 0 {
			p.pair = append(p.pair, pairBit(p.class[i-1], c))
		}
	}
	return p
}

// bound is the most an entry of n bytes and shape sh can score.
func (p *lazyPattern) bound(sh shape, n int) int32 {
	// The first character: the first-character bonus at the start, else a
	// word-start bonus less the leading penalty, else only the penalty.
	b := int64(unmatchedLeadingCharPenalty)
	if sh.heads&p.class[0] != 0 {
		b = max(firstCharMatchBonus, wordStartBonus+unmatchedLeadingCharPenalty)
	}
	adjacent := int64(0)
	for i := 1; i < len(p.class); i++ {
		if sh.heads&p.class[i] != 0 {
			b += wordStartBonus
		}
		if sh.pairs&p.pair[i-1] != 0 {
			bonus := adjacent*2 + adjacentMatchBonus
			adjacent = min(adjacent+bonus, maxBound)
			b = min(b+bonus, maxBound)
		}
	}
	return int32(max(b+int64(len(p.class))-int64(n), -maxBound))
}

// matches reports whether str (whose mask is mask) matches: the query's
// characters appear in it in order, folded as fuzzy folds them. That is
// fuzzy's verdict, without the scoring.
func (p *lazyPattern) matches(str string, mask uint64) bool {
	if p.bytes || p.lower != nil && mask&nonASCII == 0 {
		return matchBytes(str, p.lower)
	}
	i := 0
	for _, c := range str {
		if equalFold(c, p.pattern[i]) {
			if i++; i == len(p.pattern) {
				return true
			}
		}
	}
	return false
}

// Marks in a hit's score and lazyRank.scores.
const (
	unscored = math.MinInt32
	placed   = math.MinInt32 + 1
)

// firstPlaces is how many places FindRanked settles: more than a screen of
// rows. Reading past them ranks the rest at once.
const firstPlaces = 128

// topK keeps the best firstPlaces matches one core has scored, the worst at
// the root, so that a match whose bound cannot beat it is never scored.
// The cores see their matches in entry order, so a later match that ties
// the worst ranks after it: it need not be scored either.
type topK []hit

func (t topK) worse(i, j int) bool {
	if t[i].score != t[j].score {
		return t[i].score < t[j].score
	}
	return t[i].entry > t[j].entry
}

// beats reports whether a match bounded by (or scoring) score, later in
// entry order than all of t, would get a place in t.
func (t topK) beats(score int32) bool { return len(t) < firstPlaces || score > t[0].score }

// add puts h in t, which beats(h.score) allowed.
func (t *topK) add(h hit) {
	if len(*t) < firstPlaces {
		*t = append(*t, h)
		for i := len(*t) - 1; i > 0 && t.worse(i, (i-1)/2); i = (i - 1) / 2 {
			(*t)[i], (*t)[(i-1)/2] = (*t)[(i-1)/2], (*t)[i]
		}
		return
	}
	(*t)[0] = h
	for i := 0; ; {
		w := i
		for _, c := range []int{2*i + 1, 2*i + 2} {
			if c < len(*t) && t.worse(c, w) {
				w = c
			}
		}
		if w == i {
			return
		}
		(*t)[i], (*t)[w] = (*t)[w], (*t)[i]
		i = w
	}
}

// floor is, of the chunks of one keystroke that have firstPlaces matches in
// their top, the highest worst score of a top: that many matches score at
// least it, so a match bounded below it ranks after them all, in any
// chunk, and need not be scored. Shared, it spares each chunk filling its
// own top from scratch.
type floor struct{ v atomic.Int32 }

func newFloor() *floor {
	f := &floor{}
	f.v.Store(unscored)
	return f
}

func (f *floor) at() int32 { return f.v.Load() }

// raise makes the floor score, if that is higher.
func (f *floor) raise(score int32) {
	for old := f.v.Load(); score > old && !f.v.CompareAndSwap(old, score); old = f.v.Load() {
	}
}

// lazyRank is a ranking whose first places are settled; the rest are
// ranked when first read.
type lazyRank struct {
	mu   sync.Mutex
	from *view // the matches, numbered in entry order, as collect kept them
	p    lazyPattern
	ents []int32 // the matches' entries
	// scores, by match: its score, or unscored, or placed (in order)
	scores []int32
	order  []int32 // the settled places: entries, best first
	ranked []int32 // and their scores
}

// newLazyRank takes the matches from parts (hits in entry order, scored or
// not) and settles the best of the parts' tops.
func newLazyRank(from *view, p lazyPattern, parts []part, total int) *lazyRank {
	// from lists the matches' entries already, in the same order: the
	// ranking shares that list (neither changes it) rather than copying it.
	l := &lazyRank{from: from, p: p, ents: from.idx, scores: make([]int32, 0, total)}
	var top []hit
	for _, pt := range parts {
		base := int32(len(l.scores))
		for _, h := range pt.hits {
			l.scores = append(l.scores, h.score)
		}
		for _, h := range pt.top {
			h.pos += base // its match number
			top = append(top, h)
		}
	}
	slices.SortFunc(top, func(a, b hit) int {
		if a.score != b.score {
			return int(b.score - a.score)
		}
		return int(a.entry - b.entry)
	})
	top = top[:min(len(top), firstPlaces)]
	for _, h := range top {
		l.order = append(l.order, h.entry)
		l.ranked = append(l.ranked, h.score)
		l.scores[h.pos] = placed
	}
	return l
}

// settle places at least the first i+1 matches (all, if fewer).
func (l *lazyRank) settle(i int) {
	if i < len(l.order) || len(l.order) == len(l.ents) {
		return
	}
	var ks []int32
	for k, sc := range l.scores {
		if sc == unscored {
			ks = append(ks, int32(k))
		}
	}
	l.score(ks)
	hits := make([]hit, 0, len(l.ents)-len(l.order))
	for k, sc := range l.scores {
		if sc != placed {
			hits = append(hits, hit{entry: l.ents[k], score: sc})
		}
	}
	rank([]part{{hits: hits}}, len(hits))
	base := len(l.order)
	l.order = slices.Grow(l.order, len(hits))[:base+len(hits)]
	l.ranked = slices.Grow(l.ranked, len(hits))[:base+len(hits)]
	for _, h := range hits {
		l.order[base+int(h.pos)], l.ranked[base+int(h.pos)] = h.entry, h.score
	}
	l.scores = nil
}

// score scores the matches ks, on several cores if they are many.
func (l *lazyRank) score(ks []int32) {
	workers := runtime.GOMAXPROCS(0)
	if len(ks) < parallelMin || workers < 2 {
		l.scoreSome(ks)
		return
	}
	chunk := (len(ks) + workers - 1) / workers
	parallel(workers, func(w int) {
		lo := min(w*chunk, len(ks))
		l.scoreSome(ks[lo:min(lo+chunk, len(ks))])
	})
}

func (l *lazyRank) scoreSome(ks []int32) {
	buf := make([]int, len(l.p.pattern))
	for _, k := range ks {
		// The matches' own copy, when collect made one, lies in one block.
		str, mask, _ := l.from.at(k)
		sc, _, ok := scoreString(l.p.pattern, l.p.lower, str, mask, buf)
		if !ok {
			panic("fuzzy: an entry that matches does not score") // the differential test holds matches to fuzzy
		}
		l.scores[k] = int32(sc)
	}
}

// matchBytes is matches for a lower-cased ASCII query over bytes: each
// query byte found after the one before, eight bytes of str at a time.
func matchBytes(str string, q []byte) bool {
	j := 0
	for _, c := range q {
		if j = indexFold(str, j, c); j < 0 {
			return false
		}
		j++
	}
	return true
}

const (
	lows  = 0x0101010101010101
	highs = 0x7f7f7f7f7f7f7f7f
)

// indexFold is the first index from j of a byte of s that folds to c (an
// ASCII letter in lower case matches either case; any other byte only
// itself), or -1.
func indexFold(s string, j int, c byte) int {
	b := unsafe.Slice(unsafe.StringData(s), len(s))
	var fold uint64
	if 'a' <= c && c <= 'z' {
		fold = 0x20 * lows // a letter's either case, and no other byte, ORs to its lower case
	}
	want := uint64(c) * lows
	for ; j+8 <= len(b); j += 8 {
		if z := zeroBytes((binary.LittleEndian.Uint64(b[j:]) | fold) ^ want); z != 0 {
			return j + bits.TrailingZeros64(z)/8
		}
	}
	switch {
	case j >= len(b):
		return -1
	case len(b) >= 8:
		// The last eight bytes, those before j left out.
		k := len(b) - 8
		z := zeroBytes((binary.LittleEndian.Uint64(b[k:])|fold)^want) & (^uint64(0) << (8 * (j - k)))
		if z == 0 {
			return -1
		}
		return k + bits.TrailingZeros64(z)/8
	}
	for ; j < len(b); j++ {
		if b[j]|byte(fold) == c {
			return j
		}
	}
	return -1
}

// zeroBytes sets the high bit of each byte of x that is zero, and no other.
func zeroBytes(x uint64) uint64 { return ^((x&highs + highs) | x | highs) }
