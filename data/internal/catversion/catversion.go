// Package catversion hashes the vendor files into the catalogue version
// (data.CatalogueVersion), for gen_version.go and the test that holds the
// generated constant current. It is apart from package data so that no
// vendex process links hash/crc32 and builds its table at start-up for a
// hash only the build computes.
package catversion

import (
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"sort"
)

// Hash computes the catalogue version of the vendor files in fsys:
// a CRC-32C over each file's name, size and bytes, in name order.
func Hash(fsys fs.FS) (string, error) {
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
