package cli

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

// These hold answers a user gets from the embedded catalogue where a card
// was mended because a dataset's label was wrong for it: each goes through
// the command a user types, so a fault in the match, the verdict or the
// writer fails it as well as a card that slides back.

// answer is what `vendex lookup --json` says of one host.
type answer struct {
	ID       string `json:"vendor_id"`
	Category string `json:"category"`
	Block    string `json:"block_before_consent"`
}

// lookupJSON answers each host as `vendex lookup --json` does.
func lookupJSON(t *testing.T, db string, hosts ...string) map[string]answer {
	t.Helper()
	r := vendex(t, db, "", append([]string{"lookup", "--json"}, hosts...)...)
	got := map[string]answer{}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var l struct {
			Input string `json:"input"`
			answer
		}
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("lookup --json line %q: %v (stderr %s)", line, err, r.stderr)
		}
		got[l.Input] = l.answer
	}
	return got
}

// Where a vendor's own documentation says what its script does, lookup
// follows it rather than one dataset's label: Visually runs A/B tests and
// personalisation (help.visually.io), not advertising, and show names
// personalisation among its categories; uptain shows retention pop-ups
// and sends cart-reminder emails (uptain.de), not site analytics.
func TestLookupAndShowFollowTheVendorsOwnDescription(t *testing.T) {
	db := tempDB(t)
	got := lookupJSON(t, db, "live.visually-io.com", "app.uptain.de")
	if g := got["live.visually-io.com"]; g.ID != "visually" || g.Category != "analytics" {
		t.Errorf("lookup live.visually-io.com: %+v; want visually, analytics", g)
	}
	if g := got["app.uptain.de"]; g.ID != "uptain" || g.Category != "marketing" {
		t.Errorf("lookup app.uptain.de: %+v; want uptain, marketing", g)
	}
	r := vendex(t, db, "", "show", "visually")
	if r.code != 0 || !strings.Contains(r.stdout, "Consent category: Analytics (also: Personalisation)") {
		t.Errorf("show visually (exit %d) lacks its personalisation category:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// Naver's static files are not Naver Analytics: ssl.pstatic.net, the
// image hosts under pstatic.net and static.naver.net answer as the CDN's
// card (functional, not blocked), while the two ad-script paths served
// from ssl.pstatic.net, the analytics script and the map's own images
// answer as their products.
func TestLookupTellsNaversFileHostFromItsTrackers(t *testing.T) {
	got := lookupJSON(t, tempDB(t), "ssl.pstatic.net", "phinf.pstatic.net", "static.naver.net",
		"https://ssl.pstatic.net/melona/libs/gfp-nac-module/synchronizer.js",
		"https://ssl.pstatic.net/adimg3.search/adpost/js/event_tracker.js",
		"https://wcs.naver.net/wcslog.js", "https://ssl.pstatic.net/static/maps/mantle/1x/logo.png")
	for host, want := range map[string]answer{
		"ssl.pstatic.net":   {"naver-cdn", "functional", "no"},
		"phinf.pstatic.net": {"naver-cdn", "functional", "no"},
		"static.naver.net":  {"naver-cdn", "functional", "no"},
		"https://ssl.pstatic.net/melona/libs/gfp-nac-module/synchronizer.js": {"naver", "analytics", "yes"},
		"https://ssl.pstatic.net/adimg3.search/adpost/js/event_tracker.js":   {"naver", "analytics", "yes"},
		"https://wcs.naver.net/wcslog.js":                                    {"naver", "analytics", "yes"},
		"https://ssl.pstatic.net/static/maps/mantle/1x/logo.png":             {"naver-maps", "functional", "no"},
	} {
		if got[host] != want {
			t.Errorf("lookup %s: %+v; want %+v", host, got[host], want)
		}
	}
}

// Semasio and SearchForce are one company (Disconnect's one entity for
// semasio.* and searchforce.*): lookup answers Semasio for all four
// domains, Semasio's own site included, and show finds the one card by
// either name.
func TestSemasioAndSearchForceAnswerAsOneVendor(t *testing.T) {
	db := tempDB(t)
	got := lookupJSON(t, db, "uipglob.semasio.net", "www.semasio.com", "sftrack.searchforce.net", "searchforce.com")
	for host, g := range got {
		if g.ID != "semasio" {
			t.Errorf("lookup %s: %+v; want semasio", host, g)
		}
	}
	if len(got) != 4 {
		t.Errorf("lookup answered %d of 4 hosts: %v", len(got), got)
	}
	for _, q := range []string{"searchforce", "SearchForce", "semasio"} {
		if r := vendex(t, db, "", "show", q); r.code != 0 || firstLine(r.stdout) != "Semasio" {
			t.Errorf("show %s (exit %d): %q; want Semasio's card", q, r.code, firstLine(r.stdout))
		}
	}
}

// A cookie declaration says a cookie's party where a source shows it: the
// cookies of software the site runs on its own server (Magento, XenForo,
// vBulletin, WordPress, WooCommerce) and of a Wix site are set on the
// site's own domain, Tracker Radar's GB crawl saw Shopify's Buy Button set
// _y and _s on the sites that embed it, Cloudflare sets its challenge
// cookies from the proxy answering for the site's own hostname, and
// Matomo's FAQ calls its tracking code's cookies first-party. Without it
// the declaration's party column is empty ("not published"). Each name is
// matched as `vendex cookie` matches it, then found in the row `vendex
// declare --vendors` writes for the card's entry.
func TestDeclarationSaysThePartyASourceShows(t *testing.T) {
	db := tempDB(t)
	want := map[string]string{
		"xf_session":                  "xenforo",
		"bbsessionhash":               "vbulletin",
		"mage-cache-sessid":           "magento",
		"wordpress_logged_in_0123abc": "wordpress",
		"woocommerce_recently_viewed": "woocommerce",
		"_wixCIDX":                    "wix",
		"_y":                          "shopify",
		"_s":                          "shopify",
		"cf_chl_rc_ni":                "cloudflare",
		"_pk_hsr.1.abcd":              "matomo",
	}
	var names []string
	vendors := map[string]bool{}
	for n, v := range want {
		names, vendors[v] = append(names, n), true
	}
	r := vendex(t, db, "", append([]string{"cookie", "--json"}, names...)...)
	key := map[string]string{} // the card's name or pattern each cookie matched
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var l map[string]any
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("cookie --json line %q: %v (stderr %s)", line, err, r.stderr)
		}
		in, _ := l["input"].(string)
		if id, _ := l["vendor_id"].(string); id != want[in] {
			t.Errorf("cookie %s: answered by %q; want %s", in, id, want[in])
		}
		key[in], _ = l["key"].(string)
	}
	var ids []string
	for v := range vendors {
		ids = append(ids, v)
	}
	d := vendex(t, db, "", "declare", "--format", "csv", "--vendors", strings.Join(ids, ","))
	rows, err := csv.NewReader(strings.NewReader(d.stdout)).ReadAll()
	if d.code != 0 || err != nil || len(rows) < 2 {
		t.Fatalf("declare (exit %d, %v): %s%s", d.code, err, d.stdout, d.stderr)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	party := map[string]string{}
	for _, row := range rows[1:] {
		party[row[col["name"]]] = row[col["party"]]
	}
	for _, n := range names {
		if p, ok := party[key[n]]; !ok || p != "first party" {
			t.Errorf("declare: %s (as %q) has party %q (listed %v); want first party", n, key[n], p, ok)
		}
	}
}

// TikTok's image hosts are not its player: an avatar or cover from
// p16-sign-va.tiktokcdn.com answers as the media CDN (functional, not
// blocked; Tracker Radar saw no cookie on tiktokcdn.com), while
// tiktokcdn-us.com, which also serves TikTok's scripts and where cookies
// were seen, keeps the TikTok card's verdict.
func TestLookupTellsTikToksImagesFromItsScripts(t *testing.T) {
	got := lookupJSON(t, tempDB(t), "p16-sign-va.tiktokcdn.com", "lf16-tiktok-web.tiktokcdn-us.com")
	for host, want := range map[string]answer{
		"p16-sign-va.tiktokcdn.com":        {"tiktok-media-cdn", "functional", "no"},
		"lf16-tiktok-web.tiktokcdn-us.com": {"tiktok", "functional", "yes"},
	} {
		if got[host] != want {
			t.Errorf("lookup %s: %+v; want %+v", host, got[host], want)
		}
	}
}
