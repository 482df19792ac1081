package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// twilioCard is the fixture's Twilio card, w by h, with links resolved.
func twilioCard(w, h int) cardView {
	c := newCardView(&common{keys: DefaultKeyMap(), styles: DefaultStyles()})
	vs := fixture()
	c.resolve = func(id string) (string, bool) {
		for _, v := range vs {
			if v.ID == id {
				return v.Name, true
			}
		}
		return "", false
	}
	c.SetSize(w, h)
	c.open(vs[0].Cleaned(), 0, -1)
	return c
}

func keyRunes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// The card's frame: slicing the viewport's lines, against the viewport's
// own View, which pads each line to the width and the height.
func BenchmarkCardView(b *testing.B) {
	c := twilioCard(80, 21)
	c, _ = c.update(keyRunes("j"))
	b.Run("slice", func(b *testing.B) {
		for b.Loop() {
			_ = c.View()
		}
	})
	b.Run("viewport.View", func(b *testing.B) {
		for b.Loop() {
			_ = c.vp.View()
		}
	})
}
