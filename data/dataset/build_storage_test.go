package dataset

import (
	"fmt"
	"slices"
	"testing"

	"github.com/vendex/vendex/data"
)

// storageSets keeps a vendor's items exactly as addStorage would (each kind
// and name once, in the order first seen), past the size where it switches
// to a set, and when the list grew behind its back.
func TestStorageSetsAddAsAddStorageDoes(t *testing.T) {
	var want, got data.Vendor
	ss := storageSets{}
	item := func(i int, kind data.StorageKind) data.StorageItem {
		return data.StorageItem{Kind: kind, Name: fmt.Sprintf("c%d", i%150), Purpose: fmt.Sprint(i)}
	}
	for i := range 400 {
		kind := data.Cookie
		if i%7 == 0 {
			kind = data.LocalStorage
		}
		addStorage(&want, item(i, kind))
		ss.add(&got, item(i, kind))
		if i == 200 { // another path appends to the list
			extra := data.StorageItem{Kind: data.Cookie, Name: "added-elsewhere"}
			addStorage(&want, extra)
			addStorage(&got, extra)
		}
	}
	ss.add(&got, data.StorageItem{Kind: data.Cookie, Name: "added-elsewhere"})
	if !slices.Equal(got.Storage, want.Storage) || got.SetsCookies != want.SetsCookies {
		t.Fatalf("%d items, want %d", len(got.Storage), len(want.Storage))
	}
	if len(got.Storage) <= storageSetFrom {
		t.Fatalf("only %d items: the set was never used", len(got.Storage))
	}
}
