package ui

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// Match is one ranked result of SearchIndex.Find: exactly what fuzzy.Find
// returns (the entry, its index, the byte offsets of the matched characters
// and the score).
type Match = fuzzy.Match

// SearchIndex finds entries the way fuzzy.Find does, with the same matches,
// scores and order, but without scoring entries that cannot match: each entry
// keeps a 64-bit set of the character classes it holds, and an entry that
// lacks one of the query's classes is rejected before fuzzy scoring. Queries
// that extend the previous one search only its matches, and the scoring is
// spread over the available cores.
//
// A SearchIndex is safe for concurrent use.
type SearchIndex struct {
	entries []string
	clean   []string // each entry up to its first NUL, as fuzzy reads it
	masks   []uint64

	mu   sync.Mutex
	last lastQuery
}

// lastQuery remembers the matching entries of the latest query, for
// narrowing: whatever matches "anal" also matches "ana" (fuzzy's matching is
// monotone in the pattern's prefix), so "anal" need only look at those.
type lastQuery struct {
	query string
	idx   []int32 // entry indexes that matched, ascending
}

// NewSearchIndex indexes entries; Find's Match.Index refers to this slice.
func NewSearchIndex(entries []string) *SearchIndex {
	s := &SearchIndex{entries: entries, clean: entries, masks: make([]uint64, len(entries))}
	for i, e := range entries {
		if j := strings.IndexByte(e, 0); j > -1 {
			if len(s.clean) > 0 && &s.clean[0] == &entries[0] {
				s.clean = slices.Clone(entries)
			}
			s.clean[i] = e[:j]
		}
		s.masks[i] = runeMask(s.clean[i])
	}
	return s
}

// Len is the number of entries.
func (s *SearchIndex) Len() int { return len(s.entries) }

// Entry returns entry i.
func (s *SearchIndex) Entry(i int) string { return s.entries[i] }

// parallelMin is the number of candidates below which one goroutine is
// faster than several.
const parallelMin = 4096

// Find returns the entries matching query, best first, exactly as
// fuzzy.Find(query, entries) would.
func (s *SearchIndex) Find(query string) []Match {
	if query == "" {
		return nil
	}
	// fuzzy stops a string at its first NUL, and a NUL in the pattern
	// upsets its bookkeeping: leave such queries to it.
	if strings.ContainsRune(query, 0) {
		return fuzzy.Find(query, s.entries)
	}
	qmask := runeMask(query) &^ nonASCII

	s.mu.Lock()
	prev := s.last
	s.mu.Unlock()

	cp := candPool.Get().(*[]int32)
	cands := (*cp)[:0]
	if prev.query != "" && strings.HasPrefix(query, prev.query) {
		for _, i := range prev.idx {
			if s.masks[i]&qmask == qmask {
				cands = append(cands, i)
			}
		}
	} else {
		for i, m := range s.masks {
			if m&qmask == qmask {
				cands = append(cands, int32(i))
			}
		}
	}

	parts := s.score(query, cands)
	*cp = cands
	candPool.Put(cp)

	total := 0
	for _, p := range parts {
		total += len(p.hits)
	}
	idx := make([]int32, 0, total)
	for _, p := range parts {
		for _, h := range p.hits {
			idx = append(idx, h.entry)
		}
	}
	s.mu.Lock()
	s.last = lastQuery{query: query, idx: idx}
	s.mu.Unlock()

	rank(parts, total)
	out := make([]Match, total)
	fill := func(p part) {
		for _, h := range p.hits {
			out[h.pos] = Match{
				Str:            s.entries[h.entry],
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
	for _, p := range parts {
		h := p.hits
		hitPool.Put(&h)
	}
	return out
}

// candPool recycles the candidate lists: they live only during a Find.
var candPool = sync.Pool{New: func() any { return new([]int32) }}

// hit is a match while it is being ranked: small and free of pointers.
type hit struct {
	entry  int32
	score  int32
	offset int32 // of its matched offsets in its part's offsets
	n      int32
	pos    int32 // its place in the ranking
}

// part is what one core found: hits in entry order, and their offsets.
type part struct {
	hits    []hit
	offsets []int
}

// score runs the matcher over the candidates, in chunks on several cores;
// parts come in entry order.
func (s *SearchIndex) score(query string, cands []int32) []part {
	pattern := []rune(query)
	workers := runtime.GOMAXPROCS(0)
	if len(cands) < parallelMin || workers < 2 {
		h, o := s.scoreChunk(pattern, cands)
		return []part{{h, o}}
	}
	chunk := (len(cands) + workers - 1) / workers
	var parts []part
	for lo := 0; lo < len(cands); lo += chunk {
		parts = append(parts, part{})
	}
	var wg sync.WaitGroup
	for w := range parts {
		lo := w * chunk
		hi := min(lo+chunk, len(cands))
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[w].hits, parts[w].offsets = s.scoreChunk(pattern, cands[lo:hi])
		}()
	}
	wg.Wait()
	return parts
}

func (s *SearchIndex) scoreChunk(pattern []rune, cands []int32) ([]hit, []int) {
	hp := hitPool.Get().(*[]hit)
	hits := (*hp)[:0]
	offsets := make([]int, 0, len(pattern)*len(cands))
	buf := make([]int, len(pattern))
	lower := lowerASCII(pattern)
	for _, i := range cands {
		var score int
		var idx []int
		var ok bool
		switch {
		case len(lower) == 1 && s.masks[i]&nonASCII == 0:
			score, idx, ok = scoreOneASCII(s.clean[i], lower[0], buf)
		case len(pattern) == 1:
			score, idx, ok = scoreOne(s.clean[i], pattern[0], buf)
		case lower != nil && s.masks[i]&nonASCII == 0:
			score, idx, ok = fuzzyScoreASCII(s.clean[i], lower, buf)
		default:
			score, idx, ok = fuzzyScore(s.clean[i], pattern, buf)
		}
		if !ok {
			continue
		}
		hits = append(hits, hit{entry: i, score: int32(score), offset: int32(len(offsets)), n: int32(len(idx))})
		offsets = append(offsets, idx...)
	}
	return hits, offsets
}

// hitPool recycles hit lists: they live only during a Find.
var hitPool = sync.Pool{New: func() any { return new([]hit) }}

// scoreOneASCII is fuzzyScoreASCII for a one-character pattern, where
// fuzzy keeps the best-scoring occurrence (the first among equals) and no
// adjacency bonus applies. No occurrence after the first can score more
// than a camel-case or separator bonus, so the first of those ends the
// search.
func scoreOneASCII(str string, p byte, buf []int) (int, []int, bool) {
	best, at := -1, -1
	var last byte
	for j := 0; j < len(str); j++ {
		c := str[j]
		if foldASCII[c] == p {
			score := 0
			if j == 0 {
				score = firstCharMatchBonus
			} else {
				if 'a' <= last && last <= 'z' && 'A' <= c && c <= 'Z' {
					score += camelCaseMatchBonus
				}
				if isSeparator(rune(last)) {
					score += matchFollowingSeparatorBonus
				}
			}
			if score > best {
				best, at = score, j
				if score >= camelCaseMatchBonus {
					break // nothing later can beat it
				}
			}
		}
		last = c
	}
	if at < 0 {
		return 0, nil, false
	}
	best += max(at*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
	buf[0] = at
	return best + 1 - len(str), buf[:1:1], true
}

// scoreOne is scoreOneASCII for any string and pattern rune.
func scoreOne(str string, p rune, buf []int) (int, []int, bool) {
	best, at := -1, -1
	var last rune
	for j, c := range str {
		if equalFold(c, p) {
			score := 0
			if j == 0 {
				score = firstCharMatchBonus
			} else {
				if isLower(last) && isUpper(c) {
					score += camelCaseMatchBonus
				}
				if isSeparator(last) {
					score += matchFollowingSeparatorBonus
				}
			}
			if score > best {
				best, at = score, j
				if score >= camelCaseMatchBonus {
					break
				}
			}
		}
		last = c
	}
	if at < 0 {
		return 0, nil, false
	}
	best += max(at*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
	buf[0] = at
	return best + 1 - len(str), buf[:1:1], true
}

// lowerASCII is the pattern with letters lower-cased, or nil if it is not
// all ASCII.
func lowerASCII(pattern []rune) []byte {
	b := make([]byte, len(pattern))
	for i, r := range pattern {
		if r >= utf8.RuneSelf {
			return nil
		}
		b[i] = foldASCII[r]
	}
	return b
}

var foldASCII = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = byte(c)
		if c >= 'A' && c <= 'Z' {
			t[c] = byte(c + 'a' - 'A')
		}
	}
	return t
}()

// fuzzyScoreASCII is fuzzyScore for an ASCII string and pattern (lower-cased
// already): the same steps on bytes.
func fuzzyScoreASCII(str string, pattern []byte, buf []int) (total int, matched []int, ok bool) {
	n := 0
	patternIndex := 0
	bestScore := -1
	matchedIndex := -1
	currAdjacentMatchBonus := 0
	var last byte
	last2 := len(pattern) - 1
	for j := 0; j < len(str); j++ {
		c := str[j]
		if foldASCII[c] == pattern[patternIndex] {
			score := 0
			if j == 0 {
				score += firstCharMatchBonus
			} else {
				if 'a' <= last && last <= 'z' && 'A' <= c && c <= 'Z' {
					score += camelCaseMatchBonus
				}
				if isSeparator(rune(last)) {
					score += matchFollowingSeparatorBonus
				}
				if n > 0 && buf[n-1] == j-1 {
					bonus := currAdjacentMatchBonus*2 + adjacentMatchBonus
					score += bonus
					currAdjacentMatchBonus += bonus
				}
			}
			if score > bestScore {
				bestScore = score
				matchedIndex = j
			}
		}
		if j+1 == len(str) || (patternIndex < last2 && foldASCII[str[j+1]] == pattern[patternIndex+1]) {
			if matchedIndex > -1 {
				if n == 0 {
					bestScore += max(matchedIndex*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
				}
				total += bestScore
				buf[n] = matchedIndex
				n++
				bestScore = -1
				patternIndex++
			}
		}
		last = c
	}
	total += n - len(str)
	return total, buf[:n:n], n == len(pattern)
}

// Scoring constants, as in sahilm/fuzzy.
const (
	firstCharMatchBonus            = 10
	matchFollowingSeparatorBonus   = 20
	camelCaseMatchBonus            = 20
	adjacentMatchBonus             = 5
	unmatchedLeadingCharPenalty    = -5
	maxUnmatchedLeadingCharPenalty = -15
)

// fuzzyScore is sahilm/fuzzy's matcher for one string (already cut at its
// first NUL), step for step (the differential test holds it to that),
// without its per-string allocation and interface calls. Offsets are
// written into buf, which has room for one per pattern rune.
func fuzzyScore(str string, pattern []rune, buf []int) (total int, matched []int, ok bool) {
	n := 0 // offsets written to buf
	patternIndex := 0
	bestScore := -1
	matchedIndex := -1
	currAdjacentMatchBonus := 0
	var last rune
	var lastIndex int
	nextc, nextSize := utf8.DecodeRuneInString(str)
	var candidate rune
	var candidateSize int
	for j := 0; j < len(str); j += candidateSize {
		candidate, candidateSize = nextc, nextSize
		if equalFold(candidate, pattern[patternIndex]) {
			score := 0
			if j == 0 {
				score += firstCharMatchBonus
			}
			if isLower(last) && isUpper(candidate) {
				score += camelCaseMatchBonus
			}
			if j != 0 && isSeparator(last) {
				score += matchFollowingSeparatorBonus
			}
			if n > 0 && buf[n-1] == lastIndex {
				bonus := currAdjacentMatchBonus*2 + adjacentMatchBonus
				score += bonus
				currAdjacentMatchBonus += bonus
			}
			if score > bestScore {
				bestScore = score
				matchedIndex = j
			}
		}
		var nextp rune
		if patternIndex < len(pattern)-1 {
			nextp = pattern[patternIndex+1]
		}
		if k := j + candidateSize; k < len(str) {
			if str[k] < utf8.RuneSelf {
				nextc, nextSize = rune(str[k]), 1
			} else {
				nextc, nextSize = utf8.DecodeRuneInString(str[k:])
			}
		} else {
			nextc, nextSize = 0, 0
		}
		// fuzzy settles a pattern character when the next one comes up or
		// the string ends, so it can pick the best of several occurrences.
		if nextc == 0 || equalFold(nextp, nextc) {
			if matchedIndex > -1 {
				if n == 0 {
					bestScore += max(matchedIndex*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
				}
				total += bestScore
				buf[n] = matchedIndex
				n++
				bestScore = -1
				patternIndex++
			}
		}
		lastIndex = j
		last = candidate
	}
	total += n - len(str)
	return total, buf[:n:n], n == len(pattern)
}

// equalFold is strings.EqualFold for one rune pair, as fuzzy has it.
func equalFold(tr, sr rune) bool {
	if tr == sr {
		return true
	}
	if tr < sr {
		tr, sr = sr, tr
	}
	if tr < utf8.RuneSelf {
		return 'A' <= sr && sr <= 'Z' && tr == sr+'a'-'A'
	}
	if sr < utf8.RuneSelf && !foldsBeyondASCII[sr] {
		return false
	}
	r := unicode.SimpleFold(sr)
	for r != sr && r < tr {
		r = unicode.SimpleFold(r)
	}
	return r == tr
}

// foldsBeyondASCII marks the ASCII runes that fold to a rune beyond ASCII
// (k to the Kelvin sign, s to the long s).
var foldsBeyondASCII = func() (t [utf8.RuneSelf]bool) {
	for c := range rune(utf8.RuneSelf) {
		for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
			if f >= utf8.RuneSelf {
				t[c] = true
			}
		}
	}
	return t
}()

func isLower(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z'
	}
	return unicode.IsLower(r)
}

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.IsUpper(r)
}

func isSeparator(r rune) bool {
	switch r {
	case '/', '-', '_', ' ', '.', '\\':
		return true
	}
	return false
}

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

// runeMask is the set of character classes in s. Two runes that fuzzy
// treats as equal (same case-folding orbit) always share a class, so an
// entry whose mask lacks a bit of the query's mask cannot match it.
func runeMask(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			m |= asciiClass[c]
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		m |= runeClass(r) | nonASCII
		i += size
	}
	return m
}

// asciiClass gives each letter (either case) and digit a bit of its own;
// other ASCII characters share bits. Bits 0-35 are letters and digits,
// 36-47 the rest of ASCII, 48-62 everything beyond ASCII.
var asciiClass = func() (t [utf8.RuneSelf]uint64) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case c >= 'a' && c <= 'z':
			t[c] = 1 << (c - 'a')
		case c >= 'A' && c <= 'Z':
			t[c] = 1 << (c - 'A')
		case c >= '0' && c <= '9':
			t[c] = 1 << (26 + c - '0')
		default:
			t[c] = 1 << (36 + c%12)
		}
	}
	return t
}()

// runeClass is the class of a non-ASCII rune: that of the smallest rune of
// its case-folding orbit, so that the Kelvin sign falls with k and K, and
// É with é.
func runeClass(r rune) uint64 {
	lo := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		lo = min(lo, f)
	}
	if lo < utf8.RuneSelf {
		return asciiClass[lo]
	}
	return 1 << (48 + uint(lo)%15)
}

// nonASCII marks, in an entry's mask, an entry holding a character beyond
// ASCII; it is never required of one.
const nonASCII = 1 << 63
