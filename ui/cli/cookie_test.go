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
