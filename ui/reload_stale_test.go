package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/vendex/vendex/data"
)

// settle runs cmd and what it leads to, a batch's commands each, except
// the catalogue's file watch (a tick that never ends).
func settle(m tea.Model, cmd tea.Cmd) tea.Model {
	if cmd == nil {
		return m
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			m = settle(m, c)
		}
	case watchMsg, nil:
	default:
		var next tea.Cmd
		m, next = m.Update(msg)
		m = settle(m, next)
	}
	return m
}

// A load of the catalogue the browser had before a reload may land after
// the reload's own (the first screen's rest of the list takes a while with
// every dataset): it is dropped, not installed over the new catalogue, so
// a vendor an import just added does not vanish while the status line
// says the list was reloaded (review8).
func TestALoadOfTheCatalogueBeforeAReloadDoesNotReplaceIt(t *testing.T) {
	before := fixture()
	after := append(fixture(), data.Vendor{ID: "acme-widgets", Name: "Acme Widgets", Category: data.Functional})
	var m tea.Model = New(fakeCatalog{vendors: before}, "")
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	stale := loadCatalog(fakeCatalog{vendors: before}, nil, 0) // still running when the file changes
	m, _ = m.Update(reopenedMsg{cat: fakeCatalog{vendors: after}})
	m = settle(m, loadCatalog(m.(Model).cat, nil, m.(Model).opened))
	if v := m.View(); !strings.Contains(v, "Acme Widgets") {
		t.Fatalf("the reload's catalogue is not shown:\n%s", v)
	}
	m = settle(m, func() tea.Msg { return stale() })
	if v := m.View(); !strings.Contains(v, "Acme Widgets") || !strings.Contains(v, "Reloaded") {
		t.Errorf("the earlier catalogue's late load replaced the new one:\n%s", v)
	}
}
