package cli

import (
	"io"
	"slices"
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
//
// A batch's table streams (every > 0): it writes its rows every so many,
// and the first rows written set the columns for good, so that no column
// moves at row 513. A later cell wider than its column pushes the cells
// after it in its own row only, and the row lines up again as soon as a
// column has room; min keeps room for the widest value a column can hold
// (a category's title) when the first rows happen not to show it.
type table struct {
	w     io.Writer
	every int   // rows a chunk of a streaming table; 0: written at flush only
	min   []int // columns' least widths, by column
	// The rows since the last flush, one cell after another, each with
	// its width (measured once, as it is added) and where each row ends.
	cells  []string
	widths []int
	ends   []int
	held   []int  // a streaming table's column widths, once set
	buf    []byte // the text of a flush, kept for the next
}

// streamEvery is how many rows a batch's table holds before writing them:
// enough for its first chunk to set widths the rest will mostly fit.
const streamEvery = 512

// batchTable is the streaming table of a batch (lookup -, cookie -);
// min is each column's least width (0 where nothing is known).
func batchTable(w io.Writer, min ...int) *table {
	return &table{w: w, every: streamEvery, min: min}
}

// categoryWidth is the width of the widest category title a row can show.
func categoryWidth() int {
	w := cellWidth(data.Category("").Title())
	for _, c := range data.Categories {
		w = max(w, cellWidth(c.Title()))
	}
	return w
}

// kindWidth is the width of the widest storage kind.
func kindWidth() int {
	w := 0
	for _, k := range data.StorageKinds {
		w = max(w, cellWidth(string(k)))
	}
	return w
}

func (t *table) row(cells ...string) error {
	for _, c := range cells {
		t.cell(c, cellWidth(c))
	}
	return t.endRow()
}

// cell adds a cell whose width in terminal cells the caller knows already
// (a batch lookup knows it of most of its cells), to the row being made.
func (t *table) cell(c string, width int) {
	t.cells, t.widths = append(t.cells, c), append(t.widths, width)
}

// endRow ends the row being made; a streaming table writes its rows when
// it holds a chunk of them.
func (t *table) endRow() error {
	t.ends = append(t.ends, len(t.cells))
	if t.every > 0 && len(t.ends) >= t.every {
		return t.write(true)
	}
	return nil
}

// columns are the widths to lay the rows held out in: a streaming
// table's held ones, else the widest cell of each column, and at least
// its min when more rows will follow in these widths.
func (t *table) columns(more bool) []int {
	if t.held != nil {
		return t.held
	}
	var cols []int
	if more {
		cols = slices.Clone(t.min)
	}
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
	if more {
		t.held = cols
	}
	return cols
}

// flush writes the rows added since the last flush: the table's last.
func (t *table) flush() error { return t.write(false) }

// write writes the rows held; more says whether rows will follow.
func (t *table) write(more bool) error {
	cols := t.columns(more)
	b := t.buf[:0]
	start := 0
	for _, end := range t.ends {
		// at is where the row's text ends, in cells; next, where the
		// next column starts.
		at, next := 0, 0
		for i, c := range t.cells[start:end] {
			b = append(b, c...)
			if start+i == end-1 {
				break
			}
			at += t.widths[start+i]
			if i < len(cols) {
				next += cols[i] + 2
			}
			pad := max(next-at, 2)
			b, at = append(b, spaces(pad)...), at+pad
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
