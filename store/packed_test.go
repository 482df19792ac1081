package store

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/dataset"
)

var seedTime = regexp.MustCompile(`"added":"[^"]*"`)

// A large file's new vendors are packed as JSON once resolved and
// decoded where they are read (freshRecord): the catalogue is the same
// as when every record is held, a record a later chunk joins included
// (unpacked, then joined), and the fixture files whole.
func TestPackedRecordsLandAsHeldOnesDo(t *testing.T) {
	row := func(name, host string, items ...string) data.Vendor {
		v := data.Vendor{Name: name, Domains: []data.Domain{{Host: host}}}
		for _, n := range items {
			v.Storage = append(v.Storage, data.StorageItem{Kind: data.Cookie, Name: n, Purpose: "Keeps an id."})
		}
		return v
	}
	land := func(large int) string {
		defer func(n int) { largeLayer = n }(largeLayer)
		largeLayer = large
		s := openSeeded(t)
		recs := []data.Vendor{
			row("Wingtip Stats", "wingtip-stats.example", "w_a", "w_b"),
			row("Tailspin Pixel", "tailspin-pixel.example"),
			row("Wingtip Stats", "cdn.wingtip-stats.example", "w_a", "w_c"),
			row("Hotjar", "hotjar-mirror.example", "_hj_new"),
			row("Tailspin Pixel", "cdn.tailspin-pixel.example"),
		}
		// A row at a time: each chunk's new vendors without storage items
		// are packed before the next chunk is resolved, so Tailspin Pixel
		// is joined packed.
		_, err := s.Import(RecordsOf(chunked(recs, 1)...), ImportOptions{Format: string(dataset.FormatOCDCSV), File: "rows.csv", Hash: "0123456789abcdef", Now: time.Unix(1e9, 0).UTC()})
		if err != nil {
			t.Fatal(err)
		}
		if err := importFiles(s, fixturePaths(checkpointFixtures)); err != nil {
			t.Fatal(err)
		}
		w, err := s.Get("wingtip-stats")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, st := range w.Storage {
			got = append(got, st.Name)
		}
		for _, d := range w.Domains {
			got = append(got, d.Host)
		}
		if fmt.Sprint(got) != "[w_a w_b w_c wingtip-stats.example wt-collect.example cdn.wingtip-stats.example]" {
			t.Errorf("largeLayer %d: Wingtip Stats holds %v", large, got)
		}
		// The seed's layer is stamped with the time it was made.
		tp, err := s.Get("tailspin-pixel")
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(tp.Domains); got != "[{tailspin-pixel.example  false false } {cdn.tailspin-pixel.example  false false }]" {
			t.Errorf("largeLayer %d: Tailspin Pixel holds %s", large, got)
		}
		return seedTime.ReplaceAllString(snapshot(t, s), `"added":""`)
	}
	if held, packed := land(largeLayer), land(1); held != packed {
		logFirstDifference(t, held, packed)
		t.Error("the catalogue written from packed records differs from the one written from held ones")
	}
}
