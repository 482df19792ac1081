package cli

import (
	"strings"
	"testing"
)

// A category an imported dataset files a vendor under is the dataset's,
// not the card's: `show` names the card's category alone and the
// dataset's apart, rather than "Analytics (also: Marketing)".
func TestShowSaysWhichCategoriesOnlyAnImportGives(t *testing.T) {
	db := tempDB(t)
	importOCD(t, db, "1,Vidyard,Marketing,vidyard_x,vidyard.com,Tracks views,1 year,Vidyard,https://www.vidyard.com/privacy/,0\n"+
		"2,Hotjar,Marketing,_hjx,hotjar.com,Tracks,1 year,Hotjar,https://www.hotjar.com/privacy/,0\n")
	r := vendex(t, db, "", "show", "hotjar")
	if !strings.Contains(r.stdout, "Consent category: Analytics\n") || !strings.Contains(r.stdout, "Other categories in imported datasets: Marketing") {
		t.Errorf("show hotjar:\n%s", r.stdout)
	}
	// Vidyard's own card files it under Marketing too: that stays the card's.
	r = vendex(t, db, "", "show", "vidyard")
	if !strings.Contains(r.stdout, "Consent category: Functional (also: Marketing)\n") || strings.Contains(r.stdout, "Other categories in imported") {
		t.Errorf("show vidyard:\n%s", r.stdout)
	}
}

// AppDynamics' ADRUM_BT* cookies are set twice in the ferguson.com capture:
// by the site's own page and by the collector on col.eum-appdynamics.com.
// `show` lists both, each with its party.
func TestShowListsACookieSetOnBothSidesByParty(t *testing.T) {
	r := vendex(t, tempDB(t), "", "show", "appdynamics")
	if r.code != 0 || !strings.Contains(r.stdout, "cookie ADRUM_BT* first party") || !strings.Contains(r.stdout, "cookie ADRUM_BT* third party") {
		t.Errorf("show appdynamics: exit %d\n%s", r.code, r.stdout)
	}
}
