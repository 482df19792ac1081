package ui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/vendex/vendex/ui/internal/render"
	"github.com/vendex/vendex/ui/internal/render/rendertest"
)

// drawnSession is the browser drawn by the renderer Run uses, on a test
// terminal, with what the browser's View says beside what the terminal
// shows.
type drawnSession struct {
	*session
	term *rendertest.Terminal
}

func startDrawn(t *testing.T, w, h int) drawnSession {
	t.Helper()
	term := rendertest.New(w, h)
	screen := render.NewScreen(term)
	screen.Start()
	m := New(fakeCatalog{vendors: fixture()}, "", withExportDir(t.TempDir()), WithClipboard(&bytes.Buffer{}))
	tm := teatest.NewTestModel(t, render.Wrap(probe{m}, screen), teatest.WithInitialTermSize(w, h))
	t.Cleanup(func() {
		tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
		tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
		screen.Stop()
	})
	return drawnSession{&session{t: t, tm: tm}, term}
}

// seen is the view as a terminal of width w shows it: colours gone, each
// line cut to the width, without trailing blanks.
func seen(view string, w int) string {
	ls := strings.Split(ansi.Strip(view), "\n")
	for i, l := range ls {
		ls[i] = strings.TrimRight(ansi.Truncate(l, w, ""), " ")
	}
	return strings.Join(ls, "\n")
}

// shows waits for the program to settle and then for the terminal to
// show what its view says.
func (d drawnSession) shows(what string, w int) {
	d.t.Helper()
	v := d.waitFor(what, func(string) bool { return true })
	want := seen(v, w)
	end := time.Now().Add(5 * time.Second)
	for d.term.Screen() != want {
		if time.Now().After(end) {
			d.t.Fatalf("after %s the terminal shows\n%s\nthe browser's view is\n%s", what, d.term.Screen(), want)
		}
		time.Sleep(time.Millisecond)
	}
}

// Typing, moving, opening a card, the help, the lookup prompt and a resize
// each leave on the terminal exactly what the browser's view says, with
// frames written as the view changes rather than on a frame ticker.
func TestTheTerminalShowsWhatTheBrowserSaysAfterEachKey(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		w, h := size[0], size[1]
		d := startDrawn(t, w, h)
		d.waitText("of 9")
		d.shows("the first screen", w)
		for _, r := range "twi" {
			d.typeText(string(r))
			d.shows("typing "+string(r), w)
		}
		if !strings.Contains(d.term.Lines()[2], "Twilio") {
			t.Errorf("at %dx%d typing twi shows\n%s", w, h, d.term.Screen())
		}
		steps := []struct {
			what string
			key  tea.KeyMsg
		}{
			{"down", tea.KeyMsg{Type: tea.KeyDown}},
			{"up", tea.KeyMsg{Type: tea.KeyUp}},
			{"enter", tea.KeyMsg{Type: tea.KeyEnter}},
			{"j", tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")}},
			{"tab", tea.KeyMsg{Type: tea.KeyTab}},
			{"?", tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("?")}},
			{"esc", tea.KeyMsg{Type: tea.KeyEscape}},
			{"l", tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("l")}},
			{"esc", tea.KeyMsg{Type: tea.KeyEscape}},
			{"esc", tea.KeyMsg{Type: tea.KeyEscape}},
			{"backspace", tea.KeyMsg{Type: tea.KeyBackspace}},
			{"tab", tea.KeyMsg{Type: tea.KeyTab}},
		}
		for _, s := range steps {
			d.tm.Send(s.key)
			d.shows(s.what, w)
		}
		// The terminal is made narrower and shorter, then wider than the
		// side-by-side width.
		for _, to := range [][2]int{{w / 2, h / 2}, {130, 30}} {
			d.term.Resize(to[0], to[1])
			d.tm.Send(tea.WindowSizeMsg{Width: to[0], Height: to[1]})
			d.shows("a resize", to[0])
		}
	}
}
