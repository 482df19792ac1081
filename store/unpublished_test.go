package store

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/card"
	"github.com/vendex/vendex/data/dataset"
)

// The embedded card for adyoulike says its cookies are unpublished; a user
// file that only adds its owner must not lose that, or the card says "No
// browser storage is recorded" instead.
func TestAOneFieldUserFileKeepsTheCataloguesUnpublishedMarker(t *testing.T) {
	cat, err := data.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(filepath.Join(t.TempDir(), "v.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Seed(cat, "test-1"); err != nil {
		t.Fatal(err)
	}
	before, err := s.Get("adyoulike")
	if err != nil || !before.IsUnpublished("storage") {
		t.Fatalf("the catalogue's adyoulike should say its storage is unpublished: %v %v", before.Unpublished, err)
	}
	file := []byte(`{"id": "adyoulike", "owner": "Adyoulike SA (Paris)"}`)
	chunks, _, err := dataset.ReadBytesChunks(dataset.FormatVendex, "mine.json", file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(RecordsOf(chunks...), ImportOptions{Format: string(dataset.FormatVendex), File: "mine.json", Hash: "one-field", User: true}); err != nil {
		t.Fatal(err)
	}
	after, err := s.Get("adyoulike")
	if err != nil {
		t.Fatal(err)
	}
	if after.Owner != "Adyoulike SA (Paris)" {
		t.Fatalf("the user's owner should win: %q", after.Owner)
	}
	if got := card.NoStorageText(after); !strings.Contains(got, "does not publish") {
		t.Errorf("after a one-field user file the card says %q; unpublished = %v", got, after.Unpublished)
	}
}
