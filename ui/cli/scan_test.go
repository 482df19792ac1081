package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/scan"
	"github.com/vendex/vendex/store/audit"
)

func capturePath(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "testdata", "scan"}, parts...)...)
}

// The captures recorded with Chromium (testdata/scan/real/recorded): a
// shop that loads Hotjar, Google Analytics and the Meta pixel before the
// visitor answers, and one that loads only a banner, reCAPTCHA and Stripe.
func TestScanBeforeConsentNamesHotjarAndTheMetaPixel(t *testing.T) {
	db := tempDB(t)
	har := capturePath("real", "recorded", "before-consent-tracking.har")
	state := capturePath("real", "recorded", "before-consent-tracking.storagestate.json")
	r := vendex(t, db, "", "scan", "--before-consent", har, state)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (findings):\n%s%s", r.code, r.stdout, r.stderr)
	}
	flat := strings.Join(strings.Fields(r.stdout), " ")
	for _, want := range []string{"✗ Hotjar: loaded https://static.hotjar.com/c/hotjar-123.js", "✗ Meta Pixel: loaded https://connect.facebook.net/en_US/fbevents.js", "stored fr, _fbp"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the report lacks %q:\n%s", want, r.stdout)
		}
	}
	clean := vendex(t, db, "", "scan", "--before-consent",
		capturePath("real", "recorded", "before-consent-clean.har"), capturePath("real", "recorded", "before-consent-clean.storagestate.json"))
	if clean.code != 0 || !strings.Contains(clean.stdout, "FINDINGS (0)") {
		t.Errorf("a capture with only a banner, reCAPTCHA and Stripe: exit %d\n%s%s", clean.code, clean.stdout, clean.stderr)
	}
	for _, want := range []string{"OneTrust", "Google reCAPTCHA", "Stripe"} {
		if !strings.Contains(clean.stdout, want) {
			t.Errorf("the clean capture's report lacks %s:\n%s", want, clean.stdout)
		}
	}
	without := vendex(t, db, "", "scan", har)
	if without.code != 0 || strings.Contains(without.stdout, "FINDINGS") {
		t.Errorf("without --before-consent a scan judges nothing: exit %d\n%s", without.code, without.stdout)
	}
}

// A scan answers as lookup and cookie do, host by host and name by name.
func TestScanAttributesAsLookupAndCookieDo(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "scan", "--json", capturePath("real", "har", "ferguson.com-browsertime-chrome97.har"))
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rep audit.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Vendors) < 5 || rep.Site != "www.ferguson.com" {
		t.Fatalf("site %q, %d vendors", rep.Site, len(rep.Vendors))
	}
	owners := map[string][]string{} // host -> the vendors the scan gives its requests to
	for _, v := range rep.Vendors {
		for _, h := range v.Hosts {
			owners[h.Host] = append(owners[h.Host], v.ID)
		}
	}
	unknown := map[string]bool{}
	for _, h := range rep.UnknownHosts {
		unknown[h.Host] = true
	}
	// Every request URL, looked up one by one as a user would.
	f, err := os.Open(capturePath("real", "har", "ferguson.com-browsertime-chrome97.har"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ev, err := scan.Read("ferguson.har", f, scan.FormatHAR)
	if err != nil {
		t.Fatal(err)
	}
	var urls strings.Builder
	for _, q := range ev.Requests {
		if strings.HasPrefix(q.URL, "http") && !strings.Contains(q.URL, "ferguson.com") {
			urls.WriteString(q.URL + "\n")
		}
	}
	out := vendex(t, db, urls.String(), "lookup", "--json", "-").stdout
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var l lookupResult
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		tg, err := data.ParseTarget(l.Input)
		if err != nil {
			continue
		}
		switch {
		case !l.Found && !unknown[tg.Host]:
			t.Errorf("lookup knows no vendor for %s; the scan does not list %s as unknown", l.Input, tg.Host)
		case l.Found && !slices.Contains(owners[tg.Host], l.VendorID):
			t.Errorf("lookup gives %s to %s; the scan gives %s to %v", l.Input, l.VendorID, tg.Host, owners[tg.Host])
		}
		checked++
	}
	if checked < 50 {
		t.Errorf("only %d third-party URLs checked", checked)
	}
	for _, c := range rep.Cookies {
		if c.MatchedBy != "name" {
			continue
		}
		out := vendex(t, db, "", "cookie", "--json", c.Name).stdout
		var ids []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var m struct {
				VendorID string `json:"vendor_id"`
			}
			if err := json.Unmarshal([]byte(line), &m); err != nil {
				t.Fatalf("cookie %s: %v\n%s", c.Name, err, out)
			}
			ids = append(ids, m.VendorID)
		}
		if !slices.Contains(ids, c.VendorID) {
			t.Errorf("scan gives %s to %s; vendex cookie names %v", c.Name, c.VendorID, ids)
		}
	}
}

func TestScanWarnsAboutASanitisedHAR(t *testing.T) {
	r := vendex(t, tempDB(t), "", "scan", capturePath("sanitised.har"))
	if r.code != 0 || !strings.Contains(strings.Join(strings.Fields(r.stdout), " "), "Allow to generate HAR with sensitive data") {
		t.Errorf("exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestScanRefusesWhatItCannotRead(t *testing.T) {
	db := tempDB(t)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"scan"}, 2, "scan needs a capture file"},
		{[]string{"scan", "--json", "--md", capturePath("chrome.har")}, 2, "choose one"},
		{[]string{"scan", "--before-consent", "--after-reject", capturePath("chrome.har")}, 2, "not both"},
		{[]string{"scan", "--format", "pdf", capturePath("chrome.har")}, 2, "har, wec, storage-state"},
		{[]string{"scan", capturePath("truncated.har")}, 1, "truncated.har:"},
		{[]string{"scan", capturePath("empty.har")}, 1, "records nothing"},
		{[]string{"scan", capturePath("nope.har")}, 1, "no such file"},
		{[]string{"scan", capturePath()}, 1, "is a folder"},
	}
	for _, c := range cases {
		r := vendex(t, db, "", c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.want) || strings.Count(strings.TrimSpace(r.stderr), "\n") > 1 {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, r.code, r.stderr, c.code, c.want)
		}
	}
}

func TestScanReadsStdinAndCombinesFiles(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "https://static.hotjar.com/c/hotjar-1.js\nconnect.facebook.net\n", "scan", "--json", "-", capturePath("cookies.txt"))
	var rep audit.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s%s", err, r.stdout, r.stderr)
	}
	var ids []string
	for _, v := range rep.Vendors {
		ids = append(ids, v.ID)
	}
	if !slices.Contains(ids, "hotjar") || !slices.Contains(ids, "facebook") || len(rep.Cookies)+len(rep.UnknownCookies) == 0 {
		t.Errorf("vendors %v, cookies %d+%d", ids, len(rep.Cookies), len(rep.UnknownCookies))
	}
}

// What nobody claims is not judged, and says so; --strict counts it.
func TestScanSaysWhatItCouldNotJudgeAndStrictCountsIt(t *testing.T) {
	db := tempDB(t)
	in := "https://www.shop.example/\nhttps://x.unknown-tracker.example/p.js\n"
	r := vendex(t, db, in, "scan", "--before-consent", "--site", "www.shop.example", "-")
	flat := strings.Join(strings.Fields(r.stdout), " ")
	if r.code != 0 || !strings.Contains(flat, "Not judged: 1 host and 0 cookies") {
		t.Errorf("exit %d:\n%s", r.code, r.stdout)
	}
	r = vendex(t, db, in, "scan", "--before-consent", "--strict", "--site", "www.shop.example", "-")
	if r.code != 1 || !strings.Contains(r.stdout, "✗ x.unknown-tracker.example: loaded https://x.unknown-tracker.example/") {
		t.Errorf("--strict: exit %d:\n%s", r.code, r.stdout)
	}
	// A bad --site says why, and a public suffix is no site (trial8: --site
	// co.uk was taken; the message for a name with a space read "<nil>").
	for site, why := range map[string]string{
		"not a host": `--site "not a host": not a host name or URL`,
		"com":        `--site "com": "com" is a public suffix`,
		"co.uk":      `--site "co.uk": "co.uk" is a public suffix`,
		"github.io":  `--site "github.io": "github.io" is a public suffix`,
	} {
		r = vendex(t, db, in, "scan", "--site", site, "-")
		if r.code != 2 || !strings.Contains(r.stderr, why) || strings.Contains(r.stderr, "<nil>") {
			t.Errorf("--site %q: exit %d %s", site, r.code, r.stderr)
		}
	}
}

// A cookie export beside a HAR that holds none answers the HAR's warning.
func TestACookieExportAnswersTheSanitisedHARWarning(t *testing.T) {
	r := vendex(t, tempDB(t), "", "scan", capturePath("sanitised.har"), capturePath("cookies.txt"))
	if r.code != 0 || strings.Contains(strings.Join(strings.Fields(r.stdout), " "), "sensitive data") {
		t.Errorf("exit %d:\n%s", r.code, r.stdout)
	}
}

// A cookie export with no page, whose domains hold one cookie each, names
// no site by the alphabet: of facebook.com, google.com and vendex-shop.test
// the site is the one no vendor owns (a guess of facebook.com made
// Facebook's fr first-party, passed a consent audit and left PHPSESSID "not
// in the catalogue"); a tie of domains no vendor owns is refused by a
// consent audit and named otherwise.
func TestATiedSiteGuessIsNotJudged(t *testing.T) {
	db := tempDB(t)
	jar := capturePath("real", "cookiejar", "vendex-shop-curl-cookies.txt")
	r := vendex(t, db, "", "scan", "--report", jar)
	flat := strings.Join(strings.Fields(r.stdout), " ")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "vendex-shop.test:") ||
		!strings.Contains(flat, "the site is taken to be vendex-shop.test, which holds as many cookies and storage as facebook.com and google.com but is no catalogue vendor's domain") ||
		!strings.Contains(flat, "PHP sessions (self-hosted) block: no PHPSESSID cookie") || strings.Contains(flat, "NOT IN THE CATALOGUE") {
		t.Errorf("the jar's site: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// A consent audit is a verdict on the site: it does not rest on a
	// guess, but names the likely one (review8: a vendor's own site may
	// tie with a domain no card names).
	r = vendex(t, db, "", "scan", "--report", "--before-consent", jar)
	if r.code != 2 || !strings.Contains(r.stderr, "(facebook.com, google.com, vendex-shop.test; vendex-shop.test is the only one no catalogue vendor owns); pass --site") {
		t.Errorf("a consent audit of the jar: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = vendex(t, db, "", "scan", "--report", "--before-consent", "--site", "vendex-shop.test", jar)
	if flat := strings.Join(strings.Fields(r.stdout), " "); r.code != 1 || !strings.Contains(flat, "FINDINGS (1,") || !strings.Contains(flat, "Facebook social plugins and login: stored fr") {
		t.Errorf("a consent audit of the jar with --site: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	tie := writeFile(t, "jar.txt", "# Netscape HTTP Cookie File\n.shop-a.test\tTRUE\t/\tFALSE\t0\tcart\t1\n.shop-b.test\tTRUE\t/\tFALSE\t0\tcart\t1\n")
	r = vendex(t, db, "", "scan", "--report", "--before-consent", tie)
	if r.code != 2 || !strings.Contains(r.stderr, "shop-a.test, shop-b.test") || !strings.Contains(r.stderr, "pass --site") || r.stdout != "" {
		t.Errorf("a tied guess in a consent audit: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Without a consent claim nothing is judged: the tie is a warning.
	r = vendex(t, db, "", "scan", "--report", tie)
	if flat := strings.Join(strings.Fields(r.stdout), " "); r.code != 0 || !strings.Contains(flat, "shop-a.test and shop-b.test hold as many cookies") {
		t.Errorf("without --before-consent: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// Captures of two sites in one scan are named, and the report's capture
// time is its own site's, whichever file comes first.
func TestCapturesOfTwoSitesAreNamed(t *testing.T) {
	db := tempDB(t)
	ferguson := capturePath("real", "har", "ferguson.com-browsertime-chrome97.har")
	nyt := capturePath("real", "har", "nytimes.com-webpagetest-chrome44.har")
	alone := vendex(t, db, "", "scan", "--json", ferguson)
	var one, both audit.Report
	if err := json.Unmarshal([]byte(alone.stdout), &one); err != nil || len(one.Warnings) != 0 {
		t.Fatalf("ferguson alone: %v %v", err, one.Warnings)
	}
	r := vendex(t, db, "", "scan", "--json", ferguson, nyt)
	if err := json.Unmarshal([]byte(r.stdout), &both); err != nil {
		t.Fatalf("%v\n%s", err, r.stderr)
	}
	if both.Site != "www.ferguson.com" || !both.Captured.Equal(one.Captured) {
		t.Errorf("site %s captured %v, want www.ferguson.com captured %v", both.Site, both.Captured, one.Captured)
	}
	if len(both.Warnings) != 1 || !strings.Contains(both.Warnings[0], "2 sites (www.ferguson.com, www.nytimes.com)") {
		t.Errorf("warnings %q", both.Warnings)
	}
}

// A declaration or banner is published under the site's name: from a
// tied site guess it would be "for shop-a.test", and from two sites'
// captures it would list one site's cookies under the other's name. Both
// refuse, as a consent audit does, with the same words.
func TestDeclarationsAndBannersRefuseAGuessedOrMixedSite(t *testing.T) {
	db := tempDB(t)
	jar := capturePath("real", "cookiejar", "vendex-shop-curl-cookies.txt")
	ferguson := capturePath("real", "har", "ferguson.com-browsertime-chrome97.har")
	nyt := capturePath("real", "har", "nytimes.com-webpagetest-chrome44.har")
	greggs := capturePath("real", "storagestate", "greggs.com-playwright-storagestate.json")
	fressnapf := capturePath("real", "storagestate", "dr.fressnapf.de-playwright-storagestate.json")
	trackingHAR := capturePath("real", "recorded", "before-consent-tracking.har")
	trackingState := capturePath("real", "recorded", "before-consent-tracking.storagestate.json")
	tie := writeFile(t, "jar.txt", "# Netscape HTTP Cookie File\n.shop-a.test\tTRUE\t/\tFALSE\t0\tcart\t1\n.shop-b.test\tTRUE\t/\tFALSE\t0\tcart\t1\n")
	for _, cmd := range [][]string{{"declare"}, {"banner", "--format", "klaro"}} {
		r := vendex(t, db, "", append(cmd, tie)...)
		if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, cmd[0]+": no capture names its page") || !strings.Contains(r.stderr, "(shop-a.test, shop-b.test); pass --site") {
			t.Errorf("%s of a tied guess: exit %d\n%s%s", cmd[0], r.code, r.stdout, r.stderr)
		}
		// Tied with vendors' domains only, the one no vendor owns is named,
		// not published under unasked.
		r = vendex(t, db, "", append(cmd, jar)...)
		if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "vendex-shop.test is the only one no catalogue vendor owns") {
			t.Errorf("%s of the jar: exit %d\n%s%s", cmd[0], r.code, r.stdout, r.stderr)
		}
		r = vendex(t, db, "", append(cmd, "--site", "www.vendex-shop.test", jar)...)
		if r.code != 0 || !strings.Contains(r.stdout, "www.vendex-shop.test") {
			t.Errorf("%s with --site: exit %d\n%s", cmd[0], r.code, r.stderr)
		}
		r = vendex(t, db, "", append(cmd, ferguson, nyt)...)
		if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "of several sites (www.ferguson.com, www.nytimes.com)") {
			t.Errorf("%s of two sites: exit %d\n%s%s", cmd[0], r.code, r.stdout, r.stderr)
		}
		// A storageState names no page: it is another site's when none of
		// its cookies or storage is on the site already named (or guessed).
		for _, c := range []struct {
			files []string
			sites string
		}{
			{[]string{ferguson, greggs}, "(www.ferguson.com, greggs.com; a capture that names no page"},
			{[]string{fressnapf, greggs}, "(fressnapf.de, greggs.com; a capture that names no page"},
		} {
			r = vendex(t, db, "", append(cmd, c.files...)...)
			if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "of several sites "+c.sites) {
				t.Errorf("%s of %q: exit %d\n%s%s", cmd[0], c.files, r.code, r.stdout, r.stderr)
			}
		}
		// The same site's HAR and storageState make one declaration.
		r = vendex(t, db, "", append(cmd, trackingHAR, trackingState)...)
		if r.code != 0 || r.stdout == "" {
			t.Errorf("%s of one site's HAR and storageState: exit %d\n%s", cmd[0], r.code, r.stderr)
		}
	}
}

// Chrome's capture of mitmproxy.org went on to www.google.com (page_2),
// where Google's own cookies were sent: they are not mitmproxy.org's, and
// the audit judges the site as its Firefox and Safari captures do (no
// findings), saying what was left out.
func TestAnotherSitesPageInAHARIsLeftOut(t *testing.T) {
	db := tempDB(t)
	for _, f := range []string{"mitmproxy.org-chrome-devtools.har", "mitmproxy.org-firefox111-devtools.har", "mitmproxy.org-safari-webinspector.har"} {
		r := vendex(t, db, "", "scan", "--report", "--before-consent", capturePath("real", "har", f))
		flat := strings.Join(strings.Fields(r.stdout), " ")
		if r.code != 0 || !strings.Contains(flat, "FINDINGS (0)") || strings.Contains(flat, " NID") || strings.Contains(flat, " SID") {
			t.Errorf("%s: exit %d\n%s%s", f, r.code, r.stdout, r.stderr)
		}
		if went := strings.Contains(flat, `went on from mitmproxy.org to another site: page "page_2" (www.google.com) was left out (1 of its requests, 21 of its cookies)`); went != strings.Contains(f, "chrome") {
			t.Errorf("%s: the page left out said %v:\n%s", f, went, flat)
		}
	}
}

// LinkedIn's Insight Tag on ferguson.com stored marketing, analytics and
// functional cookies: its finding gives the card's reason once, naming
// the three kinds, not three times.
func TestAFindingGivesEachReasonOnce(t *testing.T) {
	r := vendex(t, tempDB(t), "", "scan", "--report", "--before-consent", capturePath("real", "har", "ferguson.com-browsertime-chrome97.har"))
	flat := strings.Join(strings.Fields(r.stdout), " ")
	_, li, _ := strings.Cut(flat, "✗ LinkedIn Insight Tag:")
	li, _, _ = strings.Cut(li, "✗")
	if r.code != 1 || strings.Count(li, "The tag exists to identify visitors") != 1 ||
		!strings.Contains(li, "Marketing cookie, Analytics cookie and Functional cookie, not strictly necessary: The tag exists") {
		t.Errorf("exit %d: %s", r.code, li)
	}
}

// A vendor's own site: LinkedIn's cookies on linkedin.com are LinkedIn's,
// not "not in the catalogue", and the New York Times on nytimes.com is
// the site itself, not a third party; a finding on its own cookie gives
// the cookie's category as the reason, not the card's words about being
// embedded on other sites. A vendor's category is its card's, whatever
// the category of the cookie that brought it in (X's embeds).
func TestAVendorsOwnSiteIsTheSite(t *testing.T) {
	db := tempDB(t)
	scanJSON := func(file string) audit.Report {
		t.Helper()
		r := vendex(t, db, "", "scan", "--json", "--before-consent", capturePath("real", "har", file))
		var rep audit.Report
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatalf("%s: exit %d %v\n%s", file, r.code, err, r.stderr)
		}
		return rep
	}
	vendor := func(rep audit.Report, id string) *audit.Vendor {
		for i := range rep.Vendors {
			if rep.Vendors[i].ID == id {
				return &rep.Vendors[i]
			}
		}
		return nil
	}
	li := scanJSON("linkedin.com-firefox43-devtools.har")
	if v := vendor(li, "linkedin"); v == nil || !v.Site || !slices.Contains(v.Cookies, "bcookie") || !slices.Contains(v.Cookies, "lidc") {
		t.Errorf("linkedin.com: LinkedIn %+v", v)
	}
	for _, c := range li.UnknownCookies {
		if c.Name == "bcookie" || c.Name == "lidc" {
			t.Errorf("linkedin.com: %s listed as not in the catalogue", c.Name)
		}
	}
	nyt := scanJSON("nytimes.com-webpagetest-chrome44.har")
	if v := vendor(nyt, "new-york-times"); v == nil || !v.Site || v.Category != "functional" {
		t.Errorf("nytimes.com: the New York Times %+v", v)
	}
	if v := vendor(nyt, "x-embeds"); v == nil || v.Site || v.Category != "functional" {
		t.Errorf("nytimes.com: X embeds %+v", v)
	}
	for _, f := range nyt.Findings {
		if f.VendorID == "new-york-times" && (strings.Contains(f.Why, "another site") || !strings.Contains(f.Why, "Analytics cookie")) {
			t.Errorf("nytimes.com: finding %q", f.Why)
		}
	}
	r := vendex(t, db, "", "scan", "--report", capturePath("real", "har", "linkedin.com-firefox43-devtools.har"))
	// The site is not counted among the vendors it loads, and its cookie
	// of one name on two domains says which line is which.
	if !regexp.MustCompile(`(?m)^  LinkedIn +the site itself$`).MatchString(r.stdout) ||
		!regexp.MustCompile(`^www\.linkedin\.com: \d+ vendors and the site itself,`).MatchString(r.stdout) ||
		!strings.Contains(r.stdout, "bcookie  cookie on www.linkedin.com,") || !strings.Contains(r.stdout, "bcookie  cookie on linkedin.com,") {
		t.Errorf("linkedin.com report:\n%s", r.stdout)
	}
}

// A cookie export of the whole browser beside a HAR holds other sites'
// cookies: those on domains no capture made a request to are left out of
// the declaration, with a warning naming the domains; a cookie export
// alone (no requests to tell by) keeps them all.
func TestCookiesOnDomainsNoCaptureContactedAreLeftOut(t *testing.T) {
	db := tempDB(t)
	jar, err := os.ReadFile(capturePath("real", "cookiejar", "vendex-shop-curl-cookies.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 3; i++ {
		jar = fmt.Appendf(jar, ".elsewhere.example\tTRUE\t/\tFALSE\t1999999999\tstray%d\tv\n", i)
	}
	path := filepath.Join(t.TempDir(), "cookies.txt")
	if err := os.WriteFile(path, jar, 0o600); err != nil {
		t.Fatal(err)
	}
	har := capturePath("real", "recorded", "before-consent-tracking.har")
	r := vendex(t, db, "", "declare", "--format", "csv", har, path)
	if r.code != 0 || strings.Contains(r.stdout, "stray") || !strings.Contains(r.stderr, "on domains no capture made a request to (elsewhere.example") {
		t.Errorf("declare: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = vendex(t, db, "", "scan", "--json", "--site", "www.vendex-shop.test", path)
	if !strings.Contains(r.stdout, `"stray1"`) || strings.Contains(r.stdout, "no capture made a request") {
		t.Errorf("scan of the cookie export alone: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// A site on a platform's name (alice.wordpress.com) ends where lookup's
// hosting rule ends it: the platform's own service host beside it
// (public-api.wordpress.com, which lookup gives WordPress.com) is the
// platform's, not among the site's own hosts.
func TestAHostedSitesOwnHostsLeaveThePlatformsServices(t *testing.T) {
	r := vendex(t, tempDB(t), "", "scan", "--report", capturePath("wordpress-hosted.har"))
	_, own, _ := strings.Cut(r.stdout, "THE SITE'S OWN HOSTS")
	if strings.Contains(own, "public-api.wordpress.com") || !strings.Contains(own, "alice.wordpress.com (1)") {
		t.Errorf("the site's own hosts:\n%s", own)
	}
	if !regexp.MustCompile(`WordPress\.com.*public-api\.wordpress\.com`).MatchString(r.stdout) {
		t.Errorf("public-api.wordpress.com is not WordPress.com's in the report:\n%s", r.stdout)
	}
}

// Two blogs on one platform's names are two sites, as a lookup says they
// are two customers: scanning both together warns, as it does for any two
// sites, instead of reading bob's captures as alice's.
func TestTwoSitesOnAPlatformsNamesAreTwoSites(t *testing.T) {
	alice := capturePath("wordpress-hosted.har")
	raw, err := os.ReadFile(alice)
	if err != nil {
		t.Fatal(err)
	}
	bob := filepath.Join(t.TempDir(), "bob.har")
	if err := os.WriteFile(bob, bytes.ReplaceAll(raw, []byte("alice.wordpress.com"), []byte("bob.wordpress.com")), 0o644); err != nil {
		t.Fatal(err)
	}
	r := vendex(t, tempDB(t), "", "scan", "--json", alice, bob)
	var rep audit.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, r.stderr)
	}
	if !slices.ContainsFunc(rep.Warnings, func(w string) bool {
		return strings.Contains(w, "2 sites (alice.wordpress.com, bob.wordpress.com)")
	}) {
		t.Errorf("no warning names the two sites: %q", rep.Warnings)
	}
}

// The Website Evidence Collector writes its captures into a folder, and
// its users name the folder: it is read as the inspection and the HAR in
// it (trial6: "is a folder; name the capture files"). Any other folder is
// still refused, saying what to name.
func TestAWebsiteEvidenceCollectorFolderIsItsCaptures(t *testing.T) {
	db := tempDB(t)
	dir := capturePath("real", "recorded", "wec-tracking")
	folder := vendex(t, db, "", "scan", "--json", dir)
	files := vendex(t, db, "", "scan", "--json", filepath.Join(dir, "inspection.json"), filepath.Join(dir, "requests.har"))
	if folder.code != files.code || folder.stdout != files.stdout || folder.stdout == "" {
		t.Errorf("the folder (exit %d, %q) should scan as its two files (exit %d)", folder.code, folder.stderr, files.code)
	}
	other := vendex(t, db, "", "scan", capturePath("real", "har"))
	if other.code == 0 || !strings.Contains(other.stderr, "is a folder; name the capture files in it") {
		t.Errorf("a folder of HARs: exit %d, %q", other.code, other.stderr)
	}
}

// One visit is counted once: a Website Evidence Collector folder's
// inspection (its beacons) and HAR record the same requests, and one HAR
// named twice (or a copy of it) holds the same requests again (trial7:
// 18 requests for the folder's 11, every host twice).
func TestTheSameRequestRecordedTwiceIsCountedOnce(t *testing.T) {
	db := tempDB(t)
	requests := func(args ...string) int {
		t.Helper()
		r := vendex(t, db, "", append([]string{"scan", "--json"}, args...)...)
		var rep audit.Report
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, r.stderr)
		}
		return rep.Requests
	}
	dir := capturePath("real", "recorded", "wec-tracking")
	har := filepath.Join(dir, "requests.har")
	want := requests(har)
	raw, err := os.ReadFile(har)
	if err != nil {
		t.Fatal(err)
	}
	copied := filepath.Join(t.TempDir(), "copy.har")
	if err := os.WriteFile(copied, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{dir}, {har, har}, {har, copied}} {
		if got := requests(args...); got != want {
			t.Errorf("%v: %d requests, want the HAR's %d", args, got, want)
		}
	}
}
