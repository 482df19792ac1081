package ui

import (
	"reflect"
	"testing"

	"github.com/sahilm/fuzzy"
	"github.com/vendex/vendex/ui/search"
)

// The list highlights the rows on screen, and keeps doing so as the
// cursor scrolls past the first screen.
func TestListHighlightsRowsOnScreen(t *testing.T) {
	c := &common{keys: DefaultKeyMap(), styles: DefaultStyles()}
	l := newVendorList(c, "")
	l.index = search.NewIndex(fixture())
	l.SetSize(80, 4)
	l.seq = 1
	l, _ = l.update(searchMsg{seq: 1, query: "i", results: l.index.Find("i")})
	if len(l.shown) < 5 {
		t.Fatalf("want more vendors than rows, have %d", len(l.shown))
	}
	for range len(l.shown) {
		if len(l.hits) != l.rows() {
			t.Fatalf("%d rows on screen, %d highlighted", l.rows(), len(l.hits))
		}
		for k, hits := range l.hits {
			r := l.shown[l.offset+k]
			want := fuzzy.Find("i", []string{l.index.Text(r)})
			if len(want) != 1 || !reflect.DeepEqual(hits, want[0].MatchedIndexes) {
				t.Fatalf("row %d (%q) highlights %v, fuzzy %v", l.offset+k, l.index.Text(r), hits, want)
			}
		}
		l.move(1)
	}
	if l.offset == 0 {
		t.Fatal("the list never scrolled")
	}
}
