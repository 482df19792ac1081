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
	x := newIndex(vs)
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

// A retired product does not lead a live vendor that matches as well or
// nearly: "goo" under the Analytics filter put Google Optimize, shut down in
// 2023, six points above Google Analytics.
func TestARetiredProductRanksBelowANearLiveMatch(t *testing.T) {
	vs := []data.Vendor{
		{ID: "google-optimize", Name: "Google Optimize", Retired: "2023-09-30"},
		{ID: "google-analytics", Name: "Google Analytics"},
	}
	x := newIndex(vs)
	var got []string
	for _, r := range x.Find("goo") {
		got = append(got, x.Vendors()[r.Vendor].ID)
	}
	if len(got) != 2 || got[0] != "google-analytics" {
		t.Errorf("goo lists %v; want the live Google Analytics first", got)
	}
	sc := NewScan("goo")
	for i := range vs {
		sc.Add(vs[i].Brief())
	}
	if hs := sc.Results(); len(hs) != 2 || hs[0].Vendor.ID != "google-analytics" {
		t.Errorf("vendex search goo lists %+v first; want Google Analytics", hs)
	}
	// Asked for by name, it is still found first.
	if r := x.Find("optimize"); len(r) == 0 || x.Vendors()[r[0].Vendor].ID != "google-optimize" {
		t.Errorf("optimize does not find Google Optimize first")
	}
}
