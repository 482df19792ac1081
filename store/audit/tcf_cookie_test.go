package audit

import (
	"testing"
	"time"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/scan"
	"github.com/vendex/vendex/store"
)

// euconsent-v2 is the IAB TCF consent string that any TCF consent platform
// writes on the site's domain: with nothing to say which platform set it,
// a scan files it under the framework's card, not under whichever platform
// sorts first by name; when the capture shows a platform's script set it,
// or shows the platform on the page at all (a request to its host), it is
// that platform's.
func TestTheTCFConsentCookieIsTheFrameworksUnlessAPlatformSetIt(t *testing.T) {
	byScript := cookie("euconsent-v2", ".other.example", 365*24*time.Hour)
	byScript.SetBy, byScript.SetByScript = "https://sdk.privacy-center.org/loader.js", true
	for _, tc := range []struct {
		site string
		c    scan.Cookie
		want string
		reqs []scan.Request
	}{
		{"www.news.example", cookie("euconsent-v2", ".news.example", 365*24*time.Hour), "iab-tcf", nil},
		{"www.old.example", cookie("euconsent", ".old.example", 365*24*time.Hour), "iab-tcf", nil},
		{"www.other.example", byScript, "didomi", nil},
		{"www.shop.example", cookie("euconsent-v2", ".shop.example", 365*24*time.Hour), "didomi",
			[]scan.Request{{URL: "https://sdk.privacy-center.org/loader.js", Type: "script"}}},
	} {
		ev := &scan.Evidence{Site: tc.site, Captured: captured, Cookies: []scan.Cookie{tc.c}, Requests: tc.reqs}
		r, err := Run(openCatalogue(t), ev, Options{Mode: BeforeConsent})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Cookies) != 1 || r.Cookies[0].VendorID != tc.want {
			t.Errorf("%s on %s: filed as %+v, want under %q", tc.c.Name, tc.site, r.Cookies, tc.want)
		}
	}
}

// A short name of no known party is not a vendor's on the site's own
// domain by its name alone (an fid there is most likely the site's), but
// when the capture shows the vendor's own script set it, it is the
// vendor's, with the lifetime its card declares for it: Adobe's
// AppMeasurement writes fid on the site when its s_vi cookie cannot be
// used.
func TestAShortNameSetByTheVendorsScriptIsTheVendors(t *testing.T) {
	bare := cookie("fid", ".myshop.example", 2*365*24*time.Hour)
	set := bare
	set.SetBy, set.SetByScript = "https://myshop.sc.omtrdc.net/b/ss/x/1/JS-2.22.0/s1", true
	for _, tc := range []struct {
		c    scan.Cookie
		want string
	}{{bare, ""}, {set, "adobe-analytics"}} {
		ev := &scan.Evidence{Site: "www.myshop.example", Captured: captured, Cookies: []scan.Cookie{tc.c}}
		r, err := Run(openCatalogue(t), ev, Options{Mode: BeforeConsent})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, c := range r.Cookies {
			got = c.VendorID
			if c.DeclaredLifetime != "2 years" {
				t.Errorf("fid filed under %s without the card's lifetime: %q", got, c.DeclaredLifetime)
			}
		}
		if got != tc.want {
			t.Errorf("fid set by %q: filed under %q, want %q", tc.c.SetBy, got, tc.want)
		}
	}
}

// After a dataset is imported, the catalogue's answer for a name still
// wins over the dataset's (Google's card holding the OCD's _gcl_au does
// not take it from Google Ads because google.com was on the page), and a
// name only the dataset gives, for a vendor the capture's requests never
// reached, is left to the site (the OCD lists cookiePreferences under
// Google Tag Manager, which this page did not load).
func TestAnImportedNameDoesNotOutrankTheCatalogueOnASite(t *testing.T) {
	s := openCatalogue(t)
	recs := []data.Vendor{
		{Name: "Google Tag Manager", Storage: []data.StorageItem{{Kind: "cookie", Name: "cookiePreferences"}}},
		{Name: "Google", Storage: []data.StorageItem{{Kind: "cookie", Name: "_gcl_au"}}},
	}
	if _, err := s.Import(store.RecordsOf(recs), store.ImportOptions{Format: "ocd-csv", File: "ocd.csv", Hash: "0123456789abcdef"}); err != nil {
		t.Fatal(err)
	}
	ev := &scan.Evidence{Site: "www.shop.example", Captured: captured,
		Requests: []scan.Request{req("https://www.shop.example/"), req("https://www.google.com/gen_204?x=1")},
		Cookies:  []scan.Cookie{cookie("_gcl_au", ".shop.example", 90*24*time.Hour), cookie("cookiePreferences", ".shop.example", 365*24*time.Hour)}}
	r, err := Run(s, ev, Options{Mode: BeforeConsent})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range r.Cookies {
		got[c.Name] = c.VendorID
	}
	if got["_gcl_au"] != "google-ads" {
		t.Errorf("_gcl_au filed under %q, want google-ads (the catalogue's)", got["_gcl_au"])
	}
	if got["cookiePreferences"] != "" {
		t.Errorf("cookiePreferences filed under %q, want the site's (its vendor never loaded)", got["cookiePreferences"])
	}
}

// A shop on its myshopify.com name reached Shopify with the page itself:
// its own cart and _s are Shopify's, though no other Shopify host was
// asked for (the generic-name rule is for pages that never reached the
// platform).
func TestAShopOnThePlatformsNameKeepsThePlatformsCookies(t *testing.T) {
	ev := &scan.Evidence{Site: "alice.myshopify.com", Captured: captured,
		Requests: []scan.Request{req("https://alice.myshopify.com/")},
		Cookies:  []scan.Cookie{cookie("cart", "alice.myshopify.com", 14*24*time.Hour), cookie("_s", "alice.myshopify.com", 30*time.Minute)}}
	r, err := Run(openCatalogue(t), ev, Options{Mode: BeforeConsent})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range r.Cookies {
		if c.VendorID != "shopify" {
			t.Errorf("%s filed under %q, want shopify", c.Name, c.VendorID)
		}
	}
	if len(r.Cookies) != 2 {
		t.Errorf("%d cookies given to vendors, want cart and _s: %+v", len(r.Cookies), r.Cookies)
	}
}

// The catalogue's claim on a name wins over an imported one even when the
// capture shows the imported claim's vendor set the cookie (trial8: with
// every dataset imported, nytimes.com's guest_id, set by a response of
// X's pixel on analytics.twitter.com, went from "X (Twitter) embeds" with
// the catalogue's purpose to the pixel with no purpose of ours).
func TestAnImportedClaimDoesNotTakeANameFromTheCatalogueByItsSetter(t *testing.T) {
	s := openCatalogue(t)
	recs := []data.Vendor{{Name: "X (Twitter) Pixel", Storage: []data.StorageItem{{Kind: "cookie", Name: "guest_id"}}}}
	if _, err := s.Import(store.RecordsOf(recs), store.ImportOptions{Format: "ocd-csv", File: "ocd.csv", Hash: "0123456789abcdef"}); err != nil {
		t.Fatal(err)
	}
	c := cookie("guest_id", ".twitter.com", 2*365*24*time.Hour)
	c.SetBy = "https://analytics.twitter.com/i/adsct?p_id=Twitter"
	ev := &scan.Evidence{Site: "www.news.example", Captured: captured,
		Requests: []scan.Request{req("https://www.news.example/"), req(c.SetBy)}, Cookies: []scan.Cookie{c}}
	r, err := Run(s, ev, Options{Mode: BeforeConsent})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Cookies) != 1 || r.Cookies[0].VendorID != "x-embeds" || r.Cookies[0].DeclaredLifetime != "2 years" {
		t.Errorf("guest_id filed as %+v, want under x-embeds with the lifetime its card declares", r.Cookies)
	}
}

// An observed lifetime is said by the one wording rule (data.Lifetime's
// String) from its seconds: a cookie set to live 31 seconds is "31
// seconds", not "1 minute" (trial8: the HTML declaration said "observed:
// 1 minute"), and one a few seconds off a round figure is that figure.
func TestAShortObservedLifetimeIsSaidInSeconds(t *testing.T) {
	ev := &scan.Evidence{Site: "www.shop.example", Captured: captured, Cookies: []scan.Cookie{
		cookie("short_one", ".shop.example", 31*time.Second),
		cookie("half_hour", ".shop.example", 30*time.Minute-2*time.Second),
	}}
	r, err := Run(openCatalogue(t), ev, Options{Mode: BeforeConsent})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range append(r.Cookies, r.UnknownCookies...) {
		got[c.Name] = c.ObservedLifetime
	}
	if got["short_one"] != "31 seconds" || got["half_hour"] != "30 minutes" {
		t.Errorf("observed lifetimes %v, want 31 seconds and 30 minutes", got)
	}
}
