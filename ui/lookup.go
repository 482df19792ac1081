package ui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/store"
)

// The lookup prompt.

// lookupMsg is the answer to a lookup.
type lookupMsg struct {
	input string
	match store.DomainMatch
	err   error
}

func (m Model) openPrompt() Model {
	m.back, m.state = m.state, stateLookup
	m.prompt.SetValue("")
	return m
}

func (m Model) updateLookup(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.common.keys
	switch {
	case key.Matches(msg, k.Cancel):
		m.state = m.back
		return m, nil
	case key.Matches(msg, k.Submit):
		in := m.prompt.Value()
		if strings.TrimSpace(in) == "" {
			m.prompt.SetValue("")
			m.prompt.note = "type a host or URL"
			return m, nil
		}
		m.state = m.back
		t, err := data.ParseTarget(in)
		if err != nil {
			m.setError(fmt.Sprintf("%q is not a host name or URL", data.CleanLine(in)))
			return m, nil
		}
		m.status = "looking up " + t.Host + "…"
		cat := m.cat
		return m, func() tea.Msg {
			dm, err := cat.ByDomain(t)
			return lookupMsg{input: t.Host + t.Path, match: dm, err: err}
		}
	}
	m.prompt.update(msg)
	return m, nil
}

// lookupDone opens the owner's card, or says that nobody owns the host.
func (m Model) lookupDone(msg lookupMsg) Model {
	switch {
	case errors.Is(msg.err, store.ErrNotFound) && msg.match.Matched != "":
		m.setError(data.CleanLine(msg.input) + ": " + data.HostedMiss(msg.match.Matched, msg.match.HostedOn))
		return m
	case errors.Is(msg.err, store.ErrNotFound) && data.IsHostingSuffix(msg.input):
		m.setError(data.CleanLine(msg.input) + ": " + data.SuffixMiss(msg.input))
		return m
	case errors.Is(msg.err, store.ErrNotFound):
		m.setError("No vendor in the catalogue owns " + data.CleanLine(msg.input))
		return m
	case msg.err != nil:
		m.setError(ErrorText(msg.err))
		return m
	}
	v := msg.match.Vendor.Cleaned()
	switch {
	case m.state != stateCard:
		m.history = nil
		m.card.open(v, 0, -1)
	case v.ID != m.card.vendor.ID: // the same vendor stays as it is
		m.history = append(m.history, m.card.visit())
		m.card.open(v, 0, -1)
	}
	m.state = stateCard
	how := "domain"
	if msg.match.Source {
		how = "script source"
	}
	// The list's highlight follows the card (verify10: at 130x30 the card
	// showed YouTube thumbnails while the highlight stayed on 2GIS); where
	// the list does not show the vendor, the status says it is not there.
	where := ""
	if !m.list.selectVendor(v.ID) {
		where = " (not in the list as shown)"
	}
	// The input is what was just typed: the message says what matched it.
	m.status = fmt.Sprintf("Found %s by its %s %s%s", v.Name, how, data.CleanLine(msg.match.Matched), where)
	return m
}
