package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFile writes a file of the test's own and returns its path.
func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// flat is s with its runs of white space made one space: a wrapped report
// read as one line.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// The new user's trial: a marketing vendor of their own, with no verdict,
// loading before consent must not pass the consent audit. Importing data
// may not weaken the gate.
func TestAnImportedMarketingVendorWithNoVerdictIsJudgedByItsCategory(t *testing.T) {
	db := tempDB(t)
	acme := writeFile(t, "acmeads.json", `[{"id":"acme-ads","name":"Acme Ads","category":"marketing","domains":[{"host":"ads.acme.example"}],"storage":[{"kind":"cookie","name":"acme_uid","party":"third","lifetime":"1y","purpose":"ad id"}]}]`)
	if r := vendex(t, db, "", "import", acme); r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	urls := writeFile(t, "u.txt", "https://www.mysite.example/\nhttps://ads.acme.example/a.js\n")
	for _, strict := range []bool{false, true} {
		args := []string{"scan", "--before-consent", "--site", "www.mysite.example", urls}
		if strict {
			args = append([]string{"scan", "--strict"}, args[1:]...)
		}
		r := vendex(t, db, "", args...)
		if r.code != 1 || !strings.Contains(flat(r.stdout), "✗ Acme Ads: loaded https://ads.acme.example/a.js No verdict of its own is recorded, so its consent category decides. Marketing:") {
			t.Errorf("%v: exit %d, want 1 and a finding for Acme Ads:\n%s", args, r.code, r.stdout)
		}
	}
	if r := vendex(t, db, "", "lookup", "ads.acme.example"); !strings.Contains(r.stdout, "Marketing  yes") {
		t.Errorf("lookup should give the verdict its category implies:\n%s", r.stdout)
	}
	r := vendex(t, db, "", "show", "acme-ads")
	if !strings.Contains(r.stdout, "Block before consent: Yes") || !strings.Contains(r.stdout, "its consent category decides") {
		t.Errorf("show should say the verdict and where it comes from:\n%s", r.stdout)
	}
}

// A vendor that neither its card nor its category judges (a functional
// one of the user's, with no verdict) is counted as not judged, and is a
// finding with --strict.
func TestAVendorWithNoVerdictIsNotJudgedAndFailsStrict(t *testing.T) {
	db := tempDB(t)
	widgets := writeFile(t, "acme.json", `[{"id":"acme-widgets","name":"Acme Widgets","category":"functional","domains":[{"host":"widgets.acme.example"}]}]`)
	if r := vendex(t, db, "", "import", widgets); r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	urls := writeFile(t, "u.txt", "https://www.mysite.example/\nhttps://widgets.acme.example/w.js\n")
	r := vendex(t, db, "", "scan", "--before-consent", "--site", "www.mysite.example", urls)
	if r.code != 0 || !strings.Contains(flat(r.stdout), "and 1 vendor with no verdict (block: unknown)") {
		t.Errorf("exit %d, want 0 and the vendor counted as not judged:\n%s", r.code, r.stdout)
	}
	r = vendex(t, db, "", "scan", "--before-consent", "--strict", "--json", "--site", "www.mysite.example", urls)
	var rep struct {
		Findings []struct {
			Kind, Vendor, URL string
		} `json:"findings"`
		NotJudged struct{ Vendors int } `json:"not_judged"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if r.code != 1 || rep.NotJudged.Vendors != 1 || len(rep.Findings) != 1 || rep.Findings[0].Kind != "unjudged-vendor" || rep.Findings[0].URL != "https://widgets.acme.example/w.js" {
		t.Errorf("--strict: exit %d, %+v", r.code, rep)
	}
}

// A card exported, its category changed and imported back: the verdict
// it keeps argues for the old category, and the import says so; imported
// without a verdict, the new category decides rather than the old card.
func TestACategoryChangedInAUsersFileIsNotJudgedByTheOldVerdict(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "export", "twilio", "--format", "json")
	var card map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &card); err != nil {
		t.Fatal(err)
	}
	card["category"] = "marketing"
	b, _ := json.Marshal([]any{card})
	r = vendex(t, db, "", "import", writeFile(t, "tw.json", string(b)))
	if !strings.Contains(r.stderr, "tw.json: [0].block_before_consent: the category is marketing, which needs consent, yet the verdict is no") {
		t.Errorf("the import should warn of the verdict its category contradicts:\n%s", r.stderr)
	}
	delete(card, "block_before_consent")
	delete(card, "consent_required")
	b, _ = json.Marshal([]any{card})
	db2 := tempDB(t)
	r = vendex(t, db2, "", "import", writeFile(t, "tw.json", string(b)))
	if strings.Contains(r.stderr, "verdict") {
		t.Errorf("no verdict, nothing to warn of:\n%s", r.stderr)
	}
	if r := vendex(t, db2, "", "lookup", "media.twiliocdn.com"); !strings.Contains(r.stdout, "Marketing  yes") {
		t.Errorf("the new category should decide, not the old card's verdict:\n%s", r.stdout)
	}
}

// A finding never argues against the card it cites: Akamai's card says its
// CDN needs no consent, so its functional AKA_A2 is no finding; an item of
// another category than its vendor's says its own in the vendor's list.
func TestAFindingNeverContradictsItsCard(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "scan", "--before-consent", capturePath("real", "har", "ferguson.com-browsertime-chrome97.har"))
	out := flat(r.stdout)
	if strings.Contains(out, "Akamai CDN: stored") || !strings.Contains(out, "AKA_A2 cookie, observed 1 hour") {
		t.Errorf("AKA_A2 is listed under Akamai CDN and is no finding:\n%s", r.stdout)
	}
	if strings.Contains(out, "not strictly necessary: It delivers files") {
		t.Errorf("a finding cites a card that says no consent is needed:\n%s", r.stdout)
	}
}

// Ensighten's tag manager runs before consent, but Ensighten Activate, whose
// ad-slot calls on nytimes.com set two-year IDs, is a marketing product of
// its own: lookup and scan say block it, and the tag manager's strictly
// necessary heading no longer holds it.
func TestEnsightenActivateIsMarketingNotTheTagManager(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "lookup", "nytimes.activate.ensighten.com")
	if !strings.Contains(flat(r.stdout), "Ensighten Activate (ensighten-activate) Marketing yes activate.ensighten.com") {
		t.Errorf("lookup of Activate's host:\n%s", r.stdout)
	}
	har := capturePath("real", "har", "nytimes.com-webpagetest-chrome44.har")
	r = vendex(t, db, "", "scan", har)
	if strings.Contains(r.stdout, "STRICTLY NECESSARY") || !strings.Contains(flat(r.stdout), "Ensighten Activate block: yes") {
		t.Errorf("scan lists Activate under strictly necessary or without block: yes:\n%s", r.stdout)
	}
	r = vendex(t, db, "", "scan", "--before-consent", har)
	if !strings.Contains(flat(r.stdout), "✗ Ensighten Activate: loaded https://nytimes.activate.ensighten.com/no-content") {
		t.Errorf("Activate's calls before consent are no finding:\n%s", r.stdout)
	}
}

// Card facts the trial questioned, as a user reads them.
func TestDynamicYieldAndClarityVerdicts(t *testing.T) {
	db := tempDB(t)
	if r := vendex(t, db, "", "cookie", "DYID"); !strings.Contains(r.stdout, "Personalisation") {
		t.Errorf("DYID is Dynamic Yield's personalisation key:\n%s", r.stdout)
	}
	if r := vendex(t, db, "", "lookup", "www.clarity.ms"); !strings.Contains(r.stdout, "Analytics  yes") {
		t.Errorf("Clarity records sessions without consent too: block it:\n%s", r.stdout)
	}
}

// A URL list's unclaimed host is a finding with the URL that loaded, and
// a run that cannot tell the site says so; declare says the same warnings
// as scan, and what it could not declare.
func TestURLListsAndDeclareWarnings(t *testing.T) {
	db := tempDB(t)
	urls := writeFile(t, "u.txt", "https://www.mysite.example/\nhttps://c1.popads.net/pop.js\n")
	r := vendex(t, db, "", "scan", "--before-consent", "--strict", urls)
	out := flat(r.stdout)
	if !strings.Contains(out, "✗ c1.popads.net: loaded https://c1.popads.net/pop.js") {
		t.Errorf("the finding should keep the path:\n%s", r.stdout)
	}
	const noSite = "no capture names its page, and none holds a cookie or storage key to tell the site by"
	if !strings.Contains(out, "warning: "+noSite) {
		t.Errorf("a scan that cannot tell the site should say so:\n%s", r.stdout)
	}
	r = vendex(t, db, "", "declare", urls)
	if !strings.Contains(r.stderr, "vendex: warning: "+noSite) || !strings.Contains(r.stderr, "2 hosts that no vendor in the catalogue claims loaded (c1.popads.net, www.mysite.example)") {
		t.Errorf("declare should warn as scan does:\n%s", r.stderr)
	}
	if strings.Contains(r.stdout, "Nothing third-party") {
		t.Errorf("a declaration of a capture that loaded third parties:\n%s", r.stdout)
	}
	har := capturePath("real", "recorded", "wec-tracking", "requests.har")
	scanned, declared := vendex(t, db, "", "scan", har), vendex(t, db, "", "declare", har)
	if !strings.Contains(flat(scanned.stdout), "not one cookie, Cookie or Set-Cookie header") || !strings.Contains(declared.stderr, "not one cookie, Cookie or Set-Cookie header") {
		t.Errorf("a HAR without cookies: scan\n%s\ndeclare\n%s", scanned.stdout, declared.stderr)
	}
}

// A cookie name with an escape sequence is shown escaped, never as another
// name with the sequence dropped.
func TestACookieNameWithAnEscapeIsShownEscaped(t *testing.T) {
	db := tempDB(t)
	jar := writeFile(t, "cookies.txt", "# Netscape HTTP Cookie File\nwww.mysite.example\tFALSE\t/\tTRUE\t0\tx\x1b[2Jy\tabc\n")
	r := vendex(t, db, "", "scan", "--site", "www.mysite.example", jar)
	if !strings.Contains(r.stdout, `x\x1b[2Jy  cookie`) || strings.Contains(r.stdout, "\x1b") {
		t.Errorf("the name should show its escape:\n%q", r.stdout)
	}
}

// Netlify's card answers for its Identity widget, not for its customers'
// netlify.app sites: identity.netlify.com needs no blocking (it sets
// nothing until the visitor logs in), and the widget's nf_jwt cookie and
// gotrue.user key are on the card (netlify-identity-widget, gotrue-js).
func TestNetlifysIdentityWidgetIsJudgedAsALogIn(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "lookup", "identity.netlify.com")
	if !strings.Contains(flat(r.stdout), "identity.netlify.com Netlify (netlify) Functional no identity.netlify.com") {
		t.Errorf("lookup of the widget's host:\n%s", r.stdout)
	}
	r = vendex(t, db, "", "show", "netlify")
	if out := flat(r.stdout); strings.Contains(out, "Judge each netlify.app name by what its owner's code does.") || !strings.Contains(out, "sets nothing until the visitor logs in") {
		t.Errorf("show netlify: the verdict speaks of customers' sites:\n%s", r.stdout)
	}
	r = vendex(t, db, "", "cookie", "nf_jwt", "gotrue.user")
	if out := flat(r.stdout); r.code != 0 || !strings.Contains(out, "nf_jwt Netlify (netlify) cookie nf_jwt") || !strings.Contains(out, "gotrue.user Netlify (netlify) localStorage gotrue.user") {
		t.Errorf("cookie nf_jwt gotrue.user: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
