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

// Rows copied from the Open Cookie Database (testdata/import/
// ocd-other-products.csv): it lists Beamer's cookies under hotjar.com with
// Hotjar as controller, as Hotjar's own site sets them, and linked
// getbeamer.com's policy. Imported, Beamer was folded into Hotjar's card:
// its cookies, its name as an alias, its marketing category.
func TestAnotherProductSeenOnAVendorsSiteIsNotFoldedIntoIt(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "import", "-v", fixturePath("ocd-other-products.csv"))
	if r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "Beamer gives hotjar's domains and Hotjar as controller but links its own privacy policy") {
		t.Errorf("the import does not say why Beamer stands apart:\n%s", r.stdout)
	}
	hotjar := vendex(t, db, "", "show", "hotjar").stdout
	for _, s := range []string{"Beamer", "BEAMER", "Marketing"} {
		if strings.Contains(hotjar, s) {
			t.Errorf("show hotjar still holds %q:\n%s", s, hotjar)
		}
	}
	beamer := vendex(t, db, "", "show", "beamer")
	for _, s := range []string{"_BEAMER_USER_ID_*", "Privacy policy: https://www.getbeamer.com/privacy-policy", "Consent category: Marketing"} {
		if !strings.Contains(beamer.stdout, s) {
			t.Errorf("show beamer lacks %q:\n%s%s", s, beamer.stdout, beamer.stderr)
		}
	}
	if strings.Contains(beamer.stdout, "Hotjar") || strings.Contains(beamer.stdout, "hotjar.com\n") {
		t.Errorf("show beamer gives Hotjar's controller or domain:\n%s", beamer.stdout)
	}
	// Products whose controller is their own keep joining by domain:
	// SpotX's spotxchange.com is Magnite's, Oribi's linkedin.com LinkedIn's.
	if m := vendex(t, db, "", "show", "magnite").stdout; !strings.Contains(m, "SpotX") {
		t.Errorf("SpotX no longer joins Magnite:\n%s", m)
	}
	if l := vendex(t, db, "", "show", "linkedin").stdout; !strings.Contains(l, "oribi_user_guid") {
		t.Errorf("Oribi no longer joins LinkedIn:\n%s", l)
	}
}
