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
