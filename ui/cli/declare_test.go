package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vendex/vendex/data/declare"
)

// From one HAR and its storage state, declare writes the four formats,
// each with the same cookies.
func TestDeclareWritesEveryFormatFromOneCapture(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	har := capturePath("real", "recorded", "before-consent-tracking.har")
	state := capturePath("real", "recorded", "before-consent-tracking.storagestate.json")
	for _, ext := range []string{"md", "html", "csv", "json"} {
		out := filepath.Join(dir, "cookies."+ext)
		r := vendex(t, db, "", "declare", "-o", out, har, state)
		if r.code != 0 || !strings.Contains(r.stderr, "wrote "+out) {
			t.Fatalf("%s: exit %d %s", ext, r.code, r.stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"_hjSession_*", "_ga", "_fbp", "PHPSESSID"} {
			if !strings.Contains(string(b), want) {
				t.Errorf("%s lacks %s", ext, want)
			}
		}
	}
	var d declare.Declaration
	b, _ := os.ReadFile(filepath.Join(dir, "cookies.json"))
	if err := json.Unmarshal(b, &d); err != nil || d.Site != "www.vendex-shop.test" || len(d.Groups) != 3 {
		t.Fatalf("%v %+v", err, d)
	}
	// The site's own PHP session comes first, as strictly necessary; then
	// the groups that need consent.
	if g := d.Groups[0]; g.Category != "strictly-necessary" || len(g.Rows) != 1 || g.Rows[0].Name != "PHPSESSID" || g.Rows[0].Provider.ID != "php-sessions" {
		t.Errorf("first group: %+v", g)
	}
	if d.Groups[1].Category != "analytics" || d.Groups[2].Category != "marketing" {
		t.Errorf("groups: %s, %s", d.Groups[1].Category, d.Groups[2].Category)
	}
	if r := vendex(t, db, "", "declare", "-o", filepath.Join(dir, "cookies.md"), har); r.code != 1 || !strings.Contains(r.stderr, "exists") {
		t.Errorf("an existing file was not kept: exit %d %s", r.code, r.stderr)
	}
}

func TestDeclareAListOfVendors(t *testing.T) {
	r := vendex(t, tempDB(t), "", "declare", "--vendors", "hotjar, Google Analytics,adyoulike", "--site", "shop.example")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"# Cookie declaration: shop.example", "## Analytics", "`_hjSession_*`", "Adyoulike (Adyoulike SA), privacy policy: <https://www.adyoulike.com/privacy_policy.php>: sets cookies; its card names none it sets on the site: check the vendor's own cookie disclosure."} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestDeclareRefusesWhatItCannotDo(t *testing.T) {
	db := tempDB(t)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"declare"}, 2, "needs capture files"},
		{[]string{"declare", "--format", "pdf", capturePath("chrome.har")}, 2, "use md, html, csv, json"},
		{[]string{"declare", "--lang", "fr", capturePath("chrome.har")}, 2, "en only"},
		{[]string{"declare", "--vendors", "hotjar", capturePath("chrome.har")}, 2, "not both"},
		{[]string{"declare", "--vendors", "nosuchvendr"}, 1, "no vendor \"nosuchvendr\""},
	}
	for _, c := range cases {
		r := vendex(t, db, "", c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, r.code, r.stderr, c.code, c.want)
		}
	}
}

// Evidence with no vendors declares that nothing third-party was found.
func TestDeclareOfNothingSaysSo(t *testing.T) {
	r := vendex(t, tempDB(t), "https://www.shop.example/\n", "declare", "-")
	if r.code != 0 || !strings.Contains(r.stdout, "Nothing to declare was found") {
		t.Errorf("exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// A file whose format cannot be told names the flag that says it: --format
// for scan, --from for declare and banner (whose --format is what they
// write).
func TestAnUnknownCaptureNamesTheFlagThatForcesItsFormat(t *testing.T) {
	db := tempDB(t)
	png := filepath.Join(t.TempDir(), "x.png")
	if err := os.WriteFile(png, []byte("\x89PNG\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for cmd, flag := range map[string]string{"scan": "--format F", "declare": "--from F", "banner": "--from F"} {
		args := []string{cmd, png}
		if cmd == "banner" {
			args = []string{cmd, "--format", "gcm", png}
		}
		r := vendex(t, db, "", args...)
		if r.code != 1 || !strings.Contains(r.stderr, "say which with "+flag) {
			t.Errorf("%s: exit %d %s", cmd, r.code, r.stderr)
		}
	}
	if r := vendex(t, db, "", "declare", "--lang", "EN", "--vendors", "stripe"); r.code != 0 {
		t.Errorf("--lang EN: exit %d %s", r.code, r.stderr)
	}
	r := vendex(t, db, "", "declare", "--vendors", "googel-analytcs,hotjr")
	if r.code != 1 || !strings.Contains(r.stderr, "googel-analytcs") || !strings.Contains(r.stderr, "hotjr") {
		t.Errorf("two typos: exit %d %s", r.code, r.stderr)
	}
}

// A declaration lists what the capture saw the site store: mitmproxy.org's
// Firefox capture holds no cookie, and declared ten AWS cookies (one an
// "interest profile used to choose ads"); ferguson's banner listed Crazy
// Egg's login cookie from Crazy Egg's own site, and Google's GN_PREF and
// CGIC, none of them in the capture.
func TestADeclarationListsOnlyWhatTheCaptureSaw(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "declare", capturePath("real", "har", "mitmproxy.org-firefox111-devtools.har"))
	if r.code != 0 || strings.Contains(r.stdout, "AWS") || strings.Contains(r.stdout, "aws-") ||
		!strings.Contains(r.stdout, "Amazon Web Services, Inc.), privacy policy: <https://aws.amazon.com/privacy/>: seen in the capture, but none of the cookies its card names was") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = vendex(t, db, "", "banner", "--format", "cookieconsent", capturePath("real", "har", "ferguson.com-browsertime-chrome97.har"))
	for _, name := range []string{"ce_login", "GN_PREF", "CGIC"} {
		if r.code != 0 || strings.Contains(r.stdout, name) {
			t.Errorf("exit %d: the banner lists %s\n%s", r.code, name, r.stderr)
		}
	}
	r = vendex(t, db, "", "declare", "--vendors", "crazy-egg")
	if r.code != 0 || strings.Contains(r.stdout, "own site") || strings.Contains(r.stdout, "ce_login") || !strings.Contains(r.stdout, "Crazy Egg") {
		t.Errorf("crazy egg from its card: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// A vendor whose card names nothing it stores is declared with a line
// that says so, never left out: Vidyard named with --vendors beside
// Hotjar, and a user's vendor seen in a list of URLs, which also warns on
// stderr as an unclaimed host does.
func TestAVendorWithNoNamedStorageIsSaidNotLeftOut(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "declare", "--vendors", "vidyard,hotjar", "--site", "shop.example")
	if r.code != 0 || !strings.Contains(r.stdout, "Vidyard: its card names no cookie or storage key it sets on the site yet") || !strings.Contains(r.stdout, "`_hjSession_*`") {
		t.Errorf("vidyard and hotjar: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = vendex(t, db, "", "declare", "--vendors", "vidyard")
	if r.code != 0 || strings.Contains(r.stdout, "Nothing to declare") || !strings.Contains(r.stdout, "Vidyard") {
		t.Errorf("vidyard alone: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	user := filepath.Join(t.TempDir(), "acme.json")
	if err := os.WriteFile(user, []byte(`[{"id": "acme-stats", "name": "Acme Stats", "category": "analytics", "domains": [{"host": "stats.acme.example"}]}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := vendex(t, db, "", "import", "--user", user); r.code != 0 {
		t.Fatalf("import: exit %d %s", r.code, r.stderr)
	}
	urls := "https://www.mysite.example/\nhttps://stats.acme.example/a.js\nhttps://ads.unknown-host.example/x.js\n"
	r = vendex(t, db, urls, "declare", "--site", "www.mysite.example", "-")
	for _, want := range []string{"## Analytics", "Acme Stats: seen in the capture; its card names no cookie or storage key"} {
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("lacks %q: exit %d\n%s", want, r.code, r.stdout)
		}
	}
	for _, want := range []string{"1 vendor whose card names no cookie or storage key loaded (Acme Stats)", "1 host that no vendor in the catalogue claims loaded (ads.unknown-host.example)"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}

// Software the site runs itself has the site operator as its provider:
// an imported dataset's link for it (the Open Cookie Database gives
// Django's i18n docs and Microsoft's privacy page for ASP.NET) never
// becomes its privacy policy or website in a declaration or card.
func TestAnImportGivesNoLinkToSelfHostedSoftware(t *testing.T) {
	db := tempDB(t)
	importOCD(t, db, "1,Django,Functional,django_language,,Language,Session,Django,https://docs.djangoproject.com/en/stable/topics/i18n/,0\n"+
		"2,ASP.NET,Functional,ASP.NET_SessionId,,Session,Session,Microsoft,https://account.microsoft.com/privacy,0\n")
	r := vendex(t, db, "", "declare", "--vendors", "django,asp.net")
	if r.code != 0 || !strings.Contains(r.stdout, "Django (self-hosted) (The site operator) |") || strings.Contains(r.stdout, "i18n") || strings.Contains(r.stdout, "account.microsoft.com") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The link may stand among the card's sources, where it is one.
	for _, l := range strings.Split(vendex(t, db, "", "show", "django").stdout, "\n") {
		if (strings.HasPrefix(l, "Privacy policy:") || strings.HasPrefix(l, "Website:")) && strings.Contains(l, "i18n/") {
			t.Errorf("show django takes the import's link: %q", l)
		}
	}
}

// XSRF-TOKEN is a name several frameworks share (Laravel sets it, Spring
// Security by default, Angular's client reads it): a Django site with an
// Angular front end is not declared as running Laravel.
func TestASharedFrameworkCookieNamesNoOneFramework(t *testing.T) {
	jar := filepath.Join(t.TempDir(), "cookies.txt")
	rows := "# Netscape HTTP Cookie File\nwww.a.example\tFALSE\t/\tTRUE\t0\tcsrftoken\tv\nwww.a.example\tFALSE\t/\tTRUE\t0\tXSRF-TOKEN\tv\n"
	if err := os.WriteFile(jar, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	db := tempDB(t)
	r := vendex(t, db, "", "declare", "--site", "www.a.example", jar)
	if r.code != 0 || strings.Contains(r.stdout, "Laravel (self-hosted)") || !strings.Contains(r.stdout, "| `XSRF-TOKEN` | Web framework (self-hosted) (The site operator) |") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = vendex(t, db, "", "cookie", "XSRF-TOKEN")
	if r.code != 0 || strings.Contains(r.stdout, "Laravel (self-hosted)") || !strings.Contains(r.stdout, "Spring Security") {
		t.Errorf("cookie XSRF-TOKEN: exit %d\n%s", r.code, r.stdout)
	}
}

// A declaration's file is named for what is in it: an extension declare
// does not write, or one --format belies, is refused before anything is
// written, as export refuses one.
func TestDeclareRefusesAFileNamedForAnotherFormat(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		name string
		want string
	}{
		{nil, "d.pdf", `".pdf" is not a format declare writes; name the file .md, .html, .csv or .json`},
		{nil, "d.xlsx", `".xlsx" is not a format declare writes; name the file .md, .html, .csv or .json`},
		{nil, "d.txt", `".txt" is not a format declare writes`},
		{[]string{"--format", "html"}, "d.md", `--format html writes a .html file, not .md; name it "` + filepath.Join(dir, "d.html") + `"`},
		{[]string{"--format", "json"}, "d.csv", `--format json writes a .json file, not .csv`},
		// A name with no extension does not say what it holds either.
		{[]string{"--format", "csv"}, "d", `has none; name it "` + filepath.Join(dir, "d.csv") + `"`},
	} {
		out := filepath.Join(dir, c.name)
		args := append([]string{"declare", "--vendors", "hotjar", "-o", out}, c.args...)
		r := vendex(t, db, "", args...)
		if _, err := os.Stat(out); r.code != 2 || !strings.Contains(r.stderr, c.want) || err == nil {
			t.Errorf("%v: exit %d %s", args, r.code, r.stderr)
		}
	}
	// The format follows the extension, .htm and --format markdown too.
	for _, c := range []struct {
		args []string
		name string
		want string
	}{
		{nil, "d.htm", "<!DOCTYPE html>"},
		{[]string{"--format", "markdown"}, "d.md", "# Cookie declaration"},
	} {
		out := filepath.Join(dir, c.name)
		r := vendex(t, db, "", append([]string{"declare", "--vendors", "hotjar", "-o", out}, c.args...)...)
		if b, _ := os.ReadFile(out); r.code != 0 || !strings.Contains(string(b), c.want) {
			t.Errorf("-o %s %v: exit %d %s\n%.200s", c.name, c.args, r.code, r.stderr, b)
		}
	}
}

// A tracker's cookie set under the site's own name is the tracker's when a
// card gives the name with a source: nytimes.com's ACOOKIE, set by
// Webtrends' collector on wt.o.nytimes.com, is Webtrends' (and a finding
// before consent); UET's _uetsid_exp beside _uetsid is Microsoft's. A key no
// card names is not called "most likely the site's own": vendex does not
// know that.
func TestATrackersNameUnderTheSitesOwnDomainIsTheTrackers(t *testing.T) {
	db := tempDB(t)
	nyt := capturePath("real", "har", "nytimes.com-webpagetest-chrome44.har")
	r := vendex(t, db, "", "declare", nyt)
	if !strings.Contains(r.stdout, "| `ACOOKIE` | Webtrends Analytics (Webtrends) | Webtrends' visitor identifier, set by a Webtrends data collector answering under the site's own domain") {
		t.Errorf("ACOOKIE on wt.o.nytimes.com is not Webtrends':\n%s", r.stdout)
	}
	if strings.Contains(r.stdout, "most likely the site's own") {
		t.Errorf("the declaration claims what vendex does not know:\n%s", r.stdout)
	}
	r = vendex(t, db, "", "scan", "--before-consent", nyt)
	if !strings.Contains(flat(r.stdout), "✗ Webtrends Analytics: stored ACOOKIE") {
		t.Errorf("Webtrends' ACOOKIE is no finding before consent:\n%s", r.stdout)
	}
	r = vendex(t, db, "", "declare", capturePath("real", "storagestate", "dr.fressnapf.de-playwright-storagestate.json"))
	for _, want := range []string{
		"| `_uetsid_exp` | Microsoft Advertising (UET) (Microsoft Corporation)",
		"| `_uetvid_exp` | Microsoft Advertising (UET) (Microsoft Corporation)",
		"| `tgt:tlm:0` | https://dr.fressnapf.de | Not known. |",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("fressnapf's declaration lacks %q:\n%s", want, r.stdout)
		}
	}
	// What to do about it is said to the site owner, on stderr.
	if !strings.Contains(r.stderr, "tgt:tlm:0") || !strings.Contains(r.stderr, "Set on the site's own domain under a name no card in the catalogue gives: the site's own code may set it, or a vendor's script") {
		t.Errorf("stderr lacks the advice on tgt:tlm:0:\n%s", r.stderr)
	}
}

// What to do about an unclassified cookie is the site owner's to read, on
// stderr, not the visitor's (verify10: the HTML page said "Find which, then
// say in your own words..." under each unknown cookie); CSV keeps it in
// its column, for the owner's tools.
func TestAnUnknownCookiesAdviceIsTheOwnersNotThePages(t *testing.T) {
	db := tempDB(t)
	har := capturePath("real", "har", "ferguson.com-browsertime-chrome97.har")
	for _, f := range []string{"html", "md"} {
		r := vendex(t, db, "", "declare", "--format", f, har)
		if r.code != 0 || !strings.Contains(r.stdout, "BKUT") || strings.Contains(r.stdout, "Find which") || strings.Contains(r.stdout, "in your own words") {
			t.Errorf("--format %s: exit %d; the page holds the owner's advice or lacks BKUT", f, r.code)
		}
		if want := "vendex: warning: 6 items are declared as not known (BKUT, ELOQUA, "; !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, declare.OwnAdvice) {
			t.Errorf("--format %s: stderr lacks %q and the advice:\n%s", f, want, r.stderr)
		}
	}
	if r := vendex(t, db, "", "declare", "--format", "csv", har); !strings.Contains(r.stdout, declare.OwnAdvice) {
		t.Errorf("the CSV lost its advice column's text")
	}
}
