package ui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/vendex/vendex/data"
)

// lineInput is a one-line text field: always focused, with a steady
// cursor, text cleaned of terminal escapes as it comes in, and a note said
// in place of the placeholder until the next edit.
type lineInput struct {
	field       textField
	prompt      string
	placeholder string
	note        string
	promptStyle lipgloss.Style
	cursorStyle lipgloss.Style
	noteStyle   lipgloss.Style
	placeStyle  lipgloss.Style
}

// Pasting comes as bracketed paste (runes), as a terminal sends it; the
// field never reads the system clipboard.
func newLineInput(prompt, placeholder string, st Styles) lineInput {
	return lineInput{prompt: prompt, placeholder: placeholder, promptStyle: st.Header, cursorStyle: st.Cursor,
		noteStyle: st.Status, placeStyle: st.Subtle}
}

func (in *lineInput) Value() string { return in.field.Value() }

func (in *lineInput) SetValue(s string) {
	in.field.SetValue(data.CleanLine(s))
	in.field.setCursor(len(in.field.value))
	in.note = ""
}

// setWidth makes the field scroll within width cells, prompt and cursor
// included.
func (in *lineInput) setWidth(width int) {
	in.field.setWidth(max(1, width-lipgloss.Width(in.prompt)-1))
}

// update edits the field; it reports whether the value changed.
func (in *lineInput) update(msg tea.KeyMsg) bool {
	if msg.Type == tea.KeyRunes {
		msg.Runes = []rune(data.CleanLine(string(msg.Runes)))
	}
	before := in.field.Value()
	in.field.update(msg)
	in.note = ""
	return in.field.Value() != before
}

// View draws the field in width cells.
func (in lineInput) View(width int) string {
	prompt := in.promptStyle.Render(in.prompt)
	room := width - lipgloss.Width(prompt) - 1
	if room < 1 {
		return ansi.Truncate(prompt, width, "")
	}
	if in.field.Value() == "" {
		// The cursor stands before the placeholder, and a note can take
		// the placeholder's place.
		text, style := in.placeholder, in.placeStyle
		if in.note != "" {
			text, style = in.note, in.noteStyle
		}
		return prompt + in.cursorStyle.Render(" ") + style.Render(ansi.Truncate(text, room, "…"))
	}
	// setWidth scrolled the text.
	return ansi.Truncate(prompt+in.field.view(in.cursorStyle), width, "")
}
