package cli

import (
	"strings"
	"testing"
)

// A user pastes what the browser's tools show: a cookie string, a Cookie
// header or a Set-Cookie line. Each is read as the names it holds.
func TestCookieReadsTheNamesOfAPastedCookieString(t *testing.T) {
	db := tempDB(t)
	in := "_ga=GA1.2.3; _fbp=fb.1.2\nSet-Cookie: _gid=GA1.2.3; Path=/; Max-Age=86400\nCookie: AMP_TOKEN=x;_hjid=1\n"
	r := vendex(t, db, in, "cookie", "-")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var inputs []string
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n")[1:] {
		inputs = append(inputs, strings.Fields(l)[0])
	}
	if got := strings.Join(inputs, " "); got != "_ga _fbp _gid AMP_TOKEN _hjid" {
		t.Errorf("rows for %s, want _ga _fbp _gid AMP_TOKEN _hjid:\n%s", got, r.stdout)
	}
	// A Set-Cookie value alone is one cookie: its attributes are no names.
	r = vendex(t, db, "", "cookie", "--json", "_hjSessionUser_1=abc; path=/; SameSite=Lax")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 1 || !strings.Contains(r.stdout, `"input":"_hjSessionUser_1"`) {
		t.Errorf("set-cookie value: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if r := vendex(t, db, "", "cookie", "=1"); r.code != 2 || !strings.Contains(r.stderr, `"=1" names none`) {
		t.Errorf("a string of no name: %d %q", r.code, r.stderr)
	}
	// A header with nothing after it names no cookie: said so, as for
	// "=1", not answered with an empty table.
	if r := vendex(t, db, "", "cookie", "Set-Cookie:"); r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, `"Set-Cookie:" names none`) {
		t.Errorf("an empty Set-Cookie header: %d %q %q", r.code, r.stdout, r.stderr)
	}
}

// A pasted Set-Cookie line's Domain names the vendor a scan would give the
// cookie to, ahead of the vendors whose cards list the name elsewhere:
// uuid on agkn.com is Neustar's, c on bidswitch.net BidSwitch's, and uuid
// on mathtag.com MediaMath's, though Ensighten Activate sorts first by name.
func TestASetCookieLinesDomainRanksItsVendorFirst(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "Set-Cookie: uuid=1; domain=.agkn.com\nSet-Cookie: c=1; Domain=.bidswitch.net\nuuid\n", "cookie", "-")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) != 4 || !strings.HasPrefix(lines[1], "uuid   Neustar (TransUnion) (neustar)") ||
		!strings.HasPrefix(lines[2], "c      BidSwitch (IPONWEB) (bidswitch)") || !strings.HasPrefix(lines[3], "uuid   Ensighten Activate (ensighten-activate)") {
		t.Errorf("cookie -: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = vendex(t, db, "", "cookie", "uuid=1; Domain=.mathtag.com")
	if lines := strings.Split(r.stdout, "\n"); len(lines) < 3 || !strings.Contains(lines[1], "MediaMath (mediamath)") || !strings.Contains(lines[2], "Ensighten") {
		t.Errorf("cookie with a Domain on MediaMath's host:\n%s", r.stdout)
	}
}

// A card listing a name once for each party (Webtrends' ACOOKIE on its
// collection domain and under the site's) is one vendor setting it: one
// row, and no "and 1 more" pointing at the same vendor (review8).
func TestACookieListedForTwoPartiesIsOneVendorsRow(t *testing.T) {
	db := tempDB(t)
	for _, args := range [][]string{{"cookie", "ACOOKIE"}, {"cookie", "--all", "ACOOKIE"}} {
		r := vendex(t, db, "", args...)
		if n := strings.Count(r.stdout, "(webtrends)"); n != 1 || strings.Contains(r.stdout, "more (--all)") {
			t.Errorf("%v: %d Webtrends rows:\n%s", args, n, r.stdout)
		}
	}
}

// A line of `cookie -` that names no cookie ("=abc", a bare "Set-Cookie:")
// is said on stderr, with exit 1, not dropped from an empty table with
// exit 0 (trial7).
func TestCookieStdinLinesNamingNoCookieAreSaid(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "=abc\nSet-Cookie: \n_ga\n", "cookie", "-")
	if r.code != 1 || !strings.Contains(r.stderr, `2 lines named no cookie ("=abc", "Set-Cookie:")`) || !strings.Contains(r.stdout, "google-analytics") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
