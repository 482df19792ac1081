package store

import (
	"fmt"
	"testing"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/dataset"
)

// A vendor of many records in one file (the Open Cookie Database has a
// cookie a row) gets each storage item once, in the order the rows give
// them, and the report names each new one once: not one the catalogue
// has, nor one an earlier row gave.
func TestAVendorOfManyRowsGetsEachStorageItemOnce(t *testing.T) {
	s := openSeeded(t)
	hj, err := s.Get("hotjar")
	if err != nil {
		t.Fatal(err)
	}
	had := hj.Storage[0].Name
	row := func(name string, items ...string) data.Vendor {
		v := data.Vendor{Name: name}
		for _, n := range items {
			v.Storage = append(v.Storage, data.StorageItem{Kind: data.Cookie, Name: n, Purpose: "Keeps an id."})
		}
		return v
	}
	recs := []data.Vendor{
		row("Wingtip Stats", "w_a", "w_b"),
		row("Hotjar", had, "_hj_new"),
		row("Wingtip Stats", "w_a", "w_c"),
		row("Hotjar", "_hj_new", had),
		row("Wingtip Stats", "w_c", "w_d"),
	}
	// The same name in localStorage is another item.
	recs[4].Storage = append(recs[4].Storage, data.StorageItem{Kind: data.LocalStorage, Name: "w_a", Purpose: "Keeps an id."})
	// A row at a time, as a reader that streams may hand them over.
	rep, err := s.Import(RecordsOf(chunked(recs, 1)...), ImportOptions{Format: string(dataset.FormatOCDCSV), File: "rows.csv", Hash: "0123456789abcdef"})
	if err != nil {
		t.Fatal(err)
	}
	want := "[w_a (wingtip-stats) w_b (wingtip-stats) _hj_new (hotjar) w_c (wingtip-stats) w_d (wingtip-stats) w_a (wingtip-stats)]"
	if got := fmt.Sprint(rep.NewCookies); got != want {
		t.Errorf("new storage reported\n got %s\nwant %s", got, want)
	}
	w, err := s.Get("wingtip-stats")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, st := range w.Storage {
		names = append(names, string(st.Kind)+":"+st.Name)
	}
	if got := fmt.Sprint(names); got != "[cookie:w_a cookie:w_b cookie:w_c cookie:w_d localStorage:w_a]" {
		t.Errorf("wingtip-stats storage %s", got)
	}
	hj2, err := s.Get("hotjar")
	if err != nil {
		t.Fatal(err)
	}
	if len(hj2.Storage) != len(hj.Storage)+1 || hj2.Storage[len(hj.Storage)].Name != "_hj_new" {
		t.Errorf("hotjar storage %+v", hj2.Storage)
	}
}
