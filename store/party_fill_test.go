package store

import (
	"testing"

	"github.com/vendex/vendex/data"
)

// `vendex cookie NAME` says a cookie's party where a source shows it: the
// cookies of software the site runs on its own server (Magento, XenForo,
// vBulletin, WordPress, WooCommerce) and of a Wix site are set on the
// site's own domain, Tracker Radar's GB crawl saw Shopify's Buy Button
// set _y on the sites that embed it, Cloudflare sets its challenge cookies
// from the proxy answering for the site's own hostname, and Matomo's FAQ
// calls its tracking code's cookies first-party. Each was blank before, which
// a declaration can only call "not published".
func TestCookieSaysThePartyASourceShows(t *testing.T) {
	s := embeddedStore(t)
	for name, vendor := range map[string]string{
		"xf_session":                  "xenforo",
		"bbsessionhash":               "vbulletin",
		"mage-cache-sessid":           "magento",
		"wordpress_logged_in_0123abc": "wordpress",
		"woocommerce_recently_viewed": "woocommerce",
		"_wixCIDX":                    "wix",
		"_y":                          "shopify",
		"cf_chl_rc_ni":                "cloudflare",
		"_pk_hsr.1.abcd":              "matomo",
	} {
		ms, err := s.ByCookie(name)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range ms {
			if m.VendorID != vendor {
				continue
			}
			found = true
			if m.Item.Party != data.FirstParty {
				t.Errorf("cookie %s: %s's %s has party %q; want first", name, vendor, m.Item.Name, m.Item.Party)
			}
		}
		if !found {
			t.Errorf("cookie %s: no answer from %s (%v)", name, vendor, ms)
		}
	}
}
