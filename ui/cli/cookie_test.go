package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// `vendex cookie -` answers each name of stdin, a line each, and names the
// ones nobody sets.
func TestCookieReadsNamesFromStdin(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "_ga\n# a comment\n\nnope_zz\n_hjSession_12\n", "cookie", "-")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 1 || len(lines) != 4 || !strings.HasPrefix(lines[1], "_ga ") || !strings.Contains(lines[2], "no vendor known") ||
		!strings.Contains(lines[3], "Hotjar (hotjar)") || !strings.Contains(lines[3], "_hjSession_*") || !strings.Contains(r.stderr, `"nope_zz"`) {
		t.Errorf("exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = vendex(t, db, "_fbp\n", "cookie", "--json", "-")
	var a cookieAnswer
	if err := json.Unmarshal([]byte(r.stdout), &a); err != nil || r.code != 0 || a.VendorID != "facebook-pixel" || a.Key != "_fbp" {
		t.Errorf("%v %+v exit %d", err, a, r.code)
	}
	if r := vendex(t, db, "\n# nothing\n", "cookie", "-"); r.code != 2 || !strings.Contains(r.stderr, "cookie -: stdin held no name") {
		t.Errorf("empty stdin: exit %d %s", r.code, r.stderr)
	}
}

// A cookie's category is its own where the card gives one:
// ActiveCampaign's ac_enable_tracking remembers a choice (functional),
// though the vendor is marketing; `cookie` and `cookie -` say what a scan
// says.
func TestACookieShowsItsOwnCategoryBeforeItsVendors(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "cookie", "ac_enable_tracking")
	if r.code != 0 || !strings.Contains(r.stdout, "Functional") || strings.Contains(r.stdout, "Marketing") {
		t.Errorf("cookie ac_enable_tracking: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = vendex(t, db, "ac_enable_tracking\n_ga\n", "cookie", "-")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) != 3 || !strings.Contains(lines[1], "Functional") || !strings.Contains(lines[2], "Analytics") {
		t.Errorf("cookie -: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// An empty name (an unset shell variable) is a usage error, as search's
// empty query is, not a search that found nobody.
func TestAnEmptyCookieNameIsAUsageError(t *testing.T) {
	for _, name := range []string{"", "  "} {
		r := vendex(t, tempDB(t), "", "cookie", name)
		if r.code != 2 || !strings.Contains(r.stderr, "the name given is empty") || strings.Contains(r.stderr, "no vendor is known") {
			t.Errorf("cookie %q: exit %d, stderr %q", name, r.code, r.stderr)
		}
	}
}

// cookie answers as lookup does: an INPUT column whether one name or
// several, one JSON object a line, every owner of each name with --all
// (AMP_TOKEN is Google Analytics' and matches Amplitude's AMP_*), and a
// name that cleaning would change quoted in the table.
func TestCookieAnswersInLookupsShape(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "cookie", "--all", "_ga", "AMP_TOKEN")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) != 4 || !strings.HasPrefix(lines[0], "INPUT") || !strings.HasPrefix(lines[2], "AMP_TOKEN  Google Analytics") || !strings.HasPrefix(lines[3], "AMP_TOKEN  Amplitude") {
		t.Errorf("cookie --all: exit %d\n%s", r.code, r.stdout)
	}
	r = vendex(t, db, "", "cookie", "_ga", "AMP_TOKEN")
	if !strings.Contains(r.stdout, "Google Analytics (google-analytics) and 1 more (--all)") {
		t.Errorf("cookie without --all does not say how to see the others:\n%s", r.stdout)
	}
	r = vendex(t, db, "", "cookie", "--json", "_ga")
	var a struct {
		Input    string `json:"input"`
		VendorID string `json:"vendor_id"`
	}
	if err := json.Unmarshal([]byte(strings.TrimSpace(r.stdout)), &a); err != nil || a.Input != "_ga" || a.VendorID != "google-analytics" {
		t.Errorf("cookie --json _ga is not one object: %v\n%s", err, r.stdout)
	}
	r = vendex(t, db, "x\x1b[2Jy\n", "cookie", "-")
	if r.code != 1 || !strings.Contains(r.stdout, `"x\x1b[2Jy"`) || strings.Contains(r.stdout, "\x1b") {
		t.Errorf("a hostile name is not quoted in the table: %q", r.stdout)
	}
}

// euconsent-v2 is the IAB TCF consent string any TCF consent platform
// writes: `cookie` answers with the framework's card first and the
// platforms that list it after, not "Didomi and 4 more" because Didomi
// sorts first by name.
func TestTheTCFConsentCookieAnswersTheFrameworkFirst(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "euconsent-v2\n", "cookie", "-")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) != 2 || !strings.Contains(lines[1], "IAB TCF consent string (iab-tcf) and ") {
		t.Errorf("cookie -: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = vendex(t, db, "", "cookie", "--json", "euconsent-v2")
	var first cookieAnswer
	if err := json.Unmarshal([]byte(strings.SplitN(r.stdout, "\n", 2)[0]), &first); err != nil || first.VendorID != "iab-tcf" {
		t.Errorf("cookie --json: %v, first answer %+v\n%s", err, first, r.stdout)
	}
	if !strings.Contains(r.stdout, `"didomi"`) {
		t.Errorf("cookie --json no longer names Didomi, which lists the cookie:\n%s", r.stdout)
	}
}

// A name a library gives and an app reuses is the library's first:
// cookieconsent_status is what Osano's open-source banner sets, and
// Consentmo's Shopify app uses the same name; `cookie` names Osano.
func TestALibrarysCookieNameGoesToTheLibraryFirst(t *testing.T) {
	r := vendex(t, tempDB(t), "", "cookie", "cookieconsent_status")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) < 3 || !strings.Contains(lines[1], "Osano (osano)") || !strings.Contains(lines[2], "Consentmo") {
		t.Errorf("cookie cookieconsent_status: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
