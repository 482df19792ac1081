package ui

import (
	"reflect"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sahilm/fuzzy"
	"github.com/vendex/vendex/data"
)

// The list highlights the rows on screen, and keeps doing so as the
// cursor scrolls past the first screen.
func TestListHighlightsRowsOnScreen(t *testing.T) {
	c := &common{keys: DefaultKeyMap(), styles: DefaultStyles()}
	l := newVendorList(c, "")
	l.index = searchIndex(fixture())
	l.SetSize(80, 4)
	l.seq = 1
	l, _ = l.update(searchMsg{seq: 1, query: "i", index: l.index, results: l.index.Rank("i")})
	if l.shown.Len() < 5 {
		t.Fatalf("want more vendors than rows, have %d", l.shown.Len())
	}
	for range l.shown.Len() {
		if len(l.hits) != l.rows() {
			t.Fatalf("%d rows on screen, %d highlighted", l.rows(), len(l.hits))
		}
		for k, hits := range l.hits {
			r := l.shown.At(l.offset + k)
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

// BenchmarkTypeInTheList types "twilio" into the browser over the embedded
// catalogue, one key at a time, each keystroke through the search field,
// the search and the next frame: what a person waits for.
func BenchmarkTypeInTheList(b *testing.B) {
	vs, err := data.Catalogue()
	if err != nil {
		b.Skip(err)
	}
	var m tea.Model = New(fakeCatalog{vendors: vs}, "")
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m, cmd := m.Update(loadCatalog(fakeCatalog{vendors: vs}, nil, 0)())
	m, _ = m.Update(cmd())
	for b.Loop() {
		for _, r := range "twilio" {
			m, cmd = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
			m, _ = m.Update(cmd())
			_ = m.View()
		}
		m, cmd = m.Update(tea.KeyMsg{Type: tea.KeyCtrlU})
		m, _ = m.Update(cmd())
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len("twilio")), "ns/keystroke")
}
