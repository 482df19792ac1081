package data

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"path"
	"sort"
)

// The catalogue is one JSON file per vendor, written by us; see
// data/vendors/README.md for how to add one.
//
//go:embed vendors/*.json
var catalogueFS embed.FS

// Catalogue returns the embedded vendors, sorted by id. It fails only if a
// file in the binary is malformed, which the tests rule out.
func Catalogue() ([]Vendor, error) {
	return LoadDir(catalogueFS, "vendors")
}

//go:generate go run gen_version.go

// CatalogueVersion identifies the embedded catalogue's content: it changes
// whenever any vendor file changes. It is a constant written by
// `go generate ./data` (a test fails when it is stale), so the check every
// reading command makes costs nothing: hashing the files at run time would
// fault 4 MB of the binary into memory on every start.
func CatalogueVersion() string { return embeddedVersion }

// HashCatalogue computes the catalogue version of the vendor files in fsys:
// a CRC-32C over each file's name, size and bytes, in name order.
func HashCatalogue(fsys fs.FS) (string, error) {
	h := crc32.New(crc32.MakeTable(crc32.Castagnoli))
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	buf := make([]byte, 32<<10)
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return "", err
		}
		n, err := io.CopyBuffer(h, f, buf)
		f.Close()
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "\x00%s\x00%d\x00", name, n)
	}
	return fmt.Sprintf("%d-%08x", len(names), h.Sum32()), nil
}

// LoadDir reads every *.json file in dir of fsys as one vendor each (or a
// list of vendors), strictly: an unknown field is an error, so a typo in a
// field name cannot silently drop a fact.
func LoadDir(fsys fs.FS, dir string) ([]Vendor, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	var out []Vendor
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		vs, err := DecodeVendors(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, vs...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// DecodeVendors reads vendex JSON: one vendor object or an array of them.
// Unknown fields are rejected.
func DecodeVendors(r io.Reader) ([]Vendor, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimSpace(b)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if len(b) > 0 && b[0] == '[' {
		var vs []Vendor
		if err := dec.Decode(&vs); err != nil {
			return nil, jsonError(b, dec, err)
		}
		return vs, nil
	}
	var v Vendor
	if err := dec.Decode(&v); err != nil {
		return nil, jsonError(b, dec, err)
	}
	return []Vendor{v}, nil
}

// jsonError adds the line number to a decoding error.
func jsonError(b []byte, dec *json.Decoder, err error) error {
	off := dec.InputOffset()
	switch e := err.(type) {
	case *json.SyntaxError:
		off = e.Offset
	case *json.UnmarshalTypeError:
		off = e.Offset
	}
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	line := 1 + bytes.Count(b[:off], []byte("\n"))
	return fmt.Errorf("line %d: %w", line, err)
}
