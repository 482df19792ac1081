package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/vendex/vendex/data"
)

// header is the app name, the filter and count, and on a card the path
// through related vendors.
func (m Model) header() string {
	st := m.common.styles
	sep := st.Subtle.Render(" · ")
	var parts []string
	if m.width >= 40 {
		parts = append(parts, st.Header.Render("vendex"))
	}
	if scan := m.common.scan; scan != nil && m.width >= 60 && scan.site != "" {
		parts = append(parts, "scan of "+data.CleanLine(scan.site))
	}
	showCard := m.state == stateCard || ((m.state == stateLookup || m.state == stateHelp) && m.back == stateCard)
	if !showCard || m.wide() {
		count := m.list.count()
		if m.list.searching() {
			count = "searching…"
		}
		parts = append(parts, m.list.filterTitle())
		if count != "" {
			parts = append(parts, count)
		}
	}
	if showCard {
		room := m.width - lipgloss.Width(strings.Join(parts, sep)+sep)
		parts = append(parts, m.breadcrumb(room))
	}
	return strings.Join(parts, sep)
}

// breadcrumb is "Twilio › Google Maps (top)", cut from the left to fit
// room cells: the vendor on the card matters most, and when its name alone
// is too long, it is its start that shows ("Google (account an…").
func (m Model) breadcrumb(room int) string {
	var names []string
	for _, v := range m.history {
		if name, ok := m.vendorName(v.id); ok {
			names = append(names, name)
		}
	}
	here := m.card.vendor.Name
	crumb := strings.Join(append(names, here), " › ")
	info := " (" + m.card.scrollInfo() + ")"
	room = max(6, room-lipgloss.Width(info))
	switch w := lipgloss.Width(crumb); {
	case lipgloss.Width(here) > room:
		crumb = ansi.Truncate(here, room, "…")
	case w > room:
		crumb = "…" + ansi.TruncateLeft(crumb, w-room+1, "")
	}
	return crumb + m.common.styles.Subtle.Render(info)
}

// joinColumns puts two blocks side by side, left padded to lw cells.
func joinColumns(left, right string, lw, h int, sep string) string {
	ll, rl := strings.Split(left, "\n"), strings.Split(right, "\n")
	out := make([]string, h)
	for i := range out {
		var l, r string
		if i < len(ll) {
			l = ll[i]
		}
		if i < len(rl) {
			r = rl[i]
		}
		out[i] = padRight(ansi.Truncate(l, lw, "…"), lw) + sep + " " + r
	}
	return strings.Join(out, "\n")
}
