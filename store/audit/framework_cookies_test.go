package audit

import (
	"testing"
	"time"

	"github.com/vendex/vendex/data/scan"
)

// A cookie a web framework names by default (Django's sessionid and
// csrftoken, the XSRF-TOKEN several frameworks share, ASP.NET's session) set on the site's own
// domain is the site's framework's, not the company whose card lists the
// same name for its own site (Instagram's sessionid, Wix's XSRF-TOKEN); on
// that company's domain it is still the company's.
func TestFrameworkCookiesOnTheSiteAreTheFrameworks(t *testing.T) {
	ev := &scan.Evidence{Site: "www.mysite.example", Captured: captured, Cookies: []scan.Cookie{
		cookie("sessionid", "www.mysite.example", 14*24*time.Hour),
		cookie("csrftoken", "www.mysite.example", 364*24*time.Hour),
		cookie("XSRF-TOKEN", "www.mysite.example", 2*time.Hour),
		cookie("ASP.NET_SessionId", "www.mysite.example", 0),
		cookie("_mysite_session", "www.mysite.example", 0),
		cookie("sessionid", ".instagram.com", 24*time.Hour),
	}}
	r, err := Run(openCatalogue(t), ev, Options{Mode: BeforeConsent})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range r.Cookies {
		got[c.Name+" on "+c.Domain] = c.VendorID
	}
	want := map[string]string{
		"sessionid on www.mysite.example":         "django",
		"csrftoken on www.mysite.example":         "django",
		"XSRF-TOKEN on www.mysite.example":        "web-framework",
		"ASP.NET_SessionId on www.mysite.example": "aspnet",
		"_mysite_session on www.mysite.example":   "ruby-on-rails",
		"sessionid on instagram.com":              "instagram",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: filed under %q, want %q", k, got[k], w)
		}
	}
	for _, f := range r.Findings {
		if f.Kind == "cookie" && f.VendorID != "instagram" {
			t.Errorf("a framework's strictly necessary cookie is a finding before consent: %+v", f)
		}
	}
}
