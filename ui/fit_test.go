package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// At 40x12 the help shows every key of the list in one column, and every
// screen's footer still says how to open the help.
func TestTheHelpFitsANarrowTerminal(t *testing.T) {
	s := start(t, 40, 12, fakeCatalog{vendors: fixture()}, "")
	v := s.waitText("of 9")
	if !strings.HasSuffix(v, "? help") {
		t.Errorf("the list's footer hides ? help:\n%s", v)
	}
	s.typeText("?")
	v = s.waitText("↓ more · any other key closes the help")
	for _, want := range []string{"page down", "open"} {
		if !strings.Contains(v, want) {
			t.Errorf("the help lacks %q:\n%s", want, v)
		}
	}
	// The rest of the help is a scroll away, not cut off.
	s.press(tea.KeyPgDown)
	v = s.waitText("any key closes the help")
	for _, want := range []string{"ctrl+c", "quits at once"} {
		if !strings.Contains(v, want) {
			t.Errorf("the end of the help lacks %q:\n%s", want, v)
		}
	}
	for _, l := range strings.Split(v, "\n") {
		if lipgloss.Width(l) > 40 || strings.HasSuffix(l, "…") && strings.Contains(l, "   ") {
			t.Errorf("a help line is cut at 40 columns: %q", l)
		}
	}
	s.typeText("x")
	s.waitText("Search:")
	s.press(tea.KeyBackspace)
	s.press(tea.KeyEnter)
	v = s.waitText("tab link")
	if !strings.HasSuffix(v, "? help") {
		t.Errorf("the card's footer hides ? help:\n%s", v)
	}
}

// At 20x6 the help showed only "…" and "any key closes the …": now each
// key is shown with its words, wrapped under it where they do not fit,
// nothing cut, the status line whole, and paging reaches the last key.
func TestTheHelpIsReadableAtTwentyColumns(t *testing.T) {
	s := start(t, 20, 6, fakeCatalog{vendors: fixture()}, "")
	s.waitText("? help")
	s.typeText("?")
	v := s.waitText("↓ more · esc closes")
	var seen []string
	for page := 0; ; page++ {
		lines := strings.Split(v, "\n")
		for _, l := range lines[1 : len(lines)-2] { // under the header, above the status
			if lipgloss.Width(l) > 20 || strings.Contains(l, "…") {
				t.Errorf("a help line is cut at 20 columns: %q\n%s", l, v)
			}
			seen = append(seen, strings.TrimSpace(l))
		}
		if st := lines[len(lines)-2]; strings.Contains(st, "…") {
			t.Errorf("the status line is cut: %q", st)
		}
		if strings.Contains(v, "any key closes") || page > 20 {
			break
		}
		s.press(tea.KeyPgDown)
		v = s.waitFor("the next page", func(w string) bool { return w != v })
	}
	help := strings.Join(seen, " ")
	for _, want := range []string{"↑ up", "shift+tab previous category", "ctrl+l lookup host", "esc dismiss/clear/quit", "ctrl+c quit"} {
		if !strings.Contains(help, want) {
			t.Errorf("paging through the help never shows %q; it shows %q", want, help)
		}
	}
}

// A click on a row selects it; a second click on it opens its card.
func TestClickingARowSelectsItAndASecondClickOpensIt(t *testing.T) {
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "")
	v := s.waitText("of 9")
	third := line(v, listTop+2)
	name := strings.Fields(strings.TrimLeft(third, " ›"))[0]
	click := tea.MouseMsg{X: 5, Y: listTop + 2, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress}
	s.tm.Send(click)
	v = s.waitFor("the third row selected", func(v string) bool { return strings.HasPrefix(line(v, listTop+2), "›") })
	if strings.Contains(v, "(top)") {
		t.Fatalf("one click opened the card:\n%s", v)
	}
	s.tm.Send(click)
	v = s.waitText("(top)")
	if !strings.Contains(line(v, 0), name) {
		t.Errorf("the second click opened %q, want %s", line(v, 0), name)
	}
}

// Back from a card scrolled down, the side-by-side preview starts at the
// card's top again, its title showing.
func TestThePreviewStartsAtTheTopAfterAScrolledCard(t *testing.T) {
	s := start(t, 130, 12, fakeCatalog{vendors: fixture()}, "")
	s.waitText("of 9")
	s.press(tea.KeyEnter)
	s.waitText("tab link")
	for range 8 {
		s.typeText("j")
	}
	s.waitFor("the card scrolled", func(v string) bool { return !strings.Contains(v, "Block before consent") })
	s.press(tea.KeyEsc)
	v := s.waitText("Search:")
	if !strings.Contains(v, "Block before consent") {
		t.Errorf("the preview is not at the card's top:\n%s", v)
	}
}

// At 40 columns a card whose name is longer than the header's room shows
// the name's start, not its end: "Google (account and plat…", not
// "…e (account and platform)".
func TestANarrowHeaderShowsTheStartOfALongName(t *testing.T) {
	vs := fixture()
	vs[0].Name = "Twilio Programmable Voice (calls and conferencing)"
	s := start(t, 40, 12, fakeCatalog{vendors: vs}, "twilio")
	s.waitText("of 9")
	s.press(tea.KeyEnter)
	v := s.waitText("(top)")
	if h := line(v, 0); !strings.Contains(h, "Twilio Programmable") || !strings.Contains(h, "…") || lipgloss.Width(h) > 40 {
		t.Errorf("the header at 40 columns: %q, want the name's start cut with …", h)
	}
}
