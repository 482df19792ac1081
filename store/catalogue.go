package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// ErrNewerCatalogue says the file holds a later edition of the embedded
// catalogue than this vendex carries: reseeding it would take the
// catalogue back.
var ErrNewerCatalogue = errors.New("the catalogue in it is newer than this vendex's")

// keyEdition is the meta key of the seeded catalogue's edition.
var keyEdition = []byte("catalogue_edition")

// CatalogueEdition is the edition of the embedded catalogue last seeded
// into this file (data.CatalogueEdition), or 0 if none or unknown.
func (s *Store) CatalogueEdition() int {
	n := 0
	_ = s.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketMeta); b != nil {
			n, _ = strconv.Atoi(string(b.Get(keyEdition)))
		}
		return nil
	})
	return n
}

// refuseDowngrade fails when the file's catalogue is a later edition than
// the embedded one, naming path, rather than reseed it backwards.
func (s *Store) refuseDowngrade(path string) error {
	if have, carry := s.CatalogueEdition(), data.CatalogueEdition(); have > carry {
		return fmt.Errorf("open catalogue %s: %w (catalogue %s, edition %d; this vendex carries %s, edition %d) and is left as it is; upgrade vendex, or use --db to pick another file",
			path, ErrNewerCatalogue, s.CatalogueVersion(), have, data.CatalogueVersion(), carry)
	}
	return nil
}

// OpenCatalogue opens the file at path ready to answer questions: created
// and seeded from the embedded catalogue on first run, reseeded when the
// binary carries a newer catalogue, then (when readOnly) reopened with a
// shared lock so that any number of readers can run at once. Only the first
// run after an upgrade takes the write lock.
func OpenCatalogue(path string, readOnly bool) (*Store, error) {
	if !readOnly {
		return openCatalogueRW(path, Options{}, nil)
	}
	version := data.CatalogueVersion()
	var cat *embedded // the embedded catalogue, if decoding it has started
	s, err := Open(path, Options{ReadOnly: true})
	switch {
	case err == nil && s.CatalogueVersion() == version:
		return s, nil
	case err == nil:
		err = s.refuseDowngrade(path)
		s.Close()
		if err != nil {
			return nil, err
		}
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	default:
		// A first run: the embedded catalogue is decoded on the other
		// core while the writers' lock and the new file are set up, which
		// mostly wait on the disk. No collection while the first seed
		// runs (see openCatalogueRW), from the decoding on.
		defer debug.SetGCPercent(debug.SetGCPercent(-1))
		cat = decodeEmbedded()
	}
	// First run, or a newer catalogue: seed a copy and swap it in, so that
	// other readers are never locked out.
	if err := edit(context.Background(), path, func(*Store) error { return nil }, cat); err != nil {
		return nil, err
	}
	return Open(path, Options{ReadOnly: true})
}

// embedded is the embedded catalogue, decoded on a goroutine of its own.
type embedded struct {
	done    chan struct{}
	vendors []data.Vendor
	cards   map[string][]byte
	err     error
}

// decodeEmbedded starts decoding the embedded catalogue.
func decodeEmbedded() *embedded {
	e := &embedded{done: make(chan struct{})}
	go func() {
		defer close(e.done)
		e.vendors, e.cards, e.err = data.CatalogueJSON()
	}()
	return e
}

// get waits for the embedded catalogue; a nil e decodes it now.
func (e *embedded) get() ([]data.Vendor, map[string][]byte, error) {
	if e == nil {
		return data.CatalogueJSON()
	}
	<-e.done
	return e.vendors, e.cards, e.err
}

// openCatalogueRW opens path read-write with o and seeds it if its
// catalogue is stale, from cat if decoding it has started.
func openCatalogueRW(path string, o Options, cat *embedded) (*Store, error) {
	version := data.CatalogueVersion()
	s, err := Open(path, o)
	if err != nil {
		return nil, err
	}
	if s.CatalogueVersion() != version {
		if err := s.refuseDowngrade(s.Path()); err != nil {
			s.Close()
			return nil, err
		}
		if s.isNew() {
			// A first seed allocates some 20 MB, bounded by the embedded
			// catalogue, and drops nearly all of it when it ends:
			// collecting on the way was a fifth of a first run's CPU.
			defer debug.SetGCPercent(debug.SetGCPercent(-1))
		}
		vendors, cards, err := cat.get()
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("read the embedded catalogue: %w", err)
		}
		if _, err := s.seed(vendors, cards, version); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// isNew reports whether the file holds no layer yet: neither the
// embedded catalogue nor an import.
func (s *Store) isNew() bool {
	empty := true
	_ = s.view(func(tx *bolt.Tx) error {
		empty = tx.Bucket(bucketLayers) == nil
		return nil
	})
	return empty
}

// Seed makes the embedded layer match vendors, tagged with version, if the
// file's catalogue version differs. Everything that did not come from the
// embedded catalogue (the user's vendors, imports) survives. It reports
// whether it wrote anything.
func (s *Store) Seed(vendors []data.Vendor, version string) (bool, error) {
	return s.seed(vendors, nil, version)
}

// seed is Seed keeping cards[id], where given, as vendor id's record: the
// card file's own JSON, which decodes to the same vendor, rather than
// the vendor encoded again (see putLayer).
func (s *Store) seed(vendors []data.Vendor, cards map[string][]byte, version string) (bool, error) {
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
		if err := replaceLayer(tx, info, vendors, cards); err != nil {
			return err
		}
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		if err := meta.Put(keyEdition, []byte(strconv.Itoa(data.CatalogueEdition()))); err != nil {
			return err
		}
		return meta.Put(keyCatalogue, []byte(version))
	})
	if err != nil {
		return false, fmt.Errorf("seed catalogue %s: %w", s.Path(), err)
	}
	return true, nil
}
