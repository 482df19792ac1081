package ui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// fullHelp is the help's columns side by side, or, when they do not fit
// the width, one column of every key, or, narrower still, each key on a
// line of its own with its words under it.
func (m Model) fullHelp() string {
	groups := m.helpKeys().FullHelp()
	h := m.help
	h.Width = 0 // the bubble cuts what does not fit: measure it whole
	if v := h.FullHelpView(groups); lipgloss.Width(v) <= m.width {
		return v
	}
	var one []key.Binding
	for _, g := range groups {
		one = append(one, g...)
	}
	if v := h.FullHelpView([][]key.Binding{one}); lipgloss.Width(v) <= m.width {
		return v
	}
	return m.stackedHelp(one)
}

// stackedHelp is the help of keys for a terminal too narrow for its
// column (20 columns, where the bubble showed only "…"): a key and its
// words on one line where they fit, else the words wrapped under the key.
func (m Model) stackedHelp(keys []key.Binding) string {
	st := m.help.Styles
	var lines []string
	for _, k := range keys {
		if !k.Enabled() {
			continue
		}
		kd := k.Help()
		if lipgloss.Width(kd.Key)+1+lipgloss.Width(kd.Desc) <= m.width {
			lines = append(lines, st.FullKey.Render(kd.Key)+" "+st.FullDesc.Render(kd.Desc))
			continue
		}
		lines = append(lines, st.FullKey.Render(kd.Key))
		for _, l := range strings.Split(ansi.Wrap(kd.Desc, max(1, m.width-2), ""), "\n") {
			lines = append(lines, "  "+st.FullDesc.Render(strings.TrimRight(l, " ")))
		}
	}
	return strings.Join(lines, "\n")
}

// helpStatus is the help screen's status line: how to scroll it, if it is
// taller than the terminal, and how to close it, in fewer words where the
// long form does not fit.
func (m Model) helpStatus() string {
	long, short := "any key closes the help", "any key closes"
	if m.helpOffset < m.helpMore() {
		long, short = "↓ more · any other key closes the help", "↓ more · esc closes"
	}
	if lipgloss.Width(long) <= m.width {
		return long
	}
	return short
}

// footer is the short help: as many of its keys as fit the width, and
// always how to see the rest ("? help").
func (m Model) footer() string {
	keys := m.helpKeys().ShortHelp()
	h := m.help
	h.Width = 0
	if v := h.ShortHelpView(keys); lipgloss.Width(v) <= m.width {
		return v
	}
	helpKey := m.common.keys.Help
	shown := []key.Binding{helpKey}
	for _, k := range keys {
		if k.Help().Key == helpKey.Help().Key {
			continue
		}
		try := append(slices.Clone(shown[:len(shown)-1]), k, helpKey)
		if lipgloss.Width(h.ShortHelpView(try)) > m.width {
			break
		}
		shown = try
	}
	return h.ShortHelpView(shown)
}

func (m Model) helpKeys() help.KeyMap {
	s := m.state
	if s == stateHelp {
		s = m.back
	}
	switch s {
	case stateCard:
		return cardKeys{m.common.keys}
	case stateLookup:
		return promptKeys{m.common.keys}
	}
	return listKeys{k: m.common.keys, esc: m.listEsc()}
}

// helpLines is the help screen's body: the keys and, on the list, the note
// on esc.
func (m Model) helpLines() []string {
	body := m.fullHelp()
	if _, ok := m.helpKeys().(listKeys); ok {
		body += "\n"
		for _, l := range strings.Split(ansi.Wrap(listHelpNote, max(1, m.width), ""), "\n") {
			body += "\n" + m.common.styles.Subtle.Render(strings.TrimRight(l, " "))
		}
	}
	return strings.Split(body, "\n")
}

// helpMore is how many lines of the help do not fit under the header.
func (m Model) helpMore() int { return max(0, len(m.helpLines())-m.bodyHeight()) }

// updateHelp scrolls a help taller than the terminal with the arrow and
// page keys; any other key closes it.
func (m Model) updateHelp(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	more, page := m.helpMore(), max(1, m.bodyHeight()-1)
	if more > 0 {
		switch msg.String() {
		case "down", "j":
			m.helpOffset = min(more, m.helpOffset+1)
			return m, nil
		case "up", "k":
			m.helpOffset = max(0, m.helpOffset-1)
			return m, nil
		case "pgdown", " ", "f":
			m.helpOffset = min(more, m.helpOffset+page)
			return m, nil
		case "pgup", "b":
			m.helpOffset = max(0, m.helpOffset-page)
			return m, nil
		}
	}
	m.state, m.helpOffset = m.back, 0
	return m, nil
}
