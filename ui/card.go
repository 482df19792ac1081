package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/card"
)

// RenderCard renders a card for a terminal, styled and wrapped to width
// columns, with no link focused (vendex show).
func RenderCard(c card.Card, width int) string {
	return strings.Join(writeCard(c, width, DefaultStyles(), -1).lines, "\n")
}

// cardDoc is a rendered card: its lines, and the line each followable
// related vendor sits on.
type cardDoc struct {
	lines     []string
	links     []string // ids of the related vendors one can follow
	linkLines []int
	// verdictEnd is the line after the category and the verdicts: a view
	// shorter than this pins a compact verdict instead (see compactVerdict).
	verdictEnd int
}

// resolver names a vendor id, or reports that it is not in the catalogue.
type resolver func(id string) (name string, ok bool)

// built is the card on screen as the card model has it: the vendor's card
// and, in a scan, what was seen of it.
func (c cardView) built() card.Card {
	return c.common.scan.card(card.Build(c.vendor, card.Names(c.resolve)))
}

// cardWriter lays a card out for the terminal. The card decides what is
// said; the writer only styles, wraps and places it.
type cardWriter struct {
	doc   cardDoc
	width int
	st    Styles
	focus int
}

// writeCard is the terminal's rendering of c: the title, a box with the
// summary facts and the block verdict, then every other section.
func writeCard(c card.Card, width int, st Styles, focus int) cardDoc {
	w := &cardWriter{width: max(width, 8), st: st, focus: focus}
	w.add(st.Title.Render(c.Name))
	if c.Owner != "" && c.Owner != c.Name {
		w.add(st.Subtle.Render(c.Owner))
	}
	w.blank()
	w.verdictBox(c)
	w.blank()
	w.para(0, c.Summary)
	for _, s := range c.Sections {
		if s.ID == card.SecBlock {
			continue // the box above carries it
		}
		w.blank()
		w.add(st.Section.Render(strings.ToUpper(s.Title())))
		for i, blk := range s.Blocks {
			if _, ok := blk.(card.QA); ok && i > 0 {
				w.blank()
			}
			w.block(blk)
		}
	}
	return w.doc
}

func (w *cardWriter) add(s string) {
	for _, l := range strings.Split(s, "\n") {
		w.doc.lines = append(w.doc.lines, ansi.Truncate(l, w.width, "…"))
	}
}

func (w *cardWriter) blank() { w.doc.lines = append(w.doc.lines, "") }

// para wraps text under an indent; paragraphs keep their blank lines.
func (w *cardWriter) para(indent int, s string) {
	if s == "" {
		return
	}
	pad := strings.Repeat(" ", indent)
	for _, p := range strings.Split(s, "\n") {
		if strings.TrimSpace(p) == "" {
			w.blank()
			continue
		}
		for _, l := range card.Wrap(p, max(4, w.width-indent)) {
			w.add(pad + l)
		}
	}
}

// hanging wraps one paragraph whose first line starts at indent and whose
// continuation lines start at indent+hang.
func (w *cardWriter) hanging(indent, hang int, s string) {
	pad := strings.Repeat(" ", indent)
	for i, l := range card.Wrap(s, max(4, w.width-indent-hang)) {
		if i > 0 {
			l = strings.Repeat(" ", hang) + l
		}
		w.add(pad + l)
	}
}

// verdictBox is the summary facts and the block verdict in a box, or
// without one when the width leaves no room for its frame.
func (w *cardWriter) verdictBox(c card.Card) {
	st := w.st
	facts := make([]string, len(c.Facts))
	for i, f := range c.Facts {
		switch {
		case i == 0:
			facts[i] = st.Badge(c.Category).Bold(true).Render(f.Value)
		case f.Answer != "":
			facts[i] = f.Label + ": " + verdictText(st, f.Answer)
		default:
			facts[i] = f.Label + ": " + f.Value
		}
	}
	inner := w.width - st.Verdict.GetHorizontalFrameSize()
	if inner < 16 {
		for _, f := range facts {
			w.para(0, f)
		}
		w.doc.verdictEnd = len(w.doc.lines)
		w.para(0, c.Verdict.Reason)
		return
	}
	summary := packFacts(facts, st.Subtle.Render("  ·  "), inner)
	body := summary
	// under the box's top border
	w.doc.verdictEnd = len(w.doc.lines) + 1 + strings.Count(summary, "\n") + 1
	if r := c.Verdict.Reason; r != "" {
		body += "\n" + strings.Join(card.Wrap(r, inner), "\n")
	}
	if a := c.Verdict.Advice; a != "" {
		body += "\n" + strings.Join(card.Wrap(st.Label.Render("Advice: ")+a, inner), "\n")
	}
	w.add(st.Verdict.Width(inner + st.Verdict.GetHorizontalPadding()).Render(body))
}

// packFacts joins facts with sep into lines of at most width cells,
// starting a new line rather than splitting a fact that fits on one.
func packFacts(facts []string, sep string, width int) string {
	var lines []string
	cur := ""
	for _, f := range facts {
		switch {
		case cur == "":
			cur = f
		case ansi.StringWidth(cur+sep+f) <= width:
			cur += sep + f
		default:
			lines = append(lines, cur)
			cur = f
		}
	}
	var out []string
	for _, l := range append(lines, cur) {
		out = append(out, card.Wrap(l, width)...)
	}
	return strings.Join(out, "\n")
}

func (w *cardWriter) block(blk card.Block) {
	st := w.st
	plain := func(s string) string { return s }
	switch x := blk.(type) {
	case card.Prose:
		w.para(2, x.Text)
	case card.Heading:
		w.add("  " + st.Label.Render(x.Text+":"))
	case card.Fields:
		for _, f := range x {
			v := f.Value
			if f.Answer != "" {
				v = verdictText(st, f.Answer)
			}
			w.hanging(2, 2, st.Label.Render(f.Label+":")+" "+v)
			for _, d := range f.Detail {
				w.para(4, d)
			}
		}
	case card.List:
		for _, it := range x {
			lead := func(s string) string { return st.Title.Render(s) }
			w.hanging(2, 2, "• "+card.ItemLine(it, lead, plain, plain, plain))
		}
	case card.Table:
		w.table(x)
	case card.Answer:
		w.para(2, verdictText(st, x.Value)+". "+x.Reason)
		w.para(2, x.Advice)
	case card.QA:
		q := st.Title.Render("Q: ") + x.Question
		if x.Short != "" {
			// A reply, not a verdict: "No" to "Is Hotjar the same as
			// Contentsquare?" is no all-clear, so it is not coloured as one.
			q += " " + st.Title.Render(x.Short.Reply()+".")
		}
		w.para(2, q)
		w.para(2, x.Answer)
	case card.Links:
		w.links(x)
	}
}

// table lays a table out in columns when there is room, else as a list.
func (w *cardWriter) table(t card.Table) {
	widths, ok := t.Widths(w.width - 2)
	if !ok {
		w.block(t.Items())
		return
	}
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = c.Title
	}
	label := func(_ int, s string) string { return w.st.Label.Render(s) }
	w.add("  " + card.TableRow(t, widths, header, label)[0])
	for _, row := range t.Rows {
		for _, l := range card.TableRow(t, widths, row, nil) {
			w.add("  " + l)
		}
	}
}

// links lists related vendors; each known one is a link to follow, the
// focused one marked.
func (w *cardWriter) links(ls card.Links) {
	for _, l := range ls {
		if !l.Known {
			w.add("    " + w.st.Subtle.Render(ansi.Truncate(card.LinkText(l), w.width-4, "…")))
			continue
		}
		n := len(w.doc.links)
		w.doc.links = append(w.doc.links, l.ID)
		w.doc.linkLines = append(w.doc.linkLines, len(w.doc.lines))
		name := ansi.Truncate(l.Name, w.width-4, "…")
		if n == w.focus {
			w.add("  ▸ " + w.st.LinkFocus.Render(name))
		} else {
			w.add("  → " + w.st.Link.Render(name))
		}
	}
}

// compactVerdict is the category and the block verdict in as few lines as
// width allows (one, or two when room is at least 3 lines), for a view too
// short to show the verdict box: the answer a reader came for stays on
// screen at any size.
func compactVerdict(v data.Vendor, st Styles, width, room int) []string {
	cat := func(s string) string { return st.Badge(v.Category).Bold(true).Render(s) }
	ans := verdictText(st, v.BlockBeforeConsent.Value)
	sep := st.Subtle.Render(" · ")
	title, short := v.Category.Title(), badgeLabel(v.Category)
	if l, ok := firstFitting(width,
		cat(title)+sep+"Block before consent: "+ans,
		cat(title)+sep+"block: "+ans,
		cat(short)+sep+"block: "+ans,
		cat(narrowBadge(v.Category))+sep+"block: "+ans); ok {
		return []string{l}
	}
	if room >= 2 {
		l1, _ := firstFitting(width, cat(title), cat(short), cat(narrowBadge(v.Category)))
		l2, _ := firstFitting(width, "Block before consent: "+ans, "Block: "+ans)
		return []string{l1, l2}
	}
	l, _ := firstFitting(width, cat(short)+" block:"+ans, cat(narrowBadge(v.Category))+" block:"+ans)
	return []string{l}
}

// firstFitting is the first of lines no wider than width, or the last one
// cut to width.
func firstFitting(width int, lines ...string) (string, bool) {
	for _, l := range lines {
		if ansi.StringWidth(l) <= width {
			return l, true
		}
	}
	return ansi.Truncate(lines[len(lines)-1], width, "…"), false
}

func verdictText(st Styles, a data.Answer) string {
	switch a {
	case data.AnswerYes:
		return st.Error.Render(a.Title())
	case data.AnswerNo:
		return st.OK.Render(a.Title())
	}
	return st.Title.Render(a.Title())
}
