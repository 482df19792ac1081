package banner

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
)

// jsValue is a JavaScript value written as source: configurations hold
// RegExp literals, so they are JavaScript, not JSON. Every string goes
// through jsString, every pattern through regExpSource; nothing from the
// data is written raw.
type jsValue interface {
	js(b *strings.Builder, indent string)
}

type (
	jsObject []jsField
	jsField  struct {
		key   string
		value jsValue
	}
	jsArray  []jsValue
	jsStr    string
	jsBool   bool
	jsInt    int
	jsRegExp string // a source already escaped by regExpSource
)

func (o jsObject) js(b *strings.Builder, indent string) {
	if len(o) == 0 {
		b.WriteString("{}")
		return
	}
	b.WriteString("{\n")
	for i, f := range o {
		b.WriteString(indent + "  " + jsString(f.key) + ": ")
		f.value.js(b, indent+"  ")
		if i < len(o)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString(indent + "}")
}

func (a jsArray) js(b *strings.Builder, indent string) {
	if len(a) == 0 {
		b.WriteString("[]")
		return
	}
	b.WriteString("[\n")
	for i, v := range a {
		b.WriteString(indent + "  ")
		v.js(b, indent+"  ")
		if i < len(a)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString(indent + "]")
}

func (s jsStr) js(b *strings.Builder, _ string)    { b.WriteString(jsString(string(s))) }
func (v jsBool) js(b *strings.Builder, _ string)   { fmt.Fprint(b, bool(v)) }
func (n jsInt) js(b *strings.Builder, _ string)    { fmt.Fprint(b, int(n)) }
func (r jsRegExp) js(b *strings.Builder, _ string) { b.WriteString("/" + string(r) + "/") }

// jsString is s as a JavaScript string literal. A JSON string is one:
// encoding/json escapes quotes, backslashes, control characters and
// U+2028 and U+2029 (line terminators in older JavaScript); every '<' is
// escaped too, so neither "</script" nor "<!--" can appear in an inline
// script.
func jsString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // '&' and '>' are harmless; '<' is escaped below
	if err := enc.Encode(s); err != nil {
		return `""` // a string always encodes; this keeps the output valid regardless
	}
	return strings.ReplaceAll(strings.TrimSuffix(b.String(), "\n"), "<", `\u003c`)
}

// htmlText escapes s for HTML text and double-quoted attribute values:
// the libraries set their texts with innerHTML.
func htmlText(s string) string {
	return htmlEscaper.Replace(s)
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;")

// regExpSource is the source of a JavaScript RegExp literal that matches
// a cookie name: the name itself, or for a pattern '*' as any run of
// characters, anchored at both ends ("_hjSession_*" gives ^_hjSession_).
func regExpSource(name string, pattern bool) string {
	parts := []string{name}
	if pattern {
		parts = strings.Split(name, "*")
	}
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = quoteRegExp(p)
	}
	src := "^" + strings.Join(quoted, ".*") + "$"
	src = strings.TrimSuffix(src, ".*$") // a trailing run of anything needs no anchor
	if src == "^" {
		src = "^.*" // a name that is all '*' (it matches anything: the data asked for it)
	}
	return src
}

// quoteRegExp escapes s for a RegExp literal, as regexp.QuoteMeta does
// for Go: every metacharacter and the literal's own '/' get a backslash;
// anything not printable ASCII, and < and >, is written as \uXXXX, so no
// line terminator and no "</script" can appear in the literal.
func quoteRegExp(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case strings.ContainsRune(`\^$.*+?()[]{}|/-`, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x80 && r != '<' && r != '>' && unicode.IsPrint(r):
			b.WriteRune(r)
		case r > 0xffff:
			r1, r2 := surrogates(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

func surrogates(r rune) (rune, rune) {
	r -= 0x10000
	return 0xd800 + (r>>10)&0x3ff, 0xdc00 + r&0x3ff
}

// comment is text from the data made safe for a // comment, in JavaScript
// and in an inline script: one line, no line terminator (U+2028 ends a
// comment too) and no '<' that could start "</script".
func comment(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '<' || r == '>':
			b.WriteRune('_')
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || (r < 0x80 && unicode.IsPunct(r)):
			b.WriteRune(r)
		default:
			b.WriteRune('_')
		}
	}
	return b.String()
}
