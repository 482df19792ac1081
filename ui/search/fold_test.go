package search

import (
	"testing"

	"github.com/vendex/vendex/data"
)

// Typing "bucher" finds "Bücher", and typing "bücher" finds "Bucher": the
// accents are not needed, nor in the way; the match is highlighted on the
// accented letters as shown.
func TestSearchFoldsAccentsBothWays(t *testing.T) {
	x := newIndex([]data.Vendor{{ID: "buecher", Name: "Bücher.de"}, {ID: "bucher", Name: "Bucher Shop"}, {ID: "other", Name: "Other"}})
	for _, q := range []string{"bucher", "bücher", "BÜCHER"} {
		rs := x.Find(q)
		if len(rs) != 2 {
			t.Errorf("%q finds %d vendors, want both Bücher.de and Bucher Shop", q, len(rs))
		}
	}
	rs := x.Find("buc")
	for _, r := range rs {
		if x.Text(r) == "Bücher.de" {
			if got := x.Matched("buc", r); len(got) != 3 || got[1] != 1 || got[2] != 3 {
				t.Errorf("highlight of Bücher.de for buc at bytes %v, want [0 1 3]", got)
			}
		}
	}
}

// An internationalised host is shown in Unicode and found by either form.
func TestAHostIsShownInUnicodeAndFoundByEitherForm(t *testing.T) {
	x := newIndex([]data.Vendor{{ID: "stadt", Name: "Stadtportal", Domains: []data.Domain{{Host: "xn--mnchen-3ya.de"}}}, {ID: "other", Name: "Other", Domains: []data.Domain{{Host: "other.example"}}}})
	for _, q := range []string{"münchen", "munchen", "xn--mnchen-3ya"} {
		rs := x.Find(q)
		if len(rs) != 1 || x.Vendors()[rs[0].Vendor].ID != "stadt" {
			t.Fatalf("%q finds %v", q, rs)
		}
		if got := x.Text(rs[0]); got != "münchen.de" {
			t.Errorf("%q shows the host as %q, want münchen.de", q, got)
		}
	}
}
