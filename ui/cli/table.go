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
	w io.Writer
	// The rows since the last flush, one cell after another, each with
	// its width (measured once, as it is added) and where each row ends.
	cells  []string
	widths []int
	ends   []int
	buf    []byte // the text of a flush, kept for the next
}

func (t *table) row(cells ...string) {
	for _, c := range cells {
		t.cell(c, cellWidth(c))
	}
	t.endRow()
}

// cell adds a cell whose width in terminal cells the caller knows already
// (a batch lookup knows it of most of its cells), to the row being made.
func (t *table) cell(c string, width int) {
	t.cells, t.widths = append(t.cells, c), append(t.widths, width)
}

// endRow ends the row being made.
func (t *table) endRow() { t.ends = append(t.ends, len(t.cells)) }

// flush writes the rows added since the last flush, aligned among
// themselves.
func (t *table) flush() error {
	var cols []int
	start := 0
	for _, end := range t.ends {
		for i, w := range t.widths[start:max(end-1, start)] {
			if i == len(cols) {
				cols = append(cols, 0)
			}
			cols[i] = max(cols[i], w)
		}
		start = end
	}
	b := t.buf[:0]
	start = 0
	for _, end := range t.ends {
		for i, c := range t.cells[start:end] {
			b = append(b, c...)
			if start+i < end-1 {
				b = append(b, spaces(cols[i]-t.widths[start+i]+2)...)
			}
		}
		b = append(b, '\n')
		start = end
	}
	t.cells, t.widths, t.ends, t.buf = t.cells[:0], t.widths[:0], t.ends[:0], b
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
