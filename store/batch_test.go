package store

import (
	"errors"
	"fmt"
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

// A user's file imported in a batch after a dataset ranks with the
// catalogue for the files after it: a later dataset's record that names
// only its vendor's privacy policy joins the user's vendor by it, although
// an earlier file of the batch had read the curated vendors' policies
// before the user's file was there.
func TestAUserFileInABatchCountsForTheFilesAfterIt(t *testing.T) {
	gvl := func(id, name, policy string) []byte {
		return []byte(`{"gvlSpecificationVersion": 3, "vendorListVersion": 1, "tcfPolicyVersion": 4, "lastUpdated": "2024-01-01T00:00:00Z",
 "vendors": {"` + id + `": {"id": ` + id + `, "name": "` + name + `", "purposes": [1], "urls": [{"langId": "en", "privacy": "` + policy + `"}]}}}`)
	}
	mine := []byte(`[{"id": "zyx-chat", "name": "Zyx Chat", "summary": "Our own chat widget.", "category": "functional",
   "domains": [{"host": "zyx-chat.example"}], "privacy_policy": "https://zyx-chat.example/privacy",
   "sets_cookies": "no", "compliance": {},
   "consent_required": {"value": "no", "reason": "Runs only after the visitor opens the chat."},
   "block_before_consent": {"value": "no", "reason": "Sets nothing until used."}}]`)
	s := openReal(t)
	var rep ImportReport
	err := s.Batch(func() error {
		for _, f := range []struct {
			name string
			b    []byte
		}{
			{"vendor-list-1.json", gvl("7", "Fabrikam Pixel", "https://fabrikam.example/privacy")},
			{"mine.json", mine},
			{"vendor-list-2.json", gvl("8", "Qorvane Media Ltd", "https://zyx-chat.example/privacy")},
		} {
			var err error
			if rep, err = importFile(s, f.name, f.b, ImportOptions{}); err != nil {
				return fmt.Errorf("%s: %w", f.name, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := joinOf(rep, "Qorvane Media Ltd"), "zyx-chat by privacy policy: privacy policy https://zyx-chat.example/privacy"; got != want {
		t.Errorf("Qorvane Media Ltd: %s, want %s", got, want)
	}
}
