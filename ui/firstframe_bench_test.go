package ui

import (
	"os"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/vendex/vendex/store"
)

// firstFrame runs the browser over cat from its start to its first list
// frame, as Run does: Init's command, then the command each message leads
// to, until the list has rows to draw. It returns the browser and the
// command its last message gave (loading the rest, after a first screen).
func firstFrame(cat Catalog) (tea.Model, tea.Cmd) {
	var m tea.Model = New(cat, "")
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	cmd := m.Init()
	for m.(Model).list.index == nil {
		m, cmd = m.Update(cmd())
	}
	_ = m.View()
	return m, cmd
}

// BenchmarkFirstFrameStore is BenchmarkFirstFrame over the catalogue file
// $VENDEX_BENCH_DB (every dataset imported, say): reading what the first
// screen shows and drawing it; then (whole) the rest of the catalogue read
// and indexed too, and its list drawn, as it is when the first key acts.
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
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			firstFrame(st)
		}
	})
	b.Run("whole", func(b *testing.B) {
		for b.Loop() {
			m, cmd := firstFrame(st)
			if m.(Model).list.partial() {
				m, _ = m.Update(cmd())
				_ = m.View()
			}
		}
	})
}
