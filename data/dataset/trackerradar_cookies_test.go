package dataset

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
)

// Records shaped like Tracker Radar's GB crawl (9,954 sites, so a cookie on
// one site has prevalence 0.0001): a consent manager's script on 2 sites
// (a site and its www.), one on 13, Google Analytics' on 2,106.
const trCookieRecords = `{"domain":"osano.example","owner":{"name":"Osano, Inc.","displayName":"Osano"},"categories":["Consent Management Platform"],"sites":2,"resources":[{"rule":"osano\\.example\\/osano\\.js","sites":2,"prevalence":0.000201,"firstPartyCookies":{"_ga":{"ttl":63072000,"prevalence":0.000201},"_fs_sample_user":{"ttl":31536000,"prevalence":0.000201},"osano_consentmanager":{"ttl":31536000,"prevalence":0.000201}}}]}
{"domain":"cookieinfo.example","owner":{"name":"Cookie Information A/S","displayName":"Cookie Information"},"categories":["Consent Management Platform"],"sites":13,"resources":[{"rule":"cookieinfo\\.example\\/uc\\.js","sites":13,"prevalence":0.00131,"firstPartyCookies":{"_ga":{"ttl":63072006,"prevalence":0.00020092425155716296},"_ga_9D2G5XJQB8":{"ttl":63072003,"prevalence":0.00010046212577858148},"_clsk":{"ttl":86404,"prevalence":0.0004018485031143259},"CookieInformationConsent":{"ttl":31536000,"prevalence":0.00120554550934}}}]}
{"domain":"ga.example","owner":{"name":"Google LLC","displayName":"Google"},"categories":["Analytics"],"sites":4541,"resources":[{"rule":"ga\\.example\\/analytics\\.js","sites":2106,"prevalence":0.212,"firstPartyCookies":{"_ga":{"ttl":63072003,"prevalence":0.17379947759694594},"_gid":{"ttl":86403,"prevalence":0.17400040184850313},"_gat_gtag_UA_541605_4":{"ttl":62,"prevalence":0.00010046212577858148}}}]}
`

func cookieNames(v *data.Vendor) string {
	var ns []string
	for _, st := range v.Storage {
		ns = append(ns, st.Name)
	}
	return strings.Join(ns, " ")
}

// A script that wraps document.cookie is recorded setting the site's own
// cookies: those seen on a site or two stay off its vendor, the ones its
// script sets on most of its sites stay on, and the import says how many
// names it left out.
func TestTrackerRadarLeavesSitesCookiesOffTheScriptsVendor(t *testing.T) {
	vs, ws, err := ReadBytes(FormatTRDomain, "domains.jsonl", []byte(trCookieRecords))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"Osano":              "",                         // one site, seen as two, is too few to tell even its own cookie
		"Cookie Information": "CookieInformationConsent", // _clsk is Microsoft Clarity's, on 4 of its 13 sites
		"Google":             "_ga _gid",
	} {
		v := byName(vs, name)
		if v == nil {
			t.Fatalf("no vendor %s in %+v", name, vs)
		}
		if got := cookieNames(v); got != want {
			t.Errorf("%s's cookies: %q, want %q", name, got, want)
		}
	}
	if len(ws) != 1 || ws[0].Line != 0 || !strings.Contains(ws[0].Message, "left out 6 cookie names") {
		t.Errorf("warnings: %v", ws)
	}
}

// On the real GB crawl, no consent manager keeps _ga or a site's own
// cookies, and the cookies the embedded catalogue gives the same vendors
// are still read.
func TestTrackerRadarGBCookiesStayWithTheirVendors(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "datasets", "tracker-radar", "domains-GB.jsonl")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("public datasets not found: %v", err)
	}
	vs, _, err := ReadBytes(FormatTRDomain, "domains-GB.jsonl", b)
	if err != nil {
		t.Fatal(err)
	}
	byHost := func(host string) *data.Vendor {
		for i := range vs {
			if data.HasDomain(vs[i].Domains, host) {
				return &vs[i]
			}
		}
		t.Fatalf("no vendor has %s", host)
		return nil
	}
	has := func(v *data.Vendor, name string) bool {
		return data.HasStorage(v.Storage, data.StorageItem{Kind: data.Cookie, Name: name})
	}
	for _, host := range []string{"osano.com", "cookieinformation.com", "enzuzo.com", "transcend-cdn.com", "visualwebsiteoptimizer.com"} {
		v := byHost(host)
		for _, st := range v.Storage {
			if st.Name == "_ga" || strings.HasPrefix(st.Name, "_ga_") || strings.HasPrefix(st.Name, "_gat_") || st.Name == "_fs_sample_user" {
				t.Errorf("%s (%s) keeps %s", v.Name, host, st.Name)
			}
		}
	}
	for host, names := range map[string][]string{
		"google-analytics.com":       {"_ga", "_gid"},
		"cookielaw.org":              {"OptanonConsent", "OTGPPConsent"},
		"visualwebsiteoptimizer.com": {"_vwo_uuid_v2", "_vis_opt_s", "_vwo_uuid"},
		"go-mpulse.net":              {"RT"},                    // Akamai mPulse's own, on an analytics domain
		"azure.com":                  {"ai_user", "ai_session"}, // Application Insights, not served for a customer
		"msecnd.net":                 {"ai_user"},               // the same, on a CDN filed under Analytics too
		"youtube.com":                {"TESTCOOKIESENABLED"},    // filed under CDN among Google's own services
	} {
		v := byHost(host)
		for _, n := range names {
			if !has(v, n) {
				t.Errorf("%s (%s) lost %s", v.Name, host, n)
			}
		}
	}
	// A CDN's or a tag manager's customers' cookies (the second trial's
	// sessionId, domain, country, SWID, LBGc3) stay off it; Tealium's own
	// utag_main is the embedded catalogue's (data/vendors/tealium.json).
	for host, names := range map[string][]string{
		"d2ip7iv1l4ergv.cloudfront.net":           {"sessionId"},
		"assets-horizon-online.azurewebsites.net": {"domain"},
		"stls.edgesuite.net":                      {"country"},
		"go.com.edgekey.net":                      {"SWID"},
		"sfdcstatic.com.edgekey.net":              {"sfdcConsent"},
		"tiqcdn.com":                              {"LBGc3", "CONSENTMGR", "utag_main"},
	} {
		v := byHost(host)
		for _, n := range names {
			if has(v, n) {
				t.Errorf("%s (%s) takes its customer's %s", v.Name, host, n)
			}
		}
	}
}

// Records shaped like Tracker Radar's: a tag manager's utag.js for one
// bank, a widget on a CDN host, and a script requested at a customer's
// own host name that aliases the CDN's. Their cookies are the customers',
// so no vendor takes them, and the import counts them apart; a CDN among
// its owner's own services' categories (youtube.com's) keeps its own.
func TestTrackerRadarLeavesCustomersCookiesOffCDNsAndTagManagers(t *testing.T) {
	const records = `{"domain":"tiqcdn.example","owner":{"name":"Tealium Inc."},"categories":["Analytics","Tag Manager"],"resources":[{"rule":"tiqcdn\\.example\\/utag\\/lbg\\/main\\/prod\\/utag\\.js","sites":13,"prevalence":0.0013,"firstPartyCookies":{"LBGc3":{"ttl":7776003,"prevalence":0.0011}}}]}
{"domain":"d2ip.cloudfront.example","owner":{"name":"Amazon Technologies, Inc."},"categories":["CDN"],"resources":[{"rule":"d2ip\\.cloudfront\\.example\\/widget\\.js","sites":4,"prevalence":0.0004,"firstPartyCookies":{"sessionId":{"ttl":1206,"prevalence":0.0004}}}]}
{"domain":"go.com.edgekey.example","owner":{"name":"Akamai Technologies"},"categories":[],"resources":[{"rule":"go\\.com\\.edgekey\\.example\\/OneID\\.js","sites":7,"prevalence":0.0007,"cnames":[{"original":"cdn.registerdisney.go.com","resolved":"go.com.edgekey.example"}],"firstPartyCookies":{"SWID":{"ttl":31536013,"prevalence":0.0004}}}]}
{"domain":"mpulse.example","owner":{"name":"Akamai Technologies"},"categories":["Analytics"],"resources":[{"rule":"mpulse\\.example\\/boomerang","sites":5,"prevalence":0.0005,"firstPartyCookies":{"RT":{"ttl":604813,"prevalence":0.0005}}}]}
{"domain":"yt.example","owner":{"name":"Google LLC"},"categories":["Ad Motivated Tracking","CDN","Embedded Content"],"resources":[{"rule":"yt\\.example\\/player\\.js","sites":40,"prevalence":0.004,"firstPartyCookies":{"TESTCOOKIESENABLED":{"ttl":60,"prevalence":0.003},"sessionId":{"ttl":1206,"prevalence":0.0001},"_ga":{"ttl":63072000,"prevalence":0.0001}}}]}
`
	vs, ws, err := ReadBytes(FormatTRDomain, "domains.jsonl", []byte(records))
	if err != nil {
		t.Fatal(err)
	}
	// Google's own player sets its own cookie though youtube.com is filed
	// under CDN too, among its own services' categories.
	for name, want := range map[string]string{"Tealium Inc.": "", "Amazon Technologies, Inc.": "", "Akamai Technologies": "RT", "Google LLC": "TESTCOOKIESENABLED"} {
		v := byName(vs, name)
		if v == nil {
			t.Fatalf("no vendor %s in %+v", name, vs)
		}
		if got := cookieNames(v); got != want {
			t.Errorf("%s's cookies: %q, want %q", name, got, want)
		}
	}
	// sessionId, left out both ways, counts once: the other is _ga.
	if len(ws) != 2 || ws[0].Line != 0 || !strings.Contains(ws[0].Message, "left out 3 cookie names set by scripts a CDN or a tag manager serves") ||
		!strings.Contains(ws[1].Message, "left out 1 other cookie names seen set") {
		t.Errorf("warnings: %v", ws)
	}
}
