// Package render draws a Bubble Tea v1 program on the terminal as soon as
// its view changes. Bubble Tea v1's renderer writes only on a frame ticker
// (at most 120 a second), so a keystroke's rows wait up to 8.3 ms for the
// next tick; no message or command makes it write sooner. Here the program
// runs without Bubble Tea's renderer (tea.WithoutRenderer) and a Screen
// writes each new view, as Bubble Tea's renderer would have, on its own
// goroutine: views made while it writes are coalesced into one frame, and
// a view equal to the one shown writes nothing.
package render

import (
	"bytes"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// painter knows what the full-window (alternate) screen shows and writes
// the difference to a new view, line by line, in the escape sequences
// Bubble Tea v1's standard renderer uses for the alternate screen (but for
// a line left as it was, passed with a line feed where Bubble Tea moves
// the cursor down: the same in raw mode), so that a frame looks the same
// in every terminal as it did under Bubble Tea.
type painter struct {
	width, height int
	shown         []string // the view's lines on the screen, as given
	view          string   // the view shown, whole
	painted       bool     // anything has been drawn since the last repaint
	// rows is how many lines the last frame took, kept across a repaint:
	// a shorter frame after it erases the rest.
	rows int
}

// repaint forgets what is shown, so that the next frame draws every line
// (after a new size).
func (p *painter) repaint() {
	p.shown, p.view, p.painted = nil, "", false
}

// resize takes the terminal's new size; the next frame draws every line.
func (p *painter) resize(w, h int) {
	p.width, p.height = w, h
	p.repaint()
}

// paint appends to buf what turns the screen shown into view: nothing when
// view is what is shown, else the changed lines, each cut to the width and
// cleared to its end, with what the old view had below the new one erased.
func (p *painter) paint(buf *bytes.Buffer, view string) {
	if view == "" {
		// An empty view clears the screen but for one blank cell, as
		// Bubble Tea's renderer does.
		view = " "
	}
	if p.painted && view == p.view {
		return
	}
	lines := strings.Split(view, "\n")
	if p.height > 0 && len(lines) > p.height {
		// The cursor cannot reach lines above the screen: the bottom
		// of a view taller than the screen is the part shown.
		lines = lines[len(lines)-p.height:]
	}
	buf.WriteString(ansi.CursorHomePosition)
	for i, line := range lines {
		last := i == len(lines)-1
		if i < len(p.shown) && p.shown[i] == line {
			if !last {
				buf.WriteByte('\n')
			}
			continue
		}
		if i == 0 && !p.painted {
			buf.WriteByte('\r')
		}
		w := ansi.StringWidth(line)
		if p.width > 0 && w > p.width {
			// A line wider than the screen would wrap and push every
			// line under it down.
			line = ansi.Truncate(line, p.width, "")
			w = ansi.StringWidth(line)
		}
		buf.WriteString(line)
		if w < p.width {
			// At the last column a further sequence would touch only
			// that cell; short of it, the old line's rest is cleared.
			buf.WriteString(ansi.EraseLineRight)
		}
		if !last {
			buf.WriteString("\r\n")
		}
	}
	if p.rows > len(lines) && (p.height == 0 || len(lines) < p.height) {
		// From the start of the line under the view (there is one: the
		// view is shorter than the screen, so this does not scroll):
		// erasing from the cursor would take the last cell of a
		// full-width last line, where the cursor rests, or all of an
		// unchanged one.
		buf.WriteString("\r\n" + ansi.EraseScreenBelow)
	}
	// The cursor rests at the start of the last line, where Bubble Tea's
	// renderer leaves it (macOS's Terminal needs it put there).
	buf.WriteString(ansi.CursorPosition(0, len(lines)))
	p.shown, p.view, p.painted, p.rows = lines, view, true, len(lines)
}
