package data

import (
	"bytes"
	"cmp"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
)

// The catalogue is one JSON file per vendor, written by us; see
// data/vendors/README.md for how to add one.
//
//go:embed vendors/*.json
var catalogueFS embed.FS

// Catalogue returns the embedded vendors, sorted by id. It fails only if a
// file in the binary is malformed, which the tests rule out.
func Catalogue() ([]Vendor, error) {
	vs, _, err := loadDir(catalogueFS, "vendors")
	return vs, err
}

// CatalogueJSON is Catalogue with each vendor's card as its file holds it
// less the white space between tokens, by id: a store that keeps cards as
// JSON can keep these bytes rather than encode every vendor again. They
// decode to the vendors, and are never changed: the vendors' strings
// share them.
func CatalogueJSON() ([]Vendor, map[string][]byte, error) {
	vs, raws, err := loadDir(catalogueFS, "vendors")
	if err != nil {
		return nil, nil, err
	}
	cards := make(map[string][]byte, len(vs))
	for i := range vs {
		if raws[i] != nil {
			cards[vs[i].ID] = raws[i]
		}
	}
	return vs, cards, nil
}

// gen_fields first: it reads the source, while gen_version compiles the
// package, which a stale fields_gen.go may keep from building.
//
//go:generate go run gen_fields.go
//go:generate go run gen_version.go

// CatalogueVersion identifies the embedded catalogue's content: it changes
// whenever any vendor file changes. It is a constant written by
// `go generate ./data` (a test fails when it is stale), so the check every
// reading command makes costs nothing: hashing the files at run time would
// fault 4 MB of the binary into memory on every start.
func CatalogueVersion() string { return embeddedVersion }

// CatalogueEdition orders catalogues: `go generate ./data` raises it by one
// whenever the version changes, so a later catalogue has a higher edition.
func CatalogueEdition() int { return embeddedEdition }

// loadDir reads every *.json file in dir of fsys as one vendor each (or a
// list of vendors), strictly: an unknown field is an error, so a typo in a
// field name cannot silently drop a fact. It gives each vendor's JSON as
// its file holds it less the white space between its tokens (see
// appendCompact; nil where encoding/json had to read the file). fsys must
// be safe to read from two goroutines at once, as embed.FS is.
func loadDir(fsys fs.FS, dir string) ([]Vendor, [][]byte, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return nil, nil, err
	}
	// In the order of the ids the names are, as a rule ("a-b.json" comes
	// before "a.json", "a" before "a-b"), so that the vendors need no
	// sorting (a sorted copy of them was a twentieth of a first run's
	// memory).
	slices.SortFunc(names, func(a, b string) int {
		return strings.Compare(strings.TrimSuffix(a, ".json"), strings.TrimSuffix(b, ".json"))
	})
	// Two halves at once: a first run waits for this, and the machine it
	// runs on has more than one core more often than not. The first
	// half's lists have room for the rest.
	half := len(names) / 2
	var first cards
	var firstErr error
	var wg sync.WaitGroup
	wg.Go(func() { first, firstErr = loadFiles(fsys, names[:half], len(names)+len(names)/8) })
	rest, err := loadFiles(fsys, names[half:], len(names)-half)
	wg.Wait()
	if err := cmp.Or(firstErr, err); err != nil {
		return nil, nil, err
	}
	vs, raws := append(first.vendors, rest.vendors...), append(first.json, rest.json...)
	byID := func(i, j int) bool { return vs[i].ID < vs[j].ID }
	if !sort.SliceIsSorted(vs, byID) { // a file's name is its card's id, as a rule
		order := make([]int, len(vs))
		for i := range order {
			order[i] = i
		}
		sort.Slice(order, func(i, j int) bool { return vs[order[i]].ID < vs[order[j]].ID })
		sorted, sortedRaws := make([]Vendor, len(vs)), make([][]byte, len(vs))
		for i, o := range order {
			sorted[i], sortedRaws[i] = vs[o], raws[o]
		}
		vs, raws = sorted, sortedRaws
	}
	return vs, raws, nil
}

// cards are vendors read from files, each with its JSON as the file holds
// it (json[i] is vendors[i]'s; nil where encoding/json read the file).
type cards struct {
	vendors []Vendor
	json    [][]byte
}

// loadFiles reads the vendors of the files names in fsys, in order, into
// lists with room for size, each with its file's JSON less its white space
// (see appendCompact).
func loadFiles(fsys fs.FS, names []string, size int) (cards, error) {
	c := cards{make([]Vendor, 0, size), make([][]byte, 0, size)}
	var f files
	for _, name := range names {
		b, err := f.compact(fsys, name)
		if err != nil {
			return cards{}, err
		}
		// b is this loop's alone and never changed: the vendors' strings
		// may share it rather than a copy.
		if err = c.append(b, unsafeString(b)); err != nil {
			return cards{}, fmt.Errorf("%s: %w", name, err)
		}
	}
	return c, nil
}

// files reads card files, compacted, into shared chunks: a first run
// reads some 6 MB of cards, and a copy of each file, compacted in place,
// was a sixth of its page faults.
type files struct {
	buf   bytes.Buffer // the file being compacted, used again for the next
	chunk []byte       // compacted files, never appended to past its capacity
}

// compact is the file name's JSON less its white space, in a chunk it
// shares with other files: a slice of it that is never written again.
func (f *files) compact(fsys fs.FS, name string) ([]byte, error) {
	file, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	f.buf.Reset()
	if _, err := f.buf.ReadFrom(file); err != nil {
		return nil, err
	}
	b := f.buf.Bytes()
	if cap(f.chunk)-len(f.chunk) < len(b) {
		f.chunk = make([]byte, 0, max(len(b), 1<<20))
	}
	start := len(f.chunk)
	f.chunk = appendCompact(f.chunk, b)
	return f.chunk[start:len(f.chunk):len(f.chunk)], nil
}

// DecodeVendors reads vendex JSON: one vendor object or an array of them.
// Unknown fields are rejected.
func DecodeVendors(r io.Reader) ([]Vendor, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var c cards
	if err := c.append(b, string(b)); err != nil {
		return nil, err
	}
	return c.vendors, nil
}

// append adds the vendors of b (one object or a list), read strictly. s
// is b as a string, which the vendors' strings share.
func (c *cards) append(b []byte, s string) error {
	n := len(c.vendors)
	if decodeFast(s, func(r *jsonReader) {
		one := func() {
			r.ws()
			start := r.pos
			c.vendors = append(c.vendors, Vendor{})
			r.vendor(&c.vendors[len(c.vendors)-1])
			c.json = append(c.json, b[start:r.pos])
		}
		if r.peek('[') {
			r.array(one)
			return
		}
		one()
	}) {
		return nil
	}
	clear(c.vendors[n:]) // what the fast path left is not encoding/json's
	c.vendors, c.json = c.vendors[:n], c.json[:n]
	b = bytes.TrimSpace(b)
	var vs []Vendor
	if len(b) > 0 && b[0] == '[' {
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&vs); err != nil {
			return jsonError(b, dec, err)
		}
		if err := trailing(b, dec); err != nil {
			return err
		}
	} else {
		v, err := decodeVendorStrictly(b)
		if err != nil {
			return err
		}
		vs = []Vendor{v}
	}
	c.vendors = append(c.vendors, vs...)
	c.json = append(c.json, make([][]byte, len(vs))...)
	return nil
}

// DecodeVendor reads one vendex JSON card from b, strictly as DecodeVendors
// does; an error is a *LocationError whose line counts from b's first.
func DecodeVendor(b []byte) (Vendor, error) {
	var v Vendor
	if decodeFast(string(b), func(r *jsonReader) { r.vendor(&v) }) {
		return v, nil
	}
	return decodeVendorStrictly(b)
}

// UnmarshalVendor decodes a record vendex stored, as json.Unmarshal(b, v)
// does for a zero v (a field it does not know is skipped: an older or
// newer vendex may have written it), without reflection when it can: the
// store decodes records on every read, and an import re-reads those it
// joins. The vendor's strings share one copy of b, which may be a
// database page valid only for its transaction.
func UnmarshalVendor(b []byte, v *Vendor) error {
	*v = Vendor{}
	if decodeFast(string(b), func(r *jsonReader) { r.vendor(v) }) {
		return nil
	}
	*v = Vendor{} // what the fast path left is not encoding/json's
	return json.Unmarshal(b, v)
}

// decodeVendorStrictly is DecodeVendor with encoding/json, which says
// what is wrong and where.
func decodeVendorStrictly(b []byte) (Vendor, error) {
	var v Vendor
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return Vendor{}, jsonError(b, dec, err)
	}
	return v, trailing(b, dec)
}

// trailing refuses anything after the first JSON value (a second card, half
// an object), where it starts, as json.Unmarshal and so every other format
// does: a decoder stops after one value and would drop the rest unread.
func trailing(b []byte, dec *json.Decoder) error {
	off := dec.InputOffset()
	for off < int64(len(b)) && (b[off] == ' ' || b[off] == '\t' || b[off] == '\r' || b[off] == '\n') {
		off++
	}
	if off == int64(len(b)) { // nothing but space followed
		return nil
	}
	return &LocationError{Location: Location{Line: 1 + bytes.Count(b[:off], []byte("\n"))},
		Err: errors.New("more after the first JSON value (several cards go in one [ ] list)")}
}

// jsonError says where in b, which dec was reading, the error err is: a
// *LocationError with no file name, which the caller knows.
func jsonError(b []byte, dec *json.Decoder, err error) error {
	off, path, what := DescribeJSONError(b, err)
	if off < 0 {
		off = dec.InputOffset()
	}
	off = min(off, int64(len(b)))
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		what = fmt.Errorf("%w (%s)", what, cardFieldsHint)
	}
	return &LocationError{Location: Location{Line: 1 + bytes.Count(b[:off], []byte("\n")), Path: path}, Err: what}
}

// cardFieldsHint is where a card's fields and their shapes are shown, for
// a message about a card that has them wrong.
const cardFieldsHint = "vendex export --format json VENDOR shows a card's fields"

// DescribeJSONError says where in b (a byte offset, or -1) a decoding
// error is, at which field's path if known, and what, in words rather
// than Go's types.
func DescribeJSONError(b []byte, err error) (off int64, path string, what error) {
	off, what = -1, err
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF) && len(bytes.TrimSpace(b)) == 0:
		off, what = 0, errors.New("the file is empty")
	case errors.Is(err, io.ErrUnexpectedEOF), errors.As(err, &se) && se.Error() == "unexpected end of JSON input":
		off, what = int64(len(b)), errors.New("the file ends in the middle of a JSON value (was it cut short?)")
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off, path = te.Offset, te.Field
		what = fmt.Errorf("want %s, got JSON %s", jsonKind(te.Type), te.Value)
	default:
		// DisallowUnknownFields reports the field at the end of the
		// input: find the key itself.
		if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			off = int64(indexKey(b, name))
			what = fmt.Errorf("unknown field %s (%s)", name, cardFieldsHint)
		}
	}
	return off, path, what
}

// indexKey is where quoted, a JSON string, first appears in b as an
// object's key (followed by a colon), or -1.
func indexKey(b []byte, quoted string) int {
	for from := 0; ; {
		i := bytes.Index(b[from:], []byte(quoted))
		if i < 0 {
			return -1
		}
		i += from
		rest := bytes.TrimLeft(b[i+len(quoted):], " \t\r\n")
		if len(rest) > 0 && rest[0] == ':' {
			return i
		}
		from = i + 1
	}
}

// jsonKind names the JSON a Go type wants: "a string", "a list"...
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return t.String()
}
