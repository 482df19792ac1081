package store

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// A newer vendex seeded the file with a later catalogue: this older one
// says so and leaves the file exactly as it was, for reading and writing
// alike, instead of reseeding it back to its own catalogue.
func TestAnOlderVendexRefusesToReseedANewerCatalogue(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	s, err := OpenCatalogue(path, false)
	if err != nil {
		t.Fatal(err)
	}
	if s.CatalogueEdition() != data.CatalogueEdition() {
		t.Errorf("seeded edition %d, want %d", s.CatalogueEdition(), data.CatalogueEdition())
	}
	err = s.update(func(tx *bolt.Tx) error { // what a newer vendex leaves
		meta := tx.Bucket(bucketMeta)
		if err := meta.Put(keyEdition, []byte(strconv.Itoa(data.CatalogueEdition()+1))); err != nil {
			return err
		}
		return meta.Put(keyCatalogue, []byte("999-newer"))
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	for _, readOnly := range []bool{true, false} {
		s, err := OpenCatalogue(path, readOnly)
		if err == nil {
			s.Close()
		}
		if !errors.Is(err, ErrNewerCatalogue) {
			t.Errorf("readOnly %v: %v, want ErrNewerCatalogue", readOnly, err)
		}
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the newer file was changed")
	}
}
