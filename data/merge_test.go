package data

import (
	"encoding/json"
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

// A large vendor's lists (thousands of cookies and hosts, as Google's) are
// merged as a small one's: each item once, in the order met, each new one
// noted, a cookie and a local storage key of one name kept apart.
func TestALargeMergeKeepsEachItemOnceInOrder(t *testing.T) {
	for _, n := range []int{3, 400} {
		var first, later Vendor
		for i := range n {
			name := "c" + string(rune('a'+i%26)) + string(rune('a'+i/26))
			first.Storage = append(first.Storage, StorageItem{Kind: Cookie, Name: name})
			later.Storage = append(later.Storage, StorageItem{Kind: Cookie, Name: name}, StorageItem{Kind: LocalStorage, Name: name})
			first.Domains = append(first.Domains, Domain{Host: name + ".example"})
			later.Domains = append(later.Domains, Domain{Host: name + ".example"}, Domain{Host: name + ".example"}, Domain{Host: name + ".test"})
		}
		got := Merge([]SourcedVendor{{Source: "a", Vendor: first}, {Source: "b", Vendor: later}})
		if len(got.Storage) != 2*n || len(got.Domains) != 2*n {
			t.Fatalf("n=%d: %d storage items and %d domains, want %d of each", n, len(got.Storage), len(got.Domains), 2*n)
		}
		for i := range n {
			if got.Storage[n+i] != (StorageItem{Kind: LocalStorage, Name: first.Storage[i].Name}) || got.Domains[n+i].Host != first.Storage[i].Name+".test" {
				t.Fatalf("n=%d: item %d is %v and %v", n, n+i, got.Storage[n+i], got.Domains[n+i])
			}
		}
		noted := 0
		for _, p := range got.Provenance {
			if p.Source == "b" {
				noted++
			}
		}
		if noted != 2*n {
			t.Errorf("n=%d: %d facts noted from the later record, want %d", n, noted, 2*n)
		}
	}
}

// A card exported with its provenance and imported again gives each fact
// back to the source that noted it: every field a merge notes the source
// of, DropTraced drops when that source is another's. Only the name,
// which joins the card to its vendor, stays.
func TestDropTracedDropsEveryFieldAMergeNotes(t *testing.T) {
	a, b := fullVendor("a"), fullVendor("b")
	a.Provenance, b.Provenance = nil, nil
	v := Merge([]SourcedVendor{{Source: "import:x:a.json", Vendor: a}, {Source: "import:y:b.json", Vendor: b}})
	noted := map[string]bool{}
	for _, p := range v.Provenance {
		noted[p.Field] = true
	}
	if len(noted) < 9 {
		t.Fatalf("the merge noted only %v: the test reads too little", noted)
	}
	DropTraced(&v, func(field, _ string) bool { return true })
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		t.Fatal(err)
	}
	for f := range noted {
		switch r := string(fields[f]); {
		case f == "name":
			if r == `""` {
				t.Errorf("DropTraced dropped the name")
			}
		case r != "" && r != `""` && r != "null" && r != "[]":
			t.Errorf("a merge notes the source of %s, but DropTraced leaves it to the user: %s", f, r)
		}
	}
}
