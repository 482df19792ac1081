package ui

import (
	"math/bits"
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
// spread over the available cores. One-character queries (a letter or a
// digit) are ranked once, when the index is built.
//
// A SearchIndex is safe for concurrent use.
type SearchIndex struct {
	entries []string
	clean   []string // each entry up to its first NUL, as fuzzy reads it
	masks   []uint64
	letters [numLetters]letterTable

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
	s.letters = buildLetters(s.clean, s.masks)
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
// fuzzy.Find(query, entries) would. It builds every match with its offsets;
// a screen that shows a few rows at a time wants FindRanked.
func (s *SearchIndex) Find(query string) []Match {
	if query == "" {
		return nil
	}
	// fuzzy stops a string at its first NUL, and a NUL in the pattern
	// upsets its bookkeeping: leave such queries to it.
	if strings.ContainsRune(query, 0) {
		return fuzzy.Find(query, s.entries)
	}
	if k := queryLetter(query); k >= 0 {
		return s.letterMatches(query, s.letters[k])
	}
	parts, total := s.collect(query, true)
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
	releaseHits(parts)
	return out
}

// Ranked is the ranking of one query: fuzzy.Find's order and scores, as
// entry indexes, without building a Match per entry. Match(i) builds the
// i-th one when asked, so a screen pays only for the rows it shows.
// A Ranked is read-only and stays valid after later queries.
type Ranked struct {
	s       *SearchIndex
	pattern []rune
	lower   []byte  // pattern lower-cased, nil unless all ASCII
	order   []int32 // entry indexes, best first
	scores  []int32 // score of order[i]
	matches []Match // only when fuzzy.Find itself answered
}

// Len is the number of matching entries.
func (r Ranked) Len() int { return len(r.order) }

// Index is the entry index of the i-th best match.
func (r Ranked) Index(i int) int { return int(r.order[i]) }

// Score is the score of the i-th best match.
func (r Ranked) Score(i int) int { return int(r.scores[i]) }

// Match is the i-th best match, exactly fuzzy.Find's i-th, offsets and all.
func (r Ranked) Match(i int) Match {
	if r.matches != nil {
		return r.matches[i]
	}
	e := r.order[i]
	return Match{
		Str:            r.s.entries[e],
		Index:          int(e),
		MatchedIndexes: r.s.offsets(r.pattern, r.lower, e, make([]int, len(r.pattern))),
		Score:          int(r.scores[i]),
	}
}

// FindRanked ranks the entries matching query as Find does, with the same
// order and scores, but computes the matched offsets only when Match asks.
// A one-character query is a lookup in tables built with the index.
func (s *SearchIndex) FindRanked(query string) Ranked {
	if query == "" {
		return Ranked{s: s}
	}
	if strings.ContainsRune(query, 0) {
		ms := fuzzy.Find(query, s.entries)
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
		r.order, r.scores = s.letters[k].order, s.letters[k].scores
		return r
	}
	parts, total := s.collect(query, false)
	rank(parts, total)
	r.order, r.scores = make([]int32, total), make([]int32, total)
	for _, p := range parts {
		for _, h := range p.hits {
			r.order[h.pos], r.scores[h.pos] = h.entry, h.score
		}
	}
	releaseHits(parts)
	return r
}

// MatchedIndexes is what fuzzy.Find gives as MatchedIndexes for entry i and
// query: the byte offsets of the matched characters (nil if it does not
// match). The browser asks it for the rows on screen only.
func (s *SearchIndex) MatchedIndexes(query string, i int) []int {
	if query == "" {
		return nil
	}
	if strings.ContainsRune(query, 0) {
		if ms := fuzzy.Find(query, s.entries[i:i+1]); len(ms) == 1 {
			return ms[0].MatchedIndexes
		}
		return nil
	}
	pattern := []rune(query)
	return s.offsets(pattern, lowerASCII(pattern), int32(i), make([]int, len(pattern)))
}

// offsets scores entry i alone and returns its matched offsets, in buf.
func (s *SearchIndex) offsets(pattern []rune, lower []byte, i int32, buf []int) []int {
	_, idx, ok := s.scoreEntry(pattern, lower, i, buf)
	if !ok {
		return nil
	}
	return idx
}

// collect scores every entry that may match query, on several cores, and
// remembers the matches for narrowing. Offsets are kept only if asked.
func (s *SearchIndex) collect(query string, withOffsets bool) ([]part, int) {
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

	parts := s.score(query, cands, withOffsets)
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
	return parts, total
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
	pos    int32 // its place in the ranking
}

// part is what one core found: hits in entry order, and their offsets.
type part struct {
	hits    []hit
	offsets []int
}

// score runs the matcher over the candidates, in chunks on several cores;
// parts come in entry order.
func (s *SearchIndex) score(query string, cands []int32, withOffsets bool) []part {
	pattern := []rune(query)
	workers := runtime.GOMAXPROCS(0)
	if len(cands) < parallelMin || workers < 2 {
		h, o := s.scoreChunk(pattern, cands, withOffsets)
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
			parts[w].hits, parts[w].offsets = s.scoreChunk(pattern, cands[lo:hi], withOffsets)
		}()
	}
	wg.Wait()
	return parts
}

func (s *SearchIndex) scoreChunk(pattern []rune, cands []int32, withOffsets bool) ([]hit, []int) {
	hp := hitPool.Get().(*[]hit)
	hits := (*hp)[:0]
	var offsets []int
	if withOffsets {
		offsets = make([]int, 0, len(pattern)*len(cands))
	}
	buf := make([]int, len(pattern))
	lower := lowerASCII(pattern)
	for _, i := range cands {
		score, idx, ok := s.scoreEntry(pattern, lower, i, buf)
		if !ok {
			continue
		}
		hits = append(hits, hit{entry: i, score: int32(score), offset: int32(len(offsets)), n: int32(len(idx))})
		if withOffsets {
			offsets = append(offsets, idx...)
		}
	}
	return hits, offsets
}

// scoreEntry is fuzzy's verdict on entry i, by the fastest matcher that
// gives the same answer; offsets go to buf.
func (s *SearchIndex) scoreEntry(pattern []rune, lower []byte, i int32, buf []int) (int, []int, bool) {
	switch {
	case len(lower) == 1 && s.masks[i]&nonASCII == 0:
		return scoreOneASCII(s.clean[i], lower[0], buf)
	case len(pattern) == 1:
		return scoreOne(s.clean[i], pattern[0], buf)
	case lower != nil && s.masks[i]&nonASCII == 0:
		return fuzzyScoreASCII(s.clean[i], lower, buf)
	default:
		return fuzzyScore(s.clean[i], pattern, buf)
	}
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

// numLetters is the number of one-character query classes with a table:
// a-z and 0-9, numbered as their bits in an entry's mask.
const numLetters = 36

// letterTable is the ranking of a one-character query, built with the
// index: entry indexes best first, and their scores.
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
func buildLetters(clean []string, masks []uint64) (t [numLetters]letterTable) {
	workers := runtime.GOMAXPROCS(0)
	if len(clean) < parallelMin || workers < 2 {
		workers = 1
	}
	chunk := (len(clean) + workers - 1) / max(workers, 1)
	lists := make([][numLetters][]letterHit, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := min(w*chunk, len(clean)), min((w+1)*chunk, len(clean))
		wg.Add(1)
		go func() {
			defer wg.Done()
			lists[w] = scoreLetters(clean, masks, lo, hi)
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
func scoreLetters(clean []string, masks []uint64, lo, hi int) (out [numLetters][]letterHit) {
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
		str := clean[i]
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
func (s *SearchIndex) letterMatches(query string, t letterTable) []Match {
	pattern := []rune(query)
	lower := lowerASCII(pattern)
	out := make([]Match, len(t.order))
	offs := make([]int, len(t.order))
	fill := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			e := t.order[i]
			s.scoreEntry(pattern, lower, e, offs[i:i+1:i+1])
			out[i] = Match{Str: s.entries[e], Index: int(e), MatchedIndexes: offs[i : i+1 : i+1], Score: int(t.scores[i])}
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
