package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A card exported as JSON and imported again takes none of a dataset's
// facts as the user's: forgetting the dataset afterwards removes its
// cookie from the card, as it would have without the round trip; and a
// fact the user changed in the file is theirs.
func TestAnExportedCardImportedAgainLeavesTheDatasetsFactsToIt(t *testing.T) {
	db := tempDB(t)
	if r := vendex(t, db, "", "import", fixturePath("ocd.csv")); r.code != 0 {
		t.Fatalf("import ocd.csv: %d %s", r.code, r.stderr)
	}
	if r := vendex(t, db, "", "cookie", "_hjRecordingEnabled"); !strings.Contains(r.stdout, "Hotjar (hotjar)") || !strings.Contains(r.stdout, "import:ocd-csv:ocd.csv") {
		t.Fatalf("the dataset's cookie is not on Hotjar's card:\n%s", r.stdout)
	}
	card := filepath.Join(t.TempDir(), "hotjar.json")
	if r := vendex(t, db, "", "export", "hotjar", "-o", card); r.code != 0 {
		t.Fatalf("export: %d %s", r.code, r.stderr)
	}
	b, _ := os.ReadFile(card)
	// The user changes the card's category: that fact is theirs.
	edited := strings.Replace(string(b), `"category": "analytics"`, `"category": "functional"`, 1)
	if edited == string(b) {
		t.Fatalf("the exported card has no analytics category to change:\n%.400s", b)
	}
	os.WriteFile(card, []byte(edited), 0o644)
	r := vendex(t, db, "", "import", card)
	if r.code != 0 || !strings.Contains(r.stdout, "new cookies and storage keys: 0") ||
		!strings.Contains(r.stderr, `1 to "import:ocd-csv:ocd.csv"`) {
		t.Fatalf("import of the exported card: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := vendex(t, db, "", "forget", "ocd-csv"); r.code != 0 {
		t.Fatalf("forget: %d %s", r.code, r.stderr)
	}
	if r := vendex(t, db, "", "cookie", "--all", "_hjRecordingEnabled"); strings.Contains(r.stdout, "Hotjar") {
		t.Errorf("the forgotten dataset's cookie survives on Hotjar's card, now the user's:\n%s", r.stdout)
	}
	if r := vendex(t, db, "", "show", "hotjar"); !strings.Contains(r.stdout, "Consent category: Functional") {
		t.Errorf("the user's own change to the card was not taken:\n%.600s", r.stdout)
	}
	// A card that is all the dataset's is not imported at all.
	vendex(t, db, "", "import", fixturePath("ocd.csv"))
	whole := filepath.Join(t.TempDir(), "fabrikam.json")
	vendex(t, db, "", "export", "fabrikam-pixel", "-o", whole)
	r = vendex(t, db, "", "import", whole)
	if r.code != 1 || !strings.Contains(r.stderr, "every card in it is recorded as other sources'") {
		t.Errorf("import of a card that is all a dataset's: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
