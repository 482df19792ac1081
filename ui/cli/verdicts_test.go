package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFile writes a file of the test's own and returns its path.
func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// flat is s with its runs of white space made one space: a wrapped report
// read as one line.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// The new user's trial: a marketing vendor of their own, with no verdict,
// loading before consent must not pass the consent audit. Importing data
// may not weaken the gate.
func TestAnImportedMarketingVendorWithNoVerdictIsJudgedByItsCategory(t *testing.T) {
	db := tempDB(t)
	acme := writeFile(t, "acmeads.json", `[{"id":"acme-ads","name":"Acme Ads","category":"marketing","domains":[{"host":"ads.acme.example"}],"storage":[{"kind":"cookie","name":"acme_uid","party":"third","lifetime":"1y","purpose":"ad id"}]}]`)
	if r := vendex(t, db, "", "import", acme); r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	urls := writeFile(t, "u.txt", "https://www.mysite.example/\nhttps://ads.acme.example/a.js\n")
	for _, strict := range []bool{false, true} {
		args := []string{"scan", "--before-consent", "--site", "www.mysite.example", urls}
		if strict {
			args = append([]string{"scan", "--strict"}, args[1:]...)
		}
		r := vendex(t, db, "", args...)
		if r.code != 1 || !strings.Contains(flat(r.stdout), "✗ Acme Ads: loaded https://ads.acme.example/a.js No verdict of its own is recorded, so its consent category decides. Marketing:") {
			t.Errorf("%v: exit %d, want 1 and a finding for Acme Ads:\n%s", args, r.code, r.stdout)
		}
	}
	if r := vendex(t, db, "", "lookup", "ads.acme.example"); !strings.Contains(r.stdout, "Marketing  yes") {
		t.Errorf("lookup should give the verdict its category implies:\n%s", r.stdout)
	}
	r := vendex(t, db, "", "show", "acme-ads")
	if !strings.Contains(r.stdout, "Block before consent: Yes") || !strings.Contains(r.stdout, "its consent category decides") {
		t.Errorf("show should say the verdict and where it comes from:\n%s", r.stdout)
	}
}

// A card exported, its category changed and imported back: the verdict
// it keeps argues for the old category, and the import says so; imported
// without a verdict, the new category decides rather than the old card.
func TestACategoryChangedInAUsersFileIsNotJudgedByTheOldVerdict(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "export", "twilio", "--format", "json")
	var card map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &card); err != nil {
		t.Fatal(err)
	}
	card["category"] = "marketing"
	b, _ := json.Marshal([]any{card})
	r = vendex(t, db, "", "import", writeFile(t, "tw.json", string(b)))
	if !strings.Contains(r.stderr, "tw.json: [0].block_before_consent: the category is marketing, which needs consent, yet the verdict is no") {
		t.Errorf("the import should warn of the verdict its category contradicts:\n%s", r.stderr)
	}
	delete(card, "block_before_consent")
	delete(card, "consent_required")
	b, _ = json.Marshal([]any{card})
	db2 := tempDB(t)
	r = vendex(t, db2, "", "import", writeFile(t, "tw.json", string(b)))
	if strings.Contains(r.stderr, "warning") {
		t.Errorf("no verdict, nothing to warn of:\n%s", r.stderr)
	}
	if r := vendex(t, db2, "", "lookup", "media.twiliocdn.com"); !strings.Contains(r.stdout, "Marketing  yes") {
		t.Errorf("the new category should decide, not the old card's verdict:\n%s", r.stdout)
	}
}
