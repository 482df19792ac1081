package search

import (
	"slices"
	"testing"

	"github.com/vendex/vendex/data"
)

func importedOnly(id, name string) data.Vendor {
	return data.Vendor{ID: id, Name: name, Provenance: []data.Provenance{{Field: "name", Value: name, Source: "import:tracker-radar-entity:entities.json"}}}
}

func TestCuratedVendorsListBeforeImportedOnes(t *testing.T) {
	vs := []data.Vendor{
		importedOnly("two-wynn", "Twin Wynn"),
		importedOnly("twi-media", "Twi Media"),
		{ID: "twilio", Name: "Twilio", Aliases: []string{"twilio webrtc"}},
		{ID: "x-embeds", Name: "X (Twitter) embeds", Aliases: []string{"twitter"}},
		importedOnly("aaa", "AAA Imported"),
	}
	x := newIndex(vs)
	got := x.Find("twi")
	if len(got) < 4 {
		t.Fatalf("want four matches for twi, got %d", len(got))
	}
	names := func(ix *Index, rs []Result) []string {
		var out []string
		for _, r := range rs {
			out = append(out, ix.Vendors()[r.Vendor].Name)
		}
		return out
	}
	if n := names(x, got); n[0] != "Twilio" || n[1] != "X (Twitter) embeds" {
		t.Errorf("typing twi lists %q; the catalogue's vendors should come first", n)
	}
	if n := names(x, x.Find("")); n[0] != "Twilio" || n[len(n)-1] != "Twin Wynn" {
		t.Errorf("the whole list is %q; catalogue vendors first, each group by name", n)
	}
	// Without imports nothing changes: pure fuzzy order, ties by name.
	y := newIndex(vs[2:4])
	if n := names(y, y.Find("twi")); n[0] != "Twilio" {
		t.Errorf("catalogue only: %q", n)
	}
}

// An imported vendor whose name starts a word with the query ranks above
// catalogue vendors that only match it loosely; among such strong matches
// the catalogue's still come first.
func TestAStrongImportedMatchBeatsALooseCatalogueOne(t *testing.T) {
	vs := []data.Vendor{
		{ID: "adaptive", Name: "Adaptive Radar Analytics"},
		{ID: "adobe-ads", Name: "Adobe Advertising", Aliases: []string{"adobe ad cloud"}},
		importedOnly("adara-media", "ADARA MEDIA UNLIMITED"),
		{ID: "rategain-adara", Name: "RateGain Adara"},
	}
	x := newIndex(vs)
	var got []string
	for _, r := range x.Find("adara") {
		got = append(got, x.Vendors()[r.Vendor].ID)
	}
	if len(got) != 3 || got[0] != "rategain-adara" || got[1] != "adara-media" || got[2] != "adaptive" {
		t.Errorf("adara lists %q; want the catalogue's RateGain Adara, then the imported ADARA MEDIA UNLIMITED, then loose matches", got)
	}
}

// Typing a vendor's name, an alias or its id, in any case or punctuation,
// lists that vendor first: before the vendors the query starts a word of,
// the catalogue's named vendors before an import's, each group in fuzzy
// order; in the list and in vendex search alike.
func TestTypingAnAliasListsItsVendorFirst(t *testing.T) {
	vs := []data.Vendor{
		{ID: "google-analytics", Name: "Google Analytics", Aliases: []string{"GA", "ga.js"}},
		{ID: "groovinads", Name: "GroovinAds"},
		{ID: "gauges", Name: "Gauges"},
		{ID: "amap", Name: "AMap (Gaode Maps) JavaScript API", Aliases: []string{"gaode"}},
		importedOnly("g-a-media", "G.A. Media"),
		importedOnly("ga-ltd", "GA Ltd"),
		importedOnly("ga-tracker", "GA Tracker"),
		importedOnly("ga-quoted", "'GA'"),
		{ID: "recaptcha", Name: "Google reCAPTCHA"},
		{ID: "recaptcha-v3", Name: "reCAPTCHA v3"},
	}
	x := newIndex(vs)
	scan := func(q string) []string { return scanIDs(q, vs) }
	for q, want := range map[string][]string{
		"ga":               {"google-analytics", "ga-ltd", "ga-quoted", "amap", "gauges", "ga-tracker", "groovinads", "recaptcha", "g-a-media"},
		"GA":               {"google-analytics", "ga-ltd", "ga-quoted", "amap", "gauges", "ga-tracker", "groovinads", "recaptcha", "g-a-media"},
		"g.a. media":       {"g-a-media"},
		"google analytics": {"google-analytics"},
		"Gauges":           {"gauges"},
		"groovinads":       {"groovinads"},
		"reCAPTCHA":        {"recaptcha", "recaptcha-v3"}, // its id
	} {
		var got []string
		for _, r := range x.Find(q) {
			got = append(got, x.Vendors()[r.Vendor].ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("typing %q lists %q, want %q", q, got, want)
		}
		if got := scan(q); !slices.Equal(got, want) {
			t.Errorf("vendex search %q lists %q, want %q", q, got, want)
		}
	}
	// Without imports the vendor named still leads fuzzy's order.
	y := newIndex(vs[:4])
	if r := y.Find("ga"); y.Vendors()[r[0].Vendor].ID != "google-analytics" {
		t.Errorf("catalogue only: typing ga lists %s first", y.Vendors()[r[0].Vendor].Name)
	}
}

// Typing a company's name ("google") lists the vendors whose name or own
// alias it starts as whole words, most loaded on the web first
// (data.PrevalenceRank: Google Fonts, Analytics, Tag Manager before Google
// Pay), after any vendor it names and before the rest in fuzzy's order;
// fuzzy's score alone listed the shortest names first and Google Analytics
// 17th (trial6). A vendor few sites load, or only an import knows, keeps
// its fuzzy place; a host or a longer word ("googleads") leads nothing.
func TestTypingACompanyNameListsItsMostLoadedProductsFirst(t *testing.T) {
	vs := []data.Vendor{
		{ID: "google-pay", Name: "Google Pay"},
		{ID: "google-analytics", Name: "Google Analytics", Aliases: []string{"ga"}},
		{ID: "google-fonts", Name: "Fonts", Aliases: []string{"google fonts"}},
		{ID: "google-tag-manager", Name: "Google Tag Manager"},
		{ID: "googleish", Name: "Google Nobody Loads"},
		{ID: "google-ads", Name: "Ads", Aliases: []string{"Googleads"}, Domains: []data.Domain{{Host: "google.ads.example"}}},
		{ID: "google", Name: "Google"},
		importedOnly("google-llc-import", "Google Imported Thing"),
	}
	if data.PrevalenceRank("google-fonts") >= data.PrevalenceRank("google-analytics") || data.PrevalenceRank("google-tag-manager") >= data.PrevalenceRank("google-pay") {
		t.Fatalf("the prevalence order changed (%d %d %d %d): fix the expectation", data.PrevalenceRank("google-fonts"), data.PrevalenceRank("google-analytics"), data.PrevalenceRank("google-tag-manager"), data.PrevalenceRank("google-pay"))
	}
	want := []string{"google", "google-fonts", "google-analytics", "google-tag-manager", "google-pay", "google-ads", "googleish", "google-llc-import"}
	for _, imports := range []bool{false, true} {
		list := vs
		if !imports {
			list = vs[:len(vs)-1]
		}
		x := newIndex(list)
		for _, q := range []string{"google", "Google", "GOOGLE"} {
			var got []string
			for _, r := range x.Find(q) {
				got = append(got, x.Vendors()[r.Vendor].ID)
			}
			scanned := scanIDs(q, list)
			w := want[:len(list)]
			if !slices.Equal(got, w) || !slices.Equal(scanned, w) {
				t.Errorf("imports %v: typing %q lists %q, vendex search %q; want %q", imports, q, got, scanned, w)
			}
		}
	}
}

// scanIDs is the ids a Scan of q over every vendor's brief lists, in its
// order: what search lists from the stored briefs, beside Find's.
func scanIDs(q string, vs []data.Vendor) []string {
	sc := NewScan(q)
	for i := range vs {
		sc.Add(vs[i].Brief())
	}
	var ids []string
	for _, h := range sc.Results() {
		ids = append(ids, h.Vendor.ID)
	}
	return ids
}
