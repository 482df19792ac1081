package search

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/ui/internal/synth"
)

// The browser's first screen is drawn from the first vendors of the list
// before the rest is read: First, shown every brief encoded in any order
// (as the store shows them, each valid only during its call), keeps the
// same vendors, in the same order, as the list the whole index gives with
// no query, and counts them all; an older file's briefs, given without
// their encoding, are kept and counted alike.
func TestTheFirstVendorsAreTheListsFirst(t *testing.T) {
	names := synth.Names(2000)
	var vs []data.Vendor
	for i, n := range names {
		v := data.Vendor{ID: fmt.Sprintf("v%04d", i), Name: n}
		if i%3 != 0 {
			v.Provenance = []data.Provenance{{Field: "name", Value: n, Source: "import:tracker-radar-entity:entities.json"}}
		}
		vs = append(vs, v)
	}
	// Names that order alike but for case, that share their first eight
	// bytes, that start beyond ASCII, and one name twice (the id decides).
	for i, n := range []string{"Twilio", "twilio", "TWILIO", "Analytics One", "analytics two", "Analytics", "Über", "über Ads", "Éclair", "A", "a", "Ab", "Ab"} {
		vs = append(vs, data.Vendor{ID: fmt.Sprintf("x%02d", i), Name: n})
		vs = append(vs, data.Vendor{ID: fmt.Sprintf("y%02d", i), Name: n, Provenance: []data.Provenance{{Field: "name", Value: n, Source: "import:tracker-radar-entity:entities.json"}}})
	}
	want := newIndex(vs).Find("")
	x := newIndex(vs)
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 20, 256, len(vs) - 1, len(vs), len(vs) + 5} {
		for _, older := range []bool{false, true} {
			r.Shuffle(len(vs), func(i, j int) { vs[i], vs[j] = vs[j], vs[i] })
			f := NewFirst(n)
			var d data.BriefDecoder
			var buf []byte
			skipped := 0
			for i := range vs {
				if older {
					f.Add(vs[i].Brief())
					continue
				}
				buf = data.AppendBrief(buf[:0], vs[i].Brief())
				if f.Skips(buf) {
					skipped++
					continue
				}
				b, err := d.View([]byte(vs[i].ID), buf)
				if err != nil {
					t.Fatal(err)
				}
				f.Add(b)
				// The bytes the brief was read from are gone.
				for k := range buf {
					buf[k] = '#'
				}
			}
			got := f.Briefs()
			if f.Total() != len(vs) || len(got) != min(n, len(vs)) || f.Complete() != (n >= len(vs)) {
				t.Fatalf("first %d (older %v): %d kept of %d counted, complete %v; want %d of %d", n, older, len(got), f.Total(), f.Complete(), min(n, len(vs)), len(vs))
			}
			for i, b := range got {
				w := x.Vendors()[want[i].Vendor]
				if b.ID != w.ID || b.Name != w.Name {
					t.Fatalf("first %d (older %v): the %d-th is %s %q, the list's %s %q", n, older, i, b.ID, b.Name, w.ID, w.Name)
				}
			}
			if !older && n == 20 && skipped < len(vs)/2 {
				t.Errorf("first 20: Skips passed over only %d of %d vendors", skipped, len(vs))
			}
		}
	}
}
