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
