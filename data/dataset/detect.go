package dataset

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/vendex/vendex/data"
)

// DetectFormat tells an import file's format from its content (the start of
// the file, head; the whole file is surest), using the name only to name
// the file in errors.
//
// Every refusal names a line: where the file's first text is, which is
// what the format is told by (the CSV header, the JSON top level).
func DetectFormat(name string, head []byte) (Format, error) {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	b := bytes.TrimLeft(head, " \t\r\n")
	first := 1 + bytes.Count(head[:len(head)-len(b)], []byte("\n"))
	if len(b) == 0 {
		return "", fileError(name, 1, fmt.Errorf("%w: the file is empty", ErrUnknownFormat))
	}
	if b[0] != '{' && b[0] != '[' {
		if json.Valid(b) {
			return "", fileError(name, first, fmt.Errorf("%w: the file is one JSON %s, where a dataset is an object or a list", ErrUnknownFormat, jsonKind(b[0])))
		}
		return detectCSV(name, first, b)
	}
	sh := sniffJSON(b)
	for _, s := range jsonShapes {
		if s.is(sh) {
			return s.format, nil
		}
	}
	// Broken JSON is said to be broken, and where, rather than of an
	// unknown format (the shape cannot be told from half a file).
	var se *json.SyntaxError
	if err := json.Unmarshal(b, new(json.RawMessage)); errors.As(err, &se) {
		off := min(int(se.Offset), len(b))
		return "", fileError(name, 1+bytes.Count(b[:off], []byte("\n")), fmt.Errorf("not valid JSON: %v", se))
	}
	return "", fileError(name, first, fmt.Errorf("%w from its top-level %s; name it with --format, one of: %s", ErrUnknownFormat, jsonKind(b[0]), FormatNames()))
}

// DetectHead is DetectFormat of a JSON file from its start, head, when
// that settles it: when head holds the whole of the file's first value (or
// its top-level list's first element), which is all DetectFormat reads of
// a file it can tell, so that the rest of the file can stream to its
// reader. ok is false when it does not; DetectFormat of the whole file
// then tells the format, or says why it cannot.
func DetectHead(head []byte) (f Format, ok bool) {
	b := bytes.TrimLeft(bytes.TrimPrefix(head, bom), " \t\r\n")
	if len(b) == 0 || (b[0] != '{' && b[0] != '[') {
		return "", false
	}
	sh := sniffJSON(b)
	if !sh.whole {
		return "", false
	}
	for _, s := range jsonShapes {
		if s.is(sh) {
			return s.format, true
		}
	}
	return "", false
}

// DetectFile is DetectFormat of a JSON file that rr reads, whose format
// its start does not settle (DetectHead), told as the file streams: a
// file whose top level is an object of hundreds of megabytes is never
// held. A file it cannot tell is read once more, to say where it is
// broken, or that it is whole but of no format vendex reads.
//
// It reads the file with rr.Reread only, leaving rr where it was.
func DetectFile(name string, rr Rereader) (Format, error) {
	r, err := rr.Reread()
	if err != nil {
		return "", fileError(name, 0, err)
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(br.Size())
	head = bytes.TrimPrefix(head, bom)
	text := bytes.TrimLeft(head, " \t\r\n")
	if len(text) == 0 {
		return DetectFormat(name, head) // nothing but space in the first 64 KiB
	}
	// Taken now: reading on reuses head's bytes.
	line, top := 1+bytes.Count(head[:len(head)-len(text)], []byte("\n")), text[0]
	skipBOM(br)
	rd := &reader{file: name}
	s := rd.newJSONStream(br, false)
	sh, err := sniffStream(s)
	var le *data.LocationError
	var se *json.SyntaxError
	if errors.As(err, &le) && errors.As(le.Err, &se) {
		le.Err = fmt.Errorf("not valid JSON: %w", se) // as DetectFormat says it
	}
	if err != nil {
		return "", err
	}
	for _, s := range jsonShapes {
		if s.is(sh) {
			return s.format, nil
		}
	}
	return "", fileError(name, line, fmt.Errorf("%w from its top-level %s; name it with --format, one of: %s", ErrUnknownFormat, jsonKind(top), FormatNames()))
}

// jsonKind names the kind of JSON value that starts with c.
func jsonKind(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "list"
	case '"':
		return "string"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	}
	return "number"
}

// fileError is an error about the file name as a whole, or at a line.
func fileError(name string, line int, err error) error {
	return &data.LocationError{Location: data.Location{File: name, Line: line}, Err: err}
}

// detectCSV tells a CSV file's format from its header line.
func detectCSV(name string, line int, b []byte) (Format, error) {
	header, _, _ := bytes.Cut(b, []byte("\n"))
	l := strings.ToLower(string(header))
	if strings.Contains(l, "platform") && strings.Contains(l, "cookie / data key name") {
		return FormatOCDCSV, nil
	}
	if strings.HasPrefix(l, "domain,owner,displayname") {
		return FormatTRDomain, nil
	}
	return "", fileError(name, line, fmt.Errorf("%w (not JSON, and not a known CSV header); name it with --format, one of: %s", ErrUnknownFormat, FormatNames()))
}

// jsonShapes tells the JSON formats apart by their top-level keys, tried
// in this order: the first that holds wins.
var jsonShapes = []struct {
	format Format
	is     func(sh jsonShape) bool
}{
	{FormatIABDisclosure, func(sh jsonShape) bool { return sh.top == '{' && sh.has("disclosures") }},
	{FormatGVL, func(sh jsonShape) bool {
		return sh.top == '{' && sh.has("vendors") && (sh.has("gvlSpecificationVersion") || sh.has("vendorListVersion") || sh.has("tcfPolicyVersion"))
	}},
	{FormatTDS, func(sh jsonShape) bool {
		return sh.top == '{' && sh.has("trackers") && !sh.has("trackerDomains") && !sh.has("timeUpdated")
	}},
	{FormatGhostery, func(sh jsonShape) bool {
		return sh.top == '{' && sh.has("organizations") && (sh.has("patterns") || sh.has("categories"))
	}},
	{FormatDisconnect, func(sh jsonShape) bool {
		return sh.top == '{' && (sh.has("categories") || sh.has("entities")) && (sh.has("license") || len(sh.keys) == 1)
	}},
	{FormatTRDomain, func(sh jsonShape) bool {
		return sh.has("domain") && (sh.has("owner") || sh.has("resources") || sh.has("prevalence"))
	}},
	{FormatTREntity, func(sh jsonShape) bool { return sh.has("name", "properties") }},
	{FormatThirdPartyWeb, func(sh jsonShape) bool {
		return sh.top == '[' && sh.has("name", "domains", "category") && !sh.has("id")
	}},
	{FormatVendex, func(sh jsonShape) bool { return sh.has("id") && mostlyVendexFields(sh.keys) }},
	{FormatOCDJSON, func(sh jsonShape) bool {
		return sh.top == '{' && len(sh.keys) > 0 && sh.first[sh.keys[0]] == "[" && hasAll(sh.inner[sh.keys[0]], "cookie", "retentionPeriod")
	}},
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

// mostlyVendexFields reports whether keys are a vendex card's: three of
// its fields at least and at most two others, so that a card with a
// misspelt field is read as one and its reader says which field is wrong;
// or two of them and nothing else (an id and a name), so that its reader
// says what the card lacks.
func mostlyVendexFields(keys []string) bool {
	known := 0
	for _, k := range keys {
		if data.IsVendorField(k) {
			known++
		}
	}
	return known >= 3 && len(keys)-known <= 2 || known == 2 && len(keys) == 2
}

// jsonShape is what sniffing the start of a JSON file found: the top-level
// delimiter, the keys of the top object (or of the first array element),
// the first token of each key's value, and the keys one level deeper.
type jsonShape struct {
	whole bool // the first value (or element) was read to its end
	top   json.Delim
	keys  []string
	first map[string]string
	inner map[string][]string
}

// has reports whether the top object has every one of keys.
func (sh jsonShape) has(keys ...string) bool {
	for _, k := range keys {
		if _, ok := sh.first[k]; !ok {
			return false
		}
	}
	return true
}

// sniffJSON reads tokens until the head runs out; a truncated head is fine.
func sniffJSON(b []byte) jsonShape { return sniffJSONFrom(bytes.NewReader(b)) }

// sniffJSONFrom is sniffJSON of what r reads, a token at a time.
func sniffJSONFrom(r io.Reader) jsonShape {
	sh := jsonShape{first: map[string]string{}, inner: map[string][]string{}}
	dec := json.NewDecoder(r)
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
	_, err = dec.Token() // the object's closing brace
	sh.whole = err == nil
	return sh
}

// sniffStream is sniffJSON of a whole file that s reads, checking it to
// its end as it goes: a value below the keys it looks at is read whole and
// dropped (skip), not a token at a time.
func sniffStream(s *jsonStream) (jsonShape, error) {
	sh := jsonShape{first: map[string]string{}, inner: map[string][]string{}}
	keysOf := func(k string) func(string) error { // an object's keys, as k's inner keys
		return func(key string) error {
			sh.inner[k] = append(sh.inner[k], key)
			return s.skip(memberPath(memberPath("", k), key))
		}
	}
	member := func(k string) error { // a top object's member: its first token, its keys or its first object's
		sh.keys = append(sh.keys, k)
		at := memberPath("", k)
		t, err := s.openToken(at, "", keysOf(k), func(i int) error {
			if i > 0 {
				return s.skip(at)
			}
			return s.open(at, "", keysOf(k), func(int) error { return s.skip(at) })
		})
		sh.first[k] = "scalar"
		if d, ok := t.(json.Delim); ok {
			sh.first[k] = string(d)
		}
		return err
	}
	t, err := s.openToken("", "", member, func(i int) error {
		if i > 0 {
			return s.skip("")
		}
		return s.open("", "", member, func(int) error { return s.skip("") })
	})
	if d, ok := t.(json.Delim); ok {
		sh.top = d
	}
	if err == nil {
		err = s.end()
	}
	sh.whole = err == nil
	return sh, err
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
	var skip skipValue
	for depth > 0 {
		// A value no key is read from is skipped whole: a token at a time
		// (each scalar an error value inside encoding/json) was most of
		// sniffing a file's first megabyte.
		if (depth == 1 && done || depth == objDepth && !expectKey) && dec.More() {
			if err := dec.Decode(&skip); err != nil {
				return keys, err
			}
			expectKey = true
			continue
		}
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
