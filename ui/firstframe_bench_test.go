package ui

import (
	"os"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/vendex/vendex/store"
)

// BenchmarkFirstFrameStore is BenchmarkFirstFrame over the catalogue file
// $VENDEX_BENCH_DB (every dataset imported, say): reading the briefs,
// indexing them and drawing the first list.
func BenchmarkFirstFrameStore(b *testing.B) {
	path := os.Getenv("VENDEX_BENCH_DB")
	if path == "" {
		b.Skip("VENDEX_BENCH_DB is not set")
	}
	st, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for b.Loop() {
		m := New(st, "")
		mm, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		m = mm.(Model)
		mm, cmd := m.Update(loadCatalog(st, nil)())
		mm, _ = mm.Update(cmd())
		_ = mm.View()
	}
}
