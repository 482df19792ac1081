package ui

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/vendex/vendex/data"
)

// lineInput is a one-line text field: bubbles' textinput, always focused,
// with a steady cursor, text cleaned of terminal escapes as it comes in,
// and a note said in place of the placeholder until the next edit.
type lineInput struct {
	field      textinput.Model
	note       string
	noteStyle  lipgloss.Style
	placeStyle lipgloss.Style
}

func newLineInput(prompt, placeholder string, st Styles) lineInput {
	f := textinput.New()
	f.Prompt, f.Placeholder = prompt, placeholder
	f.PromptStyle, f.PlaceholderStyle = st.Header, st.Subtle
	f.Cursor.Style = st.Cursor
	f.Cursor.SetMode(cursor.CursorStatic) // a blink would redraw the list twice a second
	// Pasting comes as bracketed paste; reading the clipboard on ctrl+v
	// would ask the system for it, which a terminal browser never did.
	f.KeyMap.Paste.SetEnabled(false)
	f.Focus()
	return lineInput{field: f, noteStyle: st.Status, placeStyle: st.Subtle}
}

func (in *lineInput) Value() string { return in.field.Value() }

func (in *lineInput) SetValue(s string) {
	in.field.SetValue(data.CleanLine(s))
	in.field.CursorEnd()
	in.note = ""
}

// setWidth makes the field scroll within width cells, prompt and cursor
// included.
func (in *lineInput) setWidth(width int) {
	in.field.Width = max(1, width-lipgloss.Width(in.field.Prompt)-1)
	in.field.SetCursor(in.field.Position()) // scrolls to the cursor again
}

// update edits the field; it reports whether the value changed.
func (in *lineInput) update(msg tea.KeyMsg) bool {
	if msg.Type == tea.KeyRunes {
		msg.Runes = []rune(data.CleanLine(string(msg.Runes)))
	}
	before := in.field.Value()
	// The commands textinput returns blink the cursor or read the
	// clipboard; both are off.
	in.field, _ = in.field.Update(msg)
	in.note = ""
	return in.field.Value() != before
}

// View draws the field in width cells.
func (in lineInput) View(width int) string {
	f := in.field
	prompt := f.PromptStyle.Render(f.Prompt)
	room := width - lipgloss.Width(prompt) - 1
	if room < 1 {
		return ansi.Truncate(prompt, width, "")
	}
	if f.Value() == "" {
		// textinput puts the cursor on the placeholder's first letter;
		// the cursor stands before it here, as before, and a note can
		// take the placeholder's place.
		text, style := f.Placeholder, in.placeStyle
		if in.note != "" {
			text, style = in.note, in.noteStyle
		}
		return prompt + f.Cursor.Style.Render(" ") + style.Render(ansi.Truncate(text, room, "…"))
	}
	// setWidth scrolled the text; with no width textinput does not pad it
	// with spaces to the edge.
	f.Width = 0
	return ansi.Truncate(f.View(), width, "")
}
