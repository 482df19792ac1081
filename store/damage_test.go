package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// importedCatalogue is a first run followed by one import of n vendors, the
// state in which the trial found damaged pages accepted.
func importedCatalogue(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "v.db")
	vs := make([]data.Vendor, n)
	for i := range vs {
		vs[i] = data.Vendor{ID: fmt.Sprintf("v%05d", i), Name: fmt.Sprintf("Vendor %d", i), Category: data.Analytics,
			Summary: strings.Repeat("words ", 20), Domains: []data.Domain{{Host: fmt.Sprintf("v%05d.example", i)}}}
	}
	err := Edit(context.Background(), path, func(s *Store) error {
		return s.PutLayer(LayerInfo{Name: "import:test:x", Kind: KindImport, File: "x.json"}, vs)
	})
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// usedPageFrom is the offset of the first page at or after off that holds
// a tree (a leaf or a branch), not a free page: damage there is damage a
// writer would copy.
func usedPageFrom(t *testing.T, path string, off int64) int64 {
	t.Helper()
	s, err := Open(path, Options{}) // read-write: bbolt loads the freelist
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	size := int64(s.db.Info().PageSize)
	for id := off / size; ; id++ {
		var typ string
		s.db.View(func(tx *bolt.Tx) error {
			if p, _ := tx.Page(int(id)); p != nil {
				typ = p.Type
			}
			return nil
		})
		switch typ {
		case "leaf", "branch":
			return id * size
		case "":
			t.Fatalf("no page in use at or after %d", off)
		}
	}
}

func TestAWriterRefusesACatalogueWithADamagedPageAndLeavesItAsItWas(t *testing.T) {
	clean := importedCatalogue(t, 5000)
	pristine, _ := os.ReadFile(clean)
	known := map[string]bool{}
	if s, err := OpenCatalogue(clean, true); err != nil {
		t.Fatal(err)
	} else {
		all, _ := s.All()
		for _, v := range all {
			known[v.ID+"\x00"+v.Name] = true
		}
		s.Close()
	}
	// The offsets of the trial, each moved to the next page in use.
	for _, off := range []int64{8192, 12288, 64 << 10, 1 << 20} {
		off := usedPageFrom(t, clean, off)
		t.Run(fmt.Sprint(off), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "v.db")
			damaged := bytes.Clone(pristine)
			junk := make([]byte, 4096)
			r := rand.New(rand.NewPCG(uint64(off), 1))
			for i := range junk {
				junk[i] = byte(r.Uint32())
			}
			copy(damaged[off:], junk)
			os.WriteFile(path, damaged, 0o644)

			err := Edit(context.Background(), path, func(s *Store) error {
				return s.PutLayer(LayerInfo{Name: "user:acme", Kind: KindUser}, []data.Vendor{{ID: "acme", Name: "Acme"}})
			})
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "aside or delete it") {
				t.Errorf("import into a damaged catalogue: %v; want ErrCorrupt with advice naming %s", err, path)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, damaged) {
				t.Error("the writer changed the damaged file")
			}

			// A reader answers right or says the file is damaged; never
			// something else.
			s, err := OpenCatalogue(path, true)
			if err != nil {
				if !errors.Is(err, ErrCorrupt) {
					t.Errorf("reader open: %v; want ErrCorrupt", err)
				}
				return
			}
			defer s.Close()
			all, err := s.All()
			if err != nil && !errors.Is(err, ErrCorrupt) {
				t.Errorf("reader: %v; want an answer or ErrCorrupt", err)
			}
			if err == nil {
				for _, v := range all {
					if !known[v.ID+"\x00"+v.Name] {
						t.Errorf("reader answered with a vendor the catalogue never held: %q", v.ID)
					}
				}
			}
			if err := s.Check(); !errors.Is(err, ErrCorrupt) {
				t.Errorf("Check: %v; want ErrCorrupt", err)
			}
		})
	}
}

func TestEveryDamagedDatabaseMessageIsOneLine(t *testing.T) {
	clean := importedCatalogue(t, 2000)
	pristine, _ := os.ReadFile(clean)
	for seed := range uint64(20) {
		path := filepath.Join(t.TempDir(), "v.db")
		damaged := bytes.Clone(pristine)
		r := rand.New(rand.NewPCG(seed, 2))
		off := 2*4096 + r.IntN(len(damaged)-3*4096)
		for i := range 512 {
			damaged[off+i] = byte(r.Uint32())
		}
		os.WriteFile(path, damaged, 0o644)
		err := Edit(context.Background(), path, addAcme)
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("damage at %d: a message of more than one line: %q", off, err)
		}
	}
}

// A reader of a damaged file answers with an error, never a crash: a leaf
// page whose keys claim to be 48 MiB long points every read of them past the
// end of the file's mapping.
func TestAReaderOfADamagedFileAnswersWithoutCrashing(t *testing.T) {
	clean := importedCatalogue(t, 2000)
	damaged, _ := os.ReadFile(clean)
	const pageSize, leaf = 4096, 0x02
	hit := 0
	for p := 2 * pageSize; p+pageSize <= len(damaged); p += pageSize {
		flags := binary.LittleEndian.Uint16(damaged[p+8:])
		count := binary.LittleEndian.Uint16(damaged[p+10:])
		if flags != leaf || count == 0 {
			continue
		}
		// The first element's key size (flags, pos, ksize, vsize: 4 bytes each).
		binary.LittleEndian.PutUint32(damaged[p+16+8:], 0x03000000)
		hit++
	}
	if hit == 0 {
		t.Fatal("no leaf page to damage")
	}
	path := filepath.Join(t.TempDir(), "v.db")
	os.WriteFile(path, damaged, 0o644)
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		return // refused at open: as good as an answer
	}
	defer s.Close()
	_, err1 := s.Briefs()
	_, err2 := s.All()
	if err1 == nil && err2 == nil {
		t.Errorf("a catalogue with %d damaged leaf pages read as sound", hit)
	}
	for _, err := range []error{err1, err2} {
		if err != nil && !errors.Is(err, ErrCorrupt) {
			t.Errorf("damage reported as %v, not ErrCorrupt", err)
		}
	}
}

// A record that no longer decodes (a damaged page inside a value, which
// bbolt's structural check cannot see) is named with the file it is in and
// the advice a damaged page gets, for a reader and for a writer alike: the
// damaged-database script once saw "layer embedded vendor hotjar: invalid
// character" with no file named.
func TestADamagedRecordIsReportedWithItsFile(t *testing.T) {
	path := importedCatalogue(t, 20)
	db, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketLayers).Bucket([]byte("import:test:x")).Bucket(bucketVendors).Put([]byte("v00003"), []byte("{\x07junk"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "move") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v", what, err)
		}
	}
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.LayerVendors("import:test:x")
	s.Close()
	check("reader", err)
	pristine, _ := os.ReadFile(path)
	check("writer", Edit(context.Background(), path, func(s *Store) error {
		_, err := s.LayerVendors("import:test:x")
		return err
	}))
	if now, _ := os.ReadFile(path); !bytes.Equal(now, pristine) {
		t.Error("a failed writer changed the file")
	}
}
