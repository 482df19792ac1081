package store

import (
	"context"
	"path/filepath"
	"testing"
)

// A reader learns that an import landed: the writer put a new file in the
// path's place.
func TestAReaderSeesThatAWriterReplacedTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	seed, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Seed(fixture(), "test-1"); err != nil {
		t.Fatal(err)
	}
	seed.Close()
	r, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Changed() {
		t.Fatal("a file nobody wrote reads as changed")
	}
	err = Edit(context.Background(), path, func(w *Store) error {
		_, err := importFixture(t, w, "ghostery.json", false)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Changed() {
		t.Error("an import landed, and the reader did not see it")
	}
}
