package fuzzy

import (
	"encoding/binary"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
)

// numLetters is the number of one-character query classes with a table:
// a-z and 0-9, numbered as their bits in an entry's mask.
const numLetters = 36

// letterTable is the ranking of a one-character query: entry indexes best
// first, and their scores as runs (a table holds a good share of the
// entries, with a few dozen different scores among them). Within a run the
// entries ascend, so the table keeps them packed, each as the uvarint of its
// distance from the one before (from -1 at a run's start): a byte or two
// each, not four, in the largest thing the browser keeps.
type letterTable struct {
	packed []byte
	runs   []scoreRun
	order  []int32 // while it is built
	rare   int     // while it is built: entries ranked apart
}

// size is the number of entries in the table being built: the bucketed
// ones (its runs so far) and the rare.
func (t *letterTable) size() int {
	n := t.rare
	if len(t.runs) > 0 {
		n += int(t.runs[len(t.runs)-1].end)
	}
	return n
}

// pack packs t.order and lets it go.
func (t *letterTable) pack() {
	size, start := 0, 0
	for _, r := range t.runs {
		prev := int32(-1)
		for _, e := range t.order[start:r.end] {
			size += uvarintLen(uint64(e - prev))
			prev = e
		}
		start = int(r.end)
	}
	t.packed = make([]byte, 0, size)
	start = 0
	for _, r := range t.runs {
		prev := int32(-1)
		for _, e := range t.order[start:r.end] {
			t.packed = binary.AppendUvarint(t.packed, uint64(e-prev))
			prev = e
		}
		start = int(r.end)
	}
	t.order = nil
}

func uvarintLen(v uint64) int {
	n := 1
	for ; v >= 0x80; v >>= 7 {
		n++
	}
	return n
}

// entries is the table's order, unpacked.
func (t *letterTable) entries() []int32 {
	if len(t.runs) == 0 {
		return nil
	}
	out := make([]int32, t.runs[len(t.runs)-1].end)
	p, start := t.packed, 0
	for _, r := range t.runs {
		prev := int32(-1)
		for i := start; i < int(r.end); i++ {
			d, n := binary.Uvarint(p)
			p = p[n:]
			prev += int32(d)
			out[i] = prev
		}
		start = int(r.end)
	}
	return out
}

// scoreRun says that the places of an order up to end (from the previous
// run's end) score score.
type scoreRun struct{ end, score int32 }

// scoreAt is the score of place i of the order runs describe.
func scoreAt(runs []scoreRun, i int) int32 {
	r, _ := slices.BinarySearchFunc(runs, int32(i), func(r scoreRun, i int32) int {
		if r.end <= i {
			return -1
		}
		return 1
	})
	return runs[r].score
}

// appendRun adds place i, scoring score, to runs.
func appendRun(runs []scoreRun, score int32) []scoreRun {
	if n := len(runs); n > 0 && runs[n-1].score == score {
		runs[n-1].end++
		return runs
	}
	end := int32(0)
	if n := len(runs); n > 0 {
		end = runs[n-1].end
	}
	return append(runs, scoreRun{end + 1, score})
}

// letterOf numbers the ASCII letters (either case) and digits as their mask
// bits; -1 for anything else.
var letterOf = func() (t [utf8.RuneSelf]int8) {
	for c := range t {
		t[c] = -1
		if m := asciiClass[c]; m < 1<<numLetters {
			t[c] = int8(bits.TrailingZeros64(m))
		}
	}
	return t
}()

// runeLetter is the letter class of r: that of an ASCII letter or digit in
// its case-folding orbit (the Kelvin sign is a k, the long s an s), else -1.
func runeLetter(r rune) int {
	if r < utf8.RuneSelf {
		return int(letterOf[r])
	}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < utf8.RuneSelf {
			return int(letterOf[f])
		}
	}
	return -1
}

// queryLetter is the letter class of a one-rune query, or -1.
func queryLetter(query string) int {
	r, size := utf8.DecodeRuneInString(query)
	if size != len(query) || r == utf8.RuneError {
		return -1
	}
	return runeLetter(r)
}

// letterHit is an entry's score for one letter class.
type letterHit struct{ entry, score int32 }

// Scores of one letter fall in a narrow range under topScore (a bonus,
// less a leading penalty and the length): the build counts them in
// numBuckets buckets, one a score; an entry so long that its score falls
// below them is ranked apart (rare).
const (
	topScore   = 32
	numBuckets = 1024
)

// letterGroups is how many groups of classes the second pass places one
// after another.
const letterGroups = 3

// buildLetters ranks every entry for every one-character query class. An
// entry matches such a query exactly when its mask has the class's bit, and
// its score is fuzzy's: the best bonus of the first occurrence among equals
// (first character, after a separator, a camel-case hump), less the leading
// penalty and the length. It is a counting sort, stable in entry order, in
// two passes over the entries (each scoring all of an entry's classes at
// once, split over the cores): the first counts each score, the second puts
// each entry in its place. Keeping every score between the passes would
// double the memory the tables take while they are built.
func buildLetters(text *texts, masks []uint64) (t [numLetters]letterTable) {
	workers := runtime.GOMAXPROCS(0)
	if len(masks) < parallelMin || workers < 2 {
		workers = 1
	}
	chunk := (len(masks) + workers - 1) / max(workers, 1)
	span := func(w int) (int, int) { return min(w*chunk, len(masks)), min((w+1)*chunk, len(masks)) }
	// counts[w][k][b]: worker w's entries of class k scoring topScore-b;
	// after the first pass, where the next of them goes in t[k].order.
	counts := make([][numLetters][]int32, workers)
	rare := make([][numLetters][]letterHit, workers)
	parallel(workers, func(w int) {
		for k := range counts[w] {
			counts[w][k] = make([]int32, numBuckets)
		}
		lo, hi := span(w)
		var scores [numLetters]int32
		for i := lo; i < hi; i++ {
			for seen := letterScores(text.at(int32(i)), masks[i], &scores); seen != 0; seen &= seen - 1 {
				k := bits.TrailingZeros64(seen)
				if b := topScore - scores[k]; b >= 0 && b < numBuckets {
					counts[w][k][b]++
				} else {
					rare[w][k] = append(rare[w][k], letterHit{int32(i), scores[k]})
				}
			}
		}
	})
	for k := range t {
		pos := int32(0)
		for w := range rare {
			t[k].rare += len(rare[w][k])
		}
		for b := range int32(numBuckets) {
			n := pos
			for w := range counts {
				c := counts[w][k][b]
				counts[w][k][b] = pos
				pos += c
			}
			if pos > n {
				t[k].runs = append(t[k].runs, scoreRun{end: pos, score: topScore - b})
			}
		}
	}
	// The second pass places the entries of a third of the classes at a
	// time, which are packed before the next: every class's whole order at
	// once was the peak of the browser's memory.
	for g := range letterGroups {
		group := uint64(0)
		for k := g * numLetters / letterGroups; k < (g+1)*numLetters/letterGroups; k++ {
			group |= 1 << k
			t[k].order = make([]int32, t[k].size())
			var rest []letterHit
			for w := range rare {
				rest = append(rest, rare[w][k]...)
			}
			slices.SortStableFunc(rest, func(a, b letterHit) int { return int(b.score - a.score) })
			for i, h := range rest {
				t[k].order[len(t[k].order)-len(rest)+i] = h.entry
				t[k].runs = appendRun(t[k].runs, h.score)
			}
		}
		parallel(workers, func(w int) {
			lo, hi := span(w)
			var scores [numLetters]int32
			for i := lo; i < hi; i++ {
				if masks[i]&group == 0 {
					continue
				}
				for seen := letterScores(text.at(int32(i)), masks[i], &scores) & group; seen != 0; seen &= seen - 1 {
					k := bits.TrailingZeros64(seen)
					if b := topScore - scores[k]; b >= 0 && b < numBuckets {
						p := &counts[w][k][b]
						t[k].order[*p] = int32(i)
						*p++
					}
				}
			}
		})
		for k := range numLetters {
			if group&(1<<k) != 0 {
				t[k].pack()
			}
		}
	}
	return t
}

// parallel runs f(0) to f(n-1) at once and waits for them.
func parallel(n int, f func(int)) {
	var wg sync.WaitGroup
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(w)
		}()
	}
	wg.Wait()
}

// letterScores scores str (whose mask is mask) for each letter class it
// holds, into scores; it returns the set of those classes.
func letterScores(str string, mask uint64, scores *[numLetters]int32) uint64 {
	var seen uint64
	var best, at [numLetters]int
	see := func(k, j, score int) {
		if seen&(1<<k) == 0 || score > best[k] {
			seen |= 1 << k
			best[k], at[k] = score, j
		}
	}
	if mask&nonASCII == 0 {
		var last byte
		for j := 0; j < len(str); j++ {
			c := str[j]
			if k := letterOf[c]; k >= 0 {
				score := firstCharMatchBonus
				if j > 0 {
					score = int(bonusASCII[last][c])
				}
				see(int(k), j, score)
			}
			last = c
		}
	} else {
		var last rune
		for j, c := range str {
			if k := runeLetter(c); k >= 0 {
				score := firstCharMatchBonus
				if j > 0 {
					score = 0
					if isLower(last) && isUpper(c) {
						score += camelCaseMatchBonus
					}
					if isSeparator(last) {
						score += matchFollowingSeparatorBonus
					}
				}
				see(k, j, score)
			}
			last = c
		}
	}
	for m := seen; m != 0; m &= m - 1 {
		k := bits.TrailingZeros64(m)
		scores[k] = int32(best[k] + max(at[k]*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty) + 1 - len(str))
	}
	return seen
}

// letterMatches is Find for a one-character query: the table's ranking,
// with each match's one offset found again, on several cores.
func (s *Index) letterMatches(query string, t letterTable) []Match {
	pattern := []rune(query)
	lower := lowerASCII(pattern)
	order := t.entries()
	out := make([]Match, len(order))
	offs := make([]int, len(order))
	fill := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			e := order[i]
			s.scoreEntry(pattern, lower, e, offs[i:i+1:i+1])
			out[i] = Match{Str: s.text.entry(e), Index: int(e), MatchedIndexes: offs[i : i+1 : i+1], Score: int(scoreAt(t.runs, i))}
		}
	}
	workers := runtime.GOMAXPROCS(0)
	if len(out) < parallelMin || workers < 2 {
		fill(0, len(out))
		return out
	}
	chunk := (len(out) + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < len(out); lo += chunk {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fill(lo, min(lo+chunk, len(out)))
		}()
	}
	wg.Wait()
	return out
}
