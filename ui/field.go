package ui

import (
	"unicode"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/runeutil"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"
	"github.com/rivo/uniseg"
)

// textField is the editable text of a lineInput: the keys, the cursor moves
// and the horizontal scrolling of bubbles' textinput (MIT, Charmbracelet),
// as a lineInput used them: always focused, a steady cursor, no
// suggestions, no clipboard. Importing textinput cost every vendex process,
// lookup and search included, its clipboard package's search of $PATH for
// clipboard programs at start. TestTextFieldEditsAsTextinputDoes types the
// same keys into both.
type textField struct {
	value               []rune
	pos                 int // the cursor, in runes
	offset, offsetRight int // the runes shown, when they do not fit
	width               int // cells for the text; 0: no limit
	san                 runeutil.Sanitizer
}

// fieldKeys are textinput's default keys, less paste and suggestions.
var fieldKeys = struct {
	charForward, charBackward, wordForward, wordBackward   key.Binding
	deleteWordBackward, deleteWordForward                  key.Binding
	deleteAfterCursor, deleteBeforeCursor                  key.Binding
	deleteCharBackward, deleteCharForward                  key.Binding
	lineStart, lineEnd, nextSuggestion, previousSuggestion key.Binding
}{
	charForward:        key.NewBinding(key.WithKeys("right", "ctrl+f")),
	charBackward:       key.NewBinding(key.WithKeys("left", "ctrl+b")),
	wordForward:        key.NewBinding(key.WithKeys("alt+right", "ctrl+right", "alt+f")),
	wordBackward:       key.NewBinding(key.WithKeys("alt+left", "ctrl+left", "alt+b")),
	deleteWordBackward: key.NewBinding(key.WithKeys("alt+backspace", "ctrl+w")),
	deleteWordForward:  key.NewBinding(key.WithKeys("alt+delete", "alt+d")),
	deleteAfterCursor:  key.NewBinding(key.WithKeys("ctrl+k")),
	deleteBeforeCursor: key.NewBinding(key.WithKeys("ctrl+u")),
	deleteCharBackward: key.NewBinding(key.WithKeys("backspace", "ctrl+h")),
	deleteCharForward:  key.NewBinding(key.WithKeys("delete", "ctrl+d")),
	lineStart:          key.NewBinding(key.WithKeys("home", "ctrl+a")),
	lineEnd:            key.NewBinding(key.WithKeys("end", "ctrl+e")),
	// textinput moves among suggestions on these; with none, they do nothing.
	nextSuggestion:     key.NewBinding(key.WithKeys("down", "ctrl+n")),
	previousSuggestion: key.NewBinding(key.WithKeys("up", "ctrl+p")),
}

func (f *textField) sanitize(rs []rune) []rune {
	if f.san == nil {
		// One line: tabs and newlines become spaces.
		f.san = runeutil.NewSanitizer(runeutil.ReplaceTabs(" "), runeutil.ReplaceNewlines(" "))
	}
	return f.san.Sanitize(rs)
}

func (f *textField) Value() string { return string(f.value) }

func (f *textField) SetValue(s string) { f.setValue(f.sanitize([]rune(s))) }

func (f *textField) setValue(rs []rune) {
	empty := len(f.value) == 0
	f.value = rs
	if (f.pos == 0 && empty) || f.pos > len(f.value) {
		f.setCursor(len(f.value))
	}
	f.scroll()
}

func (f *textField) setCursor(pos int) {
	f.pos = min(len(f.value), max(0, pos))
	f.scroll()
}

// setWidth makes the text scroll within width cells.
func (f *textField) setWidth(width int) {
	f.width = width
	f.setCursor(f.pos)
}

// scroll keeps the cursor among the runes shown, textinput's way.
func (f *textField) scroll() {
	if f.width <= 0 || uniseg.StringWidth(string(f.value)) <= f.width {
		f.offset, f.offsetRight = 0, len(f.value)
		return
	}
	f.offsetRight = min(f.offsetRight, len(f.value))
	if f.pos < f.offset {
		f.offset = f.pos
		w, i := 0, 0
		rs := f.value[f.offset:]
		for i < len(rs) && w <= f.width {
			w += runewidth.RuneWidth(rs[i])
			if w <= f.width+1 {
				i++
			}
		}
		f.offsetRight = f.offset + i
	} else if f.pos >= f.offsetRight {
		f.offsetRight = f.pos
		w := 0
		rs := f.value[:f.offsetRight]
		i := len(rs) - 1
		for i > 0 && w < f.width {
			w += runewidth.RuneWidth(rs[i])
			if w <= f.width {
				i--
			}
		}
		f.offset = f.offsetRight - (len(rs) - 1 - i)
	}
}

// update edits the text for one key.
func (f *textField) update(msg tea.KeyMsg) {
	k := &fieldKeys
	switch {
	case key.Matches(msg, k.deleteWordBackward):
		f.deleteWordBackward()
	case key.Matches(msg, k.deleteCharBackward):
		if len(f.value) > 0 {
			f.value = append(f.value[:max(0, f.pos-1)], f.value[f.pos:]...)
			if f.pos > 0 {
				f.setCursor(f.pos - 1)
			}
		}
	case key.Matches(msg, k.wordBackward):
		f.wordBackward()
	case key.Matches(msg, k.charBackward):
		if f.pos > 0 {
			f.setCursor(f.pos - 1)
		}
	case key.Matches(msg, k.wordForward):
		f.wordForward()
	case key.Matches(msg, k.charForward):
		if f.pos < len(f.value) {
			f.setCursor(f.pos + 1)
		}
	case key.Matches(msg, k.lineStart):
		f.setCursor(0)
	case key.Matches(msg, k.deleteCharForward):
		if len(f.value) > 0 && f.pos < len(f.value) {
			f.value = append(f.value[:f.pos], f.value[f.pos+1:]...)
		}
	case key.Matches(msg, k.lineEnd):
		f.setCursor(len(f.value))
	case key.Matches(msg, k.deleteAfterCursor):
		f.value = f.value[:f.pos]
		f.setCursor(len(f.value))
	case key.Matches(msg, k.deleteBeforeCursor):
		f.value = f.value[f.pos:]
		f.offset = 0
		f.setCursor(0)
	case key.Matches(msg, k.deleteWordForward):
		f.deleteWordForward()
	case key.Matches(msg, k.nextSuggestion), key.Matches(msg, k.previousSuggestion):
	default:
		f.insert(msg.Runes)
	}
	f.scroll()
}

func (f *textField) insert(rs []rune) {
	rs = f.sanitize(rs)
	head := f.value[:f.pos]
	tail := append([]rune(nil), f.value[f.pos:]...)
	for _, r := range rs {
		head = append(head, r)
		f.pos++
	}
	f.setValue(append(head, tail...))
}

func (f *textField) deleteWordBackward() {
	if f.pos == 0 || len(f.value) == 0 {
		return
	}
	old := f.pos
	f.setCursor(f.pos - 1)
	for unicode.IsSpace(f.value[f.pos]) {
		if f.pos <= 0 {
			break
		}
		f.setCursor(f.pos - 1) // the spaces before the cursor
	}
	for f.pos > 0 {
		if unicode.IsSpace(f.value[f.pos]) {
			f.setCursor(f.pos + 1) // keep the space before the word
			break
		}
		f.setCursor(f.pos - 1)
	}
	if old > len(f.value) {
		f.value = f.value[:f.pos]
	} else {
		f.value = append(f.value[:f.pos], f.value[old:]...)
	}
}

func (f *textField) deleteWordForward() {
	if f.pos >= len(f.value) || len(f.value) == 0 {
		return
	}
	old := f.pos
	f.setCursor(f.pos + 1)
	// (textinput reads past the end here when the cursor was on the
	// last rune, and panics.)
	for f.pos < len(f.value) && unicode.IsSpace(f.value[f.pos]) {
		f.setCursor(f.pos + 1) // the spaces after the cursor
	}
	for f.pos < len(f.value) && !unicode.IsSpace(f.value[f.pos]) {
		f.setCursor(f.pos + 1)
	}
	if f.pos > len(f.value) {
		f.value = f.value[:old]
	} else {
		f.value = append(f.value[:old], f.value[f.pos:]...)
	}
	f.setCursor(old)
}

func (f *textField) wordBackward() {
	if f.pos == 0 || len(f.value) == 0 {
		return
	}
	i := f.pos - 1
	for i >= 0 && unicode.IsSpace(f.value[i]) {
		f.setCursor(f.pos - 1)
		i--
	}
	for i >= 0 && !unicode.IsSpace(f.value[i]) {
		f.setCursor(f.pos - 1)
		i--
	}
}

func (f *textField) wordForward() {
	if f.pos >= len(f.value) || len(f.value) == 0 {
		return
	}
	i := f.pos
	for i < len(f.value) && unicode.IsSpace(f.value[i]) {
		f.setCursor(f.pos + 1)
		i++
	}
	for i < len(f.value) && !unicode.IsSpace(f.value[i]) {
		f.setCursor(f.pos + 1)
		i++
	}
}

// view draws the runes shown, the cursor in reverse video on the rune
// under it (a space at the end), with no padding.
func (f *textField) view(cursor lipgloss.Style) string {
	text := lipgloss.NewStyle().Inline(true).Render
	shown := f.value[f.offset:f.offsetRight]
	pos := max(0, f.pos-f.offset)
	v := text(string(shown[:pos]))
	under, after := " ", ""
	if pos < len(shown) {
		under, after = string(shown[pos]), string(shown[pos+1:])
	}
	v += cursor.Inline(true).Reverse(true).Render(under)
	if pos < len(shown) {
		v += text(after)
	}
	return v
}
