package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// klaroService is the JSON text of the Klaro service named name, up to
// the next service.
func klaroService(config, name string) string {
	_, s, ok := strings.Cut(config, `"name": "`+name+`"`)
	if !ok {
		return ""
	}
	s, _, _ = strings.Cut(s, `"name": `)
	return s
}

// A vendor not to be blocked keeps its toggle when it stores anything that
// needs consent, though a banner cannot clear it: a third-party cookie, a
// localStorage item (review9: mytoys.de's commanders-act-marketing, with
// the one-year third-party TCID, came out "required": true, as did
// Commanders Act's analytics with _TCCookieSync in localStorage).
func TestAnUnblockedVendorStoringWhatNeedsConsentKeepsItsToggle(t *testing.T) {
	db := tempDB(t)
	r := vendex(t, db, "", "banner", "--format", "klaro", capturePath("real", "har", "mytoys.de-browsertime-chrome63.har"))
	if s := klaroService(r.stdout, "commanders-act-marketing"); r.code != 0 || !strings.Contains(s, `"required": false`) {
		t.Errorf("mytoys.de: exit %d, commanders-act-marketing is%s", r.code, s)
	}
	r = vendex(t, db, "", "banner", "--format", "klaro", "--vendors", "commanders-act")
	if s := klaroService(r.stdout, "commanders-act-analytics"); r.code != 0 || !strings.Contains(s, `"required": false`) {
		t.Errorf("--vendors commanders-act: exit %d, commanders-act-analytics is%s", r.code, s)
	}
}

// A vendor whose card says not to block it is never among the tags any
// format holds back, though it has cookies; those keep a toggle that
// clears them (review9: ferguson.com's gcm told the user to hold back
// Akamai CDN and Oracle Commerce, and --format tags put www.akamai.com's
// script in a blocked text/plain tag beside AKA_A2).
func TestAnUnblockedVendorsTagIsNeverHeldBack(t *testing.T) {
	db := tempDB(t)
	gcm := vendex(t, db, "", "banner", "--format", "gcm", capturePath("real", "har", "ferguson.com-browsertime-chrome97.har"))
	for _, line := range strings.Split(gcm.stdout, "\n") {
		if strings.Contains(line, "hold") && strings.Contains(line, "back") && (strings.Contains(line, "Akamai CDN") || strings.Contains(line, "Oracle Commerce")) {
			t.Errorf("ferguson.com's gcm: %s", line)
		}
	}
	har := filepath.Join(t.TempDir(), "ak.har")
	if err := os.WriteFile(har, []byte(`{"log":{"version":"1.2","pages":[{"id":"p","title":"https://www.shop.example/"}],"entries":[
{"pageref":"p","request":{"method":"GET","url":"https://www.shop.example/","headers":[]},"response":{"status":200,"headers":[],"content":{"mimeType":"text/html"}},"_resourceType":"document"},
{"pageref":"p","request":{"method":"GET","url":"https://www.akamai.com/app.js","headers":[]},"response":{"status":200,"headers":[{"name":"Set-Cookie","value":"AKA_A2=A; Domain=shop.example; Path=/; Max-Age=3600"}],"content":{"mimeType":"application/javascript"}},"_resourceType":"script"}
]}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tags := vendex(t, db, "", "banner", "--format", "tags", "--site", "www.shop.example", har)
	if tags.code != 0 || strings.Contains(tags.stdout, "www.akamai.com/app.js") || !strings.Contains(tags.stdout, "say not to block them): Akamai CDN") {
		t.Errorf("tags: exit %d\n%s", tags.code, tags.stdout)
	}
	klaro := vendex(t, db, "", "banner", "--format", "klaro", "--site", "www.shop.example", har)
	if s := klaroService(klaro.stdout, "akamai"); !strings.Contains(s, `"AKA_A2"`) || !strings.Contains(s, `"required": false`) {
		t.Errorf("Klaro: Akamai CDN's AKA_A2 has no toggle to clear it:%s", s)
	}
}

// A single name is a host: --site web names the site a capture of
// http://web/ (a docker-compose service) is of, and the banner is the one
// the capture gives without it (review9: --site web was refused as "a
// single name or a public suffix").
func TestASingleNameIsASite(t *testing.T) {
	db := tempDB(t)
	har := filepath.Join(t.TempDir(), "web.har")
	if err := os.WriteFile(har, []byte(`{"log":{"version":"1.2","pages":[{"id":"p","title":"http://web/"}],"entries":[
{"pageref":"p","request":{"method":"GET","url":"http://web/","headers":[]},"response":{"status":200,"headers":[],"content":{"mimeType":"text/html"}},"_resourceType":"document"},
{"pageref":"p","request":{"method":"GET","url":"https://static.hotjar.com/c/hotjar-1.js","headers":[]},"response":{"status":200,"headers":[],"content":{"mimeType":"application/javascript"}},"_resourceType":"script"}
]}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	without := vendex(t, db, "", "banner", "--format", "klaro", har)
	with := vendex(t, db, "", "banner", "--format", "klaro", "--site", "web", har)
	if without.code != 0 || with.code != 0 || with.stdout != without.stdout || !strings.Contains(with.stdout, "hotjar") {
		t.Errorf("--site web: exit %d %s; without it: exit %d %s", with.code, with.stderr, without.code, without.stderr)
	}
}

// cookieconsent offers no category whose every service is always on: a
// toggle that controls nothing (review9: mitmproxy.org's configuration had
// "functionality": {}, Amazon Web Services alone in it, not to be
// blocked); its section still shows what is in it, linked to no category.
func TestCookieConsentOffersNoToggleThatControlsNothing(t *testing.T) {
	r := vendex(t, tempDB(t), "", "banner", "--format", "cookieconsent", capturePath("real", "har", "mitmproxy.org-firefox111-devtools.har"))
	cats, _, _ := strings.Cut(r.stdout, `"language"`)
	if r.code != 0 || strings.Contains(cats, ": {}") || strings.Contains(r.stdout, `"linkedCategory": "functionality"`) ||
		!strings.Contains(r.stdout, "Always on, as they are not to be blocked: Amazon Web Services") {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
}
