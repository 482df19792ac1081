package store

import (
	"fmt"
	"strings"
	"testing"
)

// An IAB registration under a company's name is the product whose own
// servers publish its storage disclosure: ByteDance's is Pangle's (not the
// TikTok embeds card, whose alias "bytedance" is), Nexxen's two are
// Amobee's and Unruly's, Virtual Minds' are its ADITION/Yieldlab/ADEX
// card, Magnite's outstream and CTV ones Magnite's and Telaria's; Google's
// own joins Google Ads by its registered name (an alias there). A file
// on a company's static hosts (Google's www.gstatic.com) or on a storage
// bucket names no vendor, and a record whose name shares no word with the
// host's vendor does not join it.
func TestIABRecordsJoinTheVendorThatServesTheirStorageDisclosure(t *testing.T) {
	s := openReal(t)
	type rec struct {
		id        int
		name, dsu string
		purposes  string
		policy    string
	}
	recs := []rec{
		{986, "BYTEDANCE PTE. LTD.", "https://www.pangleglobal.com/tcfstoragedisclosure.json", "1, 3, 4", "https://www.pangleglobal.com/privacy"},
		{23, "Nexxen Inc.", "https://services.amobee.com/files/TCFDisclosure", "1, 2, 3, 4", "https://www.amobee.com/privacy"},
		{36, "Nexxen Group LLC", "https://video.unrulymedia.com/deviceStorageDisclosure.json", "1, 3, 4", "https://unruly.co/legal/privacy/"},
		{39, "ADITION (Virtual Minds GmbH)", "https://imagesrv.adition.com/tcf/deviceStorage_adition.json", "1, 2, 3, 4", "https://www.adition.com/privacy"},
		{70, "Yieldlab (Virtual Minds GmbH)", "https://ad.yieldlab.net/deviceStorage.json", "1, 2, 3, 4", "https://www.yieldlab.com/privacy"},
		{102, "Magnite, Inc. (Outstream)", "https://gdpr.rubiconproject.com/slimcut/devicestoragedisclosure.json", "1", "https://www.magnite.test/privacy"},
		{202, "Magnite CTV, Inc.", "https://cdn.tremorhub.com/mctv/devicestoragedisclosure.json", "1, 3, 4", "https://www.magnite.test/privacy"},
		{47, "ADMAN - Phaistos Networks, S.A.", "https://static.adman.gr/phaistos_ads_cookies_disclosure.json", "1, 3, 4", "https://www.adman.gr/privacy"},
		// Not theirs: a company's static host, a bucket, a stranger.
		{755, "Google Advertising Products", "https://www.gstatic.com/iabtcf/deviceStorageDisclosure.json", "1, 2, 3, 4", "https://business.safety.google/privacy"},
		{9003, "Quillfeather Media Ltd", "https://www.gstatic.com/iabtcf/quillfeather.json", "1, 3", "https://quillfeather.test/privacy"},
		{9002, "Amazon Example Panel Ltd", "https://example-panel-tcf.s3-eu-west-1.amazonaws.com/deviceStorage.json", "1, 3", "https://example-panel.test/privacy"},
		{9001, "Example Measure Ltd", "https://cdn.taboola.com/disclosure.json", "1, 3", "https://example-measure.test/privacy"},
	}
	var vs []string
	for _, r := range recs {
		vs = append(vs, fmt.Sprintf(`"%d": {"id": %d, "name": %q, "purposes": [%s], "urls": [{"langId": "en", "privacy": %q}], "deviceStorageDisclosureUrl": %q}`,
			r.id, r.id, r.name, r.purposes, r.policy, r.dsu))
	}
	gvl := `{"vendorListVersion": 45, "vendors": {` + strings.Join(vs, ",\n") + `}}`
	rep, err := importBytes(s, "vendor-list.json", []byte(gvl), true)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"BYTEDANCE PTE. LTD.":             "pangle by domain: storage disclosure on www.pangleglobal.com",
		"Nexxen Inc.":                     "amobee by domain: storage disclosure on services.amobee.com",
		"Nexxen Group LLC":                "unruly by domain: storage disclosure on video.unrulymedia.com",
		"ADITION (Virtual Minds GmbH)":    "virtual-minds by domain: storage disclosure on imagesrv.adition.com",
		"Yieldlab (Virtual Minds GmbH)":   "virtual-minds by domain: storage disclosure on ad.yieldlab.net",
		"Magnite, Inc. (Outstream)":       "magnite by domain: storage disclosure on gdpr.rubiconproject.com",
		"Magnite CTV, Inc.":               "telaria by domain: storage disclosure on cdn.tremorhub.com",
		"ADMAN - Phaistos Networks, S.A.": `adman-phaistos by name: "ADMAN - Phaistos Networks, S.A." is "adman phaistos networks"`,
		"Google Advertising Products":     `google-ads by name: "Google Advertising Products" is "google advertising products"`,
		"Quillfeather Media Ltd":          "no join",
		"Amazon Example Panel Ltd":        "no join",
		"Example Measure Ltd":             "no join",
	} {
		if got := joinOf(rep, name); got != want {
			t.Errorf("%s: %s\n want %s", name, got, want)
		}
	}
}
