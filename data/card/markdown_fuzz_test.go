package card

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// gfm is a real CommonMark parser with GitHub's tables: what the card is
// pasted into.
var gfm = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// wrap puts s between an a and a z on lines of their own, so that no field
// is empty and s starts a line.
func wrap(s string) string { return "a\n" + s + "\nz" }

// cardWith is a vendor whose every free-text field holds s, in the
// multi-line fields and the single-line ones, in table cells and in the
// code column.
func cardWith(s string) data.Vendor {
	return data.Vendor{
		ID: "hostile", Name: s, Owner: s, Aliases: []string{s}, Summary: s, Overview: s,
		Category: data.Analytics, SetsCookies: data.Yes,
		Domains:            []data.Domain{{Host: "hostile.example", Note: s}},
		Scripts:            []data.Script{{Name: s, Host: "cdn.hostile.example", Path: "/x.js", Description: s}},
		Storage:            []data.StorageItem{{Kind: data.Cookie, Name: s, Purpose: s}, {Kind: data.Cookie, Name: "plain", Purpose: s}},
		Permissions:        []data.Permission{{Name: data.PermissionName("camera"), When: s}},
		Compliance:         data.Compliance{GDPR: s, CCPA: s, Transfers: s},
		DataCollected:      []string{s},
		ConsentRequired:    data.Verdict{Value: data.AnswerYes, Reason: s, Advice: s},
		BlockBeforeConsent: data.Verdict{Value: data.AnswerYes, Reason: s},
		FAQ:                []data.FAQ{{Question: s, Answer: s}},
	}
}

// benign is what s says once cleaned, with the structure it is allowed to
// carry (its paragraphs, split at blank lines) and nothing else: each line
// with text becomes "x".
func benign(s string) string {
	lines := strings.Split(data.CleanText(s), "\n")
	for i, l := range lines {
		if strings.Trim(l, " ") != "" { // blank as Markdown sees it: spaces only
			lines[i] = "x"
		} else {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}

// skeleton is the block structure of a Markdown document: each block's kind
// (with a heading's level, a list's kind, a table row's cell count), nested,
// and whether any raw HTML or link made it through.
func skeleton(md string) string {
	src := []byte(md)
	doc := gfm.Parser().Parse(text.NewReader(src))
	var b strings.Builder
	depth := 0
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.Kind() {
		case ast.KindRawHTML, ast.KindHTMLBlock, ast.KindLink, ast.KindImage, extast.KindStrikethrough:
			if entering {
				fmt.Fprintf(&b, "%s!%s\n", strings.Repeat(" ", depth), n.Kind())
			}
			return ast.WalkContinue, nil
		}
		if n.Type() != ast.TypeBlock && n.Kind() != extast.KindTableCell {
			return ast.WalkContinue, nil
		}
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&b, "%s%s", strings.Repeat(" ", depth), n.Kind())
		switch x := n.(type) {
		case *ast.Heading:
			fmt.Fprintf(&b, " %d", x.Level)
		case *ast.List:
			fmt.Fprintf(&b, " ordered=%v", x.IsOrdered())
		}
		b.WriteByte('\n')
		depth++
		return ast.WalkContinue, nil
	})
	b.WriteString(gfmCells(md))
	return b.String()
}

// gfmCells counts the cells of each table row as GitHub's cmark-gfm splits
// them: a backslash escapes the next byte, whatever it is, and every other
// pipe ends a cell (goldmark looks only at the byte before a pipe, so it
// reads a\\|b as one cell where GitHub sees two).
func gfmCells(md string) string {
	var b strings.Builder
	for _, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		n := 0
		for i := 0; i < len(line); i++ {
			switch line[i] {
			case '\\':
				i++
			case '|':
				n++
			}
		}
		fmt.Fprintf(&b, "row of %d pipes\n", n)
	}
	return b.String()
}

// FuzzMarkdownCardKeepsItsStructure: whatever a vendor's fields say, the
// Markdown card has the headings, lists, tables and paragraphs of a card
// whose fields say "x", and no HTML, link or strike-through of its own.
func FuzzMarkdownCardKeepsItsStructure(f *testing.F) {
	for _, s := range []string{
		"~~~\nswallowed", "```go\nswallowed", "Title\n===", "Title\n---", "1. one", "2) two", "x\n\n    code",
		`a\|b`, "| x | y |", "<script>alert(1)</script>", "<div>\n\nx", "* * *", "___", "> quote", "# heading",
		"+ item", "- item", "[x](javascript:alert(1))", "![i](http://x)", "~~struck~~", "a\\", "x  \ny",
		"\t\tcode", "\n\n1. a\n2. b", "a\u202eb\x1b[2J", "&amp; &#60;", "<http://autolink>", "www.example.com",
		"[ref]: http://example.com", "\\*", "0.", "1234567890. x", "=", "x\n=", "\u00a0   code",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		md := Markdown(Build(cardWith(wrap(s)), nil))
		got := skeleton(md)
		want := skeleton(Markdown(Build(cardWith(benign(wrap(s))), nil)))
		if got != want {
			t.Errorf("the field %q changed the card's structure:\n%s\nwant:\n%s\nMarkdown:\n%s", s, got, want, md)
		}
	})
}
