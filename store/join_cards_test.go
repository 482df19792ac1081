package store

import "testing"

// Two companies' registrations join the right cards: SpotX (Magnite's,
// per the privacy policy and disclosure its IAB entry linked) is no new
// vendor beside Magnite's card, which lists spotxchange.com; Phaistos
// Networks' ADMAN (adman.gr) is not AdMan Media (admanmedia.com).
func TestSpotXIsMagniteAndADMANIsPhaistosNetworks(t *testing.T) {
	s := openReal(t)
	ovk := []byte(`{"vendorListVersion": 7, "vendors": [
  {"id": 165, "name": "SpotX, Inc.", "domains": ["*.spotxchange.com"]},
  {"id": 47, "name": "ADMAN - Phaistos Networks, S.A.", "domains": ["*.adman.gr"]},
  {"id": 149, "name": "ADman Interactive SLU", "domains": ["*.admanmedia.com"]}]}`)
	rep, err := importBytes(s, "ovk_vendorinfo.json", ovk, true)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"SpotX, Inc.":                     `magnite by name: "SpotX, Inc." is "spotx"`,
		"ADMAN - Phaistos Networks, S.A.": `adman-phaistos by name: "ADMAN - Phaistos Networks, S.A." is "adman phaistos networks"`,
		"ADman Interactive SLU":           "adman-media by domain: 1 of 1 hosts: admanmedia.com",
	} {
		if got := joinOf(rep, name); got != want {
			t.Errorf("%s: %s\n want %s", name, got, want)
		}
	}
	if len(rep.NewVendors) != 0 {
		t.Errorf("new vendors %v; want none", rep.NewVendors)
	}
}
