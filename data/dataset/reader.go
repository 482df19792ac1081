package dataset

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/vendex/vendex/data"
)

// MaxField is the longest text field an import accepts, in bytes. Nothing
// a vendor card shows comes near it; a longer one is a damaged or hostile
// file.
const MaxField = 64 << 10

// MaxList is the most elements a JSON list inside a file's top level may
// hold (a record's domains, a list of vendors), and the most members any
// JSON object may (a map of trackers, of patterns): real datasets hold a
// few thousand (7,000 at most, Tracker Radar's blocklist); a million,
// decoded whole, take hundreds of megabytes before any check could refuse
// them. A file's top-level list is read one record at a time instead, and
// has no bound.
const MaxList = 100_000

// maxWarnings is how many warnings one file keeps: a file of a million
// skipped rows would otherwise hold a million messages.
const maxWarnings = 1000

// Warning is something an import skipped or changed without failing: an
// unusable domain, a deleted vendor, a storage type vendex has no kind for.
type Warning struct {
	data.Location
	Message string
}

func (w Warning) String() string {
	return (&data.LocationError{Location: w.Location, Err: errors.New(w.Message)}).Error()
}

// ReadBytesChunks reads one import file of format f, b, which it does not
// change: the caller has read the file to detect its format and hash it.
// name is used in errors and warnings only. The records it returns carry
// no ids unless the file gave them (vendex JSON): the store resolves each
// to an existing vendor or a new id. Any error stops the whole file and
// says where it is. The records come in the chunks the reader built them
// in, in order, as store.Records hands them on: a large file's records
// are not copied into one list.
func ReadBytesChunks(f Format, name string, b []byte) ([][]data.Vendor, []Warning, error) {
	if streams(f) {
		return ReadChunks(f, name, bytes.NewReader(b))
	}
	b = bytes.TrimPrefix(b, bom)
	rd := &reader{file: name, ownCards: f == FormatVendex}
	rd.checkUTF8(b, 1)
	// The whole file is here: checking it first refuses a file of a
	// million records, or a bad byte at its end, before any is decoded.
	if err := rd.scanJSONText(b, f == FormatVendex); err != nil {
		return nil, nil, err
	}
	if f != FormatVendex {
		return readJSONStream(f, name, bytes.NewReader(b), rd)
	}
	vs, err := rd.vendex(b)
	return rd.done(oneChunk(vs), err)
}

// ReadChunks is ReadBytesChunks of the file r streams. The formats whose
// files run to hundreds of megabytes, the Open Cookie Database CSV and
// Tracker Radar's domain files (JSON lines, or the domain index CSV), are
// read a record or a few megabytes of rows at a time and never held
// whole; the other formats' files are read whole first.
//
// A CSV file larger than CheckFirstOver that r can read again (a Rereader)
// is read twice: first every row is checked, building nothing, and only a
// file that passes is read again to build its records. Its records are
// what a large file costs (a vendor a row, in Tracker Radar's index), so a
// file refused at its last row is refused holding a chunk of rows rather
// than the records of every row before; the warnings of a refused file
// are then none.
func ReadChunks(f Format, name string, r io.Reader) ([][]data.Vendor, []Warning, error) {
	if f == FormatVendex {
		b, err := io.ReadAll(r)
		if err != nil {
			return nil, nil, fileError(name, 0, err)
		}
		return ReadBytesChunks(f, name, b)
	}
	if !streams(f) {
		return readJSONStream(f, name, r, nil)
	}
	read := func(rd *reader, r io.Reader) ([][]data.Vendor, error) {
		if f == FormatOCDCSV {
			return rd.ocdCSV(r)
		}
		return rd.trDomains(bufio.NewReaderSize(r, 64<<10))
	}
	rd := &reader{file: name}
	rr, rereads := r.(Rereader)
	isCSV := f == FormatOCDCSV
	if f == FormatTRDomain {
		br := bufio.NewReaderSize(r, 64<<10) // which trDomains reads on
		isCSV, r = trDomainIsCSV(br), br
	}
	if rereads && isCSV && rr.Size() > CheckFirstOver {
		crd := &reader{file: name, check: true}
		if _, err := read(crd, r); err != nil {
			return nil, nil, err
		}
		again, err := rr.Reread()
		if err != nil {
			return nil, nil, fileError(name, 0, err)
		}
		r = again
	}
	vs, err := read(rd, r)
	return rd.done(vs, err)
}

// oneChunk is vs as the one chunk of a file's records (none if vs is empty).
func oneChunk(vs []data.Vendor) [][]data.Vendor {
	if len(vs) == 0 {
		return nil
	}
	return [][]data.Vendor{vs}
}

// Rereader is a file that ReadChunks can read a second time: a regular file, not
// a pipe.
type Rereader interface {
	io.Reader
	Size() int64                // the file's size in bytes
	Reread() (io.Reader, error) // the file again, from its first byte
}

// CheckFirstOver is the size above which ReadChunks checks a CSV file that it
// can read again before building its records. Below it the records of a
// file refused at its end are a few tens of megabytes at most, and the
// second read is not worth its time.
const CheckFirstOver = 16 << 20

// streams reports whether ReadChunks reads files of format f as they stream.
func streams(f Format) bool { return f == FormatOCDCSV || f == FormatTRDomain }

// done is what ReadBytesChunks and ReadChunks return of records read with err.
func (rd *reader) done(chunks [][]data.Vendor, err error) ([][]data.Vendor, []Warning, error) {
	if err != nil {
		return nil, rd.finish(), err
	}
	// One policy for every format: what CleanText drops never reaches the
	// store, whichever reader let it through; and what a record says is
	// held to the catalogue's rules (data.ValidateImported).
	for _, vs := range chunks {
		for i := range vs {
			vs[i] = vs[i].Cleaned()
			if !rd.ownCards {
				rd.patternsForPlaceholders(&vs[i])
			}
			if ps := data.ValidateImported(&vs[i]); len(ps) > 0 {
				more := ""
				if len(ps) > 1 {
					more = fmt.Sprintf(" (and %d more problems)", len(ps)-1)
				}
				at := fmt.Sprintf("vendor %s: %s", data.Quote(firstNonEmpty(vs[i].ID, vs[i].Name)), ps[0].Field)
				return nil, rd.finish(), rd.fail(0, at, errors.New(ps[0].Message+more))
			}
		}
	}
	return chunks, rd.finish(), nil
}

// patternsForPlaceholders writes each storage name of v that a dataset
// gives with a placeholder (pm_sess_NNN) as the pattern it stands for
// (pm_sess_*), with a warning: no cookie has the name as written. A
// person's own vendex file is refused for it instead, as the catalogue is.
func (rd *reader) patternsForPlaceholders(v *data.Vendor) {
	if !slices.ContainsFunc(v.Storage, func(st data.StorageItem) bool { _, ok := data.PlaceholderPattern(st.Name); return ok }) {
		return
	}
	kept := make([]data.StorageItem, 0, len(v.Storage))
	set := data.StorageSet{}
	for _, st := range v.Storage {
		if p, ok := data.PlaceholderPattern(st.Name); ok {
			rd.warn(0, "vendor "+data.Quote(v.Name), "the storage name %s is written as the pattern %s: no browser sets a placeholder", data.Quote(st.Name), data.Quote(p))
			st.Name = p
		}
		set.Add(&kept, st) // once, if the file gives the pattern too
	}
	v.Storage = kept
}

// notUTF8 warns of Latin-1 text, most likely: it is read, but each such
// byte shows as U+FFFD, so the warning says where the first one is.
const notUTF8 = "the file is not all UTF-8 (Latin-1?); bytes that are not show as \uFFFD: convert it with iconv -f latin1 -t utf-8 and import that"

// reader holds one file's state while it is read.
type reader struct {
	file     string
	warnings []Warning
	dropped  int  // warnings past maxWarnings, counted and not kept
	notUTF8  bool // the file was found not all UTF-8
	check    bool // check every record and build none (ReadChunks' first pass)
	ownCards bool // the file is vendex JSON, which people write by hand
}

func (rd *reader) warn(line int, path, format string, args ...any) {
	if len(rd.warnings) >= maxWarnings {
		rd.dropped++
		return
	}
	rd.warnings = append(rd.warnings, Warning{Location: data.Location{File: rd.file, Line: line, Path: path}, Message: fmt.Sprintf(format, args...)})
}

// finish is rd's warnings, with one more saying how many were not kept.
func (rd *reader) finish() []Warning {
	if rd.dropped == 0 {
		return rd.warnings
	}
	return append(rd.warnings, Warning{Location: data.Location{File: rd.file},
		Message: fmt.Sprintf("%d more warnings like these were not kept (a file keeps its first %d)", rd.dropped, maxWarnings)})
}

func (rd *reader) fail(line int, path string, err error) error {
	return &data.LocationError{Location: data.Location{File: rd.file, Line: line, Path: path}, Err: err}
}

// ErrControlText is wrapped when text holds a terminal escape sequence:
// such a file is rejected, not cleaned, so that nothing it says reaches a
// terminal. (Lone control characters, which real datasets do hold, such
// as a stray U+009E in a company name, are removed by CleanLine instead;
// in vendex's own JSON, which people write by hand, they are rejected too.)
var ErrControlText = errors.New("text holds a terminal escape sequence")

// ErrFieldTooLong is wrapped when a field is longer than MaxField.
var ErrFieldTooLong = errors.New("field longer than " + strconv.Itoa(MaxField) + " bytes")

// scanJSONText checks every string in a JSON (or JSON lines) file in one
// pass before decoding, so that the error can name the line: no string may
// be longer than MaxField or start an escape sequence (ESC, or the C1 CSI,
// OSC and DCS introducers), whether raw or escaped as \u001b. strict
// refuses every other control character but tab, newline and CR as well.
// No list but a top-level one may hold more than MaxList elements, and no
// object more than MaxList members.
func (rd *reader) scanJSONText(b []byte, strict bool) error {
	return rd.newJSONScan(strict).scan(b)
}

// jsonScan is scanJSONText's state, so that a file can be checked as it
// streams, in parts split anywhere: feeding its parts one after another
// finds what scanning it whole finds, at the same line (what a part ends
// with that needs the next bytes to tell waits for them).
type jsonScan struct {
	rd       *reader
	strict   bool
	line     int
	inString bool
	strLen   int    // bytes of the open string so far, its quote included
	pending  []byte // the last part's end, waiting for the next bytes
	// The open brackets and, for each open list, its commas so far.
	open   []byte
	commas []int
}

func (rd *reader) newJSONScan(strict bool) *jsonScan {
	return &jsonScan{rd: rd, strict: strict, line: 1}
}

func (s *jsonScan) bad(r rune) bool { return escapeRune(r) || (s.strict && controlRune(r)) }

// scan checks b, the whole of the rest of the file.
func (s *jsonScan) scan(b []byte) error { return s.feed(b, true) }

// feed checks b, the next part of the file; last says it is the last.
func (s *jsonScan) feed(b []byte, last bool) error {
	if len(s.pending) > 0 {
		b, s.pending = append(s.pending, b...), nil
	}
	start := 0 // where the open string started in b, less what came before
	if s.inString {
		start = -s.strLen
	}
	end := len(b) // how far b was read
	defer func() { s.strLen = end - start }()
	for i := 0; i < len(b); i++ {
		// Bytes that need no look are passed over in a tight loop: the
		// byte-by-byte walk was a third of reading Tracker Radar's lines.
		plain := &jsonPlainOutside
		if s.inString {
			plain = &jsonPlainInside
		}
		for i < len(b) && plain[b[i]] {
			i++
		}
		if i == len(b) {
			break
		}
		c := b[i]
		if !last && (c == '\\' && s.inString && i+5 >= len(b) || c == 0xc2 && i+1 >= len(b)) {
			// An escape or a two-byte character the next part ends.
			s.pending, end = append(s.pending, b[i:]...), i
			return nil
		}
		if c == '\n' {
			s.line++
		}
		var err error
		switch {
		case !s.inString && c == '"':
			s.inString, start = true, i
		case !s.inString:
			err = s.outside(c)
		case c == '"':
			s.inString = false
			if i-start > MaxField {
				err = s.rd.fail(s.line, "", ErrFieldTooLong)
			}
		default:
			i, err = s.inside(b, i)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// jsonPlainInside and jsonPlainOutside are the bytes feed has nothing to
// do for, inside a string and outside any: no quote, bracket, comma,
// newline, backslash or control character, and not 0xc2, which starts
// the two-byte C1 controls. A byte of either set reaches none of feed's
// cases but outside's and inside's no-ops, so passing it over is the same.
var jsonPlainInside, jsonPlainOutside = func() (in, out [256]bool) {
	for c := range 256 {
		special := c < 0x20 || c == 0x7f || c == 0xc2 || c == '"' || c == '\\'
		in[c] = !special
		out[c] = !special && !strings.ContainsRune("[]{},", rune(c))
	}
	return in, out
}()

// outside checks c, a byte outside any string: a bracket, or a comma that
// counts an element of the list or object it is in.
func (s *jsonScan) outside(c byte) error {
	switch c {
	case '[', '{':
		s.open, s.commas = append(s.open, c), append(s.commas, 0)
	case ']', '}':
		if len(s.open) > 0 {
			s.open, s.commas = s.open[:len(s.open)-1], s.commas[:len(s.commas)-1]
		}
	case ',':
		if n := len(s.open); n > 1 || n == 1 && s.open[0] == '{' {
			if s.commas[n-1]++; s.commas[n-1] >= MaxList {
				what := "a list of more than %d elements"
				if s.open[n-1] == '{' {
					what = "an object of more than %d members"
				}
				return s.rd.fail(s.line, "", fmt.Errorf(what+" (a record holds far fewer)", MaxList))
			}
		}
	}
	return nil
}

// inside checks the byte of b at i, inside a string but not its closing
// quote, and returns the last byte it read (an escape is two or six).
func (s *jsonScan) inside(b []byte, i int) (int, error) {
	switch c := b[i]; {
	case c == '\\' && i+1 < len(b):
		i++
		if b[i] == 'u' && i+4 < len(b) {
			n, err := strconv.ParseUint(string(b[i+1:i+5]), 16, 16)
			if err == nil && s.bad(rune(n)) {
				return i, s.rd.fail(s.line, "", fmt.Errorf("%w (\\u%04x)", ErrControlText, n))
			}
		}
	case c < 0x80:
		if s.bad(rune(c)) {
			return i, s.rd.fail(s.line, "", fmt.Errorf("%w (0x%02x)", ErrControlText, c))
		}
	case c == 0xc2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9f:
		if s.bad(rune(b[i+1])) {
			return i, s.rd.fail(s.line, "", fmt.Errorf("%w (C1 control 0x%02x)", ErrControlText, b[i+1]))
		}
	}
	return i, nil
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

// decodeJSON unmarshals b, a whole file, into v, turning errors into
// *data.LocationErrors with the line and the JSON path of the field at fault.
func (rd *reader) decodeJSON(b []byte, v any) error { return rd.decodeJSONAt(b, 0, "", v) }

// decodeJSONAt is decodeJSON of part of a file: b starts after lineOffset
// lines, at the JSON path at.
func (rd *reader) decodeJSONAt(b []byte, lineOffset int, at string, v any) error {
	err := json.Unmarshal(b, v)
	if err == nil {
		return nil
	}
	off, path, what := data.DescribeJSONError(b, err)
	line := 0
	if off >= 0 {
		off = min(off, int64(len(b)))
		line = lineOffset + 1 + bytes.Count(b[:off], []byte("\n"))
	} else if lineOffset > 0 {
		line = lineOffset + 1
	}
	if at != "" {
		path = strings.TrimSuffix(at+"."+path, ".")
	}
	return rd.fail(line, path, what)
}

// text cleans one line of text from a data file for a card: control
// characters (already refused by the scan) and bidi overrides are removed,
// tabs and newlines become spaces (data.CleanField).
func text(s string) string { return data.CleanField(s) }

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// csvRows reads part, rows of a CSV file whose first is on line first and
// each as wide as header, checking every field against the readers' one
// escape policy, and calls fn with each row and its line. Every CSV reader
// that goes a chunk at a time reads its rows here, so a bad row is named
// the same way whichever file it is in: the line of the field at fault.
func (rd *reader) csvRows(part []byte, first int, header []string, fn func(rec []string, line int) error) error {
	cr := csv.NewReader(bytes.NewReader(part))
	cr.FieldsPerRecord = len(header) // as one reader of the whole file takes it from the header
	cr.ReuseRecord = true
	clean := noEscapes(part)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return rd.fail(pe.Line+first-1, "", pe.Err)
			}
			return rd.fail(0, "", err)
		}
		line, _ := cr.FieldPos(0)
		for i, f := range rec {
			if err := checkField(f, clean); err != nil {
				l, _ := cr.FieldPos(i)
				return rd.fail(l+first-1, fmt.Sprintf("column %q", header[i]), err)
			}
		}
		if err := fn(rec, line+first-1); err != nil {
			return err
		}
	}
}

// csvError is a CSV reader's error, with its line.
func (rd *reader) csvError(err error) error {
	if errors.Is(err, io.EOF) {
		return rd.fail(1, "", errors.New("the file is empty"))
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return rd.fail(pe.Line, "", pe.Err)
	}
	return rd.fail(0, "", err)
}

// quoteAll quotes each of a file's values for a message (a header row).
func quoteAll(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = data.Quote(v)
	}
	return strings.Join(q, ", ")
}

// eachRecord calls fn with each element of b, a file whose top level is a
// JSON list, with the number of lines before it, one at a time: a list of
// a million records is never decoded whole, and a record of the wrong
// type is refused before the next is read.
func (rd *reader) eachRecord(b []byte, fn func(i int, raw []byte, lineOffset int) error) error {
	if !json.Valid(b) {
		return rd.decodeJSON(b, new(json.RawMessage)) // the syntax error, placed
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, _ := dec.Token(); t != json.Delim('[') {
		return rd.decodeJSON(b, new([]struct{})) // "want a list", placed
	}
	pos, line := 0, 0
	for i := 0; dec.More(); i++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return rd.decodeJSON(b, new(json.RawMessage))
		}
		start := int(dec.InputOffset()) - len(raw)
		line += bytes.Count(b[pos:start], []byte("\n"))
		pos = start
		if err := fn(i, raw, line); err != nil {
			return err
		}
	}
	return nil
}
