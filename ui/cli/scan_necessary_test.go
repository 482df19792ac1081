package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/vendex/vendex/store/audit"
)

// The trial's before-consent scan of a shop (WooCommerce's cart, Complianz's
// stored choice, Magento's session, XenForo's session) and more cookies of
// the same kinds, each one strictly necessary by what it does: consent
// records, sessions, sign-in, carts, load balancing. The audit must claim
// every one as strictly necessary and find nothing.
func TestScanBeforeConsentPassesAShopsStrictlyNecessaryCookies(t *testing.T) {
	db := tempDB(t)
	txt := capturePath("necessary.cookies.txt")
	r := vendex(t, db, "", "scan", "--report", "--before-consent", "--site", "shop.example", txt)
	if r.code != 0 || !strings.Contains(r.stdout, "FINDINGS (0)") {
		t.Errorf("the trial's scan: exit %d, want 0 and no findings:\n%s%s", r.code, r.stdout, r.stderr)
	}
	j := vendex(t, db, "", "scan", "--json", "--before-consent", "--site", "shop.example", txt)
	var rep audit.Report
	if err := json.Unmarshal([]byte(j.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s%s", err, j.stdout, j.stderr)
	}
	if len(rep.Cookies) < 20 || len(rep.UnknownCookies) != 0 || len(rep.Findings) != 0 {
		t.Errorf("%d cookies claimed, %d unknown, %d findings: %+v", len(rep.Cookies), len(rep.UnknownCookies), len(rep.Findings), rep.Findings)
	}
	for _, c := range rep.Cookies {
		if c.Category != "strictly-necessary" {
			t.Errorf("%s: %s's %s, want strictly necessary", c.Name, c.VendorID, c.Category)
		}
	}
}
