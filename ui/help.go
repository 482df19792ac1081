package ui

import (
	"slices"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
)

// fullHelp is the help's columns side by side, or, when they do not fit
// the width, one column of every key.
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
	return m.help.FullHelpView([][]key.Binding{one})
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
