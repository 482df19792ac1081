package store

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/vendex/vendex/data"
)

// OpenCatalogue opens the file at path ready to answer questions: created
// and seeded from the embedded catalogue on first run, reseeded when the
// binary carries a newer catalogue, then (when readOnly) reopened with a
// shared lock so that any number of readers can run at once. Only the first
// run after an upgrade takes the write lock.
func OpenCatalogue(path string, readOnly bool) (*Store, error) {
	version := data.CatalogueVersion()
	if !readOnly {
		return openSeededRW(path, version)
	}
	s, err := Open(path, Options{ReadOnly: true})
	switch {
	case err == nil && s.CatalogueVersion() == version:
		return s, nil
	case err == nil:
		s.Close()
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	// First run, or a newer catalogue: seed a copy and swap it in, so that
	// other readers are never locked out.
	if err := Edit(path, func(*Store) error { return nil }); err != nil {
		return nil, err
	}
	return Open(path, Options{ReadOnly: true})
}

// openSeededRW opens path read-write and seeds it if its catalogue is stale.
func openSeededRW(path, version string) (*Store, error) {
	s, err := Open(path, Options{})
	if err != nil {
		return nil, err
	}
	if s.CatalogueVersion() != version {
		vendors, err := data.Catalogue()
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("read the embedded catalogue: %w", err)
		}
		if _, err := s.Seed(vendors, version); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}
