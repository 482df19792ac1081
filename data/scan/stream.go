package scan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"

	"github.com/vendex/vendex/data"
)

// posReader passes a file to a json.Decoder and keeps the text the
// decoder has read but not finished with, so that an error deep in a
// streamed file can say its line and column without the file being kept.
type posReader struct {
	r      io.Reader
	buf    []byte // buf[start:] is the text from offset base on
	start  int
	base   int64
	lines  int   // newlines before base
	lastNL int64 // offset of the last newline before base; -1 if none
	n      int64 // bytes read
}

func newPosReader(r io.Reader) *posReader { return &posReader{r: r, lastNL: -1} }

func (p *posReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if p.start > 0 && p.start >= len(p.buf)/2 {
		p.buf = p.buf[:copy(p.buf, p.buf[p.start:])]
		p.start = 0
	}
	p.buf = append(p.buf, b[:n]...)
	p.n += int64(n)
	return n, err
}

// forget drops the text before offset off: the caller has finished with
// it, and no error can point into it.
func (p *posReader) forget(off int64) {
	k := int(min(off-p.base, int64(len(p.buf)-p.start)))
	if k <= 0 {
		return
	}
	drop := p.buf[p.start : p.start+k]
	p.lines += bytes.Count(drop, []byte("\n"))
	if i := bytes.LastIndexByte(drop, '\n'); i >= 0 {
		p.lastNL = p.base + int64(i)
	}
	p.start += k
	p.base += int64(k)
}

// text is what is kept from offset base on.
func (p *posReader) text() []byte { return p.buf[p.start:] }

// position is the line and byte column of the byte at offset off (the
// end of the file if off is past it); 0, 0 if it was forgotten.
func (p *posReader) position(off int64) (line, col int) {
	if off < p.base {
		return 0, 0
	}
	w := p.text()[:min(off-p.base, int64(len(p.text())))]
	line = p.lines + 1 + bytes.Count(w, []byte("\n"))
	if i := bytes.LastIndexByte(w, '\n'); i >= 0 {
		return line, len(w) - i
	}
	return line, int(p.base + int64(len(w)) - p.lastNL)
}

// jsonStream reads a JSON file token by token, decoding the parts it
// wants one value at a time; every error says where it is.
type jsonStream struct {
	rd  *reader
	pr  *posReader
	dec *json.Decoder
}

func newJSONStream(rd *reader, r io.Reader) *jsonStream {
	pr := newPosReader(r)
	return &jsonStream{rd: rd, pr: pr, dec: json.NewDecoder(pr)}
}

// token reads the next token; path is where the stream is, for errors.
func (s *jsonStream) token(path string) (json.Token, error) {
	t, err := s.dec.Token()
	if err != nil {
		return nil, s.tokenError(path, err)
	}
	return t, nil
}

// delim reads the next token, which must be want.
func (s *jsonStream) delim(path string, want json.Delim, what string) error {
	off := s.dec.InputOffset()
	t, err := s.token(path)
	if err != nil {
		return err
	}
	if d, ok := t.(json.Delim); !ok || d != want {
		return s.failAt(s.nextByte(off), path, fmt.Errorf("want %s, got %s", what, tokenKind(t)))
	}
	return nil
}

// key reads an object's next key.
func (s *jsonStream) key(path string) (string, error) {
	t, err := s.token(path)
	if err != nil {
		return "", err
	}
	k, _ := t.(string) // the decoder refuses a key that is not a string
	return k, nil
}

// decode reads the next value into v.
func (s *jsonStream) decode(path string, v any) error {
	before := s.dec.InputOffset()
	err := s.dec.Decode(v)
	if err == nil {
		return nil
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return s.truncated(path)
	}
	// The decoder's offsets count from the value's start for some errors
	// and from elsewhere for others: decode the value again on its own.
	start := s.nextByte(before)
	b := s.pr.text()[start-s.pr.base:]
	again := json.NewDecoder(bytes.NewReader(b))
	err2 := again.Decode(reflect.New(reflect.TypeOf(v).Elem()).Interface())
	if err2 == nil {
		// The value is sound: what is wrong is between values (a
		// missing comma), where the decoder's offset is right.
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return s.failAt(s.nextByte(se.Offset), path, err)
		}
		return s.rd.fail(data.Location{Path: path}, err)
	}
	off, field, what := data.DescribeJSONError(b, err2)
	if off < 0 {
		off = 1
	}
	if field != "" {
		path += "." + field
	}
	return s.failAt(start+max(off-1, 0), path, what)
}

// skip reads past the next value.
func (s *jsonStream) skip(path string) error {
	var v json.RawMessage
	return s.decode(path, &v)
}

// end checks that nothing follows the top-level value.
func (s *jsonStream) end() error {
	off := s.dec.InputOffset()
	if _, err := s.dec.Token(); err != io.EOF {
		if err != nil {
			return s.tokenError("", err)
		}
		return s.failAt(s.nextByte(off), "", errors.New("more JSON after the end of the capture"))
	}
	return nil
}

func (s *jsonStream) tokenError(path string, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return s.truncated(path)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// A token's error offset is where the bad token starts, before
		// any space.
		return s.failAt(s.nextByte(se.Offset), path, err)
	}
	return s.rd.fail(data.Location{Path: path}, err)
}

func (s *jsonStream) truncated(path string) error {
	if s.pr.base == 0 && len(bytes.TrimSpace(s.pr.text())) == 0 {
		return s.rd.fail(data.Location{}, fmt.Errorf("%w: the file is empty", ErrEmpty))
	}
	return s.failAt(s.pr.n-1, path, errors.New("the file ends in the middle of a JSON value (was it cut short?)"))
}

func (s *jsonStream) failAt(off int64, path string, err error) error {
	line, col := s.pr.position(off)
	return s.rd.fail(data.Location{Line: line, Column: col, Path: path}, err)
}

// nextByte is the offset of the first byte at or after off that is not
// space or a comma: where the next token starts.
func (s *jsonStream) nextByte(off int64) int64 {
	if off < s.pr.base {
		return off
	}
	w := s.pr.text()
	i := off - s.pr.base
	for i < int64(len(w)) && (w[i] == ' ' || w[i] == '\t' || w[i] == '\n' || w[i] == '\r' || w[i] == ',' || w[i] == ':') {
		i++
	}
	return s.pr.base + i
}

func tokenKind(t json.Token) string {
	switch v := t.(type) {
	case json.Delim:
		if v == '[' {
			return "a list"
		}
		if v == '{' {
			return "an object"
		}
		return fmt.Sprintf("%q", string(v))
	case string:
		return "a string"
	case float64, json.Number:
		return "a number"
	case bool:
		return "true or false"
	case nil:
		return "null"
	}
	return fmt.Sprint(t)
}
