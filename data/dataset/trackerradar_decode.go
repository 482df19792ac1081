package dataset

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// decodeTRDomain decodes one Tracker Radar domain record as
// json.Unmarshal would into d, without reflection: encoding/json was half
// of reading the JSON lines, most of it checking and skipping the fields
// vendex does not use. It handles the records as Tracker Radar writes
// them; anything else (a field named in other case, a repeated field, a
// null or a value of another type where vendex reads one, an escape or
// bad UTF-8 in a string it keeps, a number an int or float64 cannot hold,
// malformed JSON) makes it return false, and the caller decodes with
// encoding/json, which answers or says what is wrong. Tests hold it to
// encoding/json over every record of the real file and fuzzed input.
func decodeTRDomain(b []byte, d *trDomain) bool {
	r := trScan{b: b}
	r.object(func(key []byte) bool {
		switch string(key) {
		case "domain":
			d.Domain = r.str()
		case "owner":
			r.object(func(key []byte) bool {
				switch string(key) {
				case "name":
					d.Owner.Name = r.str()
				case "displayName":
					d.Owner.DisplayName = r.str()
				case "privacyPolicy":
					d.Owner.PrivacyPolicy = r.str()
				case "url":
					d.Owner.URL = r.str()
				default:
					return false
				}
				return true
			}, "name", "displayName", "privacyPolicy", "url")
		case "categories":
			d.Categories = []string{} // an empty list is not nil, as encoding/json has it
			r.array(func() { d.Categories = append(d.Categories, r.str()) })
		case "resources":
			d.Resources = []trResource{}
			r.array(func() {
				d.Resources = append(d.Resources, trResource{})
				r.resource(&d.Resources[len(d.Resources)-1])
			})
		default:
			return false
		}
		return true
	}, "domain", "owner", "categories", "resources")
	r.ws()
	return !r.failed && r.pos == len(r.b)
}

// resource reads one of a domain record's resources.
func (r *trScan) resource(res *trResource) {
	r.object(func(key []byte) bool {
		switch string(key) {
		case "sites":
			res.Sites = r.int()
		case "prevalence":
			res.Prevalence = r.float()
		case "cnames":
			res.CNAMEs = []struct{}{}
			r.array(func() {
				res.CNAMEs = append(res.CNAMEs, struct{}{})
				r.object(func([]byte) bool { return false })
			})
		case "firstPartyCookies":
			res.FirstPartyCookies = map[string]trFirstPartyCookie{}
			r.object(func(name []byte) bool {
				if _, ok := res.FirstPartyCookies[string(name)]; ok {
					r.fail() // a repeated name: encoding/json says what it means
				}
				var c trFirstPartyCookie
				r.object(func(key []byte) bool {
					switch string(key) {
					case "ttl":
						c.TTL = r.float()
					case "prevalence":
						c.Prevalence = r.float()
					default:
						return false
					}
					return true
				}, "ttl", "prevalence")
				res.FirstPartyCookies[string(name)] = c
				return true
			})
		default:
			return false
		}
		return true
	}, "sites", "prevalence", "cnames", "firstPartyCookies")
}

// trScan walks a JSON text for decodeTRDomain; once failed, every read
// returns zero.
type trScan struct {
	b      []byte
	pos    int
	failed bool
}

func (r *trScan) fail() { r.failed, r.pos = true, len(r.b) }

func (r *trScan) ws() {
	for r.pos < len(r.b) {
		switch r.b[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

// take reads c, after white space, or fails.
func (r *trScan) take(c byte) {
	r.ws()
	if r.pos < len(r.b) && r.b[r.pos] == c {
		r.pos++
		return
	}
	r.fail()
}

// peek reports whether c comes next, after white space.
func (r *trScan) peek(c byte) bool {
	r.ws()
	return r.pos < len(r.b) && r.b[r.pos] == c
}

// object reads an object, calling field for each member with its key (a
// view of the text, valid until field returns) once the colon is read;
// field reads the value and returns true, or returns false for the value
// to be skipped. Where known names the keys read, a key that is one of
// them but for its case fails, as encoding/json would take it,
// and so does a key read twice.
func (r *trScan) object(field func(key []byte) bool, known ...string) {
	r.take('{')
	if r.peek('}') {
		r.pos++
		return
	}
	var seenBuf [8][]byte
	seen := seenBuf[:0]
	for !r.failed {
		key, ok := r.plainString()
		if !ok {
			r.fail()
			return
		}
		if len(known) > 0 {
			for _, k := range known {
				if string(key) != k && asciiEqualFold(k, key) {
					r.fail()
					return
				}
			}
			for _, s := range seen {
				if string(s) == string(key) {
					r.fail()
					return
				}
			}
			seen = append(seen, key)
		}
		r.take(':')
		if !field(key) {
			r.skip()
		}
		r.ws()
		if r.pos < len(r.b) && r.b[r.pos] == ',' {
			r.pos++
			continue
		}
		r.take('}')
		return
	}
}

// asciiEqualFold reports whether k and key, both ASCII, are equal but for
// case.
func asciiEqualFold(k string, key []byte) bool {
	if len(k) != len(key) {
		return false
	}
	for i := range len(k) {
		a, b := k[i], key[i]
		if 'A' <= a && a <= 'Z' {
			a += 'a' - 'A'
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		if a != b {
			return false
		}
	}
	return true
}

// array reads a list, calling elem to read each element.
func (r *trScan) array(elem func()) {
	r.take('[')
	if r.peek(']') {
		r.pos++
		return
	}
	for !r.failed {
		elem()
		r.ws()
		if r.pos < len(r.b) && r.b[r.pos] == ',' {
			r.pos++
			continue
		}
		r.take(']')
		return
	}
}

// plainString reads a string that holds no escape, no control character
// and no byte past ASCII's (a key: encoding/json folds keys' case beyond
// ASCII too), as a view of the text.
func (r *trScan) plainString() ([]byte, bool) {
	r.ws()
	if r.pos >= len(r.b) || r.b[r.pos] != '"' {
		return nil, false
	}
	for i := r.pos + 1; i < len(r.b); i++ {
		switch c := r.b[i]; {
		case c == '"':
			s := r.b[r.pos+1 : i]
			r.pos = i + 1
			return s, true
		case c == '\\' || c < 0x20 || c >= 0x80:
			return nil, false
		}
	}
	return nil, false
}

// str reads a string that holds no escape and is valid UTF-8 (else it
// fails: encoding/json unquotes the one and mends the other), copied.
func (r *trScan) str() string {
	r.ws()
	if r.pos >= len(r.b) || r.b[r.pos] != '"' {
		r.fail()
		return ""
	}
	ascii := true
	for i := r.pos + 1; i < len(r.b); i++ {
		switch c := r.b[i]; {
		case c == '"':
			s := r.b[r.pos+1 : i]
			if !ascii && !utf8.Valid(s) {
				r.fail()
				return ""
			}
			r.pos = i + 1
			return string(s)
		case c == '\\' || c < 0x20:
			r.fail()
			return ""
		case c >= 0x80:
			ascii = false
		}
	}
	r.fail()
	return ""
}

// number reads a JSON number's text, checked against JSON's grammar, as
// a view of the text (a skipped number is not copied).
func (r *trScan) number() []byte {
	r.ws()
	b, i := r.b, r.pos
	digits := func() bool {
		n := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i > n
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case !digits():
		r.fail()
		return nil
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			r.fail()
			return nil
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			r.fail()
			return nil
		}
	}
	s := b[r.pos:i]
	r.pos = i
	return s
}

// int reads a number as encoding/json reads it into an int. A null
// leaves an int as it was, which for every field read here (none read
// twice) is zero.
func (r *trScan) int() int {
	if r.null() {
		return 0
	}
	n, err := strconv.ParseInt(string(r.number()), 10, 64)
	if err != nil {
		r.fail()
	}
	return int(n)
}

// float reads a number as encoding/json reads it into a float64, a null
// as zero (see int): a session cookie's ttl is null.
func (r *trScan) float() float64 {
	if r.null() {
		return 0
	}
	s := r.number()
	if r.failed {
		return 0
	}
	f, err := strconv.ParseFloat(string(s), 64)
	if err != nil {
		r.fail()
	}
	return f
}

// skip reads past one value of any kind, checking it is well formed JSON
// (encoding/json checks the whole text before it decodes any of it).
func (r *trScan) skip() {
	var stackBuf [32]byte
	open := stackBuf[:0] // the brackets open, innermost last
	for !r.failed {
		r.ws()
		if r.pos >= len(r.b) {
			r.fail()
			return
		}
		switch c := r.b[r.pos]; {
		case c == '{' || c == '[':
			r.pos++
			end := byte('}')
			if c == '[' {
				end = ']'
			}
			if r.peek(end) {
				r.pos++
				break // an empty one: a value read
			}
			if len(open) >= 1000 { // encoding/json says where too deep is
				r.fail()
				return
			}
			open = append(open, c)
			if c == '{' {
				r.skipString()
				r.take(':')
			}
			continue
		case c == '"':
			r.skipString()
		case c == '-' || '0' <= c && c <= '9':
			r.number()
		case c == 't':
			r.literal("true")
		case c == 'f':
			r.literal("false")
		case c == 'n':
			r.literal("null")
		default:
			r.fail()
			return
		}
		// A value is read: close the brackets it ends, or go on to the
		// next element or member.
		for !r.failed {
			if len(open) == 0 {
				return
			}
			r.ws()
			if r.pos >= len(r.b) {
				r.fail()
				return
			}
			top, c := open[len(open)-1], r.b[r.pos]
			if c == ',' {
				r.pos++
				if top == '{' {
					r.skipString()
					r.take(':')
				}
				break
			}
			if top == '{' && c == '}' || top == '[' && c == ']' {
				r.pos++
				open = open[:len(open)-1]
				continue
			}
			r.fail()
			return
		}
	}
}

// skipString reads past a string, checking its escapes.
func (r *trScan) skipString() {
	r.ws()
	if r.pos >= len(r.b) || r.b[r.pos] != '"' {
		r.fail()
		return
	}
	for i := r.pos + 1; i < len(r.b); i++ {
		switch c := r.b[i]; {
		case c == '"':
			r.pos = i + 1
			return
		case c < 0x20:
			r.fail()
			return
		case c == '\\':
			if i+1 >= len(r.b) {
				r.fail()
				return
			}
			i++
			switch r.b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(r.b) {
					r.fail()
					return
				}
				for _, h := range r.b[i+1 : i+5] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						r.fail()
						return
					}
				}
				i += 4
			default:
				r.fail()
				return
			}
		}
	}
	r.fail()
}

// null reads a null if one comes next.
func (r *trScan) null() bool {
	if !r.peek('n') {
		return false
	}
	r.literal("null")
	return !r.failed
}

// literal reads true, false or null.
func (r *trScan) literal(word string) {
	if !bytes.HasPrefix(r.b[r.pos:], []byte(word)) {
		r.fail()
		return
	}
	r.pos += len(word)
}
