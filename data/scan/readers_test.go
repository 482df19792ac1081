package scan

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestWECInspectionNamesTheScriptThatSetEachCookie(t *testing.T) {
	ev := readFixture(t, "wec-inspection.json")
	if ev.Site != "www.shop.example" || !ev.Captured.Equal(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("site %q captured %v", ev.Site, ev.Captured)
	}
	yt := cookieNamed(ev.Cookies, "VISITOR_INFO1_LIVE")
	if len(yt) != 1 || yt[0].Expires.Unix() != 1788253200 || yt[0].Session || yt[0].SetBy != "https://www.youtube.com/embed/doEqUhFiQS4" || yt[0].SetByScript {
		t.Errorf("expires as a number, set by a response: %+v", yt)
	}
	ga := cookieNamed(ev.Cookies, "_ga")
	if len(ga) != 1 || !ga[0].Session || ga[0].SetBy != "https://www.googletagmanager.com/gtag/js?id=G-ABC1234567" || !ga[0].SetByScript {
		t.Errorf("expires -1, set by the first script on the stack: %+v", ga)
	}
	pref := cookieNamed(ev.Cookies, "PREF")
	if len(pref) != 1 || !pref[0].Expires.Equal(time.Date(2027, 1, 29, 0, 46, 45, 0, time.UTC)) || pref[0].Session {
		t.Errorf("expires as a string: %+v", pref)
	}
	if len(ev.Storage) != 2 || ev.Storage[0].Name != "_hjSessionUser_123456" || ev.Storage[0].SetBy != "https://static.hotjar.com/c/hotjar-123456.js?sv=6" ||
		ev.Storage[0].Origin != "https://www.shop.example" || ev.Storage[1].Name != "cart" || ev.Storage[1].SetBy != "" {
		t.Errorf("localStorage: %+v", ev.Storage)
	}
	want := []string{"https://www.google-analytics.com/analytics.js", "https://www.shop.example/", "https://static.hotjar.com/", "https://www.youtube.com/"}
	if got := urls(ev.Requests); !slices.Equal(got, want) {
		t.Errorf("the beacon, then each other host once:\n%q\nwant\n%q", got, want)
	}
	if ev.Requests[0].Type != "beacon" || ev.Requests[0].Initiator != "https://www.shop.example/" {
		t.Errorf("beacon: %+v", ev.Requests[0])
	}
}

func TestStorageStateCookiesAndLocalStorage(t *testing.T) {
	ev := readFixture(t, "storage-state.json")
	fbp := cookieNamed(ev.Cookies, "_fbp")
	if len(fbp) != 1 || fbp[0].Expires.Unix() != 1788253200 || fbp[0].Session || fbp[0].SameSite != "Lax" || fbp[0].Domain != ".shop.example" {
		t.Errorf("_fbp: %+v", fbp)
	}
	s := cookieNamed(ev.Cookies, "session")
	if len(s) != 1 || !s[0].Session || !s[0].Expires.IsZero() || s[0].SameSite != "Strict" || !s[0].HTTPOnly {
		t.Errorf("expires -1 is a session cookie: %+v", s)
	}
	if len(ev.Storage) != 2 || ev.Storage[1].Name != "ajs_anonymous_id" || ev.Storage[1].Kind != "localStorage" || ev.Storage[1].Source != "storage-state.json: origins[0]" {
		t.Errorf("storage: %+v", ev.Storage)
	}
}

func TestCookiesTxtReadsHttpOnlyLinesAndSkipsComments(t *testing.T) {
	ev := readFixture(t, "cookies.txt")
	var names []string
	for _, c := range ev.Cookies {
		names = append(names, c.Name)
	}
	if !slices.Equal(names, []string{"_ga", "session", "IDE", "empty"}) {
		t.Fatalf("cookies %q", names)
	}
	s := ev.Cookies[1]
	if !s.HTTPOnly || !s.Session || !s.Secure || s.Domain != "www.shop.example" || s.Source != "cookies.txt: line 6" {
		t.Errorf("#HttpOnly_ line: %+v", s)
	}
	if ide := ev.Cookies[2]; ide.Domain != ".doubleclick.net" || ide.Expires.Unix() != 1788253200 || ide.HTTPOnly {
		t.Errorf("include-subdomains TRUE: %+v", ide)
	}
	if len(ev.Warnings) != 1 || !strings.Contains(ev.Warnings[0].String(), "cookies.txt: line 9: 1 fields") {
		t.Errorf("warnings: %v", ev.Warnings)
	}
}

func TestCookieEditorSameSiteValues(t *testing.T) {
	ev := readFixture(t, "cookie-editor.json")
	want := map[string]struct {
		sameSite, domain string
		session          bool
	}{
		"_ga":     {"", ".shop.example", false},    // unspecified
		"_fbp":    {"Lax", ".shop.example", false}, // hostOnly false: any subdomain
		"session": {"Strict", "www.shop.example", true},
		"IDE":     {"None", ".doubleclick.net", false}, // no_restriction
		"MUID":    {"", ".bing.com", false},            // null
	}
	if len(ev.Cookies) != len(want) {
		t.Fatalf("%d cookies", len(ev.Cookies))
	}
	for _, c := range ev.Cookies {
		w := want[c.Name]
		if c.SameSite != w.sameSite || c.Domain != w.domain || c.Session != w.session || c.Session != c.Expires.IsZero() {
			t.Errorf("%s: %+v, want %+v", c.Name, c, w)
		}
	}
	if ga := cookieNamed(ev.Cookies, "_ga"); !ga[0].Expires.Equal(time.Unix(1788253200, 5e8)) {
		t.Errorf("expirationDate keeps its fraction: %v", ga[0].Expires)
	}
}

func TestTrackerRadarCrawl(t *testing.T) {
	ev := readFixture(t, "trc-crawl.json")
	if ev.Site != "www.shop.example" || ev.Captured.Unix() != 1772355600 {
		t.Errorf("site %q captured %v", ev.Site, ev.Captured)
	}
	if len(ev.Requests) != 3 {
		t.Fatalf("requests %q (the data: URL left out)", urls(ev.Requests))
	}
	if r := ev.Requests[2]; r.Initiator != "https://www.googletagmanager.com/gtag/js?id=G-ABC1234567" || r.Type != "ping" || r.Status != 204 || r.Method != "POST" {
		t.Errorf("the closest initiator, the stack's innermost script: %+v", r)
	}
	if ga := cookieNamed(ev.Cookies, "_ga"); len(ga) != 1 || ga[0].Expires.Unix() != 1806483600 || ga[0].SameSite != "Lax" {
		t.Errorf("expires in milliseconds: %+v", ga)
	}
	if s := cookieNamed(ev.Cookies, "session"); len(s) != 1 || !s[0].Session || !s[0].HTTPOnly {
		t.Errorf("session: %+v", s)
	}
}

func TestSavedPageGivesWhatItLoadsAndItsSnippets(t *testing.T) {
	ev := readFixture(t, "page.html")
	if ev.Site != "www.shop.example" {
		t.Errorf("site %q", ev.Site)
	}
	byURL := map[string]Request{}
	for _, r := range ev.Requests {
		byURL[r.URL] = r
	}
	for u, typ := range map[string]string{
		"https://www.shop.example/css/site.css":                               "stylesheet",
		"https://fonts.gstatic.com":                                           "preconnect",
		"https://www.googletagmanager.com/gtag/js?id=G-ABC1234567":            "script",
		"https://www.facebook.com/tr?id=1234567890123&ev=PageView&noscript=1": "image",
		"https://www.googletagmanager.com/ns.html?id=GTM-ABCD123":             "iframe",
		"https://www.shop.example/img/logo.png":                               "image",
		"https://www.shop.example/img/logo@2x.png":                            "image",
		"https://cdn.shop.example/logo@3x.png":                                "image",
		"https://cdn.shop.example/hero.webp":                                  "image",
		"https://cdn.shop.example/hero.jpg":                                   "image",
		"https://media.shop.example/intro.mp4":                                "media",
		"https://www.shop.example/img/poster.jpg":                             "image",
		"https://www.youtube.com/embed/doEqUhFiQS4":                           "iframe",
		"https://player.example/flash.swf":                                    "embed",
		"https://www.googletagmanager.com/gtm.js?id=GTM-ABCD123":              "inline-snippet",
		"https://www.googletagmanager.com/gtag/js?id=AW-123456789":            "inline-snippet",
		"https://www.googletagmanager.com/gtag/js?id=UA-12345-1":              "inline-snippet",
		"https://connect.facebook.net/en_US/fbevents.js":                      "inline-snippet",
		"https://static.hotjar.com/c/hotjar-3456789.js":                       "inline-snippet",
	} {
		if r, ok := byURL[u]; !ok || r.Type != typ {
			t.Errorf("%s: %+v, want type %s", u, r, typ)
		}
	}
	if r := byURL["https://www.facebook.com/tr?id=1234567890123&ev=PageView&noscript=1"]; r.Source != "page.html: line 38: <noscript><img>" {
		t.Errorf("the noscript pixel's source: %q", r.Source)
	}
	if r := byURL["https://www.googletagmanager.com/gtm.js?id=GTM-ABCD123"]; !strings.Contains(r.Source, "page.html: line 20: inline Google Tag Manager snippet (GTM-ABCD123)") {
		t.Errorf("the GTM snippet's source: %q", r.Source)
	}
	for _, r := range ev.Requests {
		if strings.HasPrefix(r.URL, "data:") || strings.Contains(r.URL, "twitter.com") {
			t.Errorf("%s is not loaded by the page", r.URL)
		}
	}
	if len(ev.Warnings) != 0 {
		t.Errorf("warnings: %v", ev.Warnings)
	}
}

func TestPageWithoutItsAddressSaysWhyRelativeURLsAreLeft(t *testing.T) {
	ev, err := Read("p.html", strings.NewReader(`<html><script src="/a.js"></script><img src="b.png"><script src="https://cdn.example/x.js"></script>`), FormatHTML)
	if err != nil {
		t.Fatal(err)
	}
	if got := urls(ev.Requests); !slices.Equal(got, []string{"https://cdn.example/x.js"}) || ev.Site != "" {
		t.Errorf("requests %q, site %q", got, ev.Site)
	}
	if len(ev.Warnings) != 1 || !strings.Contains(ev.Warnings[0].Message, "2 relative URLs") {
		t.Errorf("warnings %v", ev.Warnings)
	}
	ev, _ = Read("p.html", strings.NewReader(`<base href="https://www.example.org/app/"><img src="b.png">`), FormatHTML)
	if got := urls(ev.Requests); !slices.Equal(got, []string{"https://www.example.org/app/b.png"}) {
		t.Errorf("with <base>: %q", got)
	}
}

func TestURLListMakesAHostItsRoot(t *testing.T) {
	ev := readFixture(t, "urls.txt")
	want := []string{
		"https://www.googletagmanager.com/gtm.js?id=GTM-ABCD123",
		"https://static.hotjar.com/",
		"https://connect.facebook.net/en_US/fbevents.js",
		"https://bat.bing.com/",
	}
	if got := urls(ev.Requests); !slices.Equal(got, want) {
		t.Errorf("requests\n%q\nwant\n%q", got, want)
	}
	if len(ev.Warnings) != 2 || !strings.HasPrefix(ev.Warnings[0].String(), "urls.txt: line 7: ") || !strings.HasPrefix(ev.Warnings[1].String(), "urls.txt: line 8: not an http") {
		t.Errorf("warnings %v", ev.Warnings)
	}
}

func TestTextFromACaptureIsCleaned(t *testing.T) {
	ev, err := Read("c.txt", strings.NewReader("evil\u202e.example\tTRUE\t/\tFALSE\t0\tna\x1b[31mme\tv\u2067al\n"), FormatCookiesTxt)
	if err != nil {
		t.Fatal(err)
	}
	// A name keeps what was dropped as a visible escape: it is not shown
	// as another cookie's name ("name"), nor run by a terminal.
	if c := ev.Cookies[0]; c.Domain != ".evil.example" || c.Name != `na\x1b[31mme` || c.Value != "val" {
		t.Errorf("%+v", c)
	}
}
