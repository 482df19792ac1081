package data

import (
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold takes the accents off Latin letters, one rune for one rune ("Bücher"
// is "Bucher", "Ça" is "Ca"; "ß" and "æ" stay), so that a query typed with
// or without them finds a name written either way. Keeping the runes one
// for one lets a match's offsets in the folded text point at the same
// characters of the original.
func Fold(s string) string {
	if isASCII(s) {
		return s
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		out = append(out, foldRune(r))
	}
	return string(out)
}

// AppendFold appends Fold(s) to dst, s given as bytes.
func AppendFold(dst, s []byte) []byte {
	if isASCII(unsafeString(s)) {
		return append(dst, s...)
	}
	for _, r := range unsafeString(s) {
		dst = utf8.AppendRune(dst, foldRune(r))
	}
	return dst
}

// isASCII reports that s is all ASCII, eight bytes a step: nearly every
// name and host is, and a search folds each one it reads.
func isASCII(s string) bool {
	for ; len(s) >= 8; s = s[8:] {
		w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		if w&0x8080808080808080 != 0 {
			return false
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldRune is r without its accents: the base of its canonical
// decomposition when the rest is combining marks, else r.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		return r
	}
	if r < latinEnd {
		// Each worked out once, when first folded: decomposing costs an
		// allocation, and a search folds every name and host it reads.
		known := &latinFolds[r-utf8.RuneSelf]
		if f := known.Load(); f != 0 {
			return f
		}
		f := decomposeRune(r)
		known.Store(f)
		return f
	}
	return decomposeRune(r)
}

// latinEnd ends the Latin blocks whose folds foldRune keeps.
const latinEnd = 0x250

// latinFolds holds foldRune's answers for the Latin runes beyond ASCII,
// zero for one not folded yet.
var latinFolds [latinEnd - utf8.RuneSelf]atomic.Int32

// decomposeRune is foldRune's rule for a rune beyond ASCII.
func decomposeRune(r rune) rune {
	switch r { // letters with a stroke do not decompose
	case 'ø':
		return 'o'
	case 'Ø':
		return 'O'
	case 'ł':
		return 'l'
	case 'Ł':
		return 'L'
	case 'đ':
		return 'd'
	case 'Đ':
		return 'D'
	}
	d := norm.NFD.String(string(r))
	base, n := utf8.DecodeRuneInString(d)
	if n == len(d) || base >= utf8.RuneSelf {
		return r
	}
	for _, m := range d[n:] {
		if !unicode.Is(unicode.Mn, m) {
			return r
		}
	}
	return base
}
