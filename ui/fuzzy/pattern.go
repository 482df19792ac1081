package fuzzy

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"

	sahilm "github.com/sahilm/fuzzy"
)

// Pattern is one query matched against strings one at a time, each with
// the score fuzzy.Find(query, []string{s}) gives it: a one-off search over
// strings that arrive one by one (vendex search, reading a catalogue) needs
// no Index, and keeps nothing of the strings that do not match.
//
// A Pattern is not safe for concurrent use.
type Pattern struct {
	query   string
	pattern []rune
	lower   []byte // pattern lower-cased, nil unless all ASCII
	mask    uint64 // the classes an entry must hold
	nul     bool   // a NUL in the query: fuzzy.Find itself answers
	buf     []int
}

// NewPattern compiles query; an empty query matches nothing, as in Find.
func NewPattern(query string) *Pattern {
	p := &Pattern{query: query, pattern: []rune(query), nul: strings.ContainsRune(query, 0)}
	p.lower = lowerASCII(p.pattern)
	p.mask = runeMask(query) &^ nonASCII
	p.buf = make([]int, len(p.pattern))
	return p
}

// Score is s's score against the query, and whether s matches it at all.
func (p *Pattern) Score(s string) (int, bool) {
	if p.query == "" {
		return 0, false
	}
	if p.nul {
		ms := sahilm.Find(p.query, []string{s})
		if len(ms) == 0 {
			return 0, false
		}
		return ms[0].Score, true
	}
	if i := strings.IndexByte(s, 0); i > -1 {
		s = s[:i] // fuzzy reads a string up to its first NUL
	}
	m := runeMask(s)
	if m&p.mask != p.mask {
		return 0, false
	}
	score, _, ok := scoreString(p.pattern, p.lower, s, m, p.buf)
	if !ok {
		return 0, false
	}
	return score, true
}

// Excludes reports, from one pass over b, that no string made of b's bytes
// can match: b is all ASCII and lacks a letter, digit or other character
// class the query needs. It may say false of bytes that do not match.
func (p *Pattern) Excludes(b []byte) bool {
	if p.nul || p.query == "" {
		return false
	}
	var m uint64
	// Eight bytes a step: one test for any byte beyond ASCII, then their
	// classes (vendex search passes every brief of a catalogue here).
	for ; len(b) >= 8; b = b[8:] {
		w := binary.LittleEndian.Uint64(b)
		if w&0x8080808080808080 != 0 {
			return false
		}
		m |= asciiClass[w&0x7f] | asciiClass[w>>8&0x7f] | asciiClass[w>>16&0x7f] | asciiClass[w>>24&0x7f] |
			asciiClass[w>>32&0x7f] | asciiClass[w>>40&0x7f] | asciiClass[w>>48&0x7f] | asciiClass[w>>56&0x7f]
	}
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
		m |= asciiClass[c]
	}
	return m&p.mask != p.mask
}

// Misses reports, from one pass over s, that s cannot match: s is all
// ASCII and, for an ASCII query, lacks the query's characters in order,
// case aside; for any other query, what Excludes says. Unlike Excludes it
// reads s as one string: characters of two strings side by side may
// hold the query's in order when neither does.
func (p *Pattern) Misses(s []byte) bool {
	if p.lower == nil {
		return p.Excludes(s)
	}
	if p.nul || p.query == "" {
		return false
	}
	// In ASCII a match holds the query's characters in order, case aside:
	// taking each at its first chance after the last, one pass rules one
	// out.
	want, j := p.lower[0], 0
	for _, c := range s {
		if c >= utf8.RuneSelf {
			return false
		}
		if foldASCII[c] == want {
			if j++; j == len(p.lower) {
				return false
			}
			want = p.lower[j]
		}
	}
	return true
}
