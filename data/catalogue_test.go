package data

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/vendex/vendex/data/internal/catversion"
)

func TestEmbeddedCatalogueIsValid(t *testing.T) {
	vs, err := Catalogue()
	if err != nil {
		t.Fatalf("load embedded catalogue: %v", err)
	}
	if len(vs) == 0 {
		t.Fatal("embedded catalogue is empty")
	}
	if ps := Validate(vs); len(ps) > 0 {
		t.Fatal(ps.Error())
	}
}

func TestEmbeddedCatalogueHasNoControlCharacters(t *testing.T) {
	vs, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		b, _ := json.Marshal(&v)
		for _, r := range string(b) {
			if r == 0x1b || (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f {
				t.Errorf("%s: catalogue text holds control character %U", v.ID, r)
				break
			}
		}
		if strings.Contains(v.Summary, "\n") {
			t.Errorf("%s: summary must be one paragraph", v.ID)
		}
	}
}

func TestCatalogueVersionIsCurrent(t *testing.T) {
	sub, err := fs.Sub(catalogueFS, "vendors")
	if err != nil {
		t.Fatal(err)
	}
	got, err := catversion.Hash(sub)
	if err != nil {
		t.Fatal(err)
	}
	if got != CatalogueVersion() {
		t.Fatalf("the catalogue changed but its version did not (%s, files hash to %s): run `go generate ./data` and commit data/catalogue_version.go, so that installed databases reseed", CatalogueVersion(), got)
	}
}
