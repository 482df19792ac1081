package search

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/ui/internal/synth"
)

// `vendex search` ranks with a Scan, reading each brief once, and the
// browser with an Index: both give the same vendors in the same order, with
// the same matched string and score, whether or not imports are present and
// whatever the query (one letter, several words, accents, an
// internationalised host, spaces around it). The Scan is shown every
// vendor as the store shows it, encoded, and passes over those its Skips
// rules out, as the command does.
func TestAScanRanksAsTheIndexDoes(t *testing.T) {
	names := synth.Names(3000)
	var vs []data.Vendor
	for i := 0; i+2 < len(names); i += 3 {
		v := data.Vendor{ID: fmt.Sprint("v", i), Name: names[i], Aliases: []string{names[i+1]},
			Domains: []data.Domain{{Host: strings.ReplaceAll(strings.ToLower(names[i+2]), " ", "-") + ".com"}}}
		if i%2 == 0 {
			v.Provenance = []data.Provenance{{Field: "name", Value: v.Name, Source: "import:tracker-radar-entity:entities.json"}}
		}
		vs = append(vs, v)
	}
	vs = append(vs,
		data.Vendor{ID: "buecher", Name: "Bücher Verlag", Domains: []data.Domain{{Host: "xn--bcher-kva.de"}}},
		data.Vendor{ID: "books", Name: "Books", Domains: []data.Domain{{Host: "xn--bcher-kva.com"}}},
		data.Vendor{ID: "zurich", Name: "Zürich Analytik", Aliases: []string{"ZA"}},
		data.Vendor{ID: "twilio", Name: "Twilio", Aliases: []string{"twilio webrtc"}, Domains: []data.Domain{{Host: "twilio.com"}, {Host: "twil.io"}}},
		data.Vendor{ID: "twilio-2", Name: "twilio", Domains: []data.Domain{{Host: "twilio.example"}}},
		// Beyond ASCII only after the first eight bytes, which the scan
		// reads eight at a time: an accent, and a Kelvin sign that k finds.
		data.Vendor{ID: "mueller", Name: "Versandhaus Müller"},
		data.Vendor{ID: "kelvin", Name: "Measurement \u212Aelvin Tools"},
	)
	queries := []string{"a", "K", "z", "7", "an", "ana", "tix", "co.uk", "Ü", "東", "bucher", "bü", "u", "twi", "twilio", " twi ", "zur an", "xn", "-", "muller", "kelvin", "elvin tools k"}
	for _, curatedOnly := range []bool{false, true} {
		if curatedOnly {
			for i := range vs {
				vs[i].Provenance = nil
			}
		}
		x := newIndex(vs)
		for _, q := range queries {
			sc := NewScan(q)
			skipped := 0
			for i := range vs {
				b := vs[i].Brief()
				if sc.Skips(data.AppendBrief(nil, b)) {
					skipped++
					continue
				}
				sc.Add(b)
			}
			got, want := sc.Results(), x.Find(q)
			if len(got) != len(want) {
				t.Fatalf("%q (imports %v): the scan finds %d vendors, the index %d", q, !curatedOnly, len(got), len(want))
			}
			for i, w := range want {
				g := got[i]
				if g.Vendor.ID != x.Vendors()[w.Vendor].ID || g.Text != x.Text(w) || g.Score != int(w.Score) || g.Field != w.Field {
					t.Fatalf("%q (imports %v): %d-th is %s (%q, %d), the index's %s (%q, %d)", q, !curatedOnly, i,
						g.Vendor.ID, g.Text, g.Score, x.Vendors()[w.Vendor].ID, x.Text(w), w.Score)
				}
			}
			if q == "tix" && skipped == 0 {
				t.Errorf("%q: Skips passed over no vendor", q)
			}
		}
	}
}
