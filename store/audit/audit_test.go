package audit

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/scan"
	"github.com/vendex/vendex/store"
)

func openCatalogue(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.OpenCatalogue(filepath.Join(t.TempDir(), "v.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var captured = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

func req(u string) scan.Request { return scan.Request{URL: u, Source: "test"} }

func cookie(name, domain string, life time.Duration) scan.Cookie {
	c := scan.Cookie{Name: name, Domain: domain, Source: "test"}
	if life == 0 {
		c.Session = true
	} else {
		c.Expires = captured.Add(life)
	}
	return c
}

// A capture taken before the visitor answered the banner, on a site that
// loads Hotjar and the Meta pixel straight away.
func trackingCapture() *scan.Evidence {
	return &scan.Evidence{
		Site: "www.shop.example", Captured: captured,
		Requests: []scan.Request{
			req("https://www.shop.example/"),
			req("https://cdn.shop.example/app.js"),
			req("https://static.hotjar.com/c/hotjar-123.js?sv=6"),
			req("https://connect.facebook.net/en_US/fbevents.js"),
			req("https://www.facebook.com/tr?id=1&ev=PageView"),
			req("https://tracker.nobody-knows.example/p.gif"),
			req("https://tracker.nobody-knows.example/p.gif"),
			req("data:image/png;base64,AAAA"),
		},
		Cookies: []scan.Cookie{
			cookie("_hjSessionUser_123", ".shop.example", 365*24*time.Hour),
			cookie("_fbp", ".shop.example", 90*24*time.Hour),
			cookie("_ga", ".shop.example", 3*365*24*time.Hour),
			cookie("shop_visit", "www.shop.example", 0),
		},
		Storage: []scan.StorageKey{{Origin: "https://www.shop.example", Kind: "localStorage", Name: "_hjLocalStorageTest", Source: "test"}},
	}
}

func TestBeforeConsentNamesHotjarAndTheMetaPixel(t *testing.T) {
	r, err := Run(openCatalogue(t), trackingCapture(), Options{Mode: BeforeConsent})
	if err != nil {
		t.Fatal(err)
	}
	requested := map[string]bool{}
	for _, f := range r.Findings {
		if f.Kind == "request" {
			requested[f.VendorID] = true
		}
	}
	if !requested["hotjar"] || !requested["facebook-pixel"] {
		t.Errorf("findings %+v: want requests by hotjar and facebook-pixel", r.Findings)
	}
	var cookies []string
	for _, f := range r.Findings {
		if f.Kind == "cookie" {
			cookies = append(cookies, f.Cookie)
		}
	}
	for _, want := range []string{"_hjSessionUser_123", "_fbp", "_ga"} {
		if !slices.Contains(cookies, want) {
			t.Errorf("no finding for the cookie %s: %+v", want, r.Findings)
		}
	}
	if len(r.UnknownHosts) != 1 || r.UnknownHosts[0] != (HostCount{Host: "tracker.nobody-knows.example", Requests: 2}) {
		t.Errorf("unknown hosts %+v", r.UnknownHosts)
	}
	// Hotjar's _hjLocalStorageTest is on its card now; the site's own
	// shop_visit, a name no card lists, is listed as unknown, not guessed.
	if len(r.UnknownCookies) != 1 || r.UnknownCookies[0].Name != "shop_visit" {
		t.Errorf("unknown cookies %+v", r.UnknownCookies)
	}
	if got := r.FirstParty; len(got) != 2 || r.Requests != 7 {
		t.Errorf("first party %+v of %d requests: want the site's two hosts of 7 http(s) requests", got, r.Requests)
	}
}

func TestACleanCaptureHasNoFindings(t *testing.T) {
	ev := &scan.Evidence{
		Site: "www.shop.example", Captured: captured,
		Requests: []scan.Request{
			req("https://www.shop.example/"),
			req("https://cdn.cookielaw.org/scripttemplates/otSDKStub.js"),
			req("https://www.google.com/recaptcha/api.js"),
			req("https://js.stripe.com/v3/"),
		},
		Cookies: []scan.Cookie{
			cookie("OptanonConsent", ".shop.example", 365*24*time.Hour),
			cookie("_GRECAPTCHA", "www.google.com", 180*24*time.Hour),
			cookie("__stripe_mid", ".shop.example", 365*24*time.Hour),
		},
	}
	r, err := Run(openCatalogue(t), ev, Options{Mode: BeforeConsent})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 0 {
		t.Errorf("findings on a clean capture: %+v", r.Findings)
	}
	var ids []string
	for _, v := range r.Vendors {
		ids = append(ids, v.ID)
	}
	for _, want := range []string{"onetrust", "recaptcha", "stripe"} {
		if !slices.Contains(ids, want) {
			t.Errorf("vendors %v lack %s", ids, want)
		}
	}
}

// The audit answers as `vendex lookup` does, host by host.
func TestHostsAreAttributedAsLookupAttributesThem(t *testing.T) {
	s := openCatalogue(t)
	ev := trackingCapture()
	r, err := Run(s, ev, Options{})
	if err != nil {
		t.Fatal(err)
	}
	byHost := map[string]string{}
	for _, v := range r.Vendors {
		for _, h := range v.Hosts {
			byHost[h.Host] = v.ID
		}
	}
	for _, q := range ev.Requests[2:5] {
		tg, _ := data.ParseTarget(q.URL)
		h, err := s.LookupHost(tg)
		if err != nil {
			t.Fatal(err)
		}
		if byHost[tg.Host] != h.ID {
			t.Errorf("%s: audit says %q, lookup %q", q.URL, byHost[tg.Host], h.ID)
		}
	}
	if len(r.Findings) != 0 {
		t.Errorf("an audit with no consent mode has findings: %+v", r.Findings)
	}
}

func TestLifetimesAreComparedWithTheDeclaredOnes(t *testing.T) {
	r, err := Run(openCatalogue(t), trackingCapture(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range r.Cookies {
		switch c.Name {
		case "_ga":
			if c.DeclaredLifetime != "2 years" || c.ObservedLifetime != "3 years" || !slices.Contains(c.Flags, "longer than declared") || !slices.Contains(c.Flags, "over Chrome's 400-day cap") {
				t.Errorf("_ga: %+v", c)
			}
		case "_hjSessionUser_123":
			if c.MatchedBy != "name" || c.Pattern != "_hjSessionUser_*" || len(c.Flags) != 0 || c.VendorID != "hotjar" {
				t.Errorf("_hjSessionUser_123: %+v", c)
			}
		}
	}
}

// A third-party cookie's domain names its vendor even when the name is one
// the catalogue does not list; a name several vendors list goes to the
// vendor whose host set it.
func TestCookieEvidenceOrder(t *testing.T) {
	ev := &scan.Evidence{Site: "shop.example", Captured: captured, Cookies: []scan.Cookie{
		cookie("zz_unlisted", ".hotjar.com", time.Hour),
		{Name: "euconsent-v2", Domain: ".shop.example", Expires: captured.Add(24 * time.Hour), SetBy: "https://cdn.iubenda.com/cs/iubenda_cs.js", SetByScript: true, Source: "test"},
		cookie("sessionid", ".instagram.com", 24*time.Hour),
	}}
	r, err := Run(openCatalogue(t), ev, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range r.Cookies {
		got[c.Name] = c.VendorID + " by " + c.MatchedBy
	}
	if got["zz_unlisted"] != "hotjar by domain" || got["euconsent-v2"] != "iubenda by script" || got["sessionid"] != "instagram by domain" {
		t.Errorf("attributions %v", got)
	}
}

// One cookie that several requests carried and a response set is one row:
// the record that knows its expiry, with the setter any record names.
func TestOneCookieRecordedManyTimesIsOneRow(t *testing.T) {
	ev := &scan.Evidence{Site: "shop.example", Captured: captured, Cookies: []scan.Cookie{
		{Name: "_GRECAPTCHA", Domain: "www.google.com", Source: "request 2"},
		{Name: "_GRECAPTCHA", Domain: ".www.google.com", Expires: captured.Add(180 * 24 * time.Hour), SetBy: "https://www.google.com/recaptcha/api2/anchor", Source: "response 1"},
		{Name: "_GRECAPTCHA", Domain: "www.google.com", Source: "request 3"},
	}}
	r, err := Run(openCatalogue(t), ev, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Cookies) != 1 {
		t.Fatalf("cookies %+v: want one row", r.Cookies)
	}
	c := r.Cookies[0]
	if c.Count != 3 || c.ObservedLifetime != "6 months" || c.VendorID != "recaptcha" {
		t.Errorf("%+v", c)
	}
}

// A cookie requests only sent knows no domain but the host it went to: it
// joins the cookie of its name whose domain covers that host, or else the
// others of its name sent to the same site.
func TestSentCookiesJoinTheCookieTheyAre(t *testing.T) {
	ev := &scan.Evidence{Site: "www.news.example", Captured: captured, Cookies: []scan.Cookie{
		{Name: "RMID", Domain: ".news.example", Expires: captured.Add(365 * 24 * time.Hour), SetBy: "https://www.news.example/"},
		{Name: "RMID", Domain: "img.news.example"},
		{Name: "RMID", Domain: "fonts.news.example"},
		{Name: "seg", Domain: "img.news.example"},
		{Name: "seg", Domain: "www.news.example"},
	}}
	r, err := Run(openCatalogue(t), ev, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range r.UnknownCookies {
		got[c.Name] = fmt.Sprintf("%s x%d %s", c.Domain, c.Count, c.ObservedLifetime)
	}
	if len(r.UnknownCookies) != 2 || got["RMID"] != "news.example x3 1 year" || got["seg"] != "news.example x2 " {
		t.Errorf("%v", got)
	}
}

// A cookie the vendor declares for the session but that was set to last
// is flagged.
func TestAPersistentCookieDeclaredForTheSessionIsFlagged(t *testing.T) {
	if got := lifetimeFlags(30*24*time.Hour, data.SessionLifetime); !slices.Contains(got, "persistent, declared for the session") {
		t.Errorf("flags %v", got)
	}
	if got := lifetimeFlags(time.Hour, data.SessionLifetime); len(got) != 0 {
		t.Errorf("an hour-long cookie declared for the session: flags %v", got)
	}
}

// A site's own other domains (a CDN on another registrable domain) are the
// site's where the catalogue gives them the site's vendor or owner; a host
// nobody claims is unknown, never a vendor.
func TestTheSitesOwnDomainsAreNotVendors(t *testing.T) {
	ev := &scan.Evidence{Site: "www.twilio.com", Requests: []scan.Request{
		req("https://www.twilio.com/en-us"),
		req("https://media.twiliocdn.com/sdk/js/client/v1.3/twilio.min.js"),
		req("https://static.hotjar.com/c/hotjar-1.js"),
		req("https://cdn.nobody.example/x.js"),
	}}
	r, err := Run(openCatalogue(t), ev, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var own []string
	for _, h := range r.FirstParty {
		own = append(own, h.Host)
	}
	if !slices.Equal(own, []string{"media.twiliocdn.com", "www.twilio.com"}) {
		t.Errorf("the site's own hosts: %v", own)
	}
	if len(r.Vendors) != 1 || r.Vendors[0].ID != "hotjar" || len(r.UnknownHosts) != 1 {
		t.Errorf("vendors %+v, unknown %+v", r.Vendors, r.UnknownHosts)
	}
}

// The response that set a cookie is the strongest evidence: the Meta
// pixel's /tr response sets fr on facebook.com, which is also the domain
// of Facebook's plugins.
func TestTheResponseThatSetACookieNamesItsVendor(t *testing.T) {
	ev := &scan.Evidence{Site: "shop.example", Captured: captured, Cookies: []scan.Cookie{
		{Name: "fr", Domain: ".facebook.com", Expires: captured.Add(90 * 24 * time.Hour), SetBy: "https://www.facebook.com/tr/?id=1&ev=PageView"},
		{Name: "pid", Domain: ".unknown-ads.example", Expires: captured.Add(24 * time.Hour)},
	}}
	r, err := Run(openCatalogue(t), ev, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Cookies) != 1 || r.Cookies[0].VendorID != "facebook-pixel" || r.Cookies[0].MatchedBy != "set-cookie" {
		t.Errorf("cookies %+v", r.Cookies)
	}
	// A third-party cookie on a domain nobody claims is nobody's, whatever
	// vendor lists its name elsewhere.
	if len(r.UnknownCookies) != 1 || r.UnknownCookies[0].Name != "pid" {
		t.Errorf("unknown %+v", r.UnknownCookies)
	}
}

// A storage key in a third party's frame is that third party's.
func TestAStorageKeyInAThirdPartysFrameIsTheirs(t *testing.T) {
	ev := &scan.Evidence{Site: "www.greggs.example", Storage: []scan.StorageKey{
		{Origin: "https://www.google.com", Kind: "localStorage", Name: "rc::a"},
	}}
	r, err := Run(openCatalogue(t), ev, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Cookies) != 1 || r.Cookies[0].VendorID != "recaptcha" || r.Cookies[0].Party != "third" {
		t.Errorf("cookies %+v, unknown %+v", r.Cookies, r.UnknownCookies)
	}
}

// Captures that do not say which page they recorded (a storage state, a
// cookie export) take the domain holding the most cookies, and say so.
func TestASiteIsInferredWhenNoCaptureNamesIt(t *testing.T) {
	ev := &scan.Evidence{Cookies: []scan.Cookie{
		{Name: "PHPSESSID", Domain: "dr.shop.example", Session: true},
		{Name: "_fbp", Domain: ".shop.example", Expires: captured.Add(24 * time.Hour)},
		{Name: "fr", Domain: ".facebook.com", Expires: captured.Add(24 * time.Hour)},
	}}
	r, err := Run(openCatalogue(t), ev, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Site != "shop.example" || len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "--site") {
		t.Errorf("site %q, warnings %v", r.Site, r.Warnings)
	}
	for _, c := range append(r.Cookies, r.UnknownCookies...) {
		if want := map[string]string{"PHPSESSID": "first", "_fbp": "first", "fr": "third"}[c.Name]; c.Party != want {
			t.Errorf("%s is %s party", c.Name, c.Party)
		}
	}
	if _, err := Run(openCatalogue(t), ev, Options{Site: "not a host"}); !errors.Is(err, ErrBadSite) {
		t.Errorf("a bad --site: %v", err)
	}
}

// A capture with many cookies, read in one go: a name recorded on many
// pages, a name of a pattern and one nobody sets each get the vendor
// `vendex cookie` gives them, and a storage key too.
func TestEveryNameOfABigCaptureIsAttributed(t *testing.T) {
	s := openCatalogue(t)
	ev := &scan.Evidence{Site: "www.shop.example", Captured: captured}
	for i := range 300 {
		ev.Cookies = append(ev.Cookies, cookie(fmt.Sprintf("_hjSessionUser_%d", i%50), ".shop.example", 24*time.Hour),
			cookie("_ga", ".shop.example", 24*time.Hour), cookie(fmt.Sprintf("nobody_%d", i), ".shop.example", 0))
	}
	ev.Storage = []scan.StorageKey{{Origin: "https://www.shop.example", Kind: "localStorage", Name: "_hjLocalStorageTest", Source: "test"}}
	r, err := Run(s, ev, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := func(name string) string {
		ms, err := s.ByCookie(name)
		if err != nil || len(ms) == 0 {
			return ""
		}
		return ms[0].VendorID
	}
	rows := 0
	for _, c := range slices.Concat(r.Cookies, r.UnknownCookies) {
		w := want(c.Name)
		if c.VendorID != w {
			t.Errorf("%s %s is given to %q; vendex cookie names %q", c.Kind, c.Name, c.VendorID, w)
		}
		if strings.HasPrefix(c.Name, "_hj") && w != "hotjar" || c.Name == "_ga" && w != "google-analytics" {
			t.Errorf("the catalogue gives %s to %q", c.Name, w)
		}
		rows++
	}
	if rows != 50+1+300+1 {
		t.Errorf("%d rows, want one per name and domain (352)", rows)
	}
}
