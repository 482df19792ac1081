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
}
