package store

import (
	"fmt"
	"strings"
	"testing"
)

// The trial's IAB list made new vendors of companies the catalogue has,
// under their registered names: a regional or holding company's name, an
// owner's name, a legal form without its dot, a zero-width space after
// the name. Each joins its catalogue vendor now, and the dry run says
// why; a company that merely starts like a catalogue vendor does not.
func TestIABRegisteredNamesJoinTheirCatalogueVendors(t *testing.T) {
	s := openReal(t)
	type rec struct {
		id       int
		name     string
		purposes string
		policy   string
	}
	recs := []rec{
		{42, "Taboola Europe Limited", "1, 2, 3, 4, 7", "https://www.taboola.com/privacy-policy"},
		{25, "Yahoo EMEA Limited", "1, 2, 3, 4, 7", "https://legal.yahoo.com/ie/en/yahoo/privacy/index.html"},
		{85, "Crimtan Holdings Limited", "1, 3, 4", "https://www.crimtan.com/privacy-policy/"},
		{115, "smartclip Europe GmbH", "1, 2, 3, 4, 7", "https://privacy-portal.smartclip.net/de/privacy-policy"},
		{351, "Samba TV UK Limited", "1, 2, 3, 4, 7", "https://samba.tv/users/privacy-policy?lang=en"},
		{511, "Admixer EU GmbH", "1, 2, 3, 4, 7", "https://admixer.com/privacy/"},
		{412, "Piano Software Inc.", "1, 2, 3, 4, 7", "https://www.piano.io/privacy-policy"},
		{596, "InsurAds Technologies SA.", "1, 2, 7", "https://www.insurads.com/privacy.html"},
		{468, "Neustar, Inc., a TransUnion company", "1, 3", "https://www.home.neustar/privacy"},
		{157, "Seedtag Advertising S.L", "1, 2, 7", "https://www.seedtag.com/en/privacy-policy/"},
		{126, "DoubleVerify Inc.\u200b", "", "https://doubleverify.com/privacy-notice/solutions-privacy-notice"},
		// Other companies: Genius Sports is not Geniuslink, Adjust
		// Digital (Denmark, adjust-digital.com) is not Adjust (Berlin),
		// Tapad is Experian's but Experian's own registration is not
		// Tapad's, nor Verve Group's Smaato's.
		{87, "Genius Sports UK Limited", "1, 2, 3, 4, 7", "https://www.geniussports.com/policies/"},
		{597, "Adjust Digital A/S", "", "https://adjust-digital.com/privacy/"},
		{877, "Experian LTD", "1, 3, 5", "https://www.experian.co.uk/privacy/"},
		{512, "Verve Group Europe GmbH", "1, 2, 3, 4, 7", "https://pubnative.net/privacy-notice/"},
	}
	var vs []string
	for _, r := range recs {
		// %q writes the zero-width space as \u200b, as JSON does.
		vs = append(vs, fmt.Sprintf(`"%d": {"id": %d, "name": %q, "purposes": [%s], "urls": [{"langId": "en", "privacy": %q}]}`, r.id, r.id, r.name, r.purposes, r.policy))
	}
	gvl := `{"vendorListVersion": 45, "vendors": {` + strings.Join(vs, ",\n") + `}}`
	rep, err := importBytes(s, "vendor-list.json", []byte(gvl), true)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"Taboola Europe Limited":              `taboola by name: "Taboola Europe Limited" is "taboola" and words for its region, holding or parent`,
		"Yahoo EMEA Limited":                  `yahoo-advertising by name: "Yahoo EMEA Limited" is "yahoo", the owner of yahoo-advertising, and words for its region, holding or parent`,
		"Crimtan Holdings Limited":            `crimtan by name: "Crimtan Holdings Limited" is "crimtan holdings", the owner of crimtan`,
		"smartclip Europe GmbH":               `smartclip by name: "smartclip Europe GmbH" is "smartclip" and words for its region, holding or parent`,
		"Samba TV UK Limited":                 `samba-tv by name: "Samba TV UK Limited" is "samba tv" and words for its region, holding or parent`,
		"Admixer EU GmbH":                     `admixer by name: "Admixer EU GmbH" is "admixer" and words for its region, holding or parent`,
		"Piano Software Inc.":                 `piano by name: "Piano Software Inc." is "piano" and words for its region, holding or parent`,
		"InsurAds Technologies SA.":           `insurads by name: "InsurAds Technologies SA." is "insurads" and words for its region, holding or parent`,
		"Neustar, Inc., a TransUnion company": `neustar by name: "Neustar, Inc., a TransUnion company" is "neustar" and words for its region, holding or parent`,
		"Seedtag Advertising S.L":             `seedtag by name: "Seedtag Advertising S.L" is "seedtag advertising", the owner of seedtag`,
		// The zero-width space is gone from the name the import keeps.
		"DoubleVerify Inc.": `doubleverify by name: "DoubleVerify Inc." is "doubleverify"`,

		"Genius Sports UK Limited": "no join",
		"Adjust Digital A/S":       "no join",
		"Experian LTD":             "no join",
		"Verve Group Europe GmbH":  "no join",
	} {
		if got := joinOf(rep, name); got != want {
			t.Errorf("%s: %s\n want %s", name, got, want)
		}
	}
	if got, want := fmt.Sprint(rep.NewVendors), "[Genius Sports UK Limited (genius-sports-uk-limited) Verve Group Europe GmbH (verve-group-europe-gmbh) Adjust Digital A/S (adjust-digital-a-s) Experian LTD (experian-ltd)]"; got != want {
		t.Errorf("new vendors %s\n want %s", got, want)
	}
}

// An entity list names a whole company: Tracker Radar's "Experian" or
// "Snap" is not the one product of it the catalogue has a card for (the
// owner rule is the IAB's registrations'), while a regional name still
// joins the vendor of that exact name.
func TestAnEntityJoinsByItsOwnerNameOnlyWithATCFId(t *testing.T) {
	s := openReal(t)
	rep, err := importBytes(s, "entities.json", []byte(`[
  {"name": "Seedtag Advertising S.L.", "category": "ad", "domains": ["seedtag-example.test"]},
  {"name": "Taboola Europe Limited", "category": "ad", "domains": ["taboola-example.test"]}]`), true)
	if err != nil {
		t.Fatal(err)
	}
	if got := joinOf(rep, "Seedtag Advertising S.L."); got != "no join" {
		t.Errorf("Seedtag Advertising S.L. without a TCF id: %s", got)
	}
	if got := joinOf(rep, "Taboola Europe Limited"); !strings.HasPrefix(got, "taboola by name") {
		t.Errorf("Taboola Europe Limited: %s", got)
	}
}
