package fuzzy

import (
	"unicode"
	"unicode/utf8"
)

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
	if len(str) == 0 {
		return 0 - len(str), buf[:0:0], len(pattern) == 0
	}
	n := 0
	patternIndex := 0
	bestScore := -1
	matchedIndex := -1
	currAdjacentMatchBonus := 0
	var last byte
	cur := pattern[0]
	// cur is the pattern byte being matched, next the one after it (0x100,
	// no byte, when cur is the last); fc is the folded byte at j, read
	// once for the settling test at j-1 and the match at j.
	next := uint16(0x100)
	if len(pattern) > 1 {
		next = uint16(pattern[1])
	}
	fc := foldASCII[str[0]]
	for j := 0; j < len(str); j++ {
		c := str[j]
		if fc == cur {
			score := 0
			if j == 0 {
				score = firstCharMatchBonus
			} else {
				score = int(bonusASCII[last][c])
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
		last = c
		if j+1 == len(str) {
			if matchedIndex > -1 {
				if n == 0 {
					bestScore += max(matchedIndex*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
				}
				total += bestScore
				buf[n] = matchedIndex
				n++
			}
			break
		}
		fc = foldASCII[str[j+1]]
		if uint16(fc) == next && matchedIndex > -1 {
			if n == 0 {
				bestScore += max(matchedIndex*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
			}
			total += bestScore
			buf[n] = matchedIndex
			n++
			bestScore = -1
			patternIndex++
			cur = pattern[patternIndex]
			next = 0x100
			if patternIndex+1 < len(pattern) {
				next = uint16(pattern[patternIndex+1])
			}
		}
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

// bonusASCII[last][c] is fuzzy's bonus for matching byte c after byte last
// (not at the start): a camel-case hump, or a character after a separator.
var bonusASCII = func() (t [utf8.RuneSelf][utf8.RuneSelf]int8) {
	// Only the rows of a lower-case letter or a separator hold a bonus:
	// every vendex command builds this table as it starts.
	for last := range rune(utf8.RuneSelf) {
		lower, sep := isLower(last), isSeparator(last)
		if !lower && !sep {
			continue
		}
		for c := range rune(utf8.RuneSelf) {
			if lower && isUpper(c) {
				t[last][c] += camelCaseMatchBonus
			}
			if sep {
				t[last][c] += matchFollowingSeparatorBonus
			}
		}
	}
	return t
}()

// fuzzyScore2ASCII is fuzzyScoreASCII for a two-byte pattern (p0, p1,
// lower-cased), the commonest slow keystroke: the first character is
// settled at the first place where the second comes next, keeping its best
// occurrence so far; the second is the best occurrence after it.
func fuzzyScore2ASCII(str string, p0, p1 byte, buf []int) (int, []int, bool) {
	best0, at0 := -1, -1
	j := 0
	var last byte
	for ; j < len(str)-1; j++ {
		c := str[j]
		if foldASCII[c] == p0 {
			score := firstCharMatchBonus
			if j > 0 {
				score = int(bonusASCII[last][c])
			}
			if score > best0 {
				best0, at0 = score, j
			}
		}
		last = c
		if at0 >= 0 && foldASCII[str[j+1]] == p1 {
			break
		}
	}
	if j >= len(str)-1 {
		return 0, nil, false // the first character never settled before the last
	}
	best1, at1 := -1, -1
	for k := j + 1; k < len(str); k++ {
		c := str[k]
		if foldASCII[c] == p1 {
			score := int(bonusASCII[last][c])
			if k == at0+1 {
				score += adjacentMatchBonus
			}
			if score > best1 {
				best1, at1 = score, k
			}
		}
		last = c
	}
	best0 += max(at0*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
	buf[0], buf[1] = at0, at1
	return best0 + best1 + 2 - len(str), buf[:2:2], true
}

// foldsBeyond reports whether an ASCII pattern holds a byte that also
// matches a rune beyond ASCII (k, s).
func foldsBeyond(pattern []byte) bool {
	for _, c := range pattern {
		if foldsBeyondASCII[c] {
			return true
		}
	}
	return false
}

// fuzzyScoreASCIIPattern is fuzzyScore for an ASCII pattern (lower-cased
// already) none of whose bytes matches a rune beyond ASCII, over any
// string: a rune beyond ASCII never matches, so only ASCII bytes are
// compared, and runes are decoded only to know the one before a match.
func fuzzyScoreASCIIPattern(str string, pattern []byte, buf []int) (total int, matched []int, ok bool) {
	n := 0
	patternIndex := 0
	bestScore := -1
	matchedIndex := -1
	currAdjacentMatchBonus := 0
	var last rune
	lastIndex := 0
	last2 := len(pattern) - 1
	for j := 0; j < len(str); {
		c, size := rune(str[j]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(str[j:])
		}
		if c < utf8.RuneSelf && foldASCII[c] == pattern[patternIndex] {
			score := 0
			if j == 0 {
				score += firstCharMatchBonus
			}
			if isLower(last) && isUpper(c) {
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
		// fuzzy settles a pattern character when the next one comes up or
		// the string ends.
		k := j + size
		settle := k >= len(str)
		if !settle && patternIndex < last2 {
			if nc := str[k]; nc < utf8.RuneSelf {
				settle = foldASCII[nc] == pattern[patternIndex+1]
			}
		}
		if settle && matchedIndex > -1 {
			if n == 0 {
				bestScore += max(matchedIndex*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
			}
			total += bestScore
			buf[n] = matchedIndex
			n++
			bestScore = -1
			patternIndex++
		}
		lastIndex = j
		last = c
		j = k
	}
	total += n - len(str)
	return total, buf[:n:n], n == len(pattern)
}
