// Package ui is vendex's interactive browser: a Bubble Tea program over the
// catalogue with fuzzy search, the vendor card, related-vendor links, a
// category filter, domain lookup and export.
package ui

import (
	"errors"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/muesli/termenv"
	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/store"
	"github.com/vendex/vendex/ui/internal/render"
)

// common is what every screen shares: keys, styles and options.
type common struct {
	keys      KeyMap
	styles    Styles
	exportDir string
	clipboard io.Writer
	scan      *scanView // a site audit to show instead of the whole catalogue
	reopen    func() (Catalog, error)
}

// state is which screen has the keys.
type state int

const (
	stateList state = iota
	stateCard
	stateLookup
	stateHelp
)

// visit is one step of the path through related vendors: enough to come
// back to it as it was left.
type visit struct {
	id     string
	offset int
	focus  int
}

// sideBySide is the width from which the list and the card share the
// screen.
const sideBySide = 120

// Model is the browser's root model.
type Model struct {
	common  *common
	cat     Catalog
	state   state
	back    state // the screen under the help or the prompt
	list    vendorList
	card    cardView
	prompt  lineInput
	help    help.Model
	history []visit // vendors behind the one on the card
	// helpOffset is how far the help is scrolled, on a terminal too short
	// for all of it.
	helpOffset int
	status     string
	isError    bool
	width      int
	height     int
	ready      bool // a size has arrived
	quitting   bool
	reopening  bool // a changed catalogue is being opened
	// opened counts the catalogues opened (a reload adds one): a load of
	// an earlier one that lands late is not installed over the new one.
	opened int

	// notice is a reload's message that landed while the lookup prompt
	// or the help held the status line: it waits for them to close.
	notice      string
	noticeError bool

	// holding says that keys and clicks wait for the whole catalogue
	// (holdInput), which comes after a first screen; queued are those
	// that came meanwhile.
	holding bool
	queued  []tea.Msg
}

// Option changes how the browser runs.
type Option func(*common)

// WithClipboard sets where the OSC 52 clipboard sequence goes (the
// terminal, through standard error, by default).
func WithClipboard(w io.Writer) Option { return func(c *common) { c.clipboard = w } }

// New returns the browser over cat with query already typed.
func New(cat Catalog, query string, opts ...Option) Model {
	c := &common{keys: DefaultKeyMap(), styles: DefaultStyles(), exportDir: ".", clipboard: os.Stderr}
	for _, o := range opts {
		o(c)
	}
	h := help.New()
	h.ShortSeparator = " · "
	m := Model{common: c, cat: cat, list: newVendorList(c, query), help: h}
	// The list with no query is drawn from its first vendors before the
	// rest is read (loadFirst); a query or a scan needs every vendor.
	m.holding = query == "" && c.scan == nil
	m.card = newCardView(c)
	m.prompt = newLineInput("Host or URL: ", "https://media.twiliocdn.com/sdk/js/client/…", c.styles)
	return m
}

// Run opens the browser full-screen on the terminal and returns when the
// user quits. It settles the colours first: NO_COLOR turns them off, and
// the background is queried before Bubble Tea owns the terminal (asking
// afterwards stalls).
func Run(cat Catalog, initialQuery string, opts ...Option) error {
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		lipgloss.SetColorProfile(termenv.Ascii)
	}
	lipgloss.SetHasDarkBackground(lipgloss.HasDarkBackground())
	// The clipboard sequence goes to the terminal beside Bubble Tea's own
	// output: standard error, or the terminal itself when that is redirected.
	if !term.IsTerminal(os.Stderr.Fd()) {
		if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
			defer tty.Close()
			opts = append([]Option{WithClipboard(tty)}, opts...)
		}
	}
	m := New(cat, initialQuery, opts...)
	if !render.Supported {
		// Bubble Tea's own renderer, which sets the console up: frames
		// on its ticker, at most 120 a second.
		_, err := tea.NewProgram(m, tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithFPS(120), tea.WithReportFocus()).Run()
		return err
	}
	// Frames are written as soon as a view changes, not on Bubble Tea's
	// frame ticker: a keystroke's rows need not wait up to 8 ms for a tick.
	screen := render.NewScreen(os.Stdout)
	m.common.clipboard = screen.Writer(m.common.clipboard)
	return render.Run(m, screen, os.Stdin, os.Stdout)
}

func (m Model) Init() tea.Cmd {
	load := loadCatalog(m.cat, m.common.scan, m.opened)
	if m.holding {
		load = loadFirst(m.cat, m.opened)
	}
	if m.common.reopen != nil {
		return tea.Batch(load, watchCatalog())
	}
	return load
}

func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case watchMsg:
		return m.watch(false)
	case tea.FocusMsg:
		return m.watch(true)
	case reopenedMsg:
		return m.reopened(msg)
	case tea.WindowSizeMsg:
		m.width, m.height, m.ready = msg.Width, msg.Height, true
		m.layout()
		return m, nil
	case firstMsg:
		if msg.opened != m.opened {
			return m, nil // of a catalogue a reload has replaced
		}
		return m.firstLoaded(msg)
	case catalogMsg:
		if msg.opened != m.opened {
			return m, nil
		}
		return m.catalogLoaded(msg)
	case searchMsg:
		var cmd tea.Cmd
		m.list, cmd = m.list.update(msg)
		m.syncPreview()
		return m, cmd
	case lookupMsg:
		return m.lookupDone(msg), nil
	case statusMsg:
		m.status, m.isError = msg.text, msg.err
		return m, nil
	case tea.MouseMsg:
		if m.holdInput(msg) {
			return m, nil
		}
		return m.updateMouse(msg)
	case tea.KeyMsg:
		if key.Matches(msg, m.common.keys.ForceQuit) {
			return m, tea.Quit
		}
		if m.holdInput(msg) {
			return m, nil
		}
		if msg.Type == tea.KeyEscape && msg.Alt {
			// Two quick presses of esc reach us as one alt+esc.
			return m.escTwice()
		}
		// On the list, esc first dismisses the message (a lookup that
		// found nothing, say), before it clears the search or quits.
		if m.state == stateList && m.status != "" && key.Matches(msg, m.common.keys.ClearQuit) {
			m.status, m.isError = "", false
			return m, nil
		}
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !m.typing() {
			return m.pressEach(msg)
		}
		m.status, m.isError = "", false
		next, cmd := m.updateKey(msg)
		return next.showNotice(), cmd
	}
	return m, nil
}

// updateKey hands a key to the screen that has the keys.
func (m Model) updateKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	var next tea.Model
	var cmd tea.Cmd
	switch m.state {
	case stateList:
		next, cmd = m.updateList(msg)
	case stateCard:
		next, cmd = m.updateCard(msg)
	case stateLookup:
		next, cmd = m.updateLookup(msg)
	case stateHelp:
		next, cmd = m.updateHelp(msg)
	default:
		return m, nil
	}
	return next.(Model), cmd
}

// typing reports whether letters are text here (the list's search, the
// lookup prompt) rather than keys.
func (m Model) typing() bool { return m.state == stateList || m.state == stateLookup }

// pressEach acts on a burst of letters that arrived in one read as one
// press each: Bubble Tea v1 delivers "jjjjjj" sent together (a fast
// typist, a held key over a slow link, tmux send-keys) as one KeyRunes
// message, which matches no one-letter key.
func (m Model) pressEach(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	var next tea.Model = m
	cmds := make([]tea.Cmd, 0, len(msg.Runes))
	for _, r := range msg.Runes {
		var cmd tea.Cmd
		next, cmd = next.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
		cmds = append(cmds, cmd)
	}
	return next, tea.Batch(cmds...)
}

// updateMouse scrolls the card under the wheel, and on the list selects a
// clicked row or opens it on a second click.
func (m Model) updateMouse(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	if m.state == stateCard || (m.wide() && msg.X >= m.listWidth()) {
		m.card, _ = m.card.update(msg)
	} else if m.state == stateList {
		if msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress {
			// One click selects a row; a click on the selected row
			// (the second of a double click) opens it.
			if again, ok := m.list.click(msg.Y - listTop); ok && again {
				return m.openSelected(), nil
			}
		} else {
			m.list, _ = m.list.update(msg)
		}
		m.syncPreview()
	}
	return m, nil
}

// escTwice is esc pressed twice. A quit on the first stops there.
func (m Model) escTwice() (tea.Model, tea.Cmd) {
	esc := tea.KeyMsg{Type: tea.KeyEscape}
	m1, cmd1 := m.Update(esc)
	if m1.(Model).quitting {
		return m1, cmd1
	}
	m2, cmd2 := m1.Update(esc)
	return m2, tea.Batch(cmd1, cmd2)
}

func (m Model) updateList(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.common.keys
	switch {
	case key.Matches(msg, k.Help):
		m.back, m.state = stateList, stateHelp
		return m, nil
	case key.Matches(msg, k.Lookup):
		return m.openPrompt(), nil
	case key.Matches(msg, k.ClearQuit):
		if m.list.input.Value() == "" {
			m.quitting = true
			return m, tea.Quit
		}
		m.list.input.SetValue("")
		return m, m.list.search()
	case key.Matches(msg, k.Open):
		return m.openSelected(), nil
	}
	var cmd tea.Cmd
	m.list, cmd = m.list.update(msg)
	m.syncPreview()
	return m, cmd
}

func (m Model) updateCard(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.common.keys
	switch {
	case key.Matches(msg, k.CardQuit):
		m.quitting = true
		return m, tea.Quit
	case key.Matches(msg, k.Help):
		m.back, m.state = stateCard, stateHelp
		return m, nil
	case key.Matches(msg, k.CardLookup):
		return m.openPrompt(), nil
	case key.Matches(msg, k.Follow):
		id, ok := m.card.focused()
		if !ok {
			m.status = "tab picks a related vendor to follow"
			return m, nil
		}
		m.follow(id)
		return m, nil
	case key.Matches(msg, k.Back):
		m.goBack()
		return m, nil
	case key.Matches(msg, k.Export):
		return m, exportCard(m.card.built(), m.common.exportDir)
	case key.Matches(msg, k.Copy):
		return m, copyCard(m.card.built(), m.common.clipboard)
	}
	var cmd tea.Cmd
	m.card, cmd = m.card.update(msg)
	return m, cmd
}

// follow opens related vendor id, remembering where the card was.
func (m *Model) follow(id string) {
	v, err := m.load(id)
	if errors.Is(err, store.ErrNotFound) {
		m.setError(id + " is not in the catalogue")
		return
	}
	if err != nil {
		m.setError(ErrorText(err))
		return
	}
	m.history = append(m.history, m.card.visit())
	m.card.open(v, 0, -1)
}

// listTop is the screen line of the list's first row: under the header
// and the search line.
const listTop = 2

// openSelected opens the card of the list's selected vendor.
func (m Model) openSelected() Model {
	b, ok := m.list.selected()
	if !ok {
		return m
	}
	v, err := m.load(b.ID)
	if err != nil {
		m.setError(ErrorText(err))
		return m
	}
	m.history = nil
	m.card.open(v, 0, -1)
	m.state = stateCard
	return m
}

// goBack returns to the previous vendor as it was left, or to the list.
func (m *Model) goBack() {
	for len(m.history) > 0 {
		h := m.history[len(m.history)-1]
		m.history = m.history[:len(m.history)-1]
		if v, err := m.load(h.id); err == nil {
			m.card.open(v, h.offset, h.focus)
			return
		}
	}
	m.state = stateList
	if b, ok := m.list.selected(); ok && m.wide() {
		// The preview starts at the card's top, with its title, however
		// far the card was scrolled.
		if v, err := m.load(b.ID); err == nil {
			m.card.open(v, 0, -1)
		}
	}
}

// load reads the whole card of vendor id, cleaned for display: from the
// store, or the scan's row for a host nobody claims.
func (m Model) load(id string) (data.Vendor, error) {
	if v, ok := m.common.scan.unknownVendor(id); ok {
		return v, nil
	}
	v, err := m.cat.Get(id)
	if err != nil {
		return data.Vendor{}, err
	}
	return v.Cleaned(), nil
}

// vendorName is the name of the listed vendor with this id.
func (m Model) vendorName(id string) (string, bool) {
	x := m.list.index
	if x == nil {
		return "", false
	}
	i, ok := x.ByID(id)
	if !ok {
		return "", false
	}
	return x.Vendors()[i].Name, true
}

// syncPreview shows the selected vendor on the card when the card sits
// beside the list.
func (m *Model) syncPreview() {
	if m.state != stateList || !m.wide() {
		return
	}
	if b, ok := m.list.selected(); ok && b.ID != m.card.vendor.ID {
		v, err := m.load(b.ID)
		if err != nil {
			m.setError(ErrorText(err))
			return
		}
		m.card.open(v, 0, -1)
	}
}

func (m *Model) setError(s string) { m.status, m.isError = s, true }

// statusMsg sets the status line from a command.
type statusMsg struct {
	text string
	err  bool
}

func (m Model) wide() bool { return m.width >= sideBySide }

func (m Model) listWidth() int { return max(36, m.width*2/5) }

// bodyHeight is what is left under the header and above the status and
// help lines.
func (m Model) bodyHeight() int { return max(0, m.height-3) }

// layout hands every screen its size, shown or not.
func (m *Model) layout() {
	h := m.bodyHeight()
	if m.wide() {
		lw := m.listWidth()
		m.list.SetSize(lw, h)
		m.card.SetSize(m.width-lw-2, h)
		m.syncPreview()
	} else {
		m.list.SetSize(m.width, h)
		m.card.SetSize(m.width, h)
	}
	m.help.Width = m.width
	m.prompt.setWidth(m.width)
}

func (m Model) View() string {
	if !m.ready {
		return "Loading…"
	}
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	st := m.common.styles
	lines := []string{m.header()}

	var body string
	switch {
	case m.state == stateHelp:
		body = strings.Join(m.helpLines()[m.helpOffset:], "\n")
	case m.wide():
		body = joinColumns(m.list.View(), m.card.View(), m.listWidth(), m.bodyHeight(), st.Divider.Render("│"))
	case m.state == stateCard || (m.state == stateLookup && m.back == stateCard):
		body = m.card.View()
	default:
		body = m.list.View()
	}
	var status []string
	switch {
	case m.state == stateLookup:
		status = []string{m.prompt.View(m.width)}
	case m.state == stateHelp:
		status = []string{st.Subtle.Render(m.helpStatus())}
	default:
		style := st.Status
		if m.isError {
			style = st.Error
		}
		for _, l := range m.statusLines() {
			status = append(status, style.Render(l))
		}
	}
	// A message of several lines (a lookup's answer at 40 columns) covers
	// the body's last lines until it is dismissed.
	bl := strings.Split(body, "\n")
	for i := 0; i < m.bodyHeight()-(len(status)-1); i++ {
		if i < len(bl) {
			lines = append(lines, bl[i])
		} else {
			lines = append(lines, "")
		}
	}
	lines = append(lines, status...)
	lines = append(lines, m.footer())

	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.width, "…")
	}
	return strings.Join(lines[:min(len(lines), m.height)], "\n")
}

// maxStatusLines is how many lines a message may take: enough for a
// lookup's answer at 40 columns, and never half of a 12-line terminal.
const maxStatusLines = 3

// statusLines is the message wrapped to the screen's width, in at most
// maxStatusLines lines (and one on a terminal too short to spare more);
// what does not fit ends in an ellipsis.
func (m Model) statusLines() []string {
	most := maxStatusLines
	if m.bodyHeight() < 2*maxStatusLines {
		most = 1
	}
	lines := strings.Split(ansi.Wrap(m.status, max(1, m.width), ""), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	if len(lines) > most {
		lines = lines[:most]
		lines[most-1] = ansi.Truncate(lines[most-1]+" …", m.width, "…")
	}
	return lines
}

// listEsc is the list's esc binding, its help saying what esc does now.
func (m Model) listEsc() key.Binding {
	b := m.common.keys.ClearQuit
	switch {
	case m.status != "" && m.state != stateHelp:
		b.SetHelp("esc", "dismiss")
	case m.list.input.Value() != "":
		b.SetHelp("esc", "clear search")
	default:
		b.SetHelp("esc", "quit")
	}
	return b
}
