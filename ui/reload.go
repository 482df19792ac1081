package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// WithReopen lets the browser notice an import or a forget that lands
// while it is open. A writer puts a new file in the catalogue's place, so
// the open one goes on answering as it was: every couple of seconds the
// browser asks the catalogue whether its file was replaced (a Catalog that
// has Changed() bool) and, when it was, opens the new one with reopen,
// reloads the list and says so in the status line.
func WithReopen(reopen func() (Catalog, error)) Option {
	return func(c *common) { c.reopen = reopen }
}

// watchEvery is how often the browser looks for a new catalogue file: a
// stat, so nothing a person would notice. (A variable, so tests wait less.)
var watchEvery = 2 * time.Second

type watchMsg struct{}

// reopenedMsg carries the catalogue opened anew.
type reopenedMsg struct {
	cat Catalog
	err error
}

func watchCatalog() tea.Cmd {
	return tea.Tick(watchEvery, func(time.Time) tea.Msg { return watchMsg{} })
}

// watch checks whether the catalogue's file was replaced, and reopens it
// if so; else it looks again later.
func (m Model) watch() tea.Cmd {
	ch, ok := m.cat.(interface{ Changed() bool })
	if m.common.reopen == nil || !ok {
		return nil
	}
	if !ch.Changed() {
		return watchCatalog()
	}
	reopen := m.common.reopen
	return func() tea.Msg {
		cat, err := reopen()
		return reopenedMsg{cat, err}
	}
}

// reopened installs the new catalogue and reloads the list from it.
func (m Model) reopened(msg reopenedMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.setError("The catalogue changed, but the new one could not be read: " + ErrorText(msg.err))
		return m, watchCatalog()
	}
	m.cat = msg.cat
	m.status, m.isError = "The catalogue changed (an import or a forget landed); the list is up to date.", false
	return m, tea.Batch(loadCatalog(m.cat, m.common.scan), watchCatalog())
}
