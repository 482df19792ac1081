package declare

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/card"
)

// Format is a declaration's output format.
type Format string

// The formats, in the order help text lists them.
const (
	Markdown Format = "md"
	HTML     Format = "html"
	CSV      Format = "csv"
	JSON     Format = "json"
)

// Formats lists every format with what it is for.
var Formats = data.NamedList[Format]{
	{Format: Markdown, Title: "Markdown, for a docs site", Aliases: []string{"markdown"}},
	{Format: HTML, Title: "one self-contained HTML file to paste into a page"},
	{Format: CSV, Title: "CSV, for a CMS or a spreadsheet"},
	{Format: JSON, Title: "JSON, for a CMS"},
}

// Extensions are the file extensions a declaration in f is named with,
// the usual one first.
func (f Format) Extensions() []string {
	switch f {
	case Markdown:
		return []string{".md", ".markdown"}
	case HTML:
		return []string{".html", ".htm"}
	}
	return []string{"." + string(f)}
}

// Write renders d in format f.
func Write(d Declaration, f Format) ([]byte, error) {
	switch f {
	case Markdown:
		return []byte(markdown(d)), nil
	case HTML:
		return []byte(htmlPage(d)), nil
	case CSV:
		return csvTable(d)
	case JSON:
		b, err := json.MarshalIndent(d, "", "  ")
		return append(b, '\n'), err
	}
	return nil, fmt.Errorf("unknown format %q", f)
}

// title is the declaration's heading.
func (d Declaration) title() string {
	if d.Site == "" {
		return "Cookie declaration"
	}
	return "Cookie declaration: " + d.Site
}

// lifetime is a row's lifetime as a table cell: declared, and observed
// when a scan saw something else.
func (r Row) lifetime() string {
	switch {
	case r.Lifetime == "" || r.Lifetime == "unknown":
		if r.Observed != "" {
			return r.Observed + " (observed)"
		}
		return "not published"
	case r.Observed != "" && r.Observed != r.Lifetime:
		return r.Lifetime + " (observed: " + r.Observed + ")"
	}
	return r.Lifetime
}

// party is a row's party as a table cell. A card that does not say on
// whose domain a cookie is set leaves it blank; a public table says so in
// words, the way it does for a lifetime, rather than show an empty cell.
func (r Row) party() string {
	if r.Party == "" {
		return "not published"
	}
	return r.Party
}

// empty is what a declaration says when a scan found nothing to declare.
const empty = "Nothing to declare was found: the evidence holds no cookie or storage key, and no vendor the catalogue knows."

func markdown(d Declaration) string {
	var b strings.Builder
	md, code := card.MarkdownLine, card.MarkdownCode
	fmt.Fprintf(&b, "# %s\n", md(d.title()))
	if len(d.Groups) == 0 {
		fmt.Fprintf(&b, "\n%s\n", empty)
	}
	for _, g := range d.Groups {
		fmt.Fprintf(&b, "\n## %s\n\n%s\n", md(g.Title), md(g.About))
		if len(g.Rows) > 0 {
			b.WriteString("\n| Name | Provider | Purpose | Lifetime | Kind | Party |\n|---|---|---|---|---|---|\n")
			for _, r := range g.Rows {
				// r.Advice is the site owner's, not the visitor's: the
				// command says it (AdviceNotes), the page does not.
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", code(r.Name), providerMD(r.Provider), md(r.Purpose), md(r.lifetime()), md(r.Kind), md(r.party()))
			}
		}
		for _, p := range g.Unnamed {
			fmt.Fprintf(&b, "\n%s: %s.\n", providerMD(p), md(p.Note))
		}
	}
	return b.String()
}

func providerMD(p Provider) string {
	s := card.MarkdownLine(p.Name)
	if p.Owner != "" {
		s += " (" + card.MarkdownLine(p.Owner) + ")"
	}
	if p.PrivacyPolicy != "" {
		s += ", privacy policy: " + card.MarkdownURL(p.PrivacyPolicy)
	}
	return s
}

// csvTable is one row per cookie with its group's category, for a CMS. A
// cell that a spreadsheet would run as a formula is quoted as text.
func csvTable(d Declaration) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	rows := [][]string{{"category", "needs_consent", "name", "pattern", "kind", "party", "provider", "owner", "purpose", "lifetime", "observed_lifetime", "privacy_policy", "advice"}}
	for _, g := range d.Groups {
		for _, r := range g.Rows {
			lifetime := r.Lifetime
			if lifetime == "unknown" {
				lifetime = ""
			}
			rows = append(rows, []string{g.Category, fmt.Sprint(g.NeedsConsent), r.Name, fmt.Sprint(r.Pattern), r.Kind, r.Party, r.Provider.Name, r.Provider.Owner, r.Purpose, lifetime, r.Observed, r.Provider.PrivacyPolicy, r.Advice})
		}
		for _, p := range g.Unnamed {
			rows = append(rows, []string{g.Category, fmt.Sprint(g.NeedsConsent), "", "false", "", "", p.Name, p.Owner, p.Note, "", "", p.PrivacyPolicy, ""})
		}
	}
	for _, row := range rows {
		for i, cell := range row {
			row[i] = csvCell(cell)
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// csvCell keeps a cell text in a spreadsheet: one starting with = + - @
// (or a tab or carriage return) would run as a formula, so it gets a
// leading apostrophe, as OWASP advises for CSV injection.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// htmlPage is one self-contained HTML file: inline CSS, no script, a
// table per category with a caption and header cells scoped to columns,
// every text escaped, and links only to http(s) addresses.
func htmlPage(d Declaration) string {
	var b strings.Builder
	e := html.EscapeString
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.45}
h1{font-size:1.6rem}
section{margin:2rem 0}
table{border-collapse:collapse;width:100%%;font-size:.92rem}
caption{text-align:left;padding:.4rem 0 .6rem}
caption .title{font-weight:600;font-size:1.15rem;margin-right:.5rem}
caption .about{display:block;margin-top:.2rem}
th,td{border:1px solid #d0d0d0;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.88em;overflow-wrap:break-word}
.scroll{overflow-x:auto}
@media (max-width:40rem){
 table,caption,tbody,tr,th,td{display:block;width:auto}
 thead{position:absolute;left:-9999px}
 tr{border:1px solid #d0d0d0;margin-bottom:.6rem}
 th,td{border:0;border-bottom:1px solid #eee}
 td[data-label]::before{content:attr(data-label) ": ";font-weight:600}
}
.consent{display:inline-block;border-radius:.25rem;padding:0 .4rem;font-size:.8rem;background:#fde2e2;color:#7a0010}
.consent.no{background:#dff3e4;color:#0d4a1c}
.note{color:#555}
p.caption .title{font-weight:600;font-size:1.15rem;margin-right:.5rem}
p.caption .about{display:block;margin-top:.2rem}
</style>
</head>
<body>
<h1>%s</h1>
`, e(d.title()), e(d.title()))
	if len(d.Groups) == 0 {
		fmt.Fprintf(&b, "<p>%s</p>\n", e(empty))
	}
	for _, g := range d.Groups {
		consent, class := "Needs consent", "consent"
		if !g.NeedsConsent {
			consent, class = "No consent needed", "consent no"
		}
		heading := fmt.Sprintf("<span class=\"title\">%s</span><span class=\"%s\">%s</span><span class=\"about\">%s</span>", e(g.Title), class, consent, e(g.About))
		fmt.Fprintf(&b, "<section id=\"%s\">\n", e(g.Category))
		if len(g.Rows) > 0 {
			fmt.Fprintf(&b, "<div class=\"scroll\">\n<table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Provider</th><th scope=\"col\">Purpose</th><th scope=\"col\">Lifetime</th><th scope=\"col\">Kind</th><th scope=\"col\">Party</th></tr></thead>\n<tbody>\n", heading)
			for _, r := range g.Rows {
				purpose := e(r.Purpose) // no r.Advice: see markdown
				fmt.Fprintf(&b, "<tr><th scope=\"row\"><code>%s</code></th><td data-label=\"Provider\">%s</td><td data-label=\"Purpose\">%s</td><td data-label=\"Lifetime\">%s</td><td data-label=\"Kind\">%s</td><td data-label=\"Party\">%s</td></tr>\n",
					e(r.Name), providerHTML(r.Provider), purpose, e(r.lifetime()), e(r.Kind), e(r.party()))
			}
			b.WriteString("</tbody>\n</table>\n</div>\n")
		} else {
			fmt.Fprintf(&b, "<p class=\"caption\">%s</p>\n", heading)
		}
		for _, p := range g.Unnamed {
			fmt.Fprintf(&b, "<p class=\"note\">%s: %s.</p>\n", providerHTML(p), e(p.Note))
		}
		b.WriteString("</section>\n")
	}
	b.WriteString("</body>\n</html>\n")
	return b.String()
}

func providerHTML(p Provider) string {
	e := html.EscapeString
	s := e(p.Name)
	if p.Owner != "" {
		s += " (" + e(p.Owner) + ")"
	}
	if u := p.PrivacyPolicy; strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
		s += `<br><a href="` + e(u) + `" rel="nofollow noopener">Privacy policy</a>`
	}
	return s
}
