package data

import (
	"reflect"
	"testing"
)

func TestMergeNotesWhereEachTracedFactCameFromInOrder(t *testing.T) {
	user := Vendor{ID: "hotjar", Name: "Hotjar", Aliases: []string{"HJ"}, Category: Analytics,
		Domains: []Domain{{Host: "hotjar.com"}}, Scripts: []Script{{Host: "static.hotjar.com", Path: "/c/"}},
		Storage: []StorageItem{{Kind: Cookie, Name: "_hjid"}}}
	imported := Vendor{ID: "hotjar", Name: "hotjar", Aliases: []string{"hj", "Hotjar Ltd"}, Category: Marketing,
		Categories: []Category{Analytics, Functional}, Domains: []Domain{{Host: "hotjar.com"}, {Host: "hotjar.io"}},
		Scripts: []Script{{Host: "static.hotjar.com", Path: "/c/"}, {Host: "script.hotjar.com"}},
		Storage: []StorageItem{{Kind: Cookie, Name: "_hjid"}, {Kind: LocalStorage, Name: "_hjid"}}}
	got := Merge([]SourcedVendor{{Source: "user:v.json", Vendor: user}, {Source: "import:ocd:x.csv", Vendor: imported}})
	u, i := "user:v.json", "import:ocd:x.csv"
	want := []Provenance{
		{"name", "Hotjar", u}, {"category", "analytics", u}, {"domains", "hotjar.com", u},
		{"scripts", "static.hotjar.com/c/", u}, {"storage", "_hjid", u}, {"aliases", "HJ", u},
		{"categories", "marketing", i}, {"categories", "functional", i}, {"aliases", "Hotjar Ltd", i},
		{"domains", "hotjar.io", i}, {"scripts", "script.hotjar.com", i}, {"storage", "_hjid", i},
	}
	if !reflect.DeepEqual(got.Provenance, want) {
		t.Errorf("provenance:\n got %v\nwant %v", got.Provenance, want)
	}
	if got := Merge([]SourcedVendor{{Source: EmbeddedSource, Vendor: user}}); got.Provenance != nil {
		t.Errorf("the embedded catalogue alone notes nothing, got %v", got.Provenance)
	}
}
