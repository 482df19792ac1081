package data

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CleanText makes text from a data file safe to print on a terminal: it
// removes ANSI escape sequences (CSI, OSC, DCS and the like, whether
// introduced by ESC or by their 8-bit C1 forms) and every other control
// character and invisible format character (invisibleFormat), keeping
// newlines and turning tabs into spaces. Invalid UTF-8
// becomes U+FFFD.
func CleanText(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
			i++
		case r == 0x1b: // ESC: skip the whole sequence
			i = skipEscape(s, i+1)
		case r == 0x9b: // C1 CSI
			i = skipCSI(s, i+size)
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // C1 OSC, DCS, SOS, PM, APC
			i = skipString(s, i+size)
		case r == '\n':
			b.WriteByte('\n')
			i += size
		case r == '\t':
			b.WriteByte(' ')
			i += size
		case unicode.IsControl(r), r == '\u2028', r == '\u2029', invisibleFormat(r):
			i += size
		default:
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return b.String()
}

// CleanField is CleanLine for one field read from a data file or a
// capture, trimmed. Text that is printable ASCII is returned as it is (the
// common case, and a per-row cost on large files); otherwise a lone C1
// character (a stray U+009E in a company name) is dropped first, since
// CleanText would take it for the start of an escape sequence and skip
// the rest of the string.
func CleanField(s string) string {
	if PrintableASCII(s) {
		return strings.TrimSpace(s)
	}
	s = strings.Map(func(r rune) rune {
		if r >= 0x80 && r <= 0x9f {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(CleanLine(s))
}

// PrintableASCII reports whether s is printable ASCII only: nothing in it
// for a cleaner to do, and one cell a byte.
func PrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

// CleanLine is CleanText for a single-line field: newlines become spaces.
func CleanLine(s string) string {
	return strings.ReplaceAll(CleanText(s), "\n", " ")
}

// invisibleFormat reports the characters that take no room on a screen
// yet change the text around them: the bidi controls, and the zero-width
// space, word joiner and byte-order mark (ZWNBSP), which split or hide a
// word's letters ("DoubleVerify Inc." with a zero-width space after it
// in the IAB's list). They are never part of a name (NormalizeName drops
// them too) nor of text shown. The zero-width joiner and non-joiner are
// not among them: they shape letters in some scripts and emoji.
func invisibleFormat(r rune) bool {
	switch r {
	case '\u200b', '\u2060', '\ufeff':
		return true
	}
	return bidiControl(r)
}

// bidiControl reports the characters that reorder text around them
// (embeddings, overrides, isolates and marks): any of them can make a
// name read as another ("Trojan Source"), not only the overrides.
func bidiControl(r rune) bool {
	switch {
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true
	case r == '\u200e', r == '\u200f', r == '\u061c':
		return true
	}
	return false
}

func isClean(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || r == '\t' || (r != '\n' && unicode.IsControl(r)) || r == '\u2028' || r == '\u2029' || invisibleFormat(r) {
			return false
		}
	}
	return true
}

func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(s, i+1)
	}
	// Two-character sequences (ESC c, ESC 7...) and charset selections
	// (ESC ( B): skip intermediates, then the final byte.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	// A final byte is printable (0x30-0x7e); anything else (a newline, a
	// second ESC) is not part of the sequence and is left to be read.
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipCSI skips parameter and intermediate bytes and the final byte.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		i++
		if c >= 0x40 && c <= 0x7e {
			return i
		}
		if c < 0x20 || c > 0x7e {
			return i - 1
		}
	}
	return i
}

// skipString skips an OSC/DCS-style string up to BEL or ST (ESC \ or 0x9c).
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + 2
		}
		i++
	}
	return i
}

// Quote is how every message quotes what it echoes (a file's header, a key,
// a name typed on the command line): in double quotes, cut to 80 characters,
// with every character CleanText would drop written as a Go escape (\x1b,
// \u202e, \xff for invalid UTF-8), so the user sees exactly which input is
// meant and the terminal sees nothing it would act on.
func Quote(s string) string {
	if r := []rune(s); len(r) > 80 {
		s = string(r[:79]) + "…"
	}
	return strconv.Quote(s)
}

// ShownName is a file's name as a message shows it: as it is, or quoted
// (Quote) when it holds a newline, an escape sequence or another control,
// so that no name can end the message's line or reach the terminal as a
// command.
func ShownName(name string) string {
	if CleanLine(name) == name {
		return name
	}
	return Quote(name)
}

// EscapeControls writes every character that CleanText would drop, except
// newlines, as a Go escape: the last guard on a message about to reach a
// terminal, for the parts no one quoted.
func EscapeControls(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteString(`\t`)
		case unicode.IsControl(r), r == '\u2028', r == '\u2029', invisibleFormat(r):
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// EscapeJSON is EscapeControls for encoded JSON: encoding/json escapes C0
// controls but writes C1 controls and bidi marks raw, so each character
// CleanText would drop is written as \uXXXX, which keeps the JSON valid
// and equal in meaning while nothing in it can act on a terminal.
func EscapeJSON(b []byte) []byte {
	if isClean(string(b)) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = append(out, `\ufffd`...)
		case r == '\n', r == '\t', r == '\r':
			out = append(out, b[i])
		case unicode.IsControl(r), r == '\u2028', r == '\u2029', invisibleFormat(r):
			out = fmt.Appendf(out, `\u%04x`, r)
		default:
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

// Plural is a count as a sentence says it: "1 request", "2 requests".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// JoinAnd is a list as a sentence says it: "a", "a and b", "a, b and c".
func JoinAnd(s []string) string { return joinLast(s, " and ") }

// JoinOr is a choice as a sentence says it: "a", "a or b", "a, b or c".
func JoinOr(s []string) string { return joinLast(s, " or ") }

func joinLast(s []string, last string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + last + s[len(s)-1]
}
