package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// A file cut short inside its two 16 KiB meta pages is damaged, for a
// reader and a writer alike, and the writer leaves it as it was.
func TestADatabaseCutShortInItsMetaPagesIsDamaged(t *testing.T) {
	clean := filepath.Join(t.TempDir(), "clean.db")
	if err := Edit(context.Background(), clean, addAcme); err != nil {
		t.Fatal(err)
	}
	whole, _ := os.ReadFile(clean)
	for _, n := range []int{8193, 20000, 2*pageSize - 1} {
		path := filepath.Join(t.TempDir(), "v.db")
		os.WriteFile(path, whole[:n], 0o644)
		if _, err := OpenCatalogue(path, true); !errors.Is(err, ErrCorrupt) {
			t.Errorf("a reader of the file cut to %d bytes: %v; want ErrCorrupt", n, err)
		}
		if err := Edit(context.Background(), path, addAcme); !errors.Is(err, ErrCorrupt) {
			t.Errorf("a writer of the file cut to %d bytes: %v; want ErrCorrupt", n, err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, whole[:n]) {
			t.Errorf("a writer changed the file cut to %d bytes", n)
		}
	}
}

// A catalogue keeps its page size through writes and compaction: a new
// one its 16 KiB, one an older vendex made with 4 KiB pages those.
func TestACatalogueKeepsItsPageSize(t *testing.T) {
	for _, size := range []int{0, 4096} {
		path := filepath.Join(t.TempDir(), "v.db")
		want := pageSize
		if size != 0 {
			db, err := bolt.Open(path, 0o644, &bolt.Options{PageSize: size})
			if err != nil {
				t.Fatal(err)
			}
			db.Close()
			want = size
		}
		if err := Edit(context.Background(), path, addAcme); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Get("acme"); err != nil {
			t.Errorf("the vendor written: %v", err)
		}
		if _, _, err := s.Compact(0); err != nil {
			t.Fatal(err)
		}
		if got := s.db.Info().PageSize; got != want {
			t.Errorf("after Edit and Compact the page size is %d; want %d", got, want)
		}
		s.Close()
	}
}
