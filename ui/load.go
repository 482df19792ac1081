package ui

import (
	"runtime/debug"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/ui/search"
)

// catalogMsg carries the loaded, indexed catalogue; from loadRest, with
// its list with no query ranked.
type catalogMsg struct {
	index  *search.Index
	ranked search.Results
	err    error
	opened int // which opening of the catalogue (Model.opened) it is of
}

// loadCatalog reads every vendor's brief and indexes them, off the
// render path; a scan's rows for unclaimed hosts join them.
func loadCatalog(cat Catalog, scan *scanView, opened int) tea.Cmd {
	return func() tea.Msg {
		// Every brief read stays live in the index: a collection while
		// they are read frees nothing and marks them all again (at every
		// dataset, a third of the load's CPU), so none runs until the
		// index is made; the load's own garbage is a few copies of the
		// names, bounded by the catalogue.
		defer debug.SetGCPercent(debug.SetGCPercent(-1))
		bs, err := cat.Briefs()
		if err != nil {
			return catalogMsg{err: err, opened: opened}
		}
		if scan != nil {
			for i := range scan.unknown {
				bs = append(bs, scan.unknown[i].Brief())
			}
		}
		return catalogMsg{index: search.NewBriefIndex(bs), opened: opened}
	}
}

// catalogLoaded installs a freshly loaded and indexed catalogue.
func (m Model) catalogLoaded(msg catalogMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.list.dropFirst()
		m.list.loadErr = ErrorText(msg.err)
		m.setError("The list is empty: the catalogue could not be read.")
		m.holding = false
		return m.replay()
	}
	m.card.resolve = func(id string) (string, bool) {
		i, ok := msg.index.ByID(id)
		if !ok {
			return "", false
		}
		return msg.index.Vendors()[i].Name, true
	}
	if scan := m.common.scan; scan != nil && scan.warning != "" {
		m.setError("Warning: " + data.CleanLine(scan.warning))
	}
	if m.holding {
		return m.showRest(msg)
	}
	return m, m.list.setIndex(msg.index)
}

// firstRows is how many vendors the first screen is drawn from: more rows
// than a terminal shows.
const firstRows = 256

// firstMsg carries the first vendors of the list with no query, indexed,
// and how many vendors the catalogue holds.
type firstMsg struct {
	index  *search.Index
	total  int
	opened int
}

// loadFirst reads what the first screen shows, the first vendors of the
// list: every brief is looked at, and only those among the first firstRows
// are decoded and kept, so that the screen is up before the whole
// catalogue is read and ordered (loadRest). A catalogue no larger than
// that is loaded whole.
func loadFirst(cat Catalog, opened int) tea.Cmd {
	return func() tea.Msg {
		f := search.NewFirst(firstRows)
		if err := cat.EachBrief(f.Skips, f.Add); err != nil {
			return catalogMsg{err: err, opened: opened}
		}
		x := search.NewBriefIndex(f.Briefs())
		if f.Complete() {
			return catalogMsg{index: x, ranked: x.Rank(""), opened: opened}
		}
		return firstMsg{index: x, total: f.Total(), opened: opened}
	}
}

// loadRest loads the whole catalogue once the first screen is up, with
// its list ranked, so that it takes the first screen's place in one step.
func loadRest(cat Catalog, opened int) tea.Cmd {
	load := loadCatalog(cat, nil, opened)
	return func() tea.Msg {
		msg := load().(catalogMsg)
		if msg.err == nil {
			msg.ranked = msg.index.Rank("")
		}
		return msg
	}
}

// firstLoaded shows the first screen, with the selected vendor's card
// beside the list on a wide terminal, and loads the rest.
func (m Model) firstLoaded(msg firstMsg) (tea.Model, tea.Cmd) {
	if !m.holding {
		return m, nil // the whole catalogue is in already
	}
	m.list.showFirst(msg.index, msg.total)
	if m.card.resolve == nil {
		// The card names its related vendors from the store until the
		// whole catalogue's index can (catalogLoaded): the same names.
		m.card.resolve = storeNames(m.cat)
	}
	m.syncPreview()
	return m, loadRest(m.cat, m.opened)
}

// storeNames names a vendor id from the catalogue's store, a card's few
// related vendors at a time, as the index would (its cleaned name).
func storeNames(cat Catalog) resolver {
	return func(id string) (string, bool) {
		v, err := cat.Get(id)
		if err != nil {
			return "", false
		}
		return data.CleanLine(v.Name), true
	}
}

// holdInput keeps a key or a click for later until the whole catalogue is
// in, the first screen holding only part of it: a search, a filter or a
// page down then acts on every vendor, never on the part (see showRest).
func (m *Model) holdInput(msg tea.Msg) bool {
	if !m.holding {
		return false
	}
	m.queued = append(m.queued, msg)
	return true
}

// showRest puts the whole catalogue in place of the first screen's part
// of it (if it is up) at once, the rows on screen staying, and then acts
// on the keys and clicks that came meanwhile, in order.
func (m Model) showRest(msg catalogMsg) (tea.Model, tea.Cmd) {
	ranked := msg.ranked
	if ranked == (search.Results{}) {
		ranked = msg.index.Rank("") // a reload's catalogue, not loadRest's
	}
	m.holding = false
	// Keys wait, so the first screen's cursor has not moved: the list
	// starts afresh, as on a first load, and asks the index for no vendor
	// by id (which would index every entry here, not off the render path).
	m.list.dropFirst()
	m.list.loaded = msg.index
	m.list.seq++
	var cmd tea.Cmd
	m.list, cmd = m.list.update(searchMsg{seq: m.list.seq, index: msg.index, results: ranked})
	m.syncPreview()
	return m.replay(cmd)
}

// replay acts on the keys and clicks held for the whole catalogue.
func (m Model) replay(cmds ...tea.Cmd) (tea.Model, tea.Cmd) {
	queued := m.queued
	m.queued = nil
	var next tea.Model = m
	for _, msg := range queued {
		var cmd tea.Cmd
		next, cmd = next.Update(msg)
		cmds = append(cmds, cmd)
	}
	return next, tea.Batch(cmds...)
}
