package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/vendex/vendex/store"
)

// The README's screens of the browser are the browser's: each fenced block
// that opens with the header of a list ("vendex · CATEGORY · N of M") and
// a search line is typed into the real catalogue at 80x24 and must show
// exactly what the README shows, counts included, so that the README
// cannot drift as the catalogue grows.
func TestTheREADMEsBrowserScreensAreTheRealOnes(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	fence := regexp.MustCompile("(?s)```\n(vendex · ([^·\n]+) · [^\n]*\nSearch: ([^\n]*)\n.*?)```")
	screens := fence.FindAllStringSubmatch(string(readme), -1)
	if len(screens) < 2 {
		t.Fatalf("the README shows %d list screens; want the twi and goo ones at least", len(screens))
	}
	st, err := store.OpenCatalogue(filepath.Join(t.TempDir(), "vendex.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, m := range screens {
		want, category, query := screenText(m[1]), strings.TrimSpace(m[2]), m[3]
		t.Run(category+" "+query, func(t *testing.T) {
			s := start(t, 80, 24, st, "")
			s.waitText(" of ")
			for i := 0; !strings.Contains(line(s.view(), 0), " · "+category+" · "); i++ {
				if i > 8 {
					t.Fatalf("tab never reaches the category %q", category)
				}
				s.press(tea.KeyTab)
			}
			s.typeText(query)
			got := screenText(s.waitText("Search: " + query))
			if got != want {
				t.Errorf("the README shows:\n%s\nthe browser shows:\n%s", want, got)
			}
		})
	}
	// A card's screen ("vendex · NAME (top)"): the name typed, enter.
	cards := regexp.MustCompile("(?s)```\n(vendex · ([^\n]+) \\(top\\)\n.*?)```").FindAllStringSubmatch(string(readme), -1)
	if len(cards) == 0 {
		t.Fatal("the README shows no card screen")
	}
	for _, m := range cards {
		want, name := screenText(m[1]), m[2]
		t.Run(name, func(t *testing.T) {
			s := start(t, 80, 24, st, "")
			s.waitText(" of ")
			s.typeText(name)
			s.waitFor(name+" first", func(v string) bool { return strings.HasPrefix(line(v, 2), "› "+name+" ") })
			s.press(tea.KeyEnter)
			if got := screenText(s.waitText("(top)")); got != want {
				t.Errorf("the README shows:\n%s\nthe browser shows:\n%s", want, got)
			}
		})
	}
}

// screenText is a screen as the README writes it: no colour, no trailing
// spaces, the empty rows under a short list as one blank line.
func screenText(s string) string {
	s = regexp.MustCompile(`(?m)[ \t]+$`).ReplaceAllString(ansi.Strip(s), "")
	s = regexp.MustCompile(`\n{3,}`).ReplaceAllString(s, "\n\n")
	return strings.TrimRight(s, "\n") + "\n"
}
