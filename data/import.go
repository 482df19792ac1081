package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Format is a file format vendex can import.
type Format string

// The import formats. Each reader documents the shapes it accepts.
const (
	FormatVendex        Format = "vendex"               // vendex's own JSON (export --format json)
	FormatOCDCSV        Format = "ocd-csv"              // Open Cookie Database CSV
	FormatOCDJSON       Format = "ocd-json"             // Open Cookie Database JSON
	FormatThirdPartyWeb Format = "third-party-web"      // third-party-web entities
	FormatTREntity      Format = "tracker-radar-entity" // DuckDuckGo Tracker Radar entity file(s)
	FormatTRDomain      Format = "tracker-radar-domain" // DuckDuckGo Tracker Radar domain file(s)
	FormatTDS           Format = "ddg-tds"              // DuckDuckGo tracker blocklist (extension-tds.json)
	FormatDisconnect    Format = "disconnect"           // Disconnect services.json (or entities.json)
	FormatGhostery      Format = "ghostery"             // Ghostery trackerdb JSON export
	FormatGVL           Format = "iab-gvl"              // IAB TCF global vendor list v3
	FormatIABDisclosure Format = "iab-disclosure"       // IAB TCF device storage disclosure
)

// Formats lists every import format with what it is, in the order help
// text shows them.
var Formats = []struct {
	Format Format
	Title  string
}{
	{FormatVendex, "vendex JSON (one vendor or a list, as export --format json writes)"},
	{FormatOCDCSV, "Open Cookie Database CSV"},
	{FormatOCDJSON, "Open Cookie Database JSON"},
	{FormatThirdPartyWeb, "third-party-web entities JSON"},
	{FormatTREntity, "DuckDuckGo Tracker Radar entity file, or a JSON array of them"},
	{FormatTRDomain, "DuckDuckGo Tracker Radar domain file, JSON lines of them, or a domain index CSV"},
	{FormatTDS, "DuckDuckGo tracker blocklist (extension-tds.json)"},
	{FormatDisconnect, "Disconnect services.json or entities.json"},
	{FormatGhostery, "Ghostery trackerdb JSON export"},
	{FormatGVL, "IAB TCF global vendor list v3 (vendor-list.json)"},
	{FormatIABDisclosure, "IAB TCF device storage disclosure JSON"},
}

// FormatNames is the list of format names, comma separated, for messages.
func FormatNames() string {
	s := make([]string, len(Formats))
	for i, f := range Formats {
		s[i] = string(f.Format)
	}
	return strings.Join(s, ", ")
}

// ParseFormat accepts a format's name.
func ParseFormat(s string) (Format, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	for _, f := range Formats {
		if string(f.Format) == k {
			return f.Format, nil
		}
	}
	return "", fmt.Errorf("unknown format %q (want one of %s)", s, FormatNames())
}

// ErrUnknownFormat is wrapped when DetectFormat cannot tell a file's format.
var ErrUnknownFormat = errors.New("cannot tell the file's format")

// MaxField is the longest text field an import accepts, in bytes. Nothing
// a vendor card shows comes near it; a longer one is a damaged or hostile
// file.
const MaxField = 64 << 10

// ImportError is a problem that stops an import, with its place in the
// file: a line (counted from 1), a JSON path, or both.
type ImportError struct {
	File string
	Line int
	Path string
	Err  error
}

func (e *ImportError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
	}
	if e.Path != "" {
		b.WriteString(": " + e.Path)
	}
	b.WriteString(": " + e.Err.Error())
	return b.String()
}

func (e *ImportError) Unwrap() error { return e.Err }

// Warning is something an import skipped or changed without failing: an
// unusable domain, a deleted vendor, a storage type vendex has no kind for.
type Warning struct {
	File    string
	Line    int
	Path    string
	Message string
}

func (w Warning) String() string {
	return (&ImportError{File: w.File, Line: w.Line, Path: w.Path, Err: errors.New(w.Message)}).Error()
}

// DetectFormat tells an import file's format from its content (the start of
// the file, head; the whole file is surest), using the name only to name
// the file in errors.
func DetectFormat(name string, head []byte) (Format, error) {
	b := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(b) == 0 {
		return "", fmt.Errorf("%s: %w: the file is empty", name, ErrUnknownFormat)
	}
	if b[0] != '{' && b[0] != '[' {
		line, _, _ := bytes.Cut(b, []byte("\n"))
		l := strings.ToLower(string(line))
		if strings.Contains(l, "platform") && strings.Contains(l, "cookie / data key name") {
			return FormatOCDCSV, nil
		}
		if strings.HasPrefix(l, "domain,owner,displayname") {
			return FormatTRDomain, nil
		}
		return "", fmt.Errorf("%s: %w (not JSON, and not a known CSV header); name it with --format, one of: %s", name, ErrUnknownFormat, FormatNames())
	}
	sh := sniffJSON(b)
	has := func(k ...string) bool {
		for _, x := range k {
			if _, ok := sh.first[x]; !ok {
				return false
			}
		}
		return true
	}
	switch {
	case sh.top == '{' && has("disclosures"):
		return FormatIABDisclosure, nil
	case sh.top == '{' && has("vendors") && (has("gvlSpecificationVersion") || has("vendorListVersion") || has("tcfPolicyVersion")):
		return FormatGVL, nil
	case sh.top == '{' && has("trackers") && !has("trackerDomains") && !has("timeUpdated"):
		return FormatTDS, nil
	case sh.top == '{' && has("organizations") && (has("patterns") || has("categories")):
		return FormatGhostery, nil
	case sh.top == '{' && (has("categories") || has("entities")) && (has("license") || len(sh.keys) == 1):
		return FormatDisconnect, nil
	case has("domain") && (has("owner") || has("resources") || has("prevalence")):
		return FormatTRDomain, nil
	case has("name", "properties"):
		return FormatTREntity, nil
	case sh.top == '[' && has("name", "domains", "category") && !has("id"):
		return FormatThirdPartyWeb, nil
	case has("id") && mostlyVendexFields(sh.keys):
		return FormatVendex, nil
	case sh.top == '{' && len(sh.keys) > 0 && sh.first[sh.keys[0]] == "[" && hasAll(sh.inner[sh.keys[0]], "cookie", "retentionPeriod"):
		return FormatOCDJSON, nil
	}
	// Broken JSON is said to be broken, and where, rather than of an
	// unknown format (the shape cannot be told from half a file).
	var se *json.SyntaxError
	if err := json.Unmarshal(b, new(json.RawMessage)); errors.As(err, &se) {
		off := min(int(se.Offset), len(b))
		return "", fmt.Errorf("%s:%d: not valid JSON: %v", name, 1+bytes.Count(b[:off], []byte("\n")), se)
	}
	return "", fmt.Errorf("%s: %w; name it with --format, one of: %s", name, ErrUnknownFormat, FormatNames())
}

func hasAll(keys []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, k := range keys {
			if k == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

var vendexFields = func() map[string]bool {
	m := map[string]bool{}
	b, _ := json.Marshal(Vendor{})
	var raw map[string]json.RawMessage
	_ = json.Unmarshal(b, &raw)
	for k := range raw {
		m[k] = true
	}
	for _, k := range []string{"aliases", "overview", "website", "privacy_policy", "products", "industries", "categories", "domains", "scripts", "connections", "data_collected", "storage", "permissions", "faq", "related", "sources", "provenance", "seen_categories", "owner"} {
		m[k] = true
	}
	return m
}()

// mostlyVendexFields reports whether keys are a vendex card's: three of
// its fields at least and at most two others, so that a card with a
// misspelt field is read as one and its reader says which field is wrong.
func mostlyVendexFields(keys []string) bool {
	known := 0
	for _, k := range keys {
		if vendexFields[k] {
			known++
		}
	}
	return known >= 3 && len(keys)-known <= 2
}

// jsonShape is what sniffing the start of a JSON file found: the top-level
// delimiter, the keys of the top object (or of the first array element),
// the first token of each key's value, and the keys one level deeper.
type jsonShape struct {
	top   json.Delim
	keys  []string
	first map[string]string
	inner map[string][]string
}

// sniffJSON reads tokens until the head runs out; a truncated head is fine.
func sniffJSON(b []byte) jsonShape {
	sh := jsonShape{first: map[string]string{}, inner: map[string][]string{}}
	dec := json.NewDecoder(bytes.NewReader(b))
	t, err := dec.Token()
	d, ok := t.(json.Delim)
	if err != nil || !ok {
		return sh
	}
	sh.top = d
	if d == '[' {
		t, err = dec.Token()
		if d2, ok := t.(json.Delim); err != nil || !ok || d2 != '{' {
			return sh
		}
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return sh
		}
		k, _ := t.(string)
		sh.keys = append(sh.keys, k)
		t, err = dec.Token()
		if err != nil {
			sh.first[k] = ""
			return sh
		}
		v, isDelim := t.(json.Delim)
		if !isDelim {
			sh.first[k] = "scalar"
			continue
		}
		sh.first[k] = string(v)
		keys, err := innerKeys(dec, v)
		sh.inner[k] = keys
		if err != nil {
			return sh
		}
	}
	return sh
}

// innerKeys reads a value whose opening delimiter was just read, returning
// the keys of the object (or of the array's first object), and skips the
// rest of it.
func innerKeys(dec *json.Decoder, open json.Delim) ([]string, error) {
	var keys []string
	depth, objDepth := 1, 1
	if open == '[' {
		objDepth = 2
	}
	expectKey := open == '{'
	done := false // the first object has been read
	for depth > 0 {
		t, err := dec.Token()
		if err != nil {
			return keys, err
		}
		if v, ok := t.(json.Delim); ok {
			switch v {
			case '{', '[':
				depth++
				if depth == objDepth && v == '{' && !done {
					expectKey = true
				}
			default:
				depth--
				if objDepth == 2 && depth == 1 {
					done = true
				}
				if depth == objDepth {
					expectKey = true // a composite value ended
				}
			}
			continue
		}
		if depth == objDepth && !done {
			if s, ok := t.(string); ok && expectKey {
				keys = append(keys, s)
				expectKey = false
			} else {
				expectKey = true
			}
		}
	}
	return keys, nil
}

// ReadFile reads one import file of format f. name is used in errors and
// warnings only. The records it returns carry no ids unless the file gave
// them (vendex JSON): the store resolves each to an existing vendor or a new
// id. Any error stops the whole file and says where it is.
func ReadFile(f Format, name string, r io.Reader) ([]Vendor, []Warning, error) {
	b, err := readAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", name, err)
	}
	return ReadBytes(f, name, b)
}

// ReadBytes is ReadFile of a file already in memory, b, which it does not
// change: a caller that has read the file to detect its format and hash it
// need not have it copied again (10 MB for a 100,000-row CSV).
func ReadBytes(f Format, name string, b []byte) ([]Vendor, []Warning, error) {
	var err error
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	rd := &reader{file: name}
	if !utf8.Valid(b) {
		// Latin-1 text, most likely: it is read, but each such byte shows
		// as U+FFFD, so say where the first one is.
		i := 0
		for i < len(b) {
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n
		}
		rd.warn(1+bytes.Count(b[:i], []byte("\n")), "", "the file is not all UTF-8 (Latin-1?); bytes that are not show as \uFFFD: convert it with iconv -f latin1 -t utf-8 and import that")
	}
	if f != FormatOCDCSV && !(f == FormatTRDomain && bytes.HasPrefix(b, []byte("domain,"))) {
		if err := rd.scanJSONText(b, f == FormatVendex); err != nil {
			return nil, nil, err
		}
	}
	var vs []Vendor
	switch f {
	case FormatVendex:
		vs, err = rd.vendex(b)
	case FormatOCDCSV:
		vs, err = rd.ocdCSV(b)
	case FormatOCDJSON:
		vs, err = rd.ocdJSON(b)
	case FormatThirdPartyWeb:
		vs, err = rd.thirdPartyWeb(b)
	case FormatTREntity:
		vs, err = rd.trEntities(b)
	case FormatTRDomain:
		vs, err = rd.trDomains(b)
	case FormatTDS:
		vs, err = rd.tds(b)
	case FormatDisconnect:
		vs, err = rd.disconnect(b)
	case FormatGhostery:
		vs, err = rd.ghostery(b)
	case FormatGVL:
		vs, err = rd.gvl(b)
	case FormatIABDisclosure:
		vs, err = rd.disclosure(b)
	default:
		return nil, nil, fmt.Errorf("%s: unknown format %q (want one of %s)", name, f, FormatNames())
	}
	if err != nil {
		return nil, rd.warnings, err
	}
	return vs, rd.warnings, nil
}

// readAll is io.ReadAll into a buffer of the right size when r knows its
// length (a bytes or strings reader, a file): growing it by doubling cost a
// tenth of reading a large file.
func readAll(r io.Reader) ([]byte, error) {
	n := int64(-1)
	switch x := r.(type) {
	case interface{ Len() int }:
		n = int64(x.Len())
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := x.Stat(); err == nil && fi.Mode().IsRegular() {
			n = fi.Size()
		}
	}
	if n < 0 || n > 1<<34 {
		return io.ReadAll(r)
	}
	var buf bytes.Buffer
	buf.Grow(int(n) + bytes.MinRead)
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}

// reader holds one file's state while it is read.
type reader struct {
	file     string
	warnings []Warning
}

func (rd *reader) warn(line int, path, format string, args ...any) {
	rd.warnings = append(rd.warnings, Warning{File: rd.file, Line: line, Path: path, Message: fmt.Sprintf(format, args...)})
}

func (rd *reader) fail(line int, path string, err error) error {
	return &ImportError{File: rd.file, Line: line, Path: path, Err: err}
}

// ErrControlText is wrapped when text holds a terminal escape sequence:
// such a file is rejected, not cleaned, so that nothing it says reaches a
// terminal. (Lone control characters, which real datasets do hold, such
// as a stray U+009E in a company name, are removed by CleanLine instead;
// in vendex's own JSON, which people write by hand, they are rejected too.)
var ErrControlText = errors.New("text holds a terminal escape sequence")

// ErrFieldTooLong is wrapped when a field is longer than MaxField.
var ErrFieldTooLong = fmt.Errorf("field longer than %d bytes", MaxField)

// scanJSONText checks every string in a JSON (or JSON lines) file in one
// pass before decoding, so that the error can name the line: no string may
// be longer than MaxField or start an escape sequence (ESC, or the C1 CSI,
// OSC and DCS introducers), whether raw or escaped as \u001b. strict
// refuses every other control character but tab, newline and CR as well.
func (rd *reader) scanJSONText(b []byte, strict bool) error {
	bad := func(r rune) bool { return escapeRune(r) || (strict && controlRune(r)) }
	line := 1
	inString := false
	start := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\n' {
			line++
		}
		if !inString {
			if c == '"' {
				inString, start = true, i
			}
			continue
		}
		switch {
		case c == '"':
			inString = false
			if i-start > MaxField {
				return rd.fail(line, "", ErrFieldTooLong)
			}
		case c == '\\' && i+1 < len(b):
			i++
			if b[i] == 'u' && i+4 < len(b) {
				n, err := strconv.ParseUint(string(b[i+1:i+5]), 16, 16)
				if err == nil && bad(rune(n)) {
					return rd.fail(line, "", fmt.Errorf("%w (\\u%04x)", ErrControlText, n))
				}
			}
		case c < 0x80:
			if bad(rune(c)) {
				return rd.fail(line, "", fmt.Errorf("%w (0x%02x)", ErrControlText, c))
			}
		case c == 0xc2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9f:
			if bad(rune(b[i+1])) {
				return rd.fail(line, "", fmt.Errorf("%w (C1 control 0x%02x)", ErrControlText, b[i+1]))
			}
		}
	}
	return nil
}

// escapeRune reports the characters that start a terminal escape sequence.
func escapeRune(r rune) bool { return r == 0x1b || r == 0x9b || r == 0x9d || r == 0x90 }

func controlRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	}
	return false
}

// noEscapes reports whether b holds none of the characters that start a
// terminal escape sequence (escapeRune): then a CSV file's fields need no
// scan one by one, only checkField's length check. bytes.IndexByte looks
// at 10 MB in a millisecond; checking field by field took a tenth of
// reading a large file.
func noEscapes(b []byte) bool {
	if bytes.IndexByte(b, 0x1b) >= 0 {
		return false
	}
	for p := b; ; {
		i := bytes.IndexByte(p, 0xc2) // U+0080 to U+00BF start so
		if i < 0 || i+1 >= len(p) {
			return true
		}
		if escapeRune(rune(p[i+1])) { // the second byte is the code point
			return false
		}
		p = p[i+1:]
	}
}

// checkField is checkText of a field of a file that noEscapes found
// clean (clean) or not.
func checkField(s string, clean bool) error {
	if clean {
		if len(s) > MaxField {
			return ErrFieldTooLong
		}
		return nil
	}
	return checkText(s)
}

// checkText applies the rules of scanJSONText to one CSV field.
func checkText(s string) error {
	if len(s) > MaxField {
		return ErrFieldTooLong
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			return fmt.Errorf("%w (U+%04X)", ErrControlText, 0x1b)
		}
		ascii = ascii && s[i] < 0x80
	}
	if ascii {
		return nil
	}
	for _, r := range s {
		if escapeRune(r) {
			return fmt.Errorf("%w (U+%04X)", ErrControlText, r)
		}
	}
	return nil
}

// decodeJSON unmarshals b into v, turning errors into ImportErrors with
// the line and the JSON path of the field at fault.
func (rd *reader) decodeJSON(b []byte, lineOffset int, v any) error {
	err := json.Unmarshal(b, v)
	if err == nil {
		return nil
	}
	off, path, what := describeJSONError(b, err)
	line := 0
	if off >= 0 {
		off = min(off, int64(len(b)))
		line = lineOffset + 1 + bytes.Count(b[:off], []byte("\n"))
	} else if lineOffset > 0 {
		line = lineOffset + 1
	}
	return rd.fail(line, path, what)
}

// text cleans one line of text from a data file for a card: control
// characters (already refused by the scan) and bidi overrides are removed,
// tabs and newlines become spaces.
func text(s string) string {
	if printableASCII(s) {
		// Nothing to clean: the common case, and a per-row cost on large files.
		return strings.TrimSpace(s)
	}
	// A lone C1 character (a stray U+009E in a company name) would make
	// CleanText skip the rest of the string as an escape sequence; the
	// scan has refused the ones that start a real sequence, so drop these.
	s = strings.Map(func(r rune) rune {
		if r >= 0x80 && r <= 0x9f {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(CleanLine(s))
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

// importHost turns a domain as datasets write it ("*.hotjar.com",
// ".google.com", "https://cdn.example.com/x.js", "Example.COM") into a host,
// or reports false for anything that is not one (an IP is kept, a bare
// top-level name is not).
func importHost(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "/:") {
		t, err := ParseTarget(s)
		if err != nil {
			return "", false
		}
		s = t.Host
	}
	s = strings.TrimLeft(s, "*.")
	if s == "" || !strings.Contains(s, ".") || strings.Contains(s, "*") {
		return "", false
	}
	if h, ok := plainHost(s); ok {
		return h, true
	}
	if net.ParseIP(strings.Trim(s, "[]")) != nil {
		return "", false // an address, not a vendor's domain (Tracker Radar lists 127.0.0.1)
	}
	h, err := NormalizeHost(s)
	if err != nil {
		return "", false
	}
	return h, true
}

// plainHost is NormalizeHost for the common case, without IDNA: an ASCII
// name of letters, digits, hyphens and underscores with at least one letter
// (so not an IP address) and no label that IDNA would treat specially
// (leading or trailing hyphen, "--" at the third and fourth characters, as
// in punycode). It reports false for anything else, which NormalizeHost
// then decides.
func plainHost(s string) (string, bool) {
	s = strings.TrimSuffix(s, ".")
	if len(s) == 0 || len(s) > 253 {
		return "", false
	}
	letter, lower := false, true
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			l := s[start:i]
			if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' || (len(l) >= 4 && l[2] == '-' && l[3] == '-') {
				return "", false
			}
			start = i + 1
			continue
		}
		switch c := s[i]; {
		case c >= 'a' && c <= 'z':
			letter = true
		case c >= 'A' && c <= 'Z':
			letter, lower = true, false
		case c >= '0' && c <= '9', c == '-', c == '_':
		default:
			return "", false
		}
	}
	if !letter {
		return "", false
	}
	if !lower {
		s = strings.ToLower(s)
	}
	return s, true
}

// addDomain adds a host to v once, warning about anything unusable.
func (rd *reader) addDomain(v *Vendor, raw, path string) {
	if strings.TrimSpace(raw) == "" {
		return
	}
	h, ok := importHost(raw)
	if !ok {
		rd.warn(0, path, "skipped %q: not a host name", text(raw))
		return
	}
	if !HasDomain(v.Domains, h) {
		v.Domains = append(v.Domains, Domain{Host: h})
	}
}

// addStorage adds a storage item once (same kind and name).
func addStorage(v *Vendor, st StorageItem) {
	if st.Name == "" || HasStorage(v.Storage, st) {
		return
	}
	v.Storage = append(v.Storage, st)
	if st.Kind == Cookie {
		v.SetsCookies = Yes
	}
}

func addAlias(v *Vendor, a string) {
	a = text(a)
	if a == "" || NormalizeName(a) == NormalizeName(v.Name) || ContainsFold(v.Aliases, a) {
		return
	}
	v.Aliases = append(v.Aliases, a)
}

// categoryTable maps one format's category names (lower case) onto
// vendex's consent categories. A name that is not in the table is kept in
// Vendor.SeenCategories, as the source spelled it.
type categoryTable map[string]Category

// addCategory records one source category on v: mapped, it becomes the
// vendor's category (the first one seen) or joins Categories; unmapped, it
// is kept as seen.
func (t categoryTable) addCategory(v *Vendor, raw string) {
	raw = text(raw)
	if raw == "" {
		return
	}
	c, ok := t[strings.ToLower(raw)]
	if !ok {
		if !ContainsFold(v.SeenCategories, raw) {
			v.SeenCategories = append(v.SeenCategories, raw)
		}
		return
	}
	if c == "" {
		return // a label that says nothing about consent ("Non-Tracking")
	}
	switch {
	case v.Category == "":
		v.Category = c
	case v.Category != c && !hasCategory(v.Categories, c):
		v.Categories = append(v.Categories, c)
	}
}

// retentionUnits are the units parseRetention reads after a number: "1
// year", "13 months", "30 mins", "3650 days", "24 hours", "2w".
var retentionUnits = map[string]int64{
	"second": 1, "seconds": 1, "sec": 1, "secs": 1, "s": 1,
	"minute": minute, "minutes": minute, "min": minute, "mins": minute, "m": minute,
	"hour": hour, "hours": hour, "hr": hour, "hrs": hour, "h": hour,
	"day": day, "days": day, "d": day,
	"week": 7 * day, "weeks": 7 * day, "w": 7 * day,
	"month": month, "months": month, "mo": month,
	"year": year, "years": year, "yr": year, "yrs": year, "y": year,
}

// parseRetention reads a retention period as datasets write it: a number,
// optional spaces, and a unit that ends the word, as in "1 year, renewed".
// Text it cannot read ("Varies", "Unknown") gives an unknown lifetime. It
// runs once per row of a large file, so it scans by hand.
func parseRetention(s string) Lifetime {
	k := strings.ToLower(strings.TrimSpace(s))
	switch {
	case k == "":
		return Lifetime{}
	case strings.Contains(k, "session"):
		return SessionLifetime
	case k == "forever" || k == "unlimited" || k == "persistent" || strings.Contains(k, "until cleared") || strings.Contains(k, "never expire"):
		return Lifetime{Persistent: true}
	}
	i := 0
	for i < len(k) && k[i] >= '0' && k[i] <= '9' {
		i++
	}
	if i == 0 {
		return Lifetime{}
	}
	n, err := strconv.ParseInt(k[:i], 10, 64)
	if err != nil {
		return Lifetime{}
	}
	for i < len(k) && (k[i] == ' ' || k[i] == '\t' || k[i] == '\n' || k[i] == '\f' || k[i] == '\r') {
		i++
	}
	j := i
	for j < len(k) && wordByte(k[j]) {
		j++
	}
	unit, ok := retentionUnits[k[i:j]]
	if !ok {
		return Lifetime{}
	}
	return Lifetime{Seconds: n * unit}
}

// wordByte is an ASCII word character, as \b in a regular expression sees it.
func wordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// secondsLifetime turns a max age in seconds into a lifetime; zero or less
// is unknown.
func secondsLifetime(s float64) Lifetime {
	if s <= 0 {
		return Lifetime{}
	}
	return Lifetime{Seconds: int64(s)}
}

// Slug makes an id from a name: lower-case ASCII letters and digits, runs
// of anything else turned into one hyphen ("Google/Doubleclick Ads" ->
// "google-doubleclick-ads"). It may return "" for a name with no ASCII
// letters or digits.
func Slug(name string) string {
	if s, ok := asciiSlug(name); ok {
		return s
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}

// asciiSlug is Slug for an ASCII name, in one allocation: an import makes
// an id for each of 100,000 new vendors.
func asciiSlug(name string) (string, bool) {
	b := make([]byte, 0, min(len(name), 64))
	dash := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 0x80 {
			return "", false
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = append(b, c)
		default:
			dash = true
		}
		if len(b) >= 60 {
			break
		}
	}
	return strings.Trim(string(b), "-"), true
}
