package scan

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// FuzzCookieHeaders: a Cookie or Set-Cookie header a HAR carries is read
// as net/http reads it: the same pairs from a Cookie header (none when
// net/http refuses it), and from a Set-Cookie header the same verdict,
// name, value, domain, path, flags, SameSite, Max-Age and expiry.
func FuzzCookieHeaders(f *testing.F) {
	for _, s := range []string{
		"_ga=GA1.2.3.4; _gid=x", `a="quoted"; b=`, "a=1;;b=2", "a b=1", "=1", "a", "", " ; ", "a=\x01",
		"_hjSession=1; Max-Age=1800; Path=/; Domain=.example.com; Secure; HttpOnly; SameSite=Lax",
		"id=5; Expires=Wed, 21 Oct 2026 07:28:00 GMT", "id=5; expires=Wed, 21-Oct-2026 07:28:00 GMT; max-age=0",
		"id=5; Max-Age=05", "id=5; Max-Age=-3; Max-Age=+7", "id=5; SameSite=Strict; samesite=bogus", "id=5; SAMESITE=none",
		"id=5; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Expires=bogus", "id=5; Domain=\"x\"", "id=5; Path=/a\\b; Secure=no", "id=\"5\"; Partitioned; \xffattr=1",
		" \tid = 5 ; path = / ", "a=1; b", strings.Repeat("a=1;", 3001),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		names, values := parseCookieHeader(line)
		cs, _ := http.ParseCookie(line)
		var wantNames, wantValues []string
		for _, c := range cs {
			wantNames, wantValues = append(wantNames, c.Name), append(wantValues, c.Value)
		}
		if !slices.Equal(names, wantNames) || !slices.Equal(values, wantValues) {
			t.Errorf("Cookie: %q gives %q = %q; net/http gives %q = %q", line, names, values, wantNames, wantValues)
		}

		c, ok := parseSetCookie(line)
		want, err := http.ParseSetCookie(line)
		if ok != (err == nil) {
			t.Fatalf("Set-Cookie: %q read: %v; net/http: %v", line, ok, err)
		}
		if !ok {
			return
		}
		sameSite := map[http.SameSite]string{http.SameSiteLaxMode: "Lax", http.SameSiteStrictMode: "Strict", http.SameSiteNoneMode: "None"}[want.SameSite]
		wantC := setCookie{name: want.Name, value: want.Value, domain: want.Domain, path: want.Path, secure: want.Secure,
			httpOnly: want.HttpOnly, sameSite: sameSite, maxAge: want.MaxAge, expires: want.Expires}
		if !c.expires.Equal(wantC.expires) || c.expires.Location() != time.UTC && !c.expires.IsZero() {
			t.Errorf("Set-Cookie: %q expires %v; net/http %v", line, c.expires, wantC.expires)
		}
		c.expires, wantC.expires = time.Time{}, time.Time{}
		if c != wantC {
			t.Errorf("Set-Cookie: %q gives %+v; net/http %+v", line, c, wantC)
		}
	})
}
