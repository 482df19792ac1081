package dataset

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/vendex/vendex/data"
)

// jsonStream reads a JSON file as it streams, a value at a time, for the
// formats whose top level is an object (a map of trackers, of vendors, of
// platforms): the file is never held, nor decoded whole, only the member
// being read. Every byte passes the readers' one escape and size check
// (jsonScan) as it is read, and every error names its line and JSON path,
// as decoding the whole file did.
type jsonStream struct {
	rd    *reader
	src   *jsonSource
	dec   *json.Decoder
	begun bool // the file's value has been started
	depth int  // the objects and lists open
}

// newJSONStream reads r; scanned says its bytes have passed jsonScan
// already.
func (rd *reader) newJSONStream(r io.Reader, scanned bool) *jsonStream {
	src := &jsonSource{r: r, rd: rd, line: 1}
	if !scanned {
		src.scan = rd.newJSONScan(false)
	}
	return &jsonStream{rd: rd, src: src, dec: json.NewDecoder(src)}
}

// jsonSource is what a jsonStream's decoder reads: the file, checked as it
// passes, with the bytes since the value being read kept, so that an error
// inside it can be given its line.
type jsonSource struct {
	r    io.Reader
	rd   *reader
	scan *jsonScan
	kept []byte // the bytes from base to what has been read
	buf  []byte // what kept is part of: kept is moved to its start when it is full
	base int64  // the file offset of kept[0]
	line int    // the line base is on
	read int64  // bytes read
	// lines is the newlines read; tail, a character the last read cut,
	// for the UTF-8 check.
	lines int
	tail  []byte
	err   error // what ended the reading: the scan's refusal, or the file's error
}

func (s *jsonSource) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.r.Read(p)
	if n > 0 {
		b := p[:n]
		if s.scan != nil {
			if e := s.scan.feed(b, false); e != nil {
				s.err = e
				return 0, e
			}
			s.checkUTF8(b)
		}
		s.keep(b)
		s.read += int64(n)
	}
	if err == io.EOF {
		if s.scan == nil {
			return n, err
		}
		if e := s.scan.feed(nil, true); e != nil {
			s.err = e
			return n, e
		}
		if len(s.tail) > 0 {
			s.rd.checkUTF8(s.tail, 1+s.lines)
		}
	} else if err != nil {
		err = s.rd.fail(1+s.lines, "", err)
		s.err = err
	}
	return n, err
}

// checkUTF8 is the reader's checkUTF8 of b, the next bytes read, keeping
// back a character that b ends in the middle of.
func (s *jsonSource) checkUTF8(b []byte) {
	if s.rd.notUTF8 {
		return
	}
	part := b
	if len(s.tail) > 0 {
		part = append(s.tail, b...)
	}
	cut := len(part)
	for i := len(part) - 1; i >= max(0, len(part)-utf8.UTFMax+1); i-- {
		if utf8.RuneStart(part[i]) {
			if !utf8.FullRune(part[i:]) {
				cut = i
			}
			break
		}
	}
	s.rd.checkUTF8(part[:cut], 1+s.lines) // a cut character holds no newline
	s.tail = append(s.tail[:0], part[cut:]...)
	s.lines += bytes.Count(b, []byte("\n"))
}

// forget drops the bytes kept before off, which no error will be placed in.
func (s *jsonSource) forget(off int64) {
	if off <= s.base {
		return
	}
	k := min(int(off-s.base), len(s.kept))
	s.line += bytes.Count(s.kept[:k], []byte("\n"))
	s.kept, s.base = s.kept[k:], s.base+int64(k)
}

// keep adds b, the bytes just read, to the kept bytes.
func (s *jsonSource) keep(b []byte) {
	if cap(s.kept)-len(s.kept) >= len(b) { // room after kept in buf
		s.kept = append(s.kept, b...)
		return
	}
	need := len(s.kept) + len(b)
	if need > len(s.buf)/2 { // grow; and let a long member's bytes go when kept is small again
		s.buf = make([]byte, max(2*need, 64<<10))
	} else if len(s.buf) > 1<<20 && need < len(s.buf)/8 {
		s.buf = make([]byte, len(s.buf)/2)
	}
	n := copy(s.buf, s.kept)
	n += copy(s.buf[n:], b)
	s.kept = s.buf[:n:len(s.buf)]
}

// from is the bytes kept from off on.
func (s *jsonSource) from(off int64) []byte {
	return s.kept[min(max(0, int(off-s.base)), len(s.kept)):]
}

// lineAt is the line the byte at off, which is kept, is on.
func (s *jsonSource) lineAt(off int64) int {
	k := min(max(0, int(off-s.base)), len(s.kept))
	return s.line + bytes.Count(s.kept[:k], []byte("\n"))
}

// dataStart is where the decoder reads the next value from, when it was
// at off: past the separator before it (a colon or a comma, which it
// consumes with the value) or, with none, at off.
func (s *jsonStream) dataStart(off int64) int64 {
	b := s.src.from(off)
	i := len(b) - len(bytes.TrimLeft(b, " \t\r\n"))
	if i < len(b) && (b[i] == ':' || b[i] == ',') {
		return off + int64(i) + 1
	}
	return off
}

// lineOfValue is the line of the first byte of the value that the decoder
// reads next when at off.
func (s *jsonStream) lineOfValue(off int64) int {
	start := s.dataStart(off)
	b := s.src.from(start)
	return s.src.lineAt(start + int64(len(b)-len(bytes.TrimLeft(b, " \t\r\n"))))
}

// fail places err, met reading the value the decoder reads next when at
// off, at the JSON path at.
func (s *jsonStream) fail(off int64, at string, err error) error {
	var le *data.LocationError
	if errors.As(err, &le) {
		return err // the scan's, or the file's, already placed
	}
	start := s.dataStart(off)
	b := s.src.from(start)
	var se *json.SyntaxError
	if errors.As(err, &se) && se.Offset == s.dec.InputOffset() && se.Offset >= off {
		// Where the decoder stopped between tokens (a missing comma or
		// colon): its offset counts from the file's start.
		return s.rd.fail(s.src.lineAt(se.Offset), at, err)
	}
	if errors.As(err, &se) {
		// Inside a value the decoder counts its offsets from where it
		// started reading values, not from the file's start: find the
		// fault again, or failing that, name the value's line.
		var again *json.SyntaxError
		if e := json.Unmarshal(b, new(json.RawMessage)); !errors.As(e, &again) || again.Error() != se.Error() {
			return s.rd.fail(s.lineOfValue(off), at, err)
		}
		err = again
	}
	if errors.Is(err, io.EOF) && (off > 0 || len(bytes.TrimSpace(b)) > 0) {
		err = io.ErrUnexpectedEOF // a value was due, in a file that is not empty
	}
	o, path, what := data.DescribeJSONError(b, err)
	return s.rd.fail(s.src.lineAt(start+max(0, o)), joinPath(at, path), what)
}

// joinPath is the JSON path inner inside at.
func joinPath(at, inner string) string {
	switch {
	case inner == "":
		return at
	case at == "" || strings.HasPrefix(inner, "["):
		return at + inner
	}
	return at + "." + inner
}

// jsonPath is the JSON path of a record, built only when an error needs
// it (a file of many records would otherwise build one for each).
type jsonPath struct {
	at, key string
	i       int // -1: the key follows at; -2: at alone
}

func pathAt(at string) jsonPath           { return jsonPath{at: at, i: -2} }
func pathKey(at, key string) jsonPath     { return jsonPath{at: at, key: key, i: -1} }
func pathIndex(at string, i int) jsonPath { return jsonPath{at: at, i: i} }
func (p jsonPath) String() string {
	switch p.i {
	case -2:
		return p.at
	case -1:
		return fmt.Sprintf("%s[%q]", p.at, p.key)
	}
	return fmt.Sprintf("%s[%d]", p.at, p.i)
}

// decode decodes the next value, found at the JSON path p, into v.
func (s *jsonStream) decode(p jsonPath, v any) error {
	off, top := s.dec.InputOffset(), !s.begun
	s.begun = true
	s.src.forget(off)
	if err := s.dec.Decode(v); err != nil {
		return s.fail(off, p.String(), err)
	}
	if top {
		return s.end()
	}
	return nil
}

// skip reads past the next value, found at the JSON path at: a member
// vendex does not use is never held either. The first levels go a token
// at a time; a value two levels down (a record, in every format) is read
// whole and dropped, as reading it a token at a time costs three times
// the time.
func (s *jsonStream) skip(at string) error {
	if s.depth >= 2 {
		return s.decode(pathAt(at), &skipValue{})
	}
	return s.open(at, "", func(key string) error { return s.skip(memberPath(at, key)) },
		func(i int) error { return s.skip(pathIndex(at, i).String()) })
}

// memberPath is the JSON path of the member key of the object at: a
// top-level key is written bare when it is a plain word ("patterns").
func memberPath(at, key string) string {
	if at == "" && key != "" && strings.IndexFunc(key, func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) < 0 {
		return key
	}
	return pathKey(at, key).String()
}

// skipValue is a value decoded into nothing: the decoder checks it and
// hands over its bytes without copying them.
type skipValue struct{}

func (skipValue) UnmarshalJSON([]byte) error { return nil }

// token reads the next token, placing an error at the JSON path at.
func (s *jsonStream) token(at string) (json.Token, error) {
	off := s.dec.InputOffset()
	s.src.forget(off)
	t, err := s.dec.Token()
	if err != nil {
		return nil, s.fail(off, at, err)
	}
	return t, nil
}

// members calls each with the key of every member of the object that is
// the next value, found at the JSON path at; each must read the member's
// value. A null is an object without members; anything else is refused.
func (s *jsonStream) members(at string, each func(key string) error) error {
	return s.open(at, "an object", each, nil)
}

// elements calls each with the index of every element of the list that is
// the next value, found at the JSON path at; each must read the element.
// A null is an empty list; anything else is refused.
func (s *jsonStream) elements(at string, each func(i int) error) error {
	return s.open(at, "a list", nil, each)
}

// open reads the next value, found at the JSON path at, which must be an
// object, when onKey is not nil, or a list, when onElem is not nil (what
// names which): onKey is called with the key of each member, onElem with
// the index of each element, and each must read the value that follows.
func (s *jsonStream) open(at, what string, onKey func(key string) error, onElem func(i int) error) error {
	_, err := s.openToken(at, what, onKey, onElem)
	return err
}

// openToken is open, returning the value's first token.
func (s *jsonStream) openToken(at, what string, onKey func(key string) error, onElem func(i int) error) (json.Token, error) {
	off, top := s.dec.InputOffset(), !s.begun
	s.begun = true
	t, err := s.token(at)
	if err != nil || t == nil {
		return t, err
	}
	if what == "" { // any value will do (skip)
		switch t {
		case json.Delim('{'):
			onElem = nil
		case json.Delim('['):
			onKey = nil
		default:
			return t, nil
		}
	}
	s.depth++
	defer func() { s.depth-- }()
	switch {
	case t == json.Delim('{') && onKey != nil:
		for s.dec.More() {
			k, err := s.token(at)
			if err != nil {
				return t, err
			}
			if err := onKey(k.(string)); err != nil { // a key is a string, or a syntax error
				return t, err
			}
		}
	case t == json.Delim('[') && onElem != nil:
		for i := 0; s.dec.More(); i++ {
			if err := onElem(i); err != nil {
				return t, err
			}
		}
	default:
		line := s.lineOfValue(off)
		got := "object"
		switch t := t.(type) {
		case json.Delim:
			if t == '[' {
				got = "array"
			}
			if err := s.skipRest(at); err != nil {
				return t, err
			}
		case string:
			got = "string"
		case float64:
			got = "number"
		case bool:
			got = "bool"
		}
		return t, s.rd.fail(line, at, fmt.Errorf("want %s, got JSON %s", what, got))
	}
	if _, err = s.token(at); err != nil || !top { // the closing delimiter
		return t, err
	}
	return t, s.end()
}

// skipRest reads past the rest of a container whose opening delimiter was
// just read, so that a syntax error in it is the one reported.
func (s *jsonStream) skipRest(at string) error {
	for depth := 1; depth > 0; {
		t, err := s.token(at)
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

// end checks that nothing but space follows the file's value: the
// readers call it when they close the file's value, before building
// anything from what they read.
func (s *jsonStream) end() error {
	off := s.dec.InputOffset()
	s.src.forget(off)
	_, err := s.dec.Token()
	switch {
	case err == io.EOF:
		return nil
	case err != nil:
		return s.fail(off, "", err)
	}
	return s.rd.fail(s.lineOfValue(off), "", errors.New("more after the file's JSON value (a second value, or trailing data)"))
}

// decodeMembers decodes each member of the object that is s's next
// value, found at the JSON path at, into m by its key, one at a time.
func decodeMembers[T any](s *jsonStream, at string, m map[string]T) error {
	return s.members(at, func(key string) error {
		var v T
		if err := s.decode(pathKey(at, key), &v); err != nil {
			return err
		}
		m[key] = v
		return nil
	})
}

// decodeElements appends each element of the list that is s's next value,
// found at the JSON path at, to list, one at a time.
func decodeElements[T any](s *jsonStream, at string, list *[]T) error {
	return s.elements(at, func(i int) error {
		var v T
		if err := s.decode(pathIndex(at, i), &v); err != nil {
			return err
		}
		*list = append(*list, v)
		return nil
	})
}

// readJSONStream is ReadChunks of a file of f, a JSON format other than
// vendex's, a record at a time; scanned says r has passed jsonScan and
// the UTF-8 check already, as rd (when not nil) found.
//
// A file larger than CheckFirstOver that r can read again is read twice,
// as a large CSV file is: first it is checked, value by value, building
// nothing, and only a file that passes is read again to build its
// records, so that a file refused near its end is refused holding one
// value, not the records of every one before.
func readJSONStream(f Format, name string, r io.Reader, rd *reader) ([][]data.Vendor, []Warning, error) {
	scanned := rd != nil
	if !scanned {
		rd = &reader{file: name}
	}
	_, checked := r.(Checked)
	if rr, ok := r.(Rereader); ok && !scanned && !checked && rr.Size() > CheckFirstOver {
		br := bufio.NewReaderSize(r, 64<<10)
		skipBOM(br)
		s := rd.newJSONStream(br, false)
		if err := s.skip(""); err != nil {
			return nil, nil, err
		}
		if err := s.end(); err != nil {
			return nil, nil, err
		}
		again, err := rr.Reread()
		if err != nil {
			return nil, nil, fileError(name, 0, err)
		}
		r, scanned = again, true
	}
	br := bufio.NewReaderSize(r, 64<<10)
	skipBOM(br)
	s := rd.newJSONStream(br, scanned)
	if f == FormatOCDJSON {
		return rd.done(rd.ocdJSON(s))
	}
	var vs [][]data.Vendor
	var err error
	switch f {
	case FormatThirdPartyWeb:
		vs, err = rd.thirdPartyWeb(s)
	case FormatTREntity:
		vs, err = rd.trEntities(s, firstByte(br) == '{')
	case FormatTDS:
		vs, err = rd.tds(s)
	case FormatDisconnect:
		vs, err = rd.disconnect(s)
	case FormatGhostery:
		vs, err = rd.ghostery(s)
	case FormatGVL:
		vs, err = rd.gvl(s)
	case FormatIABDisclosure:
		var list []data.Vendor
		list, err = rd.disclosure(s)
		vs = oneChunk(list)
	default:
		return nil, nil, fileError(name, 0, fmt.Errorf("unknown format %q (want one of %s)", f, FormatNames()))
	}
	return rd.done(vs, err)
}

// firstByte is the first byte of br past a byte order mark and space,
// read ahead without taking it; 0 at the end.
func firstByte(br *bufio.Reader) byte {
	p, _ := br.Peek(br.Size())
	if t := bytes.TrimLeft(bytes.TrimPrefix(p, bom), " \t\r\n"); len(t) > 0 {
		return t[0]
	}
	return 0
}

// Checked is a file whose format DetectFile told, which it checked to its
// end as it did so: ReadChunks builds its records in one reading, without
// checking it first again.
type Checked struct{ Rereader }

// skipBOM reads past br's byte order mark, if it starts with one.
func skipBOM(br *bufio.Reader) {
	if p, _ := br.Peek(len(bom)); bytes.Equal(p, bom) {
		br.Discard(len(bom))
	}
}
