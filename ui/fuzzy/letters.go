package fuzzy

import (
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
// first, and their scores.
type letterTable struct {
	order  []int32
	scores []int32
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

// letterHit is an entry's score for one letter class during the build.
type letterHit struct{ entry, score int32 }

// buildLetters ranks every entry for every one-character query class. An
// entry matches such a query exactly when its mask has the class's bit, and
// its score is fuzzy's: the best bonus of the first occurrence among equals
// (first character, after a separator, a camel-case hump), less the leading
// penalty and the length. One pass over each entry scores all its classes;
// the entries are split over the cores.
func buildLetters(text *texts, masks []uint64) (t [numLetters]letterTable) {
	workers := runtime.GOMAXPROCS(0)
	if len(masks) < parallelMin || workers < 2 {
		workers = 1
	}
	chunk := (len(masks) + workers - 1) / max(workers, 1)
	lists := make([][numLetters][]letterHit, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := min(w*chunk, len(masks)), min((w+1)*chunk, len(masks))
		wg.Add(1)
		go func() {
			defer wg.Done()
			lists[w] = scoreLetters(text, masks, lo, hi)
		}()
	}
	wg.Wait()
	// Rank each class by a counting sort on the score, stable in entry
	// order (the workers' lists follow one another), classes split over
	// the cores.
	next := make(chan int, numLetters)
	for k := range numLetters {
		next <- k
	}
	close(next)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				t[k] = rankLetter(lists, k)
			}
		}()
	}
	wg.Wait()
	return t
}

// scoreLetters scores entries lo to hi for each letter class they hold.
func scoreLetters(text *texts, masks []uint64, lo, hi int) (out [numLetters][]letterHit) {
	var n [numLetters]int
	for _, m := range masks[lo:hi] {
		for m &= 1<<numLetters - 1; m != 0; m &= m - 1 {
			n[bits.TrailingZeros64(m)]++
		}
	}
	for k := range out {
		out[k] = make([]letterHit, 0, n[k])
	}
	var best, at [numLetters]int
	for i := lo; i < hi; i++ {
		str := text.at(int32(i))
		var seen uint64
		see := func(k, j, score int) {
			if seen&(1<<k) == 0 || score > best[k] {
				seen |= 1 << k
				best[k], at[k] = score, j
			}
		}
		if masks[i]&nonASCII == 0 {
			var last byte
			for j := 0; j < len(str); j++ {
				c := str[j]
				if k := letterOf[c]; k >= 0 {
					score := firstCharMatchBonus
					if j > 0 {
						score = 0
						if 'a' <= last && last <= 'z' && 'A' <= c && c <= 'Z' {
							score += camelCaseMatchBonus
						}
						if isSeparator(rune(last)) {
							score += matchFollowingSeparatorBonus
						}
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
		for ; seen != 0; seen &= seen - 1 {
			k := bits.TrailingZeros64(seen)
			score := best[k] + max(at[k]*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty) + 1 - len(str)
			out[k] = append(out[k], letterHit{entry: int32(i), score: int32(score)})
		}
	}
	return out
}

// rankLetter orders class k's hits by descending score, ties in entry
// order, as fuzzy.Find's stable sort does.
func rankLetter(lists [][numLetters][]letterHit, k int) letterTable {
	total := 0
	lo, hi := int32(1<<30), int32(-1<<30)
	for _, l := range lists {
		total += len(l[k])
		for _, h := range l[k] {
			lo, hi = min(lo, h.score), max(hi, h.score)
		}
	}
	t := letterTable{order: make([]int32, total), scores: make([]int32, total)}
	if total == 0 {
		return t
	}
	if int(hi-lo) > 4*total {
		var all []letterHit
		for _, l := range lists {
			all = append(all, l[k]...)
		}
		slices.SortStableFunc(all, func(a, b letterHit) int { return int(b.score - a.score) })
		for i, h := range all {
			t.order[i], t.scores[i] = h.entry, h.score
		}
		return t
	}
	start := make([]int32, hi-lo+2)
	for _, l := range lists {
		for _, h := range l[k] {
			start[hi-h.score+1]++
		}
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	for _, l := range lists {
		for _, h := range l[k] {
			p := &start[hi-h.score]
			t.order[*p], t.scores[*p] = h.entry, h.score
			*p++
		}
	}
	return t
}

// letterMatches is Find for a one-character query: the table's ranking,
// with each match's one offset found again, on several cores.
func (s *Index) letterMatches(query string, t letterTable) []Match {
	pattern := []rune(query)
	lower := lowerASCII(pattern)
	out := make([]Match, len(t.order))
	offs := make([]int, len(t.order))
	fill := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			e := t.order[i]
			s.scoreEntry(pattern, lower, e, offs[i:i+1:i+1])
			out[i] = Match{Str: s.text.entry(e), Index: int(e), MatchedIndexes: offs[i : i+1 : i+1], Score: int(t.scores[i])}
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
