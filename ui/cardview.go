package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/vendex/vendex/data"
)

// cardView is the card screen: one vendor's card, scrolled by a viewport,
// with a focused related-vendor link, under a compact verdict when the view
// is too short for the verdict box.
type cardView struct {
	common  *common
	vendor  data.Vendor
	resolve resolver
	focus   int
	vp      viewport.Model // the scroll; its content is doc.lines
	doc     cardDoc
	docW    int // width doc was rendered at; 0 = stale
	docF    int
	pin     []string // the compact verdict above the scrolled card, if any
	width   int
	height  int
}

// newCardView is an empty card. Its viewport is made by viewport.New: a
// zero one would take the viewport's default keys on its first Update.
func newCardView(c *common) cardView {
	vp := viewport.New(0, 0)
	// The viewport matches only our line keys, besides the wheel; update
	// turns pages, top and bottom into its calls, and no key of ours means
	// a half page or a sideways scroll.
	vp.KeyMap = viewport.KeyMap{Up: c.keys.ScrollUp, Down: c.keys.ScrollDown}
	return cardView{common: c, focus: -1, vp: vp}
}

// open shows v at the given scroll offset and link focus.
func (c *cardView) open(v data.Vendor, offset, focus int) {
	c.vendor, c.focus = v, focus
	c.docW = 0
	c.render()
	c.vp.SetYOffset(offset)
}

func (c *cardView) SetSize(w, h int) {
	c.width, c.height = w, h
	c.render()
	c.vp.SetYOffset(c.vp.YOffset) // a taller view may now show the end
}

// visit is the card as it is now, for the history: open(v, offset, focus)
// brings it back.
func (c cardView) visit() visit {
	return visit{id: c.vendor.ID, offset: c.vp.YOffset, focus: c.focus}
}

// render re-renders the card only when the width or focus changed, and
// sizes the viewport under the pin.
func (c *cardView) render() {
	if c.vendor.ID == "" && c.vendor.Name == "" {
		return
	}
	w := max(8, c.width)
	stale := c.docW != w || c.docF != c.focus
	if stale {
		c.doc = writeCard(c.built(), w, c.common.styles, c.focus)
		c.docW, c.docF = w, c.focus
	}
	// The pin depends on the height alone, not on the scroll: at a size
	// that needs it, it stays put.
	c.pin = nil
	if c.height > 0 && c.doc.verdictEnd > c.height {
		c.pin = compactVerdict(c.vendor, c.common.styles, max(1, c.width), c.height)
	}
	// Sized before its content: SetContent pulls an offset past the new
	// end back by the viewport's height.
	c.vp.Width, c.vp.Height = c.width, max(0, c.height-len(c.pin))
	if stale {
		c.vp.SetContent(strings.Join(c.doc.lines, "\n"))
	}
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
	line, top := c.doc.linkLines[c.focus], c.vp.YOffset
	if line < top || line >= top+c.vp.Height {
		c.vp.SetYOffset(line - c.vp.Height/2)
	}
}

// focused is the id of the focused link.
func (c cardView) focused() (string, bool) {
	if c.focus < 0 || c.focus >= len(c.doc.links) {
		return "", false
	}
	return c.doc.links[c.focus], true
}

func (c cardView) update(msg tea.Msg) (cardView, tea.Cmd) {
	if msg, ok := msg.(tea.KeyMsg); ok {
		k := c.common.keys
		// A page keeps its last line on screen, which the viewport's
		// PageDown does not: the reader keeps their place.
		page := max(1, c.vp.Height-1)
		switch {
		case key.Matches(msg, k.CardPgUp):
			c.vp.ScrollUp(page)
			return c, nil
		case key.Matches(msg, k.CardPgDown):
			c.vp.ScrollDown(page)
			return c, nil
		case key.Matches(msg, k.Top):
			c.vp.GotoTop()
			return c, nil
		case key.Matches(msg, k.Bottom):
			c.vp.GotoBottom()
			return c, nil
		case key.Matches(msg, k.NextLink):
			c.moveFocus(1)
			return c, nil
		case key.Matches(msg, k.PrevLink):
			c.moveFocus(-1)
			return c, nil
		}
	}
	var cmd tea.Cmd
	c.vp, cmd = c.vp.Update(msg) // lines and the mouse wheel
	return c, cmd
}

// View is the pin over the viewport's visible lines, sliced from doc.lines
// at the viewport's offset. The viewport's own View pads every line to the
// width and the height through lipgloss: trailing blanks in every frame and
// golden, and several times the cost (BenchmarkCardView).
func (c cardView) View() string {
	if c.height <= 0 {
		return ""
	}
	top := min(c.vp.YOffset, len(c.doc.lines))
	end := min(len(c.doc.lines), top+c.vp.Height)
	lines := make([]string, 0, c.height)
	lines = append(lines, c.pin...)
	for _, l := range c.doc.lines[top:end] {
		lines = append(lines, ansi.Truncate(l, c.width, "…"))
	}
	return strings.Join(lines, "\n")
}

// scrollInfo is "40%" or "top"/"end", for the header. The percentage is
// counted in whole lines: ScrollPercent's float floors 29/100 to 28%.
func (c cardView) scrollInfo() string {
	max := c.vp.TotalLineCount() - c.vp.Height
	switch {
	case max <= 0:
		return "all"
	case c.vp.AtTop():
		return "top"
	case c.vp.AtBottom():
		return "end"
	}
	return fmt.Sprintf("%d%%", c.vp.YOffset*100/max)
}
