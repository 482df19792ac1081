package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// Six j's arriving in one read (one KeyRunes message, as Bubble Tea v1
// delivers a burst) scroll the card as six presses do, and so on the help;
// in the search box the same burst is text.
func TestABurstOfKeysActsAsOnePressEach(t *testing.T) {
	scrolled := func(burst bool) string {
		s := start(t, 80, 12, fakeCatalog{vendors: fixture()}, "twilio")
		s.waitFor("twilio first", func(v string) bool { return strings.Contains(line(v, 2), "Twilio") })
		s.press(tea.KeyEnter)
		s.waitText("(top)")
		if burst {
			s.tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jjjjjj")})
		} else {
			s.typeText("jjjjjj")
		}
		return s.waitFor("the card scrolled", func(v string) bool { return !strings.Contains(v, "(top)") })
	}
	one, burst := scrolled(false), scrolled(true)
	if burst != one {
		t.Errorf("a burst of six j's shows\n%s\nsix presses show\n%s", burst, one)
	}

	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "")
	s.waitText("of 9")
	s.tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("twi")})
	if v := s.waitText("Search: twi"); !strings.Contains(line(v, 2), "Twilio") {
		t.Errorf("a burst typed in the search box:\n%s", v)
	}
}
