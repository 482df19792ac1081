package search

import (
	"bytes"
	"fmt"
	"reflect"
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
// rules out, as the command does: in briefs as this vendex writes them,
// with their letters, and as an older one wrote them, without.
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
		// A long s, which a search takes for s, and which no accent folds.
		data.Vendor{ID: "longs", Name: "Maſter Data"},
		// A company's products, listed most loaded first (companyGroup):
		// the catalogue's ids, so that data.PrevalenceRank knows them.
		data.Vendor{ID: "google-pay", Name: "Google Pay"},
		data.Vendor{ID: "google-analytics", Name: "Google Analytics", Aliases: []string{"ga"}},
		data.Vendor{ID: "google-fonts", Name: "Fonts", Aliases: []string{"google fonts"}},
		data.Vendor{ID: "google-tag-manager", Name: "GTM", Aliases: []string{"Google-Tag-Manager"}, Domains: []data.Domain{{Host: "google.tagmanager.example"}}},
		data.Vendor{ID: "googleish", Name: "Google Nobody Loads"},
		data.Vendor{ID: "google-ads", Name: "Googleads"},
	)
	queries := []string{"google", "GOOGLE ", "google a", "ga", "a", "K", "z", "7", "an", "ana", "tix", "co.uk", "Ü", "東", "bucher", "bü", "u", "twi", "twilio", " twi ", "zur an", "xn", "-", "muller", "kelvin", "elvin tools k", "master", "MAS"}
	for _, c := range []struct {
		curatedOnly, older bool
	}{{false, false}, {true, false}, {false, true}, {true, true}} {
		curatedOnly := c.curatedOnly
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
				raw := data.AppendBrief(nil, b)
				if c.older {
					raw = olderBrief(t, raw)
				}
				if sc.Skips(raw) {
					skipped++
					continue
				}
				sc.Add(b)
			}
			got, want := sc.Results(), x.Find(q)
			if len(got) != len(want) {
				t.Fatalf("%q (imports %v, older briefs %v): the scan finds %d vendors, the index %d", q, !curatedOnly, c.older, len(got), len(want))
			}
			for i, w := range want {
				g := got[i]
				if g.Vendor.ID != x.Vendors()[w.Vendor].ID || g.Text != x.Text(w) || g.Score != int(w.Score) || g.Field != w.Field {
					t.Fatalf("%q (imports %v, older briefs %v): %d-th is %s (%q, %d), the index's %s (%q, %d)", q, !curatedOnly, c.older, i,
						g.Vendor.ID, g.Text, g.Score, x.Vendors()[w.Vendor].ID, x.Text(w), w.Score)
				}
			}
			if q == "tix" && skipped == 0 {
				t.Errorf("%q: Skips passed over no vendor", q)
			}
		}
	}
}

// olderBrief is raw as a vendex before briefs kept their letters wrote it:
// without them, and without the flags that say they follow.
func olderBrief(t *testing.T, raw []byte) []byte {
	t.Helper()
	if _, _, ok := data.BriefLetters(raw); !ok {
		t.Fatal("a brief written now has no letters")
	}
	old := bytes.Clone(raw[:len(raw)-8])
	old[1] &^= 1<<3 | 1<<4
	var d data.BriefDecoder
	b, err1 := d.Decode("x", raw)
	o, err2 := d.Decode("x", old)
	if _, _, ok := data.BriefLetters(old); ok || err1 != nil || err2 != nil || !reflect.DeepEqual(b, o) {
		t.Fatalf("the older form of a brief: %+v, %v; want %+v", o, err2, b)
	}
	return old
}
