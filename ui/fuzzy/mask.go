package fuzzy

import (
	"unicode"
	"unicode/utf8"
)

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
