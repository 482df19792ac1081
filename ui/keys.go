package ui

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/vendex/vendex/ui/internal/render"
)

// KeyMap is every action of the browser. Printable keys type into the
// search while the list is shown, so list actions use keys that do not.
type KeyMap struct {
	// everywhere
	ForceQuit key.Binding
	Quit      key.Binding
	Help      key.Binding
	Lookup    key.Binding
	// Suspend is for the help only: the screen's writer suspends on
	// ctrl+z (render), where the system has job control.
	Suspend key.Binding

	// list
	Up         key.Binding
	Down       key.Binding
	PageUp     key.Binding
	PageDown   key.Binding
	Open       key.Binding
	NextFilter key.Binding
	PrevFilter key.Binding
	ClearQuit  key.Binding

	// card
	ScrollUp   key.Binding
	ScrollDown key.Binding
	CardPgUp   key.Binding
	CardPgDown key.Binding
	Top        key.Binding
	Bottom     key.Binding
	NextLink   key.Binding
	PrevLink   key.Binding
	Follow     key.Binding
	Back       key.Binding
	Export     key.Binding
	Copy       key.Binding
	CardQuit   key.Binding
	CardLookup key.Binding

	// prompts
	Submit key.Binding
	Cancel key.Binding
}

// DefaultKeyMap is the key map the browser starts with.
func DefaultKeyMap() KeyMap {
	km := KeyMap{
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Lookup:    key.NewBinding(key.WithKeys("ctrl+l"), key.WithHelp("ctrl+l", "lookup host")),
		Suspend:   key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", "suspend (fg resumes)")),

		Up:         key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "up")),
		Down:       key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "down")),
		PageUp:     key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:   key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		NextFilter: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "category")),
		PrevFilter: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous category")),
		ClearQuit:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "dismiss/clear/quit")),

		ScrollUp:   key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		ScrollDown: key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		CardPgUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up")),
		CardPgDown: key.NewBinding(key.WithKeys("pgdown", " ", "f"), key.WithHelp("pgdn/space", "page down")),
		Top:        key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:     key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		NextLink:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "link")),
		PrevLink:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous link")),
		Follow:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "follow")),
		Back:       key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back")),
		Export:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "export")),
		Copy:       key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy")),
		CardQuit:   key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		CardLookup: key.NewBinding(key.WithKeys("l", "ctrl+l"), key.WithHelp("l", "lookup host")),

		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "look up")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
	km.Suspend.SetEnabled(render.CanSuspend) // no job control, no ctrl+z to tell of
	return km
}

// The key maps of each screen, for the help line and the full help.

// listKeys are the list's keys; esc is the list's own, whose help says
// what it does now (see Model.listEsc).
type listKeys struct {
	k   KeyMap
	esc key.Binding
}

func (l listKeys) ShortHelp() []key.Binding {
	return []key.Binding{l.k.Open, l.k.NextFilter, l.k.Lookup, l.k.Help, l.esc}
}

// listHelpNote is said under the list's full help: what the columns cannot.
const listHelpNote = "esc dismisses a message first, then clears the search, then quits; ctrl+c quits at once."

func (l listKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{l.k.Up, l.k.Down, l.k.PageUp, l.k.PageDown, l.k.Open},
		{l.k.NextFilter, l.k.PrevFilter, l.k.Lookup},
		{l.k.ClearQuit, l.k.Help, l.k.ForceQuit, l.k.Suspend},
	}
}

type cardKeys struct{ k KeyMap }

func (c cardKeys) ShortHelp() []key.Binding {
	return []key.Binding{c.k.NextLink, c.k.Follow, c.k.Back, c.k.Export, c.k.Copy, c.k.Help, c.k.CardQuit}
}

func (c cardKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{c.k.ScrollUp, c.k.ScrollDown, c.k.CardPgUp, c.k.CardPgDown, c.k.Top, c.k.Bottom},
		{c.k.NextLink, c.k.PrevLink, c.k.Follow, c.k.Back, c.k.Export, c.k.Copy},
		{c.k.CardLookup, c.k.Help, c.k.CardQuit, c.k.ForceQuit, c.k.Suspend},
	}
}

type promptKeys struct{ k KeyMap }

func (p promptKeys) ShortHelp() []key.Binding {
	return []key.Binding{p.k.Submit, p.k.Cancel, p.k.ForceQuit}
}

func (p promptKeys) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }
