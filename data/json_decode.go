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

// compactInPlace takes the white space between the tokens of the JSON in b
// out, in place, and returns what is left: the embedded cards are laid out
// for people, and a first run keeps them as its records (CatalogueJSON), a
// sixth smaller without it. Strings are kept as they are. It is for JSON
// that is valid (the catalogue's tests hold every card file to
// encoding/json): in a broken text it may join what space kept apart.
func compactInPlace(b []byte) []byte {
	w := 0
	for i := 0; i < len(b); {
		switch c := b[i]; c {
		case ' ', '\t', '\n', '\r':
			i++
		case '"':
			end := len(b)
			for j := i + 1; j < len(b); j++ {
				k := bytes.IndexByte(b[j:], '"')
				if k < 0 {
					break
				}
				j += k
				slashes := 0
				for p := j - 1; b[p] == '\\'; p-- {
					slashes++
				}
				if slashes%2 == 0 {
					end = j + 1
					break
				}
			}
			w += copy(b[w:], b[i:end])
			i = end
		default:
			b[w] = c
			w++
			i++
		}
	}
	return b[:w]
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

// lifetime reads a lifetime's code; a number of seconds, which
// Lifetime.UnmarshalJSON also takes, is left to encoding/json.
func (r *jsonReader) lifetime() Lifetime {
	l, err := ParseLifetime(r.str())
	if err != nil {
		r.fail()
	}
	return l
}

// vendor reads one card; each member's bit is its place in Vendor.
func (r *jsonReader) vendor(v *Vendor) {
	r.object(func(name string) uint64 {
		switch name {
		case "id":
			v.ID = r.str()
			return 1 << 0
		case "name":
			v.Name = r.str()
			return 1 << 1
		case "owner":
			v.Owner = r.str()
			return 1 << 2
		case "aliases":
			v.Aliases = strs[string](r)
			return 1 << 3
		case "summary":
			v.Summary = r.str()
			return 1 << 4
		case "overview":
			v.Overview = r.str()
			return 1 << 5
		case "website":
			v.Website = r.str()
			return 1 << 6
		case "privacy_policy":
			v.PrivacyPolicy = r.str()
			return 1 << 7
		case "products":
			v.Products = strs[string](r)
			return 1 << 8
		case "industries":
			v.Industries = strs[string](r)
			return 1 << 9
		case "category":
			v.Category = Category(r.str())
			return 1 << 10
		case "categories":
			v.Categories = strs[Category](r)
			return 1 << 11
		case "domains":
			v.Domains = list(r, r.domain)
			return 1 << 12
		case "scripts":
			v.Scripts = list(r, r.script)
			return 1 << 13
		case "connections":
			v.Connections = list(r, r.connection)
			return 1 << 14
		case "data_collected":
			v.DataCollected = strs[string](r)
			return 1 << 15
		case "sets_cookies":
			v.SetsCookies = Tristate(r.str())
			return 1 << 16
		case "storage":
			v.Storage = list(r, r.storageItem)
			return 1 << 17
		case "permissions":
			v.Permissions = list(r, r.permission)
			return 1 << 18
		case "compliance":
			r.compliance(&v.Compliance)
			return 1 << 19
		case "consent_required":
			r.verdict(&v.ConsentRequired)
			return 1 << 20
		case "block_before_consent":
			r.verdict(&v.BlockBeforeConsent)
			return 1 << 21
		case "unpublished":
			v.Unpublished = strs[string](r)
			return 1 << 22
		case "faq":
			v.FAQ = list(r, r.faq)
			return 1 << 23
		case "related":
			v.Related = strs[string](r)
			return 1 << 24
		case "sources":
			v.Sources = list(r, r.source)
			return 1 << 25
		case "provenance":
			v.Provenance = list(r, r.provenance)
			return 1 << 26
		case "seen_categories":
			v.SeenCategories = strs[string](r)
			return 1 << 27
		}
		return 0
	})
}

func (r *jsonReader) domain(d *Domain) {
	r.object(func(name string) uint64 {
		switch name {
		case "host":
			d.Host = r.str()
			return 1 << 0
		case "category":
			d.Category = Category(r.str())
			return 1 << 1
		case "shared":
			d.Shared = r.boolean()
			return 1 << 2
		case "hosting":
			d.Hosting = r.boolean()
			return 1 << 3
		case "note":
			d.Note = r.str()
			return 1 << 4
		}
		return 0
	})
}

func (r *jsonReader) script(s *Script) {
	r.object(func(name string) uint64 {
		switch name {
		case "name":
			s.Name = r.str()
			return 1 << 0
		case "host":
			s.Host = r.str()
			return 1 << 1
		case "path":
			s.Path = r.str()
			return 1 << 2
		case "description":
			s.Description = r.str()
			return 1 << 3
		}
		return 0
	})
}

func (r *jsonReader) connection(c *Connection) {
	r.object(func(name string) uint64 {
		switch name {
		case "kind":
			c.Kind = r.str()
			return 1 << 0
		case "hosts":
			c.Hosts = strs[string](r)
			return 1 << 1
		case "description":
			c.Description = r.str()
			return 1 << 2
		}
		return 0
	})
}

func (r *jsonReader) storageItem(it *StorageItem) {
	r.object(func(name string) uint64 {
		switch name {
		case "kind":
			it.Kind = StorageKind(r.str())
			return 1 << 0
		case "name":
			it.Name = r.str()
			return 1 << 1
		case "party":
			it.Party = Party(r.str())
			return 1 << 2
		case "lifetime":
			it.Lifetime = r.lifetime()
			return 1 << 3
		case "purpose":
			it.Purpose = r.str()
			return 1 << 4
		case "category":
			it.Category = Category(r.str())
			return 1 << 5
		}
		return 0
	})
}

func (r *jsonReader) permission(p *Permission) {
	r.object(func(name string) uint64 {
		switch name {
		case "name":
			p.Name = PermissionName(r.str())
			return 1 << 0
		case "when":
			p.When = r.str()
			return 1 << 1
		}
		return 0
	})
}

func (r *jsonReader) compliance(c *Compliance) {
	r.object(func(name string) uint64 {
		switch name {
		case "gdpr":
			c.GDPR = r.str()
			return 1 << 0
		case "ccpa":
			c.CCPA = r.str()
			return 1 << 1
		case "role":
			c.Role = Role(r.str())
			return 1 << 2
		case "data_residency":
			c.DataResidency = r.str()
			return 1 << 3
		case "transfers":
			c.Transfers = r.str()
			return 1 << 4
		}
		return 0
	})
}

func (r *jsonReader) verdict(v *Verdict) {
	r.object(func(name string) uint64 {
		switch name {
		case "value":
			v.Value = Answer(r.str())
			return 1 << 0
		case "reason":
			v.Reason = r.str()
			return 1 << 1
		case "advice":
			v.Advice = r.str()
			return 1 << 2
		}
		return 0
	})
}

func (r *jsonReader) faq(f *FAQ) {
	r.object(func(name string) uint64 {
		switch name {
		case "question":
			f.Question = r.str()
			return 1 << 0
		case "short":
			f.Short = Answer(r.str())
			return 1 << 1
		case "answer":
			f.Answer = r.str()
			return 1 << 2
		}
		return 0
	})
}

func (r *jsonReader) source(s *Source) {
	r.object(func(name string) uint64 {
		switch name {
		case "name":
			s.Name = r.str()
			return 1 << 0
		case "url":
			s.URL = r.str()
			return 1 << 1
		case "checked":
			s.Checked = r.str()
			return 1 << 2
		case "note":
			s.Note = r.str()
			return 1 << 3
		}
		return 0
	})
}

func (r *jsonReader) provenance(p *Provenance) {
	r.object(func(name string) uint64 {
		switch name {
		case "field":
			p.Field = r.str()
			return 1 << 0
		case "value":
			p.Value = r.str()
			return 1 << 1
		case "source":
			p.Source = r.str()
			return 1 << 2
		}
		return 0
	})
}
