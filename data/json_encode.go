package data

import "unicode/utf8"

// AppendJSON appends v encoded as json.Marshal encodes it, byte for byte,
// without reflection: a large import writes 100,000 records, and
// encoding/json spent a fifth of that import's time on them. A test holds
// it to json.Marshal for every catalogue vendor, for strings of every kind,
// and for a vendor with every field set, so that a field added to Vendor
// and not here fails it.
func (v *Vendor) AppendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = AppendJSONString(b, v.ID)
	b = append(b, `,"name":`...)
	b = AppendJSONString(b, v.Name)
	b = appendStringField(b, "owner", v.Owner)
	b = appendStringsField(b, "aliases", v.Aliases)
	b = appendStringField(b, "retired", v.Retired)
	b = append(b, `,"summary":`...)
	b = AppendJSONString(b, v.Summary)
	b = appendStringField(b, "overview", v.Overview)
	b = appendStringField(b, "website", v.Website)
	b = appendStringField(b, "privacy_policy", v.PrivacyPolicy)
	b = appendStringsField(b, "products", v.Products)
	b = appendStringsField(b, "industries", v.Industries)
	b = append(b, `,"category":`...)
	b = AppendJSONString(b, string(v.Category))
	b = appendStringsField(b, "categories", v.Categories)
	if len(v.Domains) > 0 {
		b = append(b, `,"domains":[`...)
		for i, d := range v.Domains {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"host":`...)
			b = AppendJSONString(b, d.Host)
			b = appendStringField(b, "category", string(d.Category))
			if d.Shared {
				b = append(b, `,"shared":true`...)
			}
			if d.Hosting {
				b = append(b, `,"hosting":true`...)
			}
			b = appendStringField(b, "note", d.Note)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(v.Scripts) > 0 {
		b = append(b, `,"scripts":[`...)
		for i, sc := range v.Scripts {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '{')
			if sc.Name != "" {
				b = append(b, `"name":`...)
				b = AppendJSONString(b, sc.Name)
				b = append(b, ',')
			}
			b = append(b, `"host":`...)
			b = AppendJSONString(b, sc.Host)
			b = appendStringField(b, "path", sc.Path)
			b = appendStringField(b, "description", sc.Description)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(v.Connections) > 0 {
		b = append(b, `,"connections":[`...)
		for i, c := range v.Connections {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"kind":`...)
			b = AppendJSONString(b, c.Kind)
			b = appendStringsField(b, "hosts", c.Hosts)
			b = append(b, `,"description":`...)
			b = AppendJSONString(b, c.Description)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = appendStringsField(b, "data_collected", v.DataCollected)
	b = append(b, `,"sets_cookies":`...)
	b = AppendJSONString(b, string(v.SetsCookies))
	if len(v.Storage) > 0 {
		b = append(b, `,"storage":[`...)
		for i := range v.Storage {
			st := &v.Storage[i]
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"kind":`...)
			b = AppendJSONString(b, string(st.Kind))
			b = append(b, `,"name":`...)
			b = AppendJSONString(b, st.Name)
			b = appendStringField(b, "party", string(st.Party))
			b = append(b, `,"lifetime":"`...)
			b = append(st.Lifetime.appendCode(b), '"')
			b = append(b, `,"purpose":`...)
			b = AppendJSONString(b, st.Purpose)
			b = appendStringField(b, "category", string(st.Category))
			if st.OwnSite {
				b = append(b, `,"own_site":true`...)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(v.Permissions) > 0 {
		b = append(b, `,"permissions":[`...)
		for i, p := range v.Permissions {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"name":`...)
			b = AppendJSONString(b, string(p.Name))
			b = append(b, `,"when":`...)
			b = AppendJSONString(b, p.When)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	c := &v.Compliance
	b = append(b, `,"compliance":{`...)
	n := len(b)
	b = appendStringField(b, "gdpr", c.GDPR)
	b = appendStringField(b, "ccpa", c.CCPA)
	b = appendStringField(b, "role", string(c.Role))
	b = appendStringField(b, "data_residency", c.DataResidency)
	b = appendStringField(b, "transfers", c.Transfers)
	if len(b) > n {
		b = append(b[:n], b[n+1:]...) // the first field's comma
	}
	b = append(b, '}')
	b = appendVerdict(b, "consent_required", &v.ConsentRequired)
	b = appendVerdict(b, "block_before_consent", &v.BlockBeforeConsent)
	b = appendStringsField(b, "unpublished", v.Unpublished)
	if len(v.FAQ) > 0 {
		b = append(b, `,"faq":[`...)
		for i, f := range v.FAQ {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"question":`...)
			b = AppendJSONString(b, f.Question)
			b = appendStringField(b, "short", string(f.Short))
			b = append(b, `,"answer":`...)
			b = AppendJSONString(b, f.Answer)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = appendStringsField(b, "related", v.Related)
	if len(v.Sources) > 0 {
		b = append(b, `,"sources":[`...)
		for i, s := range v.Sources {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"name":`...)
			b = AppendJSONString(b, s.Name)
			b = appendStringField(b, "url", s.URL)
			b = appendStringField(b, "checked", s.Checked)
			b = appendStringField(b, "note", s.Note)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(v.Provenance) > 0 {
		b = append(b, `,"provenance":[`...)
		for i, p := range v.Provenance {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"field":`...)
			b = AppendJSONString(b, p.Field)
			b = append(b, `,"value":`...)
			b = AppendJSONString(b, p.Value)
			b = append(b, `,"source":`...)
			b = AppendJSONString(b, p.Source)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = appendStringsField(b, "seen_categories", v.SeenCategories)
	return append(b, '}')
}

func appendVerdict(b []byte, name string, v *Verdict) []byte {
	b = append(append(append(b, `,"`...), name...), `":{"value":`...)
	b = AppendJSONString(b, string(v.Value))
	b = append(b, `,"reason":`...)
	b = AppendJSONString(b, v.Reason)
	b = appendStringField(b, "advice", v.Advice)
	return append(b, '}')
}

// appendStringField appends ,"name":"s" unless s is empty (omitempty).
func appendStringField(b []byte, name, s string) []byte {
	if s == "" {
		return b
	}
	b = append(append(append(b, `,"`...), name...), `":`...)
	return AppendJSONString(b, s)
}

// appendStringsField appends ,"name":[...] unless ss is empty (omitempty).
func appendStringsField[S ~string](b []byte, name string, ss []S) []byte {
	if len(ss) == 0 {
		return b
	}
	b = append(append(append(b, `,"`...), name...), `":[`...)
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendJSONString(b, string(s))
	}
	return append(b, ']')
}

const hexDigits = "0123456789abcdef"

// jsonPlain marks the bytes encoding/json writes as they are: printable
// ASCII but for the quote, the backslash and the HTML-sensitive <, > and
// &. One table lookup a byte is about twice as fast as the comparisons.
// jsonPlainHTML is the same with <, > and & written as they are, as an
// Encoder with SetEscapeHTML(false) writes them.
var jsonPlain, jsonPlainHTML = func() (t, h [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		h[c] = c != '"' && c != '\\'
		t[c] = h[c] && c != '<' && c != '>' && c != '&'
	}
	return t, h
}()

// AppendJSONString quotes s as encoding/json does: HTML-sensitive
// characters and control characters escaped, invalid UTF-8 replaced by
// U+FFFD, and U+2028 and U+2029 escaped.
func AppendJSONString(b []byte, s string) []byte { return appendJSONString(b, s, &jsonPlain) }

// AppendJSONText quotes s as a json.Encoder with SetEscapeHTML(false)
// does (the CLI's --json output): as AppendJSONString, but with <, > and
// & as they are.
func AppendJSONText(b []byte, s string) []byte { return appendJSONString(b, s, &jsonPlainHTML) }

func appendJSONString(b []byte, s string, plain *[256]bool) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if plain[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(b, s[start:]...), '"')
}
