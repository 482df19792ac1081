package search

import "github.com/vendex/vendex/data"

// newIndex indexes whole vendor records by their briefs, prepared, as the
// browser's index of the store's briefs is.
func newIndex(vs []data.Vendor) *Index {
	bs := make([]data.Brief, len(vs))
	for i := range vs {
		bs[i] = vs[i].Brief()
	}
	x := NewBriefIndex(bs)
	x.Prepare()
	return x
}
