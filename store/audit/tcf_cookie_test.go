package audit

import (
	"testing"
	"time"

	"github.com/vendex/vendex/data/scan"
)

// euconsent-v2 is the IAB TCF consent string that any TCF consent platform
// writes on the site's domain: with nothing to say which platform set it,
// a scan files it under the framework's card, not under whichever platform
// sorts first by name; when the capture shows a platform's script set it,
// it is that platform's.
func TestTheTCFConsentCookieIsTheFrameworksUnlessAPlatformSetIt(t *testing.T) {
	byScript := cookie("euconsent-v2", ".other.example", 365*24*time.Hour)
	byScript.SetBy, byScript.SetByScript = "https://sdk.privacy-center.org/loader.js", true
	for _, tc := range []struct {
		site string
		c    scan.Cookie
		want string
	}{
		{"www.news.example", cookie("euconsent-v2", ".news.example", 365*24*time.Hour), "iab-tcf"},
		{"www.old.example", cookie("euconsent", ".old.example", 365*24*time.Hour), "iab-tcf"},
		{"www.other.example", byScript, "didomi"},
	} {
		ev := &scan.Evidence{Site: tc.site, Captured: captured, Cookies: []scan.Cookie{tc.c}}
		r, err := Run(openCatalogue(t), ev, Options{Mode: BeforeConsent})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Cookies) != 1 || r.Cookies[0].VendorID != tc.want {
			t.Errorf("%s on %s: filed as %+v, want under %q", tc.c.Name, tc.site, r.Cookies, tc.want)
		}
	}
}
