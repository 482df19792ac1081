package card

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Text writes the card as plain text wrapped to width cells (80 if width
// is not positive): no colour and no escape sequence, for a pipe or a file.
func Text(c Card, width int) string {
	if width <= 0 {
		width = 80
	}
	t := textWriter{width: max(width, 20)}
	t.underline(c.Name, "=")
	t.para("", c.Summary)
	t.blank()
	for _, f := range c.Facts {
		t.hanging(f.Label+": "+f.Value, "  ")
	}
	for _, s := range c.Sections {
		t.blank()
		t.underline(strings.ToUpper(s.Title()), "-")
		for i, blk := range s.Blocks {
			if i > 0 && startsParagraph(blk) {
				t.blank()
			}
			t.block(blk)
		}
	}
	return t.b.String()
}

// startsParagraph tells whether a block reads better after a blank line.
func startsParagraph(blk Block) bool {
	switch blk.(type) {
	case Prose, Heading, QA, Table:
		return true
	}
	return false
}

type textWriter struct {
	b     strings.Builder
	width int
}

func (t *textWriter) line(s string) { t.b.WriteString(s + "\n") }
func (t *textWriter) blank()        { t.b.WriteString("\n") }

func (t *textWriter) underline(s, rule string) {
	// A name wider than the card wraps like any text; the rule spans its
	// widest line.
	lines := strings.Split(ansi.Wrap(s, t.width, ""), "\n")
	widest := 1
	for _, l := range lines {
		t.line(l)
		widest = max(widest, ansi.StringWidth(l))
	}
	t.line(strings.Repeat(rule, min(t.width, widest)))
}

// para writes paragraphs (blank lines kept) under indent.
func (t *textWriter) para(indent, s string) {
	if s == "" {
		return
	}
	for _, p := range strings.Split(s, "\n") {
		if strings.TrimSpace(p) == "" {
			t.blank()
			continue
		}
		for _, l := range WrapLinks(p, t.width-len(indent)) {
			t.line(indent + l)
		}
	}
}

// hanging writes one paragraph whose continuation lines are indented.
func (t *textWriter) hanging(s, indent string) {
	for i, l := range WrapLinks(s, t.width-len(indent)) {
		if i > 0 {
			l = indent + l
		}
		t.line(l)
	}
}

func (t *textWriter) block(blk Block) {
	id := func(s string) string { return s }
	angle := func(s string) string { return "<" + s + ">" }
	switch x := blk.(type) {
	case Prose:
		t.para("", x.Text)
	case Heading:
		t.line(x.Text + ":")
	case Fields:
		for _, f := range x {
			t.hanging(f.Label+": "+f.Value, "  ")
			for _, d := range f.Detail {
				t.para("  ", d)
			}
		}
	case List:
		for _, it := range x {
			t.hanging("- "+ItemLine(it, id, id, angle, id), "  ")
		}
	case Table:
		t.table(x)
	case Answer:
		t.para("", x.Value.Title()+". "+x.Reason)
		t.para("", x.Advice)
	case QA:
		q := "Q: " + x.Question
		a := "A: " + x.Answer
		if x.Short != "" {
			a = "A: " + x.Short.Reply() + ". " + x.Answer
		}
		t.hanging(q, "   ")
		t.hanging(a, "   ")
	case Links:
		for _, l := range x {
			t.hanging("- "+LinkText(l), "  ")
		}
	}
}

// table writes columns when the wide one gets room enough, else a list.
func (t *textWriter) table(tb Table) {
	widths, ok := tb.Widths(t.width)
	if !ok {
		t.block(tb.Items())
		return
	}
	t.line(strings.TrimRight(TableRow(tb, widths, titleRow(tb), nil)[0], " "))
	for _, row := range tb.Rows {
		for _, l := range TableRow(tb, widths, row, nil) {
			t.line(strings.TrimRight(l, " "))
		}
	}
}

func titleRow(tb Table) []string {
	out := make([]string, len(tb.Columns))
	for i, c := range tb.Columns {
		out[i] = c.Title
	}
	return out
}

// TableRow lays one row out at the given column widths: narrow cells cut
// to their column, the wide cell (the last column) wrapped onto as many
// lines as it needs.
// style, when not nil, styles a cell's text after it is cut (column index,
// text).
func TableRow(tb Table, widths []int, row []string, style func(col int, s string) string) []string {
	var head strings.Builder
	var wrapped []string
	for i, cell := range row {
		if tb.Columns[i].Wide {
			wrapped = Wrap(cell, widths[i])
			continue
		}
		s := ansi.Truncate(cell, widths[i], "…")
		gap := strings.Repeat(" ", widths[i]-ansi.StringWidth(s)+1)
		if style != nil {
			s = style(i, s)
		}
		head.WriteString(s + gap)
	}
	if len(wrapped) == 0 {
		return []string{head.String()}
	}
	indent := strings.Repeat(" ", ansi.StringWidth(head.String()))
	out := []string{head.String() + wrapped[0]}
	for _, l := range wrapped[1:] {
		out = append(out, indent+l)
	}
	return out
}
