package ui

import (
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// The search field edits as bubbles' textinput did when it was the field:
// the same keys typed into both, at several widths, leave the same text,
// the same cursor and the same drawing, scrolled the same way (wide
// characters and tabs included). textinput panics on alt+d at the last
// rune; those sequences are left out.
func TestTextFieldEditsAsTextinputDoes(t *testing.T) {
	keys := []tea.KeyMsg{
		{Type: tea.KeyRight}, {Type: tea.KeyCtrlF}, {Type: tea.KeyLeft}, {Type: tea.KeyCtrlB},
		{Type: tea.KeyRight, Alt: true}, {Type: tea.KeyCtrlRight}, {Type: tea.KeyRunes, Runes: []rune("f"), Alt: true},
		{Type: tea.KeyLeft, Alt: true}, {Type: tea.KeyCtrlLeft}, {Type: tea.KeyRunes, Runes: []rune("b"), Alt: true},
		{Type: tea.KeyBackspace, Alt: true}, {Type: tea.KeyCtrlW}, {Type: tea.KeyDelete, Alt: true},
		{Type: tea.KeyRunes, Runes: []rune("d"), Alt: true}, {Type: tea.KeyCtrlK}, {Type: tea.KeyCtrlU},
		{Type: tea.KeyBackspace}, {Type: tea.KeyCtrlH}, {Type: tea.KeyDelete}, {Type: tea.KeyCtrlD},
		{Type: tea.KeyHome}, {Type: tea.KeyCtrlA}, {Type: tea.KeyEnd}, {Type: tea.KeyCtrlE},
		{Type: tea.KeyDown}, {Type: tea.KeyCtrlN}, {Type: tea.KeyUp}, {Type: tea.KeyCtrlP}, {Type: tea.KeyTab}, {Type: tea.KeyCtrlV},
		{Type: tea.KeySpace, Runes: []rune(" ")},
	}
	words := []string{"a", "b", "z", " ", "  ", "é", "東", "twilio", "google analytics", "a\tb", "x\ny", "ÄÖ 東京 x"}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	cursorStyle := r.NewStyle().Foreground(lipgloss.Color("212"))
	rng := rand.New(rand.NewPCG(1, 2))
	compared := 0
	for seq := range 3000 {
		width := []int{0, 1, 2, 3, 5, 8, 13}[seq%7]
		var steps []tea.KeyMsg
		for range 1 + rng.IntN(40) {
			if rng.IntN(3) == 0 {
				steps = append(steps, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(words[rng.IntN(len(words))])})
			} else {
				steps = append(steps, keys[rng.IntN(len(keys))])
			}
		}
		ti := textinput.New()
		ti.Prompt = ""
		ti.Cursor.Style = cursorStyle
		ti.Cursor.SetMode(cursor.CursorStatic)
		ti.KeyMap.Paste.SetEnabled(false)
		ti.Focus()
		ti.Width = width
		var f textField
		f.setWidth(width)
		ok := func() (ok bool) {
			defer func() {
				if recover() != nil {
					ok = false
				}
			}()
			for i, k := range steps {
				ti, _ = ti.Update(k)
				f.update(k)
				shown := ti
				shown.Width = 0
				if f.Value() != ti.Value() || f.pos != ti.Position() || f.view(cursorStyle) != shown.View() {
					t.Fatalf("width %d, after %v: the field holds %q (cursor %d) drawn %q; textinput %q (cursor %d) drawn %q",
						width, fmt.Sprint(steps[:i+1]), f.Value(), f.pos, f.view(cursorStyle), ti.Value(), ti.Position(), shown.View())
				}
			}
			return true
		}()
		if ok {
			compared++
		}
	}
	if compared < 2000 {
		t.Errorf("only %d of 3000 key sequences compared", compared)
	}
}
