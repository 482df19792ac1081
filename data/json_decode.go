package data

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeFast reads s with read, which decodes one value, without
// reflection, the way encoding/json would into a Vendor: the strings it
// gives share s, so a card costs a few allocations rather
// than one a string, and decoding the embedded catalogue no longer
// dominates a first run. It handles only what AppendJSON and the card
// files write: anything else (an unknown or repeated field, a number, a
// null, a lone surrogate, bad UTF-8, trailing data) makes it return
// false, and the caller decodes with encoding/json, which answers or says
// what is wrong. Tests hold it to encoding/json over every card, every
// field and fuzzed input, so a field added to Vendor and not here fails.
func decodeFast(s string, read func(r *jsonReader)) bool {
	r := jsonReader{s: s}
	read(&r)
	r.ws()
	return !r.failed && r.pos == len(r.s)
}

// appendCompact appends the JSON in src to dst less the white space
// between its tokens, and returns the extended slice: the embedded cards
// are laid out for people, and a first run keeps them as its records
// (CatalogueJSON), a sixth smaller without it. Strings are kept as they
// are. dst may be src[:0] (the text is then compacted in place: what is
// written never passes what is read). It is for JSON that is valid (the
// catalogue's tests hold every card file to encoding/json): in a broken
// text it may join what space kept apart.
func appendCompact(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		switch c := src[i]; c {
		case ' ', '\t', '\n', '\r':
			i++
		case '"':
			end := len(src)
			for j := i + 1; j < len(src); j++ {
				k := bytes.IndexByte(src[j:], '"')
				if k < 0 {
					break
				}
				j += k
				slashes := 0
				for p := j - 1; src[p] == '\\'; p-- {
					slashes++
				}
				if slashes%2 == 0 {
					end = j + 1
					break
				}
			}
			dst = append(dst, src[i:end]...)
			i = end
		default:
			dst = append(dst, c)
			i++
		}
	}
	return dst
}

// jsonReader walks a JSON text; once failed, every read returns zero.
type jsonReader struct {
	s      string
	pos    int
	failed bool
}

func (r *jsonReader) fail() {
	r.failed = true
	r.pos = len(r.s)
}

func (r *jsonReader) ws() {
	for r.pos < len(r.s) {
		switch r.s[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

// peek reports whether the next byte, after any space, is c.
func (r *jsonReader) peek(c byte) bool {
	r.ws()
	return r.pos < len(r.s) && r.s[r.pos] == c
}

// take consumes c if it comes next.
func (r *jsonReader) take(c byte) bool {
	if r.peek(c) {
		r.pos++
		return true
	}
	return false
}

// object reads an object, calling field for each member with the reader
// at its value; field reads the value and returns the member's bit, or 0
// for a name it does not know. An unknown or repeated member fails.
func (r *jsonReader) object(field func(name string) uint64) {
	if !r.take('{') {
		r.fail()
		return
	}
	if r.take('}') {
		return
	}
	var seen uint64
	for !r.failed {
		name := r.str()
		if !r.take(':') {
			r.fail()
			return
		}
		bit := field(name)
		if bit == 0 || seen&bit != 0 {
			r.fail()
			return
		}
		seen |= bit
		if r.take(',') {
			continue
		}
		if !r.take('}') {
			r.fail()
		}
		return
	}
}

// array reads a list, calling elem with the reader at each element.
func (r *jsonReader) array(elem func()) {
	if !r.take('[') {
		r.fail()
		return
	}
	if r.take(']') {
		return
	}
	for !r.failed {
		elem()
		if r.take(',') {
			continue
		}
		if !r.take(']') {
			r.fail()
		}
		return
	}
}

// str reads a string: a slice of the input when it holds no escapes.
func (r *jsonReader) str() string {
	if !r.take('"') {
		r.fail()
		return ""
	}
	start := r.pos
	end := strings.IndexByte(r.s[start:], '"')
	if end < 0 {
		r.fail()
		return ""
	}
	s := r.s[start : start+end]
	if strings.IndexByte(s, '\\') >= 0 {
		return r.escaped(start)
	}
	r.pos = start + end + 1
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= utf8.RuneSelf {
			// A control character, or text to check: encoding/json
			// refuses the one and replaces bad UTF-8.
			if c < 0x20 || !utf8.ValidString(s[i:]) {
				r.fail()
				return ""
			}
			if strings.IndexFunc(s[i:], func(r rune) bool { return r < 0x20 }) >= 0 {
				r.fail()
				return ""
			}
			break
		}
	}
	return s
}

// escaped reads the rest of a string that holds an escape, from start
// (just after its opening quote).
func (r *jsonReader) escaped(start int) string {
	var sb strings.Builder
	i := start
	for i < len(r.s) {
		c := r.s[i]
		switch {
		case c == '"':
			r.pos = i + 1
			if s := sb.String(); utf8.ValidString(s) {
				return s
			}
			r.fail()
			return ""
		case c < 0x20:
			r.fail()
			return ""
		case c != '\\':
			sb.WriteByte(c)
			i++
			continue
		}
		if i+1 >= len(r.s) {
			break
		}
		switch e := r.s[i+1]; e {
		case '"', '\\', '/':
			sb.WriteByte(e)
		case 'b':
			sb.WriteByte('\b')
		case 'f':
			sb.WriteByte('\f')
		case 'n':
			sb.WriteByte('\n')
		case 'r':
			sb.WriteByte('\r')
		case 't':
			sb.WriteByte('\t')
		case 'u':
			ru, n := r.unicodeEscape(i)
			if n == 0 {
				r.fail()
				return ""
			}
			sb.WriteRune(ru)
			i += n
			continue
		default:
			r.fail()
			return ""
		}
		i += 2
	}
	r.fail()
	return ""
}

// unicodeEscape reads \uXXXX at i, or a surrogate pair of them, returning
// the rune and the bytes read; 0 bytes for a bad or lone escape, which
// encoding/json would replace.
func (r *jsonReader) unicodeEscape(i int) (rune, int) {
	hex4 := func(i int) rune {
		if i+6 > len(r.s) || r.s[i] != '\\' || r.s[i+1] != 'u' {
			return -1
		}
		var ru rune
		for _, c := range []byte(r.s[i+2 : i+6]) {
			switch {
			case '0' <= c && c <= '9':
				c -= '0'
			case 'a' <= c && c <= 'f':
				c -= 'a' - 10
			case 'A' <= c && c <= 'F':
				c -= 'A' - 10
			default:
				return -1
			}
			ru = ru<<4 | rune(c)
		}
		return ru
	}
	ru := hex4(i)
	switch {
	case ru < 0:
		return 0, 0
	case !utf16.IsSurrogate(ru):
		return ru, 6
	}
	if pair := utf16.DecodeRune(ru, hex4(i+6)); pair != utf8.RuneError {
		return pair, 12
	}
	return 0, 0
}

// boolean reads true or false.
func (r *jsonReader) boolean() bool {
	r.ws()
	switch {
	case strings.HasPrefix(r.s[r.pos:], "true"):
		r.pos += 4
		return true
	case strings.HasPrefix(r.s[r.pos:], "false"):
		r.pos += 5
		return false
	}
	r.fail()
	return false
}

// strs reads a list of strings; [] is an empty list, not nil, as
// encoding/json has it.
func strs[S ~string](r *jsonReader) []S {
	out := []S{}
	r.array(func() { out = append(out, S(r.str())) })
	return out
}

// list reads a list of objects, each by elem.
func list[T any](r *jsonReader, elem func(*T)) []T {
	out := []T{}
	r.array(func() {
		out = append(out, *new(T))
		elem(&out[len(out)-1])
	})
	return out
}
