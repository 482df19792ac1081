package store

import (
	"testing"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/dataset"
)

// A dataset that gives a vendor a cookie under the name of a key its card
// keeps in sessionStorage (the OCD's ActionSetHistory for Qualtrics) is
// that cookie's source: `vendex cookie --all` says the dataset gave it,
// and the card's own key stays the catalogue's.
func TestACookieSharingAKeysNameIsItsDatasets(t *testing.T) {
	s := openReal(t)
	csv := ocdHeader + "id-1,Qualtrics,Analytics,ActionSetHistory,,Which intercepts ran.,Session,Qualtrics,https://www.qualtrics.com/privacy-statement/,0\n"
	chunks, _, err := dataset.ReadBytesChunks(dataset.FormatOCDCSV, "ocd.csv", []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(RecordsOf(chunks...), ImportOptions{Format: string(dataset.FormatOCDCSV), File: "ocd.csv", Hash: "1"}); err != nil {
		t.Fatal(err)
	}
	ms, err := s.ByCookie("ActionSetHistory")
	if err != nil {
		t.Fatal(err)
	}
	sources := map[data.StorageKind]string{}
	for _, m := range ms {
		if m.VendorID == "qualtrics" {
			sources[m.Item.Kind] = m.Source
		}
	}
	if sources[data.SessionStorage] != data.EmbeddedSource || !data.ImportedSource(sources[data.Cookie]) {
		t.Errorf("sources by kind %q, want the sessionStorage key embedded and the cookie imported", sources)
	}
}
