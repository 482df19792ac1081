package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file of twelve new vendors: the report counts all twelve, shows the
// first eight and says how many more there are; -v lists every one.
func TestTheImportReportCountsEveryNewVendorAndShowsTheFirstEight(t *testing.T) {
	var b strings.Builder
	b.WriteString("domain,owner,displayName,categories\n")
	for i := range 12 {
		fmt.Fprintf(&b, "fabrikam-%02d.example,,,\n", i)
	}
	file := filepath.Join(t.TempDir(), "domain-index.csv")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	r := vendex(t, tempDB(t), "", "import", "--format", "tracker-radar-domain", file)
	for _, want := range []string{"new vendors: 12\n", "fabrikam-07.example (fabrikam-07-example)", "... and 4 more", "new domains: 12\n"} {
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Fatalf("import: %d, want %q in\n%s%s", r.code, want, r.stdout, r.stderr)
		}
	}
	if strings.Contains(r.stdout, "fabrikam-08.example") {
		t.Errorf("the report shows more than the first eight:\n%s", r.stdout)
	}
	r = vendex(t, tempDB(t), "", "import", "-v", "--format", "tracker-radar-domain", file)
	if n := strings.Count(r.stdout, "new vendor: fabrikam-"); r.code != 0 || n != 12 || !strings.Contains(r.stdout, "new domain: fabrikam-11.example") {
		t.Errorf("import -v lists %d new vendors, want 12:\n%s%s", n, r.stdout, r.stderr)
	}
}
