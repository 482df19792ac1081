package cli

import (
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/vendex/vendex/data"
)

// truncate cuts s to n terminal cells, ending in an ellipsis when it was
// wider: a CJK character is two cells.
func truncate(s string, n int) string {
	if len(s) <= n && data.PrintableASCII(s) {
		return s // a batch lookup's every line, mostly
	}
	return ansi.Truncate(s, n, "…")
}

// cellWidth is ansi.StringWidth, with a short cut for printable ASCII.
func cellWidth(s string) int {
	if data.PrintableASCII(s) {
		return len(s)
	}
	return ansi.StringWidth(s)
}

// table lays out rows in columns as text/tabwriter does (each column as
// wide as its widest cell plus two spaces, the last one unpadded), but
// measures cells in terminal cells rather than runes, so that a row with a
// CJK name lines up with the others.
type table struct {
	w    io.Writer
	rows [][]string
	buf  []byte // the text of a flush, kept for the next
}

func (t *table) row(cells ...string) { t.rows = append(t.rows, cells) }

// flush writes the rows added since the last flush, aligned among
// themselves.
func (t *table) flush() error {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r[:max(len(r)-1, 0)] {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], cellWidth(c))
		}
	}
	b := t.buf[:0]
	for _, r := range t.rows {
		for i, c := range r {
			b = append(b, c...)
			if i < len(r)-1 {
				b = append(b, spaces(widths[i]-cellWidth(c)+2)...)
			}
		}
		b = append(b, '\n')
	}
	t.rows, t.buf = t.rows[:0], b
	_, err := t.w.Write(b)
	return err
}

const blanks = "                                                                                "

// spaces is n spaces, without an allocation for the usual widths.
func spaces(n int) string {
	if n <= len(blanks) {
		return blanks[:n]
	}
	return strings.Repeat(" ", n)
}
