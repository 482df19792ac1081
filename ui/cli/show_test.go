package cli

import (
	"regexp"
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

// An imported privacy policy is a dataset's fact: `show` names its source
// in the fact table, as it does for an imported domain. A record whose
// owner is another company gives no policy: a dataset's row for Webtrends
// controlled by Media Temple (as Ghostery files Reinvigorate, joined to
// Webtrends) does not make Media Temple's policy Webtrends'.
func TestShowSaysWhoseAnImportedPrivacyPolicyIs(t *testing.T) {
	db := tempDB(t)
	importOCD(t, db, "1,Movable Ink,Marketing,mi_x,movableink.com,Tracks,1 year,Movable Ink,https://movableink.com/legal/privacy,0\n"+
		"2,Webtrends,Analytics,WT_x,webtrends.com,Tracks,1 year,Media Temple,https://mediatemple.net/legal/privacy-policy/,0\n")
	r := vendex(t, db, "", "show", "movable-ink")
	if !strings.Contains(r.stdout, "Privacy policy: https://movableink.com/legal/privacy\n") ||
		!regexp.MustCompile(`(?m)^privacy_policy +https://movableink.com/legal/privacy +import:ocd`).MatchString(r.stdout) {
		t.Errorf("show movable-ink: no imported policy with its source:\n%s", r.stdout)
	}
	r = vendex(t, db, "", "show", "webtrends")
	if strings.Contains(r.stdout, "mediatemple") || !strings.Contains(r.stdout, "WT_x") {
		t.Errorf("show webtrends: Media Temple's policy, or the row not joined:\n%s", r.stdout)
	}
}

// SearchForce's name leads to the Semasio card, which says what SearchForce
// does and what each source says of the two companies, and names Semasio's
// owner once, with no parenthesis in a parenthesis (review9: "Semasio
// (Semasio GmbH (SearchForce))", "belongs to SearchForce" on Disconnect's
// word alone, and nothing left of SearchForce's paid-search bidding).
func TestSearchForceLeadsToSemasioSaidAsTheSourcesSayIt(t *testing.T) {
	db := tempDB(t)
	show := vendex(t, db, "", "show", "searchforce")
	flat := strings.Join(strings.Fields(show.stdout), " ")
	for _, want := range []string{"SearchForce, a US platform that manages and bids on paid-search campaigns", "Disconnect files the two as one company, Tracker Radar as two", "Owner: Semasio GmbH"} {
		if show.code != 0 || !strings.Contains(flat, want) {
			t.Errorf("show searchforce: exit %d, lacks %q:\n%s", show.code, want, show.stdout)
		}
	}
	if strings.Contains(flat, "belongs to SearchForce") {
		t.Errorf("show searchforce still says Semasio belongs to SearchForce:\n%s", show.stdout)
	}
	declare := vendex(t, db, "", "declare", "--vendors", "searchforce")
	if declare.code != 0 || !strings.Contains(declare.stdout, "Semasio (Semasio GmbH)") || strings.Contains(declare.stdout, "((") {
		t.Errorf("declare --vendors searchforce: exit %d\n%s", declare.code, declare.stdout)
	}
}
