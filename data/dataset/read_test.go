package dataset

import (
	"io"

	"github.com/vendex/vendex/data"
)

// Read and ReadBytes are ReadChunks and ReadBytesChunks with the records
// in one list, as the tests look at them.
func Read(f Format, name string, r io.Reader) ([]data.Vendor, []Warning, error) {
	chunks, warns, err := ReadChunks(f, name, r)
	return flatten(chunks), warns, err
}

func ReadBytes(f Format, name string, b []byte) ([]data.Vendor, []Warning, error) {
	chunks, warns, err := ReadBytesChunks(f, name, b)
	return flatten(chunks), warns, err
}

// flatten is chunks in one list, as the tests compare them: the one chunk
// as it is, or a copy.
func flatten(chunks [][]data.Vendor) []data.Vendor {
	switch len(chunks) {
	case 0:
		return nil
	case 1:
		return chunks[0]
	}
	n := 0
	for _, c := range chunks {
		n += len(c)
	}
	out := make([]data.Vendor, 0, n)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out
}
