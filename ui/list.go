package ui

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/ui/search"
)

// categoryFilter is one stop of the category cycle: every vendor, or the
// vendors of one category ("" is unclassified).
type categoryFilter struct {
	all bool
	cat data.Category
}

func (f categoryFilter) keeps(v *data.Brief) bool { return f.all || v.Category == f.cat }

func (f categoryFilter) title() string {
	if f.all {
		return "All categories"
	}
	return f.cat.Title()
}

// categoryFilters is what tab cycles through: all, each category, and
// Unclassified only when some vendor has no category (imports leave many
// so; the embedded catalogue none).
func categoryFilters(vs []data.Brief) []categoryFilter {
	fs := []categoryFilter{{all: true}}
	for _, c := range data.Categories {
		fs = append(fs, categoryFilter{cat: c})
	}
	for i := range vs {
		if vs[i].Category == "" {
			return append(fs, categoryFilter{cat: ""})
		}
	}
	return fs
}

// vendorList is the list screen: the search field, the category filter and
// the ranked vendors.
type vendorList struct {
	common *common
	input  lineInput

	index   *search.Index // the one results and shown rank
	loaded  *search.Index // the newest, which searches rank: a reload's, before its results land
	filters []categoryFilter
	filter  int    // into filters
	query   string // whose results are shown
	results search.Results
	shown   search.Results // results that pass the filter
	hits    [][]int        // matched offsets of shown[offset:], the rows on screen
	cursor  int
	offset  int

	loadErr string // why the catalogue could not be read
	// total is how many vendors the catalogue holds while the first
	// screen shows the first of them (index holds only those), else 0.
	total int

	seq     int // of the latest search asked for
	applied int // of the search whose results are shown
	width   int
	height  int
}

// searchMsg carries the results of the search numbered seq, and the index
// they rank: rows always read the index their results came from.
type searchMsg struct {
	seq     int
	query   string
	index   *search.Index
	results search.Results
	// keep is the vendor selected when a reload's search started, and kept
	// its place in results (-1 if not there), found off the render path.
	keep string
	kept int
}

func newVendorList(c *common, query string) vendorList {
	in := newLineInput("Search: ", "name, alias or domain", c.styles)
	in.SetValue(query)
	return vendorList{common: c, input: in, filters: categoryFilters(nil)}
}

func (l *vendorList) SetSize(w, h int) {
	l.width, l.height = w, h
	l.input.setWidth(w)
	l.clamp()
}

// rows is how many vendors fit under the search field.
func (l *vendorList) rows() int { return max(0, l.height-1) }

// setIndex searches a freshly loaded catalogue; the rows change to it when
// the search lands (see install).
func (l *vendorList) setIndex(x *search.Index) tea.Cmd {
	l.loaded = x
	cmd := l.search()
	b, ok := l.selected()
	if cmd == nil || !ok {
		return cmd
	}
	return func() tea.Msg {
		msg := cmd().(searchMsg)
		msg.keep, msg.kept = b.ID, -1
		if v, ok := x.ByID(b.ID); ok {
			for i := range msg.results.Len() {
				if int(msg.results.At(i).Vendor) == v {
					msg.kept = i
					break
				}
			}
		}
		return msg
	}
}

// showFirst shows the first vendors of the list with no query (x) until
// the whole catalogue of total vendors is in (install).
func (l *vendorList) showFirst(x *search.Index, total int) {
	l.index, l.total = x, total
	l.results = x.Rank("")
	l.applyFilter()
}

// partial reports whether the list holds only the first screen's vendors.
func (l vendorList) partial() bool { return l.total > 0 }

// dropFirst forgets the first screen's vendors: the whole catalogue takes
// their place, or could not be read.
func (l *vendorList) dropFirst() {
	if l.partial() {
		l.index, l.total, l.results, l.shown = nil, 0, search.Results{}, search.Results{}
		l.clamp()
	}
}

// search starts a search for the current query off the render path.
func (l *vendorList) search() tea.Cmd {
	if l.loaded == nil {
		return nil
	}
	l.seq++
	seq, q, x := l.seq, l.input.Value(), l.loaded
	return func() tea.Msg {
		return searchMsg{seq: seq, query: q, index: x, results: x.Rank(q)}
	}
}

// install shows results of msg's index in place of the old one's, keeping
// the category filter, and, when the query is the one shown (a reload, not
// a keystroke), the selected vendor, or the row that took its place when a
// forget removed it.
func (l *vendorList) install(msg searchMsg) {
	old, hadOld := l.selected()
	cursor, offset := l.cursor, l.offset
	same := hadOld && msg.query == l.query
	f := categoryFilter{all: true}
	if l.index != nil {
		f = l.filters[l.filter]
	}
	l.index, l.query, l.results = msg.index, msg.query, msg.results
	l.filters = categoryFilters(msg.index.Vendors())
	l.filter = max(0, slices.Index(l.filters, f))
	l.cursor, l.offset = 0, 0
	l.applyFilter()
	if !same {
		return
	}
	l.cursor = cursor
	// The search read the ranking as far as the vendor, or found it
	// absent: the rows read here are settled, or few (a filter's).
	if v, ok := msg.index.ByID(old.ID); ok && (old.ID != msg.keep || msg.kept >= 0) {
		for i := range l.shown.Len() {
			if int(l.shown.At(i).Vendor) == v {
				l.cursor = i
				break
			}
		}
	}
	// The list stays scrolled as it was, as far as the selected row
	// stays in view.
	l.offset = offset
	l.clamp()
}

// searching reports whether a newer search than the one shown is running.
func (l *vendorList) searching() bool { return l.applied < l.seq }

func (l vendorList) update(msg tea.Msg) (vendorList, tea.Cmd) {
	switch msg := msg.(type) {
	case searchMsg:
		// An older query's results never replace a newer one's.
		if msg.seq <= l.applied {
			return l, nil
		}
		l.applied = msg.seq
		if msg.index != l.index {
			l.install(msg)
			// The screen is up: build the fuzzy index now, off the
			// render path, so that the next keystroke finds it ready.
			x := l.index
			return l, func() tea.Msg { x.Prepare(); return nil }
		}
		l.query, l.results = msg.query, msg.results
		l.cursor, l.offset = 0, 0
		l.applyFilter()
		return l, nil
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			l.move(-3)
		case tea.MouseButtonWheelDown:
			l.move(3)
		}
		return l, nil
	case tea.KeyMsg:
		k := l.common.keys
		switch {
		case key.Matches(msg, k.Up):
			l.move(-1)
			return l, nil
		case key.Matches(msg, k.Down):
			l.move(1)
			return l, nil
		case key.Matches(msg, k.PageUp):
			l.move(-max(1, l.rows()))
			return l, nil
		case key.Matches(msg, k.PageDown):
			l.move(max(1, l.rows()))
			return l, nil
		case key.Matches(msg, k.NextFilter):
			l.setFilter(l.filter + 1)
			return l, nil
		case key.Matches(msg, k.PrevFilter):
			l.setFilter(l.filter - 1)
			return l, nil
		}
		before := l.input.Value()
		if l.input.update(msg) && l.input.Value() != before {
			return l, l.search()
		}
		return l, nil
	}
	return l, nil
}

func (l *vendorList) setFilter(i int) {
	n := len(l.filters)
	l.filter = ((i % n) + n) % n
	l.cursor, l.offset = 0, 0
	l.applyFilter()
}

func (l *vendorList) applyFilter() {
	f, scan := l.filters[l.filter], l.common.scan
	if f.all && scan == nil {
		l.shown = l.results
	} else {
		// A filter reads the whole ranking: only the unfiltered list is lazy.
		var shown []search.Result
		for _, r := range l.results.All() {
			if v := &l.index.Vendors()[r.Vendor]; f.keeps(v) && scan.shows(v.ID) {
				shown = append(shown, r)
			}
		}
		l.shown = search.ResultsOf(shown)
	}
	l.clamp()
}

// click selects the row shown on line y of the list's rows (0 the first);
// again says it was selected already. ok is false off the rows.
func (l *vendorList) click(y int) (again, ok bool) {
	i := l.offset + y
	if y < 0 || y >= l.rows() || i >= l.shown.Len() {
		return false, false
	}
	again = i == l.cursor
	l.cursor = i
	l.clamp()
	return again, true
}

func (l *vendorList) move(d int) {
	l.cursor += d
	l.clamp()
}

// clamp keeps the cursor on a row and in view.
func (l *vendorList) clamp() {
	l.cursor = max(0, min(l.cursor, l.shown.Len()-1))
	rows := l.rows()
	l.offset = min(l.offset, l.cursor)
	if rows > 0 && l.cursor >= l.offset+rows {
		l.offset = l.cursor - rows + 1
	}
	l.offset = max(0, min(l.offset, l.shown.Len()-rows))
	l.highlightRows()
}

// highlightRows finds the matched characters of the rows on screen, and
// only those: View stays free of matching, and a query matching thousands
// of vendors costs a screenful of offsets.
func (l *vendorList) highlightRows() {
	l.hits = nil
	if l.index == nil {
		return
	}
	n := max(0, min(l.shown.Len(), l.offset+l.rows())-l.offset)
	l.hits = make([][]int, n)
	for k := range n {
		l.hits[k] = l.index.Matched(l.query, l.shown.At(l.offset+k))
	}
}

// selectVendor moves the cursor to the vendor with that id, when the list
// shows it (among the places ranked so far); it says whether it did.
func (l *vendorList) selectVendor(id string) bool {
	if l.index == nil {
		return false
	}
	v, ok := l.index.ByID(id)
	if !ok {
		return false
	}
	i, ok := l.shown.PlaceOf(int32(v))
	if ok {
		l.cursor = i
		l.clamp()
	}
	return ok
}

// selected is the brief of the vendor under the cursor.
func (l vendorList) selected() (data.Brief, bool) {
	if l.index == nil || l.shown.Len() == 0 {
		return data.Brief{}, false
	}
	return l.index.Vendors()[l.shown.At(l.cursor).Vendor], true
}

// filterTitle is the filter as the header shows it.
func (l vendorList) filterTitle() string { return l.filters[l.filter].title() }

// count is "12 of 340", or of the scan's vendors.
func (l vendorList) count() string {
	if l.index == nil {
		return ""
	}
	shown, total := l.shown.Len(), len(l.index.Vendors())
	if scan := l.common.scan; scan != nil {
		total = len(scan.ids)
	}
	if l.partial() {
		shown, total = l.total, l.total // the first screen lists every vendor
	}
	return fmt.Sprintf("%d of %d", shown, total)
}

func (l vendorList) View() string {
	var b strings.Builder
	b.WriteString(l.input.View(l.width))
	rows := l.rows()
	if l.index == nil {
		switch {
		case rows <= 0:
		case l.loadErr != "":
			lines := strings.Split(ansi.Wrap(l.loadErr, max(1, l.width), ""), "\n")
			for _, line := range lines[:min(rows, len(lines))] {
				b.WriteString("\n" + l.common.styles.Error.Render(line))
			}
		default:
			b.WriteString("\n" + l.common.styles.Subtle.Render(ansi.Truncate("Loading the catalogue…", l.width, "…")))
		}
		return b.String()
	}
	if l.shown.Len() == 0 && rows > 0 {
		msg := "No vendor matches."
		if f := l.filters[l.filter]; !f.all {
			msg = "No " + f.title() + " vendor matches; tab changes the category."
		}
		b.WriteString("\n" + l.common.styles.Subtle.Render(ansi.Truncate(msg, l.width, "…")))
	}
	for i := l.offset; i < min(l.shown.Len(), l.offset+rows); i++ {
		var hits []int
		if k := i - l.offset; k < len(l.hits) {
			hits = l.hits[k]
		}
		b.WriteString("\n" + l.row(l.shown.At(i), hits, i == l.cursor))
	}
	return b.String()
}

// row is one vendor: cursor, name, category badge and main domain (or the
// domain that matched, or "aka" and the alias that matched, dimmed, so an
// alias never passes for a domain), the matched characters (hits)
// highlighted.
func (l vendorList) row(r search.Result, hits []int, selected bool) string {
	st := l.common.styles
	v := &l.index.Vendors()[r.Vendor]
	// Every part carries the row's own style, so the selection's
	// background runs the whole width under the badge and highlights.
	base := lipgloss.NewStyle()
	mark := "  "
	if selected {
		base, mark = st.Selected, "› "
	}
	match := st.Match.Inherit(base)
	w := l.width - 2

	badgeW, extraW := narrowBadgeWidth, 0
	if w >= wideBadgeList {
		badgeW = badgeWidth
	}
	if w < 30 {
		badgeW = 0
	}
	if w >= 44 {
		extraW = min(30, w/3)
	}
	nameW := max(1, w-badgeW-extraW)
	// Names come first: where they would be cut short (the narrow list
	// beside a card), the domain or alias column gives up its room.
	const minName = 28
	if extraW > 0 && nameW < minName {
		extraW = w - badgeW - minName
		if extraW < 12 {
			extraW = 0
		}
		nameW = max(1, w-badgeW-extraW)
	}

	// cell is text cut to fit width cells, highlighted, padded.
	cell := func(text string, offsets []int, width int, plain lipgloss.Style) string {
		cut := ansi.Truncate(text, width, "…")
		return highlight(cut, offsets, match, plain) + base.Render(strings.Repeat(" ", max(0, width-lipgloss.Width(cut))))
	}
	entry := l.index.Text(r)
	var nameHits []int
	flag := l.common.scan.mark(v.ID)
	if r.Field == search.Name && entry == v.Name {
		for _, h := range hits {
			nameHits = append(nameHits, h+len(flag))
		}
	}
	line := base.Render(mark) + cell(flag+v.Name, nameHits, nameW-1, base) + base.Render(" ")
	if badgeW > 0 {
		line += cell(badgeLabel(v.Category), nil, badgeW-1, st.Badge(v.Category).Inherit(base)) + base.Render(" ")
	}
	if extraW > 0 {
		switch r.Field {
		case search.Alias:
			const aka = "aka "
			shifted := make([]int, len(hits))
			for i, h := range hits {
				shifted[i] = h + len(aka)
			}
			line += cell(aka+entry, shifted, extraW-1, st.Subtle.Inherit(base)) + base.Render(" ")
		case search.Domain:
			line += cell(entry, hits, extraW-1, base) + base.Render(" ")
		default:
			line += cell(data.UnicodeHost(v.MainDomain), nil, extraW-1, base) + base.Render(" ")
		}
	}
	if !selected {
		return ansi.Truncate(strings.TrimRight(line, " "), l.width, "…")
	}
	if pad := l.width - lipgloss.Width(line); pad > 0 {
		line += base.Render(strings.Repeat(" ", pad))
	}
	return ansi.Truncate(line, l.width, "…")
}

// highlight styles the matched characters of s with match and the rest
// with plain. fuzzy's offsets are byte offsets of rune starts; styling whole
// runes keeps accented and CJK characters intact (widths are measured in
// cells afterwards).
func highlight(s string, offsets []int, match, plain lipgloss.Style) string {
	var b strings.Builder
	k, run, runMatched := 0, 0, false
	flush := func(end int) {
		if end > run {
			if runMatched {
				b.WriteString(match.Render(s[run:end]))
			} else {
				b.WriteString(plain.Render(s[run:end]))
			}
		}
		run = end
	}
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		for k < len(offsets) && offsets[k] < i {
			k++
		}
		matched := k < len(offsets) && offsets[k] == i
		if matched != runMatched {
			flush(i)
			runMatched = matched
		}
		i += size
	}
	flush(len(s))
	return b.String()
}

// padRight pads s with spaces to w cells.
func padRight(s string, w int) string {
	if n := lipgloss.Width(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
