package ui

import (
	"errors"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/store"
)

// WithReopen lets the browser notice an import or a forget that lands
// while it is open. A writer puts a new file in the catalogue's place, so
// the open one goes on answering as it was: every couple of seconds, and
// when the terminal comes back into focus, the browser asks the catalogue
// whether its file was replaced (a Catalog that has Changed() bool) and,
// when it was, opens the new one with reopen, reloads the list and the
// card on the screen, and says so in the status line.
func WithReopen(reopen func() (Catalog, error)) Option {
	return func(c *common) { c.reopen = reopen }
}

// watchEvery is how often the browser looks for a new catalogue file: a
// stat, so nothing a person would notice. (A variable, so tests wait less.)
var watchEvery = 2 * time.Second

// The status line's words for a reload: short enough for 40 columns.
const (
	reloadedText = "Reloaded: an import or forget landed."
	removedText  = "Reloaded; a forget removed "
)

type watchMsg struct{}

// reopenedMsg carries the catalogue opened anew; onFocus says the
// terminal's focus, not the ticks, asked.
type reopenedMsg struct {
	cat     Catalog
	err     error
	onFocus bool
}

func watchCatalog() tea.Cmd {
	return tea.Tick(watchEvery, func(time.Time) tea.Msg { return watchMsg{} })
}

// watch checks whether the catalogue's file was replaced, and reopens it
// if so; else it looks again later. The ticks look every watchEvery, and
// the terminal coming back into focus (onFocus) looks at once, outside
// the ticks, which go on by themselves.
func (m Model) watch(onFocus bool) (Model, tea.Cmd) {
	ch, ok := m.cat.(interface{ Changed() bool })
	if m.common.reopen == nil || !ok {
		return m, nil
	}
	var next tea.Cmd
	if !onFocus {
		next = watchCatalog()
	}
	if m.reopening || !ch.Changed() {
		return m, next
	}
	m.reopening = true
	reopen := m.common.reopen
	return m, func() tea.Msg {
		cat, err := reopen()
		return reopenedMsg{cat, err, onFocus}
	}
}

// reopened installs the new catalogue, reloads the list from it and the
// card on the screen, and says so.
func (m Model) reopened(msg reopenedMsg) (Model, tea.Cmd) {
	m.reopening = false
	var next tea.Cmd
	if !msg.onFocus {
		next = watchCatalog()
	}
	if msg.err != nil {
		m.setError("The catalogue changed, but the new one could not be read: " + ErrorText(msg.err))
		return m.holdNotice(), next
	}
	m.cat = msg.cat
	m.opened++
	m.status, m.isError = reloadedText, false
	m.reloadCard()
	return m.holdNotice(), tea.Batch(loadCatalog(m.cat, m.common.scan, m.opened), next)
}

// holdNotice keeps the reload's message for later when the lookup prompt
// or the help hides the status line: the user still learns that the list
// under it changed.
func (m Model) holdNotice() Model {
	if m.statusCovered() {
		m.notice, m.noticeError = m.status, m.isError
		m.status, m.isError = "", false
	}
	return m
}

// reloadCard reads the card on the screen again from the new catalogue,
// where it stays as it was scrolled. A vendor a forget removed is not left
// on the screen to be read or exported: the browser goes back to the
// vendor before it, or to the list.
func (m *Model) reloadCard() {
	was := m.card.visit()
	if was.id == "" {
		return
	}
	v, err := m.load(was.id)
	switch {
	case err == nil:
		m.card.open(v, was.offset, was.focus)
		return
	case !errors.Is(err, store.ErrNotFound):
		m.setError(ErrorText(err))
		return
	}
	m.status = removedText + data.CleanLine(m.card.vendor.Name) + "."
	switch {
	case m.state == stateCard:
		m.goBack()
	case m.back == stateCard: // the help or the lookup prompt over it
		m.back, m.history = stateList, nil
	}
}

// statusCovered reports whether the status line is out of sight: the
// lookup prompt or the help holds it.
func (m Model) statusCovered() bool { return m.state == stateLookup || m.state == stateHelp }

// showNotice puts a waiting notice in the status line once the prompt or
// the help has closed, unless closing said something of its own (a
// lookup's answer).
func (m Model) showNotice() Model {
	if m.notice == "" || m.statusCovered() {
		return m
	}
	if m.status == "" {
		m.status, m.isError = m.notice, m.noticeError
	}
	m.notice = ""
	return m
}
