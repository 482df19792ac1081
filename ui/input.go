package ui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/vendex/vendex/data"
)

// lineInput is a one-line text field: typing, pasting, backspace,
// ctrl+w / ctrl+u, left and right. (bubbles' textinput pulls in a
// clipboard module this project does not carry.)
type lineInput struct {
	Prompt      string
	Placeholder string
	note        string // said in place of the placeholder until the next edit
	value       []rune
	pos         int // cursor, in runes
	promptStyle lipgloss.Style
	placeStyle  lipgloss.Style
	noteStyle   lipgloss.Style
	cursorStyle lipgloss.Style
}

func (in *lineInput) Value() string { return string(in.value) }

func (in *lineInput) SetValue(s string) {
	in.value = []rune(data.CleanLine(s))
	in.pos = len(in.value)
	in.note = ""
}

// update edits the field; it reports whether the key was an editing key.
func (in *lineInput) update(msg tea.KeyMsg) bool {
	switch msg.Type {
	case tea.KeyRunes, tea.KeySpace:
		rs := []rune(data.CleanLine(string(msg.Runes)))
		if msg.Type == tea.KeySpace {
			rs = []rune{' '}
		}
		in.value = append(in.value[:in.pos], append(rs, in.value[in.pos:]...)...)
		in.pos += len(rs)
	case tea.KeyBackspace:
		if in.pos > 0 {
			in.value = append(in.value[:in.pos-1], in.value[in.pos:]...)
			in.pos--
		}
	case tea.KeyDelete:
		if in.pos < len(in.value) {
			in.value = append(in.value[:in.pos], in.value[in.pos+1:]...)
		}
	case tea.KeyCtrlU:
		in.value = in.value[in.pos:]
		in.pos = 0
	case tea.KeyCtrlW:
		i := in.pos
		for i > 0 && in.value[i-1] == ' ' {
			i--
		}
		for i > 0 && in.value[i-1] != ' ' {
			i--
		}
		in.value = append(in.value[:i], in.value[in.pos:]...)
		in.pos = i
	case tea.KeyLeft:
		in.pos = max(0, in.pos-1)
	case tea.KeyRight:
		in.pos = min(len(in.value), in.pos+1)
	case tea.KeyHome, tea.KeyCtrlA:
		in.pos = 0
	case tea.KeyEnd, tea.KeyCtrlE:
		in.pos = len(in.value)
	default:
		return false
	}
	in.note = ""
	return true
}

// View draws the field in width cells, scrolled so the cursor shows.
func (in lineInput) View(width int) string {
	prompt := in.promptStyle.Render(in.Prompt)
	room := width - lipgloss.Width(prompt) - 1
	if room < 1 {
		return ansi.Truncate(prompt, width, "")
	}
	if len(in.value) == 0 {
		if in.note != "" {
			return prompt + in.cursorStyle.Render(" ") + in.noteStyle.Render(ansi.Truncate(in.note, room, "…"))
		}
		return prompt + in.cursorStyle.Render(" ") + in.placeStyle.Render(ansi.Truncate(in.Placeholder, room, "…"))
	}
	// Show the text around the cursor: drop runes from the left until
	// what comes before the cursor fits.
	start := 0
	for start < in.pos && lipgloss.Width(string(in.value[start:in.pos])) > room {
		start++
	}
	var b strings.Builder
	b.WriteString(string(in.value[start:in.pos]))
	if in.pos < len(in.value) {
		b.WriteString(in.cursorStyle.Render(string(in.value[in.pos])))
		b.WriteString(string(in.value[in.pos+1:]))
	} else {
		b.WriteString(in.cursorStyle.Render(" "))
	}
	return prompt + ansi.Truncate(b.String(), room+1, "")
}
