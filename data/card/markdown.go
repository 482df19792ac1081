package card

import (
	"strings"

	"github.com/vendex/vendex/data"
)

// Markdown writes the card as a Markdown document, ready to paste into a
// cookie policy. Every text is escaped so that it stays text: no HTML, no
// link, no heading or list that the vendor's words did not ask for.
func Markdown(c Card) string {
	var b strings.Builder
	w := func(ss ...string) {
		for _, s := range ss {
			b.WriteString(s)
		}
	}
	w("# ", MarkdownLine(c.Name), "\n\n")
	if c.Summary != "" {
		w(MarkdownText(c.Summary), "\n\n")
	}
	for _, f := range c.Facts {
		w("- **", f.Label, ":** ", MarkdownLine(f.Value), "\n")
	}
	for _, s := range c.Sections {
		w("\n## ", s.Title(), "\n")
		for _, blk := range s.Blocks {
			w("\n", markdownBlock(blk))
		}
	}
	return b.String()
}

func markdownBlock(blk Block) string {
	var b strings.Builder
	switch x := blk.(type) {
	case Prose:
		b.WriteString(MarkdownText(x.Text) + "\n")
	case Heading:
		b.WriteString("### " + MarkdownLine(x.Text) + "\n")
	case Fields:
		for _, f := range x {
			v := MarkdownLine(f.Value)
			if f.URL {
				v = MarkdownURL(f.Value)
			}
			if len(f.Detail) > 0 {
				v += ". " + MarkdownLine(strings.Join(f.Detail, " "))
			}
			b.WriteString("- **" + MarkdownLine(f.Label) + ":** " + v + "\n")
		}
	case List:
		for _, it := range x {
			b.WriteString("- " + ItemLine(it, mdBold, MarkdownCode, MarkdownURL, MarkdownLine) + "\n")
		}
	case Table:
		b.WriteString(markdownTable(x))
	case Answer:
		b.WriteString("**" + x.Value.Title() + ".** " + MarkdownText(x.Reason) + "\n")
		if x.Advice != "" {
			b.WriteString("\n" + MarkdownText(x.Advice) + "\n")
		}
	case QA:
		b.WriteString("### " + MarkdownLine(x.Question) + "\n\n")
		if x.Short != "" {
			b.WriteString("**" + x.Short.Reply() + ".** ")
		}
		b.WriteString(MarkdownText(x.Answer) + "\n")
	case Links:
		for _, l := range x {
			b.WriteString("- " + MarkdownLine(LinkText(l)) + "\n")
		}
	}
	return b.String()
}

func markdownTable(t Table) string {
	var b strings.Builder
	b.WriteString("|")
	for _, col := range t.Columns {
		b.WriteString(" " + col.Title + " |")
	}
	b.WriteString("\n|" + strings.Repeat("---|", len(t.Columns)) + "\n")
	for _, row := range t.Rows {
		b.WriteString("|")
		for i, cell := range row {
			switch {
			case cell == "":
			case t.Columns[i].Code:
				cell = MarkdownCode(cell)
			default:
				cell = MarkdownLine(cell)
			}
			b.WriteString(" " + cell + " |")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// LinkText is a related vendor as every writer names it.
func LinkText(l Link) string {
	if !l.Known {
		return l.ID + " (not in the catalogue)"
	}
	return l.Name
}

// MarkdownText escapes untrusted text for Markdown, the one policy every
// Markdown writer uses: control sequences go, the characters that start
// HTML (< > &) become entities so that a pasted card cannot inject markup,
// inline syntax is backslashed (emphasis, code, links, pipes, and ~ so
// that no run of them opens a fence or strikes text through), and each
// line is kept from starting a block: its indent goes (four spaces would
// start a code block) and a leading #, >, -, +, = (a setext underline) or
// "1." / "1)" (an ordered list) is backslashed.
func MarkdownText(s string) string {
	s = mdEscaper.Replace(data.CleanText(s))
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = mdLineStart(strings.TrimLeft(l, " "))
	}
	return strings.Join(lines, "\n")
}

// mdLineStart backslashes what would make the line start a block.
func mdLineStart(t string) string {
	if t == "" {
		return t
	}
	switch t[0] {
	case '#', '-', '+', '=':
		return "\\" + t
	}
	// An ordered list item: up to nine digits, then . or ).
	n := 0
	for n < len(t) && n < 10 && t[n] >= '0' && t[n] <= '9' {
		n++
	}
	if n > 0 && n < 10 && n < len(t) && (t[n] == '.' || t[n] == ')') {
		return t[:n] + "\\" + t[n:]
	}
	return t
}

var mdEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;",
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "|", `\|`, "~", `\~`)

// MarkdownLine is MarkdownText for one line (a table cell, a list item).
func MarkdownLine(s string) string { return strings.ReplaceAll(MarkdownText(s), "\n", " ") }

// MarkdownURL keeps a web address clickable but harmless: only http(s),
// with no spaces or angle brackets; anything else is shown as text.
func MarkdownURL(u string) string {
	u = data.CleanLine(u)
	if !(strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) || strings.ContainsAny(u, " <>\"") {
		return MarkdownLine(u)
	}
	return "<" + u + ">"
}

// MarkdownCode is a name or host as inline code, safe in a table cell. A
// table row is split on every | not backslashed before code spans are
// read, and nothing inside a code span can escape a backslash: a value
// holding one (a cookie named a\|b) is written as escaped text instead,
// or its \| would become \\| and split the cell.
func MarkdownCode(s string) string {
	s = strings.ReplaceAll(data.CleanLine(s), "`", "'")
	if strings.Contains(s, `\`) {
		return MarkdownLine(s)
	}
	s = strings.ReplaceAll(s, "|", `\|`)
	return "`" + s + "`"
}

func mdBold(s string) string { return "**" + MarkdownLine(s) + "**" }
