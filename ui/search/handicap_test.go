package search

import (
	"testing"

	"github.com/vendex/vendex/data"
)

// withImportedAliases is v as a merged record whose last aliases only an
// import gives.
func withImportedAliases(v data.Vendor, imported ...string) data.Vendor {
	for _, a := range v.Aliases {
		v.Provenance = append(v.Provenance, data.Provenance{Field: "aliases", Value: a, Source: data.EmbeddedSource})
	}
	for _, a := range imported {
		v.Aliases = append(v.Aliases, a)
		v.Provenance = append(v.Provenance, data.Provenance{Field: "aliases", Value: a, Source: "import:third-party-web:entities.json"})
	}
	return v
}

// After importing the datasets, "analytics" found Roistat first through
// B-Analytics, an alias an import gave it, one point above Google
// Analytics' own analytics.js; and "goo" showed Google Analytics matched
// through its imported alias "Google AMP". A near match on the vendor's own
// name or the catalogue's aliases now wins, in the browser's index and in
// vendex search's scan alike.
func TestAnImportedAliasRanksBelowANearMatchOnTheVendorsOwnNames(t *testing.T) {
	vs := []data.Vendor{
		withImportedAliases(data.Vendor{ID: "roistat", Name: "Roistat", Aliases: []string{"ройстат"}}, "B-Analytics"),
		withImportedAliases(data.Vendor{ID: "google-analytics", Name: "Google Analytics", Aliases: []string{"analytics.js"}}, "Google AMP"),
		importedOnly("tiny", "Tiny Co"),
	}
	x := NewIndex(vs)
	find := func(q string) (ids, texts []string) {
		for _, r := range x.Find(q) {
			ids, texts = append(ids, x.Vendors()[r.Vendor].ID), append(texts, x.Text(r))
		}
		sc := NewScan(q)
		for i := range vs {
			sc.Add(vs[i].Brief())
		}
		for i, h := range sc.Results() {
			if i >= len(ids) || h.Vendor.ID != ids[i] || h.Text != texts[i] {
				t.Errorf("%q: the scan's %d-th is %s (%q); the index's %v %q", q, i, h.Vendor.ID, h.Text, ids, texts)
			}
		}
		return ids, texts
	}
	if ids, texts := find("analytics"); len(ids) != 2 || ids[0] != "google-analytics" || texts[0] != "analytics.js" {
		t.Errorf("analytics lists %v matched by %q; want Google Analytics first, by its own alias", ids, texts)
	}
	if ids, texts := find("goo"); len(ids) != 1 || texts[0] != "Google Analytics" {
		t.Errorf("goo lists %v matched by %q; want Google Analytics matched by its name", ids, texts)
	}
	// An imported alias still finds its vendor when nothing else does.
	if ids, texts := find("google amp"); len(ids) == 0 || ids[0] != "google-analytics" || texts[0] != "Google AMP" {
		t.Errorf("google amp lists %v matched by %q", ids, texts)
	}
}
