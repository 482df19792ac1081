package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/vendex/vendex/data"
)

// cardView is the card screen: one vendor's card, scrolled, with a focused
// related-vendor link, under a compact verdict when the view is too short
// for the verdict box.
type cardView struct {
	common  *common
	vendor  data.Vendor
	resolve resolver
	focus   int
	offset  int
	doc     cardDoc
	docW    int // width doc was rendered at; 0 = stale
	docF    int
	pin     []string // the compact verdict above the scrolled card, if any
	width   int
	height  int
}

// open shows v at the given scroll offset and link focus.
func (c *cardView) open(v data.Vendor, offset, focus int) {
	c.vendor, c.offset, c.focus = v, offset, focus
	c.docW = 0
	c.render()
	c.clampOffset()
}

func (c *cardView) SetSize(w, h int) {
	c.width, c.height = w, h
	c.render()
	c.clampOffset()
}

// rows is how many lines of the card show under the pinned verdict.
func (c *cardView) rows() int { return max(0, c.height-len(c.pin)) }

// render re-renders the card only when the width or focus changed.
func (c *cardView) render() {
	if c.vendor.ID == "" && c.vendor.Name == "" {
		return
	}
	w := max(8, c.width)
	if c.docW != w || c.docF != c.focus {
		c.doc = renderCard(c.vendor, w, c.common.styles, c.resolve, c.focus)
		c.docW, c.docF = w, c.focus
	}
	// The pin depends on the height alone, not on the scroll: at a size
	// that needs it, it stays put.
	c.pin = nil
	if c.height > 0 && c.doc.verdictEnd > c.height {
		c.pin = compactVerdict(c.vendor, c.common.styles, max(1, c.width), c.height)
	}
}

func (c *cardView) clampOffset() {
	c.offset = max(0, min(c.offset, len(c.doc.lines)-c.rows()))
}

func (c *cardView) scroll(n int) {
	c.offset += n
	c.clampOffset()
}

// moveFocus moves the link focus by d (wrapping) and scrolls it into view.
func (c *cardView) moveFocus(d int) {
	n := len(c.doc.links)
	if n == 0 {
		return
	}
	if c.focus < 0 {
		if d > 0 {
			c.focus = 0
		} else {
			c.focus = n - 1
		}
	} else {
		c.focus = ((c.focus+d)%n + n) % n
	}
	c.render()
	line := c.doc.linkLines[c.focus]
	if line < c.offset || line >= c.offset+c.rows() {
		c.offset = line - c.rows()/2
	}
	c.clampOffset()
}

// focused is the id of the focused link.
func (c cardView) focused() (string, bool) {
	if c.focus < 0 || c.focus >= len(c.doc.links) {
		return "", false
	}
	return c.doc.links[c.focus], true
}

func (c cardView) update(msg tea.Msg) (cardView, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			c.scroll(-3)
		case tea.MouseButtonWheelDown:
			c.scroll(3)
		}
	case tea.KeyMsg:
		k := c.common.keys
		page := max(1, c.rows()-1)
		switch {
		case key.Matches(msg, k.ScrollUp):
			c.scroll(-1)
		case key.Matches(msg, k.ScrollDown):
			c.scroll(1)
		case key.Matches(msg, k.CardPgUp):
			c.scroll(-page)
		case key.Matches(msg, k.CardPgDown):
			c.scroll(page)
		case key.Matches(msg, k.Top):
			c.offset = 0
		case key.Matches(msg, k.Bottom):
			c.offset = len(c.doc.lines)
			c.clampOffset()
		case key.Matches(msg, k.NextLink):
			c.moveFocus(1)
		case key.Matches(msg, k.PrevLink):
			c.moveFocus(-1)
		}
	}
	return c, nil
}

func (c cardView) View() string {
	if c.height <= 0 {
		return ""
	}
	end := min(len(c.doc.lines), c.offset+c.rows())
	lines := make([]string, 0, c.height)
	lines = append(lines, c.pin...)
	for _, l := range c.doc.lines[c.offset:end] {
		lines = append(lines, ansi.Truncate(l, c.width, "…"))
	}
	return strings.Join(lines, "\n")
}

// scrollInfo is "40%" or "top"/"end", for the header.
func (c cardView) scrollInfo() string {
	max := len(c.doc.lines) - c.rows()
	switch {
	case max <= 0:
		return "all"
	case c.offset == 0:
		return "top"
	case c.offset >= max:
		return "end"
	}
	return fmt.Sprintf("%d%%", c.offset*100/max)
}
