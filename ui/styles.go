package ui

import (
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/vendex/vendex/data"
)

// One adaptive palette: each colour has a light- and a dark-background
// variant, chosen once before the program starts (see Run).
var (
	colText     = lipgloss.AdaptiveColor{Light: "#1a1a1a", Dark: "#e4e4e4"}
	colSubtle   = lipgloss.AdaptiveColor{Light: "#6b6b6b", Dark: "#8a8a8a"}
	colAccent   = lipgloss.AdaptiveColor{Light: "#5a3fc0", Dark: "#b4a0ff"}
	colMatch    = lipgloss.AdaptiveColor{Light: "#b5166b", Dark: "#ff79c6"}
	colError    = lipgloss.AdaptiveColor{Light: "#b00020", Dark: "#ff6b6b"}
	colOK       = lipgloss.AdaptiveColor{Light: "#1d7a36", Dark: "#7ee08a"}
	colSelectBg = lipgloss.AdaptiveColor{Light: "#e6e0ff", Dark: "#3b3363"}

	categoryColours = map[data.Category]lipgloss.AdaptiveColor{
		data.StrictlyNecessary: {Light: "#1d7a36", Dark: "#7ee08a"},
		data.Functional:        {Light: "#0b5cad", Dark: "#7cc4ff"},
		data.Analytics:         {Light: "#8a5a00", Dark: "#ffd166"},
		data.Marketing:         {Light: "#b00020", Dark: "#ff8585"},
		data.Personalisation:   {Light: "#7a2e9e", Dark: "#e0a3ff"},
	}
)

// Styles is every style the screens use, built once.
type Styles struct {
	Header    lipgloss.Style
	Title     lipgloss.Style
	Subtle    lipgloss.Style
	Match     lipgloss.Style
	Selected  lipgloss.Style
	Status    lipgloss.Style
	Error     lipgloss.Style
	OK        lipgloss.Style
	Section   lipgloss.Style
	Label     lipgloss.Style
	Link      lipgloss.Style
	LinkFocus lipgloss.Style
	Verdict   lipgloss.Style
	Divider   lipgloss.Style
	Cursor    lipgloss.Style
}

// DefaultStyles is the palette as styles.
func DefaultStyles() Styles {
	return Styles{
		Header:    lipgloss.NewStyle().Bold(true).Foreground(colAccent),
		Title:     lipgloss.NewStyle().Bold(true).Foreground(colText),
		Subtle:    lipgloss.NewStyle().Foreground(colSubtle),
		Match:     lipgloss.NewStyle().Foreground(colMatch).Bold(true).Underline(true),
		Selected:  lipgloss.NewStyle().Background(colSelectBg).Bold(true),
		Status:    lipgloss.NewStyle().Foreground(colOK),
		Error:     lipgloss.NewStyle().Foreground(colError).Bold(true),
		OK:        lipgloss.NewStyle().Foreground(colOK).Bold(true),
		Section:   lipgloss.NewStyle().Bold(true).Foreground(colAccent),
		Label:     lipgloss.NewStyle().Foreground(colSubtle),
		Link:      lipgloss.NewStyle().Foreground(colAccent).Underline(true),
		LinkFocus: lipgloss.NewStyle().Foreground(colAccent).Reverse(true).Bold(true),
		Verdict:   lipgloss.NewStyle().Border(lipgloss.NormalBorder()).BorderForeground(colAccent).Padding(0, 1),
		Divider:   lipgloss.NewStyle().Foreground(colSubtle),
		Cursor:    lipgloss.NewStyle().Reverse(true),
	}
}

// badgeLabel is a category as the list's badge shows it: one word, the
// category's own ("personalisation", not "personal", which reads as another
// word); "necessary" stands for "strictly necessary".
func badgeLabel(c data.Category) string {
	switch c {
	case data.StrictlyNecessary:
		return "necessary"
	case "":
		return data.Unclassified
	}
	return string(c)
}

// badgeWidth is the badge column where the list has room (wideBadgeList
// cells and more): the longest label and a space, so that no label runs
// into the column after it.
var badgeWidth = func() int {
	w := lipgloss.Width(badgeLabel(""))
	for _, c := range data.Categories {
		w = max(w, lipgloss.Width(badgeLabel(c)))
	}
	return w + 1
}()

// narrowBadgeWidth is the badge column of a narrower list: "unclassified"
// (what imports leave most vendors) and a space; the one longer label,
// "personalisation", is cut with an ellipsis there ("personalisa…") rather
// than shortened to a word that means something else.
var narrowBadgeWidth = lipgloss.Width(data.Unclassified) + 1

// narrowBadge is a category's badge cut to the narrow column, as a
// narrow list shows it.
func narrowBadge(c data.Category) string {
	return ansi.Truncate(badgeLabel(c), narrowBadgeWidth-1, "…")
}

// wideBadgeList is the narrowest list (in cells, less the cursor) that
// gives the badge its full width: the names keep 48 cells beside it.
const wideBadgeList = 94

// Badge is a category's colour; an unclassified vendor's is dim, as most
// imported vendors are unclassified and their badges should recede.
func (s Styles) Badge(c data.Category) lipgloss.Style {
	st := lipgloss.NewStyle()
	if col, ok := categoryColours[c]; ok {
		st = st.Foreground(col)
	} else if c == "" {
		st = st.Foreground(colSubtle)
	}
	return st
}
