package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// myShopCapture is a storage state of myshop.example holding only the
// site's own storage: a session cookie, a token, a server id, a key of its
// own called auth_token, and Epsilon's dtm_token_sc, which Epsilon sets
// as a first-party cookie.
const myShopCapture = `{"cookies": [
 {"name": "_session_id", "value": "x", "domain": "myshop.example", "path": "/", "expires": -1},
 {"name": "CTX_token", "value": "x", "domain": "myshop.example", "path": "/", "expires": -1},
 {"name": "SRV_ID", "value": "x", "domain": "myshop.example", "path": "/", "expires": -1},
 {"name": "tpx", "value": "x", "domain": "myshop.example", "path": "/", "expires": -1},
 {"name": "dtm_token_sc", "value": "x", "domain": "myshop.example", "path": "/", "expires": -1}],
 "origins": [{"origin": "https://myshop.example", "localStorage": [{"name": "auth_token", "value": "x"}]}]}`

// Rows copied from the Open Cookie Database (testdata/import/
// ocd-site-cookies.csv): Marfeel's _s, Adform's SR and CT and Tailtarget's
// tp are wildcard rows, so they became the patterns _s*, SR*, CT*, tp*,
// and X's auth_token (on .twitter.com) a name of any party. Imported, they
// made a shop's own _session_id, CTX_token, SRV_ID and auth_token findings
// of Marfeel, Adform and X, and the banner cleared the shop's session
// cookie (autoClear /^_s/) when analytics was refused.
func TestImportedOCDRowsDoNotClaimASitesOwnCookies(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "import", fixturePath("ocd-site-cookies.csv"))
	if r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	for _, w := range []string{`Adform: the pattern "SR*" is too short`, `Adform: the pattern "CT*" is too short`, `Marfeel: the pattern "_s*" is too short`, `Tailtarget: the pattern "tp*" is too short`} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("the import does not warn %q:\n%s", w, r.stderr)
		}
	}
	for _, name := range []string{"_session_id", "CTX_token", "SRV_ID", "tpx"} {
		if c := vendex(t, db, "", "cookie", name); c.code != 1 || !strings.Contains(c.stdout, "no vendor known") {
			t.Errorf("cookie %s: exit %d\n%s", name, c.code, c.stdout)
		}
	}
	capture := filepath.Join(t.TempDir(), "myshop.json")
	if err := os.WriteFile(capture, []byte(myShopCapture), 0o600); err != nil {
		t.Fatal(err)
	}
	s := vendex(t, db, "", "scan", "--report", "--before-consent", "--site", "myshop.example", capture)
	for _, v := range []string{"Marfeel", "Adform", "X (Twitter)", "Tail"} {
		if strings.Contains(s.stdout, v) {
			t.Errorf("scan names %s:\n%s", v, s.stdout)
		}
	}
	// A first-party name the OCD gives as first party still names its vendor.
	if !strings.Contains(s.stdout, "dtm_token_sc  cookie") || !strings.Contains(s.stdout, "FINDINGS (1,") {
		t.Errorf("scan does not take dtm_token_sc for Epsilon's:\n%s", s.stdout)
	}
	b := vendex(t, db, "", "banner", "--format", "cookieconsent", "--site", "myshop.example", capture)
	if b.code != 0 || !strings.Contains(b.stdout, "CookieConsent.run(") {
		t.Fatalf("banner: exit %d\n%s", b.code, b.stderr)
	}
	for _, re := range []string{"/^_s/", "/^SR/", "/^CT/", "/^tp/"} {
		if strings.Contains(b.stdout, re) {
			t.Errorf("banner clears the shop's own cookies with %s:\n%s", re, b.stdout)
		}
	}
}

// A declaration is published on the site: an item only an imported
// dataset describes keeps the dataset's words out of it.
func TestDeclareNeverCopiesADatasetsWords(t *testing.T) {
	db := tempDB(t)
	if r := vendex(t, db, "", "import", fixturePath("ocd-site-cookies.csv")); r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	r := vendex(t, db, "", "declare", "--vendors", "adform", "--site", "myshop.example")
	row := ""
	for _, line := range strings.Split(r.stdout, "\n") {
		if strings.HasPrefix(line, "| `EBFC*` |") {
			row = line
		}
	}
	if r.code != 0 || row == "" {
		t.Fatalf("declare lacks the OCD's EBFC*: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(row, "Registers max. total number of impressions") || !strings.Contains(row, "the name comes from an imported dataset") {
		t.Errorf("declare copies the OCD's description of EBFC*, or does not say it is not in its words:\n%s", row)
	}
	// The card's own items keep the card's purpose.
	if !strings.Contains(r.stdout, "Adform's user identifier for ad targeting and frequency capping.") {
		t.Errorf("declare lost the card's purpose of uid:\n%s", r.stdout)
	}
}

// With the whole Open Cookie Database imported, a real capture of
// dr.fressnapf.de: the site's own localStorage key auth_token is not X's
// (the OCD lists auth_token as a cookie on .twitter.com).
func TestTheOCDDoesNotGiveARealSitesOwnKeyToX(t *testing.T) {
	ocd := filepath.Join("..", "..", "..", "shared", "datasets", "open-cookie-database", "open-cookie-database.csv")
	if _, err := os.Stat(ocd); err != nil {
		t.Skipf("the Open Cookie Database is not here (%v)", err)
	}
	db := tempDB(t)
	if r := vendex(t, db, "", "import", ocd); r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	state := capturePath("real", "storagestate", "dr.fressnapf.de-playwright-storagestate.json")
	s := vendex(t, db, "", "scan", "--report", "--before-consent", state)
	if strings.Contains(s.stdout, "X (Twitter)") || !strings.Contains(s.stdout, "auth_token  localStorage, https://dr.fressnapf.de") {
		t.Errorf("scan gives fressnapf's auth_token to X:\n%s", s.stdout)
	}
	for _, name := range []string{"_session_id", "CTX_token", "SRV_ID"} {
		if c := vendex(t, db, "", "cookie", name); c.code != 1 {
			t.Errorf("cookie %s names a vendor:\n%s", name, c.stdout)
		}
	}
}

// With the embedded catalogue alone: a shop's own cookies with short names
// that cards list (Google's A and DV, PubMatic's pi, pp and chk, Adobe's
// fid, Microsoft's OID, ID5's cip, Magnite's c, GitHub's tz, Okta's did)
// were findings of those vendors. Each is either a third-party cookie of
// the vendor's domain, set on its own site only, or of no known party and
// too short a name to be the vendor's alone; Google Analytics' _ga, a
// first-party cookie of its card, still is.
func TestShortNamesOnASitesOwnDomainAreNotVendors(t *testing.T) {
	names := []string{"A", "DV", "pi", "pp", "chk", "fid", "OID", "cip", "c", "tz", "did"}
	var b strings.Builder
	b.WriteString("# Netscape HTTP Cookie File\n")
	for _, n := range append(names, "_ga") {
		b.WriteString("www.myshop.example\tFALSE\t/\tTRUE\t0\t" + n + "\tv\n")
	}
	capture := filepath.Join(t.TempDir(), "cookies.txt")
	if err := os.WriteFile(capture, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	r := vendex(t, tempDB(t), "", "scan", "--json", "--before-consent", "--site", "www.myshop.example", capture)
	var rep struct {
		Cookies []struct {
			Name, Vendor string
		} `json:"cookies"`
		Unknown []struct {
			Name string
		} `json:"unknown_cookies"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("exit %d: %v\n%s", r.code, err, r.stderr)
	}
	if len(rep.Cookies) != 1 || rep.Cookies[0].Name != "_ga" || rep.Cookies[0].Vendor != "Google Analytics" {
		t.Errorf("cookies given to vendors: %+v, want only _ga, Google Analytics'", rep.Cookies)
	}
	if len(rep.Unknown) != len(names) {
		t.Errorf("%d cookies claimed by nobody, want %d: %+v", len(rep.Unknown), len(names), rep.Unknown)
	}
}

// declare --vendors lists what a vendor's script sets on a customer's
// site: the Meta Pixel's _fbp, _fbc and fr, not the facebook.com login
// and account cookies its card names (aks, aksb, sfau, m_user, dbln, oo),
// nor X's sign-in cookie auth_token for a site embedding posts.
func TestDeclareListsWhatTheScriptSetsOnTheSite(t *testing.T) {
	db := tempDB(t)
	rows := func(id string) []string {
		r := vendex(t, db, "", "declare", "--format", "csv", "--vendors", id, "--site", "shop.example")
		if r.code != 0 {
			t.Fatalf("declare %s: exit %d\n%s", id, r.code, r.stderr)
		}
		var names []string
		for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n")[1:] {
			names = append(names, strings.Split(line, ",")[2])
		}
		slices.Sort(names)
		return names
	}
	if got := rows("facebook-pixel"); strings.Join(got, " ") != "_fbc _fbp fr" {
		t.Errorf("declare --vendors facebook-pixel lists %v, want _fbc _fbp fr", got)
	}
	x := rows("x-embeds")
	for _, own := range []string{"auth_token", "twid", "kdt", "ct0"} {
		if slices.Contains(x, own) {
			t.Errorf("declare --vendors x-embeds lists x.com's %s: %v", own, x)
		}
	}
	if !slices.Contains(x, "guest_id") {
		t.Errorf("declare --vendors x-embeds lost guest_id: %v", x)
	}
}

// Rows copied from the Open Cookie Database (testdata/import/
// ocd-vendor-site-domains.csv) give the vendor's website as the Domain of
// cookies its script sets on the customer's site: Qualaroo's ki_u and ki_s
// (qualaroo.com), DotMetrics' (.dotmetrics.net), Shopify's
// checkout_session_token_* (shopify.com). Read as third-party cookies, a
// shop's ki_u was "not in the catalogue" after the import; the cards say
// where each is set (party first, from Qualaroo's help page, Tracker
// Radar's first-party cookies, Shopify stores' cookie tables), and a card
// ranks over the dataset's column.
func TestACardsFirstPartyCookieRanksOverTheOCDsDomain(t *testing.T) {
	db := tempDB(t)
	if r := vendex(t, db, "", "import", fixturePath("ocd-vendor-site-domains.csv")); r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	const state = `{"cookies": [
 {"name": "ki_u", "value": "x", "domain": "myshop.example", "path": "/", "expires": -1},
 {"name": "ki_s", "value": "x", "domain": "myshop.example", "path": "/", "expires": -1},
 {"name": "DM_SitId1006", "value": "x", "domain": "myshop.example", "path": "/", "expires": -1},
 {"name": "checkout_session_token_1", "value": "x", "domain": "myshop.example", "path": "/", "expires": -1}],
 "origins": []}`
	capture := filepath.Join(t.TempDir(), "myshop.json")
	if err := os.WriteFile(capture, []byte(state), 0o600); err != nil {
		t.Fatal(err)
	}
	s := vendex(t, db, "", "scan", "--report", "--before-consent", "--site", "myshop.example", capture)
	for _, want := range []string{"✗ Qualaroo: stored ki_u, ki_s", "✗ Dotmetrics: stored DM_SitId1006"} {
		if !strings.Contains(s.stdout, want) {
			t.Errorf("scan lacks %q:\n%s", want, s.stdout)
		}
	}
	if strings.Contains(s.stdout, "NOT IN THE CATALOGUE") {
		t.Errorf("scan leaves a vendor's first-party cookie unclaimed:\n%s", s.stdout)
	}
	j := vendex(t, db, "", "scan", "--json", "--site", "myshop.example", capture)
	var rep struct {
		Cookies []struct {
			Name, Vendor string
		} `json:"cookies"`
	}
	if err := json.Unmarshal([]byte(j.stdout), &rep); err != nil {
		t.Fatalf("exit %d: %v\n%s", j.code, err, j.stderr)
	}
	got := map[string]string{}
	for _, c := range rep.Cookies {
		got[c.Name] = c.Vendor
	}
	if got["checkout_session_token_1"] != "Shopify" || got["ki_u"] != "Qualaroo" {
		t.Errorf("vendors of the shop's cookies: %v", got)
	}
}
