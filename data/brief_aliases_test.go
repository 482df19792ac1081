package data

import (
	"slices"
	"testing"
)

// A brief lists the aliases the catalogue gives before those only an import
// gives, and says how many are its own, through the store's encoding too;
// an older brief without the count calls every alias the vendor's own.
// A retired product's brief says so.
func TestABriefKnowsWhichAliasesOnlyImportsGive(t *testing.T) {
	v := Vendor{ID: "ga", Name: "Google Analytics", Aliases: []string{"Google AMP", "gtag"}, Provenance: []Provenance{
		{Field: "aliases", Value: "Google AMP", Source: "import:third-party-web:entities.json"},
		{Field: "aliases", Value: "gtag", Source: EmbeddedSource},
	}}
	b := v.Brief()
	if !slices.Equal(b.Aliases, []string{"gtag", "Google AMP"}) || b.OwnAliases != 1 {
		t.Fatalf("brief aliases %q, own %d; want gtag first, one own", b.Aliases, b.OwnAliases)
	}
	var d BriefDecoder
	got, err := d.Decode("ga", AppendBrief(nil, b))
	if err != nil || got.OwnAliases != 1 || !slices.Equal(got.Aliases, b.Aliases) {
		t.Errorf("decoded: %+v, %v", got, err)
	}
	v.Provenance = nil
	if b := v.Brief(); b.OwnAliases != 2 {
		t.Errorf("a card of the embedded catalogue alone: %d own aliases of 2", b.OwnAliases)
	}
	r := Vendor{ID: "optimize", Name: "Google Optimize", Retired: "2023-09-30"}
	if got, _ := d.Decode("optimize", AppendBrief(nil, r.Brief())); !got.Retired {
		t.Errorf("a retired product's brief, decoded, is not retired")
	}
	old := AppendBrief(nil, Brief{Name: "X", Aliases: []string{"a", "b"}, OwnAliases: 2})
	if got, _ := d.Decode("x", old); got.OwnAliases != 2 {
		t.Errorf("a brief without the count: %d own aliases of 2", got.OwnAliases)
	}
}
