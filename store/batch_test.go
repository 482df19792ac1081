package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// batchFixtures overlap: the same vendors (Google's, Facebook's) are in
// most of them, so later files join records earlier ones wrote.
var batchFixtures = []string{
	"ocd.csv", "third-party-web.json", "tracker-radar-entities.json", "tracker-radar-domains.jsonl",
	"extension-tds.json", "disconnect-services.json", "disconnect-entities.json", "ghostery.json",
	"vendor-list.json", "disclosure.json", "vendex-user.json",
}

func importAt(t *testing.T, s *Store, name string, now time.Time) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "import", name))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := importFile(s, name, b, ImportOptions{Now: now}); err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
}

func TestFilesImportedInOneBatchLandAsTheyDoOneByOne(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	one, batch := openSeeded(t), openSeeded(t)
	for _, name := range batchFixtures {
		importAt(t, one, name, now)
	}
	err := batch.Batch(func() error {
		for _, name := range batchFixtures {
			importAt(t, batch, name, now)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The seeds' times differ, and only they may.
	a, b := seededAt.ReplaceAllString(snapshot(t, one), ""), seededAt.ReplaceAllString(snapshot(t, batch), "")
	if a != b {
		t.Errorf("a batch's file differs from one import at a time:\n%s\nvs\n%s", a, b)
	}
}

func TestAFailedBatchLeavesTheFileAsItWas(t *testing.T) {
	s := openSeeded(t)
	before := snapshot(t, s)
	boom := errors.New("boom")
	err := s.Batch(func() error {
		importAt(t, s, "ocd.csv", time.Now())
		importAt(t, s, "ghostery.json", time.Now())
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err %v, want boom", err)
	}
	if after := snapshot(t, s); after != before {
		t.Error("a failed batch changed the file")
	}
	// The store goes on as before: a later import sees the file, not the
	// batch's records.
	importAt(t, s, "ocd.csv", time.Now())
}
