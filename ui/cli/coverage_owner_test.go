package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// With datasets imported, a host an import knows only by itself (a Tracker
// Radar record with no owner becomes a vendor named after its domain) is
// attributed, but to nobody a user can name: coverage says how much of
// its figure is such hosts, apart, so that the share is not read as
// owners found (trial7: 94.67% with imports, 93.07% of it owners).
func TestCoverageSaysWhatIsAttributedOnlyToAVendorNamedAfterItsDomain(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "v.db")
	csv := "domain,owner,displayName,categories,regions,max_prevalence,prevalence_GB,prevalence_US,fingerprinting_max,cookies_max,sites_max,storage_permission_apis_seen\n" +
		"nobodys-tracker.example,,,,US,0.01,,0.01,0,0,3,\n" +
		"acme-pixel.example,Acme Corp,Acme,Analytics,US,0.01,,0.01,0,0,3,\n"
	in := filepath.Join(dir, "domain-index.csv")
	if err := os.WriteFile(in, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := vendex(t, db, "", "import", in); r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	hosts := "www.googletagmanager.com 6\nnobodys-tracker.example 3\nacme-pixel.example 1\nunknown.example 10\n"
	r := vendex(t, db, hosts, "coverage", "-")
	if r.code != 0 || !strings.Contains(r.stdout, "Weighted:    50.00% of 20 occurrences") ||
		!strings.Contains(r.stdout, "No owner:    15.00% weighted, 1 host of these: attributed only to a vendor\n             an import names after its own domain") {
		t.Errorf("coverage: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = vendex(t, db, hosts, "coverage", "--json", "-")
	var rep map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep["hosts_attributed_domain_named"] != 1.0 || rep["weighted_percent_domain_named"] != 15.0 {
		t.Errorf("coverage --json: %v\n%s", err, r.stdout)
	}
	// The embedded catalogue alone has none: no such line.
	r = vendex(t, filepath.Join(dir, "emb.db"), hosts, "coverage", "-")
	if strings.Contains(r.stdout, "No owner") {
		t.Errorf("coverage, embedded:\n%s", r.stdout)
	}
}
