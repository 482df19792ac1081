package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

func typeInto(in *lineInput, s string) {
	for _, r := range s {
		in.update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// The search field edits as a shell line does.
func TestSearchFieldEditing(t *testing.T) {
	in := newLineInput("Search: ", "name, alias or domain", DefaultStyles())
	in.setWidth(80)
	typeInto(&in, "twilio")
	in.update(tea.KeyMsg{Type: tea.KeyLeft})
	in.update(tea.KeyMsg{Type: tea.KeyLeft})
	typeInto(&in, "X")
	if in.Value() != "twilXio" {
		t.Errorf("typing after two lefts: %q", in.Value())
	}
	if !in.update(tea.KeyMsg{Type: tea.KeyBackspace}) || in.Value() != "twilio" {
		t.Errorf("backspace: %q", in.Value())
	}
	if in.update(tea.KeyMsg{Type: tea.KeyLeft}) {
		t.Error("moving the cursor reports a change of the value")
	}
	in.SetValue("google  analytics")
	in.update(tea.KeyMsg{Type: tea.KeyCtrlW})
	if in.Value() != "google  " {
		t.Errorf("ctrl+w: %q", in.Value())
	}
	in.update(tea.KeyMsg{Type: tea.KeyCtrlA})
	typeInto(&in, ">")
	in.update(tea.KeyMsg{Type: tea.KeyCtrlE})
	typeInto(&in, "ads")
	if in.Value() != ">google  ads" {
		t.Errorf("ctrl+a, ctrl+e: %q", in.Value())
	}
	in.update(tea.KeyMsg{Type: tea.KeyCtrlU})
	if in.Value() != "" {
		t.Errorf("ctrl+u at the end: %q", in.Value())
	}
	// A paste carrying a terminal escape leaves only the text.
	in.update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("\x1b[31mred\x07 ads"), Paste: true})
	if in.Value() != "red ads" {
		t.Errorf("pasted escapes: %q", in.Value())
	}
}

// A value longer than the field scrolls: the line fits its width and
// shows the end being typed; a note stands in the placeholder's place
// until the next edit.
func TestSearchFieldScrollsAndNotes(t *testing.T) {
	in := newLineInput("Host or URL: ", "https://…", DefaultStyles())
	in.setWidth(30)
	if v := ansi.Strip(in.View(30)); v != "Host or URL:  https://…" {
		t.Errorf("empty field: %q", v)
	}
	typeInto(&in, "media.twiliocdn.com/sdk/js/client/v1.3/twilio.min.js")
	v := ansi.Strip(in.View(30))
	if lipgloss.Width(v) > 30 || !strings.HasPrefix(v, "Host or URL: ") || !strings.Contains(v, "twilio.min.js ") {
		t.Errorf("a long value in 30 cells: %q", v)
	}
	in.SetValue("")
	in.note = "type a host or URL"
	if v := ansi.Strip(in.View(30)); v != "Host or URL:  type a host or …" {
		t.Errorf("the note: %q", v)
	}
	typeInto(&in, "x")
	if v := ansi.Strip(in.View(30)); v != "Host or URL: x " {
		t.Errorf("after typing, the note goes: %q", v)
	}
}
