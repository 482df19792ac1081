package cli

import (
	"strings"
	"testing"
)

// Rows copied from the Open Cookie Database (testdata/import/
// ocd-other-products.csv) hold a wildcard with no domain and a lifetime
// that "Varies" whose description is Umami's blurb ("Open-source
// privacy-friendly web analytics alternative."): imported, it made Umami,
// documented as cookieless, set a cookie umami.*.
func TestAProductBlurbRowAddsNoCookie(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "import", fixturePath("ocd-other-products.csv"))
	if r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, `ocd-other-products.csv:12: Umami: "umami.*" with lifetime "Varies" describes the product, not a cookie`) {
		t.Errorf("the import does not warn about Umami's row:\n%s", r.stderr)
	}
	umami := vendex(t, db, "", "show", "umami").stdout
	if strings.Contains(umami, "umami.*") || strings.Contains(umami, "Sets HTTP cookies: Yes") || strings.Contains(umami, "alternative.") {
		t.Errorf("show umami lists a cookie from the product's blurb:\n%s", umami)
	}
	// Plausible's row is one too ("Does not use cookies by default").
	if p := vendex(t, db, "", "show", "plausible").stdout; strings.Contains(p, "plausible_*") {
		t.Errorf("show plausible lists plausible_*:\n%s", p)
	}
}
