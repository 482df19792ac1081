package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/vendex/vendex/data"
)

// seededAt is the line of a snapshot that says when the store was seeded.
var seededAt = regexp.MustCompile(`(?m)^layers/embedded/info=.*$`)

// chunked is vs in chunks of n records.
func chunked(vs []data.Vendor, n int) [][]data.Vendor {
	var out [][]data.Vendor
	for len(vs) > n {
		out = append(out, vs[:n:n])
		vs = vs[n:]
	}
	return append(out, vs)
}

// A file's records handed over a few at a time, as a reader that streams
// hands them, land as the same catalogue and the same report as in one
// list: records of one vendor in different chunks join, and later files
// join vendors of earlier ones.
func TestRecordsHandedOverInChunksImportAsOneListDoes(t *testing.T) {
	importAll := func(chunk int) (string, string) {
		s := openSeeded(t)
		var reports string
		for _, p := range fixturePaths(checkpointFixtures) {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			o := ImportOptions{Now: time.Unix(1e9, 0).UTC()}
			vs, err := fileRecords(p, b, &o)
			if err != nil {
				t.Fatal(err)
			}
			records := RecordsOf(vs)
			if chunk > 0 {
				records = RecordsOf(chunked(vs, chunk)...)
			}
			rep, err := s.Import(records, o)
			if err != nil {
				t.Fatal(err)
			}
			reports += fmt.Sprintf("%+v\n", rep)
		}
		// Each store was seeded at its own moment.
		return seededAt.ReplaceAllString(snapshot(t, s), ""), reports
	}
	whole, wholeReports := importAll(0)
	for _, n := range []int{1, 3} {
		got, gotReports := importAll(n)
		if got != whole {
			t.Errorf("records handed over %d at a time make another catalogue than in one list", n)
		}
		if gotReports != wholeReports {
			t.Errorf("records handed over %d at a time give other reports:\n%s\nin one list:\n%s", n, gotReports, wholeReports)
		}
	}
	// And with the index entries of a layer's records worked out two at
	// a time as they are filed, as a large layer's are 8192 at a time.
	defer func(n int) { freshIndexChunk = n }(freshIndexChunk)
	freshIndexChunk = 2
	if got, _ := importAll(3); got != whole {
		t.Error("index entries worked out a few records at a time make another catalogue than all at once")
	}
}

// A reader that fails after handing over some records (a malformed row
// further on) fails the import, which writes nothing.
func TestAnImportWhoseRecordsFailPartWayLeavesTheCatalogueAsItWas(t *testing.T) {
	path := filepath.Join("..", "testdata", "import", "ocd.csv")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var o ImportOptions
	vs, err := fileRecords(path, b, &o)
	if err != nil {
		t.Fatal(err)
	}
	s := openSeeded(t)
	before := snapshot(t, s)
	malformed := errors.New("ocd.csv:40: a malformed row")
	records := Records{Each: func(yield func([]data.Vendor) error) error {
		if err := yield(vs[:len(vs)/2]); err != nil {
			return err
		}
		return malformed
	}}
	if _, err := s.Import(records, o); !errors.Is(err, malformed) {
		t.Fatalf("the reader's error is lost: %v", err)
	}
	if snapshot(t, s) != before {
		t.Error("an import whose reader failed part way changed the catalogue")
	}
}
