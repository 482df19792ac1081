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
