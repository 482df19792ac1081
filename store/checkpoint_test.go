package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// checkpointFixtures are files whose records join one another's vendors
// (the same companies in several datasets), so that later files re-merge
// vendors that earlier ones wrote.
var checkpointFixtures = []string{
	"ocd.csv", "third-party-web.json", "tracker-radar-entities.json", "tracker-radar-domains.jsonl",
	"tracker-radar-domain-index.csv", "extension-tds.json", "disconnect-services.json",
	"disconnect-entities.json", "ghostery.json", "vendor-list.json", "vendex-user.json",
}

// importFiles imports every file in one batch, as vendex import does,
// stamped with one time so that two stores can be compared byte for byte.
func importFiles(s *Store, paths []string) error {
	return s.Batch(func() error {
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if _, err := importFile(s, p, b, ImportOptions{Now: time.Unix(1e9, 0).UTC()}); err != nil {
				return err
			}
		}
		return nil
	})
}

// importBothWays imports paths into a seeded store in one transaction, and
// through Edit, whose private copy commits file by file (and bucket by
// bucket at the end), and says what each holds.
func importBothWays(t *testing.T, paths []string) (oneTx, committed string) {
	t.Helper()
	dir := t.TempDir()
	seeded, err := OpenCatalogue(filepath.Join(dir, "seeded.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	seeded.Close()
	raw, err := os.ReadFile(filepath.Join(dir, "seeded.db"))
	if err != nil {
		t.Fatal(err)
	}
	pathA, pathB := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	for _, p := range []string{pathA, pathB} {
		if err := os.WriteFile(p, raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a, err := Open(pathA, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := importFiles(a, paths); err != nil {
		t.Fatal(err)
	}
	if err := Edit(context.Background(), pathB, func(s *Store) error { return importFiles(s, paths) }); err != nil {
		t.Fatal(err)
	}
	b, err := Open(pathB, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	return snapshot(t, a), snapshot(t, b)
}

func fixturePaths(names []string) []string {
	var out []string
	for _, n := range names {
		out = append(out, filepath.Join("..", "testdata", "import", n))
	}
	return out
}

// Twice: as the fixtures are, and with every layer as large layers are
// imported (committed before it is indexed, its records let go of once
// indexed).
func TestAnImportCommittedFileByFileHoldsWhatOneTransactionHolds(t *testing.T) {
	for _, large := range []int{largeLayer, 1} {
		t.Run(fmt.Sprintf("a layer of %d facts or more committed before it is indexed", large), func(t *testing.T) {
			defer func(n int) { largeLayer = n }(largeLayer)
			largeLayer = large
			oneTx, committed := importBothWays(t, fixturePaths(checkpointFixtures))
			if oneTx != committed {
				logFirstDifference(t, oneTx, committed)
				t.Error("the files imported through Edit's private copy, committed one by one, differ from the same files imported in one transaction")
			}
		})
	}
}

// The same with every public dataset: thousands of vendors joined by
// several files, whose records the batch lets go of and decodes again.
func TestEveryDatasetCommittedFileByFileHoldsWhatOneTransactionHolds(t *testing.T) {
	if _, err := os.Stat(datasetsDir); err != nil {
		t.Skipf("public datasets not found at %s: %v", datasetsDir, err)
	}
	if testing.Short() {
		t.Skip("imports about 60 MB of data twice")
	}
	var paths []string
	for _, name := range AllDatasetFiles {
		paths = append(paths, filepath.Join(datasetsDir, name))
	}
	oneTx, committed := importBothWays(t, paths)
	if oneTx != committed {
		t.Error("every dataset imported through Edit's private copy, committed file by file, differs from the same import in one transaction")
	}
}

// A file refused after earlier files of the batch were committed to the
// private copy leaves the catalogue byte for byte as it was.
func TestAFileRefusedAfterCommittedOnesLeavesTheCatalogueAsItWas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	s, err := OpenCatalogue(path, false)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, _ := os.ReadFile(path)
	refused := errors.New("the last file is malformed")
	err = Edit(context.Background(), path, func(s *Store) error {
		return s.Batch(func() error {
			if err := importFiles(s, fixturePaths(checkpointFixtures)); err != nil {
				return err
			}
			return refused
		})
	})
	if !errors.Is(err, refused) {
		t.Fatalf("the refusal is lost: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("a batch refused after committing files to the private copy changed the catalogue")
	}
}
