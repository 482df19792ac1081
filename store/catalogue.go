package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// OpenCatalogue opens the file at path ready to answer questions: created
// and seeded from the embedded catalogue on first run, reseeded when the
// binary carries a newer catalogue, then (when readOnly) reopened with a
// shared lock so that any number of readers can run at once. Only the first
// run after an upgrade takes the write lock.
func OpenCatalogue(path string, readOnly bool) (*Store, error) {
	if !readOnly {
		return openCatalogueRW(path, "")
	}
	version := data.CatalogueVersion()
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
	if err := Edit(context.Background(), path, func(*Store) error { return nil }); err != nil {
		return nil, err
	}
	return Open(path, Options{ReadOnly: true})
}

// openCatalogueRW opens path read-write and seeds it if its catalogue is
// stale; messages name shown (when not empty) rather than path.
func openCatalogueRW(path, shown string) (*Store, error) {
	version := data.CatalogueVersion()
	s, err := Open(path, Options{shown: shown})
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

// Seed makes the embedded layer match vendors, tagged with version, if the
// file's catalogue version differs. Everything that did not come from the
// embedded catalogue (the user's vendors, imports) survives. It reports
// whether it wrote anything.
func (s *Store) Seed(vendors []data.Vendor, version string) (bool, error) {
	if s.CatalogueVersion() == version {
		return false, nil
	}
	info := LayerInfo{Name: EmbeddedLayer, Kind: KindEmbedded, Version: version}
	info.Vendors = len(vendors)
	info.Added = time.Now().UTC()
	for _, v := range vendors {
		info.Domains += len(v.Domains)
		info.Storage += len(v.Storage)
	}
	err := s.update(func(tx *bolt.Tx) error {
		if err := replaceLayer(tx, info, vendors); err != nil {
			return err
		}
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		return meta.Put(keyCatalogue, []byte(version))
	})
	if err != nil {
		return false, fmt.Errorf("seed catalogue %s: %w", s.Path(), err)
	}
	return true, nil
}
