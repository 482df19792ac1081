package ui

import (
	"strings"
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

// pgdown keeps the last line of a page as the first of the next, and pgup
// comes back to where it was.
func TestPageDownKeepsTheLastLine(t *testing.T) {
	c := twilioCard(80, 10)
	first := strings.Split(c.View(), "\n")
	c, _ = c.update(tea.KeyMsg{Type: tea.KeyPgDown})
	next := strings.Split(c.View(), "\n")
	if next[0] != first[len(first)-1] {
		t.Fatalf("pgdown lost the reader's place:\nbefore:\n%s\nafter:\n%s", strings.Join(first, "\n"), strings.Join(next, "\n"))
	}
	c, _ = c.update(keyRunes("b"))
	if got := strings.Split(c.View(), "\n"); strings.Join(got, "\n") != strings.Join(first, "\n") {
		t.Fatalf("b did not page back up:\n%s", strings.Join(got, "\n"))
	}
}

// j and k scroll a line, g and G go to the ends, and the header says where.
func TestScrollKeysAndInfo(t *testing.T) {
	c := twilioCard(80, 10)
	if got := c.scrollInfo(); got != "top" {
		t.Fatalf("a new card says %q, not top", got)
	}
	c, _ = c.update(keyRunes("j"))
	if c.vp.YOffset != 1 || !strings.HasSuffix(c.scrollInfo(), "%") {
		t.Fatalf("j: offset %d, %q", c.vp.YOffset, c.scrollInfo())
	}
	c, _ = c.update(keyRunes("k"))
	c, _ = c.update(keyRunes("k")) // past the top stays at the top
	if c.vp.YOffset != 0 {
		t.Fatalf("k twice from line 1: offset %d", c.vp.YOffset)
	}
	c, _ = c.update(keyRunes("G"))
	if c.scrollInfo() != "end" || c.vp.YOffset != len(c.doc.lines)-10 {
		t.Fatalf("G: offset %d of %d lines, %q", c.vp.YOffset, len(c.doc.lines), c.scrollInfo())
	}
	c, _ = c.update(keyRunes("j"))
	if c.vp.YOffset != len(c.doc.lines)-10 {
		t.Fatalf("j past the end scrolled to %d", c.vp.YOffset)
	}
	c, _ = c.update(keyRunes("g"))
	if c.scrollInfo() != "top" {
		t.Fatalf("g: %q", c.scrollInfo())
	}
	if tall := twilioCard(80, 200); tall.scrollInfo() != "all" {
		t.Fatalf("a card that fits says %q", tall.scrollInfo())
	}
}

// tab focuses the next link and brings it on screen; a card opened again
// at the offset and focus it was left with shows what it showed.
func TestLinkFocusAndReopen(t *testing.T) {
	c := twilioCard(80, 6)
	c, _ = c.update(tea.KeyMsg{Type: tea.KeyTab})
	c, _ = c.update(tea.KeyMsg{Type: tea.KeyTab})
	id, ok := c.focused()
	if !ok || id != "stripe" && id != "acme-voice" {
		t.Fatalf("two tabs focus %q", id)
	}
	if !strings.Contains(c.View(), "▸") {
		t.Fatalf("the focused link is off screen:\n%s", c.View())
	}
	left, offset, focus := c.View(), c.vp.YOffset, c.focus

	c.open(fixture()[1].Cleaned(), 0, -1) // follow somewhere else
	c.open(fixture()[0].Cleaned(), offset, focus)
	if c.View() != left {
		t.Fatalf("reopened, the card is not as it was left:\nleft:\n%s\nback:\n%s", left, c.View())
	}
	c, _ = c.update(tea.KeyMsg{Type: tea.KeyShiftTab})
	if id, _ := c.focused(); id != "google-maps" {
		t.Fatalf("shift+tab from the second link focuses %q", id)
	}
}

// A shorter view keeps the offset where it can; a taller one pulls the end
// of the card up rather than show blank lines under it.
func TestResizeClampsTheScroll(t *testing.T) {
	c := twilioCard(80, 10)
	c, _ = c.update(keyRunes("G"))
	c.SetSize(80, 20)
	if c.vp.YOffset != len(c.doc.lines)-20 || c.scrollInfo() != "end" {
		t.Fatalf("taller at the end: offset %d of %d lines", c.vp.YOffset, len(c.doc.lines))
	}
}

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
